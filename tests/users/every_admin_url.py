"""Every admin URL the resolver knows, with other people's ids in its path.

For tests/users/test_guest_sees_no_one_else.py: `named_patterns()` walks the
URL resolver for the admin's patterns (a new admin view is found without
anyone adding it here), and `urls_for()` fills each pattern's arguments with
real ids of things that are not the guest's: `world` holds the ids of other
people's pages (`pages`), of the other users (`others`), the guest's own user
(`ilse`) and the blog index. An argument of an unknown kind gets the model of
the view (Wagtail's generic views say which), else plausible ids.
"""

import itertools

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    Revision,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)

ADMIN = f"{settings.ADMIN_PATH}/"


# Every admin URL pattern, walked from the resolver: (route, name, callback, kwargs' names).
def admin_patterns(patterns=None, prefix="", namespace=None):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from admin_patterns(pattern.url_patterns, route, inner or namespace)
        elif isinstance(pattern, URLPattern) and route.startswith(ADMIN):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name, pattern.callback, tuple(pattern.pattern.regex.groupindex)


def model_of(callback):
    """The model a view works on, when it says (Wagtail's generic views do)."""
    initkwargs = getattr(callback, "view_initkwargs", {})
    model = initkwargs.get("model") or getattr(
        getattr(callback, "view_class", None), "model", None
    )
    return model if isinstance(model, (type, str)) else None


def page_values(page_id):
    """Path values that belong to one page: its revision, workflow and task states."""
    revision = Revision.page_revisions.filter(object_id=str(page_id)).order_by("-pk").first()
    state = WorkflowState.objects.filter(object_id=str(page_id)).order_by("-pk").first()
    task_state = TaskState.objects.filter(workflow_state=state).order_by("-pk").first()
    session = EditingSession.objects.filter(object_id=str(page_id)).first()
    values = {
        "revision_id": revision.pk,
        "revision_id_a": "earliest",
        "revision_id_b": revision.pk,
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": page_id,
        "session_id": session.pk if session else 1,
    }
    if state:
        values |= {"workflow_state_id": state.pk, "workflow_pk": state.workflow_id}
    if task_state:
        values |= {"task_state_id": task_state.pk, "task_id": task_state.task_id}
    return values


PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}
FIXED = {
    "content_type_app_name": "blog",
    "content_type_model_name": "articlepage",
    "app_name": "resources",
    "filter_spec": "original",
    "action_name": "approve",
    "action": "delete",
    "uidb64": "MQ",
    "token": "set-password",
}


def fixed_values(route, name):
    values = dict(FIXED)
    if name == "wagtailadmin_pages:choose_parent":
        values |= {"app_label": "blog", "model_name": "articlepage"}
    elif name == "wagtailadmin_workflows:add_task":
        values |= {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}
    elif name == "wagtail_bulk_action":
        values |= {"app_label": "wagtailcore", "model_name": "page"}
    elif name == "wagtailsettings:edit" or "settings/" in route:
        values |= {"model_name": "promobanner"}
    elif "tag-autocomplete" in route:
        values |= {"app_name": "themes", "model_name": "theme"}
    return values


def ids_of(model, world, limit=3):
    if model is None:
        return []
    if isinstance(model, str):  # "app_label.ModelName", as settings name the swappable ones
        model = apps.get_model(model)
    if issubclass(model, Page):
        return world["pages"]
    objects = model._default_manager.order_by("-pk")
    if model._meta.label_lower == settings.AUTH_USER_MODEL.lower():
        objects = objects.exclude(pk=world["ilse"])
    return list(objects.values_list("pk", flat=True)[:limit])


def id_values(world, name, callback):
    """Candidate values for the id-like kwargs that are no page's."""
    image_ids = ids_of(get_image_model(), world)
    document_ids = ids_of(get_document_model(), world)
    by_name = {
        "image_id": image_ids,
        "doc_id": document_ids,
        "document_id": document_ids,
        "uploaded_file_id": ids_of(UploadedFile, world),
        "collection_id": ids_of(Collection, world),
        "redirect_id": [1],
        "task_id": ids_of(Task, world),
    }
    model = model_of(callback)
    if name.startswith("wagtailadmin_workflows:"):
        model = Task if "task" in name else Workflow
    elif name.startswith("wagtailadmin_api:"):
        model = {"images": get_image_model(), "documents": get_document_model()}.get(
            name.split(":")[1], Page
        )
    elif name.startswith("wagtailusers_groups:"):
        model = Group
    elif name.startswith("guest_authors:"):
        model = settings.AUTH_USER_MODEL
    by_name["pk"] = ids_of(model, world) or world["pages"] + world["others"]
    return by_name


def urls_for(world, route, name, callback, kwarg_names):
    """Every URL to ask for one pattern: one per other person's thing."""
    if not kwarg_names:
        return [reverse(name)]
    names = set(kwarg_names)
    fixed = fixed_values(route, name)
    combos = []
    if names & PAGE_KWARGS or (name.startswith("wagtailadmin_pages:") and "pk" in names):
        for page_id in world["pages"]:
            values = fixed | page_values(page_id) | dict.fromkeys(PAGE_KWARGS | {"pk"}, page_id)
            values["destination_id"] = world["blog_index"]
            combos.append(values)
    else:
        by_name = id_values(world, name, callback)
        if "session_id" in names:  # another guest's editing session on his draft
            combos = [fixed | page_values(world["pages"][1])]
        else:
            choices = [by_name.get(kwarg, [fixed.get(kwarg, 1)]) for kwarg in kwarg_names]
            combos = [
                fixed | dict(zip(kwarg_names, chosen, strict=True))
                for chosen in itertools.product(*choices)
            ]
    # A page without workflow has no URL that needs its workflow state.
    combos = [values for values in combos if names <= values.keys()]
    assert combos, f"no values for {route}"
    return sorted({reverse(name, kwargs={k: v[k] for k in kwarg_names}) for v in combos})


def named_patterns():
    # The catch-all and test404 have no name: they answer 404 and the test page alone.
    return sorted(
        {
            (route, name): (callback, kwargs)
            for route, name, callback, kwargs in admin_patterns()
            if name
        }.items()
    )
