from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from authors.views import AuthorViewSet
from themes.views import ThemeViewSet

from .admin_access import PagePolicy, pages_for_chooser
from .admin_listing import ArticlePagesViewSet, PagesViewSet, count_findable_pages
from .admin_planning import PlanningViewSet
from .dashboard import add_my_articles_panel
from .review import review_actions

# Before anything asks the registry for the page policy (Wagtail's advice).
register_permission_policy(Page, PagePolicy(Page))

hooks.register("construct_page_chooser_queryset", pages_for_chooser)
hooks.register("construct_homepage_panels", add_my_articles_panel)
hooks.register("construct_page_action_menu", review_actions)
# After Wagtail's own (order 0): these replace its page views and its page count.
hooks.register("register_admin_viewset", PagesViewSet, order=1)
# The articles' own: the blog's listing with their authors and dates.
hooks.register("register_admin_viewset", ArticlePagesViewSet, order=1)
hooks.register("construct_homepage_summary_items", count_findable_pages, order=1)


class BlogViewSetGroup(SnippetViewSetGroup):
    """Under Blog in the menu: the editors' planning, and what articles are
    tagged and credited with."""

    items = (PlanningViewSet, ThemeViewSet, AuthorViewSet)
    menu_icon = "doc-full"
    menu_label = _("Blog")
    menu_name = "blog"


register_snippet(BlogViewSetGroup)
