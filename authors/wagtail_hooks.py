"""A guest author's own profile in the admin menu (authors.views). The editors'
listing of authors is in the Blog menu (blog.wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from users.roles import is_guest_author

from .views import OwnAuthorProfileView


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
