"""Request bodies: the public site takes a few KB of text, the admin more; beyond
that a friendly Dutch refusal, and nothing stored."""

import pytest

from contributions.models import Story
from core.middleware import PUBLIC_REQUEST_MAX_BYTES

pytestmark = pytest.mark.django_db

STORY = {
    "sentence": "Ik moest kiezen tussen een leerling die vastliep en een team dat opbrandde.",
    "email": "ineke@deregenboog.nl",
    "consent": "on",
}


def test_a_body_over_the_public_limit_is_refused_before_it_is_read(client, home_page):
    padding = "x" * PUBLIC_REQUEST_MAX_BYTES
    response = client.post("/deel-je-verhaal/", {**STORY, "name": padding})
    assert response.status_code == 413
    page = response.content.decode()
    assert "<h1>Te groot om te versturen</h1>" in page
    assert "niet opgeslagen" in page
    assert not Story.objects.exists()


def test_files_sent_along_with_a_public_form_count_too(client, home_page, tmp_path):
    upload = tmp_path / "bijlage.pdf"
    upload.write_bytes(b"%PDF" + b"0" * PUBLIC_REQUEST_MAX_BYTES)
    with upload.open("rb") as attachment:
        response = client.post("/deel-je-verhaal/", {**STORY, "bijlage": attachment})
    assert response.status_code == 413
    assert not Story.objects.exists()


def test_a_story_of_ordinary_size_passes(client, home_page):
    assert client.post("/deel-je-verhaal/", STORY).status_code == 302
    assert Story.objects.count() == 1


def test_the_admin_takes_larger_bodies_up_to_djangos_limit(client, settings):
    within = "x" * (PUBLIC_REQUEST_MAX_BYTES * 2)
    response = client.post("/admin/login/", {"username": "a", "password": within})
    assert response.status_code == 200  # read, and answered with the form's error
    assert response.context["form"].errors

    beyond = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/admin/login/", {"username": "a", "password": beyond})
    assert response.status_code == 400
    assert "<h1>Verzoek niet begrepen</h1>" in response.content.decode()
