"""Random and hostile values (hypothesis) in every public form and query parameter:
never a server error, nothing stored on rejection, and nothing echoed unescaped."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contributions.models import Pitch, Story
from newsletter.models import Subscriber
from resources.models import DownloadRequest
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
