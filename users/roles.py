"""The site's roles, as groups kept up to date after every `migrate`.

`Redactie` (the editors) publish anywhere in the page tree, manage images,
documents, snippets, downloads and the banner, and read and delete what
readers sent: contributions, download requests, subscribers. Nobody in it
manages user accounts or sites: that stays with the administrators.

`Gastauteurs` (guest authors) write articles under the blog index and submit
them for review. They publish nothing, see none of the readers' data, and
upload images into one collection in which each sees only their own. In the
admin they open only what writing needs (users.admin_guard).

Every `ensure_*` function can run again without change. `manage.py migrate`
runs ensure_roles() when it is done (users.apps), so a new permission in the
code reaches the groups with the next deploy; `manage.py ensure_roles` does
the same by hand.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Redactie"
GUEST_AUTHORS = "Gastauteurs"
GUEST_IMAGES_COLLECTION = "Gastauteurs"

EDITORS_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "themes": [f"{action}_theme" for action in ("add", "change", "delete")],
    "authors": [f"{action}_author" for action in ("add", "change", "delete")],
    "blog": ["change_editorial_settings"],
    "resources": [
        "view_downloadrequest",
        "delete_downloadrequest",
        "view_downloadtally",
        "change_promobanner",
    ],
    "newsletter": [
        "view_subscriber",
        "delete_subscriber",
        "view_mailing",
        "retry_mailing",
        "stop_mailing",
    ],
    "contributions": [
        f"{action}_{model}"
        for model in ("story", "pitch")
        for action in ("view", "change", "delete")
    ],
    "readership": ["view_articletally"],
    "wagtailredirects": ["add_redirect", "change_redirect", "delete_redirect"],
    "users": ["invite_guest_author"],
}

# On the root page: everything below it.
EDITORS_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]

# On the root collection: every image and document.
EDITORS_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
}


# Only into their own collection, and only their own images (see images.permissions).
GUEST_COLLECTION_PERMISSIONS = {"wagtailimages": ["add_image", "choose_image"]}

# On the blog index: write articles there, and edit their own until published.
GUEST_PAGE_PERMISSIONS = ["add_page"]


def create_all_permissions(using="default"):
    """Django adds permissions after each app's migrations (post_migrate, app by
    app); the groups may need those of apps whose turn comes later."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)


def _permissions(app_label, codenames):
    found = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    if len(found) != len(codenames):
        missing = set(codenames) - {p.codename for p in found}
        raise LookupError(f"Permissions missing in {app_label}: {sorted(missing)}")
    return found


def _grant_collection_permissions(group, collection, permissions_by_app):
    for app_label, codenames in permissions_by_app.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def grant_page_permissions(group, page, codenames):
    for permission in _permissions("wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def ensure_editors_group():
    """Create the editors' group, or give it what it lacks."""
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codenames in EDITORS_MODEL_PERMISSIONS.items():
        group.permissions.add(*_permissions(app_label, codenames))

    root_page = Page.get_first_root_node()
    if root_page is not None:
        grant_page_permissions(group, root_page, EDITORS_PAGE_PERMISSIONS)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        _grant_collection_permissions(group, root_collection, EDITORS_COLLECTION_PERMISSIONS)
    return group


def ensure_guest_authors_group():
    """Create the guest authors' group and their image collection, or give them
    what they lack. Their rights on the blog index come with the index itself
    (blog.review.open_to_guest_authors)."""
    group, _ = Group.objects.get_or_create(name=GUEST_AUTHORS)
    group.permissions.add(*_permissions("wagtailadmin", ["access_admin"]))

    root_collection = Collection.get_first_root_node()
    if root_collection is None:
        return group
    collection = root_collection.get_children().filter(
        name=GUEST_IMAGES_COLLECTION
    ).first() or root_collection.add_child(name=GUEST_IMAGES_COLLECTION)
    _grant_collection_permissions(group, collection, GUEST_COLLECTION_PERMISSIONS)
    return group


def ensure_roles(using="default"):
    """Both groups with everything their role needs (after every migrate)."""
    create_all_permissions(using)
    ensure_editors_group()
    ensure_guest_authors_group()


def is_guest_author(user):
    """A member of Gastauteurs who is no editor or administrator as well."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return GUEST_AUTHORS in names and EDITORS not in names
