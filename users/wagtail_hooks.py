"""Inviting guest authors (users.views): a page for those allowed to invite;
and the menus without what users.admin_guard refuses a guest author."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.viewsets import AdminPagesViewSet

from .admin_guard import may_open_url
from .invitations import INVITE_PERMISSION
from .views import GuestAuthorsView, InviteAgainView


class GuestAuthorsViewSet(AdminPagesViewSet):
    name = "guest_authors"
    url_prefix = "guest-authors"
    icon = "user"
    menu_label = _("Guest authors")
    menu_name = "guest-authors"
    menu_order = 850

    def user_may_use(self, user):
        return user.has_perm(INVITE_PERMISSION)

    def get_urlpatterns(self):
        return [
            path("", GuestAuthorsView.as_view(), name="index"),
            path("<int:pk>/invite-again/", InviteAgainView.as_view(), name="invite_again"),
        ]


@hooks.register("register_admin_viewset")
def register_guest_authors_viewset():
    return GuestAuthorsViewSet()


def leave_out_what_is_refused(request, menu_items):
    """No menu item that leads a guest author to a refusal (users.admin_guard)."""
    menu_items[:] = [item for item in menu_items if may_open_url(request, item.url)]


for menu in ("main", "reports", "settings", "help"):
    hooks.register(f"construct_{menu}_menu", leave_out_what_is_refused)
