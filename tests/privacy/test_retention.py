"""Retention: unconfirmed signups and old download requests go by themselves."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Subscriber
from privacy.records import purge_expired
from privacy.tasks import purge_personal_data
from resources.models import DownloadRequest

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def subscriber(email, age, status=Subscriber.Status.PENDING):
    return Subscriber.objects.create(
        email=email,
        source=Subscriber.Source.FOOTER,
        consent_text="Ja",
        status=status,
        created_at=timezone.now() - age,
    )


def download_request(ebook, email, age):
    return DownloadRequest.objects.create(
        resource=ebook, email=email, consent_text="Ja", created_at=timezone.now() - age
    )


@pytest.fixture
def periods(settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS = 30
    settings.PRIVACY_DOWNLOAD_REQUEST_DAYS = 365
    return datetime.timedelta(days=30), datetime.timedelta(days=365)


@pytest.fixture
def records(ebook, periods):
    signup_period, request_period = periods
    return {
        "pending_inside": subscriber("nieuw@example.nl", signup_period - MINUTE),
        "pending_outside": subscriber("oud@example.nl", signup_period + MINUTE),
        "confirmed_old": subscriber(
            "trouw@example.nl", request_period * 3, Subscriber.Status.CONFIRMED
        ),
        "unsubscribed_old": subscriber(
            "weg@example.nl", request_period * 3, Subscriber.Status.UNSUBSCRIBED
        ),
        "request_inside": download_request(ebook, "a@example.nl", request_period - MINUTE),
        "request_outside": download_request(ebook, "b@example.nl", request_period + MINUTE),
    }


def remaining(records):
    return {
        name
        for name, record in records.items()
        if type(record).objects.filter(pk=record.pk).exists()
    }


def test_purge_deletes_only_what_is_older_than_its_period(records, caplog):
    with caplog.at_level(logging.INFO, logger="privacy.records"):
        purged = purge_expired()

    assert purged == {
        "unconfirmed_subscribers": 1,
        "download_requests": 1,
        "team_conversations": 0,
        "task_results": 0,
    }
    assert remaining(records) == {
        "pending_inside",
        "confirmed_old",
        "unsubscribed_old",
        "request_inside",
    }
    # Counts only, no addresses.
    assert "unconfirmed_subscribers': 1" in caplog.text
    assert "@" not in caplog.text


def test_the_periods_are_settings(records, settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS = 400
    settings.PRIVACY_DOWNLOAD_REQUEST_DAYS = 1

    assert purge_expired() == {
        "unconfirmed_subscribers": 0,
        "download_requests": 2,
        "team_conversations": 0,
        "task_results": 0,
    }
    assert remaining(records) == {
        "pending_inside",
        "pending_outside",
        "confirmed_old",
        "unsubscribed_old",
    }


def test_confirmed_subscribers_are_never_purged(ebook, settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS = 0
    confirmed = subscriber("trouw@example.nl", datetime.timedelta(days=3650), "confirmed")

    assert purge_expired()["unconfirmed_subscribers"] == 0
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()


def test_the_command_purges_and_prints_the_counts(records, capsys):
    call_command("purge_personal_data")

    out = capsys.readouterr().out
    assert "unconfirmed_subscribers: 1" in out
    assert "download_requests: 1" in out
    assert "pending_outside" not in remaining(records)


def test_the_task_purges_when_queued(records):
    # The test settings run tasks at once.
    result = purge_personal_data.enqueue()

    assert result.return_value == {
        "unconfirmed_subscribers": 1,
        "download_requests": 1,
        "team_conversations": 0,
        "task_results": 0,
    }
    assert remaining(records) == {
        "pending_inside",
        "confirmed_old",
        "unsubscribed_old",
        "request_inside",
    }
