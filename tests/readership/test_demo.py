"""The demo's reading figures: ten believable weeks per article, the same every
time, loaded once."""

import datetime

import pytest

from readership.demo import DAYS, load_reading_figures
from readership.models import ArticleTally
from tests.blog.factories import ArticlePageFactory

from .factories import ArticleTallyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)  # a Monday


@pytest.fixture
def articles(blog_index):
    return [ArticlePageFactory(parent=blog_index, slug=f"artikel-{number}") for number in range(3)]


def stored():
    return sorted(
        ArticleTally.objects.values_list(
            "article__slug", "day", "views", "reads_to_end", "downloads", "stories", "signups"
        )
    )


def test_ten_weeks_up_to_yesterday_for_each_article(articles):
    assert load_reading_figures(articles, today=TODAY) == 3 * DAYS
    for article in articles:
        days = sorted(ArticleTally.objects.filter(article=article).values_list("day", flat=True))
        assert days[0] == TODAY - datetime.timedelta(days=DAYS)
        assert days[-1] == TODAY - datetime.timedelta(days=1)
        assert len(days) == DAYS


def test_believable_figures(articles):
    load_reading_figures(articles, today=TODAY)
    tallies = ArticleTally.objects.all()
    assert all(tally.views > 0 for tally in tallies)
    assert all(tally.reads_to_end < tally.views for tally in tallies)
    totals = tallies.totals()
    assert 0.35 < totals["reads_to_end"] / totals["views"] < 0.65
    assert 0 < totals["stories"] < totals["signups"] < totals["downloads"] < totals["views"] / 10
    weekdays = [t.views for t in tallies if t.day.weekday() < 5]
    saturdays = [t.views for t in tallies if t.day.weekday() == 5]
    assert sum(saturdays) / len(saturdays) < sum(weekdays) / len(weekdays) * 0.7
    # The newest article is read most.
    newest = max(articles, key=lambda article: article.publication_date)
    per_article = list(tallies.per_article())
    assert per_article[0]["article_id"] == newest.pk


def test_the_same_figures_every_time(articles):
    load_reading_figures(articles, today=TODAY)
    first = stored()
    ArticleTally.objects.all().delete()
    load_reading_figures(articles, today=TODAY)
    assert stored() == first


def test_loading_again_changes_nothing_not_even_a_day_later(articles):
    load_reading_figures(articles, today=TODAY)
    first = stored()
    assert load_reading_figures(articles, today=TODAY) == 0
    assert load_reading_figures(articles, today=TODAY + datetime.timedelta(days=1)) == 0
    assert stored() == first


def test_an_article_with_real_figures_keeps_them(articles):
    read, *others = articles
    ArticleTallyFactory(article=read, day=TODAY - datetime.timedelta(days=3), views=2)
    assert load_reading_figures(articles, today=TODAY) == 2 * DAYS
    assert list(ArticleTally.objects.filter(article=read).values_list("views", flat=True)) == [2]
