"""The links every page shows to the content pages: the footer's, and the privacy
statement that every consent text points to.

Worked out once per request, and with a shared cache (settings.CONTENT_CACHE)
remembered until one of these pages changes, not until anything changes as the
page cache is: publishing an article leaves them as they are, so the footer
costs no query on the request after a publish either. Pages stored by the page
cache are emptied as usual by every publish (caching.signals).
"""

import contextlib
import logging
import time
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.pages import PublicInOneQuerySet

from .models import ContentPage, PrivacyPage

logger = logging.getLogger(__name__)

VERSION_KEY = "site-links:version"
REMEMBER_SECONDS = 24 * 60 * 60
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
            remembered(f"site-links:{site.pk}", lambda: compute(site, request))
            if site
            else NO_LINKS
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


def remembered(key, compute):
    """compute()'s result, kept in the shared cache until forget().

    Stored with the version read before computing, as the page cache does
    (caching.page_cache): a change made meanwhile leaves the result stale.
    An unreachable cache means computing it, never an error.
    """
    if not settings.CONTENT_CACHE:
        return compute()
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            # From the clock: an evicted version must not bring old entries back.
            cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:
        logger.warning("Cache unavailable; computing the site links", exc_info=True)
        return compute()
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    try:
        cache.set(key, (version, value), REMEMBER_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; the site links not stored", exc_info=True)
    return value


def forget():
    """Make the remembered links stale, on every app server."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): nothing remembered under one
        pass
    except Exception:
        # As caching.page_cache.invalidate(): with Redis the delete waits until it
        # is back (caching/redis.py); nothing stored before then is used again.
        logger.warning("Could not forget the site links", exc_info=True)
        with contextlib.suppress(Exception):
            cache.delete(VERSION_KEY)


# What changes the links: one of the linked pages saved (published, unpublished,
# renamed, shown in menus or not), a page above one published or unpublished (its
# slug is part of their URLs), any page moved, deleted, made private or public
# again, a site changed.


@receiver(post_save, sender=ContentPage)
@receiver(post_save, sender=PrivacyPage)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def linked_page_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        forget()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget()


@receiver(page_published)
@receiver(page_unpublished)
def ancestor_changed(sender, instance, **kwargs):
    # Articles and downloads have no children: no query for what is published most.
    if instance.numchild and (
        Page.objects.descendant_of(instance)
        .filter(content_type__in=ContentType.objects.get_for_models(*LINKED_TYPES).values())
        .exists()
    ):
        forget()
