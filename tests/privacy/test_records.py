"""Export and erasure of everything stored about one address (privacy.records)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contributions.models import Pitch, SchoolType, Story
from newsletter.models import Delivery, Mailing, Subscriber
from privacy.records import erase, export
from resources.choices import ReaderRole
from resources.models import DownloadRequest
from tests.admin_helpers import dutch
from tests.blog.factories import ArticlePageFactory

from .conftest import ANNA, EMAIL, ID, SECTION

pytestmark = pytest.mark.django_db

KINDS = ["newsletter", "download_requests", "stories", "pitches"]
# Where django-tasks-db and django-axes are installed, as in the tests.
ALL_KINDS = [
    *KINDS,
    "task_results",
    "failed_logins",
    "failed_login_log",
    "logins",
    "draft_articles",
]


def test_export_holds_exactly_the_addresss_records_whatever_the_case(anna, other):
    data = export("  ANNA@example.nl ")

    assert data[EMAIL] == ANNA
    assert datetime.datetime.fromisoformat(data["geëxporteerd op"])
    assert {kind: [record[ID] for record in data[SECTION[kind]]] for kind in KINDS} == {
        "newsletter": [anna["subscriber"].pk],
        "download_requests": [anna["download_request"].pk],
        "stories": [anna["story"].pk],
        "pitches": [anna["pitch"].pk],
    }
    assert "Bert" not in json.dumps(data)


def test_export_gives_dutch_names_and_readable_values(anna, blog_index):
    story = anna["story"]
    story.article = ArticlePageFactory(parent=blog_index, title="Het hek")
    story.save()

    data = export(ANNA)

    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert list(data) == [
        "e-mailadres",
        "geëxporteerd op",
        *(SECTION[kind] for kind in ALL_KINDS),
    ]
    subscriber = data[SECTION["newsletter"]][0]
    assert subscriber["e-mailadres"] == "Anna@Example.NL"
    assert subscriber["status"] == dutch(Subscriber.Status.CONFIRMED.label)
    assert subscriber["status"] == "Bevestigd"
    assert subscriber["aangemeld via"] == dutch(Subscriber.Source.DOWNLOAD.label)
    assert subscriber["gegeven toestemming"] == "Ja, stuur me de nieuwsbrief."
    assert subscriber["afgemeld op"] is None
    # A time in the site's time zone, to the second: readable, and still ISO 8601.
    created = anna["subscriber"].created_at
    assert subscriber["aangemeld op"] == (
        timezone.localtime(created).replace(microsecond=0).isoformat()
    )
    assert datetime.datetime.fromisoformat(subscriber["aangemeld op"]).utcoffset()
    request = data[SECTION["download_requests"]][0]
    assert request["download"] == "Het e-book"
    assert request["rol"] == dutch(ReaderRole.SCHOOL_LEADER.label)
    assert request["naam"] == "Anna"
    stories = data[SECTION["stories"]]
    assert stories[0]["conceptartikel dat ervan gemaakt is"] == "Het hek"
    assert stories[0]["verhaal"] == "Een ouder stond huilend bij het hek."
    assert stories[0]["anoniem"] is True
    pitch = data[SECTION["pitches"]][0]
    assert pitch["conceptartikel dat ervan gemaakt is"] is None
    assert pitch["soort school"] == dutch(SchoolType.SBO.label)
    # No English names, nor codes where the reader chose from a list.
    text = json.dumps(data)
    for english in ("email", "created_at", "school_leader", '"sbo"', "confirmed"):
        assert english not in text


def test_export_of_an_unknown_address_is_empty(other):
    data = export(ANNA)
    assert all(data[SECTION[kind]] == [] for kind in KINDS)


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
    assert all(export(ANNA)[SECTION[kind]] == [] for kind in KINDS)
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
