"""A questionnaire to start team conversations from, and conversations started
as a school leader does: through the start page."""

import re

from conversations import links
from tests.resources.factories import ResourcePageFactory

OPEN_QUESTION = "Wat zag je bij de leerling?"
SCALE_QUESTION = "Hoe goed kon het team dit dragen?"
LAST_QUESTION = "Wat neem je mee naar het volgende overleg?"

QUESTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Wat je zag",
            "intro": "Neem per vraag even de tijd.",
            "questions": [
                {
                    "question": OPEN_QUESTION,
                    "hint": "Beschrijf, oordeel niet.",
                    "answer_type": "open",
                },
                {"question": SCALE_QUESTION, "hint": "", "answer_type": "scale"},
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Wat je meeneemt",
            "intro": "",
            "questions": [{"question": LAST_QUESTION, "hint": "", "answer_type": "open"}],
        },
    },
]


def questionnaire(parent, **kwargs):
    return ResourcePageFactory(
        parent=parent,
        title=kwargs.pop("title", "Reflectievragenlijst"),
        slug=kwargs.pop("slug", "reflectievragenlijst"),
        kind="questionnaire",
        document=None,
        questions=QUESTIONS,
        **kwargs,
    )


def start_url(page):
    return f"/nagesprek/starten/{page.pk}/"


class Links:
    """The two links of a conversation, from the address the start sends its leader to."""

    def __init__(self, location):
        match = re.fullmatch(r"/nagesprek/leider/([A-Za-z0-9_-]+)/links/", location)
        assert match, location
        self.leader_code = match.group(1)
        self.team_code = links.team_code(self.leader_code)

    @property
    def team(self):
        return f"/nagesprek/doe-mee/{self.team_code}/"

    @property
    def results(self):
        return f"/nagesprek/leider/{self.leader_code}/"

    @property
    def links(self):
        return f"{self.results}links/"

    @property
    def delete(self):
        return f"{self.results}verwijderen/"


def start(client, page, title="", **extra):
    response = client.post(start_url(page), {"title": title, "website": ""}, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Links(response["Location"])


def form_code(response):
    match = re.search(r'name="form_code" value="([^"]+)"', response.content.decode())
    assert match, "no one-time code in the form"
    return match.group(1)


def answer(client, team_url, answers, **extra):
    """Open the team's form and send it with `answers` ({1: "text", 2: 4, ...})."""
    code = form_code(client.get(team_url))
    data = {"form_code": code, "website": ""}
    data.update({f"vraag-{number}": value for number, value in answers.items()})
    return client.post(team_url, data, **extra)
