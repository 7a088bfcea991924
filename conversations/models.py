"""A team conversation (*nagesprek*): a school leader's private session on a
questionnaire, which their team answers anonymously.

What is stored is the questions as they were at the start, the leader's
optional title, the answers and how many forms were sent; no name, address,
IP address or browser. The two links are known only by their hashes
(conversations.links). Everything goes 30 days after the start
(PRIVACY_TEAM_CONVERSATION_DAYS: privacy.records.purge_expired), or at once
with the leader's link.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Answers to one open question, in characters: a few paragraphs.
ANSWER_MAX_LENGTH = 2000
SCALE = range(1, 6)


def days_kept():
    return datetime.timedelta(days=settings.PRIVACY_TEAM_CONVERSATION_DAYS)


class TeamConversationQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lte=(now or timezone.now()) - days_kept())


class TeamConversation(models.Model):
    questionnaire = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("questionnaire"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As the questionnaire was at the start: later edits of its page change nothing here.
    questionnaire_title = models.CharField(_("questionnaire title"), max_length=255)
    questions = models.JSONField(_("questions"), default=list)
    title = models.CharField(_("title"), max_length=120, blank=True)
    # SHA-256 of each link's code (conversations.links); the codes are not stored.
    team_key = models.CharField(max_length=64, unique=True)
    leader_key = models.CharField(max_length=64, unique=True)
    # Forms sent: who sent them is not known, nor which answers came together.
    response_count = models.PositiveIntegerField(_("answers"), default=0)
    created_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)

    objects = TeamConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("team conversation")
        verbose_name_plural = _("team conversations")

    def __str__(self):
        return str(_("Team conversation %(number)d")) % {"number": self.pk}

    @property
    def display_title(self):
        return self.title or self.questionnaire_title

    @property
    def deleted_after(self):
        return self.created_at + days_kept()

    def is_expired(self, now=None):
        return self.deleted_after <= (now or timezone.now())

    def numbered_questions(self):
        """Each question of the snapshot, by its number."""
        return {
            question["number"]: question
            for section in self.questions
            for question in section["questions"]
        }


class TeamAnswer(models.Model):
    """One answer to one question. No field says who sent it, when, or which
    other answers came in the same form; the leader sees them per question,
    in alphabetical order (conversations.questions.results)."""

    conversation = models.ForeignKey(
        TeamConversation, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.PositiveSmallIntegerField(_("question"))
    text = models.TextField(_("answer"), blank=True, max_length=ANSWER_MAX_LENGTH)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=(Q(score__isnull=True) & ~Q(text=""))
                | (Q(score__gte=1) & Q(score__lte=5) & Q(text="")),
                name="conversations_answer_text_or_score",
            )
        ]

    def __str__(self):
        return str(_("Answer to question %(number)d")) % {"number": self.question}


class SentForm(models.Model):
    """The one-time code of an answer form that was sent: the same form sent
    twice (a double tap, the back button) is stored once. It says nothing
    about who sent it, nor which answers it held."""

    conversation = models.ForeignKey(
        TeamConversation, on_delete=models.CASCADE, related_name="sent_forms"
    )
    code_key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "code_key"], name="conversations_form_sent_once"
            )
        ]

    def __str__(self):
        return str(_("Form sent"))
