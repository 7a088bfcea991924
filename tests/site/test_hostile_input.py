"""Random and hostile values (hypothesis) in every public form and query parameter:
never a server error, nothing stored on rejection, and nothing echoed unescaped."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contributions.models import Pitch, Story
from conversations.models import TeamAnswer, TeamConversation
from newsletter.models import Subscriber
from resources.models import DownloadRequest
from tests.conversations.factories import form_code
from tests.conversations.factories import questionnaire as make_questionnaire
from tests.conversations.factories import start as start_conversation
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

MARKER = "<script>alert('x')</script>"
HOSTILE = [
    MARKER,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE newsletter_subscriber; --",
    "lezer@example.nl\r\nBcc: iedereen@example.nl",
    "a\nb",
    "\x00",
    "\u202egnp.exe",
    "Zoë 🙂 𝓤𝓷𝓲𝓬𝓸𝓭𝓮",
    " " * 300,
    "x" * 100_000,
    "%00%0d%0a",
    "{{ 7*7 }}{% debug %}",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=2_000), st.just(""))
checkbox = st.sampled_from(["on", "", "yes", MARKER])

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_answer(response):
    assert response.status_code < 500
    if response.status_code != 302 and "html" in response.get("Content-Type", ""):
        assert MARKER not in response.content.decode()


def posted(client, url, data, model):
    before = model.objects.count()
    response = client.post(url, data)
    check_answer(response)
    stored = model.objects.count() - before
    assert stored == (1 if response.status_code == 302 else 0), response.status_code
    return response


@EXAMPLES
@given(sentence=values, name=values, email=values, anonymous=checkbox, consent=checkbox)
def test_share_your_story(client, home_page, sentence, name, email, anonymous, consent):
    data = {"sentence": sentence, "name": name, "email": email}
    data.update(anonymous=anonymous, consent=consent)
    posted(client, "/deel-je-verhaal/", data, Story)


@EXAMPLES
@given(fields=st.fixed_dictionaries(dict.fromkeys(["name", "email", "role", "pitch"], values)))
def test_pitch_a_guest_blog(client, home_page, fields):
    data = {**fields, "school_type": "sbo", "consent": "on"}
    posted(client, "/schrijf-een-gastblog/", data, Pitch)


@EXAMPLES
@given(email=values, source=values, consent=checkbox, website=st.sampled_from(["", "x"]))
def test_newsletter_signup(client, home_page, email, source, consent, website):
    data = {"email": email, "source": source, "consent": consent, "website": website}
    response = client.post("/nieuwsbrief/", data)
    check_answer(response)
    if response.status_code != 302:
        assert not Subscriber.objects.exists()


@pytest.fixture
def gated(resource_index):
    return ResourcePageFactory(parent=resource_index, slug="e-book", access="gated")


@EXAMPLES
@given(fields=st.fixed_dictionaries(dict.fromkeys(["email", "name", "role"], values)))
def test_gated_download(client, gated, fields):
    posted(client, gated.url, {**fields, "consent": "on"}, DownloadRequest)


@pytest.fixture
def questionnaire(resource_index):
    return make_questionnaire(resource_index)


@EXAMPLES
@given(title=values, website=st.sampled_from(["", "x"]))
def test_start_a_team_conversation(client, questionnaire, title, website):
    url = f"/nagesprek/starten/{questionnaire.pk}/"
    posted(client, url, {"title": title, "website": website}, TeamConversation)


@pytest.fixture
def team_link(questionnaire):
    from django.test import Client

    return start_conversation(Client(), questionnaire).team


@EXAMPLES
@given(
    fields=st.fixed_dictionaries(dict.fromkeys(["vraag-1", "vraag-2", "vraag-3"], values)),
    code=st.one_of(st.none(), values),
)
def test_answer_a_team_conversation(client, team_link, fields, code):
    data = {**fields, "website": ""}
    data["form_code"] = form_code(client.get(team_link)) if code is None else code
    before = TeamAnswer.objects.count()
    response = client.post(team_link, data)
    check_answer(response)
    if response.status_code != 302:
        assert TeamAnswer.objects.count() == before


@EXAMPLES
@given(value=values)
def test_team_conversation_links(client, team_link, value):
    code = quote(value, safe="")
    for path in (f"/nagesprek/doe-mee/{code}/", f"/nagesprek/leider/{code}/"):
        check_answer(client.get(path))
        check_answer(client.post(path, {"vraag-1": value}))


@EXAMPLES
@given(value=values)
def test_query_parameters(client, home_page, blog_index, value):
    for path, parameter in [
        ("/zoeken/", "q"),
        ("/blog/", "page"),
        ("/nieuwsbrief/bevestigen/", "t"),
        ("/nieuwsbrief/afmelden/", "t"),
        ("/nieuwsbrief/voorkeuren/", "t"),
        ("/nieuwsbrief/", "bron"),
        ("/nagesprek/bedankt/", "dubbel"),
    ]:
        check_answer(client.get(path, {parameter: value}))


def test_the_same_checks_see_a_valid_submission_stored(client, gated):
    # The control for the tests above: their URLs and fields do store a good submission.
    email = "lezer@example.nl"
    story = {"sentence": "Een zin.", "name": "", "email": email, "consent": "on"}
    assert posted(client, "/deel-je-verhaal/", story, Story).status_code == 302
    pitch = {"name": "Jo", "email": email, "role": "school_leader", "pitch": "Een idee."}
    pitch.update(school_type="sbo", consent="on")
    assert posted(client, "/schrijf-een-gastblog/", pitch, Pitch).status_code == 302
    download = {"email": email, "name": "", "role": "", "consent": "on"}
    assert posted(client, gated.url, download, DownloadRequest).status_code == 302
    signup = {"email": email, "source": "footer", "consent": "on", "website": ""}
    assert client.post("/nieuwsbrief/", signup).status_code == 302
    assert Subscriber.objects.count() == 1
    questionnaire = make_questionnaire(gated.get_parent())
    url = f"/nagesprek/starten/{questionnaire.pk}/"
    start = {"title": "Groep 6", "website": ""}
    assert posted(client, url, start, TeamConversation).status_code == 302
    team_link = start_conversation(client, questionnaire).team
    answer = {"vraag-1": email, "website": "", "form_code": form_code(client.get(team_link))}
    assert client.post(team_link, answer).status_code == 302
    assert TeamAnswer.objects.count() == 1
