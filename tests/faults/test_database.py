"""PostgreSQL out of reach: a static Dutch 503, nothing half-stored, and recovery by itself."""

import pytest

from contributions.models import Story
from newsletter.models import Subscriber
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)

STORY = {
    "sentence": "Ik moest kiezen tussen een leerling die vastliep en een team dat opbrandde.",
    "name": "Ineke",
    "email": "ineke@deregenboog.nl",
    "consent": "on",
}


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    page = response.body.decode()
    assert "<h1>Tijdelijk niet beschikbaar</h1>" in page
    assert 'lang="nl"' in page
    for leak in ("Traceback", "OperationalError", "psycopg", "127.0.0.1"):
        assert leak not in page
    return page


def test_readers_get_a_503_page_while_the_database_is_down_and_pages_once_it_is_back(
    database, blog_index, visitor
):
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert visitor.get(article.url).status_code == 200  # its connection is kept open

    database.stop()
    for url in (article.url, "/", blog_index.url, "/zoeken/?q=jeugdhulp", "/deel-je-verhaal/"):
        page = assert_unavailable(visitor.get(url))
        assert "Probeer het over een paar minuten opnieuw" in page

    database.start()
    response = visitor.get(article.url)
    assert response.status_code == 200
    assert "Wachten op jeugdhulp" in response.body.decode()


def test_a_form_sent_while_the_database_is_down_is_refused_out_loud(database, home_page, visitor):
    token = visitor.csrf_token("/deel-je-verhaal/")
    signup_token = visitor.csrf_token("/nieuwsbrief/")

    database.stop()
    story = {**STORY, "csrfmiddlewaretoken": token}
    page = assert_unavailable(visitor.post("/deel-je-verhaal/", story))
    assert "Wat je verstuurde, is niet opgeslagen" in page
    signup = {
        "email": "ineke@deregenboog.nl",
        "consent": "on",
        "csrfmiddlewaretoken": signup_token,
    }
    assert_unavailable(visitor.post("/nieuwsbrief/", signup))

    database.start()
    assert Story.objects.count() == 0
    assert not Subscriber.objects.exists()
    # Sent again, as the page asks: stored once.
    assert visitor.post("/deel-je-verhaal/", story).status_code == 302
    assert visitor.post("/nieuwsbrief/", signup).status_code == 302
    assert Story.objects.get().sentence == STORY["sentence"]
    assert Subscriber.objects.get().email == "ineke@deregenboog.nl"


def test_cached_pages_are_still_served_while_the_database_is_down(
    database, blog_index, visitor, settings
):
    settings.PAGE_CACHE = True
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert visitor.get(article.url)["X-Page-Cache"] == "miss"

    database.stop()
    response = visitor.get(article.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert_unavailable(visitor.get(blog_index.url))  # not in the cache yet


def test_a_database_that_hangs_gives_the_503_page_once_connecting_times_out(
    database, blog_index, visitor, monkeypatch
):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "connect_timeout", 1)
    article = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp")
    assert visitor.get(article.url).status_code == 200

    database.hang()
    assert_unavailable(visitor.get(article.url))
    assert database.held == 1

    database.start()
    assert visitor.get(article.url).status_code == 200
