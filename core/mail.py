"""Mail of the site: one mail made from templates, and what a failure to send
one means. Transactional mails (a confirmation, a download link, a notice to
the editors) are tried again by re-queueing their task (send_or_retry); the
newsletter keeps a delivery per subscriber with attempts of its own
(newsletter.sending). Both read a failure the same way here."""

import datetime
import re
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import default_task_backend

# Tries of one mail before it is given up, 2, 4, 8 and 16 minutes apart: half an hour in all.
MAIL_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 2 * 60

# An address in a mail server's answer ("550 5.1.1 <anna@example.nl>: unknown"),
# and what stands in its place wherever the answer is kept.
ADDRESS = re.compile(r"<?[\w.!#$%&*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*>?")
ADDRESS_REMOVED = "<address>"


class MailNotSent(Exception):
    """A mail that did not go out, described without its recipient's address
    (a task's result keeps the error it raised: its traceback, its message)."""


def templated_email(template, context, *, to, **kwargs):
    """A mail in plain text and HTML, in the site's language, from the templates
    `<template>_subject.txt`, `<template>.txt` and `<template>.html`."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string(f"{template}.txt", context),
            to=to,
            **kwargs,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_or_retry(message, task, *args, attempt, give_up=None):
    """Send the message that `task` (called with args) made; should the mail
    server fail for now, queue the task again, to try once more a while later.

    The task makes its message anew each time, so the queue holds no working
    link. Retries need a task backend that can wait (the database backend and
    its worker, as in production). After the last attempt, on a refusal for
    good (5xx) or without such a backend, give_up() is called. A MailNotSent
    is raised either way, so that the task's result records the failure: with
    the server's answer but not the address, and not the mail server's own
    exception, whose message holds the refused recipients.
    """
    try:
        message.send()
    except Exception as error:
        if (
            worth_retrying(error)
            and attempt < MAIL_ATTEMPTS
            and default_task_backend.supports_defer
        ):
            later = timezone.now() + retry_delay(attempt, first=FIRST_RETRY_SECONDS)
            task.using(run_after=later).enqueue(*args, attempt=attempt + 1)
        elif give_up is not None:
            give_up()
        raise MailNotSent(describe(error)) from None


def retry_delay(attempt, *, first, longest=None):
    """How long to wait after failed attempt number `attempt` (1, 2, ...): `first`
    seconds, doubled after each attempt, at most `longest`."""
    seconds = first * 2 ** max(attempt - 1, 0)
    return datetime.timedelta(seconds=seconds if longest is None else min(seconds, longest))


def worth_retrying(error):
    """Whether a later attempt may succeed: a connection that failed, or an
    answer in SMTP's 4xx range ("try again later"); not a refusal (5xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, OSError)


def describe(error):
    """What went wrong, for a record or a log: the mail server's answer, never
    the recipient's address (not even where the answer quotes it)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        code, text = type(error).__name__ + ":", str(error)
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return ADDRESS.sub(ADDRESS_REMOVED, f"{code} {text}")[:255]
