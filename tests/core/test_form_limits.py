"""The public forms that mail a reader or reach the editors, limited per visitor
address and per inbox: newsletter signup, download gate, story, pitch."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings
from django.utils.html import escape

from contributions.forms import TOO_MANY_POSTS
from contributions.models import Pitch, Story
from contributions.views import POST_LIMITS
from core import rate_limit
from newsletter.models import Subscriber
from newsletter.views import SIGNUP_LIMITS
from resources.models import DownloadRequest
from resources.models.pages import REQUEST_LIMITS
from tests.admin_helpers import dutch
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

FORMS = {
    "signup": SimpleNamespace(
        url="/nieuwsbrief/",
        data={"consent": "on", "source": "footer"},
        limits=SIGNUP_LIMITS,
        stored=Subscriber.objects,
        own_message="meerdere keren aangemeld",
    ),
    "download": SimpleNamespace(
        url="/downloads/e-book/",
        data={"name": "Anna de Vries", "role": "school_leader", "consent": "on"},
        limits=REQUEST_LIMITS,
        stored=DownloadRequest.objects,
        own_message="een paar keer",
    ),
    "story": SimpleNamespace(
        url="/deel-je-verhaal/",
        data={
            "sentence": "Een moeder vroeg me om hulp die de school niet kon geven.",
            "anonymous": "on",
            "consent": "on",
        },
        limits=POST_LIMITS["story"],
        stored=Story.objects,
        own_message=escape(dutch(TOO_MANY_POSTS)),
    ),
    "pitch": SimpleNamespace(
        url="/schrijf-een-gastblog/",
        data={
            "name": "Joris de Vries",
            "role": "school_leader",
            "school_type": "sbo",
            "pitch": "Over het gesprek met ouders toen passend onderwijs niet meer paste.",
            "consent": "on",
        },
        limits=POST_LIMITS["pitch"],
        stored=Pitch.objects,
        own_message=escape(dutch(TOO_MANY_POSTS)),
    ),
}
NETWORK_MESSAGE = escape(dutch(rate_limit.TOO_MANY_FROM_NETWORK))


@pytest.fixture(params=FORMS)
def form(request, home_page, resource_index, django_user_model):
    # An editor, so that stories and pitches are mailed too: one mail per post.
    django_user_model.objects.create_superuser("redactie", "redactie@example.nl", "x")
    ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book", access="gated")
    return FORMS[request.param]


def send(client, form, email, **extra):
    return client.post(form.url, {**form.data, "email": email}, **extra)


def assert_kept(response, form, email):
    """Refused, kindly, with what the reader typed still in the form."""
    assert response.status_code == 429
    html = response.content.decode()
    assert f'value="{email}"' in html
    for value in form.data.values():
        if value not in ("on", "footer", "school_leader", "sbo"):
            assert value in html


def test_one_visitor_typing_many_addresses_is_refused_after_its_limit(client, form):
    allowed = form.limits.per_visitor.attempts
    for number in range(allowed):
        assert send(client, form, f"lezer{number}@example.nl").status_code == 302
    for number in range(allowed, allowed + 2):
        refused = send(client, form, f"lezer{number}@example.nl")
        assert_kept(refused, form, f"lezer{number}@example.nl")
        assert NETWORK_MESSAGE in refused.content.decode()
    # What was sent before is kept; nothing more was stored or mailed.
    assert form.stored.count() == allowed
    assert len(mail.outbox) == allowed
    # Another visitor is not held back.
    other = send(client, form, "collega@example.nl", REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_spellings_of_one_inbox_count_as_that_inbox(client, form):
    allowed = form.limits.per_mailbox.attempts
    # From as many addresses, to show it is the inbox that is counted.
    for number in range(allowed):
        response = send(
            client, form, f"Slachtoffer+{number}@Example.NL", REMOTE_ADDR=f"198.51.100.{number}"
        )
        assert response.status_code == 302
    refused = send(client, form, "slachtoffer+nog@example.nl", REMOTE_ADDR="198.51.100.99")
    assert_kept(refused, form, "slachtoffer+nog@example.nl")
    assert form.own_message in refused.content.decode()
    assert NETWORK_MESSAGE not in refused.content.decode()
    assert form.stored.count() == allowed
    assert len(mail.outbox) == allowed
    other = send(client, form, "slachtoffer2@example.nl", REMOTE_ADDR="198.51.100.99")
    assert other.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_our_proxy_each_visitor_is_counted_by_the_forwarded_address(client, form):
    def through_proxy(visitor, email):
        # Every request comes from the load balancer; it adds who it saw.
        return send(client, form, email, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=visitor)

    allowed = form.limits.per_visitor.attempts
    for number in range(allowed):
        assert through_proxy("203.0.113.7", f"lezer{number}@example.nl").status_code == 302
    refused = through_proxy("203.0.113.7", "nog-een@example.nl")
    assert refused.status_code == 429
    assert NETWORK_MESSAGE in refused.content.decode()
    # A visitor cannot write themselves a fresh address: the left of the header is theirs.
    forged = through_proxy("192.0.2.1, 203.0.113.7", "en-nog-een@example.nl")
    assert forged.status_code == 429
    # Another visitor behind the same proxy is not held back.
    assert through_proxy("203.0.113.8", "collega@example.nl").status_code == 302
    assert form.stored.count() == allowed + 1


def test_a_reader_retrying_their_own_address_leaves_the_school_its_allowance(client, home_page):
    limits = SIGNUP_LIMITS
    signup = FORMS["signup"]
    for _attempt in range(limits.per_visitor.attempts):  # the same address, over and over
        send(client, signup, "ongeduldig@school.nl")
    # Only the allowed ones counted for the school's address: colleagues can still sign up.
    colleagues = limits.per_visitor.attempts - limits.per_mailbox.attempts
    for number in range(colleagues):
        assert send(client, signup, f"collega{number}@school.nl").status_code == 302
    assert send(client, signup, "een-te-veel@school.nl").status_code == 429


def test_a_visitor_over_its_limit_leaves_the_inboxes_it_types_their_allowance(client, home_page):
    limits = SIGNUP_LIMITS
    signup = FORMS["signup"]
    for number in range(limits.per_visitor.attempts):
        send(client, signup, f"lezer{number}@example.nl")
    for _attempt in range(limits.per_mailbox.attempts):
        assert send(client, signup, "doelwit@example.nl").status_code == 429
    # The owner of that inbox, elsewhere, can still sign up.
    own = send(client, signup, "doelwit@example.nl", REMOTE_ADDR="198.51.100.5")
    assert own.status_code == 302


def test_a_cache_that_cannot_count_still_limits_each_visitor_in_this_process(
    client, form, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    # Memory caches of one name share their data: a name of its own, emptied.
    counts = LocMemCache("test-form-limits", {})
    counts.clear()
    monkeypatch.setattr(rate_limit.cache, "add", broken)
    monkeypatch.setattr(rate_limit, "_process_counts", counts)
    allowed = form.limits.per_visitor.attempts
    for number in range(allowed):
        assert send(client, form, f"lezer{number}@example.nl").status_code == 302
    assert send(client, form, "nog-een@example.nl").status_code == 429
    assert form.stored.count() == allowed
