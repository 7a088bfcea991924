import pytest

from home.models import HomePageFeaturedArticle
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def featured_titles(response):
    return [article.title for article in response.context["featured_articles"]]


def test_shows_intro_themes_and_newsletter_call_to_action(client, blog_index):
    theme = ThemeFactory(name="Leiderschapsdilemma's", slug="leiderschapsdilemmas")
    ArticlePageFactory(parent=blog_index, themes=[theme])
    html = client.get("/").content.decode()
    assert "<h1>De Directeurskamer</h1>" in html
    assert "Een plek voor herkenning." in html
    assert 'href="/blog/thema/leiderschapsdilemmas/">Leiderschapsdilemma&#x27;s</a>' in html
    assert "Nieuwe blogs in je inbox" in html
    assert 'href="/blog/themas/"' in html


def test_falls_back_to_the_newest_articles(client, blog_index):
    articles = [ArticlePageFactory(parent=blog_index) for _ in range(5)]
    response = client.get("/")
    assert featured_titles(response) == [a.title for a in reversed(articles[-3:])]


def test_editor_picks_come_first_in_their_order_topped_up_with_the_newest(
    client, home_page, blog_index
):
    oldest, middle, _, newest = (ArticlePageFactory(parent=blog_index) for _ in range(4))
    draft = ArticlePageFactory(parent=blog_index, live=False)
    for position, article in enumerate([middle, draft, oldest]):
        HomePageFeaturedArticle.objects.create(
            page=home_page, article=article, sort_order=position
        )

    response = client.get("/")

    assert featured_titles(response) == [middle.title, oldest.title, newest.title]


def test_meta_description_falls_back_to_the_intro(client, home_page):
    html = client.get("/").content.decode()
    assert '<meta name="description" content="Een plek voor herkenning.">' in html
    home_page.search_description = "Het blog voor schoolleiders in het primair onderwijs."
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert (
        '<meta name="description" content="Het blog voor schoolleiders in het primair onderwijs.">'
        in html
    )
