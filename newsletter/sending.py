"""Sending a mailing (an article's, or a month's digest): a delivery per
subscriber whose choice it matches, sent in batches over one connection to
the mail server each.

A batch is claimed first (marked as being sent, in one transaction that
skips rows another worker holds), then each mail is marked sent as soon as
the server took it. So two workers never send the same delivery, and a
worker that stops mid-batch leaves only its unfinished deliveries, which are
free again once the claim lapses. When the mail server cannot be reached,
the batch goes back to the queue with a later time to try again.
"""

import logging
import smtplib
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext

from core.mail import describe, retry_delay, templated_email, worth_retrying
from core.site_url import site_url

from . import audience, digest
from .models import Delivery, Mailing, Subscriber
from .tokens import PREFERENCES, UNSUBSCRIBE

logger = logging.getLogger(__name__)

QUEUE_CHUNK = 1000
# A delivery the mail server did not take is tried again after 1, 2, 4, ... minutes,
# at most 6 hours apart (until settings.NEWSLETTER_MAX_ATTEMPTS).
RETRY_SECONDS = 60
RETRY_MAX_SECONDS = 6 * 60 * 60


def queue_deliveries(mailing):
    """A delivery for every confirmed subscriber whose choice the mailing
    matches (newsletter.audience), added a chunk at a time (never a list of
    all subscribers in memory). Run again, it adds only the missing ones: the
    unique constraint leaves the others as they are."""
    if mailing.queued_at or mailing.stopped_at:
        return
    subscriber_ids = (
        audience.recipients(mailing).order_by("pk").values_list("pk", flat=True).iterator()
    )
    while chunk := list(islice(subscriber_ids, QUEUE_CHUNK)):
        Delivery.objects.bulk_create(
            [Delivery(mailing=mailing, subscriber_id=pk) for pk in chunk],
            ignore_conflicts=True,
        )
    mailing.queued_at = timezone.now()
    mailing.save(update_fields=["queued_at"])


def send_due(mailing, max_batches=None):
    """Send the deliveries of the mailing that are due, batch by batch, at most
    `max_batches` of them. Stops early when the mail server cannot be reached.

    Returns what is left: "due" when deliveries are due now (the share was
    used up), else the time of the next attempt still waiting, or None when
    nothing is left to send.
    """
    cancel_unwanted(mailing)
    newsletter_mail = mail_of(mailing)
    if not newsletter_mail.has_news:
        mailing.stop()  # every article of a month's overview went offline since
        return None
    batches = 0
    while not stopped(mailing) and (batch := claim_batch(mailing)):
        batches += 1
        if not send_batch(batch, newsletter_mail):
            break
        if batches == max_batches:
            if due(mailing).exists():
                return "due"
            break
    return mailing.deliveries.filter(status=Delivery.Status.PENDING).aggregate(
        next_at=Min("next_attempt_at")
    )["next_at"]


def stopped(mailing):
    """Stopped by an editor, maybe while this run was sending (asked anew per batch)."""
    return Mailing.objects.filter(pk=mailing.pk).exclude(stopped_at=None).exists()


def due(mailing):
    return Delivery.objects.due().filter(
        mailing=mailing, subscriber__status=Subscriber.Status.CONFIRMED
    )


def cancel_unwanted(mailing):
    """Deliveries to someone who left (or was deleted) since the mailing was queued."""
    mailing.deliveries.filter(status=Delivery.Status.PENDING).filter(
        Q(subscriber__isnull=True) | ~Q(subscriber__status=Subscriber.Status.CONFIRMED)
    ).update(status=Delivery.Status.CANCELLED)


def claim_batch(mailing):
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            due(mailing)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.NEWSLETTER_BATCH_SIZE]
        )
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))


def send_batch(batch, newsletter_mail):
    """Send a claimed batch; False when the mail server could not be reached."""
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        postpone(batch, error)
        return False
    try:
        for position, delivery in enumerate(batch):
            try:
                newsletter_mail.message(delivery.subscriber, connection).send()
            except smtplib.SMTPSenderRefused as error:
                # Our own address refused: no mail of the batch would go.
                postpone(batch[position:], error)
                return False
            except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
                # The server answered: about this mail only (a refused address, say).
                refuse(delivery, error)
            except (OSError, smtplib.SMTPException) as error:
                # The connection broke: this mail and the rest of the batch wait.
                postpone(batch[position:], error)
                return False
            except Exception as error:
                # A fault of ours (a template, an image): this mail waits, and after
                # the last attempt it shows up as failed in the admin.
                logger.exception("Newsletter mail %s could not be made", delivery.pk)
                postpone([delivery], error)
            else:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
                )
    finally:
        try:
            connection.close()
        except Exception:  # a broken connection may fail to say goodbye
            logger.debug("Closing the mail connection failed", exc_info=True)
    return True


def refuse(delivery, error):
    """A refusal for good (5xx) fails the delivery; a temporary one (4xx) waits."""
    if worth_retrying(error):
        postpone([delivery], error)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, last_error=describe(error)
        )


def postpone(deliveries, error):
    """Back to the queue with a growing wait, or failed after the last attempt."""
    logger.warning("Newsletter mail not sent, to be tried again: %s", describe(error))
    now = timezone.now()
    for delivery in deliveries:
        if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
            changes = {"status": Delivery.Status.FAILED}
        else:
            changes = {
                "status": Delivery.Status.PENDING,
                "next_attempt_at": now
                + retry_delay(delivery.attempts, first=RETRY_SECONDS, longest=RETRY_MAX_SECONDS),
            }
        Delivery.objects.filter(pk=delivery.pk).update(last_error=describe(error), **changes)


def mail_of(mailing):
    return DigestMail(mailing) if mailing.is_digest else ArticleMail(mailing)


class NewsletterMail:
    """What every newsletter mail shares: the site's address, and per
    subscriber the links to their preferences and to unsubscribe (signed, by
    number), with the List-Unsubscribe headers."""

    template = None

    def __init__(self):
        self.root_url = site_url()
        self.domain = self.root_url.split("://", 1)[-1].split(":", 1)[0]
        self.context = {"site_url": self.root_url + "/"}

    def absolute(self, url):
        return url if "://" in url else self.root_url + url

    def signed_url(self, view_name, link, subscriber):
        return self.absolute(f"{reverse(view_name)}?{urlencode({'t': link.make(subscriber.pk)})}")

    def personal_context(self, subscriber):
        return {
            "unsubscribe_url": self.signed_url("newsletter:unsubscribe", UNSUBSCRIBE, subscriber),
            "preferences_url": self.signed_url("newsletter:preferences", PREFERENCES, subscriber),
        }

    def email(self, subscriber, context=None, **kwargs):
        personal = self.personal_context(subscriber)
        return templated_email(
            self.template,
            {**self.context, **(context or {}), **personal},
            to=[subscriber.email],
            headers={
                **list_headers(personal["unsubscribe_url"], self.domain),
                **kwargs.pop("headers", {}),
            },
            **kwargs,
        )


class MailingMail(NewsletterMail):
    """The mail of a mailing, the same for everyone but the personal links."""

    has_news = True

    def __init__(self, mailing):
        super().__init__()
        self.mailing = mailing

    def message(self, subscriber, connection):
        return self.email(
            subscriber,
            connection=connection,
            headers={
                # The same for every attempt: should a mail go out twice after
                # all (a worker stopped right after the server took it), mail
                # programs show it once.
                "Message-ID": f"<newsletter.{self.mailing.pk}.{subscriber.pk}@{self.domain}>",
            },
        )


class ArticleMail(MailingMail):
    """The mail about one article.

    What all mails share is worked out once per run; each mail renders its
    own copy of the templates. Without a mailing (the preview and the test
    mail in the admin) it is the mail of the article as last saved.
    """

    template = "newsletter/emails/new_article"

    def __init__(self, mailing: Mailing | None = None, *, article=None):
        super().__init__(mailing)
        article = article or mailing.page.specific
        image = article.hero_image
        rendition = image.get_rendition("fill-1200x630|format-jpeg") if image else None
        self.context.update(
            article=article,
            article_url=article.get_full_url(),
            image_url=self.absolute(rendition.url) if rendition else "",
            image_alt=article.hero_alt,
        )

    def preview_context(self):
        """What the preview in the admin shows: the mail as a subscriber gets
        it, with links to the newsletter page where the personal links go."""
        signup_url = self.absolute(reverse("newsletter:signup"))
        return {**self.context, "unsubscribe_url": signup_url, "preferences_url": signup_url}

    def test_message(self, email):
        """The mail as the subscribers will get it, to an editor, marked as a test."""
        message = templated_email(self.template, self.preview_context(), to=[email])
        with translation.override(settings.LANGUAGE_CODE):
            message.subject = gettext("[Test] %(subject)s") % {"subject": message.subject}
        return message


class DigestMail(MailingMail):
    """The monthly overview: each article of the month with its subtitle and link."""

    template = "newsletter/emails/digest"

    def __init__(self, mailing):
        super().__init__(mailing)
        self.context.update(
            month=mailing.month,
            articles=[
                {
                    "title": article.title,
                    "subtitle": getattr(article, "subtitle", ""),
                    "url": article.get_full_url(),
                }
                for article in digest.articles_of(mailing.month)
            ],
        )
        self.has_news = bool(self.context["articles"])


def welcome_message(subscriber):
    """The one mail a subscriber gets on confirming, saying what they chose,
    with the newsletter's links and headers (the template finds the blog's address)."""
    mail = NewsletterMail()
    mail.template = "newsletter/emails/welcome"
    return mail.email(
        subscriber,
        {
            "preference": subscriber.preference,
            "themes": [theme.name for theme in subscriber.themes.order_by("name")],
        },
    )


def preferences_link_message(subscriber):
    """A fresh link to their preferences, asked for on the page of an expired one."""
    mail = NewsletterMail()
    mail.template = "newsletter/emails/preferences_link"
    return mail.email(
        subscriber, {"link_days": settings.NEWSLETTER_PREFERENCES_MAX_AGE // (24 * 60 * 60)}
    )


def list_headers(unsubscribe_url, domain):
    """The headers of every newsletter mail that a subscriber gets."""
    return {
        # RFC 2369 and RFC 8058: mail clients offer a button that
        # unsubscribes with one POST to this address.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<nieuwsbrief.{domain}>",
    }
