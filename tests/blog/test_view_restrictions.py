"""Private sections: the one-query check of view restrictions agrees with Wagtail's."""

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def assert_same_as_wagtail(page):
    ours = set(page.get_view_restrictions())
    wagtails = set(Page.get_view_restrictions(page))
    assert ours == wagtails
    return ours


def test_an_article_of_its_own_and_under_a_private_blog(client, home_page, blog_index):
    open_article = ArticlePageFactory(parent=blog_index, title="Openbaar")
    private_article = ArticlePageFactory(parent=blog_index, title="Besloten")
    own = restrict(private_article)

    assert assert_same_as_wagtail(open_article) == set()
    assert assert_same_as_wagtail(private_article) == {own}
    assert assert_same_as_wagtail(home_page) == set()
    assert client.get(open_article.url).status_code == 200
    assert 'name="password"' in client.get(private_article.url).content.decode()

    whole_blog = restrict(blog_index)
    assert assert_same_as_wagtail(open_article) == {whole_blog}
    assert assert_same_as_wagtail(private_article) == {own, whole_blog}
    assert 'name="password"' in client.get(open_article.url).content.decode()


def test_an_alias_follows_its_source_page(client, blog_index):
    source = ArticlePageFactory(parent=blog_index, title="Bron")
    alias = source.create_alias(update_slug="kopie")
    restriction = restrict(source)

    assert assert_same_as_wagtail(alias) == {restriction}
    assert 'name="password"' in client.get(alias.url).content.decode()
