"""The links every page shows to the content pages: the footer's, and the privacy
statement that every consent text points to.

Worked out once per request, and with a shared cache (settings.CONTENT_CACHE)
remembered until one of these pages changes, not until anything changes as the
page cache is: publishing an article leaves them as they are, so the footer
costs no query on the request after a publish either. Pages stored by the page
cache are emptied as usual by every publish (caching.signals).
"""

from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site

from caching.versions import Versioned
from core.pages import PublicInOneQuerySet

from .models import ContentPage, PrivacyPage

# Kept until forget(), not until the next publish (caching.versions).
kept = Versioned("site-links")
LINKED_TYPES = (ContentPage, PrivacyPage)


class Link(NamedTuple):
    url: str
    title: str


class SiteLinks(NamedTuple):
    privacy: Link | None  # the live privacy statement
    footer: tuple  # the privacy statement and the content pages shown in menus, in tree order


NO_LINKS = SiteLinks(privacy=None, footer=())


def for_request(request):
    if not hasattr(request, "_site_links"):
        site = Site.find_for_request(request)
        request._site_links = (
            kept.remember(str(site.pk), lambda: compute(site, request)) if site else NO_LINKS
        )
    return request._site_links


def compute(site, request):
    """One query: the live, public privacy statement and the content pages shown in
    menus. The home page allows one privacy statement and takes the content pages
    (models), so all of them are on the one site."""
    types = ContentType.objects.get_for_models(*LINKED_TYPES)
    privacy_type = types[PrivacyPage]
    pages = (
        PublicInOneQuerySet(Page)
        .live()
        .public()
        .filter(content_type__in=types.values())
        .filter(Q(show_in_menus=True) | Q(content_type=privacy_type))
        .order_by("path")
    )
    privacy, footer = None, []
    for page in pages:
        link = Link(page.get_url(request), page.title)
        if page.content_type_id == privacy_type.pk:
            privacy = link
        footer.append(link)
    return SiteLinks(privacy, tuple(footer))


# What changes the links: one of the linked pages saved (published, unpublished,
# renamed, shown in menus or not), or whatever else may change their addresses.
kept.forget_when_addresses_change(*LINKED_TYPES)
