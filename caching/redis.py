"""Django's Redis cache backend, with one redis-py client per connection pool,
and a site that keeps serving while Redis is out of reach.

Django's RedisCacheClient builds a new redis.Redis object for every cache
operation, and each one sets up redis-py's table of some 170 response
callbacks: about a fifth of the time a page-cache hit takes. A redis.Redis
object is safe to share between threads and only borrows connections from
its pool, so one per pool serves every operation.

Django's backend raises when Redis is down, which would turn every page that
uses the cache into an error page. Here a read then misses and a write is
dropped (both logged), so pages are rendered uncached, as without a cache.
Counting (incr) still raises: a caller that limits attempts must know that
nothing was counted (caching/rate_limit.py). The pool reconnects by itself
once Redis is back.
"""

import logging
import time

from django.core.cache.backends import redis

logger = logging.getLogger(__name__)

# While Redis is down every request would log several times: once a minute will do.
WARNING_INTERVAL = 60


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._warned_at = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _or(self, fallback, operation, *args):
        try:
            return operation(*args)
        except self._lib.RedisError as error:
            now = time.monotonic()
            if self._warned_at is None or now - self._warned_at >= WARNING_INTERVAL:
                self._warned_at = now
                logger.warning("Redis unavailable, serving without the cache: %s", error)
            return fallback

    def get(self, key, default):
        return self._or(default, super().get, key, default)

    def get_many(self, keys):
        return self._or({}, super().get_many, keys)

    def has_key(self, key):
        return self._or(False, super().has_key, key)

    def add(self, key, value, timeout):
        return self._or(False, super().add, key, value, timeout)

    def set(self, key, value, timeout):
        return self._or(None, super().set, key, value, timeout)

    def set_many(self, data, timeout):
        return self._or(None, super().set_many, data, timeout)

    def touch(self, key, timeout):
        return self._or(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or(False, super().delete, key)

    def delete_many(self, keys):
        return self._or(None, super().delete_many, keys)


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
