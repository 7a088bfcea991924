import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests.factories import BlogIndexPageFactory, HomePageFactory


def tree_root():
    """Wagtail's root page; transactional tests flush the one migrations made."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture
def home_page(db):
    root = tree_root()
    # Replace the welcome page that Wagtail's own migrations create.
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, is_default_site=True, root_page=home)
    return home


@pytest.fixture
def blog_index(home_page):
    return BlogIndexPageFactory(parent=home_page)
