"""Guest posts go live only after the editors reviewed them.

The blog index carries the workflow "Gastblog beoordelen": one task, in which
a member of the Redactie approves (and so publishes) or asks for changes.
Wagtail mails the reviewers on submission and the author on each decision.
The same index is where the Gastauteurs group may write.

`manage.py migrate` opens every blog index this way when it is done
(blog.apps); a blog index made later is opened when it is created
(blog.signals).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from users.roles import (
    GUEST_PAGE_PERMISSIONS,
    ensure_editors_group,
    ensure_guest_authors_group,
    ensure_roles,
    grant_page_permissions,
)

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
