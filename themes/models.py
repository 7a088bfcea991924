"""The themes readers browse by, shared by articles and downloads.

Each app tags its own pages with them through a taggit through-model of its
own (blog.TaggedArticle, resources.TaggedResource), named `tagged_items` on
the page; themes know nothing of those apps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField


class ThemeQuerySet(models.QuerySet):
    def with_article_counts(self, articles):
        """Annotate each theme with how many of the given articles carry it."""
        return self.annotate(
            article_count=models.Count(
                "tagged_articles",
                filter=models.Q(tagged_articles__content_object__in=articles.values("pk")),
                distinct=True,
            )
        ).order_by("name")


class Theme(TagBase):
    """A theme readers browse by (passend onderwijs, leiderschapsdilemma's, ...).

    A taggit tag with an editor-written introduction, so that a theme page
    is more than a bare list.
    """

    # Editors curate themes as snippets; the article editor only picks existing ones.
    free_tagging = False

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the articles on the theme page."),
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meta_description = models.CharField(
        _("meta description"),
        max_length=160,
        blank=True,
        help_text=_("Short description for search engines, at most 160 characters."),
    )

    objects = ThemeQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("meta_description"),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]


class ThemedPageMixin:
    """A page with themes through its `tagged_items` (articles and downloads)."""

    def theme_list(self):
        return sorted((item.tag for item in self.tagged_items.all()), key=lambda t: t.name)
