"""The site's Redis cache: django-redis, and a site that keeps serving while
Redis is out of reach.

django-redis gives the client (one per server, its connection pool reused by
every operation) and turns Redis's errors into the original exception when
IGNORE_EXCEPTIONS is off, as here. Its IGNORE_EXCEPTIONS would make a read
miss and a write drop, but it cannot give two things the tests ask for
(tests/faults/test_redis.py), so this backend wraps its public methods:

- after a failure Redis is left alone for `SKIP_SECONDS` (an OPTION, default
  10): a Redis that hangs costs one timeout then, not one per cache call
  ("a Redis that hangs costs one timeout, not one per cache call");
- the keys whose write or delete was dropped are deleted first once Redis
  answers again, so that nothing it held from before the outage comes back
  ("a session ended while Redis was down stays ended", "cached once it is back").

While Redis is out of reach a read misses and a write is dropped, so pages are
rendered uncached, as without a cache. Counting (incr, decr) still raises: a
caller that limits attempts must know that nothing was counted
(core/rate_limit.py). The pool reconnects by itself.
"""

import logging
import threading
from time import monotonic

from django_redis.cache import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# While Redis is down every request would log several times: once a minute will do.
WARNING_INTERVAL = 60
# Keys remembered for deletion while Redis is down; past this, the oldest are let go.
STALE_KEYS = 10_000
FAILURES = (RedisError, OSError)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = params.get("OPTIONS", {})
        self._skip_seconds = options.get("SKIP_SECONDS", 10)
        super().__init__(server, {**params, "OPTIONS": {**options, "IGNORE_EXCEPTIONS": False}})
        self._down_until = None  # set while Redis is (or was lately) out of reach
        self._stale = {}  # keys dropped meanwhile (a dict: ordered, for letting the oldest go)
        self._lock = threading.Lock()
        self._warned_at = None

    def _call(self, operation, *args, stale=(), **kwargs):
        """operation(*args), or a ConnectionError at once while Redis is left alone."""
        down_until = self._down_until
        if down_until is not None and monotonic() < down_until:
            self._remember_stale(stale)
            raise RedisConnectionError("Redis is left alone after a failure")
        try:
            if down_until is not None:
                self._recover()
            return operation(*args, **kwargs)
        except FAILURES as error:
            self._failed(error, stale)
            raise

    def _or(self, fallback, operation, *args, stale=(), **kwargs):
        try:
            return self._call(operation, *args, stale=stale, **kwargs)
        except FAILURES:
            return fallback

    def _failed(self, error, stale):
        now = monotonic()
        with self._lock:
            self._down_until = now + self._skip_seconds
            warn = self._warned_at is None or now - self._warned_at >= WARNING_INTERVAL
            if warn:
                self._warned_at = now
        self._remember_stale(stale)
        if warn:
            logger.warning("Redis unavailable, serving without the cache: %s", error)

    def _remember_stale(self, keys):
        with self._lock:
            for key in keys:
                self._stale.pop(key, None)
                self._stale[key] = None
            while len(self._stale) > STALE_KEYS:
                self._stale.pop(next(iter(self._stale)))

    def _recover(self):
        with self._lock:
            stale = list(self._stale)
        if stale:
            super().delete_many(stale)
        with self._lock:
            for key in stale:
                self._stale.pop(key, None)
            self._down_until = None
        logger.warning("Redis is back; %d keys dropped meanwhile were deleted", len(stale))

    def get(self, key, default=None, version=None, client=None):
        return self._or(default, super().get, key, default, version, client)

    def get_many(self, *args, **kwargs):
        return self._or({}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._or(False, super().has_key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        return self._or(False, super().add, key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        return self._or(None, super().set, key, *args, stale=[key], **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._or([], super().set_many, data, *args, stale=list(data), **kwargs)

    def touch(self, *args, **kwargs):
        return self._or(False, super().touch, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._or(False, super().delete, key, *args, stale=[key], **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._or(None, super().delete_many, keys, *args, stale=list(keys), **kwargs)

    def incr(self, *args, **kwargs):
        return self._call(super().incr, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call(super().decr, *args, **kwargs)
