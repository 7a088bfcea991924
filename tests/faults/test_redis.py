"""Redis out of reach: pages are served uncached, forms and logins keep working,
and rate limits still hold."""

import pytest
from django.test import Client
from django.utils.html import escape

from contributions.forms import TOO_MANY_POSTS
from contributions.models import Story
from tests.admin_helpers import dutch
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

STORY = {
    "sentence": "Een moeder vroeg me om hulp die de school niet kon geven.",
    "email": "ineke@deregenboog.nl",
    "consent": "on",
}


def test_pages_are_served_uncached_while_redis_is_down_and_cached_once_it_is_back(
    redis_cache, blog_index, client, caplog
):
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    redis_cache.stop()
    for url in (article.url, "/", blog_index.url, "/zoeken/?q=jeugdhulp", "/nieuwsbrief/"):
        response = client.get(url)
        assert response.status_code == 200, url
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Wachten op jeugdhulp" in response.content.decode()
    # Logged, but once a minute, not on every cache call.
    warnings = [r for r in caplog.records if r.getMessage().startswith("Redis unavailable")]
    assert len(warnings) == 1

    redis_cache.start()  # with what it held: the page stored before is still current
    assert client.get(article.url)["X-Page-Cache"] == "hit"


def test_forms_are_stored_and_still_limited_while_redis_is_down(
    redis_cache, home_page, settings, monkeypatch
):
    from django.core.cache.backends.locmem import LocMemCache

    from caching import rate_limit

    monkeypatch.setattr(rate_limit, "_process_counts", LocMemCache("faults", {}))
    limit, _ = settings.CONTRIBUTIONS_POSTS_PER_ADDRESS
    redis_cache.stop()
    reader = Client()
    for _ in range(limit):
        assert reader.post("/deel-je-verhaal/", STORY).status_code == 302
    # Counted in this process, as Redis cannot count: not open for abuse.
    refused = reader.post("/deel-je-verhaal/", STORY)
    assert refused.status_code == 429
    assert escape(dutch(TOO_MANY_POSTS)) in refused.content.decode()
    assert Story.objects.count() == limit


def test_editors_can_log_in_and_work_while_redis_is_down(redis_cache, admin_user):
    redis_cache.stop()
    editor = Client()
    response = editor.post(
        "/admin/login/", {"username": admin_user.username, "password": "password"}
    )
    assert response.status_code == 302
    assert editor.get("/admin/").status_code == 200
    assert editor.get("/admin/pages/").status_code == 200

    redis_cache.start()  # the session, stored in the database, still holds
    assert editor.get("/admin/").status_code == 200
