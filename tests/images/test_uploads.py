"""What the image upload refuses: other types (SVG), huge files, huge pictures."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1f4e5f").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    root = Collection.get_first_root_node()
    data = {"title": name, "file": file, "collection": root.pk}
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
