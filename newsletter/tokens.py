"""Signed tokens in the links of newsletter mails (Django's signing framework).

A confirmation link expires; an unsubscribe link never does, since it must
work from any old mail. Both name the subscriber by number only.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from core.signed_links import read_token

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


@dataclass(frozen=True)
class TokenCheck:
    subscriber_id: int | None = None
    expired: bool = False

    @property
    def valid(self):
        return self.subscriber_id is not None and not self.expired


def confirm_token(subscriber):
    return signing.dumps(subscriber.pk, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber):
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def check_confirm_token(token):
    value, expired = read_token(
        token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE
    )
    return TokenCheck(expired=True) if expired else _checked(value)


def check_unsubscribe_token(token):
    return _checked(read_token(token, salt=UNSUBSCRIBE_SALT)[0])


def _checked(value):
    # bool is an int too; a signed payload is only ever a plain number.
    if type(value) is not int:
        return TokenCheck()
    return TokenCheck(subscriber_id=value)
