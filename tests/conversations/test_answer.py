"""A team member answers on their own device: anonymously, once per form."""

import dataclasses

import pytest
from django.test import Client

from conversations import views
from conversations.models import SentForm, TeamAnswer, TeamConversation
from tests.conversations.factories import (
    LAST_QUESTION,
    OPEN_QUESTION,
    SCALE_QUESTION,
    answer,
    form_code,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(client, questionnaire):
    return start(client, questionnaire, title="Nagesprek groep 6")


def stored_answers():
    return sorted(TeamAnswer.objects.values_list("question", "text", "score"))


def test_the_team_sees_the_questions_and_is_asked_no_name(client, links):
    response = Client().get(links.team)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nagesprek groep 6" in html
    for text in (OPEN_QUESTION, SCALE_QUESTION, LAST_QUESTION, "Wat je zag", "Wat je meeneemt"):
        assert text in html
    assert "Beschrijf, oordeel niet." in html
    assert "Je antwoorden zijn anoniem" in html
    assert 'type="email"' not in html
    assert 'name="name"' not in html
    assert 'name="form_code"' in html


def test_answers_are_stored_without_who_sent_them(client, links):
    team_member = Client(HTTP_USER_AGENT="Telefoon-van-Fatima/1.0", REMOTE_ADDR="192.0.2.44")
    response = answer(team_member, links.team, {1: "De leerling was stil.", 2: 4, 3: ""})

    assert response.status_code == 302
    assert response["Location"] == "/nagesprek/bedankt/"
    thanks = team_member.get(response["Location"]).content.decode()
    assert "Dank je wel, je antwoorden zijn verstuurd" in thanks
    assert stored_answers() == [(1, "De leerling was stil.", None), (2, "", 4)]
    assert TeamConversation.objects.get().response_count == 1
    # Nothing that tells who sent them: no address, no browser, no time.
    stored = repr(list(TeamAnswer.objects.values())) + repr(list(SentForm.objects.values()))
    stored += repr(list(TeamConversation.objects.values()))
    assert "192.0.2.44" not in stored
    assert "Fatima" not in stored
    field_names = {
        field.name for model in (TeamAnswer, SentForm) for field in model._meta.get_fields()
    }
    assert field_names.isdisjoint({"created_at", "ip_address", "user_agent", "session"})


def test_an_empty_form_is_refused_in_dutch(client, links):
    response = answer(client, links.team, {1: "   ", 2: "", 3: ""})
    assert response.status_code == 400
    assert "Beantwoord minstens één vraag" in response.content.decode()
    assert not TeamAnswer.objects.exists()
    assert TeamConversation.objects.get().response_count == 0


def test_an_answer_that_is_too_long_is_refused_and_kept_in_the_form(client, links):
    response = answer(client, links.team, {1: "a" * 2001, 3: "Kort."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Gebruik hoogstens 2000 tekens (je gebruikte er 2001)." in html
    assert "a" * 2001 in html  # the answer is not lost
    assert 'aria-invalid="true"' in html
    assert not TeamAnswer.objects.exists()


def test_an_answer_of_2000_characters_is_stored(client, links):
    assert answer(client, links.team, {1: "é" * 2000}).status_code == 302
    assert TeamAnswer.objects.get().text == "é" * 2000


@pytest.mark.parametrize("score", ["0", "6", "3.5", "drie", "<b>"])
def test_a_score_outside_the_scale_is_refused(client, links, score):
    response = answer(client, links.team, {2: score})
    assert response.status_code == 400
    assert "Kies een getal van 1 tot en met 5." in response.content.decode()
    assert not TeamAnswer.objects.exists()


def test_hostile_html_is_stored_as_text_and_shown_escaped(client, links):
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    assert answer(client, links.team, {1: hostile}).status_code == 302
    assert TeamAnswer.objects.get().text == hostile

    html = client.get(links.results).content.decode()
    assert hostile not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_the_same_form_sent_twice_is_stored_once(client, links):
    code = form_code(client.get(links.team))
    data = {"form_code": code, "website": "", "vraag-1": "Een keer.", "vraag-2": "3"}
    first = client.post(links.team, data)
    second = client.post(links.team, data)

    assert first["Location"] == "/nagesprek/bedankt/"
    assert second.status_code == 302
    assert second["Location"] == "/nagesprek/bedankt/?dubbel=1"
    assert "al verstuurd" in client.get(second["Location"]).content.decode()
    assert stored_answers() == [(1, "Een keer.", None), (2, "", 3)]
    assert TeamConversation.objects.get().response_count == 1


def test_each_fresh_form_is_a_new_response(client, links):
    # One device, two forms: not enforceable without tracking people, so both count.
    answer(client, links.team, {1: "Eerste."})
    answer(client, links.team, {1: "Tweede."})
    assert TeamConversation.objects.get().response_count == 2


def test_each_form_gets_its_own_one_time_code(client, links):
    assert form_code(client.get(links.team)) != form_code(client.get(links.team))


@pytest.mark.parametrize("code", ["", "kort", "<script>", "a" * 101, "ä" * 30])
def test_a_form_without_a_valid_one_time_code_stores_nothing(client, links, code):
    data = {"form_code": code, "website": "", "vraag-1": "Mijn antwoord."}
    response = client.post(links.team, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit formulier was niet compleet" in html
    assert "Mijn antwoord." in html
    assert 'name="form_code" value=""' not in html  # a fresh code to send it with
    assert form_code(response) != code
    assert not TeamAnswer.objects.exists()


def test_a_bot_filling_in_the_honeypot_stores_nothing(client, links):
    code = form_code(client.get(links.team))
    response = client.post(links.team, {"form_code": code, "website": "x", "vraag-1": "Spam"})
    assert response.status_code == 400
    assert not TeamAnswer.objects.exists()


def test_answering_is_limited_per_visitor(client, links, monkeypatch):
    # Three instead of a team's worth, to keep the test short.
    monkeypatch.setattr(views, "ANSWER_LIMIT", dataclasses.replace(views.ANSWER_LIMIT, attempts=3))
    for number in range(3):
        assert answer(client, links.team, {1: f"Antwoord {number}."}).status_code == 302
    response = answer(client, links.team, {1: "Te veel."})
    assert response.status_code == 429
    assert "probeer het over een uur opnieuw" in response.content.decode().lower()
    assert "Te veel." in response.content.decode()  # kept in the form
    assert TeamConversation.objects.get().response_count == 3
    # A colleague on another connection still gets through.
    assert answer(Client(REMOTE_ADDR="10.0.0.9"), links.team, {1: "Ik."}).status_code == 302


def test_the_default_limit_lets_a_whole_team_answer_from_one_network():
    assert views.ANSWER_LIMIT.attempts >= 40
    assert views.ANSWER_LIMIT.seconds == 60 * 60


def test_a_full_conversation_takes_no_more_forms(client, links, monkeypatch):
    monkeypatch.setattr(views, "MAX_RESPONSES", 2)
    answer(client, links.team, {1: "Een."})
    answer(client, links.team, {1: "Twee."})
    response = answer(client, links.team, {1: "Drie."})
    assert response.status_code == 409
    assert "het maximum" in response.content.decode()
    assert TeamConversation.objects.get().response_count == 2
    assert sorted(TeamAnswer.objects.values_list("text", flat=True)) == ["Een.", "Twee."]
    assert SentForm.objects.count() == 2


def test_an_answer_without_a_valid_csrf_token_comes_back_filled_in(client, links):
    team_member = Client(enforce_csrf_checks=True)
    code = form_code(client.get(links.team))
    response = team_member.post(
        links.team, {"form_code": code, "website": "", "vraag-1": "Bijna kwijt."}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Je antwoorden zijn nog niet verstuurd" in html
    assert "Bijna kwijt." in html
    assert response["Cache-Control"].count("no-store") == 1
    assert not TeamAnswer.objects.exists()
    # Sent again with the token the page now carries, it is stored.
    token = team_member.cookies["csrftoken"].value
    data = {"form_code": code, "website": "", "vraag-1": "Bijna kwijt."}
    again = team_member.post(links.team, {**data, "csrfmiddlewaretoken": token})
    assert again.status_code == 302
    assert TeamAnswer.objects.get().text == "Bijna kwijt."


def test_the_team_link_opens_no_leader_page(client, links):
    for path in (
        f"/nagesprek/leider/{links.team_code}/",
        f"/nagesprek/leider/{links.team_code}/links/",
        f"/nagesprek/leider/{links.team_code}/verwijderen/",
    ):
        assert client.get(path).status_code == 404
    assert client.post(f"/nagesprek/leider/{links.team_code}/verwijderen/").status_code == 404
    assert TeamConversation.objects.exists()
