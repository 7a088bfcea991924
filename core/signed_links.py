"""The tokens in the site's personal links (Django's signing framework): a
newsletter confirmation or unsubscribe link, a gated download's link.

Each kind of link is a SignedLink with its own salt; its check() says what the
token holds and whether it is too old. What a valid payload looks like is for
the caller to say (a `accepts` function), so that nothing else is trusted.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing


@dataclass(frozen=True)
class TokenCheck:
    """What a token turned out to be: its payload (None when forged, garbled or
    of the wrong shape) and whether it is too old."""

    value: object = None
    expired: bool = False

    @property
    def valid(self):
        return self.value is not None and not self.expired


class SignedLink:
    """One kind of personal link.

    `max_age_setting` names the setting with the seconds the link works
    (read at each check, so a change applies at once); without it the link
    never expires. `accepts(payload)` says whether a payload is one this kind
    of link gives out.
    """

    def __init__(self, salt, *, accepts, max_age_setting=None):
        self.salt = salt
        self.accepts = accepts
        self.max_age_setting = max_age_setting

    def make(self, value):
        return signing.dumps(value, salt=self.salt, compress=True)

    def check(self, token):
        """An expired token still gives its payload (its signature is good, only
        old), so that a page can say "expired" rather than "wrong"."""
        max_age = getattr(settings, self.max_age_setting) if self.max_age_setting else None
        try:
            value, expired = signing.loads(token, salt=self.salt, max_age=max_age), False
        except signing.SignatureExpired:
            value, expired = signing.loads(token, salt=self.salt), True
        except signing.BadSignature:
            return TokenCheck()
        return TokenCheck(value=value if self.accepts(value) else None, expired=expired)
