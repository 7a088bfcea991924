"""Playwright drives Debian's Chromium; the browser cannot be downloaded here.

Without /usr/bin/chromium the browser tests are skipped on a developer's
machine, but fail when REQUIRE_BROWSER or CI is set, so CI never passes
without them.
"""

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from authors.models import Author
from blog.models import ArticlePage
from tests.conftest import tree_root
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


@dataclass(frozen=True)
class DemoSite:
    url: str  # the live server's
    paths: dict  # a path for each kind of public page, by name


def demo_paths():
    article = ArticlePage.objects.live().order_by("-publication_date").first()
    author = Author.objects.order_by("name").first()
    return {
        "home": "/",
        "blog index": "/blog/",
        "theme overview": "/blog/themas/",
        "theme page": "/blog/thema/passend-onderwijs/",
        "author page": f"/blog/auteur/{author.slug}/",
        "article": article.url,
        "downloads": "/downloads/",
        "gated e-book": "/downloads/e-book-even-stilstaan/",
        "online questionnaire": "/downloads/reflectievragenlijst-intensieve-zorgtrajecten/",
        "search form": "/zoeken/",
        "search results": "/zoeken/?q=school",
        "not found": "/blog/thema/bestaat-niet/",
        "newsletter": "/nieuwsbrief/",
        "share your story": "/deel-je-verhaal/",
        "write a guest blog": "/schrijf-een-gastblog/",
        "newsletter, check your inbox": "/nieuwsbrief/bijna-klaar/",
        "newsletter, a broken confirmation link": "/nieuwsbrief/bevestigen/?t=kapot",
        "newsletter, a broken unsubscribe link": "/nieuwsbrief/afmelden/?t=kapot",
    }


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content behind a live server of its own, for the tests of a
    module that only read it: loaded once and committed (the server may use
    another connection), and the database emptied afterwards, as after a
    transactional test. Such a module marks its tests `django_db` and asks for
    neither `live_server` nor a transactional database: pytest-django would
    then empty the database after each test. Its tests run among the
    transactional ones, last (tests/conftest.py)."""
    with django_db_blocker.unblock():  # for the server's thread too
        server = LiveServer("localhost")
        try:
            tree_root()
            call_command("load_demo_content", stdout=io.StringIO())
            yield DemoSite(url=server.url, paths=demo_paths())
        finally:
            server.stop()
            for alias in connections:
                call_command("flush", verbosity=0, interactive=False, database=alias)
