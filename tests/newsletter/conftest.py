import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import DELETED_EMAIL, Delivery, Mailing, Subscriber
from tests.admin_helpers import dutch
from tests.blog.factories import ArticlePageFactory


def confirmed_subscriber(email, preference=Subscriber.Preference.EVERY_ARTICLE, themes=()):
    subscriber = Subscriber.objects.create(
        email=email,
        source=Subscriber.Source.FOOTER,
        consent_text="Ja",
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    if preference != Subscriber.Preference.EVERY_ARTICLE:
        subscriber.choose(preference, themes)
    return subscriber


@pytest.fixture
def publish_article(blog_index, django_capture_on_commit_callbacks):
    """Publish a new article as an editor does, running what waits for the commit
    (the mailing's task)."""

    def publish(**kwargs):
        article = ArticlePageFactory(parent=blog_index, live=False, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        article.refresh_from_db()
        return article

    return publish


def link_in(text, path):
    return re.search(rf"https?://[^\s\"<>]+{re.escape(path)}\?t=[^\s\"<>]+", text).group(0)


# The newsletter's admin (test_subscribers_admin.py, test_mailings_admin.py)

SUBSCRIBERS_URL = reverse("subscribers:index")
SUBSCRIBER_ADD_URL = reverse("subscribers:add")
MAILINGS_URL = reverse("mailings:index")
MAILING_ADD_URL = reverse("mailings:add")
AJAX = {"x-requested-with": "XMLHttpRequest"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def subscriber_url(action, subscriber):
    return reverse(f"subscribers:{action}", args=[subscriber.pk])


def mailing_url(action, mailing):
    return reverse(f"mailings:{action}", args=[mailing.pk])


def amsterdam(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def subscribers():
    return {
        "anna": Subscriber.objects.create(
            email="anna@deregenboog.nl",
            status=Subscriber.Status.CONFIRMED,
            source=Subscriber.Source.FOOTER,
            consent_text="Ja, stuur mij de nieuwsbrief.",
            created_at=amsterdam(2025, 3, 3, 9, 30),
            confirmation_sent_at=amsterdam(2025, 3, 3, 9, 30),
            confirmed_at=amsterdam(2025, 3, 3, 9, 45),
        ),
        "bram": Subscriber.objects.create(
            email="bram@hetkompas.nl",
            status=Subscriber.Status.PENDING,
            source=Subscriber.Source.DOWNLOAD,
            consent_text="Ik wil de nieuwsbrief ontvangen.",
            created_at=amsterdam(2025, 3, 12, 14, 0),
        ),
        # Left: the address and the consent are gone, the dates stay.
        "carla": Subscriber.objects.create(
            email="",
            status=Subscriber.Status.UNSUBSCRIBED,
            source=Subscriber.Source.ARTICLE,
            created_at=amsterdam(2025, 2, 1, 8, 0),
            confirmed_at=amsterdam(2025, 2, 1, 8, 5),
            unsubscribed_at=amsterdam(2025, 3, 1, 20, 0),
        ),
    }


def listing_results(response):
    """The listing's table (not, say, the "deleted" message above it)."""
    return BeautifulSoup(response.content, "html.parser").find(id="listing-results")


def listed_emails(response):
    text = listing_results(response).get_text()
    return {email for email in ("anna@deregenboog.nl", "bram@hetkompas.nl") if email in text}


def shows_the_left_subscriber(response):
    return dutch(DELETED_EMAIL) in listing_results(response).get_text()


@pytest.fixture
def mailing_to_anna(subscribers, blog_index):
    mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
    Delivery.objects.create(
        mailing=mailing, subscriber=subscribers["anna"], status=Delivery.Status.SENT
    )
    return mailing


# Mailings


def add_deliveries(mailing, status, number):
    for _ in range(number):
        subscriber = confirmed_subscriber(f"lezer{Subscriber.objects.count()}@voorbeeld.nl")
        Delivery.objects.create(mailing=mailing, subscriber=subscriber, status=status)


def make_mailing(blog_index, title, **deliveries):
    """A mailing of a new article, queued: `failed=2` adds two failed deliveries."""
    article = ArticlePageFactory(parent=blog_index, title=title)
    mailing = Mailing.objects.create(page=article, queued_at=timezone.now())
    for status, number in deliveries.items():
        add_deliveries(mailing, status, number)
    return mailing


@pytest.fixture
def mailing(blog_index):
    return make_mailing(
        blog_index, "Het lastige gesprek", pending=2, sending=1, sent=5, failed=2, cancelled=1
    )


def table_rows(response):
    """The listing's rows, each a dict of the column headings and the cells' text."""
    table = listing_results(response).find("table")
    headings = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]

    def text(cell):
        # A title cell also holds its row's menu of actions.
        return (cell.find(class_="title-wrapper") or cell).get_text(" ", strip=True)

    return [
        dict(zip(headings, map(text, row.find_all("td")), strict=True))
        for row in table.tbody.find_all("tr")
    ]


def figures(row):
    return [
        row[dutch(status.label)]
        for status in (
            Delivery.Status.PENDING,  # headed "Queued": waiting and being sent
            Delivery.Status.SENT,
            Delivery.Status.FAILED,
            Delivery.Status.CANCELLED,
        )
    ]


@pytest.fixture
def editor_home_html(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client.get(reverse("wagtailadmin_home")).content.decode()
