"""Who gets a mailing: the confirmed subscribers whose choice it matches.

An article goes to those who want every new article, and to those who chose
themes when one of the article's themes is among theirs; the monthly digest
goes to those who chose it. The newsletter knows articles only as Wagtail
pages: their themes are those of a themed page (themes.ThemedPageMixin).
"""

from themes.models import ThemedPageMixin

from .models import Subscriber


def theme_ids_of(page):
    """The themes of a page: as saved, or as in the editor (a page built from
    a revision keeps them in memory, and `specific` of a specific page is itself)."""
    page = page.specific
    if not isinstance(page, ThemedPageMixin):
        return []
    return [item.tag_id for item in page.tagged_items.all()]


def for_article(page):
    """The confirmed subscribers a new article is mailed to (a queryset)."""
    return Subscriber.objects.confirmed().for_article(theme_ids_of(page))


def for_digest():
    return Subscriber.objects.confirmed().for_digest()


def recipients(mailing):
    return for_digest() if mailing.is_digest else for_article(mailing.page)
