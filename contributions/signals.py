"""Pages show the sentences on the wall of recognition (the page *Herkenning*,
the excerpt under articles), but stories are not snippets, which
caching.signals would watch: whatever changes what the wall shows makes the
cached pages, pieces and remembered values stale here, and the excerpts under
articles (contributions.wall). A story that is not and was not on the wall
(every reader's new story) leaves the cache alone."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching import page_cache

from . import wall
from .models import RecognitionPage, Story


def now_and_on_commit(forget):
    """Stale at once, for this request's next page; and again once the change
    is committed, should another request have rendered and stored a page or an
    excerpt from the data of before meanwhile."""
    forget()
    transaction.on_commit(forget)


def wall_changed():
    now_and_on_commit(wall.forget)
    now_and_on_commit(page_cache.invalidate)


@receiver(post_save, sender=Story)
def story_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.on_wall or getattr(instance, "stored_on_wall", False):
        wall_changed()
    instance.stored_on_wall = instance.on_wall


@receiver(post_delete, sender=Story)
def story_deleted(sender, instance, **kwargs):
    if instance.on_wall or getattr(instance, "stored_on_wall", False):
        wall_changed()


@receiver(m2m_changed, sender=Story.wall_themes.through)
def wall_themes_changed(sender, instance, action, **kwargs):
    if not action.startswith("post_"):
        return
    if not isinstance(instance, Story) or instance.on_wall:
        wall_changed()


# The wall's address, under each excerpt: the wall page saved (published,
# unpublished, renamed), a page above it published or unpublished, any page
# moved or deleted, made private or public again, a site changed. (The page
# cache hears of these through caching.signals.)


@receiver(post_save, sender=RecognitionPage)
@receiver(post_page_move)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def wall_page_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        now_and_on_commit(wall.forget)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # The wall page, or a page above it (which has children); not every article.
    if isinstance(instance, RecognitionPage) or (isinstance(instance, Page) and instance.numchild):
        now_and_on_commit(wall.forget)


@receiver(page_published)
@receiver(page_unpublished)
def ancestor_changed(sender, instance, **kwargs):
    # Articles and downloads have no children: no query for what is published most.
    if instance.numchild and RecognitionPage.objects.descendant_of(instance).exists():
        now_and_on_commit(wall.forget)
