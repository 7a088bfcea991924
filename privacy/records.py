"""Everything stored about one email address: to export it, to erase it (a reader's
request under the AVG), and how long it is kept at most (retention).

What holds an address is listed once, in KINDS; the export, the erasure, the
admin page (privacy.views) and the commands all go through that list. A new
model with readers' addresses needs a line there, nothing else.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.log_actions import log

from contributions.models import Pitch, Story
from newsletter.models import Delivery, Subscriber
from resources.models import DownloadRequest

logger = logging.getLogger(__name__)


def cancel_pending_deliveries(subscribers):
    # As on unsubscribing: a mailing's figures show no mail waiting for nobody.
    Delivery.objects.filter(subscriber__in=subscribers, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.CANCELLED
    )


@dataclass(frozen=True)
class Kind:
    """One model that stores readers' email addresses."""

    key: str
    model: type[models.Model]
    # Called with the records' queryset before they are erased.
    before_erase: object = None

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def fields(self):
        return list(self.model._meta.concrete_fields)

    @property
    def delete_permission(self):
        opts = self.model._meta
        return f"{opts.app_label}.delete_{opts.model_name}"

    def records(self, email):
        """The records of this (normalised) address, whatever the case it was stored in."""
        queryset = self.model._default_manager.all()
        if hasattr(queryset, "with_email"):  # a lookup that uses the model's own index
            queryset = queryset.with_email(email)
        else:
            queryset = queryset.alias(email_lower=Lower("email")).filter(email_lower=email)
        related = [field.name for field in self.fields if field.is_relation]
        return queryset.select_related(*related).order_by("created_at", "pk")


KINDS = [
    Kind("newsletter", Subscriber, before_erase=cancel_pending_deliveries),
    Kind("download_requests", DownloadRequest),
    Kind("stories", Story),
    Kind("pitches", Pitch),
]

# Who may look up and erase an address: whoever may delete each kind of record.
PERMISSIONS = [kind.delete_permission for kind in KINDS]


def may_handle_requests(user):
    return user.is_active and user.has_perms(PERMISSIONS)


def normalise(email):
    """The address as it is looked up; ValidationError if it is none."""
    email = (email or "").strip().lower()
    validate_email(email)
    return email


def related_title(value):
    return getattr(value, "title", None) or str(value)


def field_value(record, field):
    """A field's value as stored, in JSON's terms: a related record by its title."""
    if field.is_relation:
        related = getattr(record, field.name)
        return None if related is None else related_title(related)
    value = field.value_from_object(record)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def as_dict(record, fields):
    return {field.name: field_value(record, field) for field in fields}


def export(email):
    """Everything stored about the address, as a JSON-serialisable dict."""
    email = normalise(email)
    data = {"email": email, "exported_at": timezone.now().isoformat()}
    for kind in KINDS:
        fields = kind.fields
        data[kind.key] = [as_dict(record, fields) for record in kind.records(email)]
    return data


def counts(email):
    email = normalise(email)
    return {kind.key: kind.records(email).count() for kind in KINDS}


def erase(email, user=None):
    """Delete every record of the address at once; the number erased per kind.

    Each deletion goes into Wagtail's history as an editor's deletion in the
    admin would (the records' names hold no address).
    """
    email = normalise(email)
    erased = {}
    with transaction.atomic():
        for kind in KINDS:
            records = list(kind.records(email).select_for_update(of=("self",)))
            if records and kind.before_erase:
                kind.before_erase(records)
            for record in records:
                log(instance=record, action="wagtail.delete", user=user)
                record.delete()
            erased[kind.key] = len(records)
    logger.info("Privacy request: erased %s", erased)
    return erased


# Retention: what is deleted by itself once it is old enough.


def purge_expired(now=None):
    """Delete unconfirmed subscriptions and download requests older than their
    periods (PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS, PRIVACY_DOWNLOAD_REQUEST_DAYS);
    the number deleted of each."""
    now = now or timezone.now()
    expired = {
        "unconfirmed_subscribers": Subscriber.objects.filter(
            status=Subscriber.Status.PENDING,
            created_at__lt=now
            - datetime.timedelta(days=settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS),
        ),
        "download_requests": DownloadRequest.objects.filter(
            created_at__lt=now - datetime.timedelta(days=settings.PRIVACY_DOWNLOAD_REQUEST_DAYS)
        ),
    }
    purged = {}
    with transaction.atomic():
        for key, queryset in expired.items():
            purged[key] = queryset.delete()[1].get(queryset.model._meta.label, 0)
    logger.info("Retention: purged %s", purged)
    return purged
