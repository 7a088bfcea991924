"""A real SMTP round trip: Django's SMTP backend against a local aiosmtpd server."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Delivery, Mailing
from newsletter.tasks import send_mailing
from tests.blog.factories import ArticlePageFactory

from .conftest import confirmed_subscriber

pytestmark = pytest.mark.django_db

ADDRESSES = [f"lezer{number}@example.nl" for number in range(3)]


@pytest.fixture
def mailing(blog_index):
    for address in ADDRESSES:
        confirmed_subscriber(address)
    article = ArticlePageFactory(
        parent=blog_index, title="Een dilemma rond één kind", subtitle="Wie gaat voor?"
    )
    return Mailing.objects.create(page=article)


def received(server):
    return sorted(rcpt[0] for rcpt, _ in server.inbox.messages)


def test_every_subscriber_receives_one_multipart_mail(mail_server, mailing, settings):
    # Links start with the site's address, whatever the Wagtail Site's hostname says.
    settings.WAGTAILADMIN_BASE_URL = "https://www.directeurskamer.nl"
    mail_server.start()
    send_mailing.call(mailing.pk)

    assert received(mail_server) == ADDRESSES
    for recipients, message in mail_server.inbox.messages:
        assert message["To"] == recipients[0]
        assert message["Subject"] == "Een dilemma rond één kind"
        unsubscribe = str(message["List-Unsubscribe"]).strip()  # folded: it is long
        assert unsubscribe.startswith("<https://www.directeurskamer.nl/nieuwsbrief/afmelden/?t=")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Message-ID"].startswith(f"<newsletter.{mailing.pk}.")
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for part in (text, html):
            assert mailing.page.get_full_url() in part
            assert "https://www.directeurskamer.nl/blog/" in part
            assert "Wie gaat voor?" in part
        assert unsubscribe.strip("<>") in text
        assert unsubscribe.strip("<>") in html.replace("&amp;", "&")
    assert mailing.counts()["sent"] == 3


def test_a_mail_server_that_is_down_loses_nothing_and_sends_nothing_twice(mail_server, mailing):
    send_mailing.call(mailing.pk)  # nothing listens on the port

    deliveries = Delivery.objects.all()
    assert {d.status for d in deliveries} == {Delivery.Status.PENDING}
    assert {d.attempts for d in deliveries} == {1}
    assert all(d.next_attempt_at > timezone.now() for d in deliveries)
    assert all("ConnectionRefusedError" in d.last_error for d in deliveries)
    assert all("@" not in d.last_error for d in deliveries)

    # Before the retry time: a run leaves them waiting.
    mail_server.start()
    call_command("send_newsletter")
    assert mail_server.inbox.messages == []

    Delivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("send_newsletter")
    call_command("send_newsletter")
    assert received(mail_server) == ADDRESSES
    assert {d.status for d in Delivery.objects.all()} == {Delivery.Status.SENT}


def test_a_refused_address_fails_alone_and_can_be_retried(mail_server, mailing):
    mail_server.inbox.refused.add("lezer1@example.nl")
    mail_server.start()
    send_mailing.call(mailing.pk)

    assert received(mail_server) == ["lezer0@example.nl", "lezer2@example.nl"]
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "lezer1@example.nl"
    assert failed.last_error.startswith("550")

    mail_server.inbox.refused.clear()
    assert mailing.retry_failed() == 1
    send_mailing.call(mailing.pk)
    assert received(mail_server) == ADDRESSES


def test_a_refused_sender_address_stops_the_sending_without_failing_anyone(mail_server, mailing):
    mail_server.inbox.refuse_sender = True
    mail_server.start()
    send_mailing.call(mailing.pk)
    assert mail_server.inbox.messages == []
    assert mailing.counts()["pending"] == 3
    assert Delivery.objects.filter(last_error__startswith="553").count() == 3


def test_after_the_last_attempt_a_delivery_is_failed(mail_server, mailing, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    send_mailing.call(mailing.pk)
    Delivery.objects.update(next_attempt_at=timezone.now())
    send_mailing.call(mailing.pk)
    assert mailing.counts() == {
        "pending": 0,
        "sending": 0,
        "sent": 0,
        "failed": 3,
        "cancelled": 0,
    }


# The worker closes its database connection when it is done, as a process of
# its own would: so no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_production_worker_sends_after_an_outage_and_comes_back_by_itself(
    mail_server, mailing, settings
):
    """django-tasks-db's queue and `db_worker`, as in production."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_mailing.enqueue(mailing.pk)
    work = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    call_command(*work)  # the mail server is down
    assert mailing.counts()["pending"] == 3
    # The task queued itself again: for when the mails are due, and (in case
    # the worker had been stopped mid-batch) for when its claims have lapsed.
    retry_at = Delivery.objects.order_by("next_attempt_at")[0].next_attempt_at
    comebacks = DBTaskResult.objects.filter(status="READY").order_by("run_after")
    assert comebacks[0].run_after == retry_at
    assert comebacks[1].run_after > timezone.now() + datetime.timedelta(minutes=15)

    mail_server.start()
    earlier = timezone.now() - datetime.timedelta(seconds=1)
    Delivery.objects.update(next_attempt_at=earlier)
    DBTaskResult.objects.update(run_after=earlier)
    call_command(*work)
    assert received(mail_server) == ADDRESSES
    assert mailing.counts()["sent"] == 3
    # Only the safety run of that last share is left; it finds nothing to do,
    # and books nothing more.
    DBTaskResult.objects.filter(status="READY").update(run_after=earlier)
    call_command(*work)
    assert len(mail_server.inbox.messages) == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()
