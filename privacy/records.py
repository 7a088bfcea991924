"""Everything stored about one email address: to export it, to erase it (a reader's
request under the AVG), and how long it is kept at most (retention).

What holds an address is listed once, in KINDS; the export, the erasure, the
admin page (privacy.views) and the commands all go through that list. A new
model with readers' addresses needs a line there, nothing else. Besides those
records, the draft articles made from a reader's story or pitch quote their
words (privacy.drafts): the editor chooses what becomes of each.
"""

import datetime
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from conversations.models import TeamConversation
from newsletter.models import Delivery, Subscriber
from resources.models import DownloadRequest

from . import traces
from .drafts import CLEAN, DELETE, KEEP, DraftChoiceMissing, drafts_of

logger = logging.getLogger(__name__)

TASK_RESULT = "django_tasks_database.DBTaskResult"  # only where django-tasks-db is installed


def cancel_pending_deliveries(subscribers):
    # As on unsubscribing: a mailing's figures show no mail waiting for nobody.
    Delivery.objects.filter(subscriber__in=subscribers, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.CANCELLED
    )


def with_email(queryset, email):
    if hasattr(queryset, "with_email"):  # a lookup that uses the model's own index
        return queryset.with_email(email)
    return queryset.alias(email_lower=Lower("email")).filter(email_lower=email)


@dataclass(frozen=True)
class Kind:
    """One model that stores readers' email addresses."""

    key: str
    model_label: str
    # The records of a (normalised) address, from the model's queryset.
    lookup: Callable = with_email
    ordering: tuple = ("created_at", "pk")
    # Called with the records' queryset before they are erased.
    before_erase: Callable | None = None
    # What a reader gave us (their request's records, each deletion in Wagtail's
    # history), rather than a trace the site kept (a log, a task's result).
    given: bool = True
    # Quotes the reader's words in a draft article it was made into.
    quoted_in_drafts: bool = False
    # For the admin page: the name, and the fields shown with their headings;
    # else the model's own names and all its fields.
    name: str | None = None
    columns: tuple = ()
    # What a record holds besides its own fields (a subscriber's chosen themes
    # and the mails sent to them): {name: plain JSON value}, in the export and
    # on the admin page.
    details: Callable | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def installed(self):
        app_label = self.model_label.split(".")[0]
        return any(config.label == app_label for config in apps.get_app_configs())

    @property
    def label(self):
        return self.name or self.model._meta.verbose_name_plural

    @property
    def fields(self):
        return list(self.model._meta.concrete_fields)

    def shown_fields(self):
        """(field, heading) for the admin page."""
        if not self.columns:
            return [(field, field.verbose_name) for field in self.fields if not field.primary_key]
        return [(self.model._meta.get_field(name), heading) for name, heading in self.columns]

    @property
    def delete_permission(self):
        app_label, model_name = self.model_label.split(".")
        return f"{app_label}.delete_{model_name.lower()}"

    def records(self, email):
        """The records of this (normalised) address, whatever the case it was stored in."""
        queryset = self.lookup(self.model._default_manager.all(), email)
        related = [field.name for field in self.fields if field.is_relation]
        return queryset.select_related(*related).order_by(*self.ordering)


def trace(key, model_label, lookup, name, columns, ordering=("attempt_time", "pk")):
    return Kind(key, model_label, lookup, ordering, given=False, name=name, columns=tuple(columns))


LOGIN_COLUMNS = [
    ("username", _("username")),
    ("attempt_time", _("time")),
    ("ip_address", _("IP address")),
    ("user_agent", _("browser")),
    ("path_info", _("page")),
]


def subscriber_details(subscriber):
    """Their chosen themes, and each newsletter mail (an article's or a monthly
    overview) with what became of it; erased with the subscription (the
    mails' figures stay, without anyone)."""
    deliveries = subscriber.deliveries.select_related("mailing__page").order_by("pk")
    return {
        str(_("chosen themes")): [theme.name for theme in subscriber.themes.order_by("name")],
        str(_("newsletter mails")): [
            {
                str(_("mailing")): str(delivery.mailing),
                str(_("status")): str(delivery.get_status_display()),
                str(_("sent at")): readable_time(delivery.sent_at) if delivery.sent_at else None,
            }
            for delivery in deliveries
        ],
    }


KINDS = [
    Kind(
        "newsletter",
        "newsletter.Subscriber",
        before_erase=cancel_pending_deliveries,
        details=subscriber_details,
    ),
    Kind("download_requests", "resources.DownloadRequest"),
    Kind("stories", "contributions.Story", quoted_in_drafts=True),
    Kind("pitches", "contributions.Pitch", quoted_in_drafts=True),
    trace(
        "task_results",
        TASK_RESULT,
        traces.task_results_of,
        _("background task results"),
        [
            ("task_path", _("task")),
            ("status", _("status")),
            ("enqueued_at", _("queued at")),
            ("finished_at", _("finished at")),
            ("args_kwargs", _("arguments")),
            ("return_value", _("result")),
            ("traceback", _("error")),
        ],
        ordering=("enqueued_at", "pk"),
    ),
    trace(
        "failed_logins",
        "axes.AccessAttempt",
        traces.login_attempts_of,
        _("failed logins"),
        [*LOGIN_COLUMNS, ("post_data", _("form data")), ("failures_since_start", _("attempts"))],
    ),
    trace(
        "failed_login_log",
        "axes.AccessFailureLog",
        traces.logins_of,
        _("failed logins (log)"),
        [*LOGIN_COLUMNS, ("locked_out", _("locked out"))],
    ),
    trace(
        "logins",
        "axes.AccessLog",
        traces.logins_of,
        _("logins"),
        [*LOGIN_COLUMNS, ("logout_time", _("logged out at"))],
    ),
]


def installed_kinds():
    return [kind for kind in KINDS if kind.installed]


# Who may look up and erase an address: whoever may delete each kind of record.
PERMISSIONS = [kind.delete_permission for kind in KINDS if kind.given]


def may_handle_requests(user):
    return user.is_active and user.has_perms(PERMISSIONS)


def normalise(email):
    """The address as it is looked up; ValidationError if it is none."""
    email = (email or "").strip().lower()
    validate_email(email)
    return email


def related_title(value):
    return getattr(value, "title", None) or str(value)


# The export is for the reader: Dutch names, and values in words (a choice by its
# label, a time in our time zone to the second), still plain JSON. These names
# are for fields whose models (django-tasks, django-axes) name them in English.
FIELD_NAMES = {
    "id": _("number"),
    "user_agent": _("browser"),
    "ip_address": _("IP address"),
    "username": _("username"),
    "http_accept": _("accepted formats"),
    "path_info": _("page"),
    "attempt_time": _("time"),
    "get_data": _("data in the address"),
    "post_data": _("form data"),
    "failures_since_start": _("attempts"),
    "locked_out": _("locked out"),
    "logout_time": _("logged out at"),
    "session_hash": _("session (as a hash)"),
    "enqueued_at": _("queued at"),
    "started_at": _("started at"),
    "finished_at": _("finished at"),
    "args_kwargs": _("arguments"),
    "priority": _("priority"),
    "task_path": _("task"),
    "worker_ids": _("workers"),
    "queue_name": _("queue"),
    "backend_name": _("task backend"),
    "run_after": _("not before"),
    "return_value": _("result"),
    "exception_class_path": _("kind of error"),
    "traceback": _("error"),
}

# What the export says of each draft article that quotes the reader (Draft.describe()).
DRAFT_NAMES = {
    "id": _("number"),
    "title": _("title"),
    "live": _("published"),
    "made_from": _("made from"),
    "quoted_in_current_version": _("current version quotes them"),
    "versions": _("versions"),
    "versions_quoting": _("versions that quote them"),
    "history_entries": _("history entries"),
}


def field_name(field):
    """The field's name in the export, in Dutch."""
    return str(FIELD_NAMES.get(field.name, field.verbose_name))


def readable_time(value):
    """ISO 8601, in the site's time zone and to the second: "2026-12-03T15:26:51+01:00"."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    return value.isoformat()


def field_value(record, field):
    """A field's value in JSON's terms: a related record by its title, a choice
    by its label, a time as readable_time()."""
    if field.is_relation:
        related = getattr(record, field.name)
        return None if related is None else related_title(related)
    value = field.value_from_object(record)
    if field.choices and value not in (None, ""):
        return str(getattr(record, f"get_{field.name}_display")())
    if isinstance(value, datetime.datetime | datetime.date):
        return readable_time(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def as_dict(record, fields, details=None):
    data = {field_name(field): field_value(record, field) for field in fields}
    return {**data, **details(record)} if details else data


def described(draft):
    return {str(DRAFT_NAMES.get(key, key)): value for key, value in draft.describe().items()}


def contributions_of(email, lock=False):
    """The address's stories and pitches: what draft articles may quote."""
    found = []
    for kind in installed_kinds():
        if kind.quoted_in_drafts:
            records = kind.records(email)
            found += records.select_for_update(of=("self",)) if lock else records
    return found


def drafts_quoting(email):
    """The draft articles made from the address's stories and pitches."""
    return drafts_of(contributions_of(normalise(email)))


def export_key(kind):
    """A kind's name in the export ("abonnees", "verhalen")."""
    return str(kind.label)


def export(email):
    """Everything stored about the address, as a JSON-serialisable dict in
    Dutch: its records per kind (export_key()), and the draft articles that
    quote its stories or pitches."""
    email = normalise(email)
    with translation.override(settings.LANGUAGE_CODE):
        return _export(email)


def _export(email):
    data = {
        str(_("email address")): email,
        str(_("exported at")): readable_time(timezone.now()),
    }
    for kind in installed_kinds():
        fields = kind.fields
        data[export_key(kind)] = [
            as_dict(record, fields, kind.details) for record in kind.records(email)
        ]
    data[str(DRAFTS_KEY)] = [described(draft) for draft in drafts_quoting(email)]
    return data


DRAFTS_KEY = _("draft articles that quote them")


def counts(email):
    email = normalise(email)
    return {kind.key: kind.records(email).count() for kind in installed_kinds()}


def erase(email, user=None, choices=None):
    """Delete every record of the address at once; the number erased per kind.

    A draft article made from the address's stories or pitches is deleted,
    cleaned of their words or kept (privacy.drafts): `choices` says which, one
    for all of them or one per page id; without a choice for each,
    DraftChoiceMissing, and nothing is erased (nor when a draft to be kept
    still quotes them: DraftStillQuotes).

    Each deletion of what the reader gave goes into Wagtail's history as an
    editor's deletion in the admin would (the records' names hold no address).
    """
    email = normalise(email)
    erased = {}
    with transaction.atomic():
        found = drafts_of(contributions_of(email, lock=True))
        handled = [chosen(choices, draft) for draft in found]
        for draft, choice in zip(found, handled, strict=True):
            draft.handle(choice, user=user)
        for kind in installed_kinds():
            records = list(kind.records(email).select_for_update(of=("self",)))
            if records and kind.before_erase:
                kind.before_erase(records)
            for record in records:
                if kind.given:
                    log(instance=record, action="wagtail.delete", user=user)
                record.delete()
            erased[kind.key] = len(records)
        erased["draft_articles_deleted"] = handled.count(DELETE)
        erased["draft_articles_cleaned"] = len(handled) - handled.count(DELETE)
    logger.info("Privacy request: erased %s", erased)
    return erased


def chosen(choices, draft):
    choice = choices.get(draft.page.pk) if isinstance(choices, dict) else choices
    if choice not in (DELETE, CLEAN, KEEP):
        raise DraftChoiceMissing(f"No choice for draft article {draft.page.pk}")
    return choice


# Retention: what is deleted by itself once it is old enough.


def purge_expired(now=None):
    """Delete unconfirmed subscriptions, download requests, team conversations
    (with their answers) and finished background task results older than their
    periods (PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS, PRIVACY_DOWNLOAD_REQUEST_DAYS,
    PRIVACY_TEAM_CONVERSATION_DAYS, PRIVACY_TASK_RESULT_DAYS); the number
    deleted of each."""
    now = now or timezone.now()

    def older_than(days):
        return now - datetime.timedelta(days=days)

    expired = {
        "unconfirmed_subscribers": Subscriber.objects.filter(
            status=Subscriber.Status.PENDING,
            created_at__lt=older_than(settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS),
        ),
        "download_requests": DownloadRequest.objects.filter(
            created_at__lt=older_than(settings.PRIVACY_DOWNLOAD_REQUEST_DAYS)
        ),
        # Its answers go with it.
        "team_conversations": TeamConversation.objects.expired(now),
    }
    if apps.is_installed("django_tasks_db"):
        # Finished ones only: the others are the queue.
        expired["task_results"] = (
            apps.get_model(TASK_RESULT)
            .objects.finished()
            .filter(finished_at__lt=older_than(settings.PRIVACY_TASK_RESULT_DAYS))
        )
    purged = {}
    with transaction.atomic():
        for key, queryset in expired.items():
            purged[key] = queryset.delete()[1].get(queryset.model._meta.label, 0)
    logger.info("Retention: purged %s", purged)
    return purged
