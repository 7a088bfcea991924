"""Django's Redis cache backend, with one redis-py client per connection pool,
and a site that keeps serving while Redis is out of reach.

Django's RedisCacheClient builds a new redis.Redis object for every cache
operation, and each one sets up redis-py's table of some 170 response
callbacks: about a fifth of the time a page-cache hit takes. A redis.Redis
object is safe to share between threads and only borrows connections from
its pool, so one per pool serves every operation.

Django's backend raises when Redis is down, which would turn every page that
uses the cache into an error page. Here a read then misses and a write is
dropped, so pages are rendered uncached, as without a cache. Counting (incr)
still raises: a caller that limits attempts must know that nothing was
counted (core/rate_limit.py).

After a failure Redis is left alone for `skip_seconds` (an OPTION, default
10): a Redis that hangs costs one timeout then, not one per cache call. The
keys whose write or delete was dropped are deleted first once Redis answers
again, so that nothing it held from before the outage (a session that was
ended meanwhile, say) comes back. The pool reconnects by itself.
"""

import logging
import threading
from time import monotonic

from django.core.cache.backends import redis

logger = logging.getLogger(__name__)

# While Redis is down every request would log several times: once a minute will do.
WARNING_INTERVAL = 60
# Keys remembered for deletion while Redis is down; past this, the oldest are let go.
STALE_KEYS = 10_000


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, skip_seconds=10, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._skip_seconds = skip_seconds
        self._down_until = None  # set while Redis is (or was lately) out of reach
        self._stale = {}  # keys dropped meanwhile (a dict: ordered, for letting the oldest go)
        self._lock = threading.Lock()
        self._warned_at = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, operation, *args, stale=()):
        """operation(*args), or RedisError at once while Redis is left alone."""
        down_until = self._down_until
        if down_until is not None and monotonic() < down_until:
            self._remember_stale(stale)
            raise self._lib.ConnectionError("Redis is left alone after a failure")
        try:
            if down_until is not None:
                self._recover()
            return operation(*args)
        except self._lib.RedisError as error:
            self._failed(error, stale)
            raise

    def _or(self, fallback, operation, *args, stale=()):
        try:
            return self._call(operation, *args, stale=stale)
        except self._lib.RedisError:
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

    def get(self, key, default):
        return self._or(default, super().get, key, default)

    def get_many(self, keys):
        return self._or({}, super().get_many, keys)

    def has_key(self, key):
        return self._or(False, super().has_key, key)

    def add(self, key, value, timeout):
        return self._or(False, super().add, key, value, timeout)

    def set(self, key, value, timeout):
        return self._or(None, super().set, key, value, timeout, stale=[key])

    def set_many(self, data, timeout):
        return self._or(None, super().set_many, data, timeout, stale=list(data))

    def touch(self, key, timeout):
        return self._or(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or(False, super().delete, key, stale=[key])

    def delete_many(self, keys):
        return self._or(None, super().delete_many, keys, stale=list(keys))

    def incr(self, key, delta):
        return self._call(super().incr, key, delta)


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
