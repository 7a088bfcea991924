"""The whole-page cache for anonymous readers.

Cached pages live under a generation number. Any change that a page may show
(a page published, unpublished, moved or deleted; a theme, author, image,
snippet, setting or site saved or deleted) bumps the generation, so every
cached page is stale at once and expires on its own. With a shared cache
(Redis) that works across all app servers.

A cache that cannot be reached is a miss, never an error: the page is then
rendered as if there were no cache.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # add() so that two servers starting at once agree on one number.
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate():
    """Make every cached page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing is cached under one either
        cache.add(GENERATION_KEY, 1, timeout=None)
    except Exception:
        # Unreachable cache: its pages expire after PAGE_CACHE_SECONDS at the latest.
        logger.exception("Could not invalidate the page cache")


def remember(name, compute, timeout):
    """compute()'s result, kept in the cache until the content next changes.

    For what is costly to work out and the same for every reader, such as an
    article's related articles. It lives under the page cache's generation,
    so publishing anything recomputes it. Without a reachable cache it is
    computed on every call.
    """
    try:
        key = f"remember:{generation()}:{name}"
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable; %s not stored", name, exc_info=True)
    return value


def key_for(request):
    url = f"{request.method}:{request.get_host()}:{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def get(request):
    try:
        return cache.get(key_for(request))
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        return None


def store(request, value):
    try:
        cache.set(key_for(request), value, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable; page not stored", exc_info=True)
