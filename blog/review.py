"""Guest posts go live only after the editors reviewed them.

The blog index carries the workflow "Gastblog beoordelen": one task, in which
a member of the Redactie approves (and so publishes) or asks for changes.
Wagtail mails the reviewers on submission and the author on each decision.
The same index is where the Gastauteurs group may write.

The mails (templates/wagtailadmin/notifications/workflow_state_*) speak of
changes requested, not of a rejection, and carry the editor's comment, also
on approval (ApprovalNotifier). In the editor, editors publish directly: they
are not offered to submit to the review; guest authors submit "for review"
and may take an article back, without Wagtail's workflow terms.

`manage.py migrate` opens every blog index this way when it is done
(blog.apps); a blog index made later is opened when it is created
(blog.signals).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import CancelWorkflowMenuItem, SubmitForModerationMenuItem
from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from users.roles import (
    GUEST_PAGE_PERMISSIONS,
    ensure_editors_group,
    ensure_guest_authors_group,
    ensure_roles,
    grant_page_permissions,
)

from .byline import may_change_editorial_settings
from .models import BlogIndexPage

REVIEW_WORKFLOW = "Gastblog beoordelen"
REVIEW_TASK = "Beoordeling door de redactie"


def ensure_review_workflow():
    """The workflow and its task, made once (run it as often as you like)."""
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=ContentType.objects.get_for_model(GroupApprovalTask)
        )
    task.groups.add(ensure_editors_group())

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def open_to_guest_authors(blog_index):
    """Let guest authors write under this blog index, and have what they
    write reviewed. A workflow an administrator chose for it stays."""
    grant_page_permissions(ensure_guest_authors_group(), blog_index, GUEST_PAGE_PERMISSIONS)
    WorkflowPage.objects.get_or_create(
        page_id=blog_index.pk, defaults={"workflow": ensure_review_workflow()}
    )


def open_every_blog_to_guest_authors(using="default"):
    """The roles, and every blog index open to guest authors under review."""
    ensure_roles(using)
    for blog_index in BlogIndexPage.objects.all():
        open_to_guest_authors(blog_index)


class ApprovalNotifier(WorkflowStateApprovalEmailNotifier):
    """Wagtail's mail to the author on approval, with the editor's comment."""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        context["comment"] = task_state.specific.get_comment() if task_state else ""
        return context


# The dispatch_uid under which Wagtail connects its own (wagtail.admin.signal_handlers).
APPROVAL_MAIL_UID = "workflow_state_approved_email_notification"


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Submit again for review")
        else:
            context["label"] = _("Submit for review")
        return context


class TakeBackFromReviewMenuItem(CancelWorkflowMenuItem):
    label = _("Take back from review")


def review_actions(menu_items, request, context):
    """The page editor's actions: editors publish, so they do not submit to the
    review; others submit and take back "for review", and restart nothing."""
    if may_change_editorial_settings(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]
        return
    replaced = []
    for item in menu_items:
        if item.name == "action-restart-workflow":
            continue
        if item.name == "action-submit":
            item = SubmitForReviewMenuItem(order=item.order)
        elif item.name == "action-cancel-workflow":
            item = TakeBackFromReviewMenuItem(order=item.order)
        replaced.append(item)
    menu_items[:] = replaced
