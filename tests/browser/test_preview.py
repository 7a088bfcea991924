"""An editor previews an article in the side panel of the page editor."""

import pytest
from playwright.sync_api import expect

from tests.blog.factories import ArticlePageFactory
from users.roles import ensure_editors_group

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preview_panel_shows_the_article_as_readers_will_see_it(
    live_server, page, blog_index, django_user_model
):
    editor = django_user_model.objects.create_user(
        username="redacteur", password="geheim-wachtwoord", email="redacteur@example.nl"
    )
    # The flush after a live-server test removes the groups the migrations made.
    editor.groups.add(ensure_editors_group())
    article = ArticlePageFactory(parent=blog_index, title="Het gesprek dat ik uitstelde")
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "frame-ancestors" in message.text else None
        ),
    )
    # See tests/browser/test_guest_author.py: no "release" beacon racing the flush.
    page.add_init_script("navigator.sendBeacon = () => true;")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_placeholder("Voer wachtwoord in").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")

    page.get_by_role("button", name="Voorvertoning").click()
    preview = page.frame_locator("iframe.w-preview__iframe").last
    expect(
        preview.get_by_role("heading", level=1, name="Het gesprek dat ik uitstelde")
    ).to_be_visible()
    expect(preview.get_by_text("Een korte alinea over een dilemma.")).to_be_visible()

    assert refused == []
