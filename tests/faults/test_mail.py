"""The mail server out of reach: what a reader sent is stored, and the mails it
causes wait in the task queue and go out, once each, when the server is back."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contributions.models import Story
from core.mail import MAIL_ATTEMPTS
from resources.models import DownloadRequest
from tests.resources.factories import ResourcePageFactory

# The worker closes its database connection when it is done, as a process of
# its own would: so no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)

WORK = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]


@pytest.fixture
def queue(settings, mail_server):
    """Production's task queue (django-tasks-db) and its worker, and a mail server that is down."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CONTRIBUTIONS_NOTIFY_EMAILS = ["redactie@directeurskamer.nl"]
    return mail_server


def waiting():
    return DBTaskResult.objects.filter(status="READY")


def run_what_is_due():
    waiting().update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    call_command(*WORK)


def recipients(server):
    return [rcpt for rcpt, _ in server.inbox.messages]


def test_a_story_sent_while_the_mail_server_is_down_reaches_the_editors_later(
    queue, home_page, client
):
    story = {"sentence": "Een moeder vroeg om hulp.", "email": "ineke@example.nl", "consent": "on"}
    assert client.post("/deel-je-verhaal/", story).status_code == 302
    assert Story.objects.count() == 1

    call_command(*WORK)  # the mail server is down
    retry = waiting().get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    minutes = (retry.run_after - timezone.now()).total_seconds() / 60
    assert 1.5 < minutes <= 2  # 2 minutes after the first try, then 4, 8, 16

    queue.start()
    run_what_is_due()
    assert recipients(queue) == [["redactie@directeurskamer.nl"]]
    assert not waiting().exists()


def test_a_download_link_goes_out_once_the_mail_server_is_back(queue, resource_index, client):
    ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book", access="gated")
    request = {"email": "anna@example.nl", "role": "school_leader", "consent": "on"}
    assert client.post("/downloads/e-book/", request).status_code == 302
    assert DownloadRequest.objects.count() == 1

    call_command(*WORK)
    run_what_is_due()  # still down: a third attempt waits
    assert waiting().get().args_kwargs["kwargs"] == {"attempt": 3}

    queue.start()
    run_what_is_due()
    assert recipients(queue) == [["anna@example.nl"]]
    assert "/downloads/e-book/" in queue.inbox.messages[0][1].get_body(("plain",)).get_content()


def test_after_the_last_attempt_a_mail_is_given_up(queue, home_page, client):
    story = {"sentence": "Een moeder vroeg om hulp.", "email": "ineke@example.nl", "consent": "on"}
    client.post("/deel-je-verhaal/", story)
    call_command(*WORK)
    for _attempt in range(MAIL_ATTEMPTS - 1):
        run_what_is_due()
    assert not waiting().exists()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == MAIL_ATTEMPTS
    assert Story.objects.count() == 1  # the story itself stays


def test_an_address_refused_for_good_is_not_tried_again(queue, resource_index, client):
    ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book", access="gated")
    queue.inbox.refused.add("bestaat-niet@example.nl")
    queue.start()
    request = {"email": "bestaat-niet@example.nl", "role": "school_leader", "consent": "on"}
    assert client.post("/downloads/e-book/", request).status_code == 302

    call_command(*WORK)
    assert not waiting().exists()
    assert DBTaskResult.objects.filter(
        status="FAILED", task_path="resources.tasks.send_download_link"
    ).exists()
    assert DownloadRequest.objects.count() == 1
