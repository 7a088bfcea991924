"""Editors in the admin: the newsletter's subscribers.

Only users with the models' permissions see any of it; a user who merely has
admin access (a guest author) sees none.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from newsletter.models import DELETED_EMAIL, Delivery, Subscriber
from tests.admin_helpers import csv_rows, dutch, make_user, xlsx_rows

from .conftest import (
    AJAX,
    MAILINGS_URL,
    SUBSCRIBER_ADD_URL,
    SUBSCRIBERS_URL,
    XLSX,
    confirmed_subscriber,
    listed_emails,
    listing_results,
    mailing_url,
    shows_the_left_subscriber,
    subscriber_url,
)

pytestmark = pytest.mark.django_db


class TestSubscriberListing:
    def test_editor_sees_every_subscriber_with_the_details(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL)
        assert response.status_code == 200
        assert listed_emails(response) == {"anna@deregenboog.nl", "bram@hetkompas.nl"}
        text = listing_results(response).get_text()
        for choice in (
            Subscriber.Status.CONFIRMED,
            Subscriber.Status.PENDING,
            Subscriber.Status.UNSUBSCRIBED,
            Subscriber.Source.FOOTER,
            Subscriber.Source.DOWNLOAD,
        ):
            assert dutch(choice.label) in text
        # Each subscriber opens in the read-only inspect view.
        assert subscriber_url("inspect", subscribers["anna"]) in response.content.decode()

    def test_a_subscriber_who_left_is_listed_without_an_address(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL)
        assert shows_the_left_subscriber(response)
        link = listing_results(response).find(
            "a", href=subscriber_url("inspect", subscribers["carla"])
        )
        assert link.get_text(strip=True) == dutch(DELETED_EMAIL)

    def test_filter_by_status(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL, {"status": "pending"})
        assert listed_emails(response) == {"bram@hetkompas.nl"}
        assert not shows_the_left_subscriber(response)

    def test_filter_by_source(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL, {"source": "footer"})
        assert listed_emails(response) == {"anna@deregenboog.nl"}
        assert not shows_the_left_subscriber(response)

    def test_filter_by_signup_period(self, editor, subscribers):
        response = editor.get(
            SUBSCRIBERS_URL, {"created_at_from": "2025-03-01", "created_at_to": "2025-03-03"}
        )
        assert listed_emails(response) == {"anna@deregenboog.nl"}
        assert not shows_the_left_subscriber(response)

    def test_search_by_email(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL, {"q": "hetkompas"})
        assert listed_emails(response) == {"bram@hetkompas.nl"}
        assert not shows_the_left_subscriber(response)

    def test_queries_do_not_grow_with_the_rows(self, editor, subscribers):
        editor.get(SUBSCRIBERS_URL)  # the site and the like, remembered from then on
        with CaptureQueriesContext(connection) as few:
            editor.get(SUBSCRIBERS_URL)
        for n in range(5):
            confirmed_subscriber(f"lezer{n}@voorbeeld.nl")
        with CaptureQueriesContext(connection) as many:
            response = editor.get(SUBSCRIBERS_URL)
        assert "lezer4@voorbeeld.nl" in response.content.decode()
        assert len(many) == len(few)

    def test_inspect_shows_the_consent_as_worded(self, editor, subscribers):
        anna = subscribers["anna"]
        html = editor.get(subscriber_url("inspect", anna)).content.decode()
        assert "anna@deregenboog.nl" in html
        assert "Ja, stuur mij de nieuwsbrief." in html
        assert subscriber_url("edit", anna) not in html
        assert subscriber_url("delete", anna) in html

    def test_inspect_says_why_the_address_is_gone(self, editor, subscribers):
        html = editor.get(subscriber_url("inspect", subscribers["carla"])).content.decode()
        details = BeautifulSoup(html, "html.parser").find("dl").get_text(" ", strip=True)
        assert dutch(DELETED_EMAIL) in details
        # In the editors' time, and no "None" where there is no date.
        assert "1 maart 2025 20:00" in details
        assert "None" not in details


class TestSubscriberExport:
    def test_csv_has_the_filtered_subscribers_in_local_time(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL, {"export": "csv", "source": "footer"})
        assert response["Content-Type"] == "text/csv"
        assert 'filename="subscribers-' in response["Content-Disposition"]
        heading, *rows = csv_rows(response)
        assert len(heading) == 10
        assert rows == [
            [
                "anna@deregenboog.nl",
                dutch(Subscriber.Status.CONFIRMED.label),
                dutch(Subscriber.Source.FOOTER.label),
                "2025-03-03 09:30",
                "2025-03-03 09:30",
                "2025-03-03 09:45",
                "",
                "Ja, stuur mij de nieuwsbrief.",
                dutch(Subscriber.Preference.EVERY_ARTICLE.label),
                "",
            ]
        ]

    def test_csv_keeps_a_subscriber_who_left_without_an_address(self, editor, subscribers):
        heading, row = csv_rows(
            editor.get(SUBSCRIBERS_URL, {"export": "csv", "status": "unsubscribed"})
        )
        assert row[0] == ""
        assert row[1] == dutch(Subscriber.Status.UNSUBSCRIBED.label)
        assert row[6] == "2025-03-01 20:00"

    def test_csv_never_turns_a_readers_text_into_a_formula(self, editor):
        Subscriber.objects.create(
            email="=cmd@voorbeeld.nl",
            source=Subscriber.Source.FOOTER,
            consent_text='=HYPERLINK("http://voorbeeld.nl","klik")',
        )
        heading, row = csv_rows(editor.get(SUBSCRIBERS_URL, {"export": "csv"}))
        assert row[0] == "'=cmd@voorbeeld.nl"
        assert row[7] == """'=HYPERLINK("http://voorbeeld.nl","klik")"""

    def test_xlsx_is_a_workbook_with_the_subscribers(self, editor, subscribers):
        response = editor.get(SUBSCRIBERS_URL, {"export": "xlsx", "q": "anna"})
        assert response["Content-Type"] == XLSX
        heading, *rows = xlsx_rows(response)
        assert len(rows) == 1
        assert rows[0][:4] == [
            "anna@deregenboog.nl",
            dutch(Subscriber.Status.CONFIRMED.label),
            dutch(Subscriber.Source.FOOTER.label),
            datetime.datetime(2025, 3, 3, 9, 30),
        ]


class TestSubscribersAreNeverAddedOrEdited:
    """A subscriber is a record of what a reader sent: not even a superuser makes or edits one."""

    def test_listing_offers_no_add_edit_or_copy(self, editor, subscribers):
        html = editor.get(SUBSCRIBERS_URL).content.decode()
        assert SUBSCRIBER_ADD_URL not in html
        assert subscriber_url("edit", subscribers["anna"]) not in html
        assert "/copy/" not in html
        assert subscriber_url("delete", subscribers["anna"]) in html

    def test_add_is_refused(self, editor, subscribers):
        assert editor.get(SUBSCRIBER_ADD_URL).url == reverse("wagtailadmin_home")
        response = editor.post(
            SUBSCRIBER_ADD_URL,
            {
                "email": "verzonnen@voorbeeld.nl",
                "status": "confirmed",
                "source": "footer",
                "consent_text": "Bedacht door een redacteur.",
            },
        )
        assert response.url == reverse("wagtailadmin_home")
        assert not Subscriber.objects.filter(email="verzonnen@voorbeeld.nl").exists()

    def test_edit_is_refused(self, editor, subscribers):
        bram = subscribers["bram"]
        assert editor.get(subscriber_url("edit", bram)).url == reverse("wagtailadmin_home")
        response = editor.post(
            subscriber_url("edit", bram),
            {"email": "iemand-anders@voorbeeld.nl", "status": "confirmed", "source": "footer"},
        )
        assert response.url == reverse("wagtailadmin_home")
        bram.refresh_from_db()
        assert bram.email == "bram@hetkompas.nl"
        assert bram.status == Subscriber.Status.PENDING

    def test_delete_removes_the_subscriber_but_keeps_the_mailings_figures(
        self, editor, subscribers, mailing_to_anna
    ):
        anna = subscribers["anna"]
        response = editor.post(subscriber_url("delete", anna))
        assert response.status_code == 302
        assert not Subscriber.objects.filter(pk=anna.pk).exists()
        delivery = mailing_to_anna.deliveries.get()
        assert delivery.subscriber is None
        assert delivery.status == Delivery.Status.SENT
        assert listed_emails(editor.get(SUBSCRIBERS_URL)) == {"bram@hetkompas.nl"}


class TestEditorsGroupPermissions:
    def test_view_permission_is_enough_to_read_subscribers_but_not_to_delete(
        self, client, django_user_model, subscribers
    ):
        client.force_login(make_user(django_user_model, "redacteur", "newsletter.view_subscriber"))
        response = client.get(SUBSCRIBERS_URL)
        assert listed_emails(response) == {"anna@deregenboog.nl", "bram@hetkompas.nl"}
        assert subscriber_url("delete", subscribers["anna"]) not in response.content.decode()
        client.post(subscriber_url("delete", subscribers["anna"]))
        assert Subscriber.objects.filter(pk=subscribers["anna"].pk).exists()
        # Subscribers and mailings have a permission each.
        assert client.get(MAILINGS_URL).url == reverse("wagtailadmin_home")

    def test_groups_are_offered_only_what_the_admin_allows(self, editor):
        codenames = {
            permission.codename
            for hook in hooks.get_hooks("register_permissions")
            for permission in hook()
            if permission.content_type.app_label == "newsletter"
        }
        assert codenames == {
            "view_subscriber",
            "delete_subscriber",
            "view_mailing",
            "retry_mailing",
        }


class TestGuestAuthorsSeeNothing:
    def test_listings_are_refused(self, guest, subscribers, mailing):
        for url in (SUBSCRIBERS_URL, MAILINGS_URL):
            assert guest.get(url).url == reverse("wagtailadmin_home")
        html = guest.get(SUBSCRIBERS_URL, follow=True).content.decode()
        assert "anna@deregenboog.nl" not in html

    def test_export_inspect_and_delete_are_refused(self, guest, subscribers):
        anna = subscribers["anna"]
        response = guest.get(SUBSCRIBERS_URL, {"export": "csv"})
        assert response.url == reverse("wagtailadmin_home")
        assert guest.get(subscriber_url("inspect", anna)).url == reverse("wagtailadmin_home")
        guest.post(subscriber_url("delete", anna))
        assert Subscriber.objects.filter(pk=anna.pk).exists()

    def test_retry_is_refused(self, guest, mailing, django_capture_on_commit_callbacks):
        # Wagtail answers a refusal with the dashboard and a message (403 to scripts).
        with django_capture_on_commit_callbacks(execute=True):
            response = guest.post(mailing_url("retry", mailing))
            assert response.url == reverse("wagtailadmin_home")
            assert guest.post(mailing_url("retry", mailing), headers=AJAX).status_code == 403
        assert mailing.counts()["failed"] == 2
        assert mail.outbox == []

    def test_menu_shows_no_newsletter(self, guest, editor_home_html):
        html = guest.get(reverse("wagtailadmin_home")).content.decode()
        assert SUBSCRIBERS_URL not in html
        assert MAILINGS_URL not in html
        # ...where an editor finds both.
        assert SUBSCRIBERS_URL in editor_home_html
        assert MAILINGS_URL in editor_home_html
