from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import urlencode
from django_tasks import task

from .links import make_token
from .models.downloads import DownloadRequest


@task()
def send_download_link(download_request_id, thanks_url):
    """Mail the reader a link to the thank-you page of the file they asked for
    (a page, not the file itself: mail scanners that open links count no download).

    The signed token is made here, so that the queue holds no working link.
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
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("resources/emails/download_link_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("resources/emails/download_link.txt", context),
            to=[download_request.email],
        )
        message.attach_alternative(
            render_to_string("resources/emails/download_link.html", context), "text/html"
        )
    message.send()
