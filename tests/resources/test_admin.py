"""Editors in the admin: the download requests readers sent, and the download counts.

Only users with the models' permissions see any of it (superusers now, an
editors group later); a user who merely has admin access (a guest author) sees none.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertInHTML
from wagtail.models import ModelLogEntry

from resources.choices import ReaderRole
from resources.models import DownloadRequest, DownloadTally
from tests.admin_helpers import csv_rows, dutch, make_user, xlsx_rows
from tests.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("download_requests:index")
ADD_URL = reverse("download_requests:add")
REPORT_URL = reverse("downloads_per_week:index")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def snippet_url(action, download_request):
    return reverse(f"download_requests:{action}", args=[download_request.pk])


def amsterdam(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def workbook(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Werkboek morele reflectie")


@pytest.fixture
def checklist(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Checklist zorgoverleg")


@pytest.fixture
def download_requests(workbook, checklist):
    return {
        "anna": DownloadRequest.objects.create(
            resource=workbook,
            email="anna@deregenboog.nl",
            name="Anna de Vries",
            role=ReaderRole.SCHOOL_LEADER,
            newsletter=True,
            consent_text="Ik ga akkoord met de privacyverklaring.",
            created_at=amsterdam(2025, 3, 3, 9, 30),
        ),
        "bram": DownloadRequest.objects.create(
            resource=checklist,
            email="bram@hetkompas.nl",
            name="Bram Jansen",
            role=ReaderRole.CARE_COORDINATOR,
            consent_text="Ik ga akkoord met de privacyverklaring.",
            created_at=amsterdam(2025, 3, 12, 14, 0),
        ),
    }


def listed_emails(response):
    """The addresses in the listing's table (not in, say, a "deleted" message)."""
    html = response.content.decode()
    results = html.split('id="listing-results"')[-1]
    return {email for email in ("anna@deregenboog.nl", "bram@hetkompas.nl") if email in results}


class TestDownloadRequestListing:
    def test_editor_sees_every_request_with_its_details(self, editor, download_requests):
        response = editor.get(LIST_URL)
        html = response.content.decode()
        assert response.status_code == 200
        assert listed_emails(response) == {"anna@deregenboog.nl", "bram@hetkompas.nl"}
        for text in ("Anna de Vries", "Werkboek morele reflectie", "Checklist zorgoverleg"):
            assert text in html
        assert dutch(ReaderRole.CARE_COORDINATOR.label) in html
        # Each request opens in the read-only inspect view.
        assert snippet_url("inspect", download_requests["anna"]) in html

    def test_filter_by_resource(self, editor, download_requests, checklist):
        response = editor.get(LIST_URL, {"resource": checklist.pk})
        assert listed_emails(response) == {"bram@hetkompas.nl"}

    def test_filter_by_period(self, editor, download_requests):
        response = editor.get(
            LIST_URL, {"created_at_from": "2025-03-10", "created_at_to": "2025-03-16"}
        )
        assert listed_emails(response) == {"bram@hetkompas.nl"}

    def test_period_includes_its_last_day(self, editor, download_requests):
        response = editor.get(LIST_URL, {"created_at_to": "2025-03-03"})
        assert listed_emails(response) == {"anna@deregenboog.nl"}

    def test_search_by_email(self, editor, download_requests):
        response = editor.get(LIST_URL, {"q": "hetkompas"})
        assert listed_emails(response) == {"bram@hetkompas.nl"}

    def test_search_by_name(self, editor, download_requests):
        response = editor.get(LIST_URL, {"q": "de vries"})
        assert listed_emails(response) == {"anna@deregenboog.nl"}

    def test_queries_do_not_grow_with_the_rows(self, editor, download_requests, resource_index):
        with CaptureQueriesContext(connection) as few:
            editor.get(LIST_URL)
        for n in range(5):
            DownloadRequest.objects.create(
                resource=ResourcePageFactory(parent=resource_index),
                email=f"lezer{n}@voorbeeld.nl",
                consent_text="Akkoord.",
            )
        with CaptureQueriesContext(connection) as many:
            response = editor.get(LIST_URL)
        assert "lezer4@voorbeeld.nl" in response.content.decode()
        assert len(many) == len(few)

    def test_inspect_shows_the_consent_as_worded(self, editor, download_requests):
        response = editor.get(snippet_url("inspect", download_requests["anna"]))
        html = response.content.decode()
        assert "anna@deregenboog.nl" in html
        assert "Ik ga akkoord met de privacyverklaring." in html
        assert snippet_url("edit", download_requests["anna"]) not in html


class TestDownloadRequestExport:
    def test_csv_has_the_filtered_requests_in_local_time(
        self, editor, download_requests, workbook
    ):
        response = editor.get(LIST_URL, {"export": "csv", "resource": workbook.pk})
        assert response["Content-Type"] == "text/csv"
        assert 'filename="download-requests-' in response["Content-Disposition"]
        heading, *rows = csv_rows(response)
        assert len(heading) == 7
        assert rows == [
            [
                "2025-03-03 09:30",
                "anna@deregenboog.nl",
                "Anna de Vries",
                dutch(ReaderRole.SCHOOL_LEADER.label),
                "Werkboek morele reflectie",
                "True",
                "Ik ga akkoord met de privacyverklaring.",
            ]
        ]

    def test_csv_never_turns_a_readers_text_into_a_formula(self, editor, workbook):
        DownloadRequest.objects.create(
            resource=workbook,
            email="=cmd@voorbeeld.nl",
            name='=HYPERLINK("http://voorbeeld.nl","klik")',
            consent_text="Akkoord.",
        )
        heading, row = csv_rows(editor.get(LIST_URL, {"export": "csv"}))
        assert row[1] == "'=cmd@voorbeeld.nl"
        assert row[2] == """'=HYPERLINK("http://voorbeeld.nl","klik")"""

    def test_xlsx_is_a_workbook_with_the_requests(self, editor, download_requests):
        response = editor.get(LIST_URL, {"export": "xlsx", "q": "anna"})
        assert response["Content-Type"] == XLSX
        assert ".xlsx" in response["Content-Disposition"]
        heading, *rows = xlsx_rows(response)
        assert len(rows) == 1
        assert rows[0][:5] == [
            datetime.datetime(2025, 3, 3, 9, 30),
            "anna@deregenboog.nl",
            "Anna de Vries",
            dutch(ReaderRole.SCHOOL_LEADER.label),
            "Werkboek morele reflectie",
        ]


class TestRequestsAreNeverAddedOrEdited:
    """A request is a record of what a reader sent: not even a superuser makes or changes one."""

    def test_listing_offers_no_add_or_edit(self, editor, download_requests):
        html = editor.get(LIST_URL).content.decode()
        assert ADD_URL not in html
        assert snippet_url("edit", download_requests["anna"]) not in html
        assert snippet_url("delete", download_requests["anna"]) in html

    def test_add_is_refused(self, editor, download_requests, workbook):
        assert editor.get(ADD_URL).url == reverse("wagtailadmin_home")
        response = editor.post(
            ADD_URL,
            {
                "resource": workbook.pk,
                "email": "verzonnen@voorbeeld.nl",
                "consent_text": "Bedacht door een redacteur.",
                "created_at": "2025-03-01 10:00",
            },
        )
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert not DownloadRequest.objects.filter(email="verzonnen@voorbeeld.nl").exists()
        assert DownloadRequest.objects.count() == 2

    def test_edit_is_refused(self, editor, download_requests, checklist):
        anna = download_requests["anna"]
        assert editor.get(snippet_url("edit", anna)).url == reverse("wagtailadmin_home")
        response = editor.post(
            snippet_url("edit", anna),
            {
                "resource": checklist.pk,
                "email": "iemand-anders@voorbeeld.nl",
                "name": "Iemand anders",
                "consent_text": "Aangepast.",
                "created_at": "2025-03-01 10:00",
            },
        )
        assert response.url == reverse("wagtailadmin_home")
        anna.refresh_from_db()
        assert anna.email == "anna@deregenboog.nl"
        assert anna.resource_id != checklist.pk
        assert anna.consent_text == "Ik ga akkoord met de privacyverklaring."

    def test_copy_is_not_offered(self, editor, download_requests):
        # Copying is adding: there is no copy URL at all.
        html = editor.get(LIST_URL).content.decode()
        assert "/copy/" not in html

    def test_delete_removes_the_request(self, editor, download_requests):
        anna = download_requests["anna"]
        confirm = editor.get(snippet_url("delete", anna))
        assert (
            f"Downloadaanvraag {anna.pk} (Werkboek morele reflectie)" in confirm.content.decode()
        )
        response = editor.post(snippet_url("delete", anna))
        assert response.status_code == 302
        assert not DownloadRequest.objects.filter(pk=anna.pk).exists()
        assert listed_emails(editor.get(LIST_URL)) == {"bram@hetkompas.nl"}

    def test_site_history_keeps_no_trace_of_the_reader(self, editor, download_requests):
        anna = download_requests["anna"]
        editor.post(snippet_url("delete", anna), follow=True)  # shows the "deleted" message
        entry = ModelLogEntry.objects.get(action="wagtail.delete")
        assert entry.object_id == str(anna.pk)
        assert "Werkboek morele reflectie" in entry.label
        assert "anna" not in entry.label.lower()
        history = editor.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        assert "Werkboek morele reflectie" in history
        assert "anna@deregenboog.nl" not in history
        assert "Anna de Vries" not in history


class TestEditorsGroupPermissions:
    def test_view_permission_is_enough_to_read_but_not_to_delete(
        self, client, django_user_model, download_requests
    ):
        client.force_login(
            make_user(django_user_model, "redacteur", "resources.view_downloadrequest")
        )
        html = client.get(LIST_URL).content.decode()
        assert listed_emails(client.get(LIST_URL)) == {
            "anna@deregenboog.nl",
            "bram@hetkompas.nl",
        }
        assert snippet_url("delete", download_requests["anna"]) not in html
        client.post(snippet_url("delete", download_requests["anna"]))
        assert DownloadRequest.objects.filter(pk=download_requests["anna"].pk).exists()

    def test_groups_are_offered_only_view_and_delete(self, editor):
        from wagtail import hooks

        codenames = {
            permission.codename
            for hook in hooks.get_hooks("register_permissions")
            for permission in hook()
            if permission.content_type.app_label == "resources"
        }
        assert {"view_downloadrequest", "delete_downloadrequest"} <= codenames
        assert not {"add_downloadrequest", "change_downloadrequest"} & codenames
        assert "view_downloadtally" in codenames


class TestGuestAuthorsSeeNothing:
    def test_listing_is_refused(self, guest, download_requests):
        response = guest.get(LIST_URL)
        assert response.url == reverse("wagtailadmin_home")
        assert "anna@deregenboog.nl" not in guest.get(LIST_URL, follow=True).content.decode()

    def test_export_is_refused(self, guest, download_requests):
        response = guest.get(LIST_URL, {"export": "csv"})
        assert response.url == reverse("wagtailadmin_home")
        assert "anna@deregenboog.nl" not in response.content.decode()

    def test_inspect_and_delete_are_refused(self, guest, download_requests):
        anna = download_requests["anna"]
        assert guest.get(snippet_url("inspect", anna)).url == reverse("wagtailadmin_home")
        guest.post(snippet_url("delete", anna))
        assert DownloadRequest.objects.filter(pk=anna.pk).exists()

    def test_menu_and_dashboard_show_no_downloads(self, guest, editor_tallies):
        html = guest.get(reverse("wagtailadmin_home")).content.decode()
        assert LIST_URL not in html
        assert REPORT_URL not in html
        assert 'id="downloads-last-weeks"' not in html
        assert "Werkboek morele reflectie" not in html

    def test_report_is_refused(self, guest, tallies):
        response = guest.get(REPORT_URL)
        assert response.url == reverse("wagtailadmin_home")
        assert (
            "Werkboek morele reflectie" not in guest.get(REPORT_URL, follow=True).content.decode()
        )
        assert guest.get(REPORT_URL, {"export": "csv"}).get("Content-Type") != "text/csv"


@pytest.fixture
def tallies(workbook, checklist):
    """Downloads on days in two weeks: Monday 3 and Monday 10 March 2025 start them."""
    for resource, day, count in (
        (workbook, datetime.date(2025, 3, 3), 2),
        (workbook, datetime.date(2025, 3, 5), 3),
        (workbook, datetime.date(2025, 3, 10), 4),
        (checklist, datetime.date(2025, 3, 4), 1),
    ):
        DownloadTally.objects.create(resource=resource, day=day, count=count)


@pytest.fixture
def editor_tallies(workbook):
    """Downloads this week and five weeks ago, for the dashboard's last four weeks."""
    today = timezone.localdate()
    DownloadTally.objects.create(resource=workbook, day=today, count=6)
    DownloadTally.objects.create(
        resource=workbook, day=today - datetime.timedelta(days=35), count=50
    )


class TestDownloadsPerWeekReport:
    def test_weekly_sums_per_resource(self, editor, tallies):
        response = editor.get(REPORT_URL, {"export": "csv"})
        assert response["Content-Type"] == "text/csv"
        heading, *rows = csv_rows(response)
        assert rows == [
            ["2025-03-10", "Werkboek morele reflectie", "4"],
            ["2025-03-03", "Checklist zorgoverleg", "1"],
            ["2025-03-03", "Werkboek morele reflectie", "5"],
        ]

    def test_page_shows_the_weeks_and_the_totals_per_resource(
        self, editor, tallies, download_requests
    ):
        response = editor.get(REPORT_URL)
        html = response.content.decode()
        assert response.status_code == 200
        with translation.override("nl"):
            week = "10 maart 2025"
        assert week in html
        # Per resource: downloads (2 + 3 + 4) and download requests (1).
        assertInHTML(
            '<tr><th scope="row">Werkboek morele reflectie</th><td>9</td><td>1</td></tr>', html
        )
        assertInHTML(
            '<tr><th scope="row">Checklist zorgoverleg</th><td>1</td><td>1</td></tr>', html
        )

    def test_period_filters_days_before_adding_them_up(self, editor, tallies, download_requests):
        period = {"day_from": "2025-03-05", "day_to": "2025-03-10"}
        heading, *rows = csv_rows(editor.get(REPORT_URL, {**period, "export": "csv"}))
        assert rows == [
            ["2025-03-10", "Werkboek morele reflectie", "4"],
            ["2025-03-03", "Werkboek morele reflectie", "3"],
        ]
        html = editor.get(REPORT_URL, period).content.decode()
        # Anna asked on 3 March, Bram on 12 March: neither in this period.
        assertInHTML(
            '<tr><th scope="row">Werkboek morele reflectie</th><td>7</td><td>0</td></tr>', html
        )
        assert "Checklist zorgoverleg" not in html.split('id="downloads-per-resource"')[1]

    def test_filters_refresh_the_results_in_place(self, editor, tallies, checklist):
        response = editor.get(reverse("downloads_per_week:results"), {"resource": checklist.pk})
        html = response.content.decode()
        assert "<html" not in html
        assertInHTML(
            '<tr><th scope="row">Checklist zorgoverleg</th><td>1</td><td>0</td></tr>', html
        )
        assert "Werkboek morele reflectie" not in html

    def test_resource_filter(self, editor, tallies, checklist):
        heading, *rows = csv_rows(
            editor.get(REPORT_URL, {"resource": checklist.pk, "export": "csv"})
        )
        assert rows == [["2025-03-03", "Checklist zorgoverleg", "1"]]

    def test_xlsx_export(self, editor, tallies):
        response = editor.get(REPORT_URL, {"export": "xlsx"})
        assert response["Content-Type"] == XLSX
        assert 'filename="downloads-per-week.xlsx"' in response["Content-Disposition"]
        heading, *rows = xlsx_rows(response)
        assert rows[0] == [datetime.date(2025, 3, 10), "Werkboek morele reflectie", 4]
        assert len(rows) == 3

    def test_queries_do_not_grow_with_the_rows(self, editor, tallies, resource_index):
        with CaptureQueriesContext(connection) as few:
            editor.get(REPORT_URL)
        for n in range(5):
            resource = ResourcePageFactory(parent=resource_index)
            for week in range(4):
                DownloadTally.objects.create(
                    resource=resource, day=datetime.date(2025, 1, 6 + 7 * week), count=n + 1
                )
            DownloadRequest.objects.create(
                resource=resource, email=f"lezer{n}@voorbeeld.nl", consent_text="Akkoord."
            )
        with CaptureQueriesContext(connection) as many:
            response = editor.get(REPORT_URL)
        assert response.content.decode().count("<tr") > 20
        assert len(many) == len(few)

    def test_permission_to_view_counts_opens_the_report(self, client, django_user_model, tallies):
        client.force_login(
            make_user(django_user_model, "redacteur", "resources.view_downloadtally")
        )
        response = client.get(REPORT_URL)
        assert response.status_code == 200
        assert "Werkboek morele reflectie" in response.content.decode()
        # ...but not the requests, which need their own permission.
        assert client.get(LIST_URL).url == reverse("wagtailadmin_home")


class TestDashboardPanel:
    def test_editor_sees_the_last_four_weeks(self, editor, editor_tallies):
        html = editor.get(reverse("wagtailadmin_home")).content.decode()
        assert LIST_URL in html  # the menu
        assert REPORT_URL in html
        assert 'id="downloads-last-weeks"' in html
        # This week's 6 downloads, not the 50 of five weeks ago.
        assertInHTML('<tr><th scope="row">Werkboek morele reflectie</th><td>6</td></tr>', html)
        since = timezone.localdate() - datetime.timedelta(days=27)
        assert f"{REPORT_URL}?day_from={since.isoformat()}" in html

    def test_panel_needs_the_permission_to_view_counts(
        self, client, django_user_model, editor_tallies
    ):
        client.force_login(
            make_user(django_user_model, "redacteur", "resources.view_downloadtally")
        )
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert 'id="downloads-last-weeks"' in html
        assert "Werkboek morele reflectie" in html
