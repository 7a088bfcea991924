from django.db import models
from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from blog.models import BlogIndexPage
from caching.page_cache import remember
from core.pages import IntroductionMixin, ViewRestrictionsInOneQuery
from core.site_url import SiteUrlPageMixin

ROUTE_CACHE_SECONDS = 60 * 60


class HomePage(IntroductionMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, Page):
    """The front page: what the blog is, chosen articles, the themes, the newsletter."""

    newsletter_heading = models.CharField(_("newsletter heading"), max_length=120, blank=True)
    newsletter_text = models.TextField(_("newsletter text"), max_length=500, blank=True)

    featured_count = 3

    content_panels = [
        *IntroductionMixin.content_panels,
        InlinePanel(
            "featured_articles",
            label=_("Featured articles"),
            max_num=featured_count,
            help_text=_("Leave empty to show the newest articles."),
        ),
        MultiFieldPanel(
            [FieldPanel("newsletter_heading"), FieldPanel("newsletter_text")],
            heading=_("Newsletter call to action"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "blog.BlogIndexPage",
        "resources.ResourceIndexPage",
        "pages.ContentPage",
        "pages.PrivacyPage",
        "contributions.RecognitionPage",
    ]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def featured(self, articles):
        """The editor's picks among the given live articles, topped up with the newest."""
        # Read the picks through the relation so that a preview shows unsaved picks.
        picked_ids = [item.article_id for item in self.featured_articles.all()]
        pick_order = Case(
            *(When(pk=pk, then=position) for position, pk in enumerate(picked_ids)),
            default=None,
            output_field=models.IntegerField(),
        )
        # Only the picks and the newest few are candidates: sorting by pick
        # order then touches a handful of rows, not every article. (As one
        # query with a subquery, the OR of the two lists keeps PostgreSQL from
        # using an index: a scan of every article.)
        newest = list(articles.newest_first().values_list("pk", flat=True)[: self.featured_count])
        candidates = articles.filter(pk__in=[*picked_ids, *newest])
        return candidates.annotate(pick_order=pick_order).order_by(
            F("pick_order").asc(nulls_last=True),
            "-publication_date",
            "-first_published_at",
            "-pk",
        )[: self.featured_count]

    def blog_indexes(self):
        """{slug: the blog index} under this page, remembered until the content changes."""
        return remember(
            f"blog-indexes:{self.pk}",
            lambda: {blog.slug: blog for blog in BlogIndexPage.objects.child_of(self)},
            ROUTE_CACHE_SECONDS,
        )

    def route(self, request, path_components):
        # Nearly every request is for the blog: its specific page in one query,
        # where Wagtail's default takes two (the page, then its specific type).
        # With BlogIndexPage.route: 13 queries for an article instead of 15.
        if path_components:
            blog = self.blog_indexes().get(path_components[0])
            if blog is not None:
                return blog.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        blog_index = next((blog for blog in self.blog_indexes().values() if blog.live), None)
        context["blog_index"] = blog_index
        if blog_index:
            articles = blog_index.articles()
            context["featured_articles"] = self.featured(articles)
            context["themes"] = blog_index.themes_with_counts()
        return context


class HomePageFeaturedArticle(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "blog.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured article")
        verbose_name_plural = _("featured articles")
