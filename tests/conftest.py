import contextlib

import pytest
from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from tests.admin_helpers import make_user, member_of
from tests.blog.factories import BlogIndexPageFactory
from tests.home.factories import HomePageFactory
from tests.resources.factories import ResourceIndexPageFactory
from users.roles import EDITORS, GUEST_AUTHORS

# mail_server: a real SMTP server for the tests that send mail.
pytest_plugins = ["tests.mail_server"]


def _is_transactional(item):
    if item.get_closest_marker("browser"):  # a live server: committed data
        return True
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def pytest_configure(config):
    """pytest-xdist's default order (largest group first) would run the
    transactional groups before the rest; their flush removes what the
    migrations made (collections, roles, the root page) for the others."""
    if getattr(config.option, "dist", "no") == "loadgroup" and config.option.loadscopereorder:
        raise pytest.UsageError("Use --no-loadscope-reorder with --dist loadgroup.")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the transactional (live-server, browser) tests last.

    They commit data and flush the database afterwards, so every test that
    runs inside a transaction must come before them (as in Django's runner).
    And stop when pytest-xdist lost the groups (`--dist loadgroup`, after its
    own hook): a module that shares its data (`xdist_group`) would build it
    on each worker.
    """
    items.sort(key=_is_transactional)
    if getattr(config.option, "loadgroup", False):
        grouped = [item.nodeid for item in items if item.get_closest_marker("xdist_group")]
        lost = [nodeid for nodeid in grouped if "@" not in nodeid]
        if lost:
            raise pytest.UsageError(f"pytest-xdist did not group {lost[0]} ({len(lost)} in all)")


@contextlib.contextmanager
def shared_data(django_db_blocker, build):
    """What build() makes, for all tests of a module or class: built once in a
    transaction that is rolled back when they are done. Each test still runs
    in a savepoint of its own (pytest-django's `db`), so whatever one test
    changes is undone before the next. Hand the tests ids or paths rather than
    model instances, which a test could change in memory for the others. Not
    for transactional tests (live server, browser): they need committed data.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def tree_root():
    """Wagtail's root page and root collection, also after a flush.

    Live-server tests flush the database, which removes what Wagtail's
    migrations created; later live-server tests recreate it here.
    """
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def make_site():
    """A home page as the default site's root, replacing Wagtail's welcome page."""
    root = tree_root()
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, is_default_site=True, root_page=home)
    return home


@pytest.fixture
def home_page(db):
    return make_site()


@pytest.fixture
def blog_index(home_page):
    return BlogIndexPageFactory(parent=home_page)


@pytest.fixture
def resource_index(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def editor(client, admin_user):
    """The test client, logged in to the admin as a superuser."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def guest(client, django_user_model):
    """The test client with admin access and nothing more, as a guest author will have."""
    client.force_login(make_user(django_user_model, "gast"))
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages, related-article rankings)."""
    from django.core.cache import cache

    from caching import page_cache

    cache.clear()
    page_cache.forget_local()


@pytest.fixture
def ilse(django_user_model):
    """A guest author (Gastauteurs), with an address."""
    return member_of(django_user_model, GUEST_AUTHORS, "ilse", first_name="Ilse", last_name="Bos")


@pytest.fixture
def redacteur(django_user_model):
    """A member of the editors' group (Redactie), with an address."""
    return member_of(django_user_model, EDITORS, "redacteur", first_name="Ruud")
