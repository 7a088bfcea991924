"""The guest author's dashboard: their own articles and where each stands.

It replaces Wagtail's own lists of their pages (in a workflow, recent edits,
locked pages): each article appears once, with one state in plain words.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState, get_default_page_content_type

from users.roles import is_guest_author

from .models import ArticlePage, BlogIndexPage

SHOWN = 20


class Standing:
    """Where an article stands, in the author's words."""

    DRAFT = _("Draft")
    IN_REVIEW = _("In review")
    CHANGES_REQUESTED = _("Changes requested")
    LIVE = _("Published")


# Wagtail's dashboard panels that list the guest author's pages again, in its terms.
REPLACED = {"user_objects_in_workflow_moderation", "recent_edits", "locked_pages"}


def standing(article, state):
    """`state`: the article's latest workflow state, or None."""
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Standing.IN_REVIEW
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Standing.CHANGES_REQUESTED
    if article.live:
        return Standing.LIVE
    return Standing.DRAFT


def latest_workflow_states(articles):
    """{article pk: its latest workflow state}, in one query."""
    states = (
        WorkflowState.objects.filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(article.pk) for article in articles],
        )
        .select_related("current_task_state")
        .order_by("created_at")
    )
    return {int(state.object_id): state for state in states}


class MyArticlesPanel(Component):
    name = "my_articles"
    template_name = "blog/admin/my_articles_panel.html"
    order = 100

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        articles = list(
            ArticlePage.objects.filter(owner=self.user).order_by("-latest_revision_created_at")[
                :SHOWN
            ]
        )
        states = latest_workflow_states(articles)
        rows = []
        for article in articles:
            state = states.get(article.pk)
            label = standing(article, state)
            comment = ""
            if label == Standing.CHANGES_REQUESTED and state.current_task_state:
                comment = state.current_task_state.comment
            # Published and edited since: the newer version is not on the site yet.
            unpublished_changes = label == Standing.LIVE and article.has_unpublished_changes
            rows.append(
                {
                    "article": article,
                    "standing": label,
                    "comment": comment,
                    "unpublished_changes": unpublished_changes,
                }
            )
        context["rows"] = rows
        blog_index = BlogIndexPage.objects.first()
        context["blog_index_id"] = blog_index.pk if blog_index else None
        return context


def add_my_articles_panel(request, panels):
    if is_guest_author(request.user):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED]
        panels.append(MyArticlesPanel(request.user))
