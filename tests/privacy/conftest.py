import pytest
from django.utils import timezone

from contributions.models import Pitch, SchoolType, Story
from newsletter.models import Subscriber
from resources.choices import ReaderRole
from resources.models import DownloadRequest
from tests.resources.factories import ResourcePageFactory

ANNA = "anna@example.nl"
OTHER = "bert@example.nl"


@pytest.fixture
def ebook(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Het e-book", access="gated")


def records_of(email, ebook, *, name="Anna"):
    """One record of every kind for the address (stored in the case given)."""
    return {
        "subscriber": Subscriber.objects.create(
            email=email,
            source=Subscriber.Source.DOWNLOAD,
            consent_text="Ja, stuur me de nieuwsbrief.",
            status=Subscriber.Status.CONFIRMED,
            confirmed_at=timezone.now(),
        ),
        "download_request": DownloadRequest.objects.create(
            resource=ebook,
            email=email,
            name=name,
            role=ReaderRole.SCHOOL_LEADER,
            consent_text="Ja, mail me de link.",
        ),
        "story": Story.objects.create(
            sentence="Een ouder stond huilend bij het hek.",
            email=email,
            name=name,
            anonymous=True,
            consent_text="Ja.",
        ),
        "pitch": Pitch.objects.create(
            name=name,
            email=email,
            role=ReaderRole.SCHOOL_LEADER,
            school_type=SchoolType.SBO,
            pitch="Over het gesprek dat ik uitstelde.",
            consent_text="Ja.",
        ),
    }


@pytest.fixture
def anna(ebook):
    # Stored in another case than she types it later.
    return records_of("Anna@Example.NL", ebook)


@pytest.fixture
def other(ebook):
    return records_of(OTHER, ebook, name="Bert")


# The export's names, in Dutch (privacy.records.export): per kind of record,
# and the fields all of them have.
SECTION = {
    "newsletter": "abonnees",
    "download_requests": "downloadaanvragen",
    "stories": "verhalen",
    "pitches": "gastblogvoorstellen",
    "task_results": "resultaten van achtergrondtaken",
    "failed_logins": "mislukte inlogpogingen",
    "failed_login_log": "mislukte inlogpogingen (logboek)",
    "logins": "geslaagde inlogs",
    "draft_articles": "conceptartikelen met hun woorden",
}
ID = "nummer"
EMAIL = "e-mailadres"
