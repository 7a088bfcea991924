"""The outside services and tools some tests need, and what happens without one:
skipped on a developer's machine, a failure in CI (CI, or REQUIRE_SERVICES /
REQUIRE_BROWSER set), so that CI never passes without them."""

import os

import pytest
import redis


def require(available, message, *, flag="REQUIRE_SERVICES"):
    if available:
        return
    if os.environ.get("CI") or os.environ.get(flag):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def redis_test_url():
    """A Redis database of this test process's own: the tests flush it, and
    pytest-xdist's workers run at the same time (gw0 takes 15, gw1 14, ...)."""
    if os.environ.get("REDIS_TEST_URL"):
        return os.environ["REDIS_TEST_URL"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"redis://127.0.0.1:6379/{15 - int(worker.removeprefix('gw')) % 16}"


def redis_server():
    """A client of the test Redis database, emptied; the test is skipped or failed without one."""
    url = redis_test_url()
    server = redis.Redis.from_url(url)
    try:
        server.ping()
    except redis.ConnectionError:
        require(False, f"No Redis server at {url}.")
    server.flushdb()
    return server
