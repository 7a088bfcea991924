"""Subscribers, the mailing of each new article and of each monthly digest,
and one delivery per subscriber.

A subscriber gets mail only once confirmed (double opt-in), and only what
they chose: every new article, the articles on their chosen themes, or a
digest once a month. Each article, and each month's digest, is mailed at
most once per subscriber: the delivery record is unique per mailing and
subscriber, and a month has one digest mailing at most, so a repeated,
concurrent or crashed run resumes without sending twice.
"""

import datetime

from django.contrib import admin
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Shown in the admin instead of an address the reader took along when leaving.
DELETED_EMAIL = _("(deleted on unsubscribing)")
# Signing up again with an address still unconfirmed sends a new mail at most this often.
CONFIRMATION_RESEND_SECONDS = 60 * 60
# A worker that stopped mid-batch: its unfinished deliveries are free again after this.
CLAIM_SECONDS = 15 * 60


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def with_email(self, email):
        # In the terms of the unique index on LOWER(email), so that it is used.
        return (
            self.exclude(email="")
            .alias(email_lower=Lower("email"))
            .filter(email_lower=email.strip().lower())
        )

    def for_article(self, theme_ids):
        """Those who want a new article with these themes: every new article,
        or a theme of it among theirs. One who chose themes that have all been
        deleted since gets every article until they choose again (better some
        mail than silently none; the preferences page tells them)."""
        chosen = Subscriber.themes.through.objects.filter(subscriber_id=OuterRef("pk"))
        wants_themes = ~Exists(chosen)
        if theme_ids:
            wants_themes |= Exists(chosen.filter(theme_id__in=theme_ids))
        return self.filter(
            Q(preference=Subscriber.Preference.EVERY_ARTICLE)
            | Q(preference=Subscriber.Preference.THEMES) & wants_themes
        )

    def for_digest(self):
        return self.filter(preference=Subscriber.Preference.DIGEST)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FOOTER = "footer", _("Footer")
        ARTICLE = "article", _("End of an article")
        HOME = "home", _("Home page")
        SIGNUP_PAGE = "page", _("Newsletter page")
        DOWNLOAD = "download", _("Download form")

    class Preference(models.TextChoices):
        EVERY_ARTICLE = "every", _("Every new article")
        THEMES = "themes", _("Only articles on the themes I choose")
        DIGEST = "digest", _("A monthly overview")

    # Blank once unsubscribed: the record then only says that someone left, and when.
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(_("signed up through"), max_length=20, choices=Source.choices)
    consent_text = models.TextField(_("consent given"), blank=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation mail sent at"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    # What they want to receive; chosen when confirming, changed through the
    # link in every mail. The database's default too: rows written without
    # the ORM (the newsletter benchmark's COPY) get every article, as before.
    preference = models.CharField(
        _("receives"),
        max_length=20,
        choices=Preference.choices,
        default=Preference.EVERY_ARTICLE,
        db_default=Preference.EVERY_ARTICLE,
    )
    # Only with THEMES; a deleted theme drops out of every subscriber's choice.
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("chosen themes"), blank=True, related_name="+"
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="unique_subscriber_email"
            )
        ]

    def __str__(self):
        # Without the address: this is what Wagtail's history keeps after a deletion.
        return gettext("Subscriber %(number)s") % {"number": self.pk}

    @classmethod
    def sign_up(cls, email, *, source, consent_text):
        """The subscriber for this address, new or known, and whether a
        confirmation mail should go out now (at most one an hour per address)."""
        email = email.strip()
        subscriber = cls.objects.with_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = cls.objects.create(
                        email=email, source=source, consent_text=consent_text
                    )
            except IntegrityError:  # signed up at the same moment by another request
                subscriber = cls.objects.with_email(email).get()
        if subscriber.status != cls.Status.PENDING:
            return subscriber, False
        # Claimed by a conditional update, so two requests at once send one mail.
        resend_after = timezone.now() - datetime.timedelta(seconds=CONFIRMATION_RESEND_SECONDS)
        claimed = (
            cls.objects.filter(pk=subscriber.pk, status=cls.Status.PENDING)
            .filter(
                Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=resend_after)
            )
            .update(confirmation_sent_at=timezone.now())
        )
        return subscriber, bool(claimed)

    @admin.display(description=_("email address"), ordering="email")
    def email_shown(self):
        """The address, or (in the admin) why it is gone: the reader left."""
        return self.email or DELETED_EMAIL

    def confirm(self):
        """Confirm a waiting signup; True only for the request that did it
        (a conditional update: two presses at once confirm, and welcome, once)."""
        if self.status != self.Status.PENDING:
            return False
        now = timezone.now()
        confirmed = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CONFIRMED, confirmed_at=now
        )
        self.status, self.confirmed_at = self.Status.CONFIRMED, now
        return bool(confirmed)

    @admin.display(description=_("chosen themes"))
    def chosen_themes(self):
        return ", ".join(theme.name for theme in self.themes.all())

    def choose(self, preference, themes=()):
        """What they want to receive; the themes count only with THEMES and are
        kept only then (nothing stored that is not used)."""
        with transaction.atomic():
            Subscriber.objects.filter(pk=self.pk).update(preference=preference)
            self.preference = preference
            self.themes.set(themes if preference == self.Preference.THEMES else [])

    def chosen_themes_gone(self):
        """Chose themes, none of which exist any more: gets every article for now."""
        return self.preference == self.Preference.THEMES and not self.themes.exists()

    def unsubscribe(self):
        """No more mail, and nothing kept that is not needed to honour that:
        the address, the consent and the choice go, the dates stay for the figures."""
        with transaction.atomic():
            self.themes.clear()
            self.preference = self.Preference.EVERY_ARTICLE
            self.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.CANCELLED
            )
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = self.unsubscribed_at or timezone.now()
            self.email = ""
            self.consent_text = ""
            self.save()


class Mailing(models.Model):
    """The mailing of one article to the confirmed subscribers whose choice it
    matched when it went live; or the digest of one month's articles to those
    who chose the monthly overview (one per month: the database refuses a second)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="newsletter_mailing",
        null=True,
        blank=True,
    )
    # A digest: the first day of the month whose articles it lists.
    month = models.DateField(_("monthly overview of"), null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set once a delivery exists for every subscriber: until then a run adds the missing ones.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    # An editor stopped it: what had not gone out yet never will.
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        # Nobody edits a mailing; this lets an editor send its failed mails again.
        permissions = [
            ("retry_mailing", _("Can retry failed deliveries")),
            ("stop_mailing", _("Can stop a mailing that is still queued")),
        ]
        constraints = [
            # Either an article's mailing or a month's digest, never both or neither.
            models.CheckConstraint(
                condition=Q(page__isnull=False, month__isnull=True)
                | Q(page__isnull=True, month__isnull=False),
                name="mailing_of_an_article_or_a_month",
            )
        ]

    def __str__(self):
        if self.month:
            return gettext("Monthly overview of %(month)s") % {
                "month": date_format(self.month, "F Y")
            }
        return self.page.title

    @property
    def is_digest(self):
        return self.month is not None

    @admin.display(description=_("article"), ordering="page__title")
    def title_shown(self):
        """In the admin's list: the article, or which month's overview."""
        return str(self)

    def counts(self):
        """Deliveries per status, e.g. {"pending": 3, "sent": 120, ...}."""
        rows = self.deliveries.values("status").annotate(n=Count("pk")).order_by()
        counts = dict.fromkeys(Delivery.Status.values, 0)
        counts.update({row["status"]: row["n"] for row in rows})
        return counts

    def can_stop(self):
        """Until every mail went out (or is being handed over), the rest can be held back."""
        if self.stopped_at:
            return False
        return (
            not self.queued_at or self.deliveries.filter(status=Delivery.Status.PENDING).exists()
        )

    def stop(self):
        """Send nothing more: the queued deliveries are cancelled, and a task
        that comes for the mailing later adds and sends none. A batch a worker
        is handing to the mail server right now still goes out.
        The number of deliveries cancelled."""
        with transaction.atomic():
            Mailing.objects.filter(pk=self.pk, stopped_at=None).update(stopped_at=timezone.now())
            self.refresh_from_db(fields=["stopped_at"])
            return self.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.CANCELLED
            )

    def retry_failed(self):
        """Give the failed deliveries a fresh set of attempts; the number of them."""
        if self.stopped_at:
            return 0
        return self.deliveries.filter(
            status=Delivery.Status.FAILED, subscriber__status=Subscriber.Status.CONFIRMED
        ).update(
            status=Delivery.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            last_error="",
        )


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending deliveries whose time has come, and those a worker claimed but
        never finished (it stopped mid-batch) once their claim has lapsed."""
        now = now or timezone.now()
        lapsed = now - datetime.timedelta(seconds=CLAIM_SECONDS)
        return self.filter(
            Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Delivery.Status.SENDING, claimed_at__lt=lapsed)
        )


class Delivery(models.Model):
    """One article to one subscriber: the database's guarantee against doubles."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without anyone) when a subscriber is deleted: the mailing's figures stay true.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The mail server's answer, never the address.
    last_error = models.CharField(max_length=255, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [
            models.Index(fields=["mailing", "status", "next_attempt_at"], name="delivery_due")
        ]

    def __str__(self):
        return gettext("Delivery %(number)s") % {"number": self.pk}
