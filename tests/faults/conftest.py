import re
from urllib.parse import urlsplit

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

from tests.services import redis_server, redis_test_url, require

from .proxy import TcpProxy


@pytest.fixture
def database(transactional_db):
    """The test database behind a TcpProxy: stop() takes PostgreSQL away, start() brings it back.

    Transactional, so that no test transaction holds the connection the
    proxy cuts.
    """
    require(connection.vendor == "postgresql", "The database faults need PostgreSQL.")
    settings_dict = connection.settings_dict
    saved = {"HOST": settings_dict["HOST"], "PORT": settings_dict["PORT"]}
    proxy = TcpProxy((saved["HOST"] or "127.0.0.1", int(saved["PORT"] or 5432))).start()
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    yield proxy
    proxy.stop()
    connection.close()
    settings_dict.update(saved)


@pytest.fixture
def redis_cache(settings):
    """Redis as the site's cache (and session cache), behind a TcpProxy."""
    server = redis_server()
    address = urlsplit(redis_test_url())
    proxy = TcpProxy((address.hostname, address.port or 6379)).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}{address.path}",
            "KEY_PREFIX": "faults",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "SKIP_SECONDS": 10},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # every lookup goes to Redis
    yield proxy
    proxy.stop()
    server.flushdb()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    """The clock by which the Redis cache backend waits after a failure, moved by the test."""
    import caching.redis

    clock = Clock()
    monkeypatch.setattr(caching.redis, "monotonic", clock)
    return clock


class WsgiClient(RequestFactory):
    """Requests through Django's WSGI handler in this thread, as a gunicorn sync worker sends them.

    Unlike the test client, this fires request_started and request_finished
    with their database housekeeping: a connection kept from an earlier
    request (CONN_MAX_AGE) is health-checked, and closed once it broke.
    Cookies are kept, as a browser does.
    """

    handler = WSGIHandler()

    def request(self, **request):
        response = self.handler(self._base_environ(**request), lambda status, headers: None)
        response.body = b"".join(response)
        response.close()  # the end of the request, for request_finished
        self.cookies.update(response.cookies)
        return response

    def csrf_token(self, path):
        """The token from the form on the page at path (and its cookie kept)."""
        page = self.get(path).body.decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def visitor():
    return WsgiClient()
