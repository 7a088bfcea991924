"""Counting a visitor's attempts in the shared cache, to refuse too many.

Each app declares its limits as `Limit`s beside the view that applies them
(newsletter.views, contributions.views, resources.models.pages); logins are
limited by django-axes.

Why not django-ratelimit: three behaviours the tests ask for that it cannot
give. While the shared cache is out of reach it fails open or closed, where
here each process counts on its own (tests/faults/test_redis.py, forms
"stored and still limited"); it cannot take an attempt back, where here one
whose data failed to store does not count (tests/contributions/test_forms.py,
tests/resources/test_gated_download.py); and its windows are fixed in time,
so across a boundary twice the limit gets through, where here the window
starts at the first attempt.
"""

import contextlib
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from python_ipware import IpWare

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """At most `attempts` per identity (an email address, a visitor's address)
    in `seconds`, counted under `scope`."""

    scope: str
    attempts: int
    seconds: int

    def attempt(self, identity):
        """attempt() under this limit: `with LIMIT.attempt(email) as allowed:`."""
        return attempt(self.scope, identity, self.attempts, self.seconds)


def allow(scope, identity, limit, seconds):
    """Count one attempt by `identity` (e.g. an email address) at `scope`.

    False once there were more than `limit` attempts in a window of `seconds`
    that starts at the first. The identity is hashed: the cache holds no
    addresses. Fails safe: when the shared cache cannot count, this process
    counts on its own, so the limit still holds (per app server process
    instead of site-wide) and readers can still send their forms.
    """
    key = _key(scope, identity)
    try:
        count = _count(cache, key, seconds)
    except Exception as error:
        logger.warning("Rate limit %s counted in this process only: %s", scope, error)
        count = _count(_process_counts, key, seconds)
    return count <= limit


@contextlib.contextmanager
def attempt(scope, identity, limit, seconds):
    """allow() for a block that stores what was sent: yields whether it may.

    Should the block fail (the database out of reach, say), the attempt is
    not counted after all: the reader is told to send it again, and must not
    run into the limit for doing so.
    """
    allowed = allow(scope, identity, limit, seconds)
    try:
        yield allowed
    except Exception:
        if allowed:
            key = _key(scope, identity)
            for counts in (cache, _process_counts):
                with contextlib.suppress(Exception):  # expired, or counted in the other
                    counts.decr(key)
                    break
        raise


def _key(scope, identity):
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()
    return f"rate-limit:{scope}:{digest}"


# Counts while the shared cache is out of reach; bounded, the oldest go first.
_process_counts = LocMemCache("rate-limit", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _count(counts, key, seconds):
    counts.add(key, 0, seconds)
    try:
        return counts.incr(key)
    except ValueError:  # expired between add() and incr()
        counts.set(key, 1, seconds)
        return 1


def client_address(request):
    """The visitor's address, for limits per address (logins, forms).

    Directly on the internet (TRUSTED_PROXY_COUNT 0) that is REMOTE_ADDR, and a
    client's X-Forwarded-For is ignored: it could name anyone. Behind N proxies
    of our own, the address the first of them saw, from the right end of
    X-Forwarded-For, where a client cannot write.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies < 1:
        return remote
    # python-ipware counts the proxies listed in the header: all but the last one.
    address, _ = IpWare(
        proxy_count=proxies - 1, precedence=("HTTP_X_FORWARDED_FOR",)
    ).get_client_ip(request.META)
    return str(address) if address else remote
