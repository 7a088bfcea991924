"""Signed, expiring download links for gated resources (core.signed_links).

The token names the resource and the download request: {"r": ..., "q": ...}.
"""

from core.signed_links import SignedLink, TokenCheck


def is_download_request(value):
    return isinstance(value, dict) and type(value.get("r")) is int and type(value.get("q")) is int


DOWNLOAD_LINK = SignedLink(
    "resources.download-link",
    accepts=is_download_request,
    max_age_setting="RESOURCE_DOWNLOAD_LINK_MAX_AGE",
)


def make_token(download_request):
    return DOWNLOAD_LINK.make({"r": download_request.resource_id, "q": download_request.pk})


def check_link(token, resource_id):
    """A TokenCheck whose value is the download request's id, for a link to
    this resource. An expired link still says which request it was for."""
    check = DOWNLOAD_LINK.check(token)
    if check.value is None or check.value["r"] != resource_id:
        return TokenCheck()
    return TokenCheck(value=check.value["q"], expired=check.expired)
