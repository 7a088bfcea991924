"""The leader's link: the answers side by side per question, and deleting them."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from conversations.models import SentForm, TeamAnswer, TeamConversation
from tests.conversations.factories import (
    LAST_QUESTION,
    OPEN_QUESTION,
    SCALE_QUESTION,
    answer,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(client, questionnaire):
    return start(client, questionnaire, title="Nagesprek groep 6")


@pytest.fixture
def answered(links):
    for answers in (
        {1: "Zij keek vooral naar buiten.", 2: 4, 3: "Samen met ouders praten."},
        {1: "Boos, en daarna heel stil.\nDat viel op.", 2: 2},
        {1: "", 2: 4, 3: "Een time-out afspreken."},
    ):
        assert answer(Client(), links.team, answers).status_code == 302
    return links


def section_of(html, question):
    """The HTML of one question's results."""
    start_at = html.index(f">{question}</h3>")
    return html[start_at : html.index("</section>", start_at)]


def test_the_results_show_the_answers_side_by_side_per_question(client, answered):
    response = client.get(answered.results)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nagesprek groep 6" in html
    assert re.search(r"data-response-count>\s*3\s*<", html)

    open_answers = section_of(html, OPEN_QUESTION)
    assert "2 antwoorden" in open_answers
    # In alphabetical order, not in the order they came: nobody's answers line up.
    assert open_answers.index("Boos, en daarna") < open_answers.index("Zij keek")
    assert "Boos, en daarna heel stil.\nDat viel op." in open_answers

    last = section_of(html, LAST_QUESTION)
    assert last.index("Een time-out") < last.index("Samen met ouders")


def test_scale_answers_are_counted_per_score_in_a_table(client, answered):
    scale = section_of(client.get(answered.results).content.decode(), SCALE_QUESTION)
    assert "3 antwoorden, gemiddeld 3,3" in scale
    assert "<table" in scale
    assert "<caption" in scale
    row = r'<th scope="row">(\d)[^<]*</th>\s*<td class="result__number">(\d+)'
    counts = re.findall(row, scale)
    assert counts == [("1", "0"), ("2", "1"), ("3", "0"), ("4", "2"), ("5", "0")]
    # The bars are drawn beside the figures, hidden from screen readers.
    assert 'aria-hidden="true"' in scale
    assert 'width="100"' in scale
    assert 'width="50"' in scale


def test_without_answers_the_leader_is_told_to_share_the_link(client, links):
    html = client.get(links.results).content.decode()
    assert "Nog geen antwoorden" in html
    assert f"http://testserver{links.team}" in html


def test_the_results_page_offers_delete_now_and_print(client, answered):
    html = client.get(answered.results).content.decode()
    assert "Verwijder nu" in html
    assert f'href="{answered.delete}"' in html
    assert "Druk de antwoorden af" in html


def test_the_links_page_shows_both_links_again(client, answered):
    html = client.get(answered.links).content.decode()
    assert f"http://testserver{answered.results}" in html
    assert f"http://testserver{answered.team}" in html


def test_delete_asks_first_then_erases_everything(client, answered):
    confirm = client.get(answered.delete)
    assert confirm.status_code == 200
    assert "3 formulieren met antwoorden" in confirm.content.decode()
    assert TeamConversation.objects.exists()  # asking deletes nothing

    response = client.post(answered.delete)
    assert response.status_code == 302
    assert response["Location"] == "/nagesprek/verwijderd/"
    assert "Het nagesprek is verwijderd" in client.get(response["Location"]).content.decode()
    assert not TeamConversation.objects.exists()
    assert not TeamAnswer.objects.exists()
    assert not SentForm.objects.exists()

    for path in (answered.team, answered.results, answered.links, answered.delete):
        gone = client.get(path)
        assert gone.status_code == 404
        assert "Deze link werkt niet (meer)" in gone.content.decode()


def test_deleting_one_conversation_leaves_the_others(client, questionnaire, answered):
    other = start(client, questionnaire)
    answer(client, other.team, {1: "Van een ander team."})
    client.post(answered.delete)
    assert list(TeamAnswer.objects.values_list("text", flat=True)) == ["Van een ander team."]
    assert client.get(other.results).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/nagesprek/leider/bestaat-niet-maar-is-lang-genoeg-1234/",
        "/nagesprek/leider/kort/",
        "/nagesprek/leider/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/nagesprek/doe-mee/bestaat-niet-maar-is-lang-genoeg-1234/",
        "/nagesprek/doe-mee/" + "x" * 500 + "/",
        "/nagesprek/doe-mee/abc/def/",
    ],
)
def test_a_wrong_link_gets_a_friendly_dutch_404(client, links, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze link werkt niet (meer)" in html
    assert "niet helemaal gekopieerd" in html
    assert "<script>alert(1)" not in html
    # The leader's pages take no form but deletion's: 405 before the link is looked at.
    assert client.post(path, {"vraag-1": "x"}).status_code in (404, 405)
    assert TeamConversation.objects.count() == 1


def test_a_link_cut_short_does_not_work(client, links):
    cut_leader = links.results.replace(links.leader_code, links.leader_code[:-1])
    cut_team = links.team.replace(links.team_code, links.team_code[:-1])
    assert client.get(cut_leader).status_code == 404
    assert client.get(cut_team).status_code == 404


def test_an_expired_link_answers_410_and_the_conversation_goes(client, answered, settings):
    settings.PRIVACY_TEAM_CONVERSATION_DAYS = 30
    TeamConversation.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=30, minutes=1)
    )
    response = client.get(answered.results)
    html = response.content.decode()
    assert response.status_code == 410
    assert "30 dagen na de start gewist" in html
    assert not TeamConversation.objects.exists()
    assert not TeamAnswer.objects.exists()
    # From then on it is a link to nothing.
    assert client.get(answered.team).status_code == 404


def test_the_team_link_of_an_expired_conversation_takes_no_answers(client, links, settings):
    code_page = client.get(links.team)
    TeamConversation.objects.update(created_at=timezone.now() - datetime.timedelta(days=31))
    code = re.search(r'name="form_code" value="([^"]+)"', code_page.content.decode()).group(1)
    response = client.post(links.team, {"form_code": code, "vraag-1": "Te laat."})
    assert response.status_code == 410
    assert not TeamAnswer.objects.exists()


def test_a_later_edit_of_the_questionnaire_leaves_the_conversation_as_it_was(
    client, questionnaire, links
):
    answer(client, links.team, {1: "Voor de wijziging.", 2: 5})
    questionnaire.questions = [
        {
            "type": "section",
            "value": {
                "title": "Helemaal nieuw",
                "intro": "",
                "questions": [
                    {"question": "Een nieuwe vraag?", "hint": "", "answer_type": "scale"}
                ],
            },
        }
    ]
    questionnaire.save_revision().publish()

    team_form = client.get(links.team).content.decode()
    assert OPEN_QUESTION in team_form
    assert "Een nieuwe vraag?" not in team_form
    assert answer(client, links.team, {1: "Na de wijziging.", 3: "Nog steeds."}).status_code == 302

    results = client.get(links.results).content.decode()
    assert "Voor de wijziging." in results
    assert "Na de wijziging." in results
    assert "Helemaal nieuw" not in results
    # And a new conversation asks the new questions.
    assert "Een nieuwe vraag?" in client.get(start(client, questionnaire).team).content.decode()


def test_the_conversation_outlives_its_questionnaire_page(client, questionnaire, answered):
    questionnaire.delete()
    assert client.get(answered.team).status_code == 200
    html = client.get(answered.results).content.decode()
    assert "Zij keek vooral naar buiten." in html
