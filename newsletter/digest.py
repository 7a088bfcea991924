"""The monthly overview: the articles that went live in the previous calendar
month, once, to the confirmed subscribers who chose it.

A scheduled article counts in the month it went live (Wagtail's
`first_published_at` is the moment `publish_scheduled` published it). The
newsletter knows articles only as Wagtail pages: those whose type is mailed
(`send_to_subscribers`, as newsletter.announce) and that the editor left ticked.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from . import audience
from .models import Mailing


def previous_month(today=None):
    """The first day of the calendar month before `today` (in Dutch time)."""
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def month_bounds(month):
    """The month's first moment and the next month's, in the site's time zone."""
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return (
        timezone.make_aware(datetime.datetime(month.year, month.month, 1)),
        timezone.make_aware(datetime.datetime(following.year, following.month, 1)),
    )


def articles_of(month):
    """The month's new articles that every reader may see, in the order they went live."""
    start, end = month_bounds(month)
    pages = (
        Page.objects.live()
        .public()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
        .specific()
    )
    return [page for page in pages if getattr(page, "send_to_subscribers", False)]


def start(today=None):
    """The digest mailing of the month before `today`, and whether this call
    made it. None when the month had no new article or nobody chose the
    digest. The month is unique in the database: a second run, even at the
    same moment on another machine, finds the mailing and makes none."""
    month = previous_month(today)
    if not articles_of(month) or not audience.for_digest().exists():
        return None, False
    return Mailing.objects.get_or_create(month=month)
