from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

# What the file of each allowed extension starts with: a PDF, or a zip archive
# (the Office Open XML and OpenDocument formats and EPUB all are).
_KINDS_BY_EXTENSION = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    "xlsx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    "pptx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    },
    "odt": {"application/zip", "application/vnd.oasis.opendocument.text"},
    "epub": {"application/zip", "application/epub+zip"},
}


def document_storage():
    """Documents live outside the public media folder: only Wagtail's serve
    view hands them out, after its checks (see resources.wagtail_hooks)."""
    return storages["documents"]


def validate_document_content(file):
    """Refuse a file whose content is not what its extension promises
    (e.g. an HTML page renamed to .pdf)."""
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    allowed = _KINDS_BY_EXTENSION.get(extension)
    if allowed is None or extension not in settings.WAGTAILDOCS_EXTENSIONS:
        return  # Wagtail's own extension check reports this one.
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        kind = filetype.guess(file.read(8192))
    finally:
        if position is not None:
            file.seek(position)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("This file is not a valid .%(extension)s file."),
            code="content_mismatch",
            params={"extension": extension},
        )


class CustomDocument(AbstractDocument):
    """The site's document model: files kept in private storage."""

    file = models.FileField(
        upload_to="documents",
        storage=document_storage,
        validators=[validate_document_content],
        verbose_name=_("file"),
    )

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def human_size(self):
        """The file size for readers, e.g. "2,4 MB"; empty if unknown."""
        # Wagtail records the size on upload; reading it from the storage here
        # would cost a request to S3 on every page view.
        return filesizeformat(self.file_size) if self.file_size else ""
