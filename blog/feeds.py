"""RSS 2.0 feeds of the blog: all articles, one theme's, one author's.

BlogIndexPage serves them as routes (`feed/`, `thema/<slug>/feed/`,
`auteur/<slug>/feed/`) and looks up the theme or author itself, so this module
needs no model imports (the models import it).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.site_url import absolute_url

# Large enough for the preview cards of feed readers and social sites.
ENCLOSURE_FILTER = "fill-1200x630|format-jpeg"


class ArticleFeed(Feed):
    """The newest live, public articles of a blog."""

    feed_type = Rss201rev2Feed
    language = "nl"
    items_per_feed = 20

    def __init__(self, blog_index):
        self.blog_index = blog_index

    def get_feed(self, obj, request):
        # Feed hands the request to get_feed() only; each request gets its own
        # Feed instance. Links and enclosures start with the site's address.
        self.request = request
        return super().get_feed(obj, request)

    def absolute_url(self, url):
        return absolute_url(url)

    def blog_url(self, route=None, **kwargs):
        url = self.blog_index.get_url(self.request)
        if route:
            url += self.blog_index.reverse_subpage(route, kwargs=kwargs)
        return self.absolute_url(url)

    def articles(self):
        return self.blog_index.articles()

    # The channel

    def title(self):
        return _("De Directeurskamer")

    def description(self):
        return _("Practical ethics for school leaders in primary education: the newest articles.")

    def link(self):
        return self.blog_url()

    def feed_url(self):
        # The feed's own address (atom:link rel="self"), which Feed would build from the request.
        return self.absolute_url(self.request.path)

    def items(self):
        return (
            self.articles()
            .newest_first()
            .for_listing()
            .prefetch_related("tagged_items__tag")[: self.items_per_feed]
        )

    # Each article

    def item_title(self, article):
        # Plain text: Django's default escapes titles, which would show the
        # apostrophes of Dutch plurals ("dilemma's") as entities in some readers.
        return article.title

    def item_link(self, article):
        return self.absolute_url(article.get_url(self.request))

    def item_description(self, article):
        # Readers render an item's description as HTML; ours is plain text.
        return escape(article.search_description or article.subtitle)

    def item_pubdate(self, article):
        if article.publication_date:
            # The start of that day in the site's time zone (Europe/Amsterdam).
            return timezone.make_aware(
                datetime.datetime.combine(article.publication_date, datetime.time.min),
                timezone.get_default_timezone(),
            )
        return article.first_published_at

    def item_categories(self, article):
        return [theme.name for theme in article.theme_list()]

    def item_author_name(self, article):
        return ", ".join(article.byline()) or None

    def item_enclosures(self, article):
        if not article.hero_image:
            return []
        rendition = article.hero_image.get_rendition(ENCLOSURE_FILTER)
        return [
            Enclosure(
                url=self.absolute_url(rendition.url),
                length=str(rendition.file.size),
                mime_type="image/jpeg",
            )
        ]


class ThemeFeed(ArticleFeed):
    """The newest articles of one theme."""

    def __init__(self, blog_index, theme):
        super().__init__(blog_index)
        self.theme = theme

    def articles(self):
        return super().articles().with_theme(self.theme)

    def title(self):
        return _("De Directeurskamer — Theme: %(name)s") % {"name": self.theme.name}

    def description(self):
        return _("The newest articles about %(name)s.") % {"name": self.theme.name}

    def link(self):
        return self.blog_url("theme", slug=self.theme.slug)


class AuthorFeed(ArticleFeed):
    """The newest articles of one author."""

    def __init__(self, blog_index, author):
        super().__init__(blog_index)
        self.author = author

    def articles(self):
        return super().articles().credited().by_author(self.author)

    def title(self):
        return _("De Directeurskamer — %(name)s") % {"name": self.author.name}

    def description(self):
        return _("The newest articles by %(name)s.") % {"name": self.author.name}

    def link(self):
        return self.blog_url("author", slug=self.author.slug)
