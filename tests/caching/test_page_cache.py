"""The whole-page cache: what is served from it, and what makes it stale."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    cache.clear()


def served_from_cache(client, url, **extra):
    return client.get(url, **extra).get("X-Page-Cache") == "hit"


@pytest.fixture
def article(blog_index):
    return ArticlePageFactory(
        parent=blog_index,
        title="Wachten op jeugdhulp",
        themes=[ThemeFactory(name="Jeugdhulp", slug="jeugdhulp")],
        authors=[AuthorFactory(name="Jeroen Bakker", slug="jeroen-bakker")],
        with_hero_image=True,
    )


class TestServedFromCache:
    def test_second_anonymous_view_is_a_cache_hit_without_queries(self, client, article):
        first = client.get(article.url)
        assert first["X-Page-Cache"] == "miss"
        with CaptureQueriesContext(connection) as queries:
            second = client.get(article.url)
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content
        assert len(queries) == 0

    def test_cache_control_and_conditional_get(self, client, article):
        response = client.get(article.url)
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert "s-maxage=600" in response["Cache-Control"]
        etag = response["ETag"]
        again = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304

    def test_query_strings_are_separate_pages(self, client, blog_index):
        for _ in range(11):
            ArticlePageFactory(parent=blog_index)
        client.get("/blog/")
        assert not served_from_cache(client, "/blog/?page=2")
        assert served_from_cache(client, "/blog/?page=2")

    def test_not_found_pages_are_not_stored(self, client, blog_index):
        client.get("/blog/thema/bestaat-niet/")
        assert not served_from_cache(client, "/blog/thema/bestaat-niet/")


class TestNeverFromCache:
    def test_logged_in_editors(self, client, admin_user, article):
        client.get(article.url)
        client.force_login(admin_user)
        response = client.get(article.url)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "wagtail-userbar" in response.content.decode()

    def test_readers_with_a_message_waiting(self, client, article):
        client.get(article.url)
        client.cookies["messages"] = "something"
        assert "X-Page-Cache" not in client.get(article.url)

    def test_posts(self, client, article):
        client.get(article.url)
        response = client.post(article.url)
        assert "X-Page-Cache" not in response

    def test_admin_and_previews(self, admin_client, article):
        preview = f"/admin/pages/{article.pk}/view_draft/"
        admin_client.get(preview)
        assert "X-Page-Cache" not in admin_client.get(preview)

    def test_responses_that_set_a_cookie_are_not_stored(self, rf, article):
        from caching.middleware import PageCacheMiddleware

        def view(request):
            from django.http import HttpResponse

            response = HttpResponse("persoonlijk")
            response.set_cookie("voorkeur", "1")
            return response

        request = rf.get("/persoonlijk/")
        request.user = type("Anonymous", (), {"is_authenticated": False})()
        middleware = PageCacheMiddleware(view)
        middleware(request)
        assert "X-Page-Cache" not in middleware(request)


class TestInvalidation:
    def test_publishing_a_change(self, client, article):
        client.get(article.url)
        article.title = "Nog steeds wachten op jeugdhulp"
        article.save_revision().publish()
        response = client.get(article.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Nog steeds wachten op jeugdhulp" in response.content.decode()

    def test_a_new_article_shows_on_the_cached_blog_index(self, client, blog_index, article):
        client.get("/blog/")
        new = ArticlePageFactory(
            parent=blog_index,
            title="Een nieuw artikel",
            live=False,
            hero_image=article.hero_image,
            authors=article.authors(),
        )
        assert served_from_cache(client, "/blog/")  # saving a draft changes nothing public
        new.save_revision().publish()
        assert "Een nieuw artikel" in client.get("/blog/").content.decode()

    def test_unpublishing(self, client, article):
        client.get("/blog/")
        article.unpublish()
        assert article.title not in client.get("/blog/").content.decode()

    def test_moving(self, client, home_page, blog_index, article):
        client.get(article.url)
        other_blog = blog_index.copy(
            to=home_page, update_attrs={"slug": "archief", "title": "Archief"}, recursive=False
        )
        article.move(other_blog, pos="last-child")
        # Wagtail leaves a redirect at the old address instead of the cached article.
        response = client.get("/blog/wachten-op-jeugdhulp/")
        assert response.status_code == 301
        assert response["Location"] == "/archief/wachten-op-jeugdhulp/"

    def test_deleting(self, client, article):
        url = article.url
        client.get(url)
        article.delete()
        assert client.get(url).status_code == 404

    def test_making_a_page_private_and_public_again(self, client, article):
        assert client.get(article.url).status_code == 200
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        private = client.get(article.url)
        assert private.status_code == 200  # the password form, not the article
        assert private.get("X-Page-Cache") != "hit"
        assert "Wachten op jeugdhulp</h1>" not in private.content.decode()
        restriction.delete()
        assert "Wachten op jeugdhulp</h1>" in client.get(article.url).content.decode()

    def test_changing_a_theme(self, client, article):
        client.get("/blog/thema/jeugdhulp/")
        theme = article.theme_list()[0]
        theme.introduction = "<p>Over wachtlijsten en wijkteams.</p>"
        theme.save()
        assert (
            "Over wachtlijsten en wijkteams."
            in client.get("/blog/thema/jeugdhulp/").content.decode()
        )

    def test_changing_an_author(self, client, article):
        client.get(article.url)
        author = article.authors()[0]
        author.bio = "Directeur van een dorpsschool."
        author.save()
        assert "Directeur van een dorpsschool." in client.get(article.url).content.decode()

    def test_changing_an_image(self, client, article):
        client.get(article.url)
        image = article.hero_image
        image.description = "Een wachtkamer met lege stoelen"
        image.save()
        assert 'alt="Een wachtkamer met lege stoelen"' in client.get(article.url).content.decode()

    def test_changing_the_site(self, client, article):
        client.get(article.url)
        Site.objects.update()  # a queryset update sends no signal: nothing is invalidated
        assert served_from_cache(client, article.url)
        site = Site.objects.get()
        site.site_name = "De Directeurskamer (nieuw)"
        site.save()
        assert not served_from_cache(client, article.url)


def test_a_change_made_while_a_page_renders_leaves_that_page_stale(rf):
    from django.http import HttpResponse

    from caching import page_cache
    from caching.middleware import PageCacheMiddleware

    renders = []

    def view(request):
        renders.append(1)
        if len(renders) == 1:
            page_cache.invalidate()  # an editor publishes while the page is rendered
        return HttpResponse(f"versie {len(renders)}")

    middleware = PageCacheMiddleware(view)
    for _ in range(3):
        request = rf.get("/blog/")
        response = middleware(request)
    assert len(renders) == 2
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"versie 2"


class CountingCache:
    """The cache, noting which of its methods are called."""

    def __init__(self, cache):
        self.cache = cache
        self.calls = []

    def __getattr__(self, name):
        self.calls.append(name)
        return getattr(self.cache, name)


def test_a_hit_is_one_round_trip_to_the_cache_and_keeps_its_etag(
    client, article, monkeypatch, settings
):
    from caching import page_cache

    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    first = client.get(article.url)
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    for _ in range(2):
        second = client.get(article.url)
        assert second["X-Page-Cache"] == "hit"
    assert counting.calls == ["get_many", "get_many"]
    assert second["ETag"] == first["ETag"]


def test_a_popular_page_is_kept_in_the_process_for_a_moment(
    client, article, monkeypatch, settings
):
    """Another app server's change (the generation bumped in Redis) shows within the moment."""
    from caching import page_cache

    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    client.get(article.url)
    client.get(article.url)  # a hit: from now on kept here for a second
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    counting.cache.incr(page_cache.GENERATION_KEY)  # a publish on another server

    now[0] += 0.5
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert counting.calls == []

    now[0] += 0.6
    assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_an_unreachable_cache_serves_uncached_pages(client, article, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    from caching import page_cache

    # A real Redis client pointed at a port where nothing listens.
    monkeypatch.setattr(page_cache, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 200
        assert "Wachten op jeugdhulp" in response.content.decode()
        assert response["X-Page-Cache"] == "miss"
