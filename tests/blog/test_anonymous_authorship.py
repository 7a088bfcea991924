"""No public output depends on who wrote an anonymous article.

Whatever a reader, crawler or feed reader can fetch is what it would be if
the anonymous article had no author at all: not only its byline, but what is
listed next to it, what is counted, and when an author page last changed.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from blog.models import ArticlePage, ArticlePageAuthor
from caching import page_cache
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, paragraph
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

# The form tokens differ on every request, whatever the content.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def published(article, days_ago):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=moment, last_published_at=moment
    )


@pytest.fixture
def scene(blog_index):
    """Wilhelmina's anonymous article, and everything that could give her away:
    her signed article shares the most themes with it (it heads "Read more"),
    and it was published before the anonymous one (her page's lastmod)."""
    care, inclusion, parents = ThemeFactory(), ThemeFactory(), ThemeFactory()
    wilhelmina = AuthorFactory(
        name="Wilhelmina Zonderland",
        slug="wilhelmina-zonderland",
        photo=ImageFactory(title="Pasfoto Wilhelmina"),
    )
    anonymous = ArticlePageFactory(
        parent=blog_index,
        title="Het kind dat niet meer kwam",
        slug="zonder-naam",
        body=[paragraph("Onze vuurtorenwachter zag het als eerste.")],
        themes=[care, inclusion, parents],
        authors=[wilhelmina],
        publish_anonymously=True,
    )
    signed = ArticlePageFactory(
        parent=blog_index,
        title="Thuiszitter",
        slug="met-haar-naam",
        body=[paragraph("De vuurtorenwachter van school belde opnieuw.")],
        themes=[care, inclusion, parents],
        authors=[wilhelmina],
    )
    others = [
        ArticlePageFactory(parent=blog_index, themes=[care, inclusion]),
        ArticlePageFactory(parent=blog_index, themes=[care]),
        ArticlePageFactory(parent=blog_index, themes=[parents]),
        ArticlePageFactory(parent=blog_index),
    ]
    published(signed, days_ago=30)
    published(anonymous, days_ago=2)
    for days_ago, other in enumerate(others, start=5):
        published(other, days_ago)
    return {"anonymous": anonymous, "signed": signed, "author": wilhelmina, "theme": care}


def public_urls(scene):
    author = scene["author"].slug
    theme = scene["theme"].slug
    return [
        scene["anonymous"].url,
        scene["signed"].url,
        "/",
        "/blog/",
        f"/blog/thema/{theme}/",
        "/blog/themas/",
        f"/blog/auteur/{author}/",
        f"/blog/auteur/{author}/feed/",
        "/blog/feed/",
        f"/blog/thema/{theme}/feed/",
        "/zoeken/?q=vuurtorenwachter",
        "/sitemap.xml",
    ]


def fetch(client, urls):
    # Nothing remembered: each output computed from the data as it is now.
    cache.clear()
    page_cache.forget_local()
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = CSRF_TOKEN.sub("", response.content.decode())
    return outputs


def remove_authors(article):
    ArticlePageAuthor.objects.filter(page=article).delete()


def test_every_public_output_is_the_same_as_without_its_authors(client, scene):
    urls = public_urls(scene)
    with_authors = fetch(client, urls)
    # On this data, leaving her signed article out of "Read more" would show.
    assert scene["signed"].url in with_authors[scene["anonymous"].url]

    remove_authors(scene["anonymous"])
    without_authors = fetch(client, urls)

    for url in urls:
        assert with_authors[url] == without_authors[url], url


def test_read_more_is_ranked_as_if_it_had_no_authors(scene):
    anonymous = ArticlePage.objects.get(pk=scene["anonymous"].pk)
    ranked = anonymous.rank_related_articles(6)
    shown = anonymous.related_articles()

    remove_authors(anonymous)
    cache.clear()
    authorless = ArticlePage.objects.get(pk=anonymous.pk)

    assert ranked == authorless.rank_related_articles(6)
    assert shown == authorless.related_articles()
    # Her signed article shares the most themes: it comes first, as for any other.
    assert shown[0].pk == scene["signed"].pk


def test_her_page_in_the_sitemap_changed_when_her_signed_article_did(client, scene):
    sitemap = client.get("/sitemap.xml").content.decode()
    entry = sitemap.split("/blog/auteur/wilhelmina-zonderland/</loc>", 1)[1]
    lastmod = re.search(r"<lastmod>([^<]+)</lastmod>", entry).group(1)
    signed = ArticlePage.objects.get(pk=scene["signed"].pk)
    # The sitemap gives the day in the site's time zone (Europe/Amsterdam).
    assert lastmod == timezone.localdate(signed.last_published_at).isoformat()


class TestAnAuthorWhoseEveryArticleIsAnonymous:
    """Their page, with only a name, bio and photo, would say they wrote here."""

    @pytest.fixture
    def hidden(self, blog_index):
        author = AuthorFactory(name="Ilse Bos", slug="ilse-bos", bio="Directeur in Zwolle.")
        ArticlePageFactory(parent=blog_index, authors=[author], publish_anonymously=True)
        return author

    def test_has_no_page_or_feed_as_if_there_were_no_such_author(self, client, hidden):
        for url in ["/blog/auteur/ilse-bos/", "/blog/auteur/ilse-bos/feed/"]:
            response = client.get(url)
            assert response.status_code == 404, url
            assert "Directeur in Zwolle" not in response.content.decode()
            assert client.get(url.replace("ilse-bos", "niemand")).status_code == 404

    def test_gets_them_with_their_first_signed_article(self, client, blog_index, hidden):
        ArticlePageFactory(parent=blog_index, title="Op eigen naam", authors=[hidden])
        page = client.get("/blog/auteur/ilse-bos/")
        assert page.status_code == 200
        assert "Op eigen naam" in page.content.decode()
        assert client.get("/blog/auteur/ilse-bos/feed/").status_code == 200

    def test_a_draft_does_not_open_the_page(self, client, blog_index, hidden):
        ArticlePageFactory(parent=blog_index, authors=[hidden], live=False)
        assert client.get("/blog/auteur/ilse-bos/").status_code == 404
