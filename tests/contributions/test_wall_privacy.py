"""A sentence on the wall of recognition and the reader's privacy: the
privacy request's export and erasure, and the retention purge."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from contributions.models import Story
from privacy.records import erase, export, purge_expired
from tests.admin_helpers import member_of
from tests.blog.factories import ArticlePageFactory
from tests.contributions.factories import WALL_CONSENT, RecognitionPageFactory, on_wall
from tests.themes.factories import ThemeFactory
from users.roles import EDITORS

pytestmark = pytest.mark.django_db

ANNA = "anna@example.nl"
WALL_TEXT = "Ik koos voor het team, en een leerling moest wachten."


@pytest.fixture
def team():
    return ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team")


@pytest.fixture
def anna(team):
    return on_wall(
        [team],
        email="Anna@Example.NL",
        name="Anna",
        sentence="Op onze school in Kampen koos ik voor het team.",
        wall_text=WALL_TEXT,
    )


@pytest.fixture
def site(home_page, blog_index, team):
    """The wall and an article of the sentence's theme, each once shown to a
    reader, so that both are in the page cache."""
    wall = RecognitionPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=blog_index, themes=[team])
    return wall, article


@pytest.fixture
def reader(settings, site, anna):
    settings.PAGE_CACHE = True
    reader = Client()
    for page in site:
        reader.get(page.url)
        response = reader.get(page.url)
        assert response["X-Page-Cache"] == "hit"
        assert WALL_TEXT in response.content.decode()
    return reader


def shown(reader, site):
    return [WALL_TEXT in reader.get(page.url).content.decode() for page in site]


class TestExport:
    def test_holds_the_consent_and_the_wall_text(self, anna):
        (story,) = export(ANNA)["verhalen"]
        assert story["verhaal"] == anna.sentence
        assert story["mag anoniem op de site"] is True
        assert story["gegeven toestemming voor de site"] == WALL_CONSENT
        assert story["tekst op de site"] == WALL_TEXT
        assert story["goedgekeurd voor Herkenning"] is True
        assert datetime.datetime.fromisoformat(story["op Herkenning sinds"]).utcoffset()
        assert story["van de site gehaald op"] is None

    def test_after_withdrawal_the_moment_and_the_consent_as_given(self, anna):
        Story.objects.get().withdraw_from_wall()
        (story,) = export(ANNA)["verhalen"]
        assert story["mag anoniem op de site"] is False
        assert story["gegeven toestemming voor de site"] == WALL_CONSENT
        assert story["tekst op de site"] == ""
        assert datetime.datetime.fromisoformat(story["van de site gehaald op"])

    def test_the_editors_page_shows_it(self, client, django_user_model, anna):
        client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
        html = client.post(reverse("privacy_request:index"), {"email": ANNA}).content.decode()
        assert WALL_TEXT in html
        assert WALL_CONSENT in html
        response = client.post(reverse("privacy_request:export"), {"email": ANNA})
        assert WALL_TEXT in json.dumps(json.loads(response.content), ensure_ascii=False)


class TestErasure:
    def test_takes_the_sentence_off_the_wall_and_the_article_at_once(self, reader, site):
        assert erase(ANNA)["stories"] == 1
        assert shown(reader, site) == [False, False]
        assert not Story.objects.exists()

    def test_from_the_editors_page(self, client, django_user_model, reader, site):
        client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
        response = client.post(
            reverse("privacy_request:erase"), {"email": ANNA, "confirmation": "1", "confirm": "on"}
        )
        assert response.status_code == 302
        assert shown(reader, site) == [False, False]

    def test_from_the_command_line(self, reader, site):
        call_command("privacy_erase", ANNA, "--yes")
        assert shown(reader, site) == [False, False]

    def test_another_readers_sentence_stays(self, reader, site, team):
        other = on_wall([team], email="bert@example.nl", wall_text="Bert herkende het.")
        erase(ANNA)
        assert Story.objects.get() == other
        assert "Bert herkende het." in reader.get(site[0].url).content.decode()


class TestRetention:
    def test_the_purge_keeps_a_sentence_on_the_wall_however_old(self, reader, site):
        """Stories are kept until the reader or the editors delete them (the
        privacy statement): the purge of expired records leaves them alone."""
        Story.objects.update(created_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC))
        far_ahead = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10 * 365)
        purged = purge_expired(now=far_ahead)
        assert "stories" not in purged
        assert Story.objects.get().on_wall
        assert shown(reader, site) == [True, True]

    def test_a_withdrawn_sentence_leaves_no_wall_text_behind(self, anna):
        Story.objects.get().withdraw_from_wall()
        story = Story.objects.get()
        assert story.wall_text == ""
        assert not story.wall_themes.exists()
        assert story.wall_approved_at is None
