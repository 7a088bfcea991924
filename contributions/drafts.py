"""An article started from what a reader sent: a draft for an editor to write on."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext
from wagtail.coreutils import find_available_slug

from blog.models import ArticlePage, BlogIndexPage

TITLE_WORDS = 6
TITLE_CHARS = 80


def blog_index():
    """Where drafts go: the first blog in the page tree."""
    return BlogIndexPage.objects.order_by("path").first()


def title_start(contribution):
    """The reader's first words, as the draft's title quotes them."""
    start = Truncator(" ".join(contribution.quoted_text.split())).words(TITLE_WORDS)
    return Truncator(start).chars(TITLE_CHARS)


def neutral_slug(contribution):
    """The kind and the day it was sent ("verhaal-3-december-2026"): never the
    reader's words, as a slug easily stays when the title is rewritten, nor
    "concept", which would stay in the article's address once it is live."""
    day = date_format(timezone.localtime(contribution.created_at), "j F Y")
    return slugify(f"{contribution._meta.verbose_name} {day}")


def start_draft(contribution, parent, user):
    """A draft article under `parent` that quotes the contribution, which is then
    marked as used and linked to it. Nothing is published.

    The contribution is locked meanwhile: a second click makes no second draft
    but returns the first.
    """
    with transaction.atomic():
        contribution = type(contribution).objects.select_for_update().get(pk=contribution.pk)
        if contribution.article_id:
            return contribution.article.specific
        article = ArticlePage(
            title=gettext("Draft: %(start)s") % {"start": title_start(contribution)},
            slug=find_available_slug(parent, neutral_slug(contribution)),
            live=False,
            body=[
                {"type": "quote", "value": {"quote": contribution.quoted_text, "attribution": ""}}
            ],
        )
        if hasattr(contribution, "anonymous"):  # a story; a pitch is signed
            # The reader asked, and the editor who starts the draft confirms it.
            article.anonymity_requested = contribution.anonymous
            article.publish_anonymously = contribution.anonymous
        parent.add_child(instance=article)
        # As Wagtail's own "add page" does: a first revision, not validated yet
        # (the article has no author until the editor adds one).
        article.save_revision(user=user, log_action=True, clean=False)
        contribution.status = contribution.Status.USED
        contribution.article = article
        contribution.save(update_fields=["status", "article"])
    return article
