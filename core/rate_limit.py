"""Counting a visitor's attempts in the shared cache, to refuse too many.

Each public form that sends mail or reaches the editors declares its
`FormLimits` beside the view that applies them (newsletter.views,
contributions.views, resources.models.pages, users.password_reset): per
mailbox, so that no inbox is flooded however its address is spelt, and per
visitor address, so that no one visitor floods many inboxes or the editors.
Logins are limited by django-axes.

Why not django-ratelimit: three behaviours the tests ask for that it cannot
give. While the shared cache is out of reach it fails open or closed, where
here each process counts on its own (tests/faults/test_redis.py, forms
"stored and still limited"); it cannot take an attempt back, where here one
whose data failed to store does not count (tests/contributions/test_forms.py,
tests/resources/test_gated_download.py), nor one that the other limit on the
form refused; and its windows are fixed in time, so across a boundary twice
the limit gets through, where here the window starts at the first attempt.
"""

import contextlib
import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.translation import gettext_lazy as _
from python_ipware import IpWare

logger = logging.getLogger(__name__)

# Told to a reader whose network sent a form too often: at a school, that may
# be colleagues on the same connection, not the reader.
TOO_MANY_FROM_NETWORK = _(
    "Many requests came from your network in the last hour (at a school, colleagues "
    "often share one internet connection). Please try again in an hour, or from another "
    "connection, such as your phone's."
)


@dataclass(frozen=True)
class Limit:
    """At most `attempts` per identity (a mailbox, a visitor's address) in
    `seconds`, counted under `scope`. `message` is what a refused reader is
    told; without one, the form's own `too_many_requests_message`."""

    scope: str
    attempts: int
    seconds: int
    message: str | None = None

    def count(self, identity):
        """Count one attempt by `identity`: False once there were more than
        `attempts` in a window of `seconds` that starts at the first.

        The identity is hashed: the cache holds no addresses. Fails safe:
        when the shared cache cannot count, this process counts on its own,
        so the limit still holds (per app server process instead of
        site-wide) and readers can still send their forms.
        """
        key = _key(self.scope, identity)
        try:
            count = _count(cache, key, self.seconds)
        except Exception as error:
            logger.warning("Rate limit %s counted in this process only: %s", self.scope, error)
            count = _count(_process_counts, key, self.seconds)
        return count <= self.attempts

    def take_back(self, identity):
        """Uncount an attempt that count() allowed."""
        key = _key(self.scope, identity)
        for counts in (cache, _process_counts):
            with contextlib.suppress(Exception):  # expired, or counted in the other
                counts.decr(key)
                break


@dataclass(frozen=True)
class FormLimits:
    """The limits on one public form: `per_mailbox` for the address typed in
    (or, without one, for the visitor's address), `per_visitor` for one
    visitor address, whatever addresses it types."""

    per_mailbox: Limit
    per_visitor: Limit

    @contextlib.contextmanager
    def attempt(self, request, email):
        """For a block that stores what was sent and queues its mail:
        `with LIMITS.attempt(request, email) as refused:` yields None when
        it may go ahead, else the `Limit` that refused it.

        An attempt that one limit refuses is not held against the other: a
        reader retrying their own address does not use up their school's
        allowance, and a visitor over theirs does not use up the allowance
        of the addresses they type. Should the block fail (the database out
        of reach, say), the attempt is not counted after all: the reader is
        told to send it again, and must not run into a limit for doing so.
        """
        by_visitor = visitor(request)
        counted = [
            (self.per_mailbox, mailbox(email) if email else by_visitor),
            (self.per_visitor, by_visitor),
        ]
        allowed, refused = [], None
        for limit, identity in counted:  # each counts, whatever the other says
            if limit.count(identity):
                allowed.append((limit, identity))
            elif refused is None:
                refused = limit
        if refused is not None:
            for limit, identity in allowed:
                limit.take_back(identity)
        try:
            yield refused
        except Exception:
            if refused is None:
                for limit, identity in counted:
                    limit.take_back(identity)
            raise


def per_hour(scope, *, per_mailbox, per_visitor):
    """FormLimits over an hour, the time the forms' messages ask readers to wait."""
    return FormLimits(
        per_mailbox=Limit(scope, per_mailbox, 60 * 60),
        per_visitor=Limit(f"{scope}-visitor", per_visitor, 60 * 60, TOO_MANY_FROM_NETWORK),
    )


def mailbox(address):
    """The inbox an address delivers to, as the limits count it.

    Case, and a "+tag" after the name, lead to the same inbox
    ("Anna+1@School.nl" is anna@school.nl), and so do dots in a Gmail name:
    without this, one inbox could be sent a mail for every spelling of it.
    """
    local, at, domain = address.strip().lower().rpartition("@")
    if not at:
        return domain
    local = local.split("+", 1)[0] or local
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def visitor(request):
    """The visitor, as the limits per visitor count them: client_address(),
    and of an IPv6 address its /64 network, since one connection is given a
    whole /64 to pick addresses from."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


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
    address, _routable = IpWare(
        proxy_count=proxies - 1, precedence=("HTTP_X_FORWARDED_FOR",)
    ).get_client_ip(request.META)
    return str(address) if address else remote
