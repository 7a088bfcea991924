"""Blog › Planning in the admin: the editors' overview of drafts, reviews,
scheduled and recent articles (blog.planning), one screen, four tables.

For the editors only (blog.planning.may_see_planning): a guest author gets
no menu item, and the admin guard (users.admin_guard) refuses them the URL
before this view's own check would.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.viewsets import AdminPagesViewSet

from .planning import RECENT_DAYS, SHOWN, may_see_planning, planning

# What each section says about itself: heading, what is in it, its date, and when empty.
SECTIONS = {
    "drafts": {
        "heading": _("Drafts"),
        "description": _(
            "Never published, taken offline, or live with newer changes; not in review. "
            "Last edited first."
        ),
        "date_heading": _("Last edited"),
        "empty": _("No drafts: every article is published, in review or scheduled."),
    },
    "in_review": {
        "heading": _("In review"),
        "description": _("Waiting for a decision in the review, longest waiting first."),
        "date_heading": _("Waiting since"),
        "empty": _("No article is waiting for review."),
    },
    "scheduled": {
        "heading": _("Scheduled"),
        "description": _("Approved to go live at a set time, soonest first."),
        "date_heading": _("Goes live"),
        "empty": _("No article is scheduled to go live."),
    },
    "recently_published": {
        "heading": _("Recently published"),
        "description": _("First published in the last %(days)s days, newest first."),
        "date_heading": _("Published"),
        "empty": _("No article was published in the last %(days)s days."),
    },
}


class PlanningView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "blog/admin/planning.html"
    page_title = _("Planning")
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns this into its "no permission" message and redirect.
        if not may_see_planning(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = []
        for section in planning():
            texts = {
                name: str(text) % {"days": RECENT_DAYS}
                for name, text in SECTIONS[section.key].items()
            }
            sections.append(
                {"key": section.key, "rows": section.rows, "more": section.more, **texts}
            )
        context["sections"] = sections
        context["shown"] = SHOWN
        return context


class PlanningViewSet(AdminPagesViewSet):
    """Blog › Planning (in the Blog menu group: blog.wagtail_hooks)."""

    name = "planning"
    url_prefix = "planning"
    icon = "calendar-alt"
    menu_label = _("Planning")
    menu_name = "planning"
    # Its menu item is the group's first, not one of its own.
    add_to_admin_menu = False

    def user_may_use(self, user):
        return may_see_planning(user)

    def get_urlpatterns(self):
        return [path("", PlanningView.as_view(), name="index")]
