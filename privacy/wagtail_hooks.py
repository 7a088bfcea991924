"""The privacy-request page (privacy.views), for those who may delete every kind
of reader's record."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .records import may_handle_requests
from .views import (
    ERASE_URL_NAME,
    EXPORT_URL_NAME,
    PRIVACY_REQUEST_URL_NAME,
    EraseView,
    ExportView,
    PrivacyRequestView,
)


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("privacy/", PrivacyRequestView.as_view(), name=PRIVACY_REQUEST_URL_NAME),
        path("privacy/export/", ExportView.as_view(), name=EXPORT_URL_NAME),
        path("privacy/erase/", EraseView.as_view(), name=ERASE_URL_NAME),
    ]


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return PrivacyMenuItem(
        _("Privacy request"),
        reverse(PRIVACY_REQUEST_URL_NAME),
        name="privacy-request",
        icon_name="lock",
        order=1350,
    )
