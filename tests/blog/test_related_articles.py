import pytest

from blog.models import ArticlePage
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_most_shared_themes_first_then_newest_never_itself_or_drafts(blog_index):
    a, b, c = ThemeFactory(), ThemeFactory(), ThemeFactory()
    article = ArticlePageFactory(parent=blog_index, themes=[a, b, c])
    one_shared_old = ArticlePageFactory(parent=blog_index, themes=[a])
    three_shared = ArticlePageFactory(parent=blog_index, themes=[a, b, c])
    none_shared = ArticlePageFactory(parent=blog_index)
    two_shared = ArticlePageFactory(parent=blog_index, themes=[b, c])
    one_shared_new = ArticlePageFactory(parent=blog_index, themes=[c])
    ArticlePageFactory(parent=blog_index, themes=[a, b, c], live=False)

    related = list(article.related_articles())

    assert related == [three_shared, two_shared, one_shared_new]
    assert one_shared_old not in related
    assert none_shared not in related


def test_falls_back_to_the_newest_when_few_share_a_theme(blog_index):
    theme = ThemeFactory()
    article = ArticlePageFactory(parent=blog_index, themes=[theme])
    older = ArticlePageFactory(parent=blog_index)
    sharing = ArticlePageFactory(parent=blog_index, themes=[theme])
    newest = ArticlePageFactory(parent=blog_index)

    assert list(article.related_articles()) == [sharing, newest, older]


def test_shown_at_the_end_of_the_article(client, blog_index):
    theme = ThemeFactory()
    article = ArticlePageFactory(parent=blog_index, themes=[theme])
    other = ArticlePageFactory(parent=blog_index, title="Wachten op jeugdhulp", themes=[theme])
    html = client.get(article.url).content.decode()
    related_section = html.split('id="related-title"', 1)[1]
    assert "Lees verder" in html
    assert other.title in related_section
    assert f'href="{other.url}"' in related_section


def test_ranking_is_kept_until_something_is_published(blog_index, django_assert_num_queries):
    theme = ThemeFactory()
    article = ArticlePageFactory(parent=blog_index, themes=[theme])
    sharing = ArticlePageFactory(parent=blog_index, themes=[theme], with_hero_image=True)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.related_articles() == [sharing]

    # Ranked once: later calls only load the articles (their cards load the rest).
    article = ArticlePage.objects.get(pk=article.pk)
    with django_assert_num_queries(1):
        assert article.related_articles() == [sharing]

    newer = ArticlePageFactory(parent=blog_index, themes=[theme], live=False)
    newer.save_revision().publish()
    assert article.related_articles() == [newer, sharing]


def test_an_unpublished_article_leaves_a_cached_ranking_at_once(blog_index):
    theme = ThemeFactory()
    article = ArticlePageFactory(parent=blog_index, themes=[theme])
    withdrawn = ArticlePageFactory(parent=blog_index, themes=[theme])
    kept = ArticlePageFactory(parent=blog_index)
    assert article.related_articles() == [withdrawn, kept]

    # Straight in the database: no signal, so the ranking stays cached.
    ArticlePage.objects.filter(pk=withdrawn.pk).update(live=False)
    assert article.related_articles() == [kept]
