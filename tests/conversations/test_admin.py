"""Editors see how much team conversations are used, in counts, never the answers."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conversations.factories import answer, start

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


@pytest.fixture
def used(questionnaire):
    reader = Client()
    for title in ("Groep 6, november", "Groep 8"):
        links = start(reader, questionnaire, title=title)
        answer(reader, links.team, {1: "Een antwoord van het team."})
    answer(reader, links.team, {1: "Nog een antwoord.", 2: 3})
    return links


def test_the_dashboard_counts_conversations_and_forms_per_questionnaire(editor, used):
    html = editor.get(DASHBOARD).content.decode()
    assert 'id="team-conversations-counts"' in html
    assert "Nagesprekken van de afgelopen 30 dagen" in html
    row = html[html.index('id="team-conversations-counts"') :]
    assert '<th scope="row">Reflectievragenlijst</th>' in row
    assert "<td>2</td>" in row  # started
    assert "<td>3</td>" in row  # forms sent


def test_the_dashboard_shows_no_answer_title_or_link(editor, used):
    html = editor.get(DASHBOARD).content.decode()
    for private in (
        "Een antwoord van het team.",
        "Nog een antwoord.",
        "Groep 6, november",
        used.team_code,
        used.leader_code,
        "/nagesprek/",
    ):
        assert private not in html


def test_the_editors_group_sees_the_counts(client, redacteur, used):
    client.force_login(redacteur)
    assert 'id="team-conversations-counts"' in client.get(DASHBOARD).content.decode()


def test_a_guest_author_does_not(guest, used):
    html = guest.get(DASHBOARD).content.decode()
    assert 'id="team-conversations-counts"' not in html
    assert "Reflectievragenlijst" not in html
