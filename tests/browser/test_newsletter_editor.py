"""An editor publishes an article that goes to the subscribers, in a real
browser: the count beside the checkbox, a test mail, and the question first."""

import os

import pytest
from django.core import mail
from playwright.sync_api import expect

from blog.models import ArticlePage
from newsletter.models import Mailing
from tests.blog.factories import ArticlePageFactory
from tests.newsletter.conftest import confirmed_subscriber
from users.roles import ensure_editors_group

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Wanneer passend onderwijs niet meer past"


@pytest.fixture
def draft(blog_index, django_user_model):
    redacteur = django_user_model.objects.create_user(
        username="redacteur", password="geheim-wachtwoord", email="redacteur@example.nl"
    )
    # The flush after a live-server test removes the groups the migrations made.
    redacteur.groups.add(ensure_editors_group())
    for name in ("anna", "bram"):
        confirmed_subscriber(f"{name}@example.nl")
    article = ArticlePageFactory(parent=blog_index, live=False, title=TITLE)
    article.save_revision(user=redacteur)
    return article


def shoot(page, name, locator=None):
    """Screenshots at a phone's and a laptop's width, when SCREENSHOT_DIR asks for them."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        target = locator or page
        target.screenshot(path=f"{directory}/{name}-{width}.png")
    page.set_viewport_size({"width": 1366, "height": 900})


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_placeholder("Voer wachtwoord in").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def test_an_editor_tests_the_mail_then_confirms_the_publication(live_server, page, draft):
    page.add_init_script("navigator.sendBeacon = () => true;")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    panel = page.locator("[data-newsletter-panel]")
    expect(panel).to_contain_text("2 bevestigde abonnees")
    shoot(page, "newsletter_panel", panel)

    panel.get_by_role("button", name="Stuur een testmail naar redacteur@example.nl").click()
    expect(page.get_by_role("status").filter(has_text="testmail")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["redacteur@example.nl"]]
    assert not Mailing.objects.exists()

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren", exact=True).click()
    question = page.locator("[data-newsletter-confirm]")
    expect(question).to_contain_text("meteen naar 2 bevestigde abonnees")
    shoot(page, "confirm_publish")
    assert not ArticlePage.objects.get(pk=draft.pk).live

    question.get_by_role("button", name="Ja, publiceer en mail").click()
    expect(page.get_by_role("status").filter(has_text="gepubliceerd")).to_be_visible()
    assert ArticlePage.objects.get(pk=draft.pk).live
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["anna@example.nl", "bram@example.nl"]
