"""What an article links to besides its own fields: its authors, its themes
and the downloads recommended at its end (inline rows of the article editor)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from authors.models import Author
from themes.models import Theme


class ArticlePageAuthor(Orderable):
    page = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleRelatedResource(Orderable):
    """A download an editor recommends at the end of an article."""

    page = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="related_resources"
    )
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("download"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = _("related download")
        verbose_name_plural = _("related downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "resource"], name="unique_resource_per_article"
            )
        ]
