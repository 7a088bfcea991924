"""StreamField blocks for the body of an article."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from resources.blocks import ResourceCardBlock

# A deliberately small rich-text toolbox: the blog is calm prose, not a layout tool.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        label = _("Heading")
        icon = "title"
        group = _("Text")
        template = "blocks/heading_block.html"
        form_classname = "title"
        description = _("A section heading within the article.")
        preview_value = "Wat ik anders zou doen"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_("Who said it, without identifying details, e.g. 'a teacher of group 6'."),
    )

    class Meta:
        label = _("Quote")
        icon = "openquote"
        group = _("Text")
        template = "blocks/quote_block.html"
        description = _("Spoken words of a pupil, parent or colleague.")
        preview_value = {
            "quote": "Ik wil gewoon weer bij mijn eigen klas horen.",
            "attribution": "Een leerling uit groep 7",
        }


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)

    class Meta:
        label = _("Callout")
        icon = "help"
        group = _("Text")
        template = "blocks/callout_block.html"
        description = _("A highlighted box, for example questions for the reader's reflection.")
        preview_value = {
            "title": "Vragen om zelf over na te denken",
            "text": "<ul><li>Wanneer koos jij voor het team?</li></ul>",
        }


class CaptionedImageValue(blocks.StructValue):
    @cached_property
    def alt_text(self):
        """The editor's alt text for this use of the image, else the image's description."""
        return self.get("alt_text") or getattr(self.get("image"), "default_alt_text", "")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=255,
        help_text=_("Describe the image for screen readers; leave empty to use its description."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        label = _("Image")
        icon = "image"
        group = _("Media")
        template = "blocks/image_block.html"
        value_class = CaptionedImageValue
        description = _("An image with a visible caption.")


class ArticleEmbedBlock(EmbedBlock):
    class Meta:
        label = _("Embed")
        icon = "media"
        group = _("Media")
        template = "blocks/embed_block.html"
        description = _("A video or other content from a URL, e.g. YouTube or Vimeo.")


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        group=_("Text"),
        template="blocks/paragraph_block.html",
        description=_("Running text with bold, italic, links and lists."),
        preview_value="<p>Het was een dinsdagmiddag in november toen de telefoon ging.</p>",
    )
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    embed = ArticleEmbedBlock()
    resource = ResourceCardBlock()
