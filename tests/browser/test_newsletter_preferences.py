"""A reader changes what the newsletter sends them, from the link in a mail,
in a real browser (with the site's Content-Security-Policy)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def mailed_reader(blog_index):
    """A subscriber who got the mail of a new article, and the themes to choose from."""
    for name, slug in [
        ("Passend onderwijs", "passend-onderwijs"),
        ("Leerlingenzorg", "leerlingenzorg"),
        ("Ouders en school", "ouders-en-school"),
    ]:
        ThemeFactory(name=name, slug=slug)
    subscriber = Subscriber.objects.create(
        email="lezer@example.nl",
        source="footer",
        consent_text="Ja",
        status=Subscriber.Status.CONFIRMED,
    )
    article = ArticlePageFactory(parent=blog_index, live=False, title="Het lastige gesprek")
    article.save_revision().publish()
    return subscriber


def preferences_link():
    """The "Mijn voorkeuren" link in the last mail, as the reader clicks it."""
    return re.search(r"https?://\S+/nieuwsbrief/voorkeuren/\?t=\S+", mail.outbox[-1].body).group(0)


def test_from_the_mail_a_reader_switches_to_two_themes_and_saves(live_server, page, mailed_reader):
    assert mail.outbox[-1].subject == "Het lastige gesprek"
    page.goto(preferences_link())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mijn voorkeuren voor de nieuwsbrief"
    )
    expect(page.get_by_label("Elk nieuw artikel")).to_be_checked()
    only_themes = page.get_by_label("Alleen artikelen over de thema's die ik kies")
    expect(only_themes).not_to_be_checked()

    # Ticking a theme chooses "only these themes" too (js/newsletter.js).
    page.get_by_label("Passend onderwijs").check()
    expect(only_themes).to_be_checked()
    page.get_by_label("Leerlingenzorg").check()
    page.get_by_role("button", name="Voorkeuren opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("Je voorkeuren zijn opgeslagen.")
    expect(page.get_by_label("Passend onderwijs")).to_be_checked()
    expect(page.get_by_label("Leerlingenzorg")).to_be_checked()
    expect(page.get_by_label("Ouders en school")).not_to_be_checked()
    mailed_reader.refresh_from_db()
    assert mailed_reader.preference == Subscriber.Preference.THEMES
    assert sorted(mailed_reader.themes.values_list("name", flat=True)) == [
        "Leerlingenzorg",
        "Passend onderwijs",
    ]


def test_choosing_themes_without_one_says_what_to_do(live_server, page, mailed_reader):
    page.goto(preferences_link())
    page.get_by_label("Alleen artikelen over de thema's die ik kies").check()
    page.get_by_role("button", name="Voorkeuren opslaan").click()
    alert = page.locator("#preference-errors")
    expect(alert).to_contain_text("Kies minstens één thema")
    # The error's link leads to the themes.
    alert.get_by_role("link").click()
    assert page.url.endswith("#preference-themes")
    mailed_reader.refresh_from_db()
    assert mailed_reader.preference == Subscriber.Preference.EVERY_ARTICLE


def test_the_page_has_no_serious_axe_violations(live_server, browser, mailed_reader, axe_script):
    context = browser.new_context(bypass_csp=True)  # axe-core goes in as an inline script
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(preferences_link())
    page.get_by_label("Alleen artikelen over de thema's die ik kies").check()
    page.get_by_role("button", name="Voorkeuren opslaan").click()  # with its error shown
    expect(page.locator("#preference-errors")).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    # Nothing scrolls sideways on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
