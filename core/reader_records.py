"""Records of what readers sent, in the admin: a download request, a newsletter signup.

Editors may read such a record, export it and delete it (a reader's privacy
request); nobody adds or edits one, so a record always says what the reader
actually sent. Each app registers its own listing with these pieces
(resources.wagtail_hooks, newsletter.wagtail_hooks).
"""

import datetime

import django_filters
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet


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


class ReaderRecordIndexView(SnippetIndexView):
    custom_value_preprocess = {
        **SnippetIndexView.custom_value_preprocess,
        # Spreadsheets show the time as editors know it (Amsterdam), not UTC.
        datetime.datetime: {
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
            "xlsx": lambda value: timezone.make_naive(value),
        },
        str: {"csv": csv_text},
    }

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"


class ReaderRecordInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "-"  # rather than "None"
        if isinstance(value, datetime.datetime):
            # Wagtail's template formats the time before Django would put it
            # in the editors' time zone: it would show UTC.
            return timezone.localtime(value)
        return value


def require_listing_permission(model, view):
    """Wagtail's snippet chooser is open to anyone with admin access; these
    records are for editors, so it asks for the permissions of the model's listing."""

    def checked_view(request, *args, **kwargs):
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_any_permission(request.user, ["view", "delete"]):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked_view


class EditorsOnlyChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return require_listing_permission(self.model, super().construct_view(view_class, **kwargs))


class ReaderRecordViewSet(SnippetViewSet):
    """A listing of records readers sent, to read, export and delete.

    Register ViewAndDeletePermissionPolicy for the model as well.
    """

    index_view_class = ReaderRecordIndexView
    inspect_view_class = ReaderRecordInspectView
    chooser_viewset_class = EditorsOnlyChooserViewSet
    search_backend_name = None  # not in the search index: the ORM searches
    inspect_view_enabled = True
    copy_view_enabled = False  # copying is adding

    def get_permissions_to_register(self):
        # Adding and editing are never allowed, so groups are offered only these.
        return (
            super()
            .get_permissions_to_register()
            .filter(
                codename__in=[
                    get_permission_codename(action, self.model_opts)
                    for action in ("view", "delete")
                ]
            )
        )
