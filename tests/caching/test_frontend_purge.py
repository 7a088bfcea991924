"""A CDN in front of the site hears about published pages (Wagtail's frontend-cache app)."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

purged = []


class RecordingBackend(BaseBackend):
    """Stands in for Cloudflare or Varnish: remembers what it was asked to purge."""

    def purge(self, url):
        purged.append(url)


@pytest.fixture(autouse=True)
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.caching.test_frontend_purge.RecordingBackend"}
    }
    # The CDN caches the public address, whatever the Wagtail Site's hostname says.
    settings.WAGTAILADMIN_BASE_URL = "https://www.directeurskamer.nl"
    purged.clear()


def test_publishing_purges_the_article_from_the_cdn(blog_index):
    article = ArticlePageFactory(parent=blog_index, live=False)
    article.save_revision().publish()
    assert "https://www.directeurskamer.nl/blog/" + article.slug + "/" in purged


def test_unpublishing_purges_it_too(blog_index):
    article = ArticlePageFactory(parent=blog_index)
    purged.clear()
    article.unpublish()
    assert "https://www.directeurskamer.nl/blog/" + article.slug + "/" in purged


def test_nothing_is_purged_without_a_configured_cdn(settings, blog_index):
    settings.WAGTAILFRONTENDCACHE = {}
    purged.clear()
    ArticlePageFactory(parent=blog_index, live=False).save_revision().publish()
    assert purged == []
