"""The pages for faults and refused requests: Dutch, plain, and without the database."""

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client

from core.errors import server_error

PAGES = {
    "400.html": "Verzoek niet begrepen",
    "413.html": "Te groot om te versturen",
    "500.html": "Er ging iets mis",
    "503.html": "Tijdelijk niet beschikbaar",
}


@pytest.mark.parametrize("template", PAGES)
@pytest.mark.parametrize("sent", [False, True])
def test_each_page_is_dutch_plain_and_needs_no_database(template, sent):
    # No django_db mark: a query would raise here.
    page = render_to_string(template, {"sent": sent})
    assert f"<h1>{PAGES[template]}</h1>" in page
    assert '<html lang="nl">' in page
    assert '<main id="main">' in page
    assert '<meta name="robots" content="noindex">' in page
    # Nothing the Content-Security-Policy would block: no inline style or script.
    for inline in ("<style", "<script", " style="):
        assert inline not in page


def page_for(request, fault):
    """What Django answers for a fault: it calls the handler inside the `except`."""
    try:
        raise fault
    except Exception:
        return server_error(request)


def test_an_unexpected_fault_gives_the_dutch_500_page(rf):
    response = page_for(rf.get("/blog/"), KeyError("not a database fault"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "Retry-After" not in response
    assert "KeyError" not in response.content.decode()


def test_a_database_fault_gives_the_503_page_with_retry_after(rf, settings):
    settings.DATABASE_RETRY_AFTER = 120
    response = page_for(rf.post("/deel-je-verhaal/"), OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "Wat je verstuurde, is niet opgeslagen" in response.content.decode()


@pytest.mark.django_db
def test_a_malformed_request_gets_the_dutch_400_page(home_page):
    response = Client().get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()


@pytest.mark.django_db
def test_page_not_found_offers_a_search_and_the_newest_articles(
    client, blog_index, django_assert_max_num_queries
):
    from wagtail.models import PageViewRestriction

    from tests.blog.factories import ArticlePageFactory

    older, *newest = (ArticlePageFactory(parent=blog_index) for _ in range(4))
    ArticlePageFactory(parent=blog_index, title="Nog een concept", live=False)
    private = ArticlePageFactory(parent=blog_index, title="Alleen voor het team")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    with django_assert_max_num_queries(12):
        response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<form class="search-form" role="search" method="get" action="/zoeken/">' in html
    assert '<label for="not-found-search">Zoek in artikelen en downloads</label>' in html
    assert 'id="not-found-search" name="q"' in html
    assert '<h2 id="newest-title">De nieuwste artikelen</h2>' in html
    listed = list(reversed(newest))
    positions = [html.index(f'<a href="{a.url}">{a.title}</a>') for a in listed]
    assert positions == sorted(positions)
    for absent in (older.title, "Nog een concept", "Alleen voor het team"):
        assert absent not in html


@pytest.mark.django_db
def test_page_not_found_without_a_blog_still_offers_the_search(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="search"' in html
    assert "De nieuwste artikelen" not in html
