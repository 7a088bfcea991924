"""The editors' privacy-request page: look up an address, download it, erase it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from contributions.models import Pitch, Story
from newsletter.models import Subscriber
from resources.models import DownloadRequest
from tests.admin_helpers import dutch, make_user, member_of, refused
from users.roles import EDITORS

from .conftest import ANNA, EMAIL, ID, SECTION

pytestmark = pytest.mark.django_db

URL = reverse("privacy_request:index")
EXPORT_URL = reverse("privacy_request:export")
ERASE_URL = reverse("privacy_request:erase")
MODELS = (Subscriber, DownloadRequest, Story, Pitch)


@pytest.fixture
def redactie(client, django_user_model):
    client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
    return client


def emails_left():
    return {model: list(model.objects.values_list("email", flat=True)) for model in MODELS}


def menu_shows_privacy(client):
    return URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_redactie_finds_the_page_in_the_menu(redactie):
    assert menu_shows_privacy(redactie)
    response = redactie.get(URL)
    assert response.status_code == 200
    assert dutch("Privacy request") in response.content.decode()


def test_a_lookup_shows_the_counts_and_the_records_of_the_address_only(redactie, anna, other):
    response = redactie.post(URL, {"email": "ANNA@example.nl"})

    page = BeautifulSoup(response.content, "html.parser")
    results = page.find(id="privacy-results")
    counts = results.find(id="privacy-counts")("li")
    assert [item.get_text(" ", strip=True) for item in counts] == [
        "Abonnees: 1",
        "Downloadaanvragen: 1",
        "Verhalen: 1",
        "Gastblogvoorstellen: 1",
        "Resultaten van achtergrondtaken: 0",
        "Mislukte inlogpogingen: 0",
        "Mislukte inlogpogingen (logboek): 0",
        "Geslaagde inlogs: 0",
        "Conceptartikelen met hun woorden: 0",
    ]
    text = results.get_text(" ", strip=True)
    assert "Een ouder stond huilend bij het hek." in text
    assert "Het e-book" in text
    assert "Bert" not in text
    assert "bert@example.nl" not in text
    # The address goes along with the buttons in the forms, never in a URL.
    assert {form["action"] for form in results("form")} == {EXPORT_URL, ERASE_URL}
    assert all(form["method"] == "post" for form in results("form"))


def test_a_lookup_of_an_unknown_address_says_nothing_is_stored(redactie, other):
    response = redactie.post(URL, {"email": ANNA})

    assert dutch("Nothing is stored about this address.") in response.content.decode()
    assert "privacy-counts" not in response.content.decode()


def test_an_invalid_address_is_an_error_on_the_form(redactie):
    response = redactie.post(URL, {"email": "geen adres"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert "privacy-results" not in response.content.decode()


def test_the_json_download_holds_the_addresss_records(redactie, anna, other):
    response = redactie.post(EXPORT_URL, {"email": " Anna@example.nl"})

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="privacy-export-')
    data = json.loads(response.content)
    assert data[EMAIL] == ANNA
    assert [record[ID] for record in data[SECTION["download_requests"]]] == [
        anna["download_request"].pk
    ]
    assert data[SECTION["download_requests"]][0]["download"] == "Het e-book"
    assert all(len(data[SECTION[kind]]) == 1 for kind in ("newsletter", "stories", "pitches"))


def test_erasing_asks_for_confirmation_first(redactie, anna, other):
    response = redactie.post(ERASE_URL, {"email": ANNA})

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find(id="privacy-erase")
    assert form.find("input", {"name": "email"})["value"] == ANNA
    assert form.find("input", {"name": "confirm", "type": "checkbox"})
    assert len(emails_left()[Subscriber]) == 2


def test_erasing_without_the_tick_deletes_nothing(redactie, anna):
    response = redactie.post(ERASE_URL, {"email": ANNA, "confirmation": "1"})

    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert all(len(emails) == 1 for emails in emails_left().values())


def test_erasing_with_the_tick_deletes_the_addresss_records_only(redactie, anna, other):
    response = redactie.post(
        ERASE_URL, {"email": ANNA, "confirmation": "1", "confirm": "on"}, follow=True
    )

    assert response.redirect_chain[-1][0] == URL
    assert emails_left() == dict.fromkeys(MODELS, ["bert@example.nl"])
    messages = [str(message).strip() for message in response.context["messages"]]
    with translation.override("nl"):
        erased = ngettext("%(count)d record was erased.", "%(count)d records were erased.", 4)
    assert messages == [erased % {"count": 4}]


def test_a_user_with_only_admin_access_is_refused(client, django_user_model, anna):
    client.force_login(make_user(django_user_model, "gast"))

    assert not menu_shows_privacy(client)
    assert refused(client.get(URL))
    assert refused(client.post(URL, {"email": ANNA}))
    assert refused(client.post(EXPORT_URL, {"email": ANNA}))
    assert refused(client.post(ERASE_URL, {"email": ANNA, "confirmation": "1", "confirm": "on"}))
    assert all(len(emails) == 1 for emails in emails_left().values())


def test_deleting_some_kinds_only_is_not_enough(client, django_user_model, anna):
    client.force_login(
        make_user(
            django_user_model,
            "half",
            "newsletter.delete_subscriber",
            "resources.delete_downloadrequest",
            "contributions.delete_story",
        )
    )

    assert refused(client.get(URL))
    assert not menu_shows_privacy(client)


def test_a_superuser_may(editor, anna):
    assert editor.post(EXPORT_URL, {"email": ANNA}).status_code == 200


def test_the_lookup_shows_times_as_dutch_dates(redactie, anna):
    subscriber = anna["subscriber"]
    subscriber.created_at = timezone.make_aware(datetime.datetime(2026, 3, 9, 23, 30, 5, 123456))
    subscriber.save()
    response = redactie.post(URL, {"email": ANNA})

    table = BeautifulSoup(response.content, "html.parser").find(id="privacy-newsletter")
    text = table.get_text(" ", strip=True)
    assert "9 maart 2026 23:30:05" in text
    assert "2026-03-09" not in text
    assert "123456" not in text
    # Wide tables scroll sideways instead of being cut off.
    assert "privacy-table" in table.find_parent("div")["class"]
