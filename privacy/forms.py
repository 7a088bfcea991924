from django import forms
from django.utils.translation import gettext_lazy as _

from .drafts import CHOICES, KEEP
from .records import normalise


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The reader's address; upper and lower case make no difference."),
    )

    def clean_email(self):
        return normalise(self.cleaned_data["email"])


class ErasureForm(PrivacyRequestForm):
    """The tick, and for each draft article made from the reader's words the
    editor's choice what becomes of it (no choice is made for them)."""

    confirm = forms.BooleanField(
        label=_("Yes, erase everything stored about this address"),
        help_text=_("This cannot be undone."),
    )

    def __init__(self, *args, drafts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = {f"draft_{draft.page.pk}": draft for draft in drafts}
        for name, draft in self.drafts.items():
            self.fields[name] = forms.ChoiceField(
                label=_("What becomes of “%(title)s”?") % {"title": draft.title},
                choices=CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose what becomes of this draft article.")},
            )

    def clean(self):
        cleaned_data = super().clean()
        for name, draft in self.drafts.items():
            if cleaned_data.get(name) == KEEP and draft.quoted_now():
                self.add_error(
                    name,
                    _(
                        "This draft article still holds the reader's words. Take them out "
                        "in the page editor first, or choose one of the other options."
                    ),
                )
        return cleaned_data

    def draft_fields(self):
        return [self[name] for name in self.drafts]

    def draft_choices(self):
        return {draft.page.pk: self.cleaned_data[name] for name, draft in self.drafts.items()}
