from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from blog.models import ArticlePage
from core.viewsets import AdminPagesViewSet

from .admin_views import (
    ARTICLE_URL_NAME,
    ArticleFiguresView,
    ReadingFiguresView,
    ReadingPanel,
    may_see_figures,
)


class ReadingFiguresViewSet(AdminPagesViewSet):
    """Rapporten → Leescijfers."""

    name = "reading_figures"
    url_prefix = "reports/reading-figures"
    icon = "view"
    menu_label = _("Reading figures")
    menu_name = "reading-figures"
    menu_order = 1250
    menu_hook = "register_reports_menu_item"

    def user_may_use(self, user):
        return may_see_figures(user)

    def get_urlpatterns(self):
        urls = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("results"),
        }
        return [
            path("", ReadingFiguresView.as_view(**urls), name="index"),
            path(
                "results/", ReadingFiguresView.as_view(results_only=True, **urls), name="results"
            ),
        ]


@hooks.register("register_admin_viewset")
def register_reading_figures_viewset():
    return ReadingFiguresViewSet()


@hooks.register("register_admin_urls")
def register_article_figures_url():
    # Not under reports/: that is for reports of the whole site, without arguments.
    return [
        path(
            "reading-figures/<int:page_id>/",
            ArticleFiguresView.as_view(),
            name=ARTICLE_URL_NAME,
        )
    ]


@hooks.register("register_permissions")
def register_reading_figures_permission():
    return Permission.objects.filter(
        content_type__app_label="readership", codename="view_articletally"
    )


@hooks.register("construct_homepage_panels")
def add_reading_panel(request, panels):
    if may_see_figures(request.user):
        panels.append(ReadingPanel())


class ArticleFiguresButton(PageMenuItem):
    """*Leescijfers* in an article's "more" menu, in the explorer and the editor."""

    label = _("Reading figures")
    icon_name = "view"
    url_name = ARTICLE_URL_NAME

    def is_shown(self, user):
        # The page type from its (cached) content type: no query per row.
        return issubclass(self.page.specific_class or type(None), ArticlePage) and (
            may_see_figures(user)
        )


@hooks.register("register_page_listing_more_buttons")
def article_figures_listing_button(page, user, next_url=None):
    yield ArticleFiguresButton(page=page, priority=55)


@hooks.register("register_page_header_buttons")
def article_figures_header_button(page, user, view_name, next_url=None):
    yield ArticleFiguresButton(page=page, priority=67)
