"""Guest posts go live only after the editors reviewed them.

The blog index carries the workflow "Gastblog beoordelen": one task, in which
a member of the Redactie approves (and so publishes) or asks for changes.
Wagtail mails the reviewers on submission and the author on each decision.
The same index is where the Gastauteurs group may write.
"""

from users.roles import (
    GUEST_PAGE_PERMISSIONS,
    ensure_editors_group,
    ensure_guest_authors_group,
    grant_page_permissions,
)

REVIEW_WORKFLOW = "Gastblog beoordelen"
REVIEW_TASK = "Beoordeling door de redactie"


def ensure_review_workflow(apps):
    """The workflow and its task, made once (run it as often as you like)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=ContentType.objects.get_for_model(GroupApprovalTask)
        )
    task.groups.add(ensure_editors_group(apps))

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def open_to_guest_authors(apps, blog_index):
    """Let guest authors write under this blog index, and have what they
    write reviewed. A workflow an administrator chose for it stays."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    grant_page_permissions(
        apps, ensure_guest_authors_group(apps), blog_index, GUEST_PAGE_PERMISSIONS
    )
    WorkflowPage.objects.get_or_create(
        page_id=blog_index.pk, defaults={"workflow": ensure_review_workflow(apps)}
    )
