"""Pages show the sentences on the wall of recognition (the page *Herkenning*,
the excerpt under articles), but stories are not snippets, which
caching.signals would watch: whatever changes what the wall shows makes the
cached pages, pieces and remembered values stale here, and the excerpts under
articles (contributions.wall). A story that is not and was not on the wall
(every reader's new story) leaves the cache alone."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from caching import page_cache

from . import wall
from .models import RecognitionPage, Story


def wall_changed():
    wall.kept.forget_now_and_on_commit()
    # The pages too: at once, and again once committed (as the excerpts).
    page_cache.invalidate()
    transaction.on_commit(page_cache.invalidate)


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


# The wall's address, under each excerpt.
wall.kept.forget_when_addresses_change(RecognitionPage)
