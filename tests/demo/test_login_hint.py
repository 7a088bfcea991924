"""`make run` prints where to log in: at the address and port it serves on."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_login_hint_names_the_sites_address(settings, home_page):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8042"
    out = io.StringIO()
    call_command("ensure_demo_accounts", stdout=out)
    assert "Log in at http://127.0.0.1:8042/admin/ as 'redacteur'" in out.getvalue()


def test_make_run_gives_its_commands_the_address_with_its_port():
    # Each command `make run` runs only prints the address it would use.
    env = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(
        ["make", "-s", "run", "PORT=8042", "MANAGE=printenv WAGTAILADMIN_BASE_URL #"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    printed = result.stdout.split()
    assert printed, result.stderr
    assert set(printed) == {"http://127.0.0.1:8042"}
