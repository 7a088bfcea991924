import pytest
from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from tests.admin_helpers import make_user, member_of
from tests.blog.factories import BlogIndexPageFactory
from tests.home.factories import HomePageFactory
from tests.resources.factories import ResourceIndexPageFactory
from users.roles import EDITORS, GUEST_AUTHORS

# mail_server: a real SMTP server for the tests that send mail.
pytest_plugins = ["tests.mail_server"]


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the transactional (live-server, browser) tests last.

    They commit data and flush the database afterwards, so every test that
    runs inside a transaction must come before them (as in Django's runner).
    """
    items.sort(key=_is_transactional)


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
    page_cache._recent.clear()


@pytest.fixture
def ilse(django_user_model):
    """A guest author (Gastauteurs), with an address."""
    return member_of(django_user_model, GUEST_AUTHORS, "ilse", first_name="Ilse", last_name="Bos")


@pytest.fixture
def redacteur(django_user_model):
    """A member of the editors' group (Redactie), with an address."""
    return member_of(django_user_model, EDITORS, "redacteur", first_name="Ruud")
