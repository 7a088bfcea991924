"""The wall of recognition in a real browser: a reader sends a sentence and
consents to the wall, an editor shortens and approves it in the admin, and it
shows on the page Herkenning and under an article of its theme."""

import os

import pytest
from django.core import mail
from playwright.sync_api import expect

from contributions.models import Story
from tests.blog.factories import ArticlePageFactory
from tests.contributions.factories import RecognitionPageFactory
from tests.themes.factories import ThemeFactory
from users.roles import ensure_editors_group

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = (
    "Op De Regenboog in Kampen koos ik voor het team, terwijl Sem uit groep 6 "
    "al maanden op een plek wachtte."
)
SHORTER = "Ik koos voor het team, terwijl een leerling al maanden op een plek wachtte."


@pytest.fixture
def site(home_page, blog_index, django_user_model):
    redacteur = django_user_model.objects.create_user(
        username="redacteur", password="geheim-wachtwoord", email="redacteur@example.nl"
    )
    # The flush after a live-server test removes the groups the migrations made.
    redacteur.groups.add(ensure_editors_group())
    team = ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team")
    ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")
    article = ArticlePageFactory(
        parent=blog_index, title="Zorg voor de leerling of voor het team", themes=[team]
    )
    wall = RecognitionPageFactory(parent=home_page)
    return article, wall


def shoot(page, name):
    """Screenshots at a phone's and a laptop's width, when SCREENSHOT_DIR asks for them."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{directory}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_a_sentence_goes_from_the_reader_through_the_editor_onto_the_wall(live_server, page, site):
    article, wall = site

    # The reader shares a sentence and ticks the box for the wall.
    page.goto(live_server.url + "/deel-je-verhaal/")
    form = page.locator("main form")
    form.get_by_label("Je dilemma in één zin").fill(SENTENCE)
    form.get_by_label("Naam (niet verplicht)").fill("Ineke")
    form.get_by_label("E-mailadres (niet verplicht").fill("ineke@example.nl")
    consent = form.get_by_label("Mijn zin mag anoniem op de site verschijnen")
    expect(consent).not_to_be_checked()
    expect(consent).to_have_accessible_description(
        "De redactie mag je zin inkorten en details weglaten; je naam en e-mailadres komen "
        "nooit op de site. Vul je je e-mailadres in, dan krijg je een bevestigingsmail met "
        "een link waarmee je je zin altijd weer van de site haalt. Zonder e-mailadres sturen "
        "we geen mail en is er geen link."
    )
    shoot(page, "wall_consent")
    consent.check()
    form.get_by_label("Ik ga ermee akkoord").check()
    form.get_by_role("button", name="Verstuur mijn verhaal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank je wel voor je verhaal")
    story = Story.objects.get()
    assert story.wall_consent
    assert not story.on_wall
    assert "ineke@example.nl" in [message.to[0] for message in mail.outbox]

    # Nothing shows before the editors approve it.
    page.goto(live_server.url + wall.url)
    expect(page.get_by_text("Hier staan nog geen zinnen")).to_be_visible()

    # The editor shortens it, picks its theme and approves it.
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_placeholder("Voer wachtwoord in").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/admin/contributions/stories/edit/{story.pk}/")
    wall_text = page.get_by_label("Tekst op de site")
    expect(wall_text).to_have_value(SENTENCE)  # the reader's words, to shorten
    wall_text.fill(SHORTER)
    page.get_by_label("Zorg voor het team").check()
    page.get_by_label("Goedgekeurd voor Herkenning").check()
    shoot(page, "wall_approval")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("bijgewerkt")
    story.refresh_from_db()
    assert story.on_wall
    assert story.sentence == SENTENCE

    # A reader (not logged in) sees it on the wall and under the article, anonymously.
    reader = page.context.browser.new_page()
    reader.goto(live_server.url + wall.url)
    quote = reader.locator(".wall-sentence")
    expect(quote).to_have_count(1)
    expect(quote.locator("blockquote")).to_have_text(SHORTER)
    expect(quote.get_by_role("link", name="Zorg voor het team")).to_be_visible()
    shoot(reader, "wall")
    reader.goto(live_server.url + article.url)
    section = reader.get_by_role("region", name="Herkenbaar? Anderen schreven:")
    expect(section.locator("blockquote")).to_have_text(SHORTER)
    expect(section.get_by_role("link", name="Lees wat anderen herkenden")).to_have_attribute(
        "href", wall.url
    )
    expect(section.get_by_role("link", name="Deel je verhaal")).to_be_visible()
    section.scroll_into_view_if_needed()
    shoot(reader, "wall_excerpt")
    html = reader.content()
    for secret in ("Ineke", "ineke@example.nl", "Kampen", "Regenboog"):
        assert secret not in html
    reader.close()
