import datetime
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content).find("channel")


def item_titles(channel):
    return [item.findtext("title") for item in channel.iter("item")]


def feed_links(html):
    """(title, href) of every RSS link in a page's head."""
    head = html.split("</head>", 1)[0]
    return re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" href="([^"]*)">',
        head,
    )


@pytest.fixture
def passend(db):
    return ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")


class TestMainFeed:
    def test_lists_live_public_articles_newest_first(self, client, blog_index):
        older = ArticlePageFactory(parent=blog_index, publication_date=datetime.date(2025, 2, 1))
        newer = ArticlePageFactory(parent=blog_index, publication_date=datetime.date(2025, 3, 1))
        ArticlePageFactory(parent=blog_index, title="Concept", live=False)
        unpublished = ArticlePageFactory(parent=blog_index, title="Ingetrokken")
        unpublished.unpublish()
        private = ArticlePageFactory(parent=blog_index, title="Besloten")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        channel = read_feed(client, "/blog/feed/")

        assert item_titles(channel) == [newer.title, older.title]

    def test_describes_the_blog(self, client, blog_index):
        channel = read_feed(client, "/blog/feed/")
        assert channel.findtext("title") == "De Directeurskamer"
        assert channel.findtext("link") == "http://testserver/blog/"
        assert channel.findtext("language") == "nl"
        assert channel.findtext("description")

    def test_an_item_carries_everything_a_reader_shows(self, client, blog_index):
        themes = [ThemeFactory(name="Passend onderwijs"), ThemeFactory(name="Ouders")]
        authors = [AuthorFactory(name="Jeroen Bakker"), AuthorFactory(name="Samira El Amrani")]
        article = ArticlePageFactory(
            parent=blog_index,
            title="Wat als een ouder je niet meer vertrouwt?",
            slug="ouder-vertrouwen",
            search_description="Over vertrouwen tussen ouders & school.",
            # The night the clocks go forward: the offset must still be +01:00.
            publication_date=datetime.date(2025, 3, 30),
            themes=themes,
            authors=authors,
            with_hero_image=True,
        )

        item = read_feed(client, "/blog/feed/").find("item")

        assert item.findtext("title") == "Wat als een ouder je niet meer vertrouwt?"
        assert item.findtext("link") == "http://testserver/blog/ouder-vertrouwen/"
        assert parsedate_to_datetime(item.findtext("pubDate")) == datetime.datetime(
            2025, 3, 30, tzinfo=AMSTERDAM
        )
        assert item.findtext("pubDate").endswith("+0100")
        # Escaped once more: readers render the description as HTML.
        assert item.findtext("description") == "Over vertrouwen tussen ouders &amp; school."
        assert sorted(c.text for c in item.findall("category")) == ["Ouders", "Passend onderwijs"]
        assert item.findtext(DC_CREATOR) == "Jeroen Bakker, Samira El Amrani"

        rendition = article.hero_image.get_rendition("fill-1200x630|format-jpeg")
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == f"http://testserver{rendition.url}"
        assert enclosure.get("type") == "image/jpeg"
        assert enclosure.get("length") == str(rendition.file.size)
        with rendition.file.open("rb") as image:
            assert image.read(3) == b"\xff\xd8\xff"  # a JPEG, whatever the original was

    def test_falls_back_to_subtitle_and_first_publication(self, client, blog_index):
        first_published = timezone.make_aware(datetime.datetime(2024, 11, 5, 14, 30))
        ArticlePageFactory(
            parent=blog_index,
            subtitle="Een ondertitel.",
            publication_date=None,
            first_published_at=first_published,
            hero_image=None,
        )

        item = read_feed(client, "/blog/feed/").find("item")

        assert item.findtext("description") == "Een ondertitel."
        assert parsedate_to_datetime(item.findtext("pubDate")) == first_published
        assert item.find("enclosure") is None

    def test_holds_the_twenty_newest(self, client, blog_index):
        articles = [ArticlePageFactory(parent=blog_index) for _ in range(21)]
        titles = item_titles(read_feed(client, "/blog/feed/"))
        assert titles == [a.title for a in reversed(articles[1:])]

    def test_queries_do_not_grow_with_the_number_of_articles(self, client, blog_index, passend):
        authors = [AuthorFactory(), AuthorFactory()]
        # One shared hero image: each article still loads its own copy, so an
        # image or rendition query per article would show.
        image = ImageFactory()

        def add(n):
            for _ in range(n):
                ArticlePageFactory(
                    parent=blog_index, themes=[passend], authors=authors, hero_image=image
                )

        def count_queries():
            client.get("/blog/feed/")  # warm up: renditions are created on first view
            with CaptureQueriesContext(connection) as queries:
                channel = read_feed(client, "/blog/feed/")
            return len(queries), len(item_titles(channel))

        add(3)
        with_3, items = count_queries()
        assert items == 3
        add(17)
        with_20, items = count_queries()
        assert items == 20

        assert with_3 == with_20


class TestThemeAndAuthorFeeds:
    def test_theme_feed_holds_only_that_themes_articles(self, client, blog_index, passend):
        mine = ArticlePageFactory(parent=blog_index, themes=[passend, ThemeFactory()])
        ArticlePageFactory(parent=blog_index, themes=[ThemeFactory()])
        ArticlePageFactory(parent=blog_index, themes=[passend], live=False)

        channel = read_feed(client, "/blog/thema/passend-onderwijs/feed/")

        assert item_titles(channel) == [mine.title]
        assert "Passend onderwijs" in channel.findtext("title")
        assert channel.findtext("link") == "http://testserver/blog/thema/passend-onderwijs/"

    def test_author_feed_holds_only_that_authors_articles(self, client, blog_index):
        samira = AuthorFactory(name="Samira El Amrani", slug="samira")
        shared = ArticlePageFactory(parent=blog_index, authors=[AuthorFactory(), samira])
        mine = ArticlePageFactory(parent=blog_index, authors=[samira])
        ArticlePageFactory(parent=blog_index)

        channel = read_feed(client, "/blog/auteur/samira/feed/")

        assert item_titles(channel) == [mine.title, shared.title]
        assert "Samira El Amrani" in channel.findtext("title")
        assert channel.findtext("link") == "http://testserver/blog/auteur/samira/"

    @pytest.mark.parametrize(
        "url", ["/blog/thema/bestaat-niet/feed/", "/blog/auteur/niemand/feed/"]
    )
    def test_unknown_slug_is_not_found(self, client, blog_index, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()


class TestFeedLinksInPages:
    def test_every_page_links_the_site_feed(self, client, blog_index):
        article = ArticlePageFactory(parent=blog_index)
        for url in ["/", "/blog/", "/blog/themas/", article.url]:
            links = feed_links(client.get(url).content.decode())
            assert ("De Directeurskamer", "/blog/feed/") in links, url

    def test_theme_page_links_its_own_feed(self, client, blog_index, passend):
        html = client.get("/blog/thema/passend-onderwijs/").content.decode()
        (site_feed, theme_feed) = feed_links(html)
        assert site_feed == ("De Directeurskamer", "/blog/feed/")
        assert theme_feed[1] == "/blog/thema/passend-onderwijs/feed/"
        assert "Passend onderwijs" in theme_feed[0]

    def test_author_page_links_their_own_feed(self, client, blog_index):
        samira = AuthorFactory(name="Samira El Amrani", slug="samira")
        ArticlePageFactory(parent=blog_index, authors=[samira])
        html = client.get("/blog/auteur/samira/").content.decode()
        (site_feed, author_feed) = feed_links(html)
        assert site_feed == ("De Directeurskamer", "/blog/feed/")
        assert author_feed[1] == "/blog/auteur/samira/feed/"
        assert "Samira El Amrani" in author_feed[0]


def test_a_real_feed_reader_understands_the_feed(client, blog_index, passend):
    author = AuthorFactory(name="Jeroen Bakker")
    article = ArticlePageFactory(
        parent=blog_index,
        title="Wachten op jeugdhulp",
        subtitle="Over een wachtlijst van negen maanden.",
        publication_date=datetime.date(2025, 6, 6),
        themes=[passend],
        authors=[author],
        with_hero_image=True,
    )

    feed = feedparser.parse(client.get("/blog/feed/").content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "De Directeurskamer"
    assert feed.feed.language == "nl"
    (entry,) = feed.entries
    assert entry.title == "Wachten op jeugdhulp"
    assert entry.link == f"http://testserver{article.url}"
    assert entry.summary == "Over een wachtlijst van negen maanden."
    assert entry.author == "Jeroen Bakker"
    assert [tag.term for tag in entry.tags] == ["Passend onderwijs"]
    assert entry.published.endswith("06 Jun 2025 00:00:00 +0200")
    (enclosure,) = entry.enclosures
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith("http://testserver/media/images/")
