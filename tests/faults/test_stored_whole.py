"""A form's data and the mail it causes are stored together or not at all; a
reader told that nothing was saved may send again without running into the limit."""

from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.test import Client

from contributions.models import Story
from newsletter.models import Subscriber
from resources.models import DownloadRequest
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db

STORY = {"sentence": "Een moeder vroeg om hulp.", "email": "ineke@example.nl", "consent": "on"}
SIGNUP = {"email": "ineke@example.nl", "consent": "on"}
DOWNLOAD = {"email": "ineke@example.nl", "role": "school_leader", "consent": "on"}


def queue_that_fails(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def ebook(resource_index):
    return ResourcePageFactory(
        parent=resource_index, title="Het e-book", slug="e-book", access="gated"
    )


CASES = {
    "story": ("contributions.views.notify_editors", "/deel-je-verhaal/", STORY, Story),
    "signup": ("newsletter.signup.send_confirmation", "/nieuwsbrief/", SIGNUP, Subscriber),
    "download": ("resources.models.pages.send_download_link", None, DOWNLOAD, DownloadRequest),
}


@pytest.mark.parametrize("case", CASES)
def test_what_was_saved_before_the_failure_is_rolled_back_and_the_reader_told(
    case, home_page, ebook, monkeypatch, settings
):
    task, url, data, model = CASES[case]
    url = url or ebook.url
    reader = Client(raise_request_exception=False)
    monkeypatch.setattr(task, SimpleNamespace(enqueue=queue_that_fails))

    # More often than the limit allows: none of these counts.
    for _failed in range(6):
        response = reader.post(url, data)
        assert response.status_code == 503
        assert "Wat je verstuurde, is niet opgeslagen" in response.content.decode()
    assert not model.objects.exists()

    monkeypatch.undo()
    assert reader.post(url, data).status_code == 302
    assert model.objects.count() == 1
