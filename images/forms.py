"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): the description is
the image's alternative text, and a new image cannot do without it.

Wagtail uses this form for the upload page, the chooser's upload tab and each
image of a multiple upload: a file sent without a description waits there
until one is filled in.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is None:
            return
        description.label = _("Description (alternative text)")
        description.help_text = _(
            "What the image shows, for readers who cannot see it: screen readers read "
            "this out, and it is shown when the image does not load. One or two plain "
            "sentences, e.g. “A school leader talks with a parent in the corridor”."
        )
        # Older images may lack one; they stay editable, but every new one has it.
        if self.instance.pk is None:
            description.required = True
            description.error_messages["required"] = _(
                "Describe what the image shows: this is the alternative text for screen readers."
            )
