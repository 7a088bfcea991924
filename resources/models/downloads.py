from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.choices import ReaderRole


class DownloadRequest(models.Model):
    """A reader's request for a gated resource: who asked, and what they agreed to.

    Kept as little as is needed: the address the link went to, the optional
    name and role the reader chose to give, and the consent as it was worded.
    """

    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="download_requests",
    )
    email = models.EmailField(_("email address"), max_length=254)
    name = models.CharField(_("name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=ReaderRole.choices, blank=True)
    newsletter = models.BooleanField(
        _("wants the newsletter"),
        default=False,
        help_text=_("Ticked the box offering the newsletter."),
    )
    consent_text = models.TextField(_("consent given"))
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download request")
        verbose_name_plural = _("download requests")
        ordering = ["-created_at"]

    def __str__(self):
        # Without the reader's address: this is what Wagtail's history keeps of
        # a request after it is deleted at the reader's request.
        return gettext("Download request %(number)s (%(resource)s)") % {
            "number": self.pk,
            "resource": self.resource.title,
        }


class DownloadTallyQuerySet(models.QuerySet):
    def per_week(self):
        """Downloads per resource per ISO week, newest week first."""
        return (
            self.annotate(week=TruncWeek("day"))
            .values("week", "resource_id", "resource__title")
            .annotate(downloads=Sum("count"))
            .order_by("-week", "resource__title")
        )


class DownloadTally(models.Model):
    """How often a resource's file was downloaded on one day.

    Counts without personal data: one row per resource per day, so counting
    a download never locks more than that row.
    """

    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="download_tallies",
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    objects = DownloadTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        constraints = [
            models.UniqueConstraint(fields=["resource", "day"], name="one_tally_per_resource_day")
        ]

    def __str__(self):
        return f"{self.resource_id} {self.day}: {self.count}"

    @classmethod
    def record(cls, resource_id, day=None):
        """Count one download of the resource today."""
        day = day or timezone.localdate()
        rows = cls.objects.filter(resource_id=resource_id, day=day)
        if rows.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(resource_id=resource_id, day=day, count=1)
        except IntegrityError:
            # Another request created today's row first.
            rows.update(count=F("count") + 1)
