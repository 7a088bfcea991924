"""A reader's consent for the wall of recognition: the checkbox on the story
form, the confirmation mail with its signed link, and what that link lets the
reader do: take the sentence off the wall, or delete the story."""

import re
import time
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from wagtail.models import ModelLogEntry

from contributions.drafts import start_draft
from contributions.forms import STORY_CONSENT_TEXT, WALL_CONSENT_HELP, WALL_CONSENT_TEXT
from contributions.models import Story
from contributions.tokens import WITHDRAW
from newsletter.tokens import UNSUBSCRIBE
from tests.admin_helpers import dutch
from tests.blog.factories import ArticlePageFactory
from tests.contributions.factories import RecognitionPageFactory, StoryFactory, on_wall
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

STORY_URL = "/deel-je-verhaal/"
WITHDRAW_URL = reverse("contributions:withdraw")
SENTENCE = "Ik moest kiezen tussen een leerling die vastliep en een team dat opbrandde."
EMAIL = "ineke@deregenboog.nl"


@pytest.fixture
def editors(django_user_model):
    django_user_model.objects.create_superuser("hoofdredactie", "redactie@example.nl", "x")


def share(client, **changes):
    data = {"sentence": SENTENCE, "name": "Ineke", "email": EMAIL, "consent": "on"}
    return client.post(STORY_URL, {**data, **changes})


def mail_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message):
    (url,) = re.findall(r"http://testserver/deel-je-verhaal/intrekken/\?t=\S+", message.body)
    assert f'href="{url}"' in message.alternatives[0][0]
    return url.removeprefix("http://testserver")


def link_for(story):
    return f"{WITHDRAW_URL}?{urlencode({'t': WITHDRAW.make(story.pk)})}"


def buttons(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        form.find("input", attrs={"name": "action"})["value"]: form.button.get_text(strip=True)
        for form in soup.select("main form")
    }


class TestTheCheckbox:
    def test_unticked_with_the_note_on_the_mail_beside_it(self, client, home_page):
        soup = BeautifulSoup(client.get(STORY_URL).content, "html.parser")
        box = soup.find("input", attrs={"name": "wall_consent"})
        assert box["type"] == "checkbox"
        assert not box.has_attr("checked")
        assert not box.has_attr("required")
        label = soup.find("label", attrs={"for": box["id"]}).get_text()
        assert label == dutch(WALL_CONSENT_TEXT)
        assert label == (
            "Mijn zin mag anoniem op de site verschijnen (na controle door de redactie)"
        )
        note = soup.find(id=box["aria-describedby"])
        assert note.get_text() == dutch(WALL_CONSENT_HELP)
        assert "Zonder e-mailadres sturen we geen mail en is er geen link" in note.get_text()

    def test_ticked_the_consent_is_stored_as_worded_and_the_reader_mailed_a_link(
        self, client, home_page, editors
    ):
        assert share(client, wall_consent="on").status_code == 302
        story = Story.objects.get()
        assert story.wall_consent
        assert story.wall_consent_text == dutch(WALL_CONSENT_TEXT)
        assert story.consent_text == dutch(STORY_CONSENT_TEXT)  # the story's own, as before
        assert not story.on_wall  # the editors approve it first
        assert story.wall_text == ""

        assert len(mail_to("redactie@example.nl")) == 1
        (receipt,) = mail_to(EMAIL)
        assert receipt.subject == "Je verhaal voor De Directeurskamer"
        assert "je zin anoniem op de site" in receipt.body
        # The link opens this story (its token holds the time it was made, so it
        # is not compared as text with one made now).
        path, query = link_in(receipt).split("?")
        assert path == WITHDRAW_URL
        assert WITHDRAW.check(parse_qs(query)["t"][0]).value == story.pk
        # None of the reader's words: anyone can type an address into the form.
        content = receipt.subject + receipt.body + receipt.alternatives[0][0]
        for words in ("leerling", "vastliep", "Ineke"):
            assert words not in content

    def test_without_an_address_there_is_no_mail(self, client, home_page, editors):
        assert share(client, wall_consent="on", email="").status_code == 302
        story = Story.objects.get()
        assert story.wall_consent
        assert [message.to for message in mail.outbox] == [["redactie@example.nl"]]

    def test_without_the_tick_no_consent_and_no_mail_to_the_reader(
        self, client, home_page, editors
    ):
        share(client)
        story = Story.objects.get()
        assert (story.wall_consent, story.wall_consent_text) == (False, "")
        assert mail_to(EMAIL) == []

    def test_an_expired_form_offers_the_consent_unticked(self, home_page):
        client = Client(enforce_csrf_checks=True)
        response = client.post(STORY_URL, {"sentence": SENTENCE, "wall_consent": "on"})
        assert response.status_code == 403
        box = BeautifulSoup(response.content, "html.parser").find(
            "input", attrs={"name": "wall_consent"}
        )
        assert not box.has_attr("checked")  # consent is given anew
        assert not Story.objects.exists()

    def test_a_refused_form_keeps_the_tick(self, client, home_page):
        response = share(client, wall_consent="on", consent="")
        assert response.status_code == 400
        box = BeautifulSoup(response.content, "html.parser").find(
            "input", attrs={"name": "wall_consent"}
        )
        assert box.has_attr("checked")
        assert escape(dutch("We can only keep your story with your consent.")) in (
            response.content.decode()
        )
        assert not Story.objects.exists()


class TestTheLink:
    @pytest.fixture
    def wall(self, home_page, blog_index):
        return RecognitionPageFactory(parent=home_page)

    @pytest.fixture
    def story(self, wall):
        return on_wall([ThemeFactory()], email=EMAIL, name="Ineke", wall_text="Kort gezegd.")

    def test_opening_it_changes_nothing_and_offers_both(self, client, story, wall):
        response = client.get(link_for(story))
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        html = response.content.decode()
        assert "Kort gezegd." in html  # what the wall shows, as the editors wrote it
        assert f'href="{wall.url}"' in html
        assert "Ineke" not in html
        assert EMAIL not in html
        assert buttons(response) == {
            "withdraw": "Haal mijn zin van de site",
            "delete": "Verwijder mijn verhaal",
        }
        story.refresh_from_db()
        assert story.on_wall

    def test_withdrawing_takes_it_off_the_wall_and_the_article_at_once(
        self, client, story, wall, blog_index, settings
    ):
        settings.PAGE_CACHE = True
        theme = story.wall_themes.get()
        article = ArticlePageFactory(parent=blog_index, themes=[theme])
        reader = Client()
        for url in (wall.url, article.url):
            reader.get(url)
            assert "Kort gezegd." in reader.get(url).content.decode()

        response = client.post(link_for(story), {"action": "withdraw"})

        assert response.status_code == 200
        assert "Je zin staat niet meer op de site" in response.content.decode()
        for url in (wall.url, article.url):
            assert "Kort gezegd." not in reader.get(url).content.decode()
        story.refresh_from_db()
        assert (story.on_wall, story.wall_consent, story.wall_text) == (False, False, "")
        assert story.wall_withdrawn_at is not None
        assert not story.wall_themes.exists()
        # What was agreed stays on record, and the story itself with it.
        assert story.wall_consent_text
        assert story.sentence
        assert story.email == EMAIL
        entry = ModelLogEntry.objects.get(action="contributions.wall_withdrawn")
        assert entry.object_id == str(story.pk)
        assert entry.user is None

    def test_after_withdrawing_the_link_still_offers_deletion(self, client, story):
        client.post(link_for(story), {"action": "withdraw"})
        again = client.get(link_for(story))
        assert buttons(again) == {"delete": "Verwijder mijn verhaal"}
        assert "je trok je toestemming in op" in again.content.decode()
        # Withdrawing twice is harmless.
        assert client.post(link_for(story), {"action": "withdraw"}).status_code == 200

    def test_deleting_removes_the_story_and_everything_with_it(self, client, story, wall):
        response = client.post(link_for(story), {"action": "delete"})
        assert response.status_code == 200
        assert "Je verhaal is verwijderd" in response.content.decode()
        assert not Story.objects.exists()
        assert "Kort gezegd." not in client.get(wall.url).content.decode()
        entry = ModelLogEntry.objects.get(action="wagtail.delete")
        assert entry.label == f"Verhaal {story.pk}"  # no words, no address
        gone = client.get(link_for(story))
        assert gone.status_code == 200
        assert "Dit verhaal bewaren we niet meer" in gone.content.decode()
        assert buttons(gone) == {}

    def test_a_story_used_for_a_draft_is_not_deleted_by_the_link(
        self, client, story, blog_index, admin_user
    ):
        draft = start_draft(story, blog_index, admin_user)
        response = client.get(link_for(story))
        assert buttons(response) == {"withdraw": "Haal mijn zin van de site"}
        assert "Vraag het ons via de privacyverklaring" in response.content.decode()
        client.post(link_for(story), {"action": "delete"})
        assert Story.objects.filter(pk=story.pk).exists()
        # Withdrawing from the wall still works; the draft keeps the reader's own words.
        client.post(link_for(story), {"action": "withdraw"})
        story.refresh_from_db()
        assert not story.on_wall
        assert story.article_id == draft.pk
        draft.refresh_from_db()
        assert draft.body[0].value["quote"] == story.sentence

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "garbage",
            "<script>alert(1)</script>",
            "x" * 5000,
        ],
    )
    def test_a_broken_link_gets_a_dutch_error(self, client, story, token):
        response = client.get(WITHDRAW_URL, {"t": token})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Deze link werkt niet" in html
        assert "niet helemaal gekopieerd" in html
        assert "<script>alert(1)" not in html
        assert buttons(response) == {}

    def test_a_tampered_link_changes_nothing(self, client, story):
        other = StoryFactory(wall_consent=True, email="ander@example.nl")
        token = WITHDRAW.make(story.pk)
        payload, rest = token.split(":", 1)
        forged = signing.dumps(other.pk, salt="contributions.withdraw", key="wrong-key")
        for bad in (
            f"{payload}x:{rest}",  # the payload changed
            token[:-2],  # the signature cut short
            forged,  # signed with another key
            UNSUBSCRIBE.make(other.pk),  # a newsletter link's token for the same number
            signing.dumps("1", salt="contributions.withdraw"),  # not a number
        ):
            response = client.post(f"{WITHDRAW_URL}?t={bad}", {"action": "delete"})
            assert response.status_code == 400, bad
            assert "Deze link werkt niet" in response.content.decode()
        assert Story.objects.count() == 2
        other.refresh_from_db()
        assert other.wall_consent

    def test_the_link_does_not_expire(self, client, story, monkeypatch):
        """A sentence may stay on the wall for years: the mail's link keeps working."""
        ten_years_ago = time.time() - 10 * 365 * 24 * 60 * 60
        monkeypatch.setattr(signing.time, "time", lambda: ten_years_ago)
        token = WITHDRAW.make(story.pk)
        monkeypatch.undo()
        response = client.post(f"{WITHDRAW_URL}?t={token}", {"action": "withdraw"})
        assert response.status_code == 200
        story.refresh_from_db()
        assert not story.on_wall

    def test_an_unknown_action_changes_nothing(self, client, story):
        response = client.post(link_for(story), {"action": "publish"})
        assert response.status_code == 200
        story.refresh_from_db()
        assert story.on_wall

    def test_only_get_and_post(self, client, story):
        assert client.put(link_for(story)).status_code == 405
