"""Admin pages of the site's own (a report, a form, a profile), registered the
way Wagtail registers its own: as a viewset with its URLs and a menu item."""

from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet


class AdminPagesViewSet(ViewSet):
    """A few admin views under `url_prefix`, with a menu item that shows only
    to those who may use them (each view checks that again itself).

    Subclasses give `name`, `url_prefix`, `menu_label`, `icon`, get_urlpatterns()
    (the first pattern is where the menu item leads) and user_may_use().
    """

    add_to_admin_menu = True

    def user_may_use(self, user):
        raise NotImplementedError

    @cached_property
    def menu_item_class(self):
        viewset = self

        class ViewSetMenuItem(MenuItem):
            def is_shown(self, request):
                return viewset.user_may_use(request.user)

        return ViewSetMenuItem
