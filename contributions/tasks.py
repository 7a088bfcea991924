from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from core.mail import send_or_retry, templated_email
from users.roles import EDITORS


def editor_addresses():
    """CONTRIBUTIONS_NOTIFY_EMAILS, or else the editors' (the Redactie group's)
    addresses, or, while it has no one, the active superusers'."""
    if settings.CONTRIBUTIONS_NOTIFY_EMAILS:
        return list(settings.CONTRIBUTIONS_NOTIFY_EMAILS)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(groups__name=EDITORS)
    if not editors.exists():
        editors = users.filter(is_superuser=True)
    return sorted(set(editors.values_list("email", flat=True)))


@task()
def notify_editors(kind, admin_url, attempt=1):
    """Tell the editors that a story or a pitch arrived, with a link to it in the admin.

    Only that: the reader's words and address stay in the admin, out of mailboxes.
    Should the mail server fail, it is tried again later (core.mail).
    """
    recipients = editor_addresses()
    if recipients:
        context = {"kind": kind, "admin_url": admin_url}
        message = templated_email("contributions/emails/new_contribution", context, to=recipients)
        send_or_retry(message, notify_editors, kind, admin_url, attempt=attempt)
