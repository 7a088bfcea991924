"""The PostgreSQL search backend (search/backends.py): what it finds and in which order."""

import pytest
from django.db import connection
from wagtail.images import get_image_model

from tests.blog.factories import ArticlePageFactory, paragraph
from tests.images.factories import ImageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the backend is PostgreSQL's (SQLite: Wagtail's)"
    ),
]


def found_titles(client, q):
    return [article.title for article in client.get("/zoeken/", {"q": q}).context["results"]]


def test_title_matches_first_then_the_newest(client, blog_index):
    in_title = ArticlePageFactory(
        parent=blog_index, title="De schorsing van Sem", publication_date="2024-01-01"
    )
    older = ArticlePageFactory(
        parent=blog_index,
        title="Een lange week",
        publication_date="2024-03-01",
        body=[paragraph("Over de schorsing sprak ik met zijn ouders.")],
    )
    newer = ArticlePageFactory(
        parent=blog_index,
        title="Na de vakantie",
        publication_date="2024-06-01",
        body=[paragraph("De schorsing was voorbij; hij kwam terug.")],
    )
    ArticlePageFactory(parent=blog_index, title="Over iets anders")

    assert found_titles(client, "schorsing") == [in_title.title, newer.title, older.title]


def test_every_word_must_be_found(client, blog_index):
    both = ArticlePageFactory(
        parent=blog_index, body=[paragraph("De intern begeleider en de ouders praatten lang.")]
    )
    ArticlePageFactory(parent=blog_index, body=[paragraph("De ouders kwamen niet.")])

    assert found_titles(client, "ouders begeleider") == [both.title]


def test_other_models_search_as_before():
    image = ImageFactory(title="Schoolplein in de winter")
    ImageFactory(title="Gymzaal")

    assert list(get_image_model().objects.all().search("schoolplein")) == [image]


def test_pages_run_on_from_the_title_matches_into_the_rest(client, blog_index):
    def article(title, day, body="Over iets anders."):
        return ArticlePageFactory(
            parent=blog_index,
            title=title,
            publication_date=f"2024-01-{day:02d}",
            body=[paragraph(body)],
        )

    in_title = [article(f"Schorsing {day}", day) for day in (1, 2, 3)]
    in_body = [article(f"Verhaal {day}", day, "Toen volgde de schorsing.") for day in range(4, 13)]
    newest_first = [*reversed(in_title), *reversed(in_body)]

    first = client.get("/zoeken/", {"q": "schorsing"})
    second = client.get("/zoeken/", {"q": "schorsing", "page": 2})

    assert first.context["results"].paginator.count == 12
    listed = [a.title for a in first.context["results"]] + [
        a.title for a in second.context["results"]
    ]
    assert listed == [a.title for a in newest_first]


def test_scores_are_wagtails(blog_index):
    from blog.models import ArticlePage

    ArticlePageFactory(parent=blog_index, title="De schorsing")
    results = ArticlePage.objects.live().search("schorsing").annotate_score("score")
    assert [article.score > 0 for article in results] == [True]


def test_the_admin_page_search_counts_its_autocompleted_matches(editor, blog_index):
    ArticlePageFactory(parent=blog_index, title="De schorsing van Sem")
    response = editor.get("/admin/pages/search/", {"q": "schors"})
    assert response.status_code == 200
    assert "De schorsing van Sem" in response.content.decode()
