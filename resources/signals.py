from django.dispatch import receiver
from wagtail.documents.models import document_served

from core import conversions

from .models import DownloadTally, ResourcePage
from .permissions import may_open_any_document


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    """Count a download of a resource's file, whichever way it was served:
    the ordinary document URL of an open resource, or a gated one's signed link.

    Wagtail sends the signal before it answers a conditional request with
    304 Not Modified, and for HEAD requests: those are no downloads. Nor is an
    editor checking the file.
    """
    if request.method != "GET" or "HTTP_IF_NONE_MATCH" in request.META:
        return
    if "HTTP_IF_MODIFIED_SINCE" in request.META or may_open_any_document(request.user, instance):
        return
    resource = getattr(request, "download_link_resource", None)
    resource_id = (
        resource.pk
        if resource is not None
        else ResourcePage.objects.live()
        .filter(document=instance)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if resource_id is not None:
        DownloadTally.record(resource_id)
    if resource is None and resource_id is not None:
        # An open file; a gated one was announced when the reader asked for it.
        conversions.announce(request, conversions.DOWNLOAD)
