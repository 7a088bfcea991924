from django.dispatch import receiver
from wagtail.documents.models import document_served

from .models import DownloadTally, ResourcePage


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    """Count a download of a resource's file, whichever way it was served:
    the ordinary document URL of an open resource, or a gated one's signed link."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return  # an editor checking the file is not a reader downloading it
    resource = getattr(request, "download_link_resource", None)
    resource_id = (
        resource.pk
        if resource is not None
        else ResourcePage.objects.live()
        .filter(document=instance)
        .values_list("pk", flat=True)
        .first()
    )
    if resource_id is not None:
        DownloadTally.record(resource_id)
