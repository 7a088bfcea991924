from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, BlogIndexPage
from contributions.models import RecognitionPage
from home.models import HomePage
from pages.models import ContentPage, PrivacyPage
from resources.models import ResourceIndexPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(BlogIndexPage, HomePage)
        self.assertCanNotCreateAt(ArticlePage, HomePage)

    def test_blog_index_only_under_home(self):
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanNotCreateAt(Page, BlogIndexPage)
        self.assertCanNotCreateAt(BlogIndexPage, BlogIndexPage)

    def test_articles_only_under_the_blog_and_have_no_children(self):
        self.assertAllowedSubpageTypes(BlogIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(
            HomePage,
            {BlogIndexPage, ResourceIndexPage, ContentPage, PrivacyPage, RecognitionPage},
        )

    def test_singletons(self):
        assert HomePage.max_count == 1
        assert BlogIndexPage.max_count == 1
