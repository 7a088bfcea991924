"""A scheduled article is mailed when it goes live, not when it is scheduled.

Wagtail sends `page_published` at scheduling too (the page is not live then);
`publish_scheduled` makes it live later and sends the signal again.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from newsletter.models import Mailing
from tests.blog.factories import ArticlePageFactory

from .conftest import confirmed_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_article(blog_index, django_capture_on_commit_callbacks):
    confirmed_subscriber("lezer@example.nl")
    article = ArticlePageFactory(parent=blog_index, live=False, title="Morgen online")
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    return article


def go_live(article, django_capture_on_commit_callbacks):
    """The scheduled time has come (the revision's time moved into the past,
    as the clock would have), and the scheduler runs."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.objects.filter(object_id=str(article.pk)).exclude(
        approved_go_live_at=None
    ):
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()


def test_scheduling_mails_nobody(scheduled_article):
    assert not scheduled_article.live
    assert Revision.objects.exclude(approved_go_live_at=None).exists()
    assert mail.outbox == []
    assert Mailing.objects.count() == 0


def test_going_live_later_sends_one_mailing(scheduled_article, django_capture_on_commit_callbacks):
    go_live(scheduled_article, django_capture_on_commit_callbacks)
    assert scheduled_article.live
    assert Mailing.objects.filter(page=scheduled_article).count() == 1
    assert [m.to for m in mail.outbox] == [["lezer@example.nl"]]
    assert scheduled_article.get_full_url() in mail.outbox[0].body

    # The scheduler running again sends nothing more.
    go_live(scheduled_article, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_scheduled_article_left_out_of_the_newsletter_stays_out(
    blog_index, django_capture_on_commit_callbacks
):
    confirmed_subscriber("lezer@example.nl")
    article = ArticlePageFactory(parent=blog_index, live=False, send_to_subscribers=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    go_live(article, django_capture_on_commit_callbacks)
    assert article.live
    assert mail.outbox == []
