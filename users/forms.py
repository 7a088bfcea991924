from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from core.forms import email_field, no_markup


class AdminLoginForm(LoginForm):
    """Wagtail's login form, whose password field has no label of its own (so
    Django shows the English field name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class GuestAuthorInvitationForm(forms.Form):
    """Who the editors invite as a guest author (see users.invitations).

    Also the command's validation. Length limits are the form's, said in
    words, not the browser's maxlength, which would cut pasted text off.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        validators=[no_markup],
        help_text=_("First name and surname, as the guest author will be greeted."),
        error_messages={"required": _("Fill in the guest author's name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = email_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.error_messages["required"] = _("Fill in the guest author's email address.")
        email.help_text = _("The invitation goes to this address; it is also the username.")
        # The guest author's address, not the editor's own.
        email.widget.attrs["autocomplete"] = "off"
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
            field.error_messages["max_length"] = _(
                "Use at most %(limit_value)d characters (you used %(show_value)d)."
            )
