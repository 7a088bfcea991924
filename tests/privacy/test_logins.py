"""Logins with the address as username (django-axes keeps failed attempts, and
logs logins): shown with a privacy request, and erased with it."""

import json

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst

from tests.admin_helpers import dutch

from .conftest import ANNA, SECTION

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
URL = reverse("privacy_request:index")
EXPORT_URL = reverse("privacy_request:export")
ERASE_URL = reverse("privacy_request:erase")
MODELS = (AccessAttempt, AccessFailureLog, AccessLog)


def log_in(username, password):
    return Client().post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def logins(settings, django_user_model):
    """Someone whose username is Anna's address logged in; then Anna typed her
    address as a username, twice, and Bert his name."""
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    django_user_model.objects.create_user(ANNA, ANNA, "een-lang-wachtwoord")
    log_in(ANNA, "een-lang-wachtwoord")
    log_in("Anna@Example.nl", "fout")
    log_in("anna@example.nl", "nog eens fout")
    log_in("bert", "fout")
    assert AccessAttempt.objects.count() == 3  # one per username, as typed
    assert AccessFailureLog.objects.count() == 3
    assert AccessLog.objects.filter(username=ANNA).count() == 1


@pytest.fixture
def redactie(client, redacteur):
    client.force_login(redacteur)
    return client


def usernames(model):
    return sorted(model.objects.values_list("username", flat=True))


def test_the_lookup_and_export_show_the_logins_with_the_address(redactie, logins):
    response = redactie.post(URL, {"email": ANNA})

    page = BeautifulSoup(response.content, "html.parser")
    counts = [li.get_text(" ", strip=True) for li in page.find(id="privacy-counts")("li")]
    for label, count in [("failed logins", 2), ("failed logins (log)", 2), ("logins", 1)]:
        assert f"{capfirst(dutch(label))}: {count}" in counts
    attempts = page.find(id="privacy-failed_logins").get_text(" ", strip=True)
    assert "Anna@Example.nl" in attempts
    assert "bert" not in attempts

    data = json.loads(redactie.post(EXPORT_URL, {"email": ANNA}).content)
    assert sorted(row["gebruikersnaam"] for row in data[SECTION["failed_logins"]]) == [
        "Anna@Example.nl",
        "anna@example.nl",
    ]
    assert len(data[SECTION["failed_login_log"]]) == 2
    assert data[SECTION["logins"]][0]["gebruikersnaam"] == ANNA


def test_the_erasure_removes_them_and_leaves_the_others(redactie, logins):
    redactie.post(ERASE_URL, {"email": ANNA, "confirmation": "1", "confirm": "on"})

    assert usernames(AccessAttempt) == usernames(AccessFailureLog) == ["bert"]
    assert usernames(AccessLog) == ["redacteur"]


def test_the_command_erases_them(logins, capsys):
    call_command("privacy_erase", ANNA, "--yes")

    out = capsys.readouterr().out
    assert "failed_logins: 2" in out
    assert "logins: 1" in out
    assert usernames(AccessAttempt) == ["bert"]
