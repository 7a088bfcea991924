"""The sign-up form in the footer, under each article and on the home page,
on pages the page cache keeps."""

import re

import pytest
from django.test import Client

from newsletter.models import Subscriber
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def form_ids(html):
    return re.findall(r'id="(newsletter-[a-z]+-email)"', html)


def test_the_form_is_under_the_article_instead_of_in_the_footer(client, blog_index):
    article = ArticlePageFactory(parent=blog_index)
    html = client.get(article.url).content.decode()
    assert form_ids(html) == ["newsletter-article-email"]
    assert html.count('action="/nieuwsbrief/#signup-errors"') == 1
    assert 'name="source" value="article"' in html
    assert form_ids(client.get("/blog/").content.decode()) == ["newsletter-footer-email"]


def test_the_home_page_has_its_own_form(client, home_page):
    home_page.newsletter_heading = "Blijf op de hoogte"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert form_ids(html) == ["newsletter-home-email"]


def test_pages_with_the_form_stay_in_the_page_cache(client, blog_index, settings):
    settings.PAGE_CACHE = True
    article = ArticlePageFactory(parent=blog_index)
    first = client.get(article.url)
    assert "csrftoken" not in first.cookies
    assert first["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"


class TestCsrf:
    def test_the_token_is_fetched_before_sending(self, home_page):
        client = Client(enforce_csrf_checks=True)
        response = client.get("/nieuwsbrief/formuliercode/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        token = response.json()["token"]
        sent = client.post(
            "/nieuwsbrief/",
            {"email": "a@example.nl", "consent": "on", "csrfmiddlewaretoken": token},
        )
        assert sent.status_code == 302
        assert Subscriber.objects.count() == 1

    def test_without_a_token_the_form_comes_back_filled_in(self, home_page):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/nieuwsbrief/", {"email": "a@example.nl", "consent": "on", "source": "article"}
        )
        assert response.status_code == 403
        html = response.content.decode()
        assert "nog niet verstuurd" in html
        assert 'value="a@example.nl"' in html
        assert 'name="source" value="article"' in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert Subscriber.objects.count() == 0

        resent = client.post(
            "/nieuwsbrief/",
            {"email": "a@example.nl", "consent": "on", "csrfmiddlewaretoken": token},
        )
        assert resent.status_code == 302
        assert Subscriber.objects.count() == 1

    def test_other_forms_get_a_plain_dutch_page(self, home_page):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/nieuwsbrief/bevestigen/?t=x")
        assert response.status_code == 403
        assert "Je formulier is niet verstuurd" in response.content.decode()


def test_the_signup_page_has_one_form_with_a_token(client, home_page):
    html = client.get("/nieuwsbrief/").content.decode()
    assert form_ids(html) == ["id_email"] or 'name="csrfmiddlewaretoken" value=""' not in html
    assert html.count('name="email"') == 1
