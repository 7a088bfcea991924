import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from caching import page_cache
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from tests.conftest import make_site, shared_data
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [article.title for article in response.context["articles"]]


@pytest.fixture
def passend(db):
    return ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")


class TestBlogIndex:
    def test_lists_live_articles_newest_first(self, client, blog_index):
        older = ArticlePageFactory(parent=blog_index, title="Ouder")
        newer = ArticlePageFactory(parent=blog_index, title="Nieuwer")
        response = client.get("/blog/")
        assert response.status_code == 200
        assert listed_titles(response) == [newer.title, older.title]

    def test_paginates_ten_per_page(self, client, blog_index):
        for _ in range(12):
            ArticlePageFactory(parent=blog_index)
        first = client.get("/blog/")
        second = client.get("/blog/?page=2")
        assert len(first.context["articles"]) == 10
        assert len(second.context["articles"]) == 2
        assert 'rel="next" href="?page=2"' in first.content.decode()
        assert "Pagina 2 van 2" in second.content.decode()

    @pytest.mark.parametrize(
        "page_number", ["0", "-1", "abc", "1.5", "%00", "<script>", "²", " 2", "+2", ""]
    )
    def test_garbage_page_parameters_show_the_first_page(self, client, blog_index, page_number):
        for _ in range(11):
            ArticlePageFactory(parent=blog_index)
        response = client.get("/blog/", {"page": page_number})
        assert response.status_code == 200
        assert response.context["articles"].number == 1
        assert len(response.context["articles"]) == 10
        # As the canonical link says: the first page, under the blog's own address.
        assert '<link rel="canonical" href="http://testserver/blog/">' in response.content.decode()
        assert "<script>" not in response.content.decode().split("<main", 1)[1]

    @pytest.mark.parametrize("page_number", ["3", "99", "9" * 400])
    def test_a_page_past_the_end_is_not_found(self, client, blog_index, page_number):
        for _ in range(11):
            ArticlePageFactory(parent=blog_index)
        response = client.get("/blog/", {"page": page_number})
        assert response.status_code == 404
        assert "404.html" in [template.name for template in response.templates]
        assert client.get("/blog/", {"page": "2"}).status_code == 200

    def test_an_empty_blog_has_a_first_page_and_no_second(self, client, blog_index):
        assert client.get("/blog/", {"page": "1"}).status_code == 200
        assert client.get("/blog/", {"page": "2"}).status_code == 404


class TestThemePage:
    def test_lists_exactly_the_live_articles_with_that_theme(self, client, blog_index, passend):
        other = ThemeFactory()
        tagged = [ArticlePageFactory(parent=blog_index, themes=[passend]) for _ in range(3)]
        both = ArticlePageFactory(parent=blog_index, themes=[passend, other])
        ArticlePageFactory(parent=blog_index, themes=[other])
        ArticlePageFactory(parent=blog_index)
        ArticlePageFactory(parent=blog_index, themes=[passend], live=False)

        response = client.get("/blog/thema/passend-onderwijs/")

        assert response.status_code == 200
        expected = {a.title for a in [*tagged, both]}
        assert set(listed_titles(response)) == expected
        assert len(listed_titles(response)) == 4

    def test_shows_the_theme_introduction_and_meta_description(self, client, blog_index, passend):
        passend.introduction = "<p>Wanneer past passend onderwijs niet meer?</p>"
        passend.meta_description = "Verhalen over passend onderwijs."
        passend.save()
        html = client.get("/blog/thema/passend-onderwijs/").content.decode()
        assert "Wanneer past passend onderwijs niet meer?" in html
        assert '<meta name="description" content="Verhalen over passend onderwijs.">' in html
        assert "<h1>Passend onderwijs</h1>" in html
        assert 'class="theme-image"' not in html

    def test_shows_the_theme_image_with_its_description(self, client, blog_index, passend):
        passend.image = ImageFactory(description="Kinderen op een schoolplein")
        passend.save()
        html = client.get("/blog/thema/passend-onderwijs/").content.decode()
        assert 'class="theme-image"' in html
        assert 'alt="Kinderen op een schoolplein"' in html

    @pytest.mark.parametrize(
        "url", ["/blog/thema/bestaat-niet/", "/blog/auteur/niemand/", "/blog/thema/%3Cscript%3E/"]
    )
    def test_unknown_theme_or_author_gives_a_dutch_404(self, client, blog_index, url):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Pagina niet gevonden" in html
        assert '<html lang="nl">' in html
        assert "<script>" not in html

    def test_theme_overview_counts_live_articles(self, client, blog_index, passend):
        empty = ThemeFactory(name="Zorg voor het team")
        ArticlePageFactory(parent=blog_index, themes=[passend])
        ArticlePageFactory(parent=blog_index, themes=[passend])
        ArticlePageFactory(parent=blog_index, themes=[passend], live=False)

        response = client.get("/blog/themas/")

        counts = {theme.name: theme.article_count for theme in response.context["themes"]}
        assert counts == {"Passend onderwijs": 2, empty.name: 0}
        html = response.content.decode()
        assert "2 artikelen" in html
        assert "0 artikelen" in html
        assert 'href="/blog/thema/passend-onderwijs/"' in html

    def test_counts_follow_what_is_published(self, client, blog_index, passend):
        for _ in range(10):
            ArticlePageFactory(parent=blog_index, themes=[passend])
        assert client.get("/blog/").context["articles"].paginator.num_pages == 1
        assert "10 artikelen" in client.get("/blog/themas/").content.decode()

        oldest_first = ArticlePageFactory(
            parent=blog_index, themes=[passend], live=False, publication_date="1999-01-01"
        )
        oldest_first.save_revision().publish()

        second_page = client.get("/blog/?page=2")
        assert listed_titles(second_page) == [oldest_first.title]
        theme_page = client.get("/blog/thema/passend-onderwijs/?page=2")
        assert listed_titles(theme_page) == [oldest_first.title]
        assert "11 artikelen" in client.get("/blog/themas/").content.decode()

        oldest_first.refresh_from_db()
        oldest_first.unpublish()
        assert client.get("/blog/").context["articles"].paginator.num_pages == 1
        # The second page went with it, from the blog and from the theme.
        assert client.get("/blog/?page=2").status_code == 404
        assert client.get("/blog/thema/passend-onderwijs/?page=2").status_code == 404

    def test_a_theme_page_past_the_end_is_not_found_and_garbage_is_the_first_page(
        self, client, blog_index, passend
    ):
        ArticlePageFactory(parent=blog_index, themes=[passend])
        ArticlePageFactory(parent=blog_index)  # in the blog, not in the theme
        for _ in range(10):
            ArticlePageFactory(parent=blog_index, themes=[ThemeFactory()])

        assert client.get("/blog/?page=2").status_code == 200
        response = client.get("/blog/thema/passend-onderwijs/?page=2")
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()
        for garbage in ("abc", "-1", ""):
            response = client.get("/blog/thema/passend-onderwijs/", {"page": garbage})
            assert response.status_code == 200, garbage
            assert len(response.context["articles"]) == 1, garbage


class TestAuthorPage:
    def test_lists_the_live_articles_of_one_author(self, client, blog_index):
        author = AuthorFactory(name="Samira El Amrani", slug="samira-el-amrani", role="Gastauteur")
        mine = ArticlePageFactory(parent=blog_index, authors=[author])
        shared = ArticlePageFactory(parent=blog_index, authors=[AuthorFactory(), author])
        ArticlePageFactory(parent=blog_index)
        ArticlePageFactory(parent=blog_index, authors=[author], live=False)

        response = client.get("/blog/auteur/samira-el-amrani/")

        assert response.status_code == 200
        assert set(listed_titles(response)) == {mine.title, shared.title}
        html = response.content.decode()
        assert "<h1>Samira El Amrani</h1>" in html
        assert "Gastauteur" in html

    def test_an_author_page_past_the_end_is_not_found(self, client, blog_index):
        author = AuthorFactory(slug="samira-el-amrani")
        ArticlePageFactory(parent=blog_index, authors=[author])
        assert client.get("/blog/auteur/samira-el-amrani/?page=1").status_code == 200
        assert client.get("/blog/auteur/samira-el-amrani/?page=2").status_code == 404
        assert client.get("/blog/auteur/samira-el-amrani/?page=abc").status_code == 200


class TestDraftsNeverListed:
    def test_unpublished_and_private_articles_stay_out_of_every_list(
        self, client, home_page, blog_index, passend
    ):
        author = AuthorFactory(slug="auteur")
        visible = ArticlePageFactory(
            parent=blog_index, title="Zichtbaar", themes=[passend], authors=[author]
        )
        draft = ArticlePageFactory(
            parent=blog_index, title="Concept", themes=[passend], authors=[author], live=False
        )
        unpublished = ArticlePageFactory(
            parent=blog_index, title="Ingetrokken", themes=[passend], authors=[author]
        )
        unpublished.unpublish()
        private = ArticlePageFactory(
            parent=blog_index, title="Besloten", themes=[passend], authors=[author]
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        hidden = [draft.title, unpublished.title, private.title]

        for url in ["/", "/blog/", "/blog/thema/passend-onderwijs/", "/blog/auteur/auteur/"]:
            html = client.get(url).content.decode()
            assert visible.title in html, url
            for title in hidden:
                assert title not in html, (url, title)

        related_html = client.get(visible.url).content.decode()
        for title in hidden:
            assert title not in related_html
        assert client.get("/blog/themas/").context["themes"][0].article_count == 1


def count_queries(client, url, after_a_publish=True):
    """Queries for one request: with nothing remembered, as right after a
    publish, or (after_a_publish=False) with what an earlier request kept:
    the counts, rankings, site and route, and the pages' cards and pieces."""
    if after_a_publish:
        page_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


LIST_PAGES = [
    "/",
    "/blog/",
    "/blog/?page=2",
    "/blog/themas/",
    "/blog/thema/passend-onderwijs/",
    "/blog/auteur/auteur/",
    "/blog/feed/",
    "/zoeken/?q=alinea",
]


def queries_per_list_page():
    """{url: ((queries with 10 articles, with 100) right after a publish,
    (the same) once the page was shown)}: the same site for every list page,
    built once for the class."""
    blog_index = BlogIndexPageFactory(parent=make_site())
    client = Client()
    authors = [AuthorFactory(slug="auteur"), AuthorFactory()]
    themes = [ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs"), ThemeFactory()]
    # One shared hero image: renditions are made once, and each article still
    # loads its own copy, so a query per article would show.
    image = ImageFactory()

    def add(n):
        for _ in range(n):
            ArticlePageFactory(parent=blog_index, themes=themes, authors=authors, hero_image=image)

    def counts():
        found = {}
        for url in LIST_PAGES:
            client.get(url)  # warm up: renditions are created on first view
            found[url] = (count_queries(client, url), count_queries(client, url, False))
        return found

    add(11)  # a second page to list, with one article on it, and then ten
    with_10 = counts()
    add(89)
    with_100 = counts()
    return {
        url: tuple((with_10[url][state], with_100[url][state]) for state in (0, 1))
        for url in LIST_PAGES
    }


@pytest.fixture(scope="class")
def list_page_queries(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, queries_per_list_page) as counts:
        yield counts


@pytest.mark.xdist_group("list-page-queries")  # one worker builds the class's site
class TestConstantQueries:
    @pytest.mark.parametrize("url", LIST_PAGES)
    def test_list_pages_do_not_grow_with_the_number_of_articles(self, list_page_queries, url):
        (with_10, with_100), (shown_with_10, shown_with_100) = list_page_queries[url]
        assert with_10 == with_100
        assert shown_with_10 == shown_with_100
        # Right after a publish every card, count and ranking is worked out again.
        assert with_100 <= 13

    @pytest.mark.parametrize(
        ("url", "queries"),
        [
            # The home page's picks, the newest articles and the candidates among them.
            ("/", 3),
            # The articles of the page.
            ("/blog/", 1),
            ("/blog/?page=2", 1),
            # Nothing: the themes and their counts are remembered.
            ("/blog/themas/", 0),
            # The articles of the page: the themes and each theme's downloads are remembered.
            ("/blog/thema/passend-onderwijs/", 1),
            # The author (if credited on a live article) and the articles.
            ("/blog/auteur/auteur/", 2),
            # A feed is not kept in pieces: its items, their image renditions
            # (for the enclosure), authors, and themes (in two queries).
            ("/blog/feed/", 5),
            # The matching articles, their count and the matching downloads;
            # Wagtail's public() for each (which the search backend can apply)
            # reads the view restrictions first.
            ("/zoeken/?q=alinea", 6),
        ],
    )
    def test_list_pages_once_shown_query_only_what_they_list(
        self, list_page_queries, url, queries
    ):
        """The site, the route, view restrictions, the cards, the navigation
        and the sign-up form come from what an earlier page view kept."""
        _, (_, shown_with_100) = list_page_queries[url]
        assert shown_with_100 == queries


class TestArticlePageQueries:
    def test_article_page_does_not_grow_with_authors_themes_or_related(
        self, client, blog_index, passend
    ):
        image = ImageFactory()  # the hero of every article: each still loads its own copy

        def article_with(n):
            themes = [passend, *(ThemeFactory() for _ in range(n - 1))]
            authors = [AuthorFactory(photo=ImageFactory()) for _ in range(n)]
            for _ in range(n):
                ArticlePageFactory(
                    parent=blog_index, themes=themes, authors=authors, hero_image=image
                )
            return ArticlePageFactory(
                parent=blog_index, themes=themes, authors=authors, hero_image=image
            )

        small = article_with(1)
        large = article_with(3)
        for article in (small, large):
            client.get(article.url)  # warm up the renditions

        assert count_queries(client, small.url) == count_queries(client, large.url)
        # Includes the site-wide parts: the banner setting, the downloads link
        # in the navigation and the article's related downloads.
        assert count_queries(client, large.url) <= 18
        # Once shown: the article with its hero image, and which of its related
        # articles are live; the rest (the site, the route, its themes, authors
        # and downloads, the cards and pieces) is kept until the next publish.
        for article in (small, large):
            client.get(article.url)
            assert count_queries(client, article.url, after_a_publish=False) == 2
