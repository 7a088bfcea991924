"""A subscriber's choice, themes and monthly overviews in a privacy request
(export and erasure, privacy.records) and in the retention purge."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery, Mailing, Subscriber
from privacy.records import erase, export, purge_expired
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

from .conftest import confirmed_subscriber

pytestmark = pytest.mark.django_db

THEMES = Subscriber.Preference.THEMES
MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def anna(blog_index):
    themes = [ThemeFactory(name="Passend onderwijs"), ThemeFactory(name="Leerlingenzorg")]
    subscriber = confirmed_subscriber("anna@example.nl", THEMES, themes)
    digest = Mailing.objects.create(month=MARCH)
    Delivery.objects.create(
        mailing=digest,
        subscriber=subscriber,
        status=Delivery.Status.SENT,
        sent_at=timezone.make_aware(datetime.datetime(2026, 4, 1, 7, 0, 5)),
    )
    article = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index, title="Het hek"))
    Delivery.objects.create(mailing=article, subscriber=subscriber)
    return subscriber


def test_the_export_holds_the_choice_themes_and_mails(anna):
    data = export("anna@example.nl")
    assert json.loads(json.dumps(data)) == data
    record = data["abonnees"][0]
    assert record["ontvangt"] == "Alleen artikelen over de thema's die ik kies"
    assert record["gekozen thema's"] == ["Leerlingenzorg", "Passend onderwijs"]
    assert record["nieuwsbriefmails"] == [
        {
            "mailing": "Maandoverzicht van maart 2026",
            "status": "Verstuurd",
            "verstuurd op": "2026-04-01T07:00:05+02:00",
        },
        {"mailing": "Het hek", "status": "In de wachtrij", "verstuurd op": None},
    ]


def test_the_privacy_page_shows_them(client, admin_user, anna):
    client.force_login(admin_user)
    response = client.post(reverse("privacy_request:index"), {"email": "anna@example.nl"})
    table = BeautifulSoup(response.content, "html.parser").find(id="privacy-newsletter")
    text = table.get_text(" ", strip=True)
    assert "Gekozen thema's" in text
    assert "Leerlingenzorg, Passend onderwijs" in text
    assert "Maandoverzicht van maart 2026" in text


def test_erasure_takes_the_choice_themes_and_the_link_to_the_mails(anna):
    digest = Mailing.objects.get(month=MARCH)
    erase("anna@example.nl")
    assert not Subscriber.objects.exists()
    assert not Subscriber.themes.through.objects.exists()
    # The overview's figures stay, without anyone; nothing waits for her.
    assert digest.counts()["sent"] == 1
    assert not Delivery.objects.filter(subscriber__isnull=False).exists()
    assert not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()
    assert export("anna@example.nl")["abonnees"] == []


def test_the_purge_of_unconfirmed_signups_is_unchanged(settings):
    settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS = 30
    theme = ThemeFactory()
    old = Subscriber.objects.create(
        email="oud@example.nl",
        source="footer",
        created_at=timezone.now() - datetime.timedelta(days=31),
    )
    old.choose(THEMES, [theme])  # as if chosen: a signup waiting keeps no more than this
    recent = Subscriber.objects.create(email="nieuw@example.nl", source="footer")
    kept = confirmed_subscriber("trouw@example.nl", THEMES, [theme])
    kept.created_at = timezone.now() - datetime.timedelta(days=400)
    kept.save()

    assert purge_expired()["unconfirmed_subscribers"] == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "nieuw@example.nl",
        "trouw@example.nl",
    }
    assert list(Subscriber.themes.through.objects.values_list("subscriber_id", flat=True)) == [
        kept.pk
    ]
    assert recent.pk
