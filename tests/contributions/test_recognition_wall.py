"""The wall of recognition as readers see it: the page *Herkenning*, and the
sentences under an article of the same themes; what keeps them current in the
page cache; and that nothing on the public site names the reader."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage
from caching import page_cache
from contributions.models import RecognitionPage, Story
from home.models import HomePage
from tests.blog.factories import ArticlePageFactory
from tests.contributions.factories import RecognitionPageFactory, StoryFactory, on_wall
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes():
    return {
        "passend": ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs"),
        "team": ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team"),
        "ouders": ThemeFactory(name="Ouders en school", slug="ouders-en-school"),
    }


@pytest.fixture
def wall(home_page, blog_index):
    return RecognitionPageFactory(parent=home_page)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def wall_texts(response):
    return [p.get_text() for p in soup(response).select(".wall-sentence blockquote p")]


def excerpt_texts(response):
    return [p.get_text() for p in soup(response).select(".wall-excerpt blockquote p")]


class TestPageTree(WagtailPageTestCase):
    def test_one_wall_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, RecognitionPage)
        self.assertCanNotCreateAt(Page, RecognitionPage)
        self.assertCanNotCreateAt(BlogIndexPage, RecognitionPage)
        self.assertAllowedSubpageTypes(RecognitionPage, set())
        assert RecognitionPage.max_count == 1


class TestTheWall:
    def test_lists_the_approved_sentences_newest_first_with_their_themes(
        self, client, wall, themes
    ):
        older = on_wall([themes["passend"]], approved_days_ago=3, wall_text="Ouder.")
        newer = on_wall(
            [themes["team"], themes["ouders"]], approved_days_ago=1, wall_text="Nieuw."
        )
        StoryFactory(wall_consent=True, sentence="Nog niet goedgekeurd.")
        StoryFactory(sentence="Zonder toestemming.")

        response = client.get(wall.url)

        assert wall_texts(response) == [newer.wall_text, older.wall_text]
        items = soup(response).select(".wall-sentence")
        assert [a.get_text() for a in items[0].select(".theme-link")] == [
            "Ouders en school",
            "Zorg voor het team",
        ]
        assert items[1].select_one(".theme-link")["href"] == "/blog/thema/passend-onderwijs/"
        html = response.content.decode()
        assert "<h1>Herkenning</h1>" in html
        assert "Wat lezers herkenden" in html  # the introduction
        assert "Nog niet goedgekeurd" not in html
        assert "Zonder toestemming" not in html
        assert 'href="/deel-je-verhaal/"' in html

    def test_the_order_is_of_approval_not_of_sending(self, client, wall, themes):
        sent_first = on_wall([themes["team"]], approved_days_ago=0, wall_text="Eerst gestuurd.")
        on_wall([themes["team"]], approved_days_ago=5, wall_text="Later gestuurd.")
        assert sent_first.created_at < Story.objects.latest("created_at").created_at
        assert wall_texts(client.get(wall.url))[0] == "Eerst gestuurd."

    def test_is_paginated(self, client, wall, themes):
        for number in range(RecognitionPage.sentences_per_page + 2):
            on_wall([themes["team"]], approved_days_ago=number, wall_text=f"Zin {number}.")
        first = client.get(wall.url)
        second = client.get(wall.url, {"page": "2"})
        assert len(wall_texts(first)) == RecognitionPage.sentences_per_page
        assert wall_texts(second) == ["Zin 20.", "Zin 21."]
        assert 'rel="next" href="?page=2"' in first.content.decode()
        assert "Pagina 2 van 2" in second.content.decode()
        assert client.get(wall.url, {"page": "3"}).status_code == 404
        assert len(wall_texts(client.get(wall.url, {"page": "abc"}))) == 20

    def test_an_empty_wall_says_so(self, client, wall):
        html = client.get(wall.url).content.decode()
        assert "Hier staan nog geen zinnen" in html

    def test_queries_do_not_grow_with_the_sentences(self, client, wall, themes):
        def queries():
            page_cache.invalidate()
            client.get(wall.url)  # what the page's route and pieces keep
            with CaptureQueriesContext(connection) as captured:
                assert client.get(wall.url).status_code == 200
            return len(captured)

        on_wall([themes["team"]], wall_text="Een.")
        one = queries()
        for number in range(10):
            on_wall(list(themes.values()), wall_text=f"Zin {number}.")
        assert queries() == one
        # Wagtail's route to the page (two), the sentences and their themes,
        # the blog (for the theme links and the feed link of every page).
        assert one <= 5


class TestUnderAnArticle:
    def test_up_to_three_sentences_of_the_articles_themes_newest_first(
        self, client, wall, blog_index, themes
    ):
        article = ArticlePageFactory(parent=blog_index, themes=[themes["passend"], themes["team"]])
        for days, theme in enumerate(["passend", "team", "passend", "team"]):
            on_wall([themes[theme]], approved_days_ago=days, wall_text=f"{theme} {days}.")
        on_wall([themes["ouders"]], wall_text="Over ouders.")
        StoryFactory(wall_consent=True, wall_text="Niet goedgekeurd.")

        response = client.get(article.url)

        assert excerpt_texts(response) == ["passend 0.", "team 1.", "passend 2."]
        section = soup(response).select_one(".wall-excerpt")
        assert section.h2.get_text() == "Herkenbaar? Anderen schreven:"
        links = {a["href"]: a.get_text() for a in section.select("a")}
        assert links == {
            wall.url: "Lees wat anderen herkenden",
            "/deel-je-verhaal/": "Deel je verhaal",
        }

    def test_no_section_without_sentences_of_its_themes(self, client, wall, blog_index, themes):
        on_wall([themes["ouders"]], wall_text="Over ouders.")
        html = client.get(ArticlePageFactory(parent=blog_index, themes=[themes["team"]]).url)
        assert "wall-excerpt" not in html.content.decode()
        untagged = client.get(ArticlePageFactory(parent=blog_index).url).content.decode()
        assert "wall-excerpt" not in untagged
        assert "Deel je eigen dilemma in één zin" in untagged  # the invitation stays

    def test_without_a_live_wall_page_the_sentences_show_without_its_link(
        self, client, blog_index, themes
    ):
        on_wall([themes["team"]], wall_text="Een zin.")
        response = client.get(ArticlePageFactory(parent=blog_index, themes=[themes["team"]]).url)
        assert excerpt_texts(response) == ["Een zin."]
        links = [a["href"] for a in soup(response).select(".wall-excerpt a")]
        assert links == ["/deel-je-verhaal/"]

    def test_an_unpublished_wall_page_is_no_longer_linked(self, client, wall, blog_index, themes):
        on_wall([themes["team"]], wall_text="Een zin.")
        article = ArticlePageFactory(parent=blog_index, themes=[themes["team"]])
        assert wall.url in client.get(article.url).content.decode()
        wall.unpublish()
        assert f'href="{wall.url}"' not in client.get(article.url).content.decode()

    def test_the_article_page_runs_no_more_queries(self, client, wall, blog_index, themes):
        """tests/blog/test_listings.py pins an article once shown at 2 queries
        (the article, its live related articles), and right after a publish."""

        def queries(after_a_publish=False):
            client.get(article.url)  # keeps what it can
            if after_a_publish:
                page_cache.invalidate()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(article.url)
            return len(captured), len(excerpt_texts(response))

        ArticlePageFactory(parent=blog_index, themes=[themes["team"]])  # a related article
        article = ArticlePageFactory(parent=blog_index, themes=list(themes.values()))
        shown, _ = queries()
        after_a_publish, _ = queries(after_a_publish=True)
        assert shown == 2
        for theme in themes.values():
            on_wall([theme])
        assert queries() == (shown, 3)
        # The sentences depend on the wall alone: a publish leaves them kept.
        assert queries(after_a_publish=True) == (after_a_publish, 3)


class TestChangesShowAtOnce:
    """Whole pages are cached for readers: each change to the wall shows on the
    next request, on the wall and under the article."""

    @pytest.fixture
    def cached(self, settings, wall, blog_index, themes):
        settings.PAGE_CACHE = True
        article = ArticlePageFactory(parent=blog_index, themes=[themes["team"]])
        story = on_wall([themes["team"]], wall_text="Wat ik herkende.")
        reader = Client()
        for url in (wall.url, article.url):
            reader.get(url)
            assert reader.get(url)["X-Page-Cache"] == "hit"
        return reader, article, story

    def shown(self, reader, wall, article):
        return wall_texts(reader.get(wall.url)), excerpt_texts(reader.get(article.url))

    def test_an_edited_text(self, cached, wall):
        reader, article, story = cached
        story.wall_text = "Wat ik herkende, korter."
        story.save()
        assert self.shown(reader, wall, article) == (["Wat ik herkende, korter."],) * 2

    def test_taken_off_by_the_editor(self, cached, wall):
        reader, article, story = cached
        story.on_wall = False
        story.save()
        assert self.shown(reader, wall, article) == ([], [])

    def test_withdrawn_by_the_reader(self, cached, wall):
        reader, article, story = cached
        Story.objects.get(pk=story.pk).withdraw_from_wall()
        assert self.shown(reader, wall, article) == ([], [])

    def test_deleted(self, cached, wall):
        reader, article, story = cached
        Story.objects.get(pk=story.pk).delete()
        assert self.shown(reader, wall, article) == ([], [])

    def test_a_theme_taken_away(self, cached, wall, themes):
        reader, article, story = cached
        story.wall_themes.set([themes["ouders"]])
        assert self.shown(reader, wall, article) == (["Wat ik herkende."], [])

    def test_approved(self, cached, wall, themes):
        reader, article, _story = cached
        story = StoryFactory(wall_consent=True, wall_text="Nieuw op de muur.")
        story.wall_themes.set([themes["team"]])
        assert self.shown(reader, wall, article)[1] == ["Wat ik herkende."]
        story.on_wall = True
        story.save()
        both = ["Nieuw op de muur.", "Wat ik herkende."]
        assert self.shown(reader, wall, article) == (both, both)

    def test_a_readers_new_story_leaves_the_cache_alone(self, cached, wall, home_page):
        reader, article, _story = cached
        Client().post(
            "/deel-je-verhaal/",
            {"sentence": "Nieuw.", "consent": "on", "wall_consent": "on"},
        )
        assert reader.get(article.url)["X-Page-Cache"] == "hit"


class TestAnonymity:
    """The reader's name, address and own words appear nowhere public: only the
    editors' wall text does."""

    NAME = "Ineke Zwartjes"
    EMAIL = "ineke.zwartjes@deregenboog.nl"
    SENTENCE = "Op De Regenboog in Kampen koos ik voor het team."

    def test_nowhere_on_the_public_site(self, client, wall, blog_index, themes):
        on_wall(
            [themes["team"]],
            name=self.NAME,
            email=self.EMAIL,
            anonymous=False,
            sentence=self.SENTENCE,
            wall_text="Ik koos voor het team.",
        )
        article = ArticlePageFactory(parent=blog_index, themes=[themes["team"]], title="Het team")
        pages = {
            "wall": client.get(wall.url),
            "article": client.get(article.url),
            "feed": client.get("/blog/feed/"),
            "theme feed": client.get("/blog/thema/zorg-voor-het-team/feed/"),
            "theme page": client.get("/blog/thema/zorg-voor-het-team/"),
            "search": client.get("/zoeken/", {"q": "team"}),
            "sitemap": client.get("/sitemap.xml"),
            "home": client.get("/"),
        }
        for where, response in pages.items():
            assert response.status_code == 200, where
            body = response.content.decode()
            for secret in (self.NAME, "Zwartjes", self.EMAIL, "Regenboog", "Kampen"):
                assert secret not in body, (where, secret)
        assert "Ik koos voor het team." in pages["wall"].content.decode()
        assert "Ik koos voor het team." in pages["article"].content.decode()
        assert wall.url in pages["sitemap"].content.decode()
        for word in ("Zwartjes", "Kampen", "koos"):
            assert client.get("/zoeken/", {"q": word}).context["result_count"] == 0, word

    def test_the_page_context_holds_no_reader_data(self, client, wall, themes):
        on_wall([themes["team"]], name=self.NAME, email=self.EMAIL, wall_text="Kort.")
        (sentence,) = client.get(wall.url).context["sentences"]
        assert sentence.text == "Kort."
        assert not hasattr(sentence, "email")
        assert not hasattr(sentence, "name")

    def test_hostile_html_in_the_wall_text_is_shown_as_text(
        self, client, wall, blog_index, themes
    ):
        hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">Wat nu?'
        on_wall([themes["team"]], wall_text=hostile)
        article = ArticlePageFactory(parent=blog_index, themes=[themes["team"]])
        for url in (wall.url, article.url):
            html = client.get(url).content.decode()
            assert "<script>alert(1)" not in html
            assert "<img src=x" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x" in html
