from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PRIVACY_NOTE, PublicFormMixin, email_field

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
