"""What the tests of the downloads' admin share: its URLs, download requests and counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.choices import ReaderRole
from resources.models import DownloadRequest, DownloadTally
from tests.resources.factories import ResourcePageFactory

LIST_URL = reverse("download_requests:index")
ADD_URL = reverse("download_requests:add")
REPORT_URL = reverse("downloads_per_week:index")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def request_url(action, download_request):
    return reverse(f"download_requests:{action}", args=[download_request.pk])


def amsterdam(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def workbook(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Werkboek morele reflectie")


@pytest.fixture
def checklist(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Checklist zorgoverleg")


@pytest.fixture
def download_requests(workbook, checklist):
    return {
        "anna": DownloadRequest.objects.create(
            resource=workbook,
            email="anna@deregenboog.nl",
            name="Anna de Vries",
            role=ReaderRole.SCHOOL_LEADER,
            newsletter=True,
            consent_text="Ik ga akkoord met de privacyverklaring.",
            created_at=amsterdam(2025, 3, 3, 9, 30),
        ),
        "bram": DownloadRequest.objects.create(
            resource=checklist,
            email="bram@hetkompas.nl",
            name="Bram Jansen",
            role=ReaderRole.CARE_COORDINATOR,
            consent_text="Ik ga akkoord met de privacyverklaring.",
            created_at=amsterdam(2025, 3, 12, 14, 0),
        ),
    }


def listed_emails(response):
    """The addresses in the listing's table (not in, say, a "deleted" message)."""
    html = response.content.decode()
    results = html.split('id="listing-results"')[-1]
    return {email for email in ("anna@deregenboog.nl", "bram@hetkompas.nl") if email in results}


@pytest.fixture
def tallies(workbook, checklist):
    """Downloads on days in two weeks: Monday 3 and Monday 10 March 2025 start them."""
    for resource, day, count in (
        (workbook, datetime.date(2025, 3, 3), 2),
        (workbook, datetime.date(2025, 3, 5), 3),
        (workbook, datetime.date(2025, 3, 10), 4),
        (checklist, datetime.date(2025, 3, 4), 1),
    ):
        DownloadTally.objects.create(resource=resource, day=day, count=count)


@pytest.fixture
def editor_tallies(workbook):
    """Downloads this week and five weeks ago, for the dashboard's last four weeks."""
    today = timezone.localdate()
    DownloadTally.objects.create(resource=workbook, day=today, count=6)
    DownloadTally.objects.create(
        resource=workbook, day=today - datetime.timedelta(days=35), count=50
    )
