from django.conf import settings
from django.utils.http import urlencode
from django_tasks import task

from core.mail import send_or_retry, templated_email

from .links import make_token
from .models.downloads import DownloadRequest


@task()
def send_download_link(download_request_id, thanks_url, attempt=1):
    """Mail the reader a link to the thank-you page of the file they asked for
    (a page, not the file itself: mail scanners that open links count no download).

    The signed token is made here, so that the queue holds no working link.
    Should the mail server fail, it is tried again later (core.mail).
    """
    download_request = (
        DownloadRequest.objects.select_related("resource").filter(pk=download_request_id).first()
    )
    if download_request is None:
        return  # erased on request before the mail went out
    context = {
        "download_request": download_request,
        "resource": download_request.resource,
        "link_url": f"{thanks_url}?{urlencode({'link': make_token(download_request)})}",
        "link_days": settings.RESOURCE_DOWNLOAD_LINK_MAX_AGE // (24 * 60 * 60),
    }
    message = templated_email(
        "resources/emails/download_link", context, to=[download_request.email]
    )
    send_or_retry(message, send_download_link, download_request_id, thanks_url, attempt=attempt)
