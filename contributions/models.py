"""What readers send in for the blog: a story in one sentence, or a pitch for a guest blog.

These stories concern vulnerable children: only editors see them, an editor
can delete one on request (AVG), and the reader's own words are never edited.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.choices import ReaderRole

# The limits said to the reader. A pitch fits the article's quote block (blog.blocks),
# so that the draft made from it can be saved as it is.
STORY_MAX_LENGTH = 280
PITCH_MAX_LENGTH = 1000


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    USED = "used", _("Used")
    REJECTED = "rejected", _("Rejected")


class SchoolType(models.TextChoices):
    REGULAR = "regular", _("Regular primary school")
    SBO = "sbo", _("Special primary education (sbo)")
    SO = "so", _("Special education (so)")
    OTHER = "other", _("Other")


class Contribution(models.Model):
    """What a story and a pitch share: the editors' status, the consent, the draft made."""

    Status = Status

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    consent_text = models.TextField(_("consent given"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("draft article made from it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def quoted_text(self):
        """The reader's words, as the draft article quotes them."""
        raise NotImplementedError


class Story(Contribution):
    sentence = models.CharField(_("story"), max_length=STORY_MAX_LENGTH)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)

    class Meta(Contribution.Meta):
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        # Without the reader's words: this is what Wagtail's history keeps after a deletion.
        return gettext("Story %(number)s") % {"number": self.pk}

    def get_anonymous_display(self):
        """ "Yes" or "No" in words, where the admin would show True or False."""
        return gettext("Yes") if self.anonymous else gettext("No")

    @property
    def quoted_text(self):
        return self.sentence


class Pitch(Contribution):
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email address"), max_length=254)
    role = models.CharField(_("role"), max_length=20, choices=ReaderRole.choices)
    school_type = models.CharField(_("type of school"), max_length=20, choices=SchoolType.choices)
    pitch = models.TextField(_("pitch"), max_length=PITCH_MAX_LENGTH)

    class Meta(Contribution.Meta):
        verbose_name = _("guest-blog pitch")
        verbose_name_plural = _("guest-blog pitches")

    def __str__(self):
        return gettext("Pitch %(number)s") % {"number": self.pk}

    @property
    def quoted_text(self):
        return self.pitch
