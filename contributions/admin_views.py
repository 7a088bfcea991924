"""Stories and pitches in the admin, for editors: read, set the status, export,
delete on request, and start a draft article from one; approve a story for the
wall of recognition, in words of the editor's own. The reader's own words are
never edited. Registered in contributions.wagtail_hooks; what these listings
share with other records of readers is in core.reader_records."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from core.reader_records import (
    ReaderRecordIndexView,
    ReaderRecordInspectView,
    ViewAndDeletePermissionPolicy,
    date_range_filter,
)

from .drafts import blog_index, start_draft
from .models import Pitch, Story


class ContributionPermissionPolicy(ViewAndDeletePermissionPolicy):
    """Editors may set a contribution's status ("change": the edit form has only
    that field), but nobody, not even a superuser, adds one in the admin."""

    refused_actions = frozenset({"add"})


class StoryFilterSet(WagtailFilterSet):
    created_at = date_range_filter("created_at", _("Sent between"))

    class Meta:
        model = Story
        fields = ["status", "anonymous", "wall_consent", "on_wall", "created_at"]


WALL_FIELDS = ("wall_text", "wall_themes", "on_wall")


class StoryAdminForm(WagtailAdminModelForm):
    """The status, and for a story whose reader consented, the wall: the
    editor's text (first the reader's own, to shorten), its themes and the
    approval. Without the reader's consent the wall's fields are left out, so
    no post can put the story on the wall (and Story.clean() refuses it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance
        if not story.wall_consent:
            for name in WALL_FIELDS:
                self.fields.pop(name, None)
            story.on_wall = False  # never on the wall without consent
            return
        if "wall_themes" in self.fields:
            self.fields["wall_themes"].widget = forms.CheckboxSelectMultiple()
            self.fields["wall_themes"].queryset = self.fields["wall_themes"].queryset.order_by(
                "name"
            )
        if "wall_text" in self.fields:
            self.fields["wall_text"].widget = forms.Textarea(attrs={"rows": 3})
            if not story.wall_text:
                self.initial["wall_text"] = story.sentence

    def clean(self):
        cleaned_data = super().clean()
        approved = cleaned_data.get("on_wall") and "wall_themes" in self.fields
        if approved and not cleaned_data.get("wall_themes"):
            self.add_error(
                "wall_themes", _("Choose at least one theme: the wall shows it with the sentence.")
            )
        return cleaned_data


class PitchFilterSet(WagtailFilterSet):
    created_at = date_range_filter("created_at", _("Sent between"))

    class Meta:
        model = Pitch
        fields = ["status", "role", "school_type", "created_at"]


class ContributionIndexView(ReaderRecordIndexView):
    def get_edit_url(self, instance):
        # Each row opens what the reader sent; its status is changed from there.
        return None


def may_start_draft(user, model, parent):
    """Starting a draft changes the contribution (its status) and adds a page."""
    policy = policy_registry.get_by_type(model)
    return policy.user_has_permission(user, "change") and (
        parent is None or parent.permissions_for_user(user).can_add_subpage()
    )


class ContributionInspectView(ReaderRecordInspectView):
    start_draft_url_name = None

    def get_article_display_value(self):
        article = self.object.article
        if article is None:
            return "-"
        return format_html(
            '{} (<a href="{}">{}</a>)',
            article.title,
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            gettext("Edit article"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.object
        if contribution.article_id is None and contribution.status != contribution.Status.USED:
            parent = blog_index()
            if parent and may_start_draft(self.request.user, self.model, parent):
                context["start_draft_url"] = reverse(
                    self.start_draft_url_name, args=[contribution.pk]
                )
        return context


class StartDraftView(View):
    """Start a draft article from a story or pitch, and open it in the page editor."""

    http_method_names = ["post"]
    model = None
    inspect_url_name = None

    def post(self, request, pk):
        parent = blog_index()
        if not may_start_draft(request.user, self.model, parent):
            raise PermissionDenied
        contribution = get_object_or_404(self.model, pk=pk)
        if parent is None:
            messages.error(request, gettext("There is no blog to add the draft article to."))
            return redirect(self.inspect_url_name, pk)
        article = start_draft(contribution, parent, request.user)
        messages.success(
            request,
            gettext("Draft article '%(title)s' created. Nothing is published yet.")
            % {"title": article.title},
        )
        return redirect("wagtailadmin_pages:edit", article.pk)
