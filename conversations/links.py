"""The two links of a team conversation, and the one-time code of an answer form.

The leader's code is random (secrets.token_urlsafe, 256 bits). The team's
code is derived from it (HMAC-SHA256), so that the leader's page can show the
team link again at any time, while the team link tells nothing of the
leader's. Only SHA-256 hashes of the codes are stored; a link is looked up
by its hash, so neither the database nor the time a lookup takes says
anything about a code, and a stolen database opens no conversation.
"""

import base64
import hashlib
import hmac
import re
import secrets

CODE_BYTES = 32
# What a code in a URL or form may look like (token_urlsafe's alphabet);
# anything else is refused before it is hashed.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def new_leader_code():
    return secrets.token_urlsafe(CODE_BYTES)


def team_code(leader_code):
    digest = hmac.new(leader_code.encode(), b"nagesprek: team link", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def key(code):
    """The stored form of a code; None for anything that is no code."""
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        return None
    return hashlib.sha256(code.encode()).hexdigest()


def new_form_code():
    return secrets.token_urlsafe(18)
