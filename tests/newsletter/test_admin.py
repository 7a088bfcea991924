"""Editors in the admin: the newsletter's subscribers, and how each article's mailing went.

Only users with the models' permissions see any of it (superusers now, an
editors group later); a user who merely has admin access (a guest author) sees none.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import ngettext
from wagtail import hooks

from newsletter.models import DELETED_EMAIL, Delivery, Mailing, Subscriber
from tests.admin_helpers import csv_rows, dutch, make_user, xlsx_rows
from tests.factories import ArticlePageFactory

from .conftest import confirmed_subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBERS_URL = reverse("subscribers:index")
SUBSCRIBER_ADD_URL = reverse("subscribers:add")
MAILINGS_URL = reverse("mailings:index")
MAILING_ADD_URL = reverse("mailings:add")
AJAX = {"x-requested-with": "XMLHttpRequest"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def subscriber_url(action, subscriber):
    return reverse(f"subscribers:{action}", args=[subscriber.pk])


def mailing_url(action, mailing):
    return reverse(f"mailings:{action}", args=[mailing.pk])


def amsterdam(*args):
    return timezone.make_aware(datetime.datetime(*args))


# Subscribers


@pytest.fixture
def subscribers():
    return {
        "anna": Subscriber.objects.create(
            email="anna@deregenboog.nl",
            status=Subscriber.Status.CONFIRMED,
            source=Subscriber.Source.FOOTER,
            consent_text="Ja, stuur mij de nieuwsbrief.",
            created_at=amsterdam(2025, 3, 3, 9, 30),
            confirmation_sent_at=amsterdam(2025, 3, 3, 9, 30),
            confirmed_at=amsterdam(2025, 3, 3, 9, 45),
        ),
        "bram": Subscriber.objects.create(
            email="bram@hetkompas.nl",
            status=Subscriber.Status.PENDING,
            source=Subscriber.Source.DOWNLOAD,
            consent_text="Ik wil de nieuwsbrief ontvangen.",
            created_at=amsterdam(2025, 3, 12, 14, 0),
        ),
        # Left: the address and the consent are gone, the dates stay.
        "carla": Subscriber.objects.create(
            email="",
            status=Subscriber.Status.UNSUBSCRIBED,
            source=Subscriber.Source.ARTICLE,
            created_at=amsterdam(2025, 2, 1, 8, 0),
            confirmed_at=amsterdam(2025, 2, 1, 8, 5),
            unsubscribed_at=amsterdam(2025, 3, 1, 20, 0),
        ),
    }


def listing_results(response):
    """The listing's table (not, say, the "deleted" message above it)."""
    return BeautifulSoup(response.content, "html.parser").find(id="listing-results")


def listed_emails(response):
    text = listing_results(response).get_text()
    return {email for email in ("anna@deregenboog.nl", "bram@hetkompas.nl") if email in text}


def shows_the_left_subscriber(response):
    return dutch(DELETED_EMAIL) in listing_results(response).get_text()


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
        assert len(heading) == 8
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


@pytest.fixture
def mailing_to_anna(subscribers, blog_index):
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    Delivery.objects.create(
        mailing=mailing, subscriber=subscribers["anna"], status=Delivery.Status.SENT
    )
    return mailing


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


# Mailings


def add_deliveries(mailing, status, number):
    for _ in range(number):
        subscriber = confirmed_subscriber(f"lezer{Subscriber.objects.count()}@voorbeeld.nl")
        Delivery.objects.create(mailing=mailing, subscriber=subscriber, status=status)


def make_mailing(blog_index, title, **deliveries):
    """A mailing of a new article, queued: `failed=2` adds two failed deliveries."""
    article = ArticlePageFactory(parent=blog_index, title=title)
    mailing = Mailing.objects.create(page=article, queued_at=timezone.now())
    for status, number in deliveries.items():
        add_deliveries(mailing, status, number)
    return mailing


@pytest.fixture
def mailing(blog_index):
    return make_mailing(
        blog_index, "Het lastige gesprek", pending=2, sending=1, sent=5, failed=2, cancelled=1
    )


def table_rows(response):
    """The listing's rows, each a dict of the column headings and the cells' text."""
    table = listing_results(response).find("table")
    headings = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]

    def text(cell):
        # A title cell also holds its row's menu of actions.
        return (cell.find(class_="title-wrapper") or cell).get_text(" ", strip=True)

    return [
        dict(zip(headings, map(text, row.find_all("td")), strict=True))
        for row in table.tbody.find_all("tr")
    ]


def figures(row):
    return [
        row[dutch(status.label)]
        for status in (
            Delivery.Status.PENDING,  # headed "Queued": waiting and being sent
            Delivery.Status.SENT,
            Delivery.Status.FAILED,
            Delivery.Status.CANCELLED,
        )
    ]


class TestMailingListing:
    def test_each_article_with_its_figures(self, editor, mailing, blog_index):
        make_mailing(blog_index, "Stilte in de teamkamer", sent=3)
        response = editor.get(MAILINGS_URL)
        assert response.status_code == 200
        article = capfirst(dutch(Mailing._meta.get_field("page").verbose_name))
        rows = {row[article]: row for row in table_rows(response)}
        assert figures(rows["Het lastige gesprek"]) == ["3", "5", "2", "1"]
        assert figures(rows["Stilte in de teamkamer"]) == ["0", "3", "0", "0"]

    def test_links_to_the_mailing_and_to_the_article_in_the_page_editor(self, editor, mailing):
        html = editor.get(MAILINGS_URL).content.decode()
        assert mailing_url("inspect", mailing) in html
        assert reverse("wagtailadmin_pages:edit", args=[mailing.page_id]) in html

    def test_queries_do_not_grow_with_the_mailings(
        self, editor, blog_index, django_assert_max_num_queries
    ):
        make_mailing(blog_index, "Artikel 0", sent=2, failed=1)
        with CaptureQueriesContext(connection) as one:
            editor.get(MAILINGS_URL)
        for n in range(1, 10):
            make_mailing(blog_index, f"Artikel {n}", pending=1, sent=2, failed=1)
        with django_assert_max_num_queries(len(one)):
            response = editor.get(MAILINGS_URL)
        assert len(table_rows(response)) == 10

    def test_inspect_shows_the_figures_and_offers_the_retry(self, editor, mailing):
        response = editor.get(mailing_url("inspect", mailing))
        html = response.content.decode()
        assert "Het lastige gesprek" in html
        assert reverse("wagtailadmin_pages:edit", args=[mailing.page_id]) in html
        form = BeautifulSoup(html, "html.parser").find(
            "form", action=mailing_url("retry", mailing)
        )
        assert form["method"] == "post"
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})

    def test_no_retry_without_failed_deliveries(self, editor, blog_index):
        sent = make_mailing(blog_index, "Alles aangekomen", sent=3)
        html = editor.get(mailing_url("inspect", sent)).content.decode()
        assert mailing_url("retry", sent) not in html

    def test_mailings_are_never_added_edited_or_deleted(self, editor, mailing):
        html = editor.get(MAILINGS_URL).content.decode()
        for url in (MAILING_ADD_URL, mailing_url("edit", mailing), mailing_url("delete", mailing)):
            assert url not in html
        assert editor.get(MAILING_ADD_URL).url == reverse("wagtailadmin_home")
        assert editor.get(mailing_url("edit", mailing)).url == reverse("wagtailadmin_home")
        editor.post(mailing_url("delete", mailing))
        assert Mailing.objects.filter(pk=mailing.pk).exists()


class TestRetryFailedDeliveries:
    def test_failed_deliveries_are_sent_again(
        self, editor, mailing, django_capture_on_commit_callbacks
    ):
        failed = set(
            mailing.deliveries.filter(status=Delivery.Status.FAILED).values_list(
                "subscriber__email", flat=True
            )
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = editor.post(mailing_url("retry", mailing))
        assert response.url == mailing_url("inspect", mailing)
        # The task sent what was due: the two failed and the two still waiting
        # (the one a worker is sending stays with that worker).
        assert mailing.counts() == {
            "pending": 0,
            "sending": 1,
            "sent": 9,
            "failed": 0,
            "cancelled": 1,
        }
        assert len(mail.outbox) == 4
        assert failed <= {message.to[0] for message in mail.outbox}
        assert all(message.subject == "Het lastige gesprek" for message in mail.outbox)

        page = editor.get(response.url).content.decode()
        with translation.override("nl"):
            message = ngettext(
                "%(count)d delivery will be tried again.",
                "%(count)d deliveries will be tried again.",
                2,
            ) % {"count": 2}
        assert message in page
        assert mailing_url("retry", mailing) not in page  # nothing failed any more

    def test_deliveries_to_someone_who_left_stay_failed(
        self, editor, blog_index, django_capture_on_commit_callbacks
    ):
        mailing = make_mailing(blog_index, "Te laat", failed=1)
        mailing.deliveries.get().subscriber.unsubscribe()
        with django_capture_on_commit_callbacks(execute=True):
            editor.post(mailing_url("retry", mailing))
        assert mailing.deliveries.get().status == Delivery.Status.FAILED
        assert mail.outbox == []

    def test_get_is_refused(self, editor, mailing):
        response = editor.get(mailing_url("retry", mailing))
        assert response.status_code == 405
        assert mailing.counts()["failed"] == 2

    def test_post_needs_the_csrf_token(self, admin_user, mailing):
        client = Client(enforce_csrf_checks=True)
        client.force_login(admin_user)
        assert client.post(mailing_url("retry", mailing)).status_code == 403
        assert mailing.counts()["failed"] == 2

    def test_permission_to_view_is_not_enough(self, client, django_user_model, mailing):
        client.force_login(make_user(django_user_model, "lezer", "newsletter.view_mailing"))
        assert client.get(MAILINGS_URL).status_code == 200
        assert (
            mailing_url("retry", mailing)
            not in client.get(mailing_url("inspect", mailing)).content.decode()
        )
        assert client.post(mailing_url("retry", mailing)).url == reverse("wagtailadmin_home")
        assert mailing.counts()["failed"] == 2

    def test_permission_to_retry_lets_an_editor_retry_but_not_edit(
        self, client, django_user_model, mailing, django_capture_on_commit_callbacks
    ):
        client.force_login(
            make_user(
                django_user_model,
                "redacteur",
                "newsletter.view_mailing",
                "newsletter.retry_mailing",
            )
        )
        assert (
            mailing_url("retry", mailing)
            in client.get(mailing_url("inspect", mailing)).content.decode()
        )
        with django_capture_on_commit_callbacks(execute=True):
            client.post(mailing_url("retry", mailing))
        assert mailing.counts()["failed"] == 0
        assert client.get(mailing_url("edit", mailing)).url == reverse("wagtailadmin_home")


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


@pytest.fixture
def editor_home_html(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client.get(reverse("wagtailadmin_home")).content.decode()
