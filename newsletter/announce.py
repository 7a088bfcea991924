"""Which newly published pages go to the subscribers.

The app that owns a page type decides whether its pages are mailed and calls
announce() when one is published (blog.signals for articles); the newsletter
knows pages only as Wagtail pages.
"""

from django.db import transaction
from wagtail.models import PageViewRestriction

from . import audience
from .models import Mailing
from .tasks import send_mailing


def announce(page):
    """Mail a page that goes live for the first time to the subscribers whose
    choice it matches (newsletter.audience), unless only some readers may see
    it. Later publications of the page send nothing, and neither does a second
    call for the same page: it has one mailing at most.

    Wagtail also sends page_published when a page is only scheduled (go_live_at
    in the future): it is not live then, and its mailing waits until it is."""
    if not page.live:
        return  # scheduled: `publish_scheduled` publishes it, and then it is mailed
    if page.first_published_at != page.last_published_at:
        return  # live before: this is an edit, or a return after being unpublished
    if restricted(page) or not audience.for_article(page).exists():
        return  # nobody wants it now (those who chose the digest get it with their month)
    mailing, created = Mailing.objects.get_or_create(page=page)
    if created:
        transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))


def restricted(page):
    return PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def will_be_mailed(page):
    """Whether publishing the page (now, or at its scheduled time) mails it:
    the editor is asked first (newsletter.wagtail_hooks). As announce() decides,
    for a page whose type offers `send_to_subscribers` (blog.signals)."""
    return bool(
        getattr(page, "send_to_subscribers", False)
        and page.first_published_at is None
        and not Mailing.objects.filter(page_id=page.pk).exists()
        and not restricted(page)
        and audience.for_article(page).exists()
    )
