import math
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from blog.admin_access import ArticlePermissionTester
from blog.blocks import ArticleBodyBlock
from blog.byline import EDITORIAL, ArticlePageForm, AuthorsPanel
from blog.structured_data import blog_posting, published_at
from caching.page_cache import remember
from core.pages import PublicInOneQuerySet, ViewRestrictionsInOneQuery
from core.site_url import SiteUrlPageMixin
from newsletter.panels import NewsletterPanel
from themes.models import ThemedPageMixin

from .relations import ArticlePageAuthor, ArticleRelatedResource, TaggedArticle

# Related articles: a few more are ranked than shown, to stand in for any
# unpublished while the ranking is cached.
RELATED_SPARES = 3
RELATED_CACHE_SECONDS = 60 * 60

# Who an anonymously published article is by, as far as any reader can tell.
ANONYMOUS_BYLINE = _("A school leader")

# The hero image as search engines and social networks show it (as in
# includes/seo_meta.html's og:image).
SHARED_IMAGE_FILTER = "fill-1200x630|format-jpeg"

# An adult reads Dutch prose at roughly this pace; used for "5 min lezen".
WORDS_PER_MINUTE = 200


class ArticlePageQuerySet(PublicInOneQuerySet):
    def with_theme(self, theme):
        return self.filter(tagged_items__tag=theme)

    def by_author(self, author):
        return self.filter(article_authors__author=author)

    def credited(self):
        """Articles that name their authors: not those published anonymously.

        What lists articles per author (author pages, author feeds, the
        sitemap's author entries) starts here, so that none of it ties an
        author to an anonymous article.
        """
        return self.filter(publish_anonymously=False)

    def newest_first(self):
        return self.order_by("-publication_date", "-first_published_at", "-pk")

    def for_listing(self):
        """Everything a list of article cards shows, in a fixed number of queries."""
        return self.select_related("hero_image").prefetch_related(*card_prefetches())


def card_prefetches():
    """What an article card needs besides the article and its hero image."""
    return (
        "hero_image__renditions",
        Prefetch(
            "article_authors",
            queryset=ArticlePageAuthor.objects.select_related("author").order_by("sort_order"),
        ),
    )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(ThemedPageMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, Page):
    """A blog post: a personal story in short sections."""

    subtitle = models.CharField(
        _("subtitle"),
        max_length=200,
        blank=True,
        help_text=_("One sentence that says what the article is about."),
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the date of first publication."),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the image's own description."),
    )
    hero_caption = models.CharField(_("caption"), max_length=255, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    names_changed = models.BooleanField(
        _("names and details changed"),
        default=False,
        help_text=_("Shows a note that names and details were changed for anonymity."),
    )
    anonymity_requested = models.BooleanField(
        _("I want to publish anonymously"),
        default=False,
        help_text=_(
            "Your name and photo stay off the article. The editors confirm this when "
            "they review it."
        ),
    )
    publish_anonymously = models.BooleanField(
        _("publish anonymously"),
        default=False,
        help_text=_(
            "The site shows no author's name or photo: the byline reads “A school leader”, "
            "and the article is left off the author's page and feed. The authors stay "
            "linked here for the editors. When the author asked for it, it is on until "
            "an editor turns it off."
        ),
    )
    themes = ClusterTaggableManager(
        verbose_name=_("themes"), through=TaggedArticle, blank=True, related_name="articles"
    )
    send_to_subscribers = models.BooleanField(
        _("mail to subscribers"),
        default=True,
        help_text=_(
            "Email the article to the newsletter's subscribers when it is first published. "
            "Later changes are never mailed."
        ),
    )
    reading_time = models.PositiveSmallIntegerField(
        _("reading time in minutes"), default=1, editable=False
    )

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image", heading=_("Image")),
                FieldPanel("hero_alt_text"),
                FieldPanel("hero_caption"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("names_changed"),
        MultiFieldPanel(
            [
                AuthorsPanel(
                    "article_authors", heading=_("Authors"), label=_("Author"), min_num=1
                ),
                FieldPanel("anonymity_requested"),
                FieldPanel("publish_anonymously", permission=EDITORIAL),
            ],
            heading=_("Byline"),
        ),
        FieldPanel("themes"),
        InlinePanel(
            "related_resources",
            heading=_("Related downloads"),
            label=_("Related download"),
            max_num=3,
            help_text=_("Shown at the end of the article, e.g. the questionnaire for teams."),
        ),
        FieldPanel("publication_date", permission=EDITORIAL),
        FieldPanel("send_to_subscribers", permission=EDITORIAL),
        NewsletterPanel(heading=_("Newsletter")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    base_form_class = ArticlePageForm
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    template = "blog/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Lists are newest first: with this index a page of ten reads ten rows, not all.
        indexes = [models.Index(fields=["-publication_date"], name="article_newest_first")]
        permissions = [
            (
                "change_editorial_settings",
                "Can choose the authors, anonymity, mailing and date of an article",
            ),
        ]

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        return super().save(*args, **kwargs)

    def body_text(self):
        """The prose of the body as plain text (for reading time and search excerpts)."""
        return " ".join(_body_text(self.body.raw_data))

    def compute_reading_time(self):
        return max(1, math.ceil(len(self.body_text().split()) / WORDS_PER_MINUTE))

    @property
    def display_date(self):
        if self.publication_date:
            return self.publication_date
        return self.first_published_at or self.latest_revision_created_at

    @property
    def published_at(self):
        """The publication as a moment with its time zone (for JSON-LD and Open Graph)."""
        return published_at(self)

    @property
    def hero_alt(self):
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.default_alt_text if self.hero_image else ""

    def authors(self):
        """Everyone who wrote the article, also when it is published anonymously.

        For the admin and the editors only: whatever the public sees goes
        through public_authors() or byline().
        """
        return [link.author for link in self.article_authors.all()]

    def public_authors(self):
        """The authors the site may name and show: none for an anonymous article."""
        return [] if self.publish_anonymously else self.authors()

    def byline(self):
        """The names to credit (in feeds, structured data): the authors', or a stand-in."""
        if self.publish_anonymously:
            return [str(ANONYMOUS_BYLINE)]
        return [author.name for author in self.public_authors()]

    def recommended_downloads(self):
        """The live downloads the editor linked to this article, in their order."""
        return [item.resource for item in self.related_resources.all() if item.resource.live]

    def related_articles(self, limit=3, *, preview=False):
        """Other live articles, those sharing most themes first, then the newest.

        The ranking is kept in the cache until the content changes (not for a
        preview: its themes are the editor's unsaved ones); the articles
        themselves are loaded live, so one unpublished or made private since
        is left out at once.
        """

        def rank():
            return self.rank_related_articles(limit + RELATED_SPARES)

        if preview or self.pk is None:
            ranked = rank()
        else:
            ranked = remember(f"related-articles:{self.pk}:{limit}", rank, RELATED_CACHE_SECONDS)
        found = ArticlePage.objects.live().public().filter(pk__in=ranked).defer_streamfields()
        by_pk = {article.pk: article for article in found}
        # What their cards show is loaded by the cards (blog_tags.article_cards).
        return [by_pk[pk] for pk in ranked if pk in by_pk][:limit]

    def rank_related_articles(self, count):
        """The ids of up to `count` related articles, best first (see related_articles).

        From the themes and dates alone, never the authors: under an anonymous
        article, leaving out its author's own articles would leave a gap in an
        otherwise theme-ranked list that points straight at them.
        """
        others = ArticlePage.objects.live().exclude(pk=self.pk)
        tagged = TaggedArticle.objects.exclude(content_object_id=self.pk)
        theme_ids = [item.tag_id for item in self.tagged_items.all()]
        # Counted over the tagged items of this article's themes only: a few
        # hundred rows, where counting per article would visit every article.
        ranked = list(
            tagged.filter(tag_id__in=theme_ids, content_object__live=True)
            .values("content_object_id")
            .annotate(shared=Count("pk"))
            .order_by(
                "-shared",
                "-content_object__publication_date",
                "-content_object__first_published_at",
                "-content_object_id",
            )
            .values_list("content_object_id", flat=True)[:count]
        )
        if len(ranked) < count:
            newest = others.exclude(pk__in=ranked).newest_first()
            ranked += newest.values_list("pk", flat=True)[: count - len(ranked)]
        return ranked

    def published_relations(self):
        """{relation: its rows} for the themes, authors and recommended
        downloads of the published article, with the theme, author and
        download of each row; remembered until the content next changes.

        Publishing is the only way to change them on a live page (an editor's
        draft keeps its own in a revision), and it bumps the generation; so do
        saving a theme or author and publishing or unpublishing a download.
        Images, files and what the cards show are loaded by the cards and the
        hero's piece (blog_tags, article_page.html) when they are not kept.
        """

        def load():
            return {
                "tagged_items": list(
                    TaggedArticle.objects.filter(content_object=self).select_related("tag")
                ),
                "article_authors": list(
                    ArticlePageAuthor.objects.filter(page=self).select_related("author")
                ),
                "related_resources": list(
                    ArticleRelatedResource.objects.filter(page=self).select_related("resource")
                ),
            }

        return remember(f"article-relations:{self.pk}", load, RELATED_CACHE_SECONDS)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A preview is never saved: compute what save() would.
            self.reading_time = self.compute_reading_time()
        else:
            # Only outside a preview: a preview holds unsaved themes and authors
            # in memory, which these would overwrite. Set as modelcluster sets
            # a page's unsaved relations, so the page reads them without a query.
            for relation, items in self.published_relations().items():
                setattr(self, relation, items)
        blog_index = getattr(request, "blog_index_page", None)
        if blog_index is None or not self.path.startswith(blog_index.path):
            # Not served through the blog's route (a preview): its parent is the blog.
            blog_index = self.get_parent().specific
        context["blog_index"] = blog_index
        context["related_articles"] = self.related_articles(
            preview=getattr(request, "is_preview", False)
        )
        if blog_index:
            context["structured_data"] = self.structured_data(request, blog_index)
        return context

    def structured_data(self, request, blog_index):
        # (name, author page) pairs; an anonymous article's stand-in has no page.
        blog_url = blog_index.get_url(request)
        authors = [
            (author.name, blog_url + blog_index.reverse_subpage("author", args=[author.slug]))
            for author in self.public_authors()
        ] or [(name, None) for name in self.byline()]
        image_url = None
        if self.hero_image:
            image_url = remember(
                f"shared-image-url:{self.hero_image.pk}",
                lambda: self.hero_image.get_rendition(SHARED_IMAGE_FILTER).url,
                RELATED_CACHE_SECONDS,
            )
        return [
            blog_posting(request, self, authors, image_url),
            blog_index.breadcrumbs(request, (self.title, self.get_url(request))),
        ]


# Body blocks whose content (a URL, an image and its alt text) is not prose.
_NON_PROSE_BLOCKS = {"embed", "image", "resource"}


def _body_text(data):
    """Yield the readable text in a StreamField's raw data, as plain text."""
    if isinstance(data, str):
        # Unlike strip_tags, this keeps paragraphs and list items apart and decodes &amp;.
        yield get_text_for_indexing(data)
    elif isinstance(data, Mapping):
        if "type" in data and "value" in data:
            if data["type"] not in _NON_PROSE_BLOCKS:
                yield from _body_text(data["value"])
        else:
            for value in data.values():
                yield from _body_text(value)
    elif isinstance(data, Sequence):
        for item in data:
            yield from _body_text(item)
