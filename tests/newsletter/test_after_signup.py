"""After signing up: "Bijna klaar" names the address, confirming leads on to
the newest articles with one welcome mail, and the download thank-you page
mentions the confirmation mail when the reader also asked for the newsletter."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from newsletter.models import Subscriber
from tests.blog.factories import ArticlePageFactory
from tests.resources.factories import ResourcePageFactory

from .conftest import confirmed_subscriber, link_in

pytestmark = pytest.mark.django_db

SIGNUP = "/nieuwsbrief/"
CHECK_INBOX = "/nieuwsbrief/bijna-klaar/"
VALID = {"email": "schoolleider@example.nl", "consent": "on", "source": "footer"}


def confirm_link():
    return link_in(mail.outbox[-1].body, "/nieuwsbrief/bevestigen/")


class TestAlmostDone:
    def test_names_the_address_entered(self, client, home_page):
        response = client.post(SIGNUP, VALID)
        assert response["Location"] == CHECK_INBOX  # not in the URL
        page = client.get(CHECK_INBOX)
        shown = BeautifulSoup(page.content, "html.parser").find(
            attrs={"data-signup-address": True}
        )
        assert "schoolleider@example.nl" in shown.get_text()
        # A personal page: never in a cache, never indexed.
        assert "no-store" in page["Cache-Control"]
        assert page["X-Robots-Tag"] == "noindex"

    def test_the_address_goes_to_that_page_only(self, client, home_page):
        response = client.post(SIGNUP, VALID)
        cookie = response.cookies["nieuwsbrief_adres"]
        assert cookie["path"] == CHECK_INBOX
        assert cookie["httponly"]
        assert "schoolleider@example.nl" not in client.get("/").content.decode()
        assert "sessionid" not in response.cookies

    def test_the_same_answer_for_a_confirmed_address(self, client, home_page):
        confirmed_subscriber("schoolleider@example.nl")
        client.post(SIGNUP, VALID)
        assert "schoolleider@example.nl" in client.get(CHECK_INBOX).content.decode()

    def test_a_forged_or_missing_cookie_shows_no_address(self, client, home_page):
        assert client.get(CHECK_INBOX).status_code == 200
        client.cookies["nieuwsbrief_adres"] = "iemand@example.nl"
        page = client.get(CHECK_INBOX).content.decode()
        assert "iemand@example.nl" not in page
        assert "Bijna klaar" in page

    def test_markup_in_the_address_is_escaped(self, client, home_page):
        client.post(SIGNUP, {**VALID, "email": '"<b>x</b>"@example.nl'})
        page = client.get(CHECK_INBOX).content.decode()
        assert "<b>x</b>" not in page

    def test_a_refused_signup_sets_no_address(self, home_page):
        response = Client().post(SIGNUP, {**VALID, "consent": ""})
        assert response.status_code == 400
        assert "nieuwsbrief_adres" not in response.cookies


class TestConfirmed:
    def test_leads_on_to_the_newest_articles_and_the_blog(
        self, client, blog_index, django_capture_on_commit_callbacks
    ):
        ArticlePageFactory(parent=blog_index, title="Het nieuwste verhaal")
        client.post(SIGNUP, VALID)
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(confirm_link())
        page = BeautifulSoup(done.content, "html.parser")
        newest = page.find(attrs={"data-newest-articles": True})
        assert "Het nieuwste verhaal" in newest.get_text()
        assert page.find("a", href=blog_index.url)

    def test_one_welcome_mail_in_dutch_with_the_unsubscribe_link_and_headers(
        self, client, blog_index, django_capture_on_commit_callbacks
    ):
        client.post(SIGNUP, VALID)
        link = confirm_link()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(link)
            client.post(link)  # pressed twice: still one welcome
        assert len(mail.outbox) == 1
        welcome = mail.outbox[0]
        assert welcome.to == ["schoolleider@example.nl"]
        assert welcome.subject == "Welkom bij de nieuwsbrief van De Directeurskamer"
        assert "Dank je wel voor je bevestiging" in welcome.body
        assert blog_index.full_url in welcome.body
        unsubscribe = welcome.extra_headers["List-Unsubscribe"].strip("<>")
        assert unsubscribe.startswith("http://testserver/nieuwsbrief/afmelden/?t=")
        assert unsubscribe in welcome.body
        assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # The link works: one click, and the reader is gone.
        Client(enforce_csrf_checks=True).post(unsubscribe)
        assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED

    def test_no_welcome_for_someone_who_left_before_it_went(
        self, client, home_page, django_capture_on_commit_callbacks
    ):
        from newsletter.tasks import send_welcome

        subscriber = confirmed_subscriber("weg@example.nl")
        subscriber.unsubscribe()
        send_welcome.call(subscriber.pk)
        assert mail.outbox == []


class TestDownloadThanks:
    DOWNLOAD = {"email": "ib@example.nl", "consent": "on"}

    @pytest.fixture
    def ebook(self, resource_index):
        return ResourcePageFactory(parent=resource_index, slug="e-book", access="gated")

    def thanks(self, client, data):
        response = client.post("/downloads/e-book/", data)
        page = client.get(response["Location"])
        return BeautifulSoup(page.content, "html.parser").find(
            attrs={"data-newsletter-confirmation": True}
        )

    def test_mentions_the_confirmation_mail_with_the_box_ticked(self, client, ebook):
        note = self.thanks(client, {**self.DOWNLOAD, "newsletter": "on"})
        assert "bevestigen" in note.get_text()

    def test_says_nothing_without_the_box(self, client, ebook):
        assert self.thanks(client, self.DOWNLOAD) is None

    def test_says_nothing_to_a_confirmed_subscriber(self, client, ebook):
        confirmed_subscriber("ib@example.nl")
        assert self.thanks(client, {**self.DOWNLOAD, "newsletter": "on"}) is None
