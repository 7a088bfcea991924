from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import PublicFormMixin

from . import links
from .models import ANSWER_MAX_LENGTH, SCALE
from .questions import SCALE_TYPE

TITLE_MAX_LENGTH = 120


class StartForm(PublicFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title for your team (optional)"),
        help_text=_(
            'For example "Debrief group 6, November". Your team sees it above the '
            "questions: leave out the names of pupils and parents."
        ),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def field_name(number):
    return f"vraag-{number}"


class AnswerForm(PublicFormMixin, forms.Form):
    """The questions of one conversation (its snapshot), each optional, at least
    one answered; with the form's one-time code."""

    form_code = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, conversation, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.conversation = conversation
        self.questions = conversation.numbered_questions()
        for number, question in self.questions.items():
            self.fields[field_name(number)] = self.question_field(question)
            # The length is checked by the form, with a message, not cut off by the browser.
            self.fields[field_name(number)].widget.attrs.pop("maxlength", None)
        if not self.is_bound:
            self.initial["form_code"] = links.new_form_code()

    @staticmethod
    def question_field(question):
        if question["type"] == SCALE_TYPE:
            return forms.TypedChoiceField(
                label=question["text"],
                choices=[(score, str(score)) for score in SCALE],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose a number from 1 to 5.")},
            )
        return forms.CharField(
            label=question["text"],
            max_length=ANSWER_MAX_LENGTH,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                "max_length": _(
                    "Use at most %(limit_value)d characters (you used %(show_value)d)."
                )
            },
        )

    def clean_form_code(self):
        code = self.cleaned_data["form_code"]
        if links.key(code) is None:
            raise ValidationError(
                _("This form was incomplete. Check your answers and send them once more."),
                code="form_code",
            )
        return code

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.answers():
            raise ValidationError(
                _("Answer at least one question before you send the form."), code="empty"
            )
        return cleaned

    def answers(self):
        """(question number, text, score) for each question answered."""
        found = []
        for number, question in self.questions.items():
            value = self.cleaned_data.get(field_name(number))
            if value in (None, ""):
                continue
            if question["type"] == SCALE_TYPE:
                found.append((number, "", value))
            else:
                found.append((number, value, None))
        return found

    def code_key(self):
        return links.key(self.cleaned_data["form_code"])

    def fresh_code(self):
        """A bound form shown again (with errors) gets a new one-time code when
        its own was missing or broken."""
        if "form_code" in self.errors:
            data = self.data.copy()
            data["form_code"] = links.new_form_code()
            self.data = data

    def question_fields(self):
        """The sections of the snapshot, each question with its bound field."""
        for number, question in self.questions.items():
            name = field_name(number)
            if question["type"] != SCALE_TYPE:
                # The hint and the error are read out with the box (the scale's
                # fieldset says them in the template).
                described_by = [f"{name}-hint"] if question["hint"] else []
                described_by += [f"{name}-error"] if self.errors.get(name) else []
                attrs = self.fields[name].widget.attrs
                attrs.pop("aria-describedby", None)
                if described_by:
                    attrs["aria-describedby"] = " ".join(described_by)
        return [
            {
                "title": section["title"],
                "intro": section["intro"],
                "questions": [
                    {**question, "field": self[field_name(question["number"])]}
                    for question in section["questions"]
                ],
            }
            for section in self.conversation.questions
        ]
