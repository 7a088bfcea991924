"""The editors' admin page for a reader's privacy request (AVG): look up an
address, download what is stored about it as JSON, or erase it all after a
confirmation. Registered in privacy.wagtail_hooks; the work is in privacy.records."""

import datetime
import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .drafts import DraftChoiceMissing, DraftStillQuotes
from .forms import ErasureForm, PrivacyRequestForm
from .records import drafts_quoting, erase, export, installed_kinds, may_handle_requests

# privacy.wagtail_hooks registers these views under this name.
INDEX_URL_NAME = "privacy_request:index"


class PrivacyPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns this into its "no permission" message and redirect.
        if not may_handle_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def display_value(record, field):
    if field.is_relation:
        return getattr(record, field.name) or "-"
    if field.choices:
        return getattr(record, f"get_{field.name}_display")() or "-"
    value = field.value_from_object(record)
    if isinstance(value, datetime.datetime):
        # "3 december 2026 15:26:51", not Python's "2026-12-03 14:26:51.123456+00:00".
        return date_format(timezone.localtime(value), "j F Y H:i:s")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dict | list):  # a task's arguments or result
        return json.dumps(value, ensure_ascii=False)
    return "-" if value in (None, "") else value


def stored_records(email):
    """Per kind of record: its name, column headings and rows, as the page shows them."""
    tables = []
    for kind in installed_kinds():
        columns = kind.shown_fields()
        records = list(kind.records(email))
        details = [kind.details(record) if kind.details else {} for record in records]
        tables.append(
            {
                "key": kind.key,
                "label": kind.label,
                "count": len(records),
                "headings": [heading for _field, heading in columns]
                + list(details[0] if details else []),
                "rows": [
                    [display_value(record, field) for field, _heading in columns]
                    + [detail_value(value) for value in detail.values()]
                    for record, detail in zip(records, details, strict=True)
                ],
            }
        )
    return tables


def detail_value(value):
    """A record's detail (privacy.records.Kind.details) as one cell."""
    if not value:
        return "-"
    if isinstance(value, list):  # names on one line, records a line each
        separator = ", " if all(isinstance(item, str) for item in value) else "\n"
        return separator.join(detail_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {'-' if item is None else item}" for key, item in value.items())
    return str(value)


def draft_rows(drafts):
    """The draft articles that quote the reader, as the page shows them."""
    return [
        {
            **draft.describe(),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[draft.page.pk]),
            "field": f"draft_{draft.page.pk}",
        }
        for draft in drafts
    ]


def stored_context(email, drafts=None):
    tables = stored_records(email)
    drafts = draft_rows(drafts_quoting(email) if drafts is None else drafts)
    return {
        "email": email,
        "tables": tables,
        "drafts": drafts,
        "total": sum(table["count"] for table in tables) + len(drafts),
    }


class PrivacyAdminView(PrivacyPermissionMixin, WagtailAdminTemplateMixin, FormView):
    page_title = _("Privacy request")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class PrivacyRequestView(PrivacyAdminView):
    """Look up an address (POSTed, so that it stays out of URLs and server logs)."""

    template_name = "privacy/privacy_request.html"
    form_class = PrivacyRequestForm

    def form_valid(self, form):
        context = stored_context(form.cleaned_data["email"])
        return self.render_to_response(self.get_context_data(form=form, **context))


class ExportView(PrivacyPermissionMixin, View):
    """Everything stored about the address, as a JSON file to hand to the reader."""

    http_method_names = ["post"]

    def post(self, request):
        form = PrivacyRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Enter a valid email address."))
            return redirect(INDEX_URL_NAME)
        data = export(form.cleaned_data["email"])
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"privacy-export-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EraseView(PrivacyPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """First a page that says what will go and asks for a tick; then the erasure."""

    template_name = "privacy/confirm_erase.html"
    http_method_names = ["post"]
    page_title = _("Erase everything stored about an address")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": PrivacyAdminView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request):
        lookup = PrivacyRequestForm(request.POST)
        if not lookup.is_valid():
            messages.error(request, gettext("Enter a valid email address."))
            return redirect(INDEX_URL_NAME)
        email = lookup.cleaned_data["email"]
        drafts = drafts_quoting(email)
        if "confirmation" in request.POST:  # the confirmation page's form
            form = ErasureForm(request.POST, drafts=drafts)
            if form.is_valid():
                try:
                    return self.erase(email, form.draft_choices())
                except (DraftChoiceMissing, DraftStillQuotes):
                    # A draft made or edited since this page was shown: nothing was erased.
                    drafts = drafts_quoting(email)
                    form = ErasureForm(request.POST, drafts=drafts)
                    form.full_clean()
                    form.add_error(None, gettext("A draft article changed meanwhile."))
        else:  # the lookup's "Erase everything" button: ask first
            form = ErasureForm(initial={"email": email}, drafts=drafts)
        context = self.get_context_data(form=form, **stored_context(email, drafts))
        return self.render_to_response(context)

    def erase(self, email, choices):
        erased = erase(email, user=self.request.user, choices=choices)
        total = sum(erased.values())
        # Without the address: messages may be kept in a cookie.
        messages.success(
            self.request,
            ngettext("%(count)d record was erased.", "%(count)d records were erased.", total)
            % {"count": total},
        )
        return redirect(INDEX_URL_NAME)
