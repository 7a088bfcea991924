"""Who is credited on an article, and who may change that in the editor.

Editors (permission `blog.change_editorial_settings`) credit any author and
decide on anonymous publishing, on mailing the article to subscribers and on
its date. Everyone else, i.e. guest authors, is credited as themselves: their
own author profile is attached when they create an article, and they cannot
change its authors. Their wish to stay anonymous takes effect at once; an
editor confirms it in review, or turns it off after talking with them.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel

from authors.models import Author
from core.chosen_media import ChosenMediaFormMixin

AUTHORS = "article_authors"
EDITORIAL = "blog.change_editorial_settings"


def may_change_editorial_settings(user):
    return user.has_perm(EDITORIAL)


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


class ArticlePageForm(ChosenMediaFormMixin, WagtailAdminPageForm):
    """Credits as above, and takes only the images (hero, body blocks) and
    documents its user may choose (core.chosen_media)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.credits_self_only = user is not None and not may_change_editorial_settings(user)
        if self.credits_self_only:
            # Neither shown nor read: whatever a crafted request sends is ignored.
            del self.formsets[AUTHORS]
            self.own_profile = Author.profile_of(user)

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
