"""Make the page cache stale whenever something a page shows changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import page_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    page_cache.invalidate()


def shown_on_pages(model):
    """Models whose rows appear on public pages (not revisions, renditions or logs).

    Readers' records (stories, signups, download requests) are not snippets
    (core.reader_records): a reader's form post never empties the cache. A
    view restriction (a page or collection made private, or public again)
    decides who may see a page: a stored copy must not outlive it.
    """
    return (
        issubclass(model, (Page, Site, BaseSiteSetting, BaseGenericSetting, BaseViewRestriction))
        or model in (get_image_model(), get_document_model())
        or model in get_snippet_models()
    )


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    if isinstance(instance, Page) and kwargs.get("created") is None:
        page_cache.invalidate()  # a page deleted
    elif not isinstance(instance, Page) and shown_on_pages(sender):
        page_cache.invalidate()
