"""Pages in the admin for guest authors: what they see and what they may do.

Wagtail lets someone with "add" permission under the blog index (a guest
author) find every page there, drafts included, and delete or move the
unpublished pages they own. Here, nobody finds in the admin a draft that
they may not edit (explorer, sidebar, search, history, page chooser), and
only those who may publish an article delete or move it.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy


def without_others_drafts(pages, user, policy):
    """`pages` less the drafts that `user` may not edit. For a live page the
    admin may show the title of a pending draft: as today for everyone."""
    if user.is_superuser:
        return pages
    editable = policy.instances_user_has_any_permission_for(user, {"change"})
    return pages.filter(Q(live=True) | Q(depth=1) | Q(pk__in=editable.values("pk")))


class PagePolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with others' drafts out of sight."""

    def explorable_instances(self, user):
        return without_others_drafts(super().explorable_instances(user), user, self)


def pages_for_chooser(pages, request):
    """The page chooser lists every page, whoever may edit it; not others' drafts."""
    return without_others_drafts(pages, request.user, policy_for_pages())


def policy_for_pages():
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page)


class ArticlePermissionTester(PagePermissionTester):
    """Deleting or moving an article is for those who may publish it: a guest
    author's draft stays until the editors decide (Wagtail lets the owner of
    an unpublished page delete or move it). Covers the buttons, the views and
    the bulk actions, which all ask this tester."""

    def can_delete(self, ignore_bulk=False):
        return self.can_publish() and super().can_delete(ignore_bulk=ignore_bulk)
