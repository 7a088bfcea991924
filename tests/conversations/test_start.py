"""A school leader starts a team conversation from a questionnaire's page."""

import re

import pytest
from django.test import override_settings

from conversations import links
from conversations.models import TeamConversation
from conversations.views import START_LIMIT
from tests.conversations.factories import (
    LAST_QUESTION,
    OPEN_QUESTION,
    SCALE_QUESTION,
    start,
    start_url,
)
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_the_questionnaire_page_offers_a_team_conversation(client, questionnaire):
    html = client.get(questionnaire.url).content.decode()
    assert "Start een nagesprek met je team" in html
    assert f'href="{start_url(questionnaire)}"' in html


@override_settings(PAGE_CACHE=True)
def test_the_questionnaire_page_stays_cacheable_without_a_csrf_token(client, questionnaire):
    first = client.get(questionnaire.url)
    assert first["X-Page-Cache"] == "miss"
    # The footer's sign-up form has an empty field that js/newsletter.js fills in.
    assert not re.search(r'csrfmiddlewaretoken" value="[^"]', first.content.decode())
    assert client.get(questionnaire.url)["X-Page-Cache"] == "hit"


def test_an_ebook_offers_no_team_conversation(client, resource_index):
    ebook = ResourcePageFactory(parent=resource_index, slug="e-book")
    assert "/nagesprek/" not in client.get(ebook.url).content.decode()
    assert client.get(start_url(ebook)).status_code == 404
    assert client.post(start_url(ebook), {"title": ""}).status_code == 404
    assert not TeamConversation.objects.exists()


def test_an_unpublished_questionnaire_cannot_be_started(client, questionnaire):
    questionnaire.unpublish()
    assert client.get(start_url(questionnaire)).status_code == 404
    assert client.post(start_url(questionnaire), {"title": ""}).status_code == 404
    assert client.get("/nagesprek/starten/999999/").status_code == 404


def test_the_start_page_explains_and_asks_no_name_or_address(client, questionnaire):
    response = client.get(start_url(questionnaire))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Start een nagesprek met je team" in html
    assert "na de start" in html
    assert "30 dagen" in html
    assert 'type="email"' not in html
    assert 'name="name"' not in html
    assert 'name="email"' not in html
    assert "csrfmiddlewaretoken" in html


def test_starting_gives_the_leader_both_links(client, questionnaire):
    response = client.post(start_url(questionnaire), {"title": "Nagesprek groep 6, november"})
    assert response.status_code == 302
    links_page = client.get(response["Location"])
    html = links_page.content.decode()

    conversation = TeamConversation.objects.get()
    leader_code = response["Location"].split("/")[3]
    team_code = links.team_code(leader_code)
    assert f"http://testserver/nagesprek/leider/{leader_code}/" in html
    assert f"http://testserver/nagesprek/doe-mee/{team_code}/" in html
    assert "Bewaar je eigen link" in html
    assert "niet opnieuw sturen" in html
    assert conversation.title == "Nagesprek groep 6, november"
    assert conversation.questionnaire_id == questionnaire.pk
    assert conversation.questionnaire_title == "Reflectievragenlijst"


def test_the_links_are_stored_only_as_hashes(client, questionnaire):
    conversation_links = start(client, questionnaire)
    conversation = TeamConversation.objects.get()
    stored = " ".join(str(value) for value in TeamConversation.objects.values().get().values())
    assert conversation_links.leader_code not in stored
    assert conversation_links.team_code not in stored
    assert conversation.leader_key == links.key(conversation_links.leader_code)
    assert conversation.team_key == links.key(conversation_links.team_code)
    assert len(conversation_links.leader_code) >= 43  # 256 random bits


def test_each_start_gets_links_of_its_own(client, questionnaire):
    first, second = start(client, questionnaire), start(client, questionnaire)
    assert first.leader_code != second.leader_code
    assert first.team_code != second.team_code
    assert TeamConversation.objects.count() == 2


def test_the_title_is_optional(client, questionnaire):
    start(client, questionnaire)
    assert TeamConversation.objects.get().title == ""


def test_a_title_that_is_too_long_is_refused_in_dutch(client, questionnaire):
    response = client.post(start_url(questionnaire), {"title": "x" * 121})
    assert response.status_code == 400
    assert "Gebruik hoogstens 120 tekens (je gebruikte er 121)." in response.content.decode()
    assert not TeamConversation.objects.exists()


def test_a_bot_filling_in_the_honeypot_starts_nothing(client, questionnaire):
    response = client.post(start_url(questionnaire), {"title": "", "website": "spam"})
    assert response.status_code == 400
    assert not TeamConversation.objects.exists()


def test_the_questions_are_snapshotted_at_the_start(client, questionnaire):
    start(client, questionnaire)
    sections = TeamConversation.objects.get().questions
    assert [section["title"] for section in sections] == ["Wat je zag", "Wat je meeneemt"]
    assert [
        (question["number"], question["text"], question["type"])
        for section in sections
        for question in section["questions"]
    ] == [(1, OPEN_QUESTION, "open"), (2, SCALE_QUESTION, "scale"), (3, LAST_QUESTION, "open")]
    assert sections[0]["questions"][0]["hint"] == "Beschrijf, oordeel niet."


def test_starting_is_limited_per_visitor(client, questionnaire):
    for _attempt in range(START_LIMIT.attempts):
        start(client, questionnaire)
    response = client.post(start_url(questionnaire), {"title": "Nog een"})
    assert response.status_code == 429
    assert "probeer het over een uur opnieuw" in response.content.decode().lower()
    assert TeamConversation.objects.count() == START_LIMIT.attempts
    # Another visitor is not held back.
    start(client, questionnaire, REMOTE_ADDR="10.0.0.9")


def test_a_start_without_a_valid_csrf_token_comes_back_filled_in(questionnaire):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(start_url(questionnaire), {"title": "Groep 6"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'value="Groep 6"' in html
    assert "nog niet gestart" in html
    assert "csrfmiddlewaretoken" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not TeamConversation.objects.exists()
