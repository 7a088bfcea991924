"""Logins to the admin: too many failures lock a username out from that address."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def ilse(django_user_model):
    return django_user_model.objects.create_user("ilse", "ilse@example.nl", PASSWORD)


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_five_failures_lock_the_username_out_from_that_address(client, ilse):
    for _ in range(4):
        assert attempt(client, "ilse", "fout").status_code == 200
    locked = attempt(client, "ilse", "fout")
    assert locked.status_code == 429
    # Even the right password waits now.
    response = attempt(client, "ilse", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te vaak" in html
    assert "15 minuten" in html
    assert not is_logged_in(client)


def test_the_lock_is_per_username_and_address(client, ilse, django_user_model):
    django_user_model.objects.create_user("bram", "bram@example.nl", PASSWORD)
    for _ in range(5):
        attempt(client, "ilse", "fout")
    # The same name from another address, and another name from the same address.
    elsewhere = Client()
    attempt(elsewhere, "ilse", PASSWORD, address="198.51.100.4")
    assert is_logged_in(elsewhere)
    colleague = Client()
    attempt(colleague, "bram", PASSWORD)
    assert is_logged_in(colleague)


def test_a_successful_login_resets_the_count(client, ilse):
    for _ in range(4):
        attempt(client, "ilse", "fout")
    attempt(client, "ilse", PASSWORD)
    assert is_logged_in(client)
    client.logout()
    for _ in range(4):
        assert attempt(client, "ilse", "fout").status_code == 200
    attempt(client, "ilse", PASSWORD)
    assert is_logged_in(client)


def test_an_admin_session_ends_with_the_browser_or_after_a_working_day(client, ilse):
    attempt(client, "ilse", PASSWORD)
    assert client.cookies["sessionid"]["max-age"] == ""  # until the browser closes
    client.post(LOGIN, {"username": "ilse", "password": PASSWORD, "remember": "on"})
    assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60


@pytest.mark.parametrize("password", ["kort", "12345678901234", "ilse@example.nl"])
def test_weak_passwords_are_refused_when_set(password, ilse):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, ilse)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(client, ilse):
    def through_proxy(visitor, password):
        return client.post(
            LOGIN,
            {"username": "ilse", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for forged in range(5):  # an attacker cannot escape by making up addresses
        through_proxy(f"198.51.100.{forged}, 203.0.113.7", "fout")
    assert through_proxy("203.0.113.7", PASSWORD).status_code == 429
    through_proxy("203.0.113.8", PASSWORD)  # another visitor, same proxy
    assert is_logged_in(client)
