"""The admin's "forgot password" form, limited per address and per visitor,
and never telling whether an address has an account."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape
from django_tasks import task_backends

from core import rate_limit
from tests.admin_helpers import dutch, member_of
from users.password_reset import RESET_LIMITS, TOO_MANY_RESETS
from users.roles import GUEST_AUTHORS
from users.tasks import send_password_reset

pytestmark = pytest.mark.django_db

RESET_URL = reverse("wagtailadmin_password_reset")
DONE_URL = reverse("wagtailadmin_password_reset_done")
NETWORK_MESSAGE = escape(dutch(rate_limit.TOO_MANY_FROM_NETWORK))


@pytest.fixture
def ilse(django_user_model):
    return member_of(django_user_model, GUEST_AUTHORS, "ilse", email="ilse@example.nl")


def reset(client, email, **extra):
    return client.post(RESET_URL, {"email": email}, **extra)


def answer(response, email):
    """What a visitor sees, apart from the address they typed and the CSRF token."""
    html = response.content.decode().replace(email, "ADDRESS")
    return response.status_code, response.get("Location"), re.sub(r"[A-Za-z0-9]{64}", "", html)


def test_the_url_is_wagtails_own():
    assert RESET_URL == "/admin/password_reset/"


def test_eight_rounds_send_at_most_the_limit_and_then_a_dutch_message(client, ilse):
    allowed = RESET_LIMITS.per_mailbox.attempts
    answers = [reset(client, "ilse@example.nl") for _round in range(8)]
    assert [response.status_code for response in answers] == [302] * allowed + [429] * (
        8 - allowed
    )
    assert all(response["Location"] == DONE_URL for response in answers[:allowed])
    assert len(mail.outbox) == allowed
    refused = answers[-1].content.decode()
    assert escape(dutch(TOO_MANY_RESETS)) in refused
    assert 'value="ilse@example.nl"' in refused  # the form keeps what was typed


def test_an_address_with_or_without_an_account_gets_the_same_answers(ilse):
    def rounds(email, address):
        client = Client(REMOTE_ADDR=address)
        return [answer(reset(client, email), email) for _round in range(8)]

    known = rounds("ilse@example.nl", "198.51.100.1")
    unknown = rounds("niemand@example.nl", "198.51.100.2")
    assert known == unknown
    assert [status for status, _location, _html in known].count(429) == 8 - (
        RESET_LIMITS.per_mailbox.attempts
    )
    assert {message.to[0] for message in mail.outbox} == {"ilse@example.nl"}


def test_spellings_of_one_address_count_as_that_address(client, ilse):
    allowed = RESET_LIMITS.per_mailbox.attempts
    for number in range(allowed):
        # From as many visitor addresses, to show it is the inbox that is counted.
        response = reset(client, "ilse@example.nl", REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302
    for spelling in ("Ilse+nieuw@Example.NL", "ILSE@example.nl"):
        refused = reset(client, spelling, REMOTE_ADDR="198.51.100.99")
        assert refused.status_code == 429
        assert escape(dutch(TOO_MANY_RESETS)) in refused.content.decode()
    assert len(mail.outbox) == allowed


def test_one_visitor_trying_many_addresses_is_refused_after_its_limit(client, ilse):
    allowed = RESET_LIMITS.per_visitor.attempts
    for number in range(allowed):
        assert reset(client, f"iemand{number}@example.nl").status_code == 302
    refused = reset(client, "ilse@example.nl")
    assert refused.status_code == 429
    assert NETWORK_MESSAGE in refused.content.decode()
    assert mail.outbox == []
    # Ilse herself, elsewhere, still gets her mail.
    assert reset(client, "ilse@example.nl", REMOTE_ADDR="198.51.100.5").status_code == 302
    assert [message.to for message in mail.outbox] == [["ilse@example.nl"]]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_our_proxy_each_visitor_is_counted_by_the_forwarded_address(client, ilse):
    def through_proxy(visitor, email):
        return reset(client, email, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=visitor)

    for number in range(RESET_LIMITS.per_visitor.attempts):
        assert through_proxy("203.0.113.7", f"iemand{number}@example.nl").status_code == 302
    assert through_proxy("192.0.2.1, 203.0.113.7", "ilse@example.nl").status_code == 429
    assert through_proxy("203.0.113.8", "ilse@example.nl").status_code == 302
    assert len(mail.outbox) == 1


def test_the_mailed_link_still_sets_a_new_password(client, ilse):
    reset(client, "ilse@example.nl")
    link = re.search(r"https?://\S+/password_reset/confirm/\S+", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    password = "Schoolleider-2026!"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done["Location"] == reverse("wagtailadmin_password_reset_complete")
    ilse.refresh_from_db()
    assert ilse.check_password(password)


def test_the_mail_is_queued_by_account_id_so_the_answer_takes_no_longer(ilse, settings):
    """Sent in the request, an account's mail would make its answer slower than
    a stranger's; queued, it holds no address and no working link either."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    client = Client()
    assert reset(client, "ilse@example.nl").status_code == 302
    assert reset(client, "niemand@example.nl").status_code == 302
    assert mail.outbox == []
    [queued] = backend.results
    assert queued.task.name == send_password_reset.name
    assert queued.args == [ilse.pk, "http", "testserver"]
    assert "ilse" not in repr(queued.args) + repr(queued.kwargs)
    # Run by the worker, later: the mail with a link that works.
    send_password_reset.call(*queued.args)
    assert [message.to for message in mail.outbox] == [["ilse@example.nl"]]
    assert "/password_reset/confirm/" in mail.outbox[0].body


def test_no_mail_for_an_account_closed_before_the_worker_sends_it(ilse):
    ilse.is_active = False
    ilse.save()
    send_password_reset.call(ilse.pk, "https", "www.example.nl")
    assert mail.outbox == []
