from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from django_tasks import task

from core.mail import send_or_retry, templated_email
from core.site_url import absolute_url
from users.roles import EDITORS

from .models import Story
from .tokens import WITHDRAW


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


def withdrawal_url(story):
    url = absolute_url(reverse("contributions:withdraw"))
    return f"{url}?{urlencode({'t': WITHDRAW.make(story.pk)})}"


@task()
def send_story_receipt(story_id, attempt=1):
    """Confirm a story whose reader consented to the wall and gave an address,
    with the link that takes the sentence off the wall or deletes the story.

    The mail holds none of the reader's words (anyone can type an address into
    the form), and the task only the story's number: the signed link is made
    here, so that the queue holds no working link.
    """
    story = Story.objects.filter(pk=story_id).exclude(email="").first()
    if story is None or not story.wall_consent:
        return  # deleted or withdrawn in the meantime
    context = {"withdraw_url": withdrawal_url(story), "sent_at": story.created_at}
    message = templated_email("contributions/emails/story_received", context, to=[story.email])
    send_or_retry(message, send_story_receipt, story_id, attempt=attempt)
