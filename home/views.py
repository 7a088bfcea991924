from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    """Point crawlers at the sitemap; keep them out entirely while SEO_NOINDEX is on."""
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "seo_noindex": settings.SEO_NOINDEX,
        },
        content_type="text/plain; charset=utf-8",
    )
