from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    EBOOK = "ebook", _("E-book")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    WORKSHEET = "worksheet", _("Team exercise")
    CHECKLIST = "checklist", _("Checklist")
    OTHER = "other", _("Other")


class Access(models.TextChoices):
    OPEN = "open", _("Open: anyone can download")
    GATED = "gated", _("Gated: the reader leaves an email address first")


class ReaderRole(models.TextChoices):
    SCHOOL_LEADER = "school_leader", _("School leader")
    CARE_COORDINATOR = "care_coordinator", _("Internal care coordinator")
    TEACHER = "teacher", _("Teacher")
    OTHER = "other", _("Other")
