"""What the image upload refuses: other types (SVG), huge files, huge pictures,
and a new image without its description (the alt text)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.images.factories import ImageFactory

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1f4e5f").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png", description="Een lege klas"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    root = Collection.get_first_root_node()
    data = {"title": name, "file": file, "collection": root.pk, "description": description}
    return client.post(reverse("wagtailimages:add"), data)


def errors(response):
    return str(response.context["form"].errors["file"])


def test_a_photo_is_accepted(editor):
    response = upload(editor, "foto.png", png(800, 600))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="foto.png").exists()


def test_an_svg_is_refused(editor):
    response = upload(editor, "logo.svg", SVG, "image/svg+xml")
    assert response.status_code == 200
    assert "ondersteund afbeeldingsformaat" in errors(response).lower()
    assert "svg" not in errors(response).lower()
    assert not get_image_model().objects.exists()


def test_a_picture_of_too_many_pixels_is_refused(editor):
    response = upload(editor, "poster.png", png(8000, 5001))  # just over 40 megapixels
    assert response.status_code == 200
    assert "pixels" in errors(response).lower()
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=50_000)
def test_a_file_too_large_is_refused(editor):
    # The real limit is 10 MB; the check is the same for a smaller one.
    response = upload(editor, "groot.png", png(1000, 1000) + b"\0" * 60_000)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


ALT_HELP = "schermlezers"
REQUIRED = "dit is de alternatieve tekst voor schermlezers"


def test_the_upload_form_says_the_description_is_the_alt_text(editor):
    html = editor.get(reverse("wagtailimages:add")).content.decode()
    assert "Beschrijving (alternatieve tekst)" in html
    assert ALT_HELP in html
    field = BeautifulSoup(html, "html.parser").find("input", {"name": "description"})
    assert field.has_attr("required")


@pytest.mark.parametrize("description", ["", "   "])
def test_an_upload_without_a_description_is_refused(editor, description):
    response = upload(editor, "foto.png", png(80, 60), description=description)
    assert response.status_code == 200
    assert REQUIRED in str(response.context["form"].errors["description"])
    assert not get_image_model().objects.exists()


def test_the_choosers_upload_tab_needs_a_description(editor):
    html = editor.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "Beschrijving (alternatieve tekst)" in html  # in its upload tab
    url = reverse("wagtailimages_chooser:create")
    root = Collection.get_first_root_node()
    data = {"image-chooser-upload-title": "foto", "image-chooser-upload-collection": root.pk}
    file = SimpleUploadedFile("foto.png", png(80, 60), content_type="image/png")
    response = editor.post(url, {**data, "image-chooser-upload-file": file})
    assert REQUIRED in response.json()["htmlFragment"]
    assert not get_image_model().objects.exists()

    file = SimpleUploadedFile("foto.png", png(80, 60), content_type="image/png")
    data["image-chooser-upload-description"] = "Een lege klas"
    response = editor.post(url, {**data, "image-chooser-upload-file": file})
    assert response.json()["step"] == "chosen"
    assert get_image_model().objects.get().description == "Een lege klas"


def test_a_multiple_upload_waits_for_its_description(editor):
    file = SimpleUploadedFile("foto.png", png(80, 60), content_type="image/png")
    root = Collection.get_first_root_node()
    response = editor.post(
        reverse("wagtailimages:add_multiple"), {"files[]": file, "collection": root.pk}
    )
    data = response.json()
    assert data["success"]
    # Not an image yet: a file waiting for its form, which asks for the description.
    assert not get_image_model().objects.exists()
    assert "Beschrijving (alternatieve tekst)" in data["form"]
    upload_id = data["uploaded_file_id"]
    finish = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload_id,))
    prefix = f"uploaded-image-{upload_id}"
    fields = {f"{prefix}-title": "foto", f"{prefix}-collection": root.pk}

    refused = editor.post(finish, fields).json()
    assert not refused["success"]
    assert REQUIRED in refused["form"]

    done = editor.post(finish, {**fields, f"{prefix}-description": "Een lege klas"}).json()
    assert done["success"]
    assert get_image_model().objects.get().description == "Een lege klas"


def test_an_older_image_without_a_description_stays_editable(editor):
    image = ImageFactory(description="")
    url = reverse("wagtailimages:edit", args=(image.pk,))
    root = Collection.get_first_root_node()
    response = editor.post(
        url, {"title": "Nieuwe titel", "collection": root.pk, "description": ""}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Nieuwe titel"
