"""Anonymous publishing: an article whose author no reader may learn.

The authors stay linked in the admin, but no public page, feed, search
result, sitemap, meta tag or structured data names them or shows their photo.
"""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import translation

from blog.models import ArticlePage
from blog.models.article import ANONYMOUS_BYLINE
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, paragraph
from tests.blog.test_seo_meta import json_ld
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

# A word of the article's body, to find it through the site's search.
SEARCH_WORD = "vuurtorenwachter"


def in_dutch(text):
    """`text` as the site shows it (whether or not the catalogue translates it yet)."""
    with translation.override("nl"):
        return str(text)


@pytest.fixture
def wilhelmina(db):
    return AuthorFactory(
        name="Wilhelmina Zonderland",
        slug="wilhelmina-zonderland",
        bio="Directeur van een school aan de kust.",
        photo=ImageFactory(
            title="Pasfoto Wilhelmina",
            description="Portret van een directeur",
            file__filename="pasfoto-wilhelmina.jpg",
        ),
    )


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Leerlingenzorg", slug="leerlingenzorg")


def write(blog_index, author, theme, *, anonymous, **fields):
    fields.setdefault("slug", "het-kind-dat-niet-meer-kwam")
    return ArticlePageFactory(
        parent=blog_index,
        title="Het kind dat niet meer kwam",
        body=[paragraph(f"Onze {SEARCH_WORD} op het schoolplein zag het als eerste.")],
        themes=[theme],
        authors=[author],
        publish_anonymously=anonymous,
        **fields,
    )


def public_outputs(client, article, theme):
    """What a reader (or a crawler, feed reader or search engine) can fetch that
    shows the article, by name: the pages, lists, feeds and the sitemap."""
    # Another article, by someone else, lists it under "Read more".
    other = ArticlePageFactory(parent=article.get_parent(), themes=[theme])
    urls = {
        "article page": article.url,
        "other article page": other.url,
        "blog": "/blog/",
        "theme page": f"/blog/thema/{theme.slug}/",
        "home page": "/",
        "search results": f"/zoeken/?q={SEARCH_WORD}",
        "feed": "/blog/feed/",
        "theme feed": f"/blog/thema/{theme.slug}/feed/",
        "sitemap": "/sitemap.xml",
    }
    outputs = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        outputs[name] = response.content.decode()
    # Each really shows the article: a leak check of pages without it proves nothing.
    for name, content in outputs.items():
        assert article.slug in content, name
    return outputs


def secrets(author):
    """What would give the author away: name, author page, photo (any rendition)."""
    photo = Path(author.photo.file.name).stem
    return [author.name, author.slug, photo, author.photo.title]


def leaks(outputs, author):
    return {
        name: found
        for name, content in outputs.items()
        if (found := [secret for secret in secrets(author) if secret.lower() in content.lower()])
    }


def json_ld_authors(html):
    return json_ld(html)["BlogPosting"]["author"]


class TestAnAnonymousArticle:
    def test_reveals_its_author_nowhere(self, client, blog_index, wilhelmina, theme):
        article = write(blog_index, wilhelmina, theme, anonymous=True)

        outputs = public_outputs(client, article, theme)

        assert leaks(outputs, wilhelmina) == {}
        assert json_ld_authors(outputs["article page"]) == [
            {"@type": "Person", "name": in_dutch(ANONYMOUS_BYLINE)}
        ]
        assert in_dutch(translation.gettext_lazy("by a school leader")) in outputs["article page"]
        assert "author-card" not in outputs["article page"]
        # Still linked, for the editors in the admin.
        assert ArticlePage.objects.get(pk=article.pk).authors() == [wilhelmina]

    def test_of_a_known_author_shows_the_name_so_the_check_above_can_fail(
        self, client, blog_index, wilhelmina, theme
    ):
        article = write(blog_index, wilhelmina, theme, anonymous=False)

        outputs = public_outputs(client, article, theme)

        # The same checks as above see the author in every kind of output.
        leaked = leaks(outputs, wilhelmina)
        assert set(leaked) == set(outputs)
        name, slug, photo, _ = secrets(wilhelmina)
        assert {name, slug, photo} <= set(leaked["article page"])
        assert json_ld_authors(outputs["article page"]) == [
            {
                "@type": "Person",
                "name": "Wilhelmina Zonderland",
                "url": "http://testserver/blog/auteur/wilhelmina-zonderland/",
            }
        ]

    def test_made_anonymous_later_disappears_from_cached_pages_at_once(
        self, client, blog_index, wilhelmina, theme
    ):
        article = write(blog_index, wilhelmina, theme, anonymous=False)
        assert leaks(public_outputs(client, article, theme), wilhelmina)
        assert article.title in client.get("/blog/auteur/wilhelmina-zonderland/").content.decode()

        article.publish_anonymously = True
        article.save_revision().publish()

        assert leaks(public_outputs(client, article, theme), wilhelmina) == {}
        # Her page goes (its only article is now anonymous); the page-not-found
        # page in its place may list the article among the newest, without her.
        author_page = client.get("/blog/auteur/wilhelmina-zonderland/")
        assert author_page.status_code == 404
        assert "Wilhelmina" not in author_page.content.decode()


class TestTheAuthorsOwnPages:
    def test_leave_the_anonymous_article_out(self, client, blog_index, wilhelmina, theme):
        anonymous = write(blog_index, wilhelmina, theme, anonymous=True)
        signed = ArticlePageFactory(
            parent=blog_index, title="Wat een klacht me leerde", authors=[wilhelmina]
        )

        response = client.get("/blog/auteur/wilhelmina-zonderland/")
        feed = client.get("/blog/auteur/wilhelmina-zonderland/feed/").content.decode()

        assert [a.title for a in response.context["articles"]] == [signed.title]
        assert response.context["articles"].paginator.count == 1
        for content in [response.content.decode(), feed]:
            assert signed.title in content
            assert anonymous.title not in content
            assert anonymous.slug not in content

    def test_are_not_in_the_sitemap_while_every_article_is_anonymous(
        self, client, blog_index, wilhelmina, theme
    ):
        write(blog_index, wilhelmina, theme, anonymous=True)
        sitemap = client.get("/sitemap.xml").content.decode()
        assert "/blog/auteur/" not in sitemap

        ArticlePageFactory(parent=blog_index, authors=[wilhelmina])
        sitemap = client.get("/sitemap.xml").content.decode()
        assert "/blog/auteur/wilhelmina-zonderland/" in sitemap


def test_the_feed_credits_the_stand_in(client, blog_index, wilhelmina, theme):
    write(blog_index, wilhelmina, theme, anonymous=True)
    feed = ET.fromstring(client.get("/blog/feed/").content)
    assert feed.find("channel/item").findtext(DC_CREATOR) == in_dutch(ANONYMOUS_BYLINE)


def test_read_more_under_an_anonymous_article_leaves_out_nothing_of_its_author(
    client, blog_index, wilhelmina, theme
):
    """Leaving out her signed articles would make the one gap in a theme-ranked
    list point at her: the list is what it would be without an author."""
    anonymous = write(blog_index, wilhelmina, theme, anonymous=True, slug="zonder-naam")
    signed = write(blog_index, wilhelmina, theme, anonymous=False, slug="met-haar-naam")
    other = ArticlePageFactory(parent=blog_index, themes=[theme])

    under_anonymous = client.get(anonymous.url).content.decode()
    assert signed.url in under_anonymous
    assert other.url in under_anonymous
    # The other way round too: it names no one.
    assert anonymous.url in client.get(signed.url).content.decode()
