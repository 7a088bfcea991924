"""Editors in the admin: the download requests readers sent.

Only users with the models' permissions see any of it; a user who merely has
admin access (a guest author) sees none.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from resources.choices import ReaderRole
from resources.models import DownloadRequest
from tests.admin_helpers import csv_rows, dutch, make_user, xlsx_rows
from tests.resources.factories import ResourcePageFactory

from .conftest import ADD_URL, LIST_URL, REPORT_URL, XLSX, listed_emails, request_url

pytestmark = pytest.mark.django_db


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
        assert request_url("inspect", download_requests["anna"]) in html

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
        response = editor.get(request_url("inspect", download_requests["anna"]))
        html = response.content.decode()
        assert "anna@deregenboog.nl" in html
        assert "Ik ga akkoord met de privacyverklaring." in html
        assert request_url("edit", download_requests["anna"]) not in html


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
        assert request_url("edit", download_requests["anna"]) not in html
        assert request_url("delete", download_requests["anna"]) in html

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
        assert editor.get(request_url("edit", anna)).url == reverse("wagtailadmin_home")
        response = editor.post(
            request_url("edit", anna),
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
        confirm = editor.get(request_url("delete", anna))
        assert (
            f"Downloadaanvraag {anna.pk} (Werkboek morele reflectie)" in confirm.content.decode()
        )
        response = editor.post(request_url("delete", anna))
        assert response.status_code == 302
        assert not DownloadRequest.objects.filter(pk=anna.pk).exists()
        assert listed_emails(editor.get(LIST_URL)) == {"bram@hetkompas.nl"}

    def test_site_history_keeps_no_trace_of_the_reader(self, editor, download_requests):
        anna = download_requests["anna"]
        editor.post(request_url("delete", anna), follow=True)  # shows the "deleted" message
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
        assert request_url("delete", download_requests["anna"]) not in html
        client.post(request_url("delete", download_requests["anna"]))
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
        assert guest.get(request_url("inspect", anna)).url == reverse("wagtailadmin_home")
        guest.post(request_url("delete", anna))
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
