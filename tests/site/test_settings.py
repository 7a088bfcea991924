import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="www.dedirecteurskamer.nl",
        WAGTAILADMIN_BASE_URL="https://www.dedirecteurskamer.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "base_url",
    [None, "http://www.dedirecteurskamer.nl", "https://elders.example.nl", "nonsense"],
)
def test_the_deploy_check_wants_the_public_address(base_url):
    env = {"WAGTAILADMIN_BASE_URL": base_url} if base_url else {}
    result = manage(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="www.dedirecteurskamer.nl",
        **env,
    )
    assert result.returncode != 0
    assert "core.E001" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="site_config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_base_settings_are_safe_by_default():
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.LANGUAGE_CODE, "
        "s.TIME_ZONE)",
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY="x" * 60,
    )
    assert result.stdout.split() == ["False", "True", "True", "nl", "Europe/Amsterdam"]


@pytest.mark.django_db
def test_demo_admin_is_never_created_without_debug():
    with pytest.raises(CommandError):
        call_command("ensure_demo_accounts")


def test_static_files_collect_into_a_hashed_manifest(tmp_path):
    result = manage(
        "collectstatic",
        "--noinput",
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY="x" * 60,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
