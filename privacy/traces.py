"""Where an address ends up without a reader giving it to us: the results of
background tasks (django-tasks-db: arguments, return values, tracebacks) and
logins (django-axes: the address typed as a username).

Tasks pass ids and write no addresses (core.mail), so a task result that
mentions one is from before that, or from a fault: the privacy request shows
and erases it, and retention deletes finished results after a while.
"""

import re

from django.db.models import Q, TextField
from django.db.models.functions import Cast


def mentions(email):
    """The address as a whole, in any case: not inside another ("joanna@…")."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)


def records_mentioning(queryset, email, fields, json_fields=()):
    """The records whose text fields (and JSON fields, as text) mention the address.

    The database finds the candidates; the exact match is checked here.
    """
    queryset = queryset.annotate(
        **{f"{name}_as_text": Cast(name, TextField()) for name in json_fields}
    )
    names = [*fields, *(f"{name}_as_text" for name in json_fields)]
    candidates = Q()
    for name in names:
        candidates |= Q(**{f"{name}__icontains": email})
    pattern = mentions(email)
    ids = [
        pk
        for pk, *texts in queryset.filter(candidates).values_list("pk", *names)
        if any(pattern.search(text or "") for text in texts)
    ]
    return queryset.filter(pk__in=ids)


def task_results_of(queryset, email):
    return records_mentioning(
        queryset, email, ["traceback"], json_fields=["args_kwargs", "return_value"]
    )


def login_attempts_of(queryset, email):
    """Failed logins with the address as username (also in the form's data)."""
    return records_mentioning(queryset, email, ["username", "get_data", "post_data"])


def logins_of(queryset, email):
    return records_mentioning(queryset, email, ["username"])
