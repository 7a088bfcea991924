from django.conf import settings


def seo(request):
    """Whether pages ask search engines not to index them (SEO_NOINDEX)."""
    return {"seo_noindex": settings.SEO_NOINDEX}
