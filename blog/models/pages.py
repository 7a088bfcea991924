import math
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from blog.blocks import ArticleBodyBlock

from .snippets import Author, TaggedArticle, Theme

# An adult reads Dutch prose at roughly this pace; used for "5 min lezen".
WORDS_PER_MINUTE = 200


class ArticlePageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-publication_date", "-first_published_at", "-pk")

    def for_listing(self):
        """Everything a list of article cards shows, in a fixed number of queries."""
        return self.select_related("hero_image").prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "article_authors",
                queryset=ArticlePageAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class BlogIndexPage(RoutablePageMixin, Page):
    """The blog: all articles, and the theme and author pages as sub-routes."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    max_count = 1
    template = "blog/blog_index_page.html"

    articles_per_page = 10

    class Meta:
        verbose_name = _("blog index page")
        verbose_name_plural = _("blog index pages")

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog_index"] = self
        return context

    def paginate(self, request, articles):
        paginator = Paginator(articles.newest_first().for_listing(), self.articles_per_page)
        # get_page() turns a garbage or out-of-range ?page= into the first or last page.
        return paginator.get_page(request.GET.get("page"))

    @path("", name="index")
    def index_route(self, request):
        return self.render(
            request, context_overrides={"articles": self.paginate(request, self.articles())}
        )

    @path("thema/<str:slug>/", name="theme")
    def theme_route(self, request, slug):
        theme = Theme.objects.filter(slug=slug).select_related("image").first()
        if theme is None:
            raise Http404(_("This theme does not exist."))
        articles = self.articles().filter(tagged_items__tag=theme)
        return self.render(
            request,
            template="blog/theme_page.html",
            context_overrides={"theme": theme, "articles": self.paginate(request, articles)},
        )

    @path("themas/", name="themes")
    def themes_route(self, request):
        return self.render(
            request,
            template="blog/theme_list_page.html",
            context_overrides={"themes": Theme.objects.with_article_counts(self.articles())},
        )

    @path("auteur/<str:slug>/", name="author")
    def author_route(self, request, slug):
        author = Author.objects.filter(slug=slug).select_related("photo").first()
        if author is None:
            raise Http404(_("This author does not exist."))
        articles = self.articles().filter(article_authors__author=author)
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={"author": author, "articles": self.paginate(request, articles)},
        )


class ArticlePage(Page):
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
    themes = ClusterTaggableManager(
        verbose_name=_("themes"), through=TaggedArticle, blank=True, related_name="articles"
    )
    reading_time = models.PositiveSmallIntegerField(
        _("reading time in minutes"), default=1, editable=False
    )

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text"), FieldPanel("hero_caption")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("names_changed"),
        InlinePanel("article_authors", label=_("Authors"), min_num=1),
        FieldPanel("themes"),
        FieldPanel("publication_date"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    template = "blog/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        return super().save(*args, **kwargs)

    def compute_reading_time(self):
        words = len(" ".join(_body_text(self.body.raw_data)).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def display_date(self):
        if self.publication_date:
            return self.publication_date
        return self.first_published_at or self.latest_revision_created_at

    @property
    def hero_alt(self):
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.default_alt_text if self.hero_image else ""

    def authors(self):
        return [link.author for link in self.article_authors.all()]

    def theme_list(self):
        return sorted((item.tag for item in self.tagged_items.all()), key=lambda t: t.name)

    def related_articles(self, limit=3):
        """Other live articles, those sharing most themes first, then the newest."""
        theme_ids = [item.tag_id for item in self.tagged_items.all()]
        return (
            ArticlePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .annotate(
                shared_themes=Count(
                    "tagged_items", filter=Q(tagged_items__tag_id__in=theme_ids), distinct=True
                )
            )
            .order_by("-shared_themes", "-publication_date", "-first_published_at", "-pk")
            .for_listing()[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A preview is never saved: compute what save() would.
            self.reading_time = self.compute_reading_time()
        else:
            # Only outside a preview: a preview holds unsaved themes and authors
            # in memory, which a prefetch would overwrite.
            prefetch_related_objects(
                [self],
                Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
                Prefetch(
                    "article_authors",
                    queryset=ArticlePageAuthor.objects.select_related("author__photo")
                    .prefetch_related("author__photo__renditions")
                    .order_by("sort_order"),
                ),
                "hero_image__renditions",
            )
        context["blog_index"] = BlogIndexPage.objects.parent_of(self).first()
        context["related_articles"] = self.related_articles()
        return context


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
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


# Parts of a body that a reader does not read as prose.
_NON_PROSE_BLOCKS = {"embed"}
_NON_PROSE_KEYS = {"image", "alt_text"}


def _body_text(data):
    """Yield the readable text in a StreamField's raw data, tags stripped."""
    if isinstance(data, str):
        yield strip_tags(data)
    elif isinstance(data, Mapping):
        if "type" in data and "value" in data:
            if data["type"] not in _NON_PROSE_BLOCKS:
                yield from _body_text(data["value"])
        else:
            for key, value in data.items():
                if key not in _NON_PROSE_KEYS:
                    yield from _body_text(value)
    elif isinstance(data, Sequence):
        for item in data:
            yield from _body_text(item)
