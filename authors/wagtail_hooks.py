"""A guest author's own profile in the admin menu (authors.views). The editors'
listing of authors is in the Blog menu (blog.wagtail_hooks)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.viewsets import AdminPagesViewSet
from users.roles import is_guest_author

from .views import OwnAuthorProfileView


class OwnAuthorProfileViewSet(AdminPagesViewSet):
    name = "own_author_profile"
    url_prefix = "mijn-profiel"
    icon = "user"
    menu_label = _("Your author profile")
    menu_order = 250

    def user_may_use(self, user):
        return is_guest_author(user)

    def get_urlpatterns(self):
        return [path("", OwnAuthorProfileView.as_view(), name="edit")]


@hooks.register("register_admin_viewset")
def register_own_author_profile_viewset():
    return OwnAuthorProfileViewSet()
