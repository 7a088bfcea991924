"""Who worked on a page, in the admin's page listings: only for those who may edit it.

Wagtail's explorer offers filters by owner and by "edited by" that list
everyone who owns or edited any page, and shows above a page's children who
last published it. A guest author may explore the blog, but must not learn
that another guest wrote the live anonymous article there. So the user
filters list the people who worked on pages that *you* may edit (the editors:
everyone; a guest author: themselves, and the editors who edited their
articles), and a page's status panel stays away from those who may not edit
it. The dashboard counts only the pages one can find.

Registered for every page type (blog.wagtail_hooks): the explorer, its
results and the per-type listing all come from this viewset.
"""

from django.contrib.auth import get_user_model
from django.forms import CheckboxSelectMultiple
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.views.pages.listing import (
    EditedByFilter,
    ExplorableIndexView,
    GenericPageFilterSet,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import PageLogEntry

from .admin_access import policy_for_pages


def pages_user_may_edit(user):
    return policy_for_pages().instances_user_has_any_permission_for(user, {"change", "publish"})


def owners_of_pages_user_may_edit(request):
    owners = pages_user_may_edit(request.user).order_by().values("owner_id")
    return get_user_model().objects.filter(pk__in=owners)


def editors_of_pages_user_may_edit(request):
    pages = pages_user_may_edit(request.user).order_by().values("pk")
    edits = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages)
    return get_user_model().objects.filter(pk__in=edits.order_by().values("user_id"))


_wagtails = GenericPageFilterSet.base_filters


class PageFilterSet(GenericPageFilterSet):
    """Wagtail's page filters, with people chosen from the pages you may edit.
    A filter on anyone else is no valid choice, so it filters nothing."""

    owner = MultipleUserFilter(
        label=_wagtails["owner"].label,
        queryset=owners_of_pages_user_may_edit,
        widget=CheckboxSelectMultiple,
    )
    edited_by = EditedByFilter(
        label=_wagtails["edited_by"].label,
        queryset=editors_of_pages_user_may_edit,
        widget=CheckboxSelectMultiple,
    )


class ExplorerView(ExplorableIndexView):
    base_filterset_class = PageFilterSet

    def get_side_panels(self):
        # The status panel says who published the page and when.
        if not self.permissions.can_edit():
            return MediaContainer()
        return super().get_side_panels()


class PagesViewSet(PageViewSet):
    """The views for every page type (Wagtail's own, with the listing above)."""

    filterset_class = PageFilterSet
    index_view_class = ExplorerView


class FindablePagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count, of the pages one can find: Wagtail counts
    every page under one's part of the tree, others' drafts too."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        pages = policy_for_pages().explorable_instances(user).filter(depth__gt=1)
        root_page = get_site_for_user(user)["root_page"]
        if root_page is not None and not root_page.is_root():
            pages = pages.descendant_of(root_page, inclusive=True)
        context["total_pages"] = pages.count() if root_page is not None else 0
        return context


def count_findable_pages(request, summary_items):
    summary_items[:] = [
        FindablePagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]
