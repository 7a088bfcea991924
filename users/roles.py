"""The site's roles, as groups that data migrations keep up to date.

`Redactie` (the editors) publish anywhere in the page tree, manage images,
documents, snippets, downloads and the banner, and read and delete what
readers sent: contributions, download requests, subscribers. Nobody in it
manages user accounts or sites: that stays with the administrators.

`Gastauteurs` (guest authors) write articles under the blog index and submit
them for review. They publish nothing, see none of the readers' data, and
upload images into one collection in which each sees only their own.

Every `ensure_*` function can run again without change. `apps` is a
migration's app registry, or django.apps.apps.
"""

EDITORS = "Redactie"
GUEST_AUTHORS = "Gastauteurs"
GUEST_IMAGES_COLLECTION = "Gastauteurs"

EDITORS_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "blog": [
        *(
            f"{action}_{model}"
            for model in ("theme", "author")
            for action in ("add", "change", "delete")
        ),
        "change_editorial_settings",
    ],
    "resources": [
        "view_downloadrequest",
        "delete_downloadrequest",
        "view_downloadtally",
        "change_promobanner",
    ],
    "newsletter": ["view_subscriber", "delete_subscriber", "view_mailing", "retry_mailing"],
    "contributions": [
        f"{action}_{model}"
        for model in ("story", "pitch")
        for action in ("view", "change", "delete")
    ],
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


# Only into their own collection, and only their own images (see images.wagtail_hooks).
GUEST_COLLECTION_PERMISSIONS = {"wagtailimages": ["add_image", "choose_image"]}

# On the blog index: write articles there, and edit their own until published.
GUEST_PAGE_PERMISSIONS = ["add_page"]


def create_all_permissions(apps):
    """Django makes permissions after all migrations ran; a data migration that
    grants them needs them made now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    if len(found) != len(codenames):
        missing = set(codenames) - {p.codename for p in found}
        raise LookupError(f"Permissions missing in {app_label}: {sorted(missing)}")
    return found


def _grant_collection_permissions(apps, group, collection, permissions_by_app):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, codenames in permissions_by_app.items():
        for permission in _permissions(apps, app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def grant_page_permissions(apps, group, page, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission in _permissions(apps, "wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def ensure_editors_group(apps):
    """Create the editors' group, or give it what it lacks."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codenames in EDITORS_MODEL_PERMISSIONS.items():
        group.permissions.add(*_permissions(apps, app_label, codenames))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        grant_page_permissions(apps, group, root_page, EDITORS_PAGE_PERMISSIONS)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        _grant_collection_permissions(apps, group, root_collection, EDITORS_COLLECTION_PERMISSIONS)
    return group


def ensure_guest_authors_group(apps):
    """Create the guest authors' group and their image collection, or give them
    what they lack. Their rights on the blog index come with the index itself
    (blog.review.open_to_guest_authors)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")

    group, _ = Group.objects.get_or_create(name=GUEST_AUTHORS)
    group.permissions.add(*_permissions(apps, "wagtailadmin", ["access_admin"]))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is None:
        return group
    collection = Collection.objects.filter(
        name=GUEST_IMAGES_COLLECTION, depth=root_collection.depth + 1
    ).first()
    if collection is None:
        collection = _add_child_collection(apps, root_collection, GUEST_IMAGES_COLLECTION)
    _grant_collection_permissions(apps, group, collection, GUEST_COLLECTION_PERMISSIONS)
    return group


def _add_child_collection(apps, parent, name):
    # A migration's models lack treebeard's tree methods: add the node through
    # the real model (its table is the same), then hand back the caller's kind.
    from wagtail.models import Collection as TreeCollection

    added = TreeCollection.objects.get(pk=parent.pk).add_child(name=name)
    return apps.get_model("wagtailcore", "Collection").objects.get(pk=added.pk)


def is_guest_author(user):
    """A member of Gastauteurs who is no editor or administrator as well."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return GUEST_AUTHORS in names and EDITORS not in names
