"""Downloads in a real browser: the gate form, the online questionnaire, the banner."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from resources.models import DownloadRequest, PromoBanner
from tests.resources.factories import PDF_BYTES, ResourcePageFactory

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Het team rond de leerling",
            "intro": "Bespreek elke vraag eerst even in tweetallen.",
            "questions": [
                {"question": "Wie draagt nu de meeste zorg?", "hint": "", "answer_type": "open"},
                {
                    "question": "Hoe goed kunnen we dit volhouden?",
                    "hint": "",
                    "answer_type": "scale",
                },
            ],
        },
    }
]


def test_a_reader_requests_the_ebook_and_receives_the_file(live_server, page, resource_index):
    ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book", access="gated")
    page.goto(live_server.url + "/downloads/e-book/")

    page.get_by_role("button", name="Stuur mij de download").click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Vul je e-mailadres in.")
    expect(errors).to_contain_text("Zonder je toestemming")
    assert DownloadRequest.objects.count() == 0

    page.get_by_role("main").get_by_label("E-mailadres", exact=True).fill("ib@example.nl")
    page.get_by_label("Je rol (niet verplicht)").select_option(label="Intern begeleider")
    expect(page.get_by_label("Stuur mij ook nieuwe artikelen per e-mail")).not_to_be_checked()
    page.get_by_label("Ik ga ermee akkoord", exact=False).check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Stuur mij de download").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank je wel! Je download start nu")

    download = download_info.value
    # The stored name (Django's storage may add a suffix to keep names unique).
    assert download.suggested_filename.startswith("werkboek")
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes() == PDF_BYTES
    stored = DownloadRequest.objects.get()
    assert (stored.email, stored.role) == ("ib@example.nl", "care_coordinator")


def test_a_team_fills_in_the_questionnaire_and_finds_its_answers_after_a_reload(
    live_server, page, resource_index
):
    ResourcePageFactory(
        parent=resource_index,
        title="Vragenlijst",
        slug="vragenlijst",
        kind="questionnaire",
        questions=QUESTIONS,
    )
    posts = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method != "GET" else None
    )
    page.goto(live_server.url + "/downloads/vragenlijst/")

    answer = page.get_by_label("Wie draagt nu de meeste zorg?")
    answer.fill("Vooral de leerkracht van groep 5.\nEn de IB'er op dinsdag.")
    page.get_by_role("group", name="Hoe goed kunnen we dit volhouden?").get_by_label("2").check()

    page.reload()
    expect(page.get_by_label("Wie draagt nu de meeste zorg?")).to_have_value(
        "Vooral de leerkracht van groep 5.\nEn de IB'er op dinsdag."
    )
    scale = page.get_by_role("group", name="Hoe goed kunnen we dit volhouden?")
    expect(scale.get_by_label("2")).to_be_checked()
    expect(page.get_by_role("status")).to_have_text("Je eerdere antwoorden zijn teruggezet.")

    # Printed (or saved as PDF), the whole answer is on paper, without the buttons.
    page.emulate_media(media="print")
    printed = page.locator(".question__print-answer").first
    expect(printed).to_be_visible()
    expect(printed).to_have_text("Vooral de leerkracht van groep 5.\nEn de IB'er op dinsdag.")
    expect(page.get_by_role("button", name="Afdrukken of opslaan als pdf")).to_be_hidden()
    page.emulate_media(media="screen")

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Wis mijn antwoorden").click()
    page.reload()
    expect(page.get_by_label("Wie draagt nu de meeste zorg?")).to_have_value("")
    assert posts == []  # nothing was ever sent to the server


def test_a_dismissed_banner_stays_away_without_shifting_the_page(
    live_server, page, resource_index
):
    ebook = ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book")
    PromoBanner.objects.create(
        site=Site.objects.get(is_default_site=True),
        enabled=True,
        text="Gratis e-book over morele reflectie.",
        link_page=ebook,
    )
    page.goto(live_server.url + "/downloads/")
    banner = page.get_by_role("complementary", name="Aankondiging")
    expect(banner).to_be_visible()

    # Keyboard: the skip link, the banner's link, then its close button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(banner.get_by_role("link", name="Download gratis")).to_be_focused()
    page.keyboard.press("Tab")
    close = banner.get_by_role("button", name="Sluit deze aankondiging")
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(banner).to_be_hidden()

    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => list.getEntries()"
        ".forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(live_server.url + "/downloads/e-book/")
    expect(page.get_by_role("complementary", name="Aankondiging")).to_be_hidden()
    page.wait_for_load_state("load")
    assert page.evaluate("window.__shift") == 0
