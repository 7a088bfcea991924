from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import PRIVACY_NOTE, PublicFormMixin, email_field
from themes.models import Theme

from .models import Subscriber

CONSENT_TEXT = _(
    "Yes, email me new articles from De Directeurskamer. I can unsubscribe with one click "
    "in every email."
)


class SignupForm(PublicFormMixin, forms.Form):
    email = email_field()
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        help_text=PRIVACY_NOTE,
        error_messages={"required": _("Tick the box to say you want the newsletter.")},
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    too_many_requests_message = _(
        "This address was signed up several times in the last hour. Please look in your "
        "inbox (and spam folder) for the confirmation email, or try again in an hour."
    )

    field_order = ["email", "consent", "source", "website"]

    def clean_source(self):
        # Where on the site the form was; not worth a refusal when someone changed it.
        source = self.cleaned_data["source"]
        return source if source in Subscriber.Source.values else Subscriber.Source.SIGNUP_PAGE


# More than there are themes is no reader's choice; refused before any query.
MAX_THEMES_CHOSEN = 50


class ThemesField(forms.ModelMultipleChoiceField):
    """Theme ids: plain numbers a database can hold, a few of them, else refused
    before any query (a huge number overflows SQLite's integers)."""

    def clean(self, value):
        if isinstance(value, list | tuple) and (
            len(value) > MAX_THEMES_CHOSEN
            or not all(
                isinstance(pk, str) and pk.isascii() and pk.isdigit() and len(pk) <= 18
                for pk in value
            )
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


class PreferencesForm(forms.Form):
    """What a subscriber wants to receive: on confirming, and on the page the
    link in every mail leads to. Without a choice sent, every new article."""

    preference = forms.ChoiceField(
        label=_("What would you like to receive?"),
        choices=Subscriber.Preference.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )
    themes = ThemesField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for “only articles on the themes I choose”."),
        error_messages={
            "invalid_choice": _("Choose themes from the list only."),
            "invalid_pk_value": _("Choose themes from the list only."),
            "invalid_list": _("Choose themes from the list only."),
        },
    )

    def __init__(self, *args, subscriber=None, **kwargs):
        if subscriber is not None:
            kwargs.setdefault(
                "initial",
                {
                    "preference": subscriber.preference,
                    "themes": list(subscriber.themes.values_list("pk", flat=True)),
                },
            )
        else:
            kwargs.setdefault("initial", {"preference": Subscriber.Preference.EVERY_ARTICLE})
        super().__init__(*args, **kwargs)

    def clean_preference(self):
        return self.cleaned_data["preference"] or Subscriber.Preference.EVERY_ARTICLE

    def clean(self):
        cleaned = super().clean()
        wants_themes = cleaned.get("preference") == Subscriber.Preference.THEMES
        if wants_themes and "themes" in cleaned and not cleaned["themes"]:
            self.add_error(
                "themes",
                _(
                    "Choose at least one theme, or choose every new article or the monthly "
                    "overview."
                ),
            )
        return cleaned

    def save(self, subscriber):
        subscriber.choose(self.cleaned_data["preference"], self.cleaned_data["themes"])
