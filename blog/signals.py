from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from .models import ArticlePage


@receiver(page_published, sender=ArticlePage)
def fill_publication_date(sender, instance, **kwargs):
    """An article without an editor-set date takes the date it first went live."""
    if instance.publication_date is None and instance.first_published_at:
        date = timezone.localdate(instance.first_published_at)
        ArticlePage.objects.filter(pk=instance.pk, publication_date__isnull=True).update(
            publication_date=date
        )
        instance.publication_date = date
