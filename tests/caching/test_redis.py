"""The page cache and sessions against the real Redis server (as in production)."""

import pytest
from django.core.cache import cache

from tests import services
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server():
    client = services.redis_server()
    yield client
    client.flushdb()


@pytest.fixture
def redis_settings(settings, redis_server):
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": services.redis_test_url(),
            "KEY_PREFIX": "directeurskamer-test",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE = True
    return settings


def test_pages_are_cached_in_redis_and_invalidated_on_publish(
    client, blog_index, redis_settings, redis_server
):
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert any(b"pagecache" in key for key in redis_server.keys("*"))
    generation = cache.get("pagecache:generation")

    article.title = "Nog steeds wachten"
    article.save_revision().publish()

    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nog steeds wachten" in response.content.decode()
    assert cache.get("pagecache:generation") > generation


def test_editor_sessions_live_in_redis(client, admin_user, redis_settings, redis_server):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    session_keys = [key for key in redis_server.keys("*") if b"sessions" in key]
    assert session_keys


def test_one_client_serves_every_operation(redis_settings, redis_server):
    from django.core.cache import caches
    from django_redis import get_redis_connection

    # django-redis keeps one client per server (Django's own backend built one
    # per operation, a fifth of a page-cache hit).
    client = get_redis_connection("default")
    caches["default"].set("sleutel", {"waarde": 1})
    assert caches["default"].get_many(["sleutel", "onbekend"]) == {"sleutel": {"waarde": 1}}
    assert get_redis_connection("default") is client


def test_remembered_values_live_in_redis_until_a_publish(blog_index, redis_settings, redis_server):
    from caching import page_cache

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.remember("telling", compute, 60) == 1
    assert page_cache.remember("telling", compute, 60) == 1
    assert any(b"remember:telling" in key for key in redis_server.keys("*"))
    ArticlePageFactory(parent=blog_index, live=False).save_revision().publish()
    assert page_cache.remember("telling", compute, 60) == 2
