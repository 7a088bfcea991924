"""The footer's links and the consent texts' link to the privacy statement."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import page_cache
from tests.blog.factories import ArticlePageFactory
from tests.pages.factories import ContentPageFactory, PrivacyPageFactory
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

PRIVACY_NOTE = "Lees in onze privacyverklaring wat we bewaren, waarom en hoe lang."


@pytest.fixture
def site(home_page, blog_index, resource_index):
    """A page with each public form: every page's footer, the article's and the
    home page's newsletter box, the sign-up page, both contribution forms and
    a gated download."""
    article = ArticlePageFactory(parent=blog_index)
    ebook = ResourcePageFactory(parent=resource_index, slug="e-book", access="gated")
    return {
        "home": home_page,
        "urls": ["/", article.url, ebook.url, "/nieuwsbrief/"]
        + ["/deel-je-verhaal/", "/schrijf-een-gastblog/"],
    }


@pytest.fixture
def privacy(home_page):
    return PrivacyPageFactory(parent=home_page)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def footer_links(response):
    nav = soup(response).select_one(".site-footer nav")
    return [(a["href"], a.get_text()) for a in nav.find_all("a")] if nav else []


def consent_notes(response):
    """For every consent checkbox: the element its description points at."""
    page = soup(response)
    boxes = page.select('input[type="checkbox"][name="consent"]')
    assert boxes
    return [page.find(id=box["aria-describedby"].split()[0]) for box in boxes]


class TestFooter:
    def test_links_the_privacy_statement_and_the_pages_shown_in_menus(
        self, client, home_page, privacy
    ):
        about = ContentPageFactory(parent=home_page)
        ContentPageFactory(parent=home_page, slug="colofon", title="Colofon", show_in_menus=False)
        response = client.get("/")
        # In the order of the page tree.
        assert footer_links(response) == [
            (privacy.url, "Privacyverklaring"),
            (about.url, "Over De Directeurskamer"),
        ]
        assert soup(response).select_one(".site-footer nav")["aria-label"] == "Over deze site"

    def test_leaves_out_a_draft_and_a_private_statement(self, client, home_page, privacy):
        privacy.unpublish()
        assert footer_links(client.get("/")) == []
        privacy.save_revision().publish()
        assert footer_links(client.get("/")) == [(privacy.url, "Privacyverklaring")]

        privacy.view_restrictions.create(restriction_type="password", password="geheim")
        assert footer_links(client.get("/")) == []


class TestConsentTexts:
    def test_every_consent_text_links_to_the_privacy_statement(self, client, site, privacy):
        for url in site["urls"]:
            notes = consent_notes(client.get(url))
            for note in notes:
                (link,) = note.find_all("a")
                assert link["href"] == privacy.url, url
                assert link.get_text() == PRIVACY_NOTE  # says where it leads
                assert not link.has_attr("target")  # opens in the same tab

    def test_without_a_privacy_statement_the_note_has_no_link(self, client, site):
        for url in site["urls"]:
            response = client.get(url)
            for note in consent_notes(response):
                assert note.get_text() == PRIVACY_NOTE
                assert note.find("a") is None
            assert footer_links(response) == []


class TestRememberedLinks:
    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.PAGE_CACHE = True

    def test_the_links_follow_the_statement_through_the_page_cache(
        self, client, home_page, privacy
    ):
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"

        privacy.slug = "privacyverklaring"
        privacy.save_revision().publish()
        assert footer_links(client.get("/")) == [("/privacyverklaring/", "Privacyverklaring")]

        privacy.unpublish()
        assert footer_links(client.get("/")) == []

        privacy.save_revision().publish()
        client.get("/")
        privacy.delete()
        assert footer_links(client.get("/")) == []

    def test_publishing_an_article_leaves_them_remembered(self, client, blog_index, privacy):
        def link_queries():
            page_cache.invalidate()  # as after any publish: the page is rendered anew
            with CaptureQueriesContext(connection) as queries:
                assert footer_links(client.get("/"))
            # The footer's: shown in menus, or the privacy statement.
            return [q for q in queries if '"show_in_menus" OR' in q["sql"]]

        assert len(link_queries()) == 1
        assert link_queries() == []
        ArticlePageFactory(parent=blog_index, live=False).save_revision().publish()
        assert link_queries() == []
        privacy.title = "Privacy"
        privacy.save_revision().publish()
        assert len(link_queries()) == 1

    def test_the_footer_costs_one_query_however_many_pages_it_lists(self, client, home_page):
        def queries_for_the_home_page():
            cache.clear()
            page_cache.forget_local()
            with CaptureQueriesContext(connection) as queries:
                client.get("/")
            return len(queries)

        PrivacyPageFactory(parent=home_page)
        with_one = queries_for_the_home_page()
        for slug in ("over", "colofon", "contact"):
            ContentPageFactory(parent=home_page, slug=slug, title=slug.title())
        assert queries_for_the_home_page() == with_one
        assert len(footer_links(client.get("/"))) == 4

    def test_an_unreachable_cache_still_shows_them(self, client, privacy, monkeypatch):
        def down(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(cache, "get_many", down)
        assert footer_links(client.get("/")) == [(privacy.url, "Privacyverklaring")]
