from django.contrib.auth.models import Permission
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy

from core.reader_records import ReaderRecordViewSet, ViewAndDeletePermissionPolicy
from core.viewsets import AdminPagesViewSet

from .admin_views import (
    DOWNLOADS_PERMISSION,
    DownloadRequestFilterSet,
    DownloadsPanel,
    DownloadsPerWeekView,
)
from .choices import Access
from .models import DownloadRequest, ResourcePage
from .permissions import may_open_any_document


@hooks.register("before_serve_document")
def guard_gated_documents(document, request):
    """A gated resource's file is served only through its signed link (or to editors):
    its ordinary document URL sends a reader to the resource's page and its form."""
    link_resource = getattr(request, "download_link_resource", None)
    if link_resource is not None and link_resource.document_id == document.pk:
        return None
    gated = ResourcePage.objects.filter(document=document, access=Access.GATED).first()
    if gated is None or may_open_any_document(request.user, document):
        return None
    if gated.live:
        return redirect(gated.url)
    raise Http404


# Download requests and download counts: for editors only (see resources.admin_views
# and core.reader_records).

register_permission_policy(DownloadRequest, ViewAndDeletePermissionPolicy(DownloadRequest))


class DownloadRequestViewSet(ReaderRecordViewSet):
    model = DownloadRequest
    name = "download_requests"
    url_prefix = "downloads/requests"
    icon = "download"
    menu_label = _("Download requests")
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "email",
        "name",
        "role",
        "resource",
        BooleanColumn("newsletter", label=_("Newsletter")),
    ]
    filterset_class = DownloadRequestFilterSet
    search_fields = ["email", "name"]
    list_export = [
        "created_at",
        "email",
        "name",
        "get_role_display",
        "resource.title",
        "newsletter",
        "consent_text",
    ]
    export_headings = {
        "created_at": _("Requested at"),
        "get_role_display": _("Role"),
        "resource.title": _("Resource"),
        "newsletter": _("Wants the newsletter"),
        "consent_text": _("Consent given"),
    }
    export_filename = "download-requests"
    inspect_view_fields = [
        "created_at",
        "email",
        "name",
        "role",
        "resource",
        "newsletter",
        "consent_text",
    ]
    ordering = ["-created_at"]

    def get_queryset(self):
        return DownloadRequest.objects.select_related("resource")


class DownloadsReportViewSet(AdminPagesViewSet):
    """Rapporten → Downloads per week."""

    name = "downloads_per_week"
    url_prefix = "reports/downloads-per-week"
    icon = "download"
    menu_label = _("Downloads per week")
    menu_name = "downloads-per-week"
    menu_order = 1300
    menu_hook = "register_reports_menu_item"

    def user_may_use(self, user):
        return user.has_perm(DOWNLOADS_PERMISSION)

    def get_urlpatterns(self):
        urls = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("results"),
        }
        return [
            path("", DownloadsPerWeekView.as_view(**urls), name="index"),
            path(
                "results/", DownloadsPerWeekView.as_view(results_only=True, **urls), name="results"
            ),
        ]


@hooks.register("register_admin_viewset")
def register_download_viewsets():
    return [DownloadRequestViewSet(), DownloadsReportViewSet()]


@hooks.register("register_permissions")
def register_download_report_permission():
    return Permission.objects.filter(
        content_type__app_label="resources", codename="view_downloadtally"
    )


@hooks.register("construct_homepage_panels")
def add_downloads_panel(request, panels):
    if request.user.has_perm(DOWNLOADS_PERMISSION):
        panels.append(DownloadsPanel())
