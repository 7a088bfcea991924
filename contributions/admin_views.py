"""Stories and pitches in the admin, for editors: read, set the status, export,
delete on request, and start a draft article from one. The reader's own words
are never edited. Registered in contributions.wagtail_hooks; what these listings
share with other records of readers is in core.reader_records."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
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
        fields = ["status", "anonymous", "created_at"]


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
