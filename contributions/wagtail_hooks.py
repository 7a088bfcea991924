"""Readers' stories and pitches in the admin menu, for editors only (see
contributions.admin_views)."""

from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from core.reader_records import ReaderRecordViewSet

from .admin_views import (
    ContributionIndexView,
    ContributionInspectView,
    ContributionPermissionPolicy,
    PitchFilterSet,
    StartDraftView,
    StoryAdminForm,
    StoryFilterSet,
)
from .models import Pitch, Story

register_permission_policy(Story, ContributionPermissionPolicy(Story))
register_permission_policy(Pitch, ContributionPermissionPolicy(Pitch))


class YesNoPanel(FieldPanel):
    """A yes/no field shown read-only as “Ja” or “Nee”, not as True or False."""

    def format_value_for_display(self, value):
        return gettext("Yes") if value else gettext("No")


class ContributionViewSet(ReaderRecordViewSet):
    """A reader record whose status editors set; register ContributionPermissionPolicy."""

    index_view_class = ContributionIndexView
    inspect_view_class = ContributionInspectView
    inspect_template_name = "contributions/admin/contribution_inspect.html"
    # View, change (the status) and delete: adding is never allowed.
    permitted_actions = ("view", "change", "delete")

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            start_draft_url_name=self.get_url_name("start_draft"), **kwargs
        )

    @property
    def start_draft_view(self):
        return self.construct_view(
            StartDraftView, model=self.model, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"start-draft/<{self.pk_path_converter}:pk>/",
                self.start_draft_view,
                name="start_draft",
            ),
        ]


class StoryViewSet(ContributionViewSet):
    model = Story
    name = "stories"
    url_prefix = "contributions/stories"
    icon = "openquote"
    menu_label = _("Stories")
    list_display = [
        "sentence",
        "status",
        BooleanColumn("anonymous", label=_("Anonymous")),
        BooleanColumn("on_wall", label=_("On the wall")),
        "created_at",
    ]
    filterset_class = StoryFilterSet
    search_fields = ["sentence", "name", "email", "wall_text"]
    list_export = [
        "created_at",
        "get_status_display",
        "sentence",
        "get_anonymous_display",
        "name",
        "email",
        "consent_text",
        "get_wall_consent_display",
        "wall_consent_text",
        "wall_text",
        "get_on_wall_display",
    ]
    export_headings = {
        "created_at": _("Sent at"),
        "get_status_display": _("Status"),
        "get_anonymous_display": _("Anonymous"),
        "consent_text": _("Consent given"),
        "get_wall_consent_display": _("May appear on the wall"),
        "wall_consent_text": _("Consent given for the wall"),
        "wall_text": _("Wall text"),
        "get_on_wall_display": _("On the wall"),
    }
    export_filename = "stories"
    inspect_view_fields = [
        "sentence",
        "anonymous",
        "name",
        "email",
        "created_at",
        "consent_text",
        "status",
        "article",
        "wall_consent",
        "wall_consent_text",
        "wall_withdrawn_at",
        "wall_text",
        "wall_themes",
        "on_wall",
        "wall_approved_at",
    ]
    # The reader's words are shown, never edited: the form holds the status and,
    # when the reader consented, the wall's own text, themes and approval.
    edit_handler = ObjectList(
        [
            FieldPanel("sentence", read_only=True),
            YesNoPanel("anonymous", read_only=True),
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    YesNoPanel(
                        "wall_consent",
                        read_only=True,
                        help_text=_(
                            "Only with the reader's consent can a story appear on the wall. "
                            "A reader who withdrew it cannot be put back."
                        ),
                    ),
                    FieldPanel("wall_text"),
                    FieldPanel("wall_themes"),
                    FieldPanel("on_wall"),
                ],
                heading=_("Wall of recognition"),
            ),
        ],
        base_form_class=StoryAdminForm,
    )


class PitchViewSet(ContributionViewSet):
    model = Pitch
    name = "pitches"
    url_prefix = "contributions/pitches"
    icon = "edit"
    menu_label = _("Guest-blog pitches")
    list_display = ["name", "role", "school_type", "status", "created_at"]
    filterset_class = PitchFilterSet
    search_fields = ["name", "email", "pitch"]
    list_export = [
        "created_at",
        "get_status_display",
        "name",
        "email",
        "get_role_display",
        "get_school_type_display",
        "pitch",
        "consent_text",
    ]
    export_headings = {
        "created_at": _("Sent at"),
        "get_status_display": _("Status"),
        "get_role_display": _("Role"),
        "get_school_type_display": _("Type of school"),
        "consent_text": _("Consent given"),
    }
    export_filename = "guest-blog-pitches"
    inspect_view_fields = [
        "name",
        "email",
        "role",
        "school_type",
        "pitch",
        "created_at",
        "consent_text",
        "status",
        "article",
    ]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("pitch", read_only=True),
        FieldPanel("status"),
    ]


class ContributionsViewSetGroup(ModelViewSetGroup):
    items = (StoryViewSet, PitchViewSet)
    menu_label = _("Contributions")
    menu_icon = "openquote"


@hooks.register("register_admin_viewset")
def register_contribution_viewsets():
    return ContributionsViewSetGroup()


@hooks.register("register_log_actions")
def register_wall_log_actions(actions):
    actions.register_action(
        "contributions.wall_withdrawn",
        _("Withdrawn from the wall"),
        _("The reader took the sentence off the wall"),
    )
