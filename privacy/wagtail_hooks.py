"""The privacy-request page (privacy.views), for those who may delete every kind
of reader's record."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.viewsets import AdminPagesViewSet

from .records import may_handle_requests
from .views import EraseView, ExportView, PrivacyRequestView


class PrivacyRequestViewSet(AdminPagesViewSet):
    name = "privacy_request"
    url_prefix = "privacy"
    icon = "lock"
    menu_label = _("Privacy request")
    menu_name = "privacy-request"
    menu_order = 1350

    def user_may_use(self, user):
        return may_handle_requests(user)

    def get_urlpatterns(self):
        return [
            path("", PrivacyRequestView.as_view(), name="index"),
            path("export/", ExportView.as_view(), name="export"),
            path("erase/", EraseView.as_view(), name="erase"),
        ]


@hooks.register("register_admin_viewset")
def register_privacy_viewset():
    return PrivacyRequestViewSet()
