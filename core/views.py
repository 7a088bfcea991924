from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.site_url import absolute_url


@require_GET
def robots_txt(request):
    """Point crawlers at the sitemap; keep them out entirely while SEO_NOINDEX is on."""
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": absolute_url(reverse("sitemap")),
            "seo_noindex": settings.SEO_NOINDEX,
            # A chosen admin path stays unlisted; Wagtail's pages say noindex anyway.
            "admin_path": "/admin/" if settings.ADMIN_PATH == "admin" else "",
        },
        content_type="text/plain; charset=utf-8",
    )


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: a view may offer its own way
    back (its `csrf_failure`), the others get a plain Dutch page."""
    view = getattr(request.resolver_match, "func", None)
    handler = getattr(view, "csrf_failure", None)
    if handler is not None:
        return handler(request)
    return render(request, "403_csrf.html", status=403)
