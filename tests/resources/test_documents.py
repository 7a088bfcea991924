"""What editors may upload as a document, and where the files are kept."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.resources.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

Document = get_document_model()


def zip_bytes(name="content.xml"):
    """A small archive, the same bytes on every call: the parameters below are
    part of the test ids, which each xdist worker must collect alike (an
    archive stamped with the clock differs across a two-second boundary)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), "<xml/>")
    return buffer.getvalue()


def upload(admin_client, filename, content):
    return admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Bestand",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(filename, content),
        },
    )


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("werkboek.pdf", PDF_BYTES),
        ("werkvorm.docx", zip_bytes("word/document.xml")),
        ("planning.xlsx", zip_bytes("xl/workbook.xml")),
        ("boek.epub", zip_bytes("mimetype")),
        ("notities.odt", zip_bytes()),
    ],
)
def test_editors_upload_the_document_types_they_need(admin_client, filename, content):
    response = upload(admin_client, filename, content)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.read() == content
    assert document.file_size == len(content)


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        (
            "script.html",
            b"<script>alert(1)</script>",
            "is niet toegestaan. Toegestane extensies zijn",
        ),
        ("logo.svg", b'<svg onload="alert(1)"/>', "is niet toegestaan. Toegestane extensies zijn"),
        ("lijst.csv", b"a,b\n1,2\n", "is niet toegestaan. Toegestane extensies zijn"),
        ("programma.exe", b"MZ\x90\x00", "is niet toegestaan. Toegestane extensies zijn"),
        ("vermomd.pdf", b"<html><script>alert(1)</script></html>", "geen geldig .pdf-bestand"),
        ("vermomd.docx", PDF_BYTES, "geen geldig .docx-bestand"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(admin_client, filename, content, message):
    response = upload(admin_client, filename, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0


def test_documents_are_kept_outside_the_public_media_folder(admin_client):
    upload(admin_client, "werkboek.pdf", PDF_BYTES)
    path = Document.objects.get().file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.STORAGES["documents"]["OPTIONS"]["location"]))
