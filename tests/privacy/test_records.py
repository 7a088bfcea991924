"""Export and erasure of everything stored about one address (privacy.records)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from contributions.models import Pitch, Story
from newsletter.models import Delivery, Mailing, Subscriber
from privacy.records import erase, export
from resources.models import DownloadRequest
from tests.blog.factories import ArticlePageFactory

from .conftest import ANNA

pytestmark = pytest.mark.django_db

KINDS = ["newsletter", "download_requests", "stories", "pitches"]


def test_export_holds_exactly_the_addresss_records_whatever_the_case(anna, other):
    data = export("  ANNA@example.nl ")

    assert data["email"] == ANNA
    assert datetime.datetime.fromisoformat(data["exported_at"])
    assert {kind: [record["id"] for record in data[kind]] for kind in KINDS} == {
        "newsletter": [anna["subscriber"].pk],
        "download_requests": [anna["download_request"].pk],
        "stories": [anna["story"].pk],
        "pitches": [anna["pitch"].pk],
    }
    assert "Bert" not in json.dumps(data)


def test_export_gives_the_values_as_stored_with_iso_dates_and_titles(anna, blog_index):
    story = anna["story"]
    story.article = ArticlePageFactory(parent=blog_index, title="Het hek")
    story.save()

    data = export(ANNA)

    assert json.loads(json.dumps(data)) == data  # JSON as it is
    subscriber = data["newsletter"][0]
    assert subscriber["email"] == "Anna@Example.NL"
    assert subscriber["status"] == "confirmed"
    assert subscriber["source"] == "download"
    assert subscriber["consent_text"] == "Ja, stuur me de nieuwsbrief."
    assert subscriber["created_at"] == anna["subscriber"].created_at.isoformat()
    assert subscriber["unsubscribed_at"] is None
    request = data["download_requests"][0]
    assert request["resource"] == "Het e-book"
    assert request["role"] == "school_leader"
    assert request["name"] == "Anna"
    assert data["stories"][0]["article"] == "Het hek"
    assert data["stories"][0]["sentence"] == "Een ouder stond huilend bij het hek."
    assert data["stories"][0]["anonymous"] is True
    assert data["pitches"][0]["article"] is None
    assert data["pitches"][0]["school_type"] == "sbo"


def test_export_of_an_unknown_address_is_empty(other):
    data = export(ANNA)
    assert all(data[kind] == [] for kind in KINDS)


def test_an_invalid_address_is_refused():
    with pytest.raises(ValidationError):
        export("geen adres")
    with pytest.raises(ValidationError):
        erase("")


def test_erase_removes_the_addresss_records_and_leaves_the_others(anna, other, admin_user):
    erased = erase("anna@EXAMPLE.nl", user=admin_user)

    assert erased == {**dict.fromkeys(erased, 0), **dict.fromkeys(KINDS, 1)}
    for model in (Subscriber, DownloadRequest, Story, Pitch):
        assert list(model.objects.values_list("email", flat=True)) == ["bert@example.nl"]
    assert all(export(ANNA)[kind] == [] for kind in KINDS)
    # In Wagtail's history as the editor's deletions, without the address.
    entries = ModelLogEntry.objects.filter(action="wagtail.delete", user=admin_user)
    assert entries.count() == 4
    assert "anna" not in " ".join(entries.values_list("label", flat=True)).lower()


def test_erasing_a_subscriber_keeps_the_mailings_figures(anna, blog_index):
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    Delivery.objects.create(
        mailing=mailing, subscriber=anna["subscriber"], status=Delivery.Status.SENT
    )
    other_mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    Delivery.objects.create(mailing=other_mailing, subscriber=anna["subscriber"])

    erase(ANNA)

    assert mailing.counts()["sent"] == 1
    # Nothing waits for a subscriber who is gone.
    assert other_mailing.counts()["pending"] == 0
    assert other_mailing.counts()["cancelled"] == 1
    assert not Delivery.objects.filter(subscriber__isnull=False).exists()


def test_erase_of_an_unknown_address_erases_nothing(other):
    erased = erase(ANNA)
    assert set(KINDS) < set(erased)
    assert set(erased.values()) == {0}
    assert Subscriber.objects.count() == 1
