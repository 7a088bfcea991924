from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from users.roles import is_guest_author

from .admin_access import PagePolicy, pages_for_chooser
from .dashboard import add_my_articles_panel
from .models import Author, Theme
from .views import OwnAuthorProfileView

# Before anything asks the registry for the page policy (Wagtail's advice).
register_permission_policy(Page, PagePolicy(Page))

hooks.register("construct_page_chooser_queryset", pages_for_chooser)
hooks.register("construct_homepage_panels", add_my_articles_panel)


class OwnProfileMenuItem(MenuItem):
    def is_shown(self, request):
        return is_guest_author(request.user)


@hooks.register("register_admin_urls")
def own_author_profile_urls():
    return [path("mijn-profiel/", OwnAuthorProfileView.as_view(), name="own_author_profile")]


@hooks.register("register_admin_menu_item")
def own_author_profile_menu_item():
    return OwnProfileMenuItem(
        _("Your author profile"), reverse("own_author_profile"), icon_name="user", order=250
    )


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "user"]
    list_filter = ["role"]
    search_fields = ["name", "role"]
    ordering = ["name"]


class BlogViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AuthorViewSet)
    menu_icon = "doc-full"
    menu_label = _("Blog")
    menu_name = "blog"


register_snippet(BlogViewSetGroup)
