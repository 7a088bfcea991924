"""Editors in the admin: how each article's mailing went, and sending its failed mails again.

Only users with the models' permissions see any of it; a user who merely has
admin access (a guest author) sees none.
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import ngettext

from newsletter.models import Delivery, Mailing
from tests.admin_helpers import dutch, make_user

from .conftest import MAILING_ADD_URL, MAILINGS_URL, figures, mailing_url, make_mailing, table_rows

pytestmark = pytest.mark.django_db


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
