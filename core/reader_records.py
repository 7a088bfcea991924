"""Records of what readers sent, in the admin: a download request, a newsletter
signup, a story, a pitch; and the mailings of the newsletter.

They are not content: Wagtail's ModelViewSet lists them (not snippets, which
would offer choosers, copies and revisions and track them in the reference
index). Editors may read such a record, export it and delete it (a reader's
privacy request); nobody adds one, and only what an app allows is changed, so
a record always says what the reader actually sent. Each app registers its own
listing with these pieces (resources, newsletter and contributions'
wagtail_hooks).
"""

import datetime

import django_filters
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class ViewAndDeletePermissionPolicy(ModelPermissionPolicy):
    """Editors may look at a record and delete it, but nobody, not even a
    superuser, adds or edits one in the admin."""

    refused_actions = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        if action in self.refused_actions:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = set(actions) - self.refused_actions
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


def date_range_filter(field_name, label):
    # Wagtail's list_filter makes an exact-moment filter of a date(time) field;
    # editors want a period.
    return django_filters.DateFromToRangeFilter(
        field_name=field_name, label=label, widget=DateRangePickerWidget
    )


def csv_text(value):
    """Text as a spreadsheet shows it, never as a formula: a reader's name such
    as '=HYPERLINK(...)' must not run when an editor opens the CSV file.
    (Wagtail's XLSX export already stores such text as text.)"""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class ReaderRecordIndexView(generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        # Spreadsheets show the time as editors know it (Amsterdam), not UTC.
        datetime.datetime: {
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
            "xlsx": lambda value: timezone.make_naive(value),
        },
        str: {"csv": csv_text},
    }

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"


class ReaderRecordInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "-"  # rather than "None"
        if isinstance(value, datetime.datetime):
            # Wagtail's template formats the time before Django would put it
            # in the editors' time zone: it would show UTC.
            return timezone.localtime(value)
        return value


def refused(request, *args, **kwargs):
    """A view for what nobody does with these records (Wagtail's admin turns the
    refusal into its "no permission" message)."""
    raise PermissionDenied


class ReaderRecordViewSet(ModelViewSet):
    """A listing of records readers sent, to read, export and delete.

    Register ViewAndDeletePermissionPolicy (or a stricter one) for the model.
    """

    index_view_class = ReaderRecordIndexView
    inspect_view_class = ReaderRecordInspectView
    inspect_view_enabled = True
    copy_view_enabled = False  # copying is adding
    # A reader's record is nobody's content: nothing to find "usages" of, and
    # saving one must not touch the reference index.
    add_to_reference_index = False
    search_backend_name = None  # not in the search index: the ORM searches
    # The actions a group may be given for these records (see get_permissions_to_register).
    permitted_actions = ("view", "delete")

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(
                codename__in=[
                    get_permission_codename(action, self.model_opts)
                    for action in self.permitted_actions
                ]
            )
        )

    def get_queryset(self):
        """The listing's rows (e.g. with select_related); None: all of the model's."""
        return None

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.get_queryset()
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().get_index_view_kwargs(**kwargs)

    @property
    def add_view(self):
        return refused

    @property
    def edit_view(self):
        return super().edit_view if "change" in self.permitted_actions else refused
