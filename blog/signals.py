from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from newsletter.announce import announce
from users.roles import is_guest_author

from .models import ArticlePage, BlogIndexPage
from .review import open_to_guest_authors
from .tasks import tell_author_article_is_live


@receiver(post_save, sender=BlogIndexPage)
def open_new_blog_index(sender, instance, created, raw=False, **kwargs):
    """A new blog index takes guest posts, under review, like the first one
    (which the migrations opened, when it existed then)."""
    if created and not raw:
        open_to_guest_authors(instance)


@receiver(page_published, sender=ArticlePage)
def fill_publication_date(sender, instance, **kwargs):
    """An article without an editor-set date takes the date it first went live."""
    if instance.publication_date is None and instance.first_published_at:
        date = timezone.localdate(instance.first_published_at)
        ArticlePage.objects.filter(pk=instance.pk, publication_date__isnull=True).update(
            publication_date=date
        )
        instance.publication_date = date


@receiver(page_published, sender=ArticlePage)
def tell_guest_author(sender, instance, **kwargs):
    """A guest author hears when their article first goes live (not on later edits)."""
    if instance.first_published_at != instance.last_published_at:
        return
    if instance.owner is not None and is_guest_author(instance.owner):
        article_id = instance.pk
        transaction.on_commit(lambda: tell_author_article_is_live.enqueue(article_id))


@receiver(page_published, sender=ArticlePage)
def mail_to_subscribers(sender, instance, **kwargs):
    """An article goes to the newsletter's subscribers when it first goes live,
    unless the editor unticked it (newsletter.announce decides the rest)."""
    if instance.send_to_subscribers:
        announce(instance)
