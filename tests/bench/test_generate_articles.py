import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from blog.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_generates_live_articles_that_fit_the_page_tree(client, blog_index):
    call_command(
        "generate_articles", "25", "--themes", "5", "--authors", "3", stdout=io.StringIO()
    )

    articles = ArticlePage.objects.child_of(blog_index)
    assert articles.live().count() == 25
    assert Page.find_problems() == ([], [], [], [], [])
    article = articles.first()
    assert article.authors()
    assert 1 <= len(article.theme_list()) <= 3
    assert article.reading_time == article.compute_reading_time()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert len(client.get("/blog/").context["articles"]) == 10


def test_running_again_adds_more(blog_index):
    call_command("generate_articles", "5", stdout=io.StringIO())
    call_command("generate_articles", "5", stdout=io.StringIO())
    assert ArticlePage.objects.child_of(blog_index).count() == 10
    assert Page.find_problems() == ([], [], [], [], [])
