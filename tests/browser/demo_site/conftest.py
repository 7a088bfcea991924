"""The browser tests that only read the demo content, all against one demo site."""

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from authors.models import Author
from blog.models import ArticlePage
from tests.conftest import tree_root


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
        "recognition wall": "/herkenning/",
        "story, a broken withdrawal link": "/deel-je-verhaal/intrekken/?t=kapot",
        "about page": "/over/",
        "privacy statement": "/privacy/",
    }


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content behind a live server of its own, for the tests of this
    package, which only read it: loaded once and committed (the server may use
    another connection), and the database emptied when the package is done, as
    after a transactional test. Its modules mark their tests `django_db` and
    `xdist_group("browser-demo-site")`, and ask for neither `live_server` nor a
    transactional database: pytest-django would then empty the database after
    each test. They run among the transactional tests, last (tests/conftest.py),
    all on one worker, so the demo content is loaded and its image renditions
    made once."""
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
