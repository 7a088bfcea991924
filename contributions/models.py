"""What readers send in for the blog: a story in one sentence, or a pitch for a guest blog;
and the wall of recognition (*Herkenning*), where approved sentences appear anonymously.

These stories concern vulnerable children: only editors see them, an editor
can delete one on request (AVG), and the reader's own words are never edited.
A story appears on the wall only with the reader's consent, after an editor
approved it, in the editor's words (the wall text): never with the reader's
name or address. The reader can withdraw it (contributions.withdrawal).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageManager

from blog.models.index import RememberedCountPaginator
from core.pages import IntroductionMixin, PublicInOneQuerySet, ViewRestrictionsInOneQuery
from core.pagination import page_or_404
from core.site_url import SiteUrlPageMixin
from resources.choices import ReaderRole
from themes.models import Theme

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


class StoryQuerySet(models.QuerySet):
    def on_wall(self):
        """Stories an editor approved for the wall, newest approval first."""
        return self.filter(on_wall=True, wall_consent=True).order_by("-wall_approved_at", "-pk")

    def wall_sentences(self):
        """What the wall shows of them, and nothing else: the editor's text and
        the themes (never the reader's name, address or own words)."""
        return self.on_wall().only("pk", "wall_text", "wall_approved_at")


class Story(Contribution):
    sentence = models.CharField(_("story"), max_length=STORY_MAX_LENGTH)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # The wall of recognition. The reader's consent, with its wording as given;
    # withdrawn through the link in the confirmation mail (wall_withdrawn_at).
    wall_consent = models.BooleanField(_("may appear on the wall"), default=False)
    wall_consent_text = models.TextField(_("consent given for the wall"), blank=True)
    wall_withdrawn_at = models.DateTimeField(
        _("withdrawn from the wall at"), null=True, blank=True
    )
    # The editor's version: shortened or anonymised; the reader's sentence stays as sent.
    wall_text = models.CharField(
        _("wall text"),
        max_length=STORY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "The sentence as the wall shows it: shorten it and leave out anything by which "
            "a pupil, parent, colleague or school could be recognised. The reader's own "
            "words above stay as they were sent."
        ),
    )
    wall_themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes on the wall"),
        blank=True,
        related_name="+",
        help_text=_("Shown with the sentence; it also appears under articles of these themes."),
    )
    on_wall = models.BooleanField(
        _("on the wall"),
        default=False,
        db_index=True,
        help_text=_(
            "Approved: the wall text appears anonymously on the page Herkenning and under "
            "articles of its themes. Untick to take it off again."
        ),
    )
    wall_approved_at = models.DateTimeField(_("on the wall since"), null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta(Contribution.Meta):
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        # Without the reader's words: this is what Wagtail's history keeps after a deletion.
        return gettext("Story %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        # The moment of approval orders the wall; it stays through later edits.
        if self.on_wall and self.wall_approved_at is None:
            self.wall_approved_at = timezone.now()
        elif not self.on_wall:
            self.wall_approved_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "on_wall" in update_fields:
            kwargs["update_fields"] = {*update_fields, "wall_approved_at"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        story = super().from_db(db, field_names, values)
        # Whether it was on the wall as loaded (unknown if deferred: taken as yes),
        # so that taking it off empties the cached pages too (contributions.signals).
        story.stored_on_wall = story.__dict__.get("on_wall", True)
        return story

    def clean(self):
        super().clean()
        if self.on_wall and not self.wall_consent:
            raise ValidationError(
                {
                    "on_wall": _(
                        "The reader did not consent to showing this story on the site, "
                        "so it cannot be approved for the wall."
                    )
                }
            )
        if self.on_wall and not self.wall_text.strip():
            raise ValidationError(
                {"wall_text": _("Write the text the wall shows before approving it.")}
            )

    def withdraw_from_wall(self):
        """The reader withdrew their consent: off the wall at once, for good; the
        editor's wall text is deleted. The consent as given stays on record."""
        self.on_wall = False
        self.wall_consent = False
        self.wall_text = ""
        self.wall_withdrawn_at = timezone.now()
        self.save()
        self.wall_themes.clear()

    @property
    def has_withdrawal_link(self):
        """Whether the reader gets a confirmation mail with the link to withdraw."""
        return self.wall_consent and bool(self.email)

    def get_anonymous_display(self):
        """ "Yes" or "No" in words, where the admin would show True or False."""
        return gettext("Yes") if self.anonymous else gettext("No")

    def get_wall_consent_display(self):
        return gettext("Yes") if self.wall_consent else gettext("No")

    def get_on_wall_display(self):
        return gettext("Yes") if self.on_wall else gettext("No")

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


@dataclass(frozen=True)
class WallSentence:
    """A sentence as the public site shows it: the editor's text and its themes
    (name and slug), nothing that could name the reader."""

    text: str
    themes: tuple = ()


def wall_sentences(stories):
    """The WallSentence of each of the stories (from Story.objects.wall_sentences()),
    with their themes in one query."""
    stories = stories.prefetch_related(
        Prefetch("wall_themes", queryset=Theme.objects.only("pk", "name", "slug"))
    )
    return [
        WallSentence(
            text=story.wall_text,
            themes=tuple(sorted(story.wall_themes.all(), key=lambda theme: theme.name)),
        )
        for story in stories
    ]


class RecognitionPage(IntroductionMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, Page):
    """*Herkenning*: readers' sentences the editors approved, newest first, each
    with its themes, anonymously."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "contributions/recognition_page.html"

    sentences_per_page = 20

    objects = PageManager.from_queryset(PublicInOneQuerySet)()

    class Meta:
        verbose_name = _("recognition wall")
        verbose_name_plural = _("recognition walls")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The count is remembered until the content changes (as every change to
        # the wall does: contributions.signals).
        paginator = RememberedCountPaginator(
            Story.objects.wall_sentences(), self.sentences_per_page, "recognition-wall-count"
        )
        sentences = page_or_404(paginator, request.GET.get("page"))
        sentences.object_list = wall_sentences(sentences.object_list)
        context["sentences"] = sentences
        return context
