"""Sharing a story and pitching a guest blog, as a reader does it in the browser."""

import pytest
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from contributions.forms import PITCH_CONSENT_TEXT, STORY_CONSENT_TEXT, TOO_MANY_POSTS
from contributions.models import Pitch, Story
from tests.admin_helpers import dutch

pytestmark = pytest.mark.django_db

STORY_URL = "/deel-je-verhaal/"
PITCH_URL = "/schrijf-een-gastblog/"
SENTENCE = "Ik moest kiezen tussen een leerling die vastliep en een team dat opbrandde."
STORY = {
    "sentence": SENTENCE,
    "name": "Ineke",
    "email": "ineke@deregenboog.nl",
    "anonymous": "on",
    "consent": "on",
}
PITCH_TEXT = "Over het gesprek met ouders toen passend onderwijs niet meer paste."
PITCH = {
    "name": "Joris de Vries",
    "email": "joris@hetkompas.nl",
    "role": "school_leader",
    "school_type": "sbo",
    "pitch": PITCH_TEXT,
    "consent": "on",
}


@pytest.fixture
def editors(django_user_model):
    django_user_model.objects.create_superuser("hoofdredactie", "redactie@example.nl", "x")
    django_user_model.objects.create_superuser("oud", "oud@example.nl", "x", is_active=False)


def share(client, **changes):
    return client.post(STORY_URL, {**STORY, **changes})


def pitch(client, **changes):
    return client.post(PITCH_URL, {**PITCH, **changes})


def assert_no_personal_data_in(message, *texts):
    content = message.subject + message.body + message.alternatives[0][0]
    for text in texts:
        assert text not in content


class TestShareAStory:
    def test_the_page_has_the_form_with_its_limit_and_a_csrf_token(self, client, home_page):
        response = client.get(STORY_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "csrfmiddlewaretoken" in html
        assert '<textarea name="sentence"' in html
        assert "280" in html  # the limit, said in the label
        assert 'maxlength="280"' not in html  # the browser would cut pasted text off
        assert 'name="website"' in html

    def test_a_story_is_stored_and_the_editors_told_without_its_words(
        self, client, home_page, editors
    ):
        response = share(client)
        assert response.status_code == 302
        assert response["Location"] == reverse("contributions:story_thanks")
        story = Story.objects.get()
        assert story.sentence == SENTENCE
        assert (story.name, story.email, story.anonymous) == (
            "Ineke",
            "ineke@deregenboog.nl",
            True,
        )
        assert story.status == Story.Status.NEW
        assert story.consent_text == dutch(STORY_CONSENT_TEXT)

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["redactie@example.nl"]  # the active superusers
        inspect_url = reverse("stories:inspect", args=[story.pk])
        assert f"http://testserver{inspect_url}" in message.body
        assert_no_personal_data_in(message, "leerling", "Ineke", "ineke@deregenboog.nl")

        thanks = client.get(response["Location"])
        assert thanks.status_code == 200
        assert dutch(_("Thank you for your story")) in thanks.content.decode()

    def test_name_and_email_are_optional_and_anonymity_can_be_declined(self, client, home_page):
        response = share(client, name="", email="", anonymous="")
        assert response.status_code == 302
        story = Story.objects.get()
        assert (story.name, story.email, story.anonymous) == ("", "", False)

    def test_the_editors_setting_decides_who_is_told(self, client, home_page, editors, settings):
        settings.CONTRIBUTIONS_NOTIFY_EMAILS = ["verhalen@example.nl"]
        share(client)
        assert [message.to for message in mail.outbox] == [["verhalen@example.nl"]]

    def test_the_form_page_is_never_served_from_the_page_cache(self, home_page, settings):
        settings.PAGE_CACHE = True
        reader = Client()
        reader.get(STORY_URL)
        again = reader.get(STORY_URL)
        assert again.get("X-Page-Cache") != "hit"
        assert "csrfmiddlewaretoken" in again.content.decode()


class TestPitchAGuestBlog:
    def test_a_pitch_is_stored_and_the_editors_told_without_its_words(
        self, client, home_page, editors
    ):
        page = client.get(PITCH_URL)
        assert page.status_code == 200
        assert "csrfmiddlewaretoken" in page.content.decode()

        response = pitch(client)
        assert response.status_code == 302
        assert response["Location"] == reverse("contributions:pitch_thanks")
        stored = Pitch.objects.get()
        assert (stored.name, stored.role, stored.school_type) == (
            "Joris de Vries",
            "school_leader",
            "sbo",
        )
        assert stored.pitch == PITCH_TEXT
        assert stored.consent_text == dutch(PITCH_CONSENT_TEXT)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        inspect_url = reverse("pitches:inspect", args=[stored.pk])
        assert inspect_url in message.body
        assert_no_personal_data_in(message, "passend onderwijs", "Joris", "joris@hetkompas.nl")


class TestBadInput:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"sentence": ""}, _("Write your dilemma in one sentence.")),
            ({"sentence": "   "}, _("Write your dilemma in one sentence.")),
            ({"sentence": "x" * 281}, "Gebruik hoogstens 280 tekens (je gebruikte er 281)"),
            ({"name": "<script>alert(1)</script>"}, _("Please leave out the characters < and >.")),
            ({"name": "x" * 101}, "Gebruik hoogstens 100 tekens"),
            ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
            ({"email": "a@example.nl\nBcc: iedereen@example.nl"}, "Vul een geldig e-mailadres in"),
            ({"consent": ""}, _("We can only keep your story with your consent.")),
            ({"website": "https://spam.example"}, "geautomatiseerd"),
        ],
    )
    def test_a_story_is_refused_with_a_dutch_message_and_nothing_stored(
        self, client, home_page, editors, changes, message
    ):
        response = share(client, **changes)
        assert response.status_code == 400
        body = response.content.decode()
        assert escape(dutch(message)) in body
        assert "<script>alert(1)" not in body
        assert 'id="story-errors"' in body  # the summary the form's action points to
        assert Story.objects.count() == 0
        assert mail.outbox == []

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"name": ""}, _("Fill in your name.")),
            ({"email": ""}, "Vul je e-mailadres in"),
            ({"role": ""}, _("Choose your role.")),
            ({"role": "minister"}, "Selecteer een geldige keuze"),
            ({"school_type": ""}, _("Choose the type of your school.")),
            ({"pitch": ""}, _("Tell us in a few sentences what you would write about.")),
            ({"pitch": "x" * 1001}, "Gebruik hoogstens 1000 tekens (je gebruikte er 1001)"),
            (
                {"name": 'Joris"><img src=x onerror=alert(1)>'},
                _("Please leave out the characters < and >."),
            ),
            ({"consent": ""}, _("We can only keep your pitch with your consent.")),
            ({"website": "spam"}, "geautomatiseerd"),
        ],
    )
    def test_a_pitch_is_refused_with_a_dutch_message_and_nothing_stored(
        self, client, home_page, editors, changes, message
    ):
        response = pitch(client, **changes)
        assert response.status_code == 400
        body = response.content.decode()
        assert escape(dutch(message)) in body
        assert "<img src=x" not in body
        assert Pitch.objects.count() == 0
        assert mail.outbox == []

    def test_markup_in_a_story_is_kept_as_text(self, client, home_page):
        share(client, sentence="Wat doe je als <b>niemand</b> het ziet?")
        assert Story.objects.get().sentence == "Wat doe je als <b>niemand</b> het ziet?"

    def test_too_many_stories_from_one_address_are_refused(self, client, home_page, editors):
        for number in range(5):
            assert share(client, sentence=f"Verhaal {number}.").status_code == 302
        response = share(client, sentence="Nog een verhaal.")
        assert response.status_code == 429
        assert dutch(TOO_MANY_POSTS) in response.content.decode()
        assert Story.objects.count() == 5
        assert not Story.objects.filter(sentence="Nog een verhaal.").exists()
        assert len(mail.outbox) == 5

    def test_without_an_email_the_client_address_is_counted(self, client, home_page):
        for _attempt in range(5):
            assert share(client, email="").status_code == 302
        assert share(client, email="").status_code == 429
        other_reader = client.post(STORY_URL, {**STORY, "email": ""}, REMOTE_ADDR="10.0.0.9")
        assert other_reader.status_code == 302
        assert Story.objects.count() == 6

    def test_too_many_pitches_from_one_address_are_refused(self, client, home_page):
        for _attempt in range(5):
            assert pitch(client).status_code == 302
        response = pitch(client, email="JORIS@hetkompas.nl ")
        assert response.status_code == 429
        assert dutch(TOO_MANY_POSTS) in response.content.decode()
        assert Pitch.objects.count() == 5

    def test_a_cache_that_cannot_count_still_limits_in_this_process(
        self, client, home_page, monkeypatch
    ):
        from core import rate_limit

        def broken(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(rate_limit.cache, "incr", broken)
        monkeypatch.setattr(rate_limit, "_process_counts", LocMemCache("test-counts", {}))
        for _sent in range(5):
            assert share(client).status_code == 302
        assert share(client).status_code == 429
        assert Story.objects.count() == 5

    def test_an_expired_form_is_offered_again_filled_in(self, home_page):
        client = Client(enforce_csrf_checks=True)
        response = client.post(STORY_URL, {**STORY, "anonymous": ""})
        assert response.status_code == 403
        html = response.content.decode()
        assert SENTENCE in html
        assert "csrfmiddlewaretoken" in html
        assert 'name="anonymous"' in html
        assert 'name="anonymous" checked' not in html
        assert Story.objects.count() == 0

    def test_only_get_and_post(self, client, home_page):
        assert client.put(STORY_URL).status_code == 405
        assert client.delete(PITCH_URL).status_code == 405
