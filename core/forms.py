"""What every public form on the site shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Under every consent checkbox on the site; the template links it to the privacy
# statement (templates/includes/form_fields.html).
PRIVACY_NOTE = _("Read in our privacy statement what we store, why and for how long.")


def email_field():
    """A reader's email address, with the messages in Dutch."""
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Fill in your email address."),
            "invalid": _("Fill in a valid email address, e.g. naam@school.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def no_markup(value):
    """A name is plain text: refuse what looks like HTML rather than store it."""
    if any(char in value for char in "<>"):
        raise ValidationError(_("Please leave out the characters < and >."), code="markup")


class PublicFormMixin(forms.Form):
    """A honeypot against simple bots, and length limits said in Dutch.

    The limits are checked by the form, not by the browser: a browser's
    maxlength would cut pasted text off without a word.
    """

    # Hidden from people (and screen readers), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.widget.attrs.pop("maxlength", None)
                field.error_messages["max_length"] = _(
                    "Use at most %(limit_value)d characters (you used %(show_value)d)."
                )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(
                _("This request looks automated and was not sent."), code="honeypot"
            )
        return ""
