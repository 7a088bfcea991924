"""The site's own address, for every link that must work outside the page it
is on: canonical and Open Graph URLs, feeds, structured data, the sitemap and
every mail (newsletter, downloads, invitations, notifications).

One setting holds it, WAGTAILADMIN_BASE_URL (which Wagtail's own mails read
too), rather than the Wagtail Site's hostname, which holds no scheme and says
`localhost` on a first run, or the host of whichever request came in.
"""

from django.conf import settings


def site_url():
    """E.g. "https://www.directeurskamer.nl", without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """A path on this site as a full URL; a full URL stays as it is."""
    if "://" in url:
        return url
    return site_url() + "/" + url.lstrip("/")


class SiteUrlPageMixin:
    """A page's full URL (get_full_url, the sitemap) starts with site_url(),
    whatever the Wagtail Site's hostname and port say. The site is one Wagtail
    Site; for routing, Wagtail still matches the request's host to it."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _root_url, page_path = parts
        return site_id, site_url(), page_path
