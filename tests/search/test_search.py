import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.views import excerpt
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, paragraph
from tests.images.factories import ImageFactory
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def found_titles(response):
    return [article.title for article in response.context.get("results") or []]


def main_html(response):
    return response.content.decode().split("<main", 1)[1]


def search_queries(queries):
    """The SQL statements that went to the search index (SQLite FTS or PostgreSQL)."""
    return [q["sql"] for q in queries.captured_queries if "indexentry" in q["sql"].lower()]


class TestFindsLiveArticles:
    @pytest.mark.parametrize(
        "fields",
        [
            {"title": "Het gesprek met de inspectie"},
            {"subtitle": "Wat de inspectie vroeg en wat ik antwoordde."},
            {"body": [paragraph("Toen kwam de inspectie langs, onaangekondigd.")]},
        ],
        ids=["title", "subtitle", "body"],
    )
    def test_by_a_word_in_its_title_subtitle_or_body(self, client, blog_index, fields):
        article = ArticlePageFactory(parent=blog_index, **fields)
        ArticlePageFactory(parent=blog_index, title="Over iets anders")

        response = client.get("/zoeken/", {"q": "inspectie"})

        assert response.status_code == 200
        assert found_titles(response) == [article.title]
        assert f'href="{article.url}"' in main_html(response)

    def test_excerpt_marks_the_term_and_escapes_the_text(self, client, blog_index):
        ArticlePageFactory(
            parent=blog_index,
            body=[
                paragraph("Ouders &amp; leerkrachten spraken over &lt;b&gt;veiligheid&lt;/b&gt;."),
                paragraph("Daarna liep ik over het Schoolplein naar huis."),
            ],
        )

        html = main_html(client.get("/zoeken/", {"q": "schoolplein"}))

        excerpt_html = html.split('class="card__excerpt">', 1)[1].split("</p>", 1)[0]
        assert "<mark>Schoolplein</mark>" in excerpt_html
        assert "&amp; leerkrachten" in excerpt_html
        assert "&lt;b&gt;veiligheid&lt;/b&gt;." in excerpt_html
        # Paragraphs stay apart: "veiligheid. Daarna", not "veiligheid.Daarna".
        assert "/b&gt;. Daarna" in excerpt_html

    def test_never_finds_drafts_unpublished_or_private_articles(self, client, blog_index):
        visible = ArticlePageFactory(parent=blog_index, title="Zichtbaar verlof")
        ArticlePageFactory(parent=blog_index, title="Concept verlof", live=False)
        unpublished = ArticlePageFactory(parent=blog_index, title="Ingetrokken verlof")
        unpublished.unpublish()
        private = ArticlePageFactory(parent=blog_index, title="Besloten verlof")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        response = client.get("/zoeken/", {"q": "verlof"})

        assert found_titles(response) == [visible.title]
        html = main_html(response)
        for title in ["Concept verlof", "Ingetrokken verlof", "Besloten verlof"]:
            assert title not in html

    def test_query_count_does_not_grow_with_the_results(self, client, blog_index):
        image = ImageFactory()  # shared; each article still loads its own copy

        def add(n):
            for _ in range(n):
                ArticlePageFactory(
                    parent=blog_index,
                    subtitle="Over de begroting.",
                    authors=[AuthorFactory(), AuthorFactory()],
                    hero_image=image,
                )

        def count():
            client.get("/zoeken/", {"q": "begroting"})  # warm up: renditions on first view
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/zoeken/", {"q": "begroting"})
            assert len(response.context["results"]) == min(n_articles, 10)
            return len(queries)

        n_articles = 3
        add(n_articles)
        with_3 = count()
        n_articles = 10
        add(7)
        assert count() == with_3


class TestQueries:
    @pytest.mark.parametrize("q", ["", "   ", None])
    def test_empty_query_shows_only_the_form(self, client, blog_index, q):
        ArticlePageFactory(parent=blog_index)
        params = {} if q is None else {"q": q}

        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zoeken/", params)

        assert response.status_code == 200
        assert search_queries(queries) == []
        assert "results" not in response.context
        html = main_html(response)
        assert '<input type="search" id="search-query" name="q" value=""' in html
        assert 'maxlength="200"' in html
        assert '<label for="search-query">' in html
        assert 'class="card' not in html

    def test_too_long_query_is_refused_with_a_message(self, client, blog_index):
        ArticlePageFactory(parent=blog_index, title="Lang verhaal")

        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zoeken/", {"q": "verhaal " * 30})

        assert response.status_code == 200
        assert search_queries(queries) == []
        assert response.context["query_too_long"]
        html = main_html(response)
        assert 'id="search-message"' in html
        assert 'aria-invalid="true"' in html
        assert "Lang verhaal" not in html

    @pytest.mark.parametrize(("length", "is_run"), [(200, True), (201, False)])
    def test_the_limit_is_200_characters(self, client, blog_index, length, is_run):
        article = ArticlePageFactory(parent=blog_index, title="Lang verhaal")
        q = ("verhaal " * 24 + "verhaal").ljust(length, "!")

        response = client.get("/zoeken/", {"q": q})

        assert found_titles(response) == ([article.title] if is_run else [])
        assert bool(response.context.get("query_too_long")) is not is_run

    def test_nothing_found_links_to_the_themes(self, client, blog_index):
        ArticlePageFactory(parent=blog_index, title="Over de begroting")

        response = client.get("/zoeken/", {"q": "ruimtevaart"})

        assert response.status_code == 200
        assert found_titles(response) == []
        html = main_html(response)
        assert 'href="/blog/themas/"' in html
        assert "ruimtevaart" in html
        assert 'class="card' not in html

    @pytest.mark.parametrize(
        "q",
        [
            '"',
            '"passend onderwijs',
            "'; DROP TABLE blog_articlepage; --",
            "AND OR NOT",
            "NOT",
            "*",
            "school*",
            "%",
            "_%_",
            "\x00",
            "school\x00plein",
            "🏫 school 🙂",
            "<script>alert(1)</script>",
            '"><script>alert(1)</script>',
            "(school) NEAR(a b) title:school ^school -school +school",
            "\\",
            "ÄÖÜ é ø ß",
            "a" * 200,
        ],
    )
    def test_odd_input_never_fails_and_is_escaped(self, client, blog_index, q):
        ArticlePageFactory(parent=blog_index, title="Een school in de wijk")

        response = client.get("/zoeken/", {"q": q})

        assert response.status_code == 200
        html = main_html(response)
        assert "<script>" not in html
        if "<script>" in q:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class TestPagination:
    def test_ten_a_page_and_the_links_keep_the_query(self, client, blog_index):
        for i in range(12):
            ArticlePageFactory(parent=blog_index, title=f"Werkdruk in het team {i}")
        ArticlePageFactory(parent=blog_index, title="Over iets anders")

        first = client.get("/zoeken/", {"q": "werkdruk"})
        second = client.get("/zoeken/", {"q": "werkdruk", "page": "2"})

        assert len(first.context["results"]) == 10
        assert first.context["results"].paginator.count == 12
        assert 'rel="next" href="?q=werkdruk&amp;page=2"' in first.content.decode()
        assert len(second.context["results"]) == 2
        assert 'rel="prev" href="?q=werkdruk&amp;page=1"' in second.content.decode()
        assert len(set(found_titles(first) + found_titles(second))) == 12

    def test_the_query_is_encoded_in_the_links(self, client, blog_index):
        for i in range(11):
            ArticlePageFactory(parent=blog_index, title=f"Werkdruk & verlof {i}")

        html = client.get("/zoeken/", {"q": "werkdruk & verlof"}).content.decode()

        assert 'href="?q=werkdruk+%26+verlof&amp;page=2"' in html

    @pytest.mark.parametrize("page_number", ["abc", "", "1.5", "<script>", "0", "-1"])
    def test_garbage_page_parameters_give_the_first_page(self, client, blog_index, page_number):
        for i in range(11):
            ArticlePageFactory(parent=blog_index, title=f"Werkdruk in het team {i}")

        response = client.get("/zoeken/", {"q": "werkdruk", "page": page_number})

        assert response.status_code == 200
        assert response.context["results"].number == 1
        assert "<script>" not in main_html(response)

    @pytest.mark.parametrize("page_number", ["3", "999"])
    def test_a_page_past_the_end_is_not_found(self, client, blog_index, page_number):
        for i in range(11):
            ArticlePageFactory(parent=blog_index, title=f"Werkdruk in het team {i}")

        response = client.get("/zoeken/", {"q": "werkdruk", "page": page_number})

        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()
        assert client.get("/zoeken/", {"q": "werkdruk", "page": "2"}).status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL's text search"
)
def test_dutch_stemming_finds_school_for_scholen(client, blog_index):
    article = ArticlePageFactory(
        parent=blog_index,
        title="Een nieuw begin",
        subtitle="Over de eerste dag.",
        body=[paragraph("Die ochtend fietste ik naar de school aan de rand van het dorp.")],
    )
    ArticlePageFactory(parent=blog_index, title="Over de begroting")

    response = client.get("/zoeken/", {"q": "scholen"})

    assert found_titles(response) == [article.title]


def test_result_pages_ask_search_engines_not_to_index_them(client, blog_index):
    html = client.get("/zoeken/", {"q": "school"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html.split("</head>", 1)[0]


def test_the_site_header_links_to_search(client, blog_index):
    html = client.get("/blog/").content.decode()
    header = html.split("</header>", 1)[0]
    assert 'href="/zoeken/"' in header
    search_page = client.get("/zoeken/").content.decode()
    assert 'href="/zoeken/" aria-current="page"' in search_page


class TestExcerpt:
    def test_is_the_opening_when_nothing_matches(self):
        text = " ".join(f"woord{i}" for i in range(100))
        result = excerpt(text, ["scholen"], length=50)
        assert result.startswith("woord0 woord1")
        assert result.endswith(" …")
        assert "<mark>" not in result

    def test_centres_on_the_longest_term_with_context_before_it(self):
        text = "de " * 100 + "de schorsing van Noah " + "en " * 100
        result = excerpt(text, ["de", "schorsing"], length=60)
        assert result.startswith("… ")
        assert "<mark>de</mark> <mark>schorsing</mark> van Noah" in result
        assert len(result) < 200

    def test_marks_whole_words_only(self):
        result = excerpt("Het schoolplein van de school.", ["school"])
        assert str(result) == "Het schoolplein van de <mark>school</mark>."


def found_downloads(response):
    return [resource.title for resource in response.context.get("downloads") or []]


class TestFindsDownloads:
    @pytest.fixture
    def downloads(self, resource_index):
        questionnaire = ResourcePageFactory(
            parent=resource_index,
            title="Reflectievragenlijst intensieve zorgtrajecten",
            slug="reflectievragenlijst",
            kind="questionnaire",
            summary="Morele vragen voor teams rond een leerling die veel zorg nodig heeft.",
        )
        ebook = ResourcePageFactory(
            parent=resource_index,
            title="Even stilstaan bij wat ertoe doet",
            slug="e-book",
            kind="ebook",
            summary="Een gratis e-book met vijf werkvormen voor je team.",
            description=(
                "<p>Over <b>morele reflectie</b> in de teamkamer.</p><p>Ouders &amp; team.</p>"
            ),
        )
        return questionnaire, ebook

    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            # By its kind, although the word is only part of the title's.
            ("vragenlijst", ["Reflectievragenlijst intensieve zorgtrajecten"]),
            ("e-book", ["Even stilstaan bij wat ertoe doet"]),
            ("teamkamer", ["Even stilstaan bij wat ertoe doet"]),
        ],
    )
    def test_by_kind_title_summary_or_description(
        self, client, blog_index, downloads, q, expected
    ):
        ArticlePageFactory(parent=blog_index, title="Over de begroting")
        response = client.get("/zoeken/", {"q": q})
        assert found_downloads(response) == expected
        assert found_titles(response) == []
        if q == "teamkamer":
            assert "<mark>teamkamer</mark>. Ouders &amp; team." in main_html(response)
        html = main_html(response)
        assert "1 resultaat voor" in html
        assert "Niets gevonden" not in html

    def test_shows_the_kind_and_the_excerpt_in_the_card(self, client, blog_index, downloads):
        ArticlePageFactory(parent=blog_index, title="Een vragenlijst voor het team")
        html = main_html(client.get("/zoeken/", {"q": "vragenlijst"}))
        assert "2 resultaten voor" in html
        assert '<h2 id="found-downloads-title" class="section-title">Downloads</h2>' in html
        cards = re.findall(r'<article class="card[^"]*">.*?</article>', html, re.S)
        assert len(cards) == 2
        download, article = cards
        assert 'class="card card--resource"' in download
        assert '<p class="eyebrow">Vragenlijst</p>' in download
        assert "/downloads/reflectievragenlijst/" in download
        assert '<p class="card__excerpt">Morele vragen voor teams' in download
        assert "Een vragenlijst voor het team" in article
        assert 'class="card__excerpt">' in article
        # Each excerpt inside its card, none outside.
        assert html.count('class="card__excerpt"') == 2

    def test_never_finds_drafts_or_private_downloads(self, client, resource_index):
        ResourcePageFactory(parent=resource_index, title="Concept werkblad", live=False)
        private = ResourcePageFactory(parent=resource_index, title="Besloten werkblad")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        response = client.get("/zoeken/", {"q": "werkblad"})
        assert found_downloads(response) == []
        assert "Concept werkblad" not in main_html(response)
        assert "Besloten werkblad" not in main_html(response)

    def test_only_with_the_first_page_of_articles(self, client, blog_index, downloads):
        for i in range(11):
            ArticlePageFactory(parent=blog_index, title=f"Morele reflectie {i}")
        first = client.get("/zoeken/", {"q": "morele"})
        second = client.get("/zoeken/", {"q": "morele", "page": "2"})
        assert len(found_downloads(first)) == 2
        assert found_downloads(second) == []
        assert len(found_titles(second)) == 1

    def test_query_count_does_not_grow_with_articles_or_downloads(
        self, client, blog_index, resource_index, django_assert_max_num_queries
    ):
        image = ImageFactory()

        def add(n):
            for _ in range(n):
                ArticlePageFactory(
                    parent=blog_index,
                    subtitle="Over de begroting.",
                    authors=[AuthorFactory(), AuthorFactory()],
                    hero_image=image,
                )
                ResourcePageFactory(
                    parent=resource_index, summary="Een begroting voor je team.", cover_image=image
                )

        def count():
            client.get("/zoeken/", {"q": "begroting"})  # warm up: renditions on first view
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/zoeken/", {"q": "begroting"})
            assert response.context["downloads"]
            return len(queries)

        add(1)
        with_one = count()
        add(9)
        client.get("/zoeken/", {"q": "begroting"})  # warm up again: the site's parts were renewed
        with django_assert_max_num_queries(with_one):
            response = client.get("/zoeken/", {"q": "begroting"})
        assert len(response.context["results"]) == 10
        assert len(response.context["downloads"]) == 4
