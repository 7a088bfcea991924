from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from authors.models import Author
from blog.feeds import ArticleFeed, AuthorFeed, ThemeFeed
from blog.structured_data import breadcrumb_list
from caching.page_cache import remember
from core.pages import IntroductionMixin, ViewRestrictionsInOneQuery
from core.pagination import page_or_404
from core.site_url import SiteUrlPageMixin
from themes.models import Theme

from .article import ArticlePage

COUNT_CACHE_SECONDS = 60 * 60


class RememberedCountPaginator(Paginator):
    """A Paginator whose count (a query over every article in the list) is
    remembered until the content changes."""

    def __init__(self, object_list, per_page, count_name):
        super().__init__(object_list, per_page)
        self.count_name = count_name

    @cached_property
    def count(self):
        # Django's own count() (object_list.count() for a queryset), remembered.
        return remember(self.count_name, self.object_list.count, COUNT_CACHE_SECONDS)


class BlogIndexPage(
    IntroductionMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, RoutablePageMixin, Page
):  # noqa: DJ008
    """The blog: all articles, and the theme and author pages as sub-routes."""

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

    def route(self, request, path_components):
        # The article being served can reuse this page instead of looking it up.
        request.blog_index_page = self
        if path_components and not self._is_own_route(path_components):
            # One query for the specific article, where Wagtail's default takes two
            # (with HomePage.route: 13 queries for an article instead of 15).
            # With its hero image, which the page's head and structured data show.
            article = (
                ArticlePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("hero_image")
                .first()
            )
            if article is not None:
                return article.route(request, path_components[1:])
        return super().route(request, path_components)

    def _is_own_route(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog_index"] = self
        context["structured_data"] = self.breadcrumbs(request)
        return context

    def breadcrumbs(self, request, *trail):
        """BreadcrumbList from the home page via the blog to `trail`'s (name, path) pairs."""
        trail = [(_("Home"), "/"), (self.title, self.get_url(request)), *trail]
        return breadcrumb_list(request, trail)

    def themes_with_counts(self):
        """Every theme with its number of live articles, by name."""
        return remember(
            f"theme-counts:{self.pk}",
            lambda: list(Theme.objects.with_article_counts(self.articles())),
            COUNT_CACHE_SECONDS,
        )

    def paginate(self, request, articles, listing):
        """One page of `articles`, newest first; `listing` names the list for its count."""
        paginator = RememberedCountPaginator(
            # A card shows no body: not loading it saves decoding ten of them.
            articles.newest_first().defer_streamfields(),
            self.articles_per_page,
            count_name=f"article-count:{self.pk}:{listing}",
        )
        return page_or_404(paginator, request.GET.get("page"))

    def get_sitemap_urls(self, request=None):
        """The blog itself, the list of themes, and every theme and author page
        with a live article.

        Articles have their own entries; a theme's or author's page (and the
        list of themes) last changed when the newest of its articles was published.
        """
        articles = self.articles().values("pk")
        themes = (
            Theme.objects.filter(tagged_articles__content_object__in=articles)
            .annotate(lastmod=Max("tagged_articles__content_object__last_published_at"))
            .order_by("name")
        )
        authors = (
            Author.objects.filter(article_links__page__in=self.articles().credited().values("pk"))
            .annotate(lastmod=Max("article_links__page__last_published_at"))
            .order_by("name")
        )
        base_url = self.get_full_url(request)
        entries = super().get_sitemap_urls(request)
        for route, listed in [("theme", themes), ("author", authors)]:
            entries += [
                {
                    "location": base_url + self.reverse_subpage(route, kwargs={"slug": obj.slug}),
                    "lastmod": obj.lastmod,
                }
                for obj in listed
            ]
        themes_changed = [theme.lastmod for theme in themes if theme.lastmod]
        entries.append(
            {
                "location": base_url + self.reverse_subpage("themes"),
                "lastmod": max(themes_changed) if themes_changed else None,
            }
        )
        return entries

    @path("", name="index")
    def index_route(self, request):
        return self.render(
            request, context_overrides={"articles": self.paginate(request, self.articles(), "all")}
        )

    @path("thema/<str:slug>/", name="theme")
    def theme_route(self, request, slug):
        theme = self.theme_or_404(slug)
        articles = self.articles().with_theme(theme)
        return self.render(
            request,
            template="blog/theme_page.html",
            context_overrides={
                "theme": theme,
                "articles": self.paginate(request, articles, f"theme:{theme.pk}"),
                "structured_data": self.breadcrumbs(
                    request,
                    (_("Themes"), self.get_url(request) + self.reverse_subpage("themes")),
                    (theme.name, request.path),
                ),
            },
        )

    @path("themas/", name="themes")
    def themes_route(self, request):
        return self.render(
            request,
            template="blog/theme_list_page.html",
            context_overrides={
                "themes": self.themes_with_counts(),
                "structured_data": self.breadcrumbs(request, (_("Themes"), request.path)),
            },
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        return ArticleFeed(self)(request)

    @path("thema/<str:slug>/feed/", name="theme_feed")
    def theme_feed_route(self, request, slug):
        return ThemeFeed(self, self.theme_or_404(slug))(request)

    @path("auteur/<str:slug>/", name="author")
    def author_route(self, request, slug):
        author = self.author_or_404(slug)
        articles = self.articles().credited().by_author(author)
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={
                "author": author,
                "articles": self.paginate(request, articles, f"author:{author.pk}"),
                "structured_data": self.breadcrumbs(request, (author.name, request.path)),
            },
        )

    @path("auteur/<str:slug>/feed/", name="author_feed")
    def author_feed_route(self, request, slug):
        return AuthorFeed(self, self.author_or_404(slug))(request)

    @staticmethod
    def theme_or_404(slug):
        # Every theme by its slug, remembered until the content changes (saving
        # a theme or its image bumps the generation): they are a few dozen.
        themes = remember(
            "themes-by-slug",
            lambda: {theme.slug: theme for theme in Theme.objects.select_related("image")},
            COUNT_CACHE_SECONDS,
        )
        theme = themes.get(slug)
        if theme is None:
            raise Http404(_("This theme does not exist."))
        return theme

    def author_or_404(self, slug):
        """The author, if an article here credits them (live, public, not anonymous).

        Without one, their page would show only a name, bio and photo: for a
        guest author whose articles are all anonymous, a hint that they wrote
        here. Such a page is not there, as for a slug that does not exist.
        """
        credited = self.articles().credited().filter(article_authors__author=OuterRef("pk"))
        author = Author.objects.filter(Exists(credited), slug=slug).select_related("photo").first()
        if author is None:
            raise Http404(_("This author does not exist."))
        return author
