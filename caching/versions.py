"""Values remembered until a version of their own changes, not the content generation.

page_cache.remember() keeps a value until anything a page shows changes, so
right after every publish it is worked out again. Some values depend on
little that a publish touches (the footer's links to the content pages,
readers' sentences on the wall of recognition under an article): kept under
a version of their own, which only their own changes bump, a publish costs no
query for them. Whoever changes what they
depend on calls forget(); whole pages and pieces still need
page_cache.invalidate() as well.

As for remember(): only with a shared cache (settings.CONTENT_CACHE), and a
cache out of reach means computing, never an error. A value is stored with
the version read before computing it, so a change made meanwhile leaves it
stale.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


class Versioned:
    """A family of values with one version, e.g. Versioned("recognition-wall")."""

    def __init__(self, name, timeout=24 * 60 * 60):
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout

    def remember(self, key, compute):
        """compute()'s result, kept until forget()."""
        if not settings.CONTENT_CACHE:
            return compute()
        key = f"{self.name}:{key}"
        try:
            found = cache.get_many([self.version_key, key])
            version = found.get(self.version_key)
            if version is None:
                # From the clock: an evicted version must not bring old entries back.
                cache.add(self.version_key, time.time_ns() // 1000, timeout=None)
                version = cache.get(self.version_key)
        except Exception:
            logger.warning("Cache unavailable; computing %s", key, exc_info=True)
            return compute()
        entry = found.get(key)
        if isinstance(entry, tuple) and entry[0] == version:
            return entry[1]
        value = compute()
        try:
            cache.set(key, (version, value), self.timeout)
        except Exception:
            logger.warning("Cache unavailable; %s not stored", key, exc_info=True)
        return value

    def forget(self):
        """Make every value of the family stale, on every app server."""
        try:
            cache.incr(self.version_key)
        except ValueError:  # no version yet (or evicted): nothing kept under one
            pass
        except Exception:
            # As page_cache.invalidate(): with Redis the delete waits until it is
            # back (caching/redis.py); nothing stored before then is used again.
            logger.warning("Could not forget %s", self.name, exc_info=True)
            with contextlib.suppress(Exception):
                cache.delete(self.version_key)
