"""What the site's page types share: the public-pages filter and the view
restriction check in one query each, and the introduction above a list."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from caching.page_cache import remember

VIEW_RESTRICTIONS_CACHE_SECONDS = 60 * 60


class PublicInOneQuerySet(PageQuerySet):
    def public(self):
        """Pages outside any private section, in the same query.

        Wagtail's public() first loads every view restriction to build its
        filter; a correlated subquery saves that query on every listing.
        """
        restricted = PageViewRestriction.objects.annotate(
            prefix=Substr(OuterRef("path"), 1, Length("page__path"))
        ).filter(prefix=F("page__path"))
        return self.exclude(Exists(restricted))


class ViewRestrictionsInOneQuery:
    """Page.get_view_restrictions() in one query, where Wagtail's takes two;
    for a page without any, none at all once that is known.

    Wagtail checks it before serving every page. The same rule: restrictions
    on this page and its ancestors, where an alias uses its source page's.
    Ancestors' paths are this page's path cut at each level.

    Most pages have none: that answer is remembered until the content next
    changes, and is then an empty queryset that asks the database nothing.
    Saving or deleting a restriction, and moving a page, bumps the content
    generation (caching.signals), so a page made private is never served on
    an old answer.
    """

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        restrictions = PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
        if self.pk is not None:
            restricted = remember(
                f"view-restricted:{self.pk}:{self.path}",
                restrictions.exists,
                VIEW_RESTRICTIONS_CACHE_SECONDS,
            )
            if not restricted:
                return restrictions.none()
        return restrictions


class IntroductionMixin(models.Model):
    """A short introduction above a page's list (the home page, the blog, the downloads)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True
