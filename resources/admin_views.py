"""The admin side of downloads: who asked for a gated file, and how often each
resource is downloaded. Registered in resources.wagtail_hooks; what the listing
of download requests shares with other records of readers is in core.reader_records."""

import datetime

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from core.reader_records import date_range_filter

from .models import DownloadRequest, DownloadTally, ResourcePage

DOWNLOADS_PERMISSION = "resources.view_downloadtally"


def resource_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Resource"), queryset=ResourcePage.objects.order_by("title")
    )


class DownloadRequestFilterSet(WagtailFilterSet):
    resource = resource_filter()
    created_at = date_range_filter("created_at", _("Requested between"))

    class Meta:
        model = DownloadRequest
        fields = ["resource", "created_at"]


class DownloadTallyFilterSet(WagtailFilterSet):
    resource = resource_filter()
    day = date_range_filter("day", _("Downloaded between"))

    class Meta:
        model = DownloadTally
        fields = ["resource", "day"]


class DownloadsPerWeekView(ReportView):
    """Downloads per resource per week, and the totals per resource, for the
    chosen period: the days are filtered before they are added up."""

    page_title = _("Downloads per week")
    header_icon = "download"
    results_template_name = "resources/admin/downloads_report_results.html"
    filterset_class = DownloadTallyFilterSet
    permission_required = "view"
    columns = [
        Column("week", label=_("Week starting")),
        Column("resource__title", label=_("Resource")),
        NumberColumn("downloads", label=_("Downloads")),
    ]
    list_export = ["week", "resource__title", "downloads"]
    export_headings = {
        "week": _("Week starting"),
        "resource__title": _("Resource"),
        "downloads": _("Downloads"),
    }
    export_filename = "downloads-per-week"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(DownloadTally)

    def get_queryset(self):
        return DownloadTally.objects.all()

    def get_filtered_queryset(self):
        return self.filter_queryset(self.get_queryset()).per_week()

    def resource_totals(self):
        """Downloads and download requests per resource in the chosen period,
        in one query (subqueries, so the two counts do not multiply each other)."""
        tallies = self.filter_queryset(self.get_queryset())
        requests = DownloadRequest.objects.all()
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
            if chosen.get("resource"):
                requests = requests.filter(resource=chosen["resource"])
            if period := chosen.get("day"):
                if period.start:
                    requests = requests.filter(created_at__gte=period.start)
                if period.stop:
                    requests = requests.filter(created_at__lte=period.stop)

        def total_per_resource(queryset, aggregate):
            return Coalesce(
                Subquery(
                    queryset.filter(resource=OuterRef("pk"))
                    .order_by()
                    .values("resource")
                    .annotate(total=aggregate)
                    .values("total"),
                    output_field=IntegerField(),
                ),
                0,
            )

        return (
            ResourcePage.objects.annotate(
                downloads=total_per_resource(tallies, Sum("count")),
                requests=total_per_resource(requests, Count("pk")),
            )
            .filter(Q(downloads__gt=0) | Q(requests__gt=0))
            .order_by("-downloads", "title")
            .values("pk", "title", "downloads", "requests")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["resource_totals"] = self.resource_totals()
        return context


class DownloadsPanel(Component):
    """On the admin dashboard: what was downloaded in the last four weeks."""

    template_name = "resources/admin/downloads_panel.html"
    order = 150
    days = 28
    max_rows = 10

    def get_context_data(self, parent_context):
        since = timezone.localdate() - datetime.timedelta(days=self.days - 1)
        rows = (
            DownloadTally.objects.filter(day__gte=since)
            .values("resource_id", "resource__title")
            .annotate(downloads=Sum("count"))
            .order_by("-downloads", "resource__title")[: self.max_rows]
        )
        return {
            "rows": rows,
            "since": since,
            "report_url": f"{reverse('downloads_per_week:index')}?day_from={since.isoformat()}",
        }
