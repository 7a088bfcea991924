"""The security headers every public response carries, and the admin's own path."""

import pytest

from tests.site.test_settings import manage

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_a_public_page_carries_the_policy_and_headers_also_from_the_cache(client, home_page):
    for attempt in ("rendered", "from the cache"):
        response = client.get("/")
        assert response.status_code == 200, attempt
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], attempt
        assert policy["style-src"] == ["'self'"], attempt
        assert policy["object-src"] == ["'none'"], attempt
        assert policy["frame-ancestors"] == ["'none'"], attempt
        assert "camera=()" in response["Permissions-Policy"], attempt
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", attempt
        assert response["X-Content-Type-Options"] == "nosniff", attempt
        assert response["X-Frame-Options"] == "DENY", attempt


def test_the_forms_carry_it_too(client, home_page):
    for path in ("/deel-je-verhaal/", "/nieuwsbrief/", "/zoeken/?q=x", "/robots.txt"):
        assert "default-src 'self'" in client.get(path)["Content-Security-Policy"], path


def test_the_admin_goes_without_the_policy(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_can_live_at_another_path(tmp_path):
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.urls import reverse; from django.test import Client; "
        "print(reverse('wagtailadmin_home')); "
        "print(Client().get('/robots.txt').content.decode().count('beheer'))",
        ADMIN_PATH="/beheer-7f3k/",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/beheer-7f3k/", "0"]
