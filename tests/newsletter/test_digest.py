"""The monthly overview: once a month, last month's new articles to the
confirmed subscribers who chose it; never twice for a month."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction, Revision

from newsletter import digest
from newsletter.models import Delivery, Mailing, Subscriber
from newsletter.tasks import queue_monthly_digest, send_mailing, send_monthly_digest
from tests.blog.factories import ArticlePageFactory

from .conftest import amsterdam, confirmed_subscriber, link_in, mailing_url, table_rows

pytestmark = pytest.mark.django_db

DIGEST = Subscriber.Preference.DIGEST
# Run on the first of April: the overview of March.
APRIL_FIRST = datetime.date(2026, 4, 1)
MARCH = datetime.date(2026, 3, 1)


def went_live(article, moment):
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=moment, last_published_at=moment
    )


@pytest.fixture
def march(blog_index):
    """Articles that went live in March (Dutch time), and some that did not count."""

    def article(title, moment, **kwargs):
        page = ArticlePageFactory(parent=blog_index, title=title, **kwargs)
        went_live(page, moment)
        return page

    articles = {
        "first": article("Het eerste gesprek", amsterdam(2026, 3, 2, 9, 0)),
        # 23:30 on 31 March in Amsterdam is 21:30 UTC: still March.
        "last": article("Laat op de avond", amsterdam(2026, 3, 31, 23, 30)),
        "february": article("Februari", amsterdam(2026, 2, 28, 23, 59)),
        # 00:10 on 1 April in Amsterdam is still 31 March in UTC: April.
        "april": article("April", amsterdam(2026, 4, 1, 0, 10)),
        "left_out": article(
            "Niet mailen", amsterdam(2026, 3, 10, 12, 0), send_to_subscribers=False
        ),
        "private": article("Besloten", amsterdam(2026, 3, 11, 12, 0)),
        "offline": article("Offline", amsterdam(2026, 3, 12, 12, 0)),
    }
    PageViewRestriction.objects.create(
        page=articles["private"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    articles["offline"].unpublish()
    return articles


@pytest.fixture
def readers():
    confirmed_subscriber("maand@example.nl", DIGEST)
    confirmed_subscriber("ook-maand@example.nl", DIGEST)
    confirmed_subscriber("alles@example.nl")
    Subscriber.objects.create(email="wacht@example.nl", source="footer", preference=DIGEST)
    gone = confirmed_subscriber("weg@example.nl", DIGEST)
    gone.unsubscribe()


def run_digest(capture, today=APRIL_FIRST):
    with capture(execute=True):
        return queue_monthly_digest(today)


def test_the_months_articles_in_the_order_they_went_live(march):
    assert [page.title for page in digest.articles_of(MARCH)] == [
        "Het eerste gesprek",
        "Laat op de avond",
    ]


def test_the_previous_calendar_month():
    assert digest.previous_month(APRIL_FIRST) == MARCH
    assert digest.previous_month(datetime.date(2026, 4, 30)) == MARCH
    assert digest.previous_month(datetime.date(2026, 1, 15)) == datetime.date(2025, 12, 1)


def test_mailed_once_to_each_digest_subscriber(march, readers, django_capture_on_commit_callbacks):
    mailing = run_digest(django_capture_on_commit_callbacks)
    assert mailing.month == MARCH
    assert sorted(m.to[0] for m in mail.outbox) == ["maand@example.nl", "ook-maand@example.nl"]
    message = mail.outbox[0]
    assert message.subject == "De Directeurskamer in maart 2026: de nieuwe artikelen"
    for title in ("Het eerste gesprek", "Laat op de avond"):
        assert title in message.body
    for title in ("Februari", "April", "Niet mailen", "Besloten", "Offline"):
        assert title not in message.body
    assert march["first"].get_full_url() in message.body
    html = message.alternatives[0][0]
    assert march["last"].get_full_url() in html
    assert "De 2 nieuwe artikelen in maart 2026" in html
    # The personal links and headers of every newsletter mail.
    assert link_in(message.body, "/nieuwsbrief/voorkeuren/")
    assert link_in(html.replace("&amp;", "&"), "/nieuwsbrief/afmelden/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"].startswith(f"<newsletter.{mailing.pk}.")

    # Run again (cron twice, or a day later): nothing more.
    assert run_digest(django_capture_on_commit_callbacks) == mailing
    assert run_digest(django_capture_on_commit_callbacks, datetime.date(2026, 4, 20)) == mailing
    assert len(mail.outbox) == 2
    assert Mailing.objects.filter(month=MARCH).count() == 1
    assert mailing.deliveries.filter(status=Delivery.Status.SENT).count() == 2


def test_the_database_refuses_a_second_digest_for_a_month(march, readers):
    """What makes concurrent runs safe: the loser of the race finds the winner's."""
    Mailing.objects.create(month=MARCH)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mailing.objects.create(month=MARCH)
    mailing, created = digest.start(APRIL_FIRST)
    assert (mailing.month, created) == (MARCH, False)


def test_a_mailing_is_an_article_or_a_month(blog_index):
    with pytest.raises(IntegrityError), transaction.atomic():
        Mailing.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mailing.objects.create(page=ArticlePageFactory(parent=blog_index), month=MARCH)


def test_no_new_articles_no_mail(blog_index, readers, django_capture_on_commit_callbacks):
    went_live(ArticlePageFactory(parent=blog_index), amsterdam(2026, 2, 10, 9, 0))
    assert run_digest(django_capture_on_commit_callbacks) is None
    assert mail.outbox == []
    assert not Mailing.objects.exists()


def test_articles_taken_offline_before_it_went_leave_nothing_to_send(
    march, readers, django_capture_on_commit_callbacks
):
    mailing, created = digest.start(APRIL_FIRST)
    assert created
    march["first"].unpublish()
    march["last"].unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        send_mailing.enqueue(mailing.pk)
    assert mail.outbox == []
    mailing.refresh_from_db()
    assert mailing.stopped_at is not None


def test_nobody_chose_it_no_mailing(march, django_capture_on_commit_callbacks):
    confirmed_subscriber("alles@example.nl")
    assert run_digest(django_capture_on_commit_callbacks) is None
    assert not Mailing.objects.exists()


def test_digest_subscribers_get_no_mail_per_article(publish_article, readers):
    publish_article()
    assert [m.to for m in mail.outbox] == [["alles@example.nl"]]


def test_sent_in_batches_each_once(march, settings, django_capture_on_commit_callbacks):
    settings.NEWSLETTER_BATCH_SIZE = 2
    for number in range(5):
        confirmed_subscriber(f"lezer{number}@example.nl", DIGEST)
    run_digest(django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [f"lezer{n}@example.nl" for n in range(5)]


def test_a_mail_server_that_fails_is_tried_again(
    march, readers, monkeypatch, django_capture_on_commit_callbacks
):
    """As for an article: the deliveries wait for another attempt."""
    from django.core.mail.backends.locmem import EmailBackend

    def down(self):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "open", down, raising=False)
    mailing = run_digest(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    deliveries = mailing.deliveries.all()
    assert {(d.status, d.attempts) for d in deliveries} == {(Delivery.Status.PENDING, 1)}
    assert all(d.next_attempt_at > timezone.now() for d in deliveries)

    monkeypatch.undo()
    mailing.deliveries.update(next_attempt_at=timezone.now())
    call_command("send_newsletter", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["maand@example.nl", "ook-maand@example.nl"]


def test_unsubscribing_from_the_digest_with_one_click(
    march, readers, django_capture_on_commit_callbacks
):
    run_digest(django_capture_on_commit_callbacks)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(header, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.filter(email=mail.outbox[0].to[0]).count() == 0


class TestScheduling:
    def test_the_command_queues_the_overview_for_the_worker(
        self, march, readers, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: APRIL_FIRST)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_monthly_digest", stdout=out)
        assert "maart 2026" in out.getvalue()
        assert len(mail.outbox) == 2
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_monthly_digest", stdout=io.StringIO())
        assert len(mail.outbox) == 2

    def test_the_task_for_a_scheduler_that_queues_tasks(
        self, march, readers, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: APRIL_FIRST)
        with django_capture_on_commit_callbacks(execute=True):
            result = send_monthly_digest.enqueue()
        assert result.return_value == Mailing.objects.get(month=MARCH).pk
        assert len(mail.outbox) == 2

    def test_a_scheduled_article_counts_in_the_month_it_went_live(
        self, blog_index, readers, monkeypatch, django_capture_on_commit_callbacks
    ):
        """Scheduled in March for just after midnight: the scheduler publishes it
        on 1 April, and it is in April's overview, not March's."""
        article = ArticlePageFactory(parent=blog_index, live=False, title="Net na middernacht")
        article.go_live_at = amsterdam(2026, 4, 1, 0, 0)
        monkeypatch.setattr(timezone, "now", lambda: amsterdam(2026, 3, 20, 10, 0))
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        assert not is_live(article)

        monkeypatch.setattr(timezone, "now", lambda: amsterdam(2026, 4, 1, 0, 1))
        assert Revision.objects.exclude(approved_go_live_at=None).exists()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())
        assert is_live(article)
        monkeypatch.undo()

        assert [page.pk for page in digest.articles_of(datetime.date(2026, 4, 1))] == [article.pk]
        assert digest.articles_of(MARCH) == []


def is_live(article):
    article.refresh_from_db()
    return article.live


class TestInTheAdmin:
    def test_the_mailings_list_names_the_month(
        self, client, redacteur, march, readers, django_capture_on_commit_callbacks
    ):
        mailing = run_digest(django_capture_on_commit_callbacks)
        client.force_login(redacteur)
        rows = table_rows(client.get("/admin/newsletter/mailings/"))
        row = next(row for row in rows if "Maandoverzicht" in row["Artikel"])
        assert row["Artikel"] == "Maandoverzicht van maart 2026"
        assert row["Verstuurd"] == "2"
        inspect = client.get(mailing_url("inspect", mailing))
        assert inspect.status_code == 200
        assert "Maandoverzicht van maart 2026" in inspect.content.decode()

    def test_an_articles_mailing_shows_no_month(self, client, redacteur, mailing):
        client.force_login(redacteur)
        details = BeautifulSoup(client.get(mailing_url("inspect", mailing)).content, "html.parser")
        text = details.find("dl").get_text(" ", strip=True)
        assert "Het lastige gesprek" in text
        assert "None" not in text
