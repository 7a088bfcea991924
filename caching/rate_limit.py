"""Counting a visitor's attempts in the shared cache, to refuse too many."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from python_ipware import IpWare

logger = logging.getLogger(__name__)


def allow(scope, identity, limit, seconds):
    """Count one attempt by `identity` (e.g. an email address) at `scope`.

    False once there were more than `limit` attempts in a window of `seconds`
    that starts at the first. The identity is hashed: the cache holds no
    addresses. Fails safe: when the cache cannot count, the attempt is
    refused rather than let every attempt through.
    """
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()
    key = f"rate-limit:{scope}:{digest}"
    try:
        cache.add(key, 0, seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, seconds)
            count = 1
    except Exception:
        logger.exception("Rate limit %s could not be counted; refusing the attempt", scope)
        return False
    return count <= limit


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
