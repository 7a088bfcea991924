"""`manage.py check --deploy`: the site's address (core.site_url) must be set
for production, since every absolute link and mail starts with it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if (
        url.scheme == "https"
        and url.hostname
        and validate_host(url.hostname, settings.ALLOWED_HOSTS)
    ):
        return []
    return [
        Error(
            f"WAGTAILADMIN_BASE_URL is {settings.WAGTAILADMIN_BASE_URL!r}: set it to the "
            "site's public address (https, a host in ALLOWED_HOSTS). Canonical links, "
            "feeds, the sitemap and every mail start with it.",
            id="core.E001",
        )
    ]
