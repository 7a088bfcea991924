"""Editors approve stories for the wall of recognition in the admin: a wall
text of their own (the reader's words stay as sent), its themes, approval and
taking it off; only with the reader's consent."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from blog.models import ArticlePage
from contributions.models import Story
from tests.admin_helpers import csv_rows, dutch
from tests.blog.factories import ArticlePageFactory
from tests.contributions.factories import RecognitionPageFactory, StoryFactory, on_wall
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

SENTENCE = "Op De Regenboog in Kampen koos ik voor het team, en Sem moest wachten."
SHORTER = "Ik koos voor het team, en een leerling moest wachten."


def story_url(action, story):
    return reverse(f"stories:{action}", args=[story.pk])


@pytest.fixture
def team():
    return ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team")


@pytest.fixture
def wall(home_page, blog_index):
    return RecognitionPageFactory(parent=home_page)


@pytest.fixture
def story():
    return StoryFactory(
        sentence=SENTENCE, name="Ineke", email="ineke@example.nl", wall_consent=True
    )


def approve(editor, story, **changes):
    data = {"status": "in_progress", "wall_text": SHORTER, "on_wall": "on", **changes}
    return editor.post(story_url("edit", story), data)


def form_fields(response):
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("select", attrs={"name": "status"}).find_parent("form")
    return {tag["name"] for tag in form.find_all(["input", "select", "textarea"])} - {
        "csrfmiddlewaretoken"
    }


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


class TestApproving:
    def test_the_form_offers_the_wall_with_the_readers_words_to_shorten(self, editor, story, team):
        response = editor.get(story_url("edit", story))
        assert form_fields(response) == {"status", "wall_text", "wall_themes", "on_wall"}
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("textarea", attrs={"name": "wall_text"}).get_text().strip() == SENTENCE
        theme_box = soup.find("input", attrs={"name": "wall_themes", "value": str(team.pk)})
        assert theme_box["type"] == "checkbox"
        assert not soup.find("input", attrs={"name": "on_wall"}).has_attr("checked")
        assert "Herkenning (anoniem op de site)" in errors(response)

    def test_an_editor_approves_a_shortened_text_with_its_themes(
        self, editor, story, team, wall, blog_index
    ):
        response = approve(editor, story, wall_themes=[team.pk])
        assert response.status_code == 302
        story.refresh_from_db()
        assert story.on_wall
        assert story.wall_text == SHORTER
        assert list(story.wall_themes.all()) == [team]
        assert story.wall_approved_at is not None
        # The reader's own words and the rest of the record are unchanged.
        assert (story.sentence, story.name, story.email) == (SENTENCE, "Ineke", "ineke@example.nl")

        article = ArticlePageFactory(parent=blog_index, themes=[team])
        for url in (wall.url, article.url):
            html = editor.get(url).content.decode()
            assert SHORTER in html
            assert "Kampen" not in html
            assert "Ineke" not in html

    def test_taking_it_off_again(self, editor, story, team, wall):
        approve(editor, story, wall_themes=[team.pk])
        approved_at = Story.objects.get().wall_approved_at
        approve(editor, story, wall_themes=[team.pk], wall_text="Nog korter.")
        assert Story.objects.get().wall_approved_at == approved_at  # the order stays
        assert "Nog korter." in editor.get(wall.url).content.decode()

        response = approve(
            editor, story, wall_themes=[team.pk], wall_text="Nog korter.", on_wall=""
        )
        assert response.status_code == 302
        story.refresh_from_db()
        assert not story.on_wall
        assert story.wall_text == "Nog korter."  # kept, to approve again later
        assert "Nog korter." not in editor.get(wall.url).content.decode()

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"wall_text": ""}, "wall_text", "Write the text the wall shows before approving it."),
            (
                {"wall_text": "   "},
                "wall_text",
                "Write the text the wall shows before approving it.",
            ),
            (
                {"wall_text": "x" * 281},
                "wall_text",
                "Zorg dat deze waarde niet meer dan 280 tekens bevat",
            ),
            (
                {"wall_themes": []},
                "wall_themes",
                "Choose at least one theme: the wall shows it with the sentence.",
            ),
            ({"wall_themes": ["999999"]}, "wall_themes", "Selecteer een geldige keuze"),
        ],
    )
    def test_bad_input_is_refused_with_a_dutch_message(
        self, editor, story, team, changes, field, message
    ):
        response = approve(editor, story, **{"wall_themes": [team.pk], **changes})
        assert response.status_code == 200
        assert dutch(message) in errors(response)
        story.refresh_from_db()
        assert not story.on_wall

    def test_hostile_html_is_kept_as_text_and_shown_escaped(
        self, editor, story, team, wall, blog_index
    ):
        hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>Wat nu?'
        approve(editor, story, wall_themes=[team.pk], wall_text=hostile)
        assert Story.objects.get().wall_text == hostile
        article = ArticlePageFactory(parent=blog_index, themes=[team])
        for url in (wall.url, article.url, story_url("inspect", story), story_url("edit", story)):
            html = editor.get(url).content.decode()
            assert "<img src=x" not in html, url
            assert "<script>alert(2)" not in html, url

    def test_hostile_html_in_the_readers_sentence_stays_text_from_form_to_wall(
        self, editor, team, wall
    ):
        hostile = "<script>alert(1)</script>Wat doe je als <b>niemand</b> het ziet?"
        story = StoryFactory(sentence=hostile, wall_consent=True)
        response = editor.get(story_url("edit", story))
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        textarea = BeautifulSoup(html, "html.parser").find("textarea", attrs={"name": "wall_text"})
        assert textarea.get_text().strip() == hostile  # the text itself, escaped in the page
        # The editor keeps the reader's words as they are.
        approve(editor, story, wall_themes=[team.pk], wall_text=hostile)
        html = editor.get(wall.url).content.decode()
        assert "<script>alert(1)" not in html
        assert "<b>niemand</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Wat doe je als &lt;b&gt;niemand" in html


class TestOnlyWithConsent:
    def test_without_consent_the_form_holds_the_status_only(self, editor, team):
        story = StoryFactory(sentence=SENTENCE)
        response = editor.get(story_url("edit", story))
        assert form_fields(response) == {"status"}
        assert "Alleen met toestemming van de lezer" in errors(response)

    def test_a_crafted_post_does_not_put_it_on_the_wall(self, editor, team, wall):
        story = StoryFactory(sentence=SENTENCE)
        response = approve(editor, story, wall_themes=[team.pk])
        assert response.status_code == 302  # the status is saved; nothing else
        story.refresh_from_db()
        assert story.status == Story.Status.IN_PROGRESS
        assert (story.on_wall, story.wall_text) == (False, "")
        assert not story.wall_themes.exists()
        assert SHORTER not in editor.get(wall.url).content.decode()

    def test_a_withdrawn_story_cannot_be_put_back(self, editor, story, team):
        approve(editor, story, wall_themes=[team.pk])
        Story.objects.get().withdraw_from_wall()
        response = approve(editor, story, wall_themes=[team.pk])
        story.refresh_from_db()
        assert not story.on_wall
        assert response.status_code == 302

    def test_the_model_refuses_it_too(self):
        story = StoryFactory(sentence=SENTENCE, on_wall=False, wall_text="Kort.")
        story.on_wall = True
        with pytest.raises(ValidationError) as refused:
            story.full_clean()
        assert "on_wall" in refused.value.message_dict
        story.wall_consent = True
        story.wall_text = "  "
        with pytest.raises(ValidationError) as refused:
            story.full_clean()
        assert "wall_text" in refused.value.message_dict


class TestListingAndRecord:
    def test_the_listing_shows_and_filters_what_is_on_the_wall(self, editor, team):
        on_wall([team], sentence="Op de muur.")
        StoryFactory(sentence="Wacht op de redactie.", wall_consent=True)
        StoryFactory(sentence="Zonder toestemming.")

        def listed(query):
            html = editor.get(reverse("stories:index"), query).content.decode()
            found = ("Op de muur.", "Wacht op de redactie.", "Zonder toestemming.")
            return {sentence for sentence in found if sentence in html}

        assert listed({"on_wall": "true"}) == {"Op de muur."}
        assert listed({"wall_consent": "true", "on_wall": "false"}) == {"Wacht op de redactie."}
        assert listed({"wall_consent": "false"}) == {"Zonder toestemming."}
        assert "Op Herkenning" in editor.get(reverse("stories:index")).content.decode()

    def test_inspect_and_export_show_the_consent_and_the_wall_text(self, editor, team):
        story = on_wall([team], sentence=SENTENCE, wall_text=SHORTER)
        text = errors(editor.get(story_url("inspect", story)))
        for shown in (
            SENTENCE,
            SHORTER,
            "Mijn zin mag anoniem op de site verschijnen",
            "Zorg voor het team",
            "Goedgekeurd voor Herkenning",
        ):
            assert shown in text, shown
        heading, row = csv_rows(editor.get(reverse("stories:index"), {"export": "csv"}))
        assert heading[-4:] == [
            "Mag anoniem op de site",
            "Gegeven toestemming voor de site",
            "Tekst op de site",
            "Op Herkenning",
        ]
        assert row[-4:] == ["Ja", story.wall_consent_text, SHORTER, "Ja"]

    def test_deleting_a_story_in_the_admin_takes_it_off_the_wall(
        self, editor, team, wall, settings
    ):
        settings.PAGE_CACHE = True
        story = on_wall([team], wall_text=SHORTER)
        reader = Client()
        reader.get(wall.url)
        assert SHORTER in reader.get(wall.url).content.decode()
        assert editor.post(story_url("delete", story)).status_code == 302
        assert not Story.objects.exists()
        assert SHORTER not in reader.get(wall.url).content.decode()
        assert ModelLogEntry.objects.filter(action="wagtail.delete").exists()

    def test_a_guest_author_cannot_approve(self, guest, story, team):
        guest.post(story_url("edit", story), {"status": "new", "wall_text": "X", "on_wall": "on"})
        story.refresh_from_db()
        assert not story.on_wall


class TestDraftArticles:
    def test_a_story_on_the_wall_can_still_start_a_draft(self, editor, team, wall, blog_index):
        story = on_wall([team], sentence=SENTENCE, wall_text=SHORTER)
        response = editor.post(reverse("stories:start_draft", args=[story.pk]))
        assert response.status_code == 302
        article = ArticlePage.objects.get(live=False)
        # The draft quotes the reader's own words, the wall keeps the editors'.
        assert article.body[0].value["quote"] == SENTENCE
        story.refresh_from_db()
        assert story.status == Story.Status.USED
        assert story.article_id == article.pk
        assert story.on_wall
        html = editor.get(wall.url).content.decode()
        assert SHORTER in html
        assert SENTENCE not in html
