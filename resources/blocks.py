"""StreamField blocks: the questions of an online questionnaire, and a
resource card for the body of an article."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    hint = blocks.TextBlock(
        label=_("Hint"),
        required=False,
        max_length=500,
        help_text=_("Optional: what to think of, or an example."),
    )
    answer_type = blocks.ChoiceBlock(
        label=_("Answer"),
        choices=[("open", _("Written answer")), ("scale", _("Scale from 1 to 5"))],
        default="open",
    )

    class Meta:
        label = _("Question")
        icon = "help"


class QuestionnaireSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Section title"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=1000)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        label = _("Section")
        icon = "list-ul"
        template = "blocks/questionnaire_section_block.html"
        description = _("A group of questions under one heading.")
        preview_value = {
            "title": "Het gesprek in het team",
            "intro": "Neem per vraag een paar minuten.",
            "questions": [
                {"question": "Wie heeft er nog niet gesproken?", "answer_type": "open"},
            ],
        }


class QuestionnaireBlock(blocks.StreamBlock):
    section = QuestionnaireSectionBlock()


class ResourceCardBlock(blocks.StructBlock):
    resource = blocks.PageChooserBlock(label=_("Download"), page_type="resources.ResourcePage")
    heading_level = blocks.ChoiceBlock(
        label=_("Heading level"),
        choices=[("2", "H2"), ("3", "H3")],
        default="3",
        help_text=_("H3 within a section of the article, H2 on its own."),
    )

    class Meta:
        label = _("Download")
        icon = "download"
        group = _("Media")
        template = "blocks/resource_card_block.html"
        description = _("A card linking to a free download, e.g. the e-book.")
