from django.db import transaction
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from blog.models import ArticlePage

from .models import Mailing, Subscriber
from .tasks import send_mailing


@receiver(page_published, sender=ArticlePage)
def mail_new_article(sender, instance, **kwargs):
    """An article that goes live for the first time goes to the subscribers,
    unless the editor unticked it or only some readers may see it. Later
    publications of the article send nothing, and neither does a second
    signal for the same article: it has one mailing at most."""
    if not instance.send_to_subscribers:
        return
    if instance.first_published_at != instance.last_published_at:
        return  # live before: this is an edit, or a return after being unpublished
    if PageViewRestriction.objects.filter(
        page__in=instance.get_ancestors(inclusive=True)
    ).exists():
        return
    if not Subscriber.objects.confirmed().exists():
        return
    mailing, created = Mailing.objects.get_or_create(page=instance)
    if created:
        transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))
