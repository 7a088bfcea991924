from django.contrib.auth.models import Permission
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.reader_records import ReaderRecordViewSet, ViewAndDeletePermissionPolicy

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

    def get_queryset(self, request):
        return DownloadRequest.objects.select_related("resource")


register_snippet(DownloadRequestViewSet)


@hooks.register("register_permissions")
def register_download_report_permission():
    return Permission.objects.filter(
        content_type__app_label="resources", codename="view_downloadtally"
    )


@hooks.register("register_admin_urls")
def register_download_report_urls():
    return [
        path(
            "reports/downloads-per-week/",
            DownloadsPerWeekView.as_view(),
            name=DownloadsPerWeekView.index_url_name,
        ),
        path(
            "reports/downloads-per-week/results/",
            DownloadsPerWeekView.as_view(results_only=True),
            name=DownloadsPerWeekView.index_results_url_name,
        ),
    ]


class DownloadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DOWNLOADS_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_download_report_menu_item():
    return DownloadsReportMenuItem(
        _("Downloads per week"),
        reverse(DownloadsPerWeekView.index_url_name),
        name="downloads-per-week",
        icon_name="download",
        order=1300,
    )


@hooks.register("construct_homepage_panels")
def add_downloads_panel(request, panels):
    if request.user.has_perm(DOWNLOADS_PERMISSION):
        panels.append(DownloadsPanel())
