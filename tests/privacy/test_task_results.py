"""Background tasks and the reader's address: a mail that fails leaves no address
in the task's result (django-tasks-db, as in production), and results that
still mention one are shown, exported and erased with a privacy request, and
purged when old."""

import datetime
import json
import logging

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django_tasks_db.models import DBTaskResult

from newsletter.models import Delivery, Mailing, Subscriber
from newsletter.tasks import send_mailing
from privacy.records import export
from tests.admin_helpers import dutch
from tests.blog.factories import ArticlePageFactory
from tests.mail_server import Inbox
from tests.resources.factories import ResourcePageFactory

from .conftest import ANNA, ID, SECTION

URL = reverse("privacy_request:index")
EXPORT_URL = reverse("privacy_request:export")
ERASE_URL = reverse("privacy_request:erase")
WORK = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]


class QuotingInbox(Inbox):
    """A mail server that names the address it refuses in its answer, as Postfix does."""

    code = "550 5.1.1"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return f"{self.code} <{address}>: Recipient address rejected: User unknown"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def refusing_server(mail_server):
    mail_server.inbox = QuotingInbox()
    mail_server.inbox.refused.add(ANNA)
    mail_server.start()
    return mail_server


@pytest.fixture
def queue(settings, refusing_server):
    """Production's task queue (django-tasks-db) and its worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return refusing_server


def stored(result):
    return " ".join(
        [json.dumps(result.args_kwargs), json.dumps(result.return_value), result.traceback]
    )


def no_result_mentions_the_address():
    texts = [stored(result).lower() for result in DBTaskResult.objects.all()]
    return texts and not any("anna" in text for text in texts)


# The worker closes its database connection when it is done, as a process of
# its own would: so no test transaction around these.


@pytest.mark.django_db(transaction=True)
def test_a_refused_download_link_leaves_no_address_in_the_task_result(
    queue, resource_index, client
):
    ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book", access="gated")
    request = {"email": ANNA, "role": "school_leader", "consent": "on"}
    assert client.post("/downloads/e-book/", request).status_code == 302

    call_command(*WORK)

    result = DBTaskResult.objects.get(task_path="resources.tasks.send_download_link")
    assert result.status == "FAILED"
    assert result.exception_class_path == "core.mail.MailNotSent"
    # The server's answer stays, for whoever looks into it; the address does not.
    assert "550 5.1.1 <address>: Recipient address rejected" in result.traceback
    assert no_result_mentions_the_address()
    assert export(ANNA)[SECTION["task_results"]] == []


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_refused_for_now_leaves_no_address_in_the_queue(queue, home_page, client):
    queue.inbox.code = "450 4.2.0"  # try again later
    signup = {"email": ANNA, "consent": "on", "source": "footer"}
    assert client.post("/nieuwsbrief/", signup).status_code == 302

    call_command(*WORK)

    confirmations = DBTaskResult.objects.filter(task_path="newsletter.tasks.send_confirmation")
    failed = confirmations.get(status="FAILED")
    assert failed.exception_class_path == "core.mail.MailNotSent"
    retry = confirmations.get(status="READY")
    subscriber = Subscriber.objects.get()
    assert retry.args_kwargs["args"][0] == subscriber.pk
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert no_result_mentions_the_address()


@pytest.mark.django_db
def test_a_newsletter_refusal_is_kept_and_logged_without_the_address(
    refusing_server, blog_index, caplog
):
    Subscriber.objects.create(email=ANNA, source="footer", consent_text="Ja", status="confirmed")
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    refusing_server.inbox.code = "450 4.2.0"

    with caplog.at_level(logging.DEBUG):
        send_mailing.call(mailing.pk)

    delivery = Delivery.objects.get()
    assert delivery.last_error == "450 4.2.0 <address>: Recipient address rejected: User unknown"
    # The site's own logs (not the test mail server's).
    logged = " ".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail")
    )
    assert "450 4.2.0 <address>" in logged
    assert "anna" not in logged.lower()


# Results from before tasks were careful, or from a fault elsewhere.


def result(age=datetime.timedelta(hours=1), status="FAILED", **fields):
    finished = timezone.now() - age
    values = {
        "task_path": "resources.tasks.send_download_link",
        "args_kwargs": {"args": [1, "http://localhost/bedankt/"], "kwargs": {}},
        "backend_name": "default",
        "run_after": finished,
        "status": status,
        "finished_at": finished if status in ("FAILED", "SUCCESSFUL") else None,
        "traceback": "",
        **fields,
    }
    return DBTaskResult.objects.create(**values)


@pytest.fixture
def old_results(db):
    return {
        "in_args": result(args_kwargs={"args": ["Anna@Example.nl"], "kwargs": {}}),
        "in_traceback": result(
            traceback="smtplib.SMTPRecipientsRefused: {'anna@example.nl': (550, b'No')}"
        ),
        "in_return_value": result(status="SUCCESSFUL", return_value={"to": [ANNA]}),
        "someone_else": result(traceback="SMTPRecipientsRefused: {'joanna@example.nl': 550}"),
        "nobody": result(),
    }


@pytest.fixture
def redactie(client, redacteur):
    client.force_login(redacteur)
    return client


def left(results):
    return {name for name, row in results.items() if DBTaskResult.objects.filter(pk=row.pk)}


def test_the_lookup_and_the_export_show_the_results_that_mention_the_address(
    redactie, old_results
):
    response = redactie.post(URL, {"email": ANNA})

    page = BeautifulSoup(response.content, "html.parser")
    counts = [li.get_text(" ", strip=True) for li in page.find(id="privacy-counts")("li")]
    assert f"{capfirst(dutch('background task results'))}: 3" in counts
    rows = page.find(id="privacy-task_results").find("tbody")("tr")
    assert len(rows) == 3
    assert "joanna" not in page.find(id="privacy-results").get_text()

    data = json.loads(redactie.post(EXPORT_URL, {"email": ANNA}).content)
    assert {row[ID] for row in data[SECTION["task_results"]]} == {
        str(old_results[name].pk) for name in ("in_args", "in_traceback", "in_return_value")
    }


def test_the_erasure_removes_the_results_that_mention_the_address(redactie, old_results):
    redactie.post(ERASE_URL, {"email": ANNA, "confirmation": "1", "confirm": "on"})

    assert left(old_results) == {"someone_else", "nobody"}


def test_the_command_erases_them_too(old_results, capsys):
    call_command("privacy_erase", ANNA, "--yes")

    assert "task_results: 3" in capsys.readouterr().out
    assert left(old_results) == {"someone_else", "nobody"}


def test_retention_purges_finished_results_and_leaves_the_queue(db, settings, capsys):
    settings.PRIVACY_TASK_RESULT_DAYS = 30
    month = datetime.timedelta(days=30)
    minute = datetime.timedelta(minutes=1)
    results = {
        "failed_old": result(age=month + minute),
        "done_old": result(age=month + minute, status="SUCCESSFUL"),
        "failed_recent": result(age=month - minute),
        "waiting_old": result(age=month * 2, status="READY"),
    }

    call_command("purge_personal_data")

    assert "task_results: 2" in capsys.readouterr().out
    assert left(results) == {"failed_recent", "waiting_old"}
