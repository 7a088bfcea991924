"""Downloads, stories and signups counted for the article the reader came from."""

import functools

from django.db import transaction
from django.dispatch import receiver

from core import conversions

from .counting import article_came_from, is_counted
from .models import ArticleTally

FIGURES = {
    conversions.DOWNLOAD: "downloads",
    conversions.STORY: "stories",
    conversions.SIGNUP: "signups",
}


@receiver(conversions.reader_converted)
def count_conversion(sender, request, kind, **kwargs):
    if not is_counted(request):
        return
    article_id = article_came_from(request)
    if article_id is None:
        return
    # Once what the reader sent is stored; should counting fail, the reader
    # never hears of it (robust: logged, not raised).
    transaction.on_commit(
        functools.partial(ArticleTally.add_one, article_id, FIGURES[kind]), robust=True
    )
