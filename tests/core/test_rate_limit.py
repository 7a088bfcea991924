"""What the limits count as one inbox and as one visitor, and what a failed block costs."""

import pytest
from django.test import RequestFactory, override_settings

from core import rate_limit


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("anna@school.nl", "anna@school.nl"),
        (" Anna@School.NL ", "anna@school.nl"),
        ("anna+nieuwsbrief@school.nl", "anna@school.nl"),
        ("ANNA+1+2@school.nl", "anna@school.nl"),
        ("a.nna+x@Gmail.com", "anna@gmail.com"),
        ("anna@googlemail.com", "anna@gmail.com"),
        # Dots elsewhere, and a hyphen, may well be another person's inbox.
        ("a.nna@school.nl", "a.nna@school.nl"),
        ("anna-1@school.nl", "anna-1@school.nl"),
        ("+anna@school.nl", "+anna@school.nl"),
    ],
)
def test_one_inbox_in_its_spellings(typed, counted):
    assert rate_limit.mailbox(typed) == counted


def visitor(address):
    return rate_limit.visitor(RequestFactory().get("/", REMOTE_ADDR=address))


def test_an_ipv6_visitor_is_its_64_network():
    assert visitor("2001:db8:1:2:aaaa::1") == visitor("2001:db8:1:2:ffff::9")
    assert visitor("2001:db8:1:2::1") != visitor("2001:db8:1:3::1")
    assert visitor("::ffff:203.0.113.7") == visitor("203.0.113.7") == "203.0.113.7"
    assert visitor("203.0.113.7") != visitor("203.0.113.8")


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_our_proxy_the_visitor_is_the_forwarded_address():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7"
    )
    assert rate_limit.visitor(request) == "203.0.113.7"


LIMITS = rate_limit.per_hour("test-form", per_mailbox=2, per_visitor=3)


def attempt(email, address="203.0.113.7"):
    with LIMITS.attempt(RequestFactory().post("/", REMOTE_ADDR=address), email) as refused:
        return refused


def test_an_attempt_whose_block_failed_is_not_counted_by_either_limit():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    for _failure in range(5):
        with pytest.raises(ConnectionError), LIMITS.attempt(request, "anna@school.nl"):
            raise ConnectionError("the database is out of reach")
    assert attempt("anna@school.nl") is None
    assert attempt("anna@school.nl") is None
    assert attempt("anna@school.nl") is LIMITS.per_mailbox
    assert attempt("bram@school.nl") is None
    assert attempt("cor@school.nl") is LIMITS.per_visitor
    assert LIMITS.per_visitor.message == rate_limit.TOO_MANY_FROM_NETWORK
    assert LIMITS.per_mailbox.message is None  # the form's own


def test_without_an_address_the_visitor_is_counted_for_both():
    for _attempt in range(2):
        assert attempt("") is None
    assert attempt("") is LIMITS.per_mailbox
    assert attempt("", address="203.0.113.8") is None
