"""Background work of the newsletter, through django-tasks: in production the
database backend and its `db_worker`, in development and tests at once."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.http import urlencode
from django_tasks import default_task_backend, task

from core.mail import send_or_retry, templated_email

from . import digest, sending
from .models import CLAIM_SECONDS, Mailing, Subscriber
from .tokens import CONFIRM

# Batches per task: a mailing is sent in shares, each a task of its own.
BATCHES_PER_TASK = 10


@task()
def send_confirmation(subscriber_id, confirm_url, attempt=1):
    """Mail the link that confirms a signup.

    The signed token is made here, so that the queue holds no working link.
    When the mail cannot go out, it is tried again later (core.mail); failing
    that, the next signup with the address sends it at once.
    """
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return  # confirmed, left or deleted in the meantime
    context = {
        "confirm_url": f"{confirm_url}?{urlencode({'t': CONFIRM.make(subscriber.pk)})}",
        "link_days": settings.NEWSLETTER_CONFIRMATION_MAX_AGE // (24 * 60 * 60),
    }
    message = templated_email("newsletter/emails/confirm", context, to=[subscriber.email])

    def give_up():  # so that the next signup with the address sends it at once
        Subscriber.objects.filter(pk=subscriber_id).update(confirmation_sent_at=None)

    send_or_retry(
        message, send_confirmation, subscriber_id, confirm_url, attempt=attempt, give_up=give_up
    )


@task()
def send_welcome(subscriber_id, attempt=1):
    """Welcome a subscriber who just confirmed (once: see Subscriber.confirm)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.CONFIRMED
    ).first()
    if subscriber is None:
        return  # left or deleted in the meantime
    message = sending.welcome_message(subscriber)
    send_or_retry(message, send_welcome, subscriber_id, attempt=attempt)


@task()
def send_preferences_link(subscriber_id, attempt=1):
    """A fresh link to a subscriber's preferences, asked for with an expired
    one: to their own address, never to one typed in."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.CONFIRMED
    ).first()
    if subscriber is None:
        return  # left or deleted in the meantime
    message = sending.preferences_link_message(subscriber)
    send_or_retry(message, send_preferences_link, subscriber_id, attempt=attempt)


def queue_monthly_digest(today=None):
    """Make the digest of the month before `today` and queue its sending,
    unless it exists already (newsletter.digest.start): the mailing, or None."""
    mailing, created = digest.start(today)
    if created:
        transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))
    return mailing


@task()
def send_monthly_digest():
    """The monthly overview, for a scheduler that queues tasks; the same as
    `manage.py send_monthly_digest`. Running it again sends nothing twice."""
    mailing = queue_monthly_digest()
    return mailing.pk if mailing else None


@task()
def send_mailing(mailing_id):
    """Queue the mailing of an article or a digest and send a share of it: at most
    BATCHES_PER_TASK batches, then the next share is a task of its
    own, so that a worker stopped mid-mailing (a deploy) loses at most one share.

    Where the backend can wait, each share first books a later run: should
    this one be cut short, that run sends what it held once its claims lapse.
    Mails that wait for a retry get a run at their time. (Without such a
    backend, `manage.py send_newsletter` picks them up.)
    """
    mailing = Mailing.objects.select_related("page").filter(pk=mailing_id).first()
    if mailing is None or mailing.stopped_at:
        return  # deleted with its article, or stopped by an editor
    sending.queue_deliveries(mailing)
    can_wait = default_task_backend.supports_defer
    if can_wait and sending.due(mailing).exists():
        lapsed = timezone.now() + datetime.timedelta(seconds=CLAIM_SECONDS + 60)
        send_mailing.using(run_after=lapsed).enqueue(mailing_id)
    left = sending.send_due(mailing, max_batches=BATCHES_PER_TASK)
    if left == "due":
        send_mailing.enqueue(mailing_id)
    elif left is not None and can_wait:
        send_mailing.using(run_after=max(left, timezone.now())).enqueue(mailing_id)
