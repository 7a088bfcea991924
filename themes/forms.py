"""The themes field of the article and download editors: existing themes only.

Themes are curated (each has an introduction and a meta description for its
page), so the editors add one under Blog › Themes, not by typing it into an
article. Wagtail's tag field quietly drops a name it does not know when the
tag model has no free tagging; this one refuses it with a message instead,
so that nothing typed is lost without a word.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.forms import TagField as TaggitTagField
from wagtail.admin.forms.tags import TagField, validate_tag_length
from wagtail.admin.widgets import AdminTagWidget

from .models import Theme

HELP_TEXT = _(
    "Choose from the existing themes. A new theme, with its introduction, is added "
    "by the editors under Blog › Themes."
)


class ThemesWidget(AdminTagWidget):
    """Wagtail's tag widget, with a hint that fits choosing rather than typing tags."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("tag_model", Theme)
        kwargs.setdefault("free_tagging", False)
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["help_text"] = _("Start typing and pick a theme from the list.")
        return context


class ExistingThemesField(TagField):
    """Theme names, each of an existing theme (in any case); unknown ones are refused."""

    widget = ThemesWidget

    def __init__(self, **kwargs):
        kwargs.update(tag_model=Theme, free_tagging=False)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(**kwargs)

    def clean(self, value):
        names = TaggitTagField.clean(self, value)
        validate_tag_length(names, Theme.name.field.max_length)
        # Themes are few: all their names, to match what was typed in any case.
        known = {name.casefold(): name for name in Theme.objects.values_list("name", flat=True)}
        unknown = [name for name in names if name.casefold() not in known]
        if unknown:
            raise ValidationError(
                ngettext(
                    "There is no theme %(names)s. Choose an existing theme from the "
                    "list; the editors add new themes under Blog › Themes.",
                    "There are no themes %(names)s. Choose existing themes from the "
                    "list; the editors add new themes under Blog › Themes.",
                    len(unknown),
                )
                % {"names": ", ".join(f"“{name}”" for name in unknown)},
                code="unknown_theme",
            )
        return list(dict.fromkeys(known[name.casefold()] for name in names))


class ThemesFormMixin:
    """For a page form with a `themes` field: existing themes only (see above)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "themes" in self.fields:
            old = self.fields["themes"]
            self.fields["themes"] = ExistingThemesField(label=old.label, initial=old.initial)
