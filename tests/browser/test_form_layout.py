"""Forms on a phone: an error under a consent box leaves the consent text its width."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/nieuwsbrief/", "/deel-je-verhaal/"])
def test_the_consent_keeps_its_width_when_its_error_shows(live_server, page, home_page, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + path)
    form = page.locator("main form").filter(has=page.locator("[name=consent]"))
    if path == "/nieuwsbrief/":
        form.get_by_label("E-mailadres").fill("lezer@example.org")
    else:
        form.locator("textarea").first.fill("Een leerling die niet meer past in de groep.")
    form.get_by_role("button").last.click()

    field = page.locator("main .form-field--checkbox.form-field--error")
    expect(field.locator(".form-field__error")).to_be_visible()
    label = field.locator("label")
    field_width = field.bounding_box()["width"]
    label_box = label.bounding_box()
    # The text beside the box takes the row (all but the box and its gap), not a
    # narrow column squeezed beside the error, and fits on the screen.
    assert label_box["width"] >= 0.8 * field_width
    assert label_box["x"] + label_box["width"] <= 390
    error_box = field.locator(".form-field__error").bounding_box()
    assert error_box["y"] >= label_box["y"] + label_box["height"] - 1  # under it, not beside
