"""New articles to the subscribers: once per article, once per subscriber."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone
from django_tasks import task_backends
from wagtail.models import PageViewRestriction

from newsletter import sending, tasks
from newsletter.models import Delivery, Mailing, Subscriber
from newsletter.tasks import send_mailing
from tests.blog.factories import ArticlePageFactory

from .conftest import confirmed_subscriber, link_in

pytestmark = pytest.mark.django_db


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_signup_confirm_receive_unsubscribe_receive_nothing(client, publish_article):
    client.post("/nieuwsbrief/", {"email": "lezer@example.nl", "consent": "on"})
    client.post(link_in(mail.outbox[0].body, "/nieuwsbrief/bevestigen/"))
    mail.outbox.clear()

    article = publish_article(
        title="Kiezen tussen kinderen", subtitle="Over passend onderwijs", with_hero_image=True
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lezer@example.nl"]
    assert message.subject == "Kiezen tussen kinderen"
    assert "Over passend onderwijs" in message.body
    assert article.get_full_url() in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert article.get_full_url() in html
    # The hero image, with its text.
    assert 'alt="' in html
    assert "/media/" in html
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail client's one-click POST, without cookies or CSRF token.
    unsubscribe = Client(enforce_csrf_checks=True).post(
        header.strip("<>"), {"List-Unsubscribe": "One-Click"}
    )
    assert unsubscribe.status_code == 200
    mail.outbox.clear()
    publish_article(title="Het volgende artikel")
    assert mail.outbox == []


def test_the_subject_is_the_title_as_written(publish_article):
    confirmed_subscriber("lezer@example.nl")
    publish_article(title="Ouders & school: <samen> verder")
    assert mail.outbox[0].subject == "Ouders & school: <samen> verder"
    assert "Ouders &amp; school: &lt;samen&gt; verder" in mail.outbox[0].alternatives[0][0]


def test_publishing_the_article_again_sends_nothing(publish_article):
    confirmed_subscriber("lezer@example.nl")
    article = publish_article()
    assert len(mail.outbox) == 1
    article.title = "Een betere titel"
    article.save_revision().publish()
    article.unpublish()
    article.save_revision().publish()
    assert len(mail.outbox) == 1
    assert Mailing.objects.count() == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_only_confirmed_subscribers_get_mail(publish_article):
    confirmed_subscriber("ja@example.nl")
    Subscriber.objects.create(email="wacht@example.nl", source="footer")
    gone = confirmed_subscriber("weg@example.nl")
    gone.unsubscribe()
    publish_article()
    assert [message.to for message in mail.outbox] == [["ja@example.nl"]]


def test_an_editor_can_leave_an_article_out(publish_article):
    confirmed_subscriber("lezer@example.nl")
    publish_article(send_to_subscribers=False)
    assert mail.outbox == []
    assert Mailing.objects.count() == 0


def test_a_private_article_is_not_mailed(blog_index, django_capture_on_commit_callbacks):
    confirmed_subscriber("lezer@example.nl")
    article = ArticlePageFactory(parent=blog_index, live=False)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert mail.outbox == []


def test_nothing_is_mailed_while_nobody_is_subscribed(publish_article):
    publish_article()
    assert Mailing.objects.count() == 0


class TestExactlyOnce:
    def test_the_database_refuses_a_second_delivery(self, publish_article):
        subscriber = confirmed_subscriber("lezer@example.nl")
        mailing = Mailing.objects.get(page=publish_article())
        with pytest.raises(IntegrityError):
            Delivery.objects.create(mailing=mailing, subscriber=subscriber)

    def test_a_run_that_stopped_halfway_resumes_without_doubles(self, blog_index):
        for number in range(5):
            confirmed_subscriber(f"lezer{number}@example.nl")
        mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
        sending.queue_deliveries(mailing)
        # The first worker sent two, and stopped while it held a third.
        first, second, third = Delivery.objects.order_by("pk")[:3]
        Delivery.objects.filter(pk__in=[first.pk, second.pk]).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
        Delivery.objects.filter(pk=third.pk).update(
            status=Delivery.Status.SENDING,
            claimed_at=timezone.now() - datetime.timedelta(hours=1),
            attempts=1,
        )
        mailing.queued_at = None  # it stopped before it noted that all were queued
        mailing.save()

        send_mailing.call(mailing.pk)
        send_mailing.call(mailing.pk)

        assert sorted(m.to[0] for m in mail.outbox) == [
            "lezer2@example.nl",
            "lezer3@example.nl",
            "lezer4@example.nl",
        ]
        assert Delivery.objects.count() == 5
        assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}

    def test_a_fresh_claim_of_another_worker_is_left_alone(self, blog_index):
        confirmed_subscriber("lezer@example.nl")
        mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
        sending.queue_deliveries(mailing)
        Delivery.objects.update(status=Delivery.Status.SENDING, claimed_at=timezone.now())
        send_mailing.call(mailing.pk)
        assert mail.outbox == []

    def test_queueing_twice_adds_nothing(self, blog_index):
        for number in range(3):
            confirmed_subscriber(f"lezer{number}@example.nl")
        mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
        sending.queue_deliveries(mailing)
        mailing.queued_at = None
        sending.queue_deliveries(mailing)
        assert Delivery.objects.count() == 3

    def test_someone_who_leaves_before_their_turn_gets_nothing(self, blog_index):
        stays = confirmed_subscriber("blijft@example.nl")
        leaves = confirmed_subscriber("gaat@example.nl")
        deleted = confirmed_subscriber("gewist@example.nl")
        mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
        sending.queue_deliveries(mailing)
        Subscriber.objects.filter(pk=leaves.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
        deleted.delete()
        send_mailing.call(mailing.pk)
        assert [m.to for m in mail.outbox] == [[stays.email]]
        assert mailing.counts()["cancelled"] == 2


def test_a_mail_that_cannot_be_made_waits_and_the_others_go(blog_index, monkeypatch):
    for number in range(3):
        confirmed_subscriber(f"lezer{number}@example.nl")
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    make_message = sending.ArticleMail.message

    def broken_for_one(self, subscriber, connection):
        if subscriber.email == "lezer1@example.nl":
            raise ValueError("a broken template")
        return make_message(self, subscriber, connection)

    monkeypatch.setattr(sending.ArticleMail, "message", broken_for_one)
    send_mailing.call(mailing.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["lezer0@example.nl", "lezer2@example.nl"]
    waiting = Delivery.objects.get(status=Delivery.Status.PENDING)
    assert waiting.last_error == "ValueError: a broken template"
    assert waiting.next_attempt_at > timezone.now()


def test_a_long_list_goes_out_in_shares_each_a_task_of_its_own(blog_index, settings, monkeypatch):
    settings.NEWSLETTER_BATCH_SIZE = 2
    monkeypatch.setattr(tasks, "BATCHES_PER_TASK", 2)
    for number in range(9):
        confirmed_subscriber(f"lezer{number}@example.nl")
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    # A backend that keeps what is queued, to run it by hand, share by share.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    send_mailing.enqueue(mailing.pk)
    sent_before_each_share = []
    while now := [result for result in backend.results if result.task.run_after is None]:
        backend.clear()
        sent_before_each_share.append(len(mail.outbox))
        send_mailing.call(*now[0].args)
    assert sent_before_each_share == [0, 4, 8]
    assert len(mail.outbox) == 9
