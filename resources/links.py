"""Signed, expiring download links for gated resources (Django's signing framework)."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from core.signed_links import read_token

SALT = "resources.download-link"


@dataclass(frozen=True)
class LinkCheck:
    """What a download link turned out to be."""

    request_id: int | None = None
    expired: bool = False

    @property
    def valid(self):
        return self.request_id is not None and not self.expired


def make_token(download_request):
    return signing.dumps(
        {"r": download_request.resource_id, "q": download_request.pk}, salt=SALT, compress=True
    )


def check_token(token, resource_id):
    """Check a link's token for the given resource.

    An expired link still says which request it was for (its signature is
    good, only old), so that the reader's details can be offered again.
    """
    data, expired = read_token(token, salt=SALT, max_age=settings.RESOURCE_DOWNLOAD_LINK_MAX_AGE)
    if not isinstance(data, dict) or data.get("r") != resource_id:
        return LinkCheck()
    request_id = data.get("q")
    if not isinstance(request_id, int):
        return LinkCheck()
    return LinkCheck(request_id=request_id, expired=expired)
