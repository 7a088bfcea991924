"""Editors in the admin: how often each download was downloaded (report and dashboard).

Only users with the models' permissions see any of it; a user who merely has
admin access (a guest author) sees none.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertInHTML

from resources.models import DownloadRequest, DownloadTally
from tests.admin_helpers import csv_rows, make_user, xlsx_rows
from tests.resources.factories import ResourcePageFactory

from .conftest import LIST_URL, REPORT_URL, XLSX

pytestmark = pytest.mark.django_db


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
