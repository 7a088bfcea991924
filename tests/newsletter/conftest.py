import re

import pytest
from django.utils import timezone

from newsletter.models import Subscriber
from tests.factories import ArticlePageFactory


def confirmed_subscriber(email):
    return Subscriber.objects.create(
        email=email,
        source=Subscriber.Source.FOOTER,
        consent_text="Ja",
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def publish_article(blog_index, django_capture_on_commit_callbacks):
    """Publish a new article as an editor does, running what waits for the commit
    (the mailing's task)."""

    def publish(**kwargs):
        article = ArticlePageFactory(parent=blog_index, live=False, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        article.refresh_from_db()
        return article

    return publish


def link_in(text, path):
    return re.search(rf"https?://[^\s\"<>]+{re.escape(path)}\?t=[^\s\"<>]+", text).group(0)
