import os
import re
import uuid

from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# What an uploaded image is stored as: a random name, with its extension.
NEUTRAL_STEM = re.compile(r"[0-9a-f]{32}")


def neutral_stem(original_name):
    """A name for the renditions of an image stored under `original_name`.

    A new upload's name is already neutral and is kept; an older one's (which
    may say what the uploader called the file) gives way to a keyed hash, the
    same for all its renditions, that cannot be traced back to it."""
    stem = os.path.splitext(os.path.basename(original_name))[0]
    if NEUTRAL_STEM.fullmatch(stem):
        return stem
    return salted_hmac("images.rendition-name", original_name).hexdigest()[:32]


class CustomImage(AbstractImage):
    """The site's image model, with a credit line for photographers."""

    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        """A random name with the file's extension: what the uploader called
        the file ("xantippe-prive.png") would otherwise be in every public URL
        of the image and its renditions.

        Files uploaded before this keep their stored name (nothing is renamed);
        their renditions made from now on get a neutral one (CustomRendition).
        """
        extension = os.path.splitext(self.file.field.storage.get_valid_name(filename))[1]
        extension = "".join(char for char in extension.lower() if char.isascii())[:10]
        return os.path.join("original_images", uuid.uuid4().hex + extension)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        """Wagtail names a rendition after the original file ("<name>.fill-160x160.png");
        here the name part is neutral (neutral_stem), also for images uploaded
        before their names were. Renditions made earlier keep theirs until they
        are made again (`manage.py wagtail_update_image_renditions --purge-only`)."""
        original = os.path.splitext(os.path.basename(self.image.file.name))[0]
        stem = neutral_stem(self.image.file.name)
        # Wagtail cut the original's name short to fit; find where it ends.
        for length in range(len(original), -1, -1):
            if filename.startswith(original[:length] + "."):
                rest = filename[length:]  # ".fill-160x160.png"
                filename = stem[: max(8, 90 - len(rest))] + rest  # fits the field: 100
                break
        else:  # not named after the original after all: keep nothing of it
            filename = f"{stem}-{uuid.uuid4().hex[:8]}{os.path.splitext(filename)[1]}"
        return super().get_upload_to(filename)
