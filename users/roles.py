"""The editors' role, as a group that a data migration keeps up to date.

`Redactie` (the editors) publish anywhere in the page tree, manage images,
documents, snippets, downloads and the banner, and read and delete what
readers sent: contributions, download requests, subscribers. Nobody in it
manages user accounts or sites: that stays with the administrators.
"""

EDITORS = "Redactie"

EDITORS_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "blog": [
        f"{action}_{model}"
        for model in ("theme", "author")
        for action in ("add", "change", "delete")
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


def ensure_editors_group(apps):
    """Create the editors' group, or give it what it lacks (run it as often as
    you like). `apps`: a migration's app registry, or django.apps.apps."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permissions(app_label, codenames):
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        if len(found) != len(codenames):
            missing = set(codenames) - {p.codename for p in found}
            raise LookupError(f"Permissions missing in {app_label}: {sorted(missing)}")
        return found

    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codenames in EDITORS_MODEL_PERMISSIONS.items():
        group.permissions.add(*permissions(app_label, codenames))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for permission in permissions("wagtailcore", EDITORS_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in EDITORS_COLLECTION_PERMISSIONS.items():
            for permission in permissions(app_label, codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group
