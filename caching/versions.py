"""Values remembered until a version of their own changes, not the content generation.

page_cache.remember() keeps a value until anything a page shows changes, so
right after every publish it is worked out again. Some values depend on
little that a publish touches (the footer's links to the content pages,
readers' sentences on the wall of recognition under an article): kept under
a version of their own, which only their own changes bump, a publish costs no
query for them. Whoever changes what they
depend on calls forget(); whole pages and pieces still need
page_cache.invalidate() as well.

As for remember(): only with a shared cache (settings.CONTENT_CACHE), and a
cache out of reach means computing, never an error. A value is stored with
the version read before computing it, so a change made meanwhile leaves it
stale.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


class Versioned:
    """A family of values with one version, e.g. Versioned("recognition-wall")."""

    def __init__(self, name, timeout=24 * 60 * 60):
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout

    def remember(self, key, compute):
        """compute()'s result, kept until forget()."""
        if not settings.CONTENT_CACHE:
            return compute()
        key = f"{self.name}:{key}"
        try:
            found = cache.get_many([self.version_key, key])
            version = found.get(self.version_key)
            if version is None:
                # From the clock: an evicted version must not bring old entries back.
                cache.add(self.version_key, time.time_ns() // 1000, timeout=None)
                version = cache.get(self.version_key)
        except Exception:
            logger.warning("Cache unavailable; computing %s", key, exc_info=True)
            return compute()
        entry = found.get(key)
        if isinstance(entry, tuple) and entry[0] == version:
            return entry[1]
        value = compute()
        try:
            cache.set(key, (version, value), self.timeout)
        except Exception:
            logger.warning("Cache unavailable; %s not stored", key, exc_info=True)
        return value

    def forget(self):
        """Make every value of the family stale, on every app server."""
        try:
            cache.incr(self.version_key)
        except ValueError:  # no version yet (or evicted): nothing kept under one
            pass
        except Exception:
            # As page_cache.invalidate(): with Redis the delete waits until it is
            # back (caching/redis.py); nothing stored before then is used again.
            logger.warning("Could not forget %s", self.name, exc_info=True)
            with contextlib.suppress(Exception):
                cache.delete(self.version_key)

    def forget_now_and_on_commit(self):
        """Stale at once, for this request's next page; and again once the change
        is committed, should another request have computed and stored a value
        from the data of before meanwhile."""
        self.forget()
        transaction.on_commit(self.forget)

    def forget_when_addresses_change(self, *page_types):
        """Forget the family whenever the address, title or being live of a page
        of page_types may change: one of them saved, a page above one published
        or unpublished (its slug is part of their URLs), any page moved, one of
        them or a page with children deleted, a page made private or public
        again, a site changed."""

        def forget(sender, **kwargs):
            if not kwargs.get("raw"):
                self.forget_now_and_on_commit()

        def deleted(sender, instance, **kwargs):
            # Articles and downloads have no children: not for every page deleted.
            if isinstance(instance, page_types) or (
                isinstance(instance, Page) and instance.numchild
            ):
                self.forget_now_and_on_commit()

        def published_or_unpublished(sender, instance, **kwargs):
            # No query for what is published most (articles have no children).
            if (
                instance.numchild
                and Page.objects.descendant_of(instance).type(*page_types).exists()
            ):
                self.forget_now_and_on_commit()

        uid = f"{self.name}:addresses"
        for signal, sender in (
            *((post_save, page_type) for page_type in page_types),
            (post_page_move, None),
            (post_save, PageViewRestriction),
            (post_delete, PageViewRestriction),
            (post_save, Site),
            (post_delete, Site),
        ):
            signal.connect(forget, sender=sender, weak=False, dispatch_uid=uid)
        post_delete.connect(deleted, weak=False, dispatch_uid=uid)
        page_published.connect(published_or_unpublished, weak=False, dispatch_uid=uid)
        page_unpublished.connect(published_or_unpublished, weak=False, dispatch_uid=uid)
