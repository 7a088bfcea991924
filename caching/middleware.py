from django.conf import settings
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from . import page_cache

# Paths that are never public pages (and the admin's, see excluded_prefixes()).
EXCLUDED_PREFIXES = ("/documents/", "/django-admin/", "/__debug__/")


def excluded_prefixes():
    return (f"/{settings.ADMIN_PATH}/", *EXCLUDED_PREFIXES)


class PageCacheMiddleware:
    """Serve anonymous GET requests for public pages from the cache.

    Placed before the session, authentication and CSRF middleware, so that a
    hit skips them, and what it stores has passed through all of them. A
    request with a session or message cookie (an editor, a reader who just
    sent a form) is never served from the cache, and a response that sets a
    cookie, uses a CSRF token or is private is never stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = self.cacheable_request(request)
        generation = None
        if cacheable and settings.PAGE_CACHE:
            generation, stored = page_cache.get(request)
            if stored is not None:
                return self.rebuild(stored)

        response = self.get_response(request)

        if cacheable and self.cacheable_response(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
                s_maxage=settings.PAGE_CACHE_SECONDS,
            )
            if settings.PAGE_CACHE:
                page_cache.store(request, generation, self.freeze(response))
                response["X-Page-Cache"] = "miss"
        elif getattr(request, "user", None) and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(excluded_prefixes())
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def cacheable_response(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def freeze(response):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        # Stored with the page, so that ConditionalGetMiddleware need not hash it on every hit.
        set_response_etag(response)
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


SITE_CACHE_SECONDS = 60 * 60


class RememberedSiteMiddleware:
    """Wagtail's site for a request, remembered until the content changes.

    Wagtail looks the site up in the database on every request (the same
    answer for every request to that host and port), then the home page's
    specific type with another query, and keeps the site on the request for
    the rest of it (Site.find_for_request: `request._wagtail_site`). This
    finds both once per content generation and puts the site there first, as
    a lazy object: a request that never asks for the site (robots.txt, a form
    post, the error page while the database is away) looks nothing up.
    Saving a site or publishing a page bumps the generation (caching.signals).
    After CommonMiddleware, which refuses hosts not in ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = SimpleLazyObject(lambda: self.remembered_site(request))
        return self.get_response(request)

    @staticmethod
    def remembered_site(request):
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()

        def find():
            try:
                site = get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return None
            # Kept with the site: routing starts at root_page.specific.
            site.root_page.specific  # noqa: B018
            return site

        return page_cache.remember(f"site:{hostname}:{port}", find, SITE_CACHE_SECONDS)
