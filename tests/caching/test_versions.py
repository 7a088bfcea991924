"""Values kept under a version of their own (caching.versions.Versioned): the
footer's links and the wall of recognition use it through their pages; here
the mechanism itself, and which page changes make a family stale."""

import pytest
from django.core.cache.backends.redis import RedisCache
from wagtail.models import PageViewRestriction

from caching import versions
from caching.versions import Versioned
from pages.models import PrivacyPage
from tests.blog.factories import ArticlePageFactory
from tests.pages.factories import ContentPageFactory, PrivacyPageFactory


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_computed_once_until_forgotten():
    family, compute = Versioned("test-once"), Counter()
    assert family.remember("a", compute) == 1
    assert family.remember("a", compute) == 1
    family.forget()
    assert family.remember("a", compute) == 2


def test_families_are_kept_apart():
    one, other, compute = Versioned("test-one"), Versioned("test-other"), Counter()
    one.remember("a", compute)
    other.remember("a", compute)
    other.forget()
    assert one.remember("a", compute) == 1
    assert other.remember("a", compute) == 3


def test_an_unreachable_cache_computes_instead(monkeypatch):
    monkeypatch.setattr(versions, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    family, compute = Versioned("test-unreachable"), Counter()
    assert family.remember("a", compute) == 1
    assert family.remember("a", compute) == 2
    family.forget()  # logged, not raised


@pytest.mark.django_db
def test_a_value_stored_before_the_change_is_committed_is_stale_after_it(
    django_capture_on_commit_callbacks,
):
    family, compute = Versioned("test-commit"), Counter()
    family.remember("a", compute)
    with django_capture_on_commit_callbacks(execute=True):
        family.forget_now_and_on_commit()
        # Another request, still seeing the data of before, stores its result.
        assert family.remember("a", compute) == 2
    assert family.remember("a", compute) == 3


@pytest.mark.django_db(transaction=False)
class TestForgottenWhenAddressesChange:
    @pytest.fixture
    def family(self, home_page):
        family = Versioned("test-addresses")
        family.forget_when_addresses_change(PrivacyPage)
        return family

    @pytest.fixture
    def stale(self, family, django_capture_on_commit_callbacks):
        """stale(change): whether change() made the family's value stale."""

        def check(change):
            compute = Counter()
            family.remember("a", compute)  # computed now, or kept from before
            before = compute.calls
            with django_capture_on_commit_callbacks(execute=True):
                change()
            family.remember("a", compute)
            return compute.calls > before

        return check

    def test_a_page_of_the_type_saved_moved_or_deleted(self, stale, home_page):
        privacy = PrivacyPageFactory(parent=home_page)
        about = ContentPageFactory(parent=home_page, slug="over")
        assert stale(lambda: privacy.save_revision().publish())
        assert stale(lambda: privacy.move(about, pos="last-child"))
        assert stale(lambda: privacy.delete())

    def test_a_page_above_one_published_or_unpublished(self, stale, home_page):
        about = ContentPageFactory(parent=home_page, slug="over")
        PrivacyPageFactory(parent=about)
        about.refresh_from_db()
        assert stale(lambda: about.save_revision().publish())
        assert stale(lambda: about.unpublish())

    def test_a_page_made_private_or_the_site_changed(self, stale, home_page):
        PrivacyPageFactory(parent=home_page)
        site = home_page.get_site()
        restriction = []
        assert stale(
            lambda: restriction.append(
                PageViewRestriction.objects.create(
                    page=home_page, restriction_type=PageViewRestriction.LOGIN
                )
            )
        )
        assert stale(lambda: restriction[0].delete())
        assert stale(lambda: site.save())

    def test_not_an_article_published_or_deleted(self, stale, blog_index):
        article = ArticlePageFactory(parent=blog_index)
        assert not stale(lambda: article.save_revision().publish())
        assert not stale(lambda: article.delete())
