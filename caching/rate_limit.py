"""Counting a visitor's attempts in the shared cache, to refuse too many."""

import hashlib
import logging

from django.core.cache import cache

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
