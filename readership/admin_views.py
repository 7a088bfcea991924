"""The reading figures in the admin, for the editors: a dashboard panel, the
overview per article (Rapporten → Leescijfers) and each article's own report
with its weeks as a chart and a table. Registered in readership.wagtail_hooks.

Guest authors see none of it, not even their own articles' figures: the
admin they get is for writing (users.admin_guard), and figures set side by
side with the others' are the editors' to weigh.
"""

import datetime
import math

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from blog.models import ArticlePage
from core.reader_records import csv_text, date_range_filter

from .models import FIGURES, TOTALS, ArticleTally, week_start

READING_PERMISSION = "readership.view_articletally"
ARTICLE_URL_NAME = "readership_article"

# An article's report covers this many weeks, the current one included;
# the dashboard this many.
REPORT_WEEKS = 12
PANEL_WEEKS = 4
PANEL_ARTICLES = 5

FIGURE_LABELS = {
    figure: capfirst(ArticleTally._meta.get_field(figure).verbose_name) for figure in FIGURES
}


def may_see_figures(user):
    return user.has_perm(READING_PERMISSION)


def article_report_url(article_id):
    return reverse(ARTICLE_URL_NAME, args=[article_id])


def first_day_of(weeks, today=None):
    """The Monday that starts the last `weeks` weeks, this one included."""
    return week_start(today or timezone.localdate()) - datetime.timedelta(weeks=weeks - 1)


def every_week(rows, first, weeks):
    """rows from per_week() for each of `weeks` weeks from `first`, with
    zeros for a week without any."""
    by_week = {_as_date(row["week"]): row for row in rows}
    result = []
    for number in range(weeks):
        start = first + datetime.timedelta(weeks=number)
        found = by_week.get(start, {})
        result.append(
            {"week": start, **{figure: found.get(TOTALS[figure]) or 0 for figure in FIGURES}}
        )
    return result


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def share(part, whole):
    """`part` as a whole percentage of `whole` ("42"), or None without a whole."""
    return round(100 * part / whole) if whole else None


# The chart: views and reads to the end per week, as bars in an SVG drawn here.

CHART_PLOT_HEIGHT = 160
CHART_TOP = 12  # room above the plot for the highest scale label
CHART_LABELS_HEIGHT = 24  # below the plot, for the week labels
CHART_LEFT = 44  # left of the plot, for the scale labels
CHART_WEEK_WIDTH = 44
CHART_BAR_WIDTH = 16


def rounded_top(value):
    """The top of the scale: `value` rounded up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def weekly_chart(weeks):
    """What templates/readership/admin/weekly_chart.html draws, in the SVG's units."""
    top = rounded_top(max(week["views"] for week in weeks))
    bottom = CHART_TOP + CHART_PLOT_HEIGHT

    def height(value):
        return round(CHART_PLOT_HEIGHT * value / top, 1)

    bars = []
    for number, week in enumerate(weeks):
        left = CHART_LEFT + number * CHART_WEEK_WIDTH + 4
        views, ends = height(week["views"]), height(week["reads_to_end"])
        bars.append(
            {
                "week": week,
                "views": {"x": left, "y": bottom - views, "height": views},
                "ends": {"x": left + CHART_BAR_WIDTH + 2, "y": bottom - ends, "height": ends},
                # Every other week is named (the last one always): more do not fit on a phone.
                "label": (
                    {"x": left + CHART_BAR_WIDTH + 1, "text": date_format(week["week"], "j b")}
                    if (len(weeks) - 1 - number) % 2 == 0
                    else None
                ),
            }
        )
    steps = (0, top // 2, top) if top % 2 == 0 else (0, top)
    scale = [{"value": value, "y": bottom - height(value)} for value in steps]
    width = CHART_LEFT + len(weeks) * CHART_WEEK_WIDTH
    return {
        "width": width,
        "height": bottom + CHART_LABELS_HEIGHT,
        "plot_left": CHART_LEFT,
        "plot_right": width,
        "bar_width": CHART_BAR_WIDTH,
        "label_y": bottom + 16,
        "bars": bars,
        "scale": scale,
    }


# The overview: every article's figures in a chosen period.


class ArticleTallyFilterSet(WagtailFilterSet):
    article = django_filters.ModelChoiceFilter(
        label=_("Article"), queryset=ArticlePage.objects.order_by("title")
    )
    day = date_range_filter("day", _("Between"))

    class Meta:
        model = ArticleTally
        fields = ["article", "day"]


class ReadingFiguresView(ReportView):
    page_title = _("Reading figures")
    header_icon = "view"
    results_template_name = "readership/admin/report_results.html"
    filterset_class = ArticleTallyFilterSet
    permission_required = "view"
    columns = [
        TitleColumn(
            "article__title",
            label=_("Article"),
            get_url=lambda row: article_report_url(row["article_id"]),
        ),
        *(NumberColumn(TOTALS[figure], label=FIGURE_LABELS[figure]) for figure in FIGURES),
    ]
    list_export = ["article__title", *TOTALS.values()]
    export_headings = {
        "article__title": _("Article"),
        **{TOTALS[figure]: label for figure, label in FIGURE_LABELS.items()},
    }
    export_filename = "reading-figures"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {"csv": csv_text},
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(ArticleTally)

    def get_queryset(self):
        return ArticleTally.objects.all()

    def get_filtered_queryset(self):
        return self.filter_queryset(self.get_queryset()).per_article()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        totals = self.filter_queryset(self.get_queryset()).totals()
        context["totals"] = [(FIGURE_LABELS[figure], totals[figure]) for figure in FIGURES]
        return context


# One article's report.


class ArticleFiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "readership/admin/article_figures.html"
    page_title = _("Reading figures")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns this into its "no permission" message and redirect.
        if not may_see_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def article(self):
        article = ArticlePage.objects.filter(pk=self.kwargs["page_id"]).first()
        if article is None:
            raise Http404
        return article

    def get_page_subtitle(self):
        return self.article.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reading_figures:index"), "label": self.page_title},
            {"url": "", "label": self.article.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = first_day_of(REPORT_WEEKS)
        tallies = ArticleTally.objects.filter(article=self.article, day__gte=first)
        weeks = every_week(tallies.per_week(), first, REPORT_WEEKS)
        totals = {figure: sum(week[figure] for week in weeks) for figure in FIGURES}
        context.update(
            {
                "article": self.article,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[self.article.pk]),
                "weeks": weeks,
                "chart": weekly_chart(weeks),
                "since": first,
                "total_rows": [
                    {
                        "label": FIGURE_LABELS[figure],
                        "value": totals[figure],
                        "share": (
                            share(totals["reads_to_end"], totals["views"])
                            if figure == "reads_to_end"
                            else None
                        ),
                    }
                    for figure in FIGURES
                ],
                "labels": FIGURE_LABELS,
            }
        )
        return context


class ReadingPanel(Component):
    """On the dashboard: the last weeks' totals and the most read articles."""

    template_name = "readership/admin/reading_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        first = first_day_of(PANEL_WEEKS)
        recent = ArticleTally.objects.since(first)
        weeks = every_week(recent.per_week(), first, PANEL_WEEKS)
        articles = [
            {
                "title": row["article__title"],
                "url": article_report_url(row["article_id"]),
                **{figure: row[TOTALS[figure]] for figure in FIGURES},
            }
            for row in recent.per_article().filter(total_views__gt=0)[:PANEL_ARTICLES]
        ]
        return {
            "weeks": list(reversed(weeks)),  # the current week first
            "articles": articles,
            "since": first,
            "labels": FIGURE_LABELS,
            "report_url": f"{reverse('reading_figures:index')}?day_from={first.isoformat()}",
        }
