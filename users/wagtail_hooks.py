"""Inviting guest authors (users.views): a page for those allowed to invite."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .invitations import INVITE_PERMISSION
from .views import (
    GUEST_AUTHORS_URL_NAME,
    INVITE_AGAIN_URL_NAME,
    GuestAuthorsView,
    InviteAgainView,
)


@hooks.register("register_admin_urls")
def register_guest_author_urls():
    return [
        path("guest-authors/", GuestAuthorsView.as_view(), name=GUEST_AUTHORS_URL_NAME),
        path(
            "guest-authors/<int:pk>/invite-again/",
            InviteAgainView.as_view(),
            name=INVITE_AGAIN_URL_NAME,
        ),
    ]


class GuestAuthorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INVITE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_guest_authors_menu_item():
    return GuestAuthorsMenuItem(
        _("Guest authors"),
        reverse(GUEST_AUTHORS_URL_NAME),
        name="guest-authors",
        icon_name="user",
        order=850,
    )
