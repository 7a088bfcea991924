"""How a failure to send mail is read, the same for transactional mail and the newsletter."""

import datetime
import smtplib

import pytest

from core.mail import describe, retry_delay, worth_retrying


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (ConnectionRefusedError(), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(451, b"Try again later"), True),
        (smtplib.SMTPResponseException(550, b"No such mailbox"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.nl": (550, b"No")}), False),
        (
            smtplib.SMTPRecipientsRefused({"a@ex.nl": (550, b"No"), "b@ex.nl": (452, b"Full")}),
            True,
        ),
        (ValueError("a broken template"), False),
    ],
)
def test_only_what_may_succeed_later_is_tried_again(error, retry):
    assert worth_retrying(error) is retry


def test_the_description_holds_the_servers_answer_and_never_the_address():
    refused = smtplib.SMTPRecipientsRefused({"anna@example.nl": (550, b"5.1.1 Unknown user")})
    assert describe(refused) == "550 5.1.1 Unknown user"
    assert "anna" not in describe(refused)
    assert describe(TimeoutError("timed out")) == "TimeoutError: timed out"


def test_the_wait_doubles_up_to_the_longest():
    minutes = [retry_delay(n, first=60, longest=6 * 60 * 60) for n in range(1, 12)]
    assert minutes[:4] == [datetime.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert minutes[-1] == datetime.timedelta(hours=6)
    assert retry_delay(4, first=120) == datetime.timedelta(minutes=16)
