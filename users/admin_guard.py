"""What a guest author may open in the admin: a short list, the rest refused.

The stories on this site concern vulnerable children, and an anonymous
article must stay anonymous to everyone but the editors. Wagtail's admin has
many views that show who did what (site history, reports, page history,
user filters, usage listings); each new app and each Wagtail upgrade brings
more. So a guest author (users.roles.is_guest_author) gets only the admin
views that writing an article needs, named below, and every other admin URL
answers as Wagtail does to one without permission. A view added later stays
closed to guests until someone adds it here, on purpose.

And where such a view names a page in its URL, the page must be one the
guest may see: a page they act on (edit, preview, cancel the review of, ping
while editing) one they may edit; a page they look under (explore, choose
from, add to) a live page or one they may edit. Any other page id is refused
in the same way as an id of no page, so nobody learns that it exists.

The menus (main, reports, settings, help) leave out what the guard would
refuse (users.wagtail_hooks), so a guest sees no menu item that refuses them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .roles import is_guest_author

# The admin views a guest author uses, by URL name.
GUEST_AUTHOR_VIEWS = frozenset(
    {
        # The admin itself: dashboard, account, signing in and out.
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "wagtailadmin_dismissibles",
        # Writing an article: the editor, its previews, widgets and choosers.
        "wagtailadmin_explore_root",
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_api:pages:listing",
        "wagtailadmin_api:pages:detail",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:search_results",
        "wagtailadmin_pages:choose_parent",
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:confirm_workflow_cancellation",
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        "wagtailadmin_block_preview",
        "wagtailadmin_tag_autocomplete",
        "wagtailadmin_tag_model_autocomplete",
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        "wagtailembeds:chooser",
        "wagtailembeds:chooser_upload",
        # Their own images (images.permissions limits them to those).
        "wagtailimages:index",
        "wagtailimages:index_results",
        "wagtailimages:add",
        "wagtailimages:add_multiple",
        "wagtailimages:edit",
        "wagtailimages:delete",
        "wagtailimages:edit_multiple",
        "wagtailimages:create_multiple_from_uploaded_image",
        "wagtailimages:delete_multiple",
        "wagtailimages:delete_upload_multiple",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:chosen_multiple",
        "wagtailimages_chooser:create",
        "wagtailimages_chooser:select_format",
        # Their own author profile (authors).
        "own_author_profile:edit",
    }
)

# URL arguments that name a page the guest acts on, or looks under.
PAGE_ACTED_ON = ("page_id", "page_to_move_id", "page_pk")
PAGE_LOOKED_UNDER = ("parent_page_id", "destination_id")
# Views whose `pk` is a page looked at, and views that take page ids in the query.
PAGE_PK_VIEWS = frozenset({"wagtailadmin_api:pages:detail"})
PAGE_IDS_IN_QUERY = {"wagtailadmin_choose_page_chosen_multiple": "id"}


class GuestAuthorAccess:
    """What one guest author may open."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _policy(self):
        return policy_registry.get_by_type(Page)

    def may_edit(self, page_ids):
        editable = self._policy.instances_user_has_any_permission_for(self.user, {"change"})
        return _all_found(editable, page_ids)

    def may_see(self, page_ids):
        editable = self._policy.instances_user_has_any_permission_for(self.user, {"change"})
        visible = Page.objects.filter(Q(live=True) | Q(depth=1) | Q(pk__in=editable.values("pk")))
        return _all_found(visible, page_ids)

    def may_open(self, view_name, kwargs, query=None):
        if view_name not in GUEST_AUTHOR_VIEWS:
            return False
        acted_on = [kwargs[name] for name in PAGE_ACTED_ON if name in kwargs]
        looked_under = [kwargs[name] for name in PAGE_LOOKED_UNDER if name in kwargs]
        if view_name in PAGE_PK_VIEWS:
            looked_under.append(kwargs["pk"])
        if view_name in PAGE_IDS_IN_QUERY and query is not None:
            looked_under += query.getlist(PAGE_IDS_IN_QUERY[view_name])
        if "object_id" in kwargs:  # an editing session: on a page, theirs to edit
            if not _is_page_model(kwargs.get("app_label"), kwargs.get("model_name")):
                return False
            acted_on.append(kwargs["object_id"])
        return (not acted_on or self.may_edit(acted_on)) and (
            not looked_under or self.may_see(looked_under)
        )


def _all_found(pages, page_ids):
    try:
        ids = {int(page_id) for page_id in page_ids}
    except (TypeError, ValueError):
        return False
    return pages.filter(pk__in=ids).count() == len(ids)


def _is_page_model(app_label, model_name):
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist:
        return False
    return model is not None and issubclass(model, Page)


def guest_access(request):
    """The guest author's access for this request, or None for anyone else."""
    if not hasattr(request, "_guest_author_access"):
        user = request.user
        request._guest_author_access = GuestAuthorAccess(user) if is_guest_author(user) else None
    return request._guest_author_access


def is_admin_path(path):
    return path.startswith(f"/{settings.ADMIN_PATH}/")


def may_open_url(request, url):
    """For the menus: may this user open `url`? (Anything outside the admin: yes.)"""
    access = guest_access(request)
    if access is None or not is_admin_path(url):
        return True
    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return True
    return access.may_open(match.view_name, match.kwargs)


class GuestAuthorAdminGuard:
    """Middleware: refuses a guest author every admin view not theirs to open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path_info):
            return None
        access = guest_access(request)
        if access is None:
            return None
        match = request.resolver_match
        if access.may_open(match.view_name, match.kwargs, request.GET):
            return None
        # Wagtail's own answer: a message and the dashboard, or 403 to a script.
        return permission_denied(request)
