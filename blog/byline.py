"""Who is credited on an article, and who may change that in the editor.

Editors (permission `blog.change_editorial_settings`) credit any author and
decide on anonymous publishing, on mailing the article to subscribers and on
its date. Everyone else, i.e. guest authors, is credited as themselves: their
own author profile is attached when they create an article, and they cannot
change its authors. Their wish to stay anonymous takes effect at once; an
editor confirms it in review, or turns it off after talking with them.

Each choice appears once: a guest author ticks "I want to publish
anonymously", an editor decides with "Publish anonymously" (and reads there
whether the author asked for it).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel

from authors.models import Author
from core.chosen_media import ChosenMediaFormMixin
from themes.forms import ThemesFormMixin

AUTHORS = "article_authors"
EDITORIAL = "blog.change_editorial_settings"


def may_change_editorial_settings(user):
    return user.has_perm(EDITORIAL)


def may_see_every_author(user):
    """Whoever chooses the authors (the editors and administrators) knows who
    wrote an anonymous article: only they see the authors in the admin's lists
    (blog.planning, blog.admin_listing)."""
    return may_change_editorial_settings(user)


class AuthorsPanel(InlinePanel):
    """The authors' inline panel, shown only where the form offers the authors
    (ArticlePageForm leaves them out for guest authors)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and AUTHORS not in form.formsets:
                kwargs["form"] = None
            super().__init__(**kwargs)

        def is_shown(self):
            return self.form is not None and super().is_shown()


class ArticlePageForm(ChosenMediaFormMixin, ThemesFormMixin, WagtailAdminPageForm):
    """Credits as above, takes only the images (hero, body blocks) and
    documents its user may choose (core.chosen_media) and only existing
    themes (themes.forms), and has no publication date in the future."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.credits_self_only = user is not None and not may_change_editorial_settings(user)
        if self.credits_self_only:
            # Neither shown nor read: whatever a crafted request sends is ignored.
            del self.formsets[AUTHORS]
            self.own_profile = Author.profile_of(user)
        elif user is not None:
            # Editors read the author's wish with their own choice, not as a second box.
            self.fields.pop("anonymity_requested", None)
            decision = self.fields.get("publish_anonymously")
            if decision is not None and self.instance.anonymity_requested:
                decision.help_text = _(
                    "The author asked to publish anonymously. %(explanation)s"
                ) % {"explanation": decision.help_text}
        if "publication_date" in self.fields:
            self.fields["publication_date"].help_text = _(
                "The date shown above the article. Leave empty for the day it first goes "
                "live. To publish later, set a time under “Publish at” (Status › Set schedule)."
            )

    def clean(self):
        cleaned_data = super().clean()
        date = cleaned_data.get("publication_date")
        if date is not None and date > self.latest_allowed_date(cleaned_data):
            # The date only shows above the article: it would go live now, dated later.
            self.add_error(
                "publication_date",
                ValidationError(
                    _(
                        "The publication date cannot be in the future: it does not make the "
                        "article wait. To publish later, leave this empty and set a time "
                        "under “Publish at” (Status › Set schedule)."
                    ),
                    code="future_publication_date",
                ),
            )
        return cleaned_data

    def latest_allowed_date(self, cleaned_data):
        """Today, or the day it is scheduled to go live."""
        today = timezone.localdate()
        go_live_at = cleaned_data.get("go_live_at")
        if go_live_at is not None:
            return max(today, timezone.localdate(go_live_at))
        return today

    def save(self, commit=True):
        article = super().save(commit=False)
        if self.credits_self_only:
            if article.pk is None:
                authors = getattr(article, AUTHORS)
                setattr(article, AUTHORS, [authors.model(author=self.own_profile)])
            article.publish_anonymously = article.anonymity_requested
        if commit:
            article.save()
            self._save_m2m()
        return article
