"""What runs every minute publishes the articles that are due, and only those."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from core.tasks import publish_scheduled_pages
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def scheduled(blog_index, title, go_live_at):
    article = ArticlePageFactory(parent=blog_index, title=title, live=False)
    article.go_live_at = go_live_at
    article.save_revision().publish()  # what "Publiceren" does with a later date
    article.refresh_from_db()
    assert not article.live
    return article


def test_the_task_publishes_a_due_article_and_leaves_a_later_one(client, blog_index):
    due = scheduled(blog_index, "Het gesprek van maandag", timezone.now() + timedelta(seconds=1))
    later = scheduled(
        blog_index, "Het gesprek van volgende week", timezone.now() + timedelta(days=7)
    )
    assert client.get("/blog/het-gesprek-van-maandag/").status_code == 404
    publish_scheduled_pages.enqueue()
    assert not ArticlePage.objects.get(pk=due.pk).live  # not due yet
    time.sleep(1.2)

    publish_scheduled_pages.enqueue()

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live
    assert not later.live
    assert client.get(due.url).status_code == 200
    assert "Het gesprek van maandag" in client.get("/blog/").content.decode()
    assert "Het gesprek van volgende week" not in client.get("/blog/").content.decode()
