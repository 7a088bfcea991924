"""Redis out of reach: pages are served uncached, forms and logins keep working,
and rate limits still hold."""

import pytest
from django.test import Client
from django.utils.html import escape

from contributions.forms import TOO_MANY_POSTS
from contributions.models import Story
from contributions.views import POST_LIMITS
from tests.admin_helpers import dutch
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

STORY = {
    "sentence": "Een moeder vroeg me om hulp die de school niet kon geven.",
    "email": "ineke@deregenboog.nl",
    "consent": "on",
}


def test_pages_are_served_uncached_while_redis_is_down_and_cached_once_it_is_back(
    redis_cache, blog_index, client, caplog, clock
):
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    redis_cache.stop()
    for url in (article.url, "/", blog_index.url, "/zoeken/?q=jeugdhulp", "/nieuwsbrief/"):
        response = client.get(url)
        assert response.status_code == 200, url
    # Logged, but once a minute, not on every cache call.
    warnings = [r for r in caplog.records if r.getMessage().startswith("Redis unavailable")]
    assert len(warnings) == 1
    # An editor publishes a change meanwhile; readers see it at once.
    article.title = "Nog steeds wachten"
    article.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nog steeds wachten" in response.content.decode()

    redis_cache.start()
    clock.advance(10)  # the backend asks Redis again
    # Redis still holds the page from before the change: it must not come back.
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nog steeds wachten" in response.content.decode()
    assert client.get(article.url)["X-Page-Cache"] == "hit"


def test_a_redis_that_hangs_costs_one_timeout_not_one_per_cache_call(
    redis_cache, blog_index, client, clock
):
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    redis_cache.hang()
    for url in (article.url, "/", blog_index.url, article.url):
        assert client.get(url).status_code == 200
    assert redis_cache.held == 1  # one connection timed out; then Redis was left alone

    clock.advance(10)
    client.get(article.url)
    assert redis_cache.held == 2  # asked again once, after the pause

    redis_cache.start()
    clock.advance(10)
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"


def test_a_session_ended_while_redis_was_down_stays_ended(redis_cache, admin_user, clock):
    editor = Client()
    editor.force_login(admin_user)
    assert editor.get("/admin/").status_code == 200  # the session is in Redis now
    stolen = Client()
    stolen.cookies = editor.cookies.__class__(editor.cookies)

    redis_cache.stop()
    editor.post("/admin/logout/")  # deleted from the database; Redis cannot hear it
    redis_cache.start()
    clock.advance(10)

    response = stolen.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_forms_are_stored_and_still_limited_while_redis_is_down(
    redis_cache, home_page, monkeypatch
):
    from django.core.cache.backends.locmem import LocMemCache

    from core import rate_limit

    monkeypatch.setattr(rate_limit, "_process_counts", LocMemCache("faults", {}))
    limit = POST_LIMITS["story"].per_mailbox.attempts
    redis_cache.stop()
    reader = Client()
    for _ in range(limit):
        assert reader.post("/deel-je-verhaal/", STORY).status_code == 302
    # Counted in this process, as Redis cannot count: not open for abuse.
    refused = reader.post("/deel-je-verhaal/", STORY)
    assert refused.status_code == 429
    assert escape(dutch(TOO_MANY_POSTS)) in refused.content.decode()
    assert Story.objects.count() == limit


def test_one_visitor_is_still_limited_while_redis_is_down(redis_cache, home_page, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache

    from core import rate_limit

    monkeypatch.setattr(rate_limit, "_process_counts", LocMemCache("faults-visitor", {}))
    limit = POST_LIMITS["story"].per_visitor.attempts
    redis_cache.stop()
    reader = Client()
    for number in range(limit):
        story = {**STORY, "email": f"lezer{number}@example.nl"}
        assert reader.post("/deel-je-verhaal/", story).status_code == 302
    refused = reader.post("/deel-je-verhaal/", {**STORY, "email": "nog-een@example.nl"})
    assert refused.status_code == 429
    assert escape(dutch(rate_limit.TOO_MANY_FROM_NETWORK)) in refused.content.decode()
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
