"""Nothing of a team conversation is public, cached or kept longer than its days."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from conversations.models import SentForm, TeamAnswer, TeamConversation
from privacy.records import purge_expired
from tests.conversations.factories import answer, start, start_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(client, questionnaire):
    conversation_links = start(client, questionnaire, title="Geheim nagesprek")
    answer(Client(), conversation_links.team, {1: "Een antwoord dat niemand mag vinden."})
    return conversation_links


def every_page(client, questionnaire, links):
    """Each page of a conversation, as a leader and a team member reach it."""
    sent = answer(Client(), links.team, {1: "Nog een."})
    return {
        "start": client.get(start_url(questionnaire)),
        "team": client.get(links.team),
        "thanks": client.get(sent["Location"]),
        "links": client.get(links.links),
        "results": client.get(links.results),
        "delete": client.get(links.delete),
        "wrong link": client.get("/nagesprek/doe-mee/bestaat-niet-1234567890abcdef/"),
        "deleted": client.get("/nagesprek/verwijderd/"),
    }


def test_every_page_is_private_uncacheable_and_unindexed(client, questionnaire, links):
    for name, response in every_page(client, questionnaire, links).items():
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control, name
        assert "private" in cache_control, name
        assert response["X-Robots-Tag"] == "noindex, nofollow", name
        assert response["Referrer-Policy"] == "same-origin", name
        html = response.content.decode()
        assert '<meta name="robots" content="noindex, nofollow">' in html, name
        # No canonical or Open Graph address that would repeat a link's code.
        assert 'rel="canonical"' not in html, name
        assert "og:url" not in html, name


@override_settings(PAGE_CACHE=True)
def test_the_page_cache_never_keeps_a_conversation(client, links):
    for path in (links.team, links.results, links.links):
        first, second = Client().get(path), Client().get(path)
        assert "X-Page-Cache" not in first, path
        assert "X-Page-Cache" not in second, path

    # The leader sees a new answer at once.
    answer(Client(), links.team, {1: "Net binnen."})
    assert "Net binnen." in Client().get(links.results).content.decode()


def test_nothing_is_in_the_sitemap_or_search(client, links):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "nagesprek" not in sitemap
    for query in ("Geheim nagesprek", "niemand mag vinden"):
        results = client.get("/zoeken/", {"q": query}).content.decode()
        assert "Een antwoord dat" not in results
        assert "/nagesprek/" not in results


def test_robots_txt_does_not_list_the_links(client, links):
    # A Disallow would name nothing secret, but would keep crawlers from the
    # noindex that each page sends; the links themselves are never published.
    robots = client.get("/robots.txt").content.decode()
    assert links.team_code not in robots
    assert links.leader_code not in robots


class TestRetention:
    @pytest.fixture
    def ages(self, client, questionnaire, settings):
        settings.PRIVACY_TEAM_CONVERSATION_DAYS = 30
        made = {}
        for name, age in (
            ("new", datetime.timedelta(days=1)),
            ("almost", datetime.timedelta(days=30) - datetime.timedelta(minutes=1)),
            ("old", datetime.timedelta(days=30, minutes=1)),
        ):
            conversation_links = start(client, questionnaire, title=name)
            answer(client, conversation_links.team, {1: f"Antwoord {name}.", 2: 3})
            TeamConversation.objects.filter(title=name).update(created_at=timezone.now() - age)
            made[name] = conversation_links
        return made

    def test_the_purge_deletes_conversations_older_than_30_days_with_their_answers(self, ages):
        assert purge_expired()["team_conversations"] == 1
        assert sorted(TeamConversation.objects.values_list("title", flat=True)) == [
            "almost",
            "new",
        ]
        assert not TeamAnswer.objects.filter(text="Antwoord old.").exists()
        assert TeamAnswer.objects.count() == 4
        assert SentForm.objects.count() == 2

    def test_the_period_is_a_setting(self, ages, settings):
        settings.PRIVACY_TEAM_CONVERSATION_DAYS = 2
        assert purge_expired()["team_conversations"] == 2
        assert list(TeamConversation.objects.values_list("title", flat=True)) == ["new"]

    def test_the_command_purges_and_prints_the_count(self, ages, capsys):
        call_command("purge_personal_data")
        assert "team_conversations: 1" in capsys.readouterr().out
        assert TeamConversation.objects.count() == 2

    def test_the_pages_say_when_it_is_deleted(self, client, ages):
        conversation = TeamConversation.objects.get(title="new")
        deleted_on = timezone.localtime(conversation.created_at + datetime.timedelta(days=30))
        day = f"{deleted_on.day} "
        for path in (ages["new"].results, ages["new"].links):
            html = client.get(path).content.decode()
            assert f"{day}{month_in_dutch(deleted_on.month)} {deleted_on.year}" in html


def month_in_dutch(month):
    return [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ][month - 1]  # fmt: skip
