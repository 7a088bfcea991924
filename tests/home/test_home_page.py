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
    # The site's name is the page's one heading, in the header: not a second time below it.
    assert html.count("<h1") == 1
    assert '<h1 class="site-header__heading"><a class="site-header__brand" href="/">' in html
    assert "Een plek voor herkenning." in html
    assert 'href="/blog/thema/leiderschapsdilemmas/">Leiderschapsdilemma&#x27;s</a>' in html
    assert "Nieuwe artikelen in je inbox" in html
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


def test_the_title_names_the_site_once(client, home_page):
    assert "<title>De Directeurskamer</title>" in client.get("/").content.decode()
    home_page.seo_title = "Praktische ethiek voor schoolleiders"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "<title>Praktische ethiek voor schoolleiders | De Directeurskamer</title>" in html


def test_one_sign_up_form_the_call_to_action(client, home_page):
    html = client.get("/").content.decode()
    assert html.count('class="newsletter-form"') == 1
    assert 'id="newsletter-home-email"' in html

    # Without a call to action of its own, the home page keeps the footer's.
    home_page.newsletter_heading = ""
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.count('class="newsletter-form"') == 1
    assert 'id="newsletter-footer-email"' in html
