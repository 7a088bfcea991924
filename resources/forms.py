from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import PRIVACY_NOTE, PublicFormMixin, email_field, no_markup
from themes.forms import ThemesFormMixin

from .choices import ReaderRole
from .models.downloads import DownloadRequest

CONSENT_TEXT = _(
    "I agree that De Directeurskamer stores my email address, name and role with this "
    "request and sends me the download link. I can ask for them to be deleted at any time."
)


class DownloadRequestForm(PublicFormMixin, forms.ModelForm):
    """The gate in front of a resource: an address, optionally a name and role, consent."""

    email = email_field()
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        validators=[no_markup],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.ChoiceField(
        label=_("Your role (optional)"),
        choices=[("", _("Choose…")), *ReaderRole.choices],
        required=False,
    )
    newsletter = forms.BooleanField(
        label=_("Also send me new articles by email"), required=False, initial=False
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        help_text=PRIVACY_NOTE,
        error_messages={"required": _("We can only send the link with your consent.")},
    )
    too_many_requests_message = _(
        "You have requested downloads several times in the last hour. Please look in your "
        "inbox (and spam folder) for the links, or try again in an hour."
    )

    class Meta:
        model = DownloadRequest
        fields = ["email", "name", "role", "newsletter"]

    def save(self, resource):
        download_request = super().save(commit=False)
        download_request.resource = resource
        download_request.consent_text = str(CONSENT_TEXT)
        download_request.save()
        return download_request


class ResourcePageForm(ThemesFormMixin, WagtailAdminPageForm):
    """The download editor: existing themes only, as on articles (themes.forms)."""
