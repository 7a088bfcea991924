"""Playwright drives Debian's Chromium; the browser cannot be downloaded here.

Without /usr/bin/chromium the browser tests are skipped on a developer's
machine, but fail when REQUIRE_BROWSER or CI is set, so CI never passes
without them.
"""

import os
from pathlib import Path

import pytest

from tests.services import require

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in the test thread, while the test
# code (and the database flush after it) uses the ORM synchronously, which is
# safe here. Subprocesses started by other tests drop this variable again.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe_script():
    require(
        AXE.exists(),
        f"axe-core not found at {AXE}: run `npm ci` (make test does).",
        flag="REQUIRE_BROWSER",
    )
    return AXE


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(
        CHROMIUM.exists(),
        f"Chromium not found at {CHROMIUM}: install Debian's chromium package.",
        flag="REQUIRE_BROWSER",
    )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def site_address(request, settings):
    """Links in pages and mails (core.site_url) point at the live server."""
    if "live_server" in request.fixturenames:
        settings.WAGTAILADMIN_BASE_URL = request.getfixturevalue("live_server").url
