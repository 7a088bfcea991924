from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

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
