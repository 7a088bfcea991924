from django import forms
from django.utils.translation import gettext_lazy as _

from .records import normalise


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The reader's address; upper and lower case make no difference."),
    )

    def clean_email(self):
        return normalise(self.cleaned_data["email"])


class ErasureForm(PrivacyRequestForm):
    confirm = forms.BooleanField(
        label=_("Yes, erase everything stored about this address"),
        help_text=_("This cannot be undone."),
    )
