"""Draft articles made from a reader's words (*Begin een conceptartikel*,
contributions.drafts): found through the story or pitch that links to them,
shown with a privacy request, and on erasure deleted, cleaned of the reader's
words, or kept as the editor rewrote them.

The reader's words may be in more places than the draft an editor sees: the
page's own row (for a draft never published, the content it was made with,
and what the search index holds), every revision, the page's history
(its titles) and comments. Cleaning goes through all of them.
"""

import html
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Comment, CommentReply, Page, PageLogEntry

from contributions.drafts import title_start

DELETE, CLEAN, KEEP = "delete", "clean", "keep"
CHOICES = [
    (DELETE, _("Delete the draft article, with all its versions and its history")),
    (
        CLEAN,
        _(
            "Keep the draft article, with the reader's words replaced by a note, "
            "in the draft and in all its earlier versions"
        ),
    ),
    (
        KEEP,
        _(
            "Keep the draft article as it is now: I took the reader's words out "
            "myself (earlier versions are cleaned of them)"
        ),
    ),
]

# What the reader's words are replaced with, in the site's language.
PLACEHOLDER = _("[removed at the reader's request]")

# Fields that hold the title, which quotes only the reader's first words.
TITLE_FIELDS = {"title", "draft_title", "seo_title"}
# Text fields of a page that are not written by anyone.
NOT_WRITTEN = {"path", "url_path", "slug", "translation_key"}


class DraftChoiceMissing(ValueError):
    """A draft made from the reader's words, and no choice what to do with it."""


class DraftStillQuotes(ValueError):
    """To be kept, but its current version still holds the reader's words."""

    def __init__(self, draft):
        super().__init__(f"Draft article {draft.page.pk} still quotes the reader")
        self.draft = draft


class Quote:
    """What of the readers' words a draft may hold: each whole text (as typed,
    with its spaces tidied, and as HTML), and in titles also its first words."""

    def __init__(self, contributions):
        texts, starts = set(), set()
        for contribution in contributions:
            text = contribution.quoted_text
            for variant in (text, " ".join(text.split())):
                if variant.strip():
                    texts |= {variant, html.escape(variant, quote=False), html.escape(variant)}
            start = title_start(contribution)
            starts.add(start)
            if start.endswith("…"):  # a title the editor shortened keeps the words before it
                starts.add(start.rstrip("…").rstrip())
        self.texts = sorted(texts, key=len, reverse=True)
        self.title_texts = sorted(texts | starts, key=len, reverse=True)

    def remove(self, value, key=None):
        """The value (text, or a structure of them as JSON holds) without the words."""
        if isinstance(value, dict):
            return {name: self.remove(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.remove(item, key) for item in value]
        if not isinstance(value, str):
            return value
        if value[:1] in ("[", "{"):  # a StreamField in a revision: JSON in a string
            try:
                parsed = json.loads(value)
            except ValueError:
                parsed = None
            if isinstance(parsed, list | dict):
                cleaned = self.remove(parsed)
                return value if cleaned == parsed else json.dumps(cleaned, cls=DjangoJSONEncoder)
        with translation.override(settings.LANGUAGE_CODE):
            placeholder = str(PLACEHOLDER)
        for text in self.title_texts if key in TITLE_FIELDS else self.texts:
            value = value.replace(text, placeholder)
        return value

    def found_in(self, value, key=None):
        return self.remove(value, key) != value


@dataclass
class Draft:
    """A page made from (or linked to) one or more of the reader's contributions."""

    page: Page
    contributions: list = field(default_factory=list)

    @cached_property
    def quote(self):
        return Quote(self.contributions)

    @property
    def title(self):
        return self.page.get_admin_display_title()

    def revisions(self):
        return self.page.revisions.order_by("created_at", "pk")

    def history(self):
        return PageLogEntry.objects.filter(page_id=self.page.pk).order_by("timestamp", "pk")

    def row_fields(self):
        """The page's own text fields, with their values as stored."""
        for model_field in self.page._meta.concrete_fields:
            if model_field.name in NOT_WRITTEN:
                continue
            if isinstance(model_field, StreamField):
                value = model_field.get_prep_value(getattr(self.page, model_field.name))
            elif isinstance(model_field, models.CharField | models.TextField):
                value = getattr(self.page, model_field.name)
            else:
                continue
            yield model_field, value

    def quoted_now(self):
        """Whether the version the editor works on, or the one readers see, holds
        the reader's words (a draft's own row is an older version, not shown).

        Not counting the draft title kept with a revision: Wagtail stores the one
        from before the edit (it is what the history is cleaned of, not what shows).
        """
        latest = self.page.latest_revision
        if latest is not None:
            content = {key: value for key, value in latest.content.items() if key != "draft_title"}
            if self.quote.found_in(content):
                return True
        shown = self.page.live or latest is None
        return shown and any(
            self.quote.found_in(value, model_field.name)
            for model_field, value in self.row_fields()
            if model_field.name != "draft_title"
        )

    def quoting_revisions(self):
        return [revision for revision in self.revisions() if self.quote.found_in(revision.content)]

    def describe(self):
        """What the privacy request shows and exports of the draft."""
        return {
            "id": self.page.pk,
            "title": self.title,
            "live": self.page.live,
            "made_from": [str(contribution) for contribution in self.contributions],
            "quoted_in_current_version": self.quoted_now(),
            "versions": self.revisions().count(),
            "versions_quoting": len(self.quoting_revisions()),
            "history_entries": self.history().count(),
        }

    # What the erasure does with it.

    def delete(self, user=None):
        """The page with its revisions (deleted with it) and its history; what
        the history keeps of the deletion is a title without the reader's words."""
        self.history().delete()
        page = self.page
        page.title = page.draft_title = gettext("Draft article %(number)s") % {"number": page.pk}
        # Whoever may erase a reader's records may erase this (privacy.records).
        page.delete(user=user, skip_permission_checks=True)

    def clean(self):
        """Replace the reader's words wherever the page keeps them."""
        changed = []
        for model_field, value in self.row_fields():
            cleaned = self.quote.remove(value, model_field.name)
            if cleaned != value:
                if isinstance(model_field, StreamField):
                    cleaned = json.dumps(cleaned, cls=DjangoJSONEncoder)
                setattr(self.page, model_field.name, cleaned)
                changed.append(model_field.name)
        if changed:
            # Saving it updates the search index too (modelsearch's signal).
            self.page.save(update_fields=changed, clean=False)
        for revision in self.revisions():
            content = self.quote.remove(revision.content)
            if content != revision.content:
                type(revision).objects.filter(pk=revision.pk).update(content=content)
        for entry in self.history():
            label, data = self.quote.remove(entry.label, "title"), self.quote.remove(entry.data)
            if (label, data) != (entry.label, entry.data):
                PageLogEntry.objects.filter(pk=entry.pk).update(label=label, data=data)
        for model in (Comment, CommentReply):
            owner = "page" if model is Comment else "comment__page"
            for comment in model.objects.filter(**{owner: self.page}):
                text = self.quote.remove(comment.text)
                if text != comment.text:
                    model.objects.filter(pk=comment.pk).update(text=text)

    def keep(self):
        """Kept as the editor left it, once its current version no longer quotes
        the reader; the older versions and the history are cleaned."""
        if self.quoted_now():
            raise DraftStillQuotes(self)
        self.clean()

    def handle(self, choice, user=None):
        {DELETE: lambda: self.delete(user), CLEAN: self.clean, KEEP: self.keep}[choice]()


def drafts_of(contributions):
    """The draft articles made from these stories and pitches, each once."""
    linked = {}
    for contribution in contributions:
        if contribution.article_id:
            linked.setdefault(contribution.article_id, []).append(contribution)
    pages = Page.objects.filter(pk__in=linked).specific().order_by("pk")
    return [Draft(page, linked[page.pk]) for page in pages]
