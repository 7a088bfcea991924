"""What an uploader called a file stays out of every public URL.

A guest author who uploads `xantippe-prive.png` would otherwise be served as
`.../xantippe-prive.fill-160x160.png` on public pages, an anonymous article's
included.
"""

import io
import re
from pathlib import PurePosixPath

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from users.roles import GUEST_IMAGES_COLLECTION

pytestmark = pytest.mark.django_db

NEUTRAL = re.compile(r"[0-9a-f]{32}")


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "#1f4e5f").save(buffer, "PNG")
    return buffer.getvalue()


def stem(name):
    return PurePosixPath(name).name.split(".")[0]


def test_a_guests_upload_is_stored_and_served_under_a_neutral_name(client, ilse, blog_index):
    client.force_login(ilse)
    collection = Collection.objects.get(name=GUEST_IMAGES_COLLECTION)
    upload = SimpleUploadedFile("Xantippe-Privé.PNG", png(), content_type="image/png")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Klas",
            "description": "Een lege klas",
            "file": upload,
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Klas")
    assert NEUTRAL.fullmatch(stem(image.file.name))
    assert image.file.name.startswith("original_images/")
    assert image.file.name.endswith(".png")

    article = ArticlePageFactory(parent=blog_index, hero_image=image, publish_anonymously=True)
    client.logout()
    html = client.get(article.url).content.decode()
    assert f"/images/{stem(image.file.name)}.format-" in html  # the hero's renditions
    assert "xantippe" not in html.lower()


def test_an_older_upload_keeps_its_file_but_its_renditions_get_a_neutral_name():
    image = ImageFactory()
    # Stored before names were neutral: under what the uploader called it.
    old_name = image.file.storage.save("original_images/xantippe-prive.png", ContentFile(png()))
    get_image_model().objects.filter(pk=image.pk).update(file=old_name)
    image = get_image_model().objects.get(pk=image.pk)

    square = image.get_rendition("fill-160x160")
    wide = image.get_rendition("fill-1200x630|format-jpeg")

    assert image.file.name == old_name  # not renamed
    for rendition in (square, wide):
        assert "xantippe" not in rendition.file.name
        assert "xantippe" not in rendition.url
    assert PurePosixPath(square.file.name).name.endswith(".fill-160x160.png")
    assert PurePosixPath(wide.file.name).name.endswith(".fill-1200x630.format-jpeg.jpg")
    # One name for all renditions of the image.
    assert stem(square.file.name) == stem(wide.file.name)
    assert NEUTRAL.fullmatch(stem(square.file.name))
