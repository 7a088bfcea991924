"""Reading the tokens in the site's personal links (Django's signing framework)."""

from django.core import signing


def read_token(token, *, salt, max_age=None):
    """The signed value and whether it is too old: (value, expired).

    An expired token still gives its value (its signature is good, only old),
    so that a page can say "expired" rather than "wrong". A bad signature
    gives (None, False).
    """
    try:
        return signing.loads(token, salt=salt, max_age=max_age), False
    except signing.SignatureExpired:
        return signing.loads(token, salt=salt), True
    except signing.BadSignature:
        return None, False
