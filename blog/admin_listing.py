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

Under a blog index, whose children are all articles, the listing comes from
ArticlePagesViewSet (Wagtail's `parent_models`): the same views, with the
columns *Auteur* and *Publicatiedatum* for the editors. They name the authors
of anonymous articles too, so nobody else gets them: a guest author sees
others' live articles there, not who wrote them.
"""

from django.contrib.auth import get_user_model
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.pages.listing import (
    EditedByFilter,
    ExplorableIndexView,
    GenericPageFilterSet,
)
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import PageLogEntry

from .admin_access import policy_for_pages
from .byline import may_see_every_author
from .models import ArticlePage, BlogIndexPage
from .versions import latest_versions


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


class AuthorsColumn(BaseColumn):
    """Who wrote the article's newest version, marked when it is published anonymously."""

    cell_template_name = "blog/admin/authors_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["version"] = getattr(instance, "latest_version", None)
        return context


def publication_date(article):
    """The date above the article: its own, else the day it first went live."""
    version = getattr(article, "latest_version", None)
    if version is not None and version.publication_date:
        return version.publication_date
    if article.first_published_at:
        return timezone.localdate(article.first_published_at)
    return None


class PublicationDateColumn(Column):
    cell_template_name = "blog/admin/publication_date_cell.html"


# Shown to the editors only (ArticleColumnsMixin).
EDITORS_COLUMNS = ("authors", "publication_date")


class ArticleColumnsMixin:
    """The editors' columns of an article listing, and what they show, read
    for the whole page of results at once (blog.versions)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # A view instance serves one request: its columns may differ per user.
        if not may_see_every_author(request.user):
            self.columns = [
                column for column in self.columns if column.name not in EDITORS_COLUMNS
            ]

    def get_table(self, object_list):
        if any(column.name in EDITORS_COLUMNS for column in self.columns):
            articles = [page for page in object_list if isinstance(page, ArticlePage)]
            versions = latest_versions(articles)
            for article in articles:
                article.latest_version = versions.get(article.pk)
        return super().get_table(object_list)


class ArticleExplorerView(ArticleColumnsMixin, ExplorerView):
    pass


class ArticlesOfTypeView(ArticleColumnsMixin, ContentTypeUseView):
    """The flat listing of every article (Rapporten › Paginatypen)."""


def _with_article_columns(columns):
    columns = list(columns)
    after_title = next(i for i, column in enumerate(columns) if column.name == "title") + 1
    columns[after_title:after_title] = [
        AuthorsColumn("authors", label=_("Author")),
        PublicationDateColumn(
            "publication_date", label=_("Publication date"), accessor=publication_date
        ),
    ]
    return columns


class ArticlePagesViewSet(PagesViewSet):
    """The views for articles, and the listing of a blog index's children."""

    model = ArticlePage
    parent_models = [BlogIndexPage]
    index_view_class = ArticleExplorerView
    content_type_use_view_class = ArticlesOfTypeView
    columns = _with_article_columns(PagesViewSet.columns)


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
