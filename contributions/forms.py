from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import PRIVACY_NOTE, PublicFormMixin, email_field, no_markup
from resources.choices import ReaderRole

from .models import PITCH_MAX_LENGTH, STORY_MAX_LENGTH, Pitch, SchoolType, Story

STORY_CONSENT_TEXT = _(
    "I agree that De Directeurskamer stores what I send here and may use my story in an "
    "article, anonymously if I ticked that. I can ask for it to be deleted at any time."
)
# The consent for the wall of recognition, stored as worded when it is given.
WALL_CONSENT_TEXT = _(
    "My sentence may appear anonymously on the site (after the editors have checked it)"
)
WALL_CONSENT_HELP = _(
    "The editors may shorten it and leave out details; your name and email address never "
    "appear on the site. If you fill in your email address, you get a confirmation email "
    "with a link to take your sentence off the site again, at any time. Without an email "
    "address we send no email, and there is no such link."
)
PITCH_CONSENT_TEXT = _(
    "I agree that De Directeurskamer stores my name, email address, role and pitch to "
    "consider my guest blog and to contact me about it. I can ask for them to be deleted "
    "at any time."
)
TOO_MANY_POSTS = _(
    "We received several messages from you in the last hour, thank you! Please try again "
    "in an hour."
)


def name_field(label, **kwargs):
    return forms.CharField(
        label=label,
        max_length=100,
        validators=[no_markup],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        **kwargs,
    )


def consent_field(label, refusal):
    return forms.BooleanField(
        label=label, help_text=PRIVACY_NOTE, error_messages={"required": refusal}
    )


class ContributionForm(PublicFormMixin, forms.ModelForm):
    """A reader's contribution, stored with the consent as it was worded."""

    consent_text = None
    too_many_requests_message = TOO_MANY_POSTS

    def save(self):
        contribution = super().save(commit=False)
        contribution.consent_text = str(self.consent_text)
        contribution.save()
        return contribution

    def sender_address(self):
        return self.cleaned_data.get("email", "")

    @classmethod
    def initial_from(cls, data):
        """What the reader typed, to fill the form in again (its consent they give anew)."""
        return {
            name: data.get(name, "")[: getattr(field, "max_length", None) or 100]
            for name, field in cls.base_fields.items()
            if isinstance(field, (forms.CharField, forms.ChoiceField)) and name != "website"
        }


class StoryForm(ContributionForm):
    sentence = forms.CharField(
        max_length=STORY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your dilemma in one sentence.")},
    )
    name = name_field(_("Name (optional)"), required=False)
    email = email_field()
    anonymous = forms.BooleanField(
        label=_("Anonymous: if my story is used, my name and school are left out"),
        required=False,
        initial=True,
    )
    # Unticked unless the reader ticks it: a consent of its own, never assumed.
    wall_consent = forms.BooleanField(
        label=WALL_CONSENT_TEXT, help_text=WALL_CONSENT_HELP, required=False, initial=False
    )
    consent = consent_field(
        STORY_CONSENT_TEXT, _("We can only keep your story with your consent.")
    )
    consent_text = STORY_CONSENT_TEXT

    class Meta:
        model = Story
        fields = ["sentence", "name", "email", "anonymous", "wall_consent"]

    def save(self):
        story = self.instance
        story.wall_consent_text = str(WALL_CONSENT_TEXT) if story.wall_consent else ""
        return super().save()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit in the label, so that a screen reader says it before the reader types.
        self.fields["sentence"].label = gettext(
            "Your dilemma in one sentence (at most %(limit)d characters)"
        ) % {"limit": STORY_MAX_LENGTH}
        email = self.fields["email"]
        email.required = False
        email.label = _("Email address (optional, if we may contact you about it)")

    @classmethod
    def initial_from(cls, data):
        return {**super().initial_from(data), "anonymous": "anonymous" in data}


class PitchForm(ContributionForm):
    name = name_field(_("Name"), error_messages={"required": _("Fill in your name.")})
    email = email_field()
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=[("", _("Choose…")), *ReaderRole.choices],
        error_messages={"required": _("Choose your role.")},
    )
    school_type = forms.ChoiceField(
        label=_("Type of school"),
        choices=[("", _("Choose…")), *SchoolType.choices],
        error_messages={"required": _("Choose the type of your school.")},
    )
    pitch = forms.CharField(
        max_length=PITCH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Tell us in a few sentences what you would write about.")},
    )
    consent = consent_field(
        PITCH_CONSENT_TEXT, _("We can only keep your pitch with your consent.")
    )
    consent_text = PITCH_CONSENT_TEXT

    class Meta:
        model = Pitch
        fields = ["name", "email", "role", "school_type", "pitch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pitch"].label = gettext(
            "What would you like to write about? (at most %(limit)d characters)"
        ) % {"limit": PITCH_MAX_LENGTH}
