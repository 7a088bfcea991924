"""Signing up, confirming and unsubscribing, as a reader does it in the browser and mail."""

import datetime

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from newsletter.models import Delivery, Mailing, Subscriber
from newsletter.tokens import CONFIRM, UNSUBSCRIBE
from tests.blog.factories import ArticlePageFactory
from tests.resources.factories import ResourcePageFactory

from .conftest import confirmed_subscriber, link_in

pytestmark = pytest.mark.django_db

SIGNUP = "/nieuwsbrief/"
VALID = {"email": "schoolleider@example.nl", "consent": "on", "source": "footer"}


def sign_up(client, **changes):
    return client.post(SIGNUP, {**VALID, **changes})


def confirm_link():
    return link_in(mail.outbox[-1].body, "/nieuwsbrief/bevestigen/")


class TestDoubleOptIn:
    def test_signup_stores_a_waiting_subscriber_and_mails_a_confirmation(self, client, home_page):
        response = sign_up(client)
        assert response.status_code == 302
        assert response["Location"] == "/nieuwsbrief/bijna-klaar/"
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "schoolleider@example.nl"
        assert subscriber.status == Subscriber.Status.PENDING
        assert subscriber.source == "footer"
        assert "afmelden" in subscriber.consent_text  # the wording the reader agreed to
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["schoolleider@example.nl"]
        assert "Bevestig" in message.subject
        html = message.alternatives[0][0]
        assert confirm_link() in html.replace("&amp;", "&")

        page = client.get(response["Location"])
        assert "Bijna klaar" in page.content.decode()

    def test_the_link_asks_first_and_confirms_on_the_button(self, client, home_page):
        sign_up(client)
        link = confirm_link()
        page = client.get(link)
        assert page.status_code == 200
        assert "Ja, meld me aan" in page.content.decode()
        assert page["X-Robots-Tag"] == "noindex"
        assert "no-store" in page["Cache-Control"]
        # Opening the link (a mail scanner does) confirms nothing.
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

        done = client.post(link)
        assert done.status_code == 200
        assert "Je bent aangemeld" in done.content.decode()
        subscriber = Subscriber.objects.get()
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert subscriber.confirmed_at is not None
        # Confirming twice is harmless.
        assert client.post(link).status_code == 200

    def test_a_known_address_gets_the_same_answer_and_at_most_one_mail_an_hour(
        self, client, home_page
    ):
        first = sign_up(client)
        again = sign_up(client, email="SchoolLeider@Example.nl ")
        assert again.status_code == first.status_code == 302
        assert again["Location"] == first["Location"]
        assert Subscriber.objects.count() == 1
        assert len(mail.outbox) == 1

        Subscriber.objects.update(
            confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2)
        )
        sign_up(client)
        assert len(mail.outbox) == 2

    def test_a_confirmed_address_gets_the_same_answer_and_no_mail(self, client, home_page):
        confirmed_subscriber("schoolleider@example.nl")
        response = sign_up(client)
        assert response.status_code == 302
        assert response["Location"] == "/nieuwsbrief/bijna-klaar/"
        assert mail.outbox == []
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    def test_a_failed_confirmation_mail_can_be_asked_for_again_at_once(
        self, client, home_page, settings
    ):
        settings.EMAIL_BACKEND = "tests.resources.failing_mail.FailingBackend"
        assert sign_up(client).status_code == 302
        assert Subscriber.objects.get().confirmation_sent_at is None
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        sign_up(client)
        assert len(mail.outbox) == 1


class TestBadInput:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"email": ""}, "Vul je e-mailadres in"),
            ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
            ({"email": "a@example.nl\nBcc: iedereen@example.nl"}, "Vul een geldig e-mailadres in"),
            ({"email": "a@example.nl\r\nSubject: spam"}, "Vul een geldig e-mailadres in"),
            ({"email": "x" * 300 + "@example.nl"}, "Gebruik hoogstens 254 tekens"),
            ({"email": "<script>alert(1)</script>@example.nl"}, "Vul een geldig e-mailadres in"),
            ({"consent": ""}, "Vink het vakje aan"),
            ({"website": "https://spam.example"}, "geautomatiseerd"),
        ],
    )
    def test_refused_with_a_dutch_message_and_nothing_stored(
        self, client, home_page, changes, message
    ):
        response = sign_up(client, **changes)
        assert response.status_code == 400
        body = response.content.decode()
        assert message in body
        assert "<script>alert(1)" not in body
        assert Subscriber.objects.count() == 0
        assert mail.outbox == []

    def test_an_unknown_source_is_recorded_as_the_signup_page(self, client, home_page):
        sign_up(client, source="<b>elders</b>")
        assert Subscriber.objects.get().source == Subscriber.Source.SIGNUP_PAGE

    def test_too_many_signups_for_one_address_are_refused(self, client, home_page):
        for _ in range(5):
            assert sign_up(client).status_code == 302
        response = sign_up(client)
        assert response.status_code == 429
        assert "meerdere keren aangemeld" in response.content.decode()
        assert Subscriber.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_a_huge_body_does_not_break_the_page(self, client, home_page):
        response = sign_up(client, email="a" * 100_000)
        assert response.status_code == 400
        assert Subscriber.objects.count() == 0


class TestLinks:
    def test_a_tampered_confirmation_link_says_so(self, client, home_page):
        subscriber = Subscriber.objects.create(email="a@example.nl", source="footer")
        token = CONFIRM.make(subscriber.pk)
        response = client.get("/nieuwsbrief/bevestigen/", {"t": token[:-2] + "xx"})
        assert response.status_code == 400
        assert "niet geldig" in response.content.decode()
        assert client.post(f"/nieuwsbrief/bevestigen/?t={token[:-2]}xx").status_code == 400
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    def test_an_expired_confirmation_link_offers_a_fresh_signup(self, client, home_page, settings):
        subscriber = Subscriber.objects.create(email="a@example.nl", source="footer")
        token = signing.dumps(subscriber.pk, salt=CONFIRM.salt)
        settings.NEWSLETTER_CONFIRMATION_MAX_AGE = -1
        response = client.post(f"/nieuwsbrief/bevestigen/?t={token}")
        assert response.status_code == 410
        body = response.content.decode()
        assert "verlopen" in body
        assert 'name="email"' in body
        assert "a@example.nl" not in body
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    def test_a_link_of_someone_who_left_confirms_nothing(self, client, home_page):
        subscriber = confirmed_subscriber("a@example.nl")
        token = CONFIRM.make(subscriber.pk)
        subscriber.unsubscribe()
        assert client.post(f"/nieuwsbrief/bevestigen/?t={token}").status_code == 400
        assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED

    def test_a_payload_that_is_not_a_number_is_refused(self, client, home_page):
        token = signing.dumps(True, salt=CONFIRM.salt)
        assert client.get(f"/nieuwsbrief/bevestigen/?t={token}").status_code == 400


class TestUnsubscribe:
    def test_one_click_post_unsubscribes_without_login_or_csrf_token(self, home_page):
        subscriber = confirmed_subscriber("a@example.nl")
        article = ArticlePageFactory(parent=home_page.get_children().first() or home_page)
        mailing = Mailing.objects.create(page=article)
        waiting = Delivery.objects.create(mailing=mailing, subscriber=subscriber)
        client = Client(enforce_csrf_checks=True)
        url = f"/nieuwsbrief/afmelden/?t={UNSUBSCRIBE.make(subscriber.pk)}"

        asked = client.get(url)
        assert asked.status_code == 200
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert "Je bent afgemeld" in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
        assert subscriber.unsubscribed_at is not None
        # Only what honouring the unsubscribe needs is kept: not the address.
        assert subscriber.email == ""
        assert subscriber.consent_text == ""
        waiting.refresh_from_db()
        assert waiting.status == Delivery.Status.CANCELLED
        # Again, e.g. the mail client and the reader both: the same answer.
        assert client.post(url).status_code == 200

    def test_the_address_can_sign_up_again_afterwards(self, client, home_page):
        subscriber = confirmed_subscriber("a@example.nl")
        subscriber.unsubscribe()
        sign_up(client, email="a@example.nl")
        assert Subscriber.objects.filter(status=Subscriber.Status.PENDING).count() == 1
        assert len(mail.outbox) == 1

    def test_a_deleted_subscribers_link_still_answers(self, client, home_page):
        subscriber = confirmed_subscriber("a@example.nl")
        url = f"/nieuwsbrief/afmelden/?t={UNSUBSCRIBE.make(subscriber.pk)}"
        subscriber.delete()
        assert client.post(url).status_code == 200

    @pytest.mark.parametrize("token", ["", "nonsense", "1:abc"])
    def test_a_bad_link_says_so(self, client, home_page, token):
        response = client.post("/nieuwsbrief/afmelden/", QUERY_STRING=f"t={token}")
        assert response.status_code == 400
        assert "niet geldig" in response.content.decode()

    def test_a_confirmation_token_does_not_unsubscribe(self, client, home_page):
        subscriber = confirmed_subscriber("a@example.nl")
        url = f"/nieuwsbrief/afmelden/?t={CONFIRM.make(subscriber.pk)}"
        assert client.post(url).status_code == 400
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


class TestFromTheDownloadForm:
    DOWNLOAD = {"email": "ib@example.nl", "consent": "on"}

    @pytest.fixture
    def ebook(self, resource_index):
        return ResourcePageFactory(parent=resource_index, slug="e-book", access="gated")

    def test_the_newsletter_box_signs_up_with_double_opt_in(self, client, ebook):
        client.post("/downloads/e-book/", {**self.DOWNLOAD, "newsletter": "on"})
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "ib@example.nl"
        assert subscriber.status == Subscriber.Status.PENDING
        assert subscriber.source == Subscriber.Source.DOWNLOAD
        assert subscriber.consent_text == "Stuur mij ook nieuwe artikelen per e-mail"
        assert sorted(message.subject for message in mail.outbox)[0].startswith("Bevestig")
        assert len(mail.outbox) == 2  # the download link, and the confirmation

    def test_without_the_box_nobody_is_signed_up(self, client, ebook):
        client.post("/downloads/e-book/", self.DOWNLOAD)
        assert Subscriber.objects.count() == 0
        assert len(mail.outbox) == 1
