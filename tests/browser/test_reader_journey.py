import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from resources.models import PromoBanner
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published_blog(blog_index):
    passend = ThemeFactory(
        name="Passend onderwijs",
        slug="passend-onderwijs",
        introduction="<p>Als passend onderwijs schuurt.</p>",
    )
    other = ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team")
    author = AuthorFactory(name="Marieke van Dalen", slug="marieke-van-dalen", bio="Directeur.")
    article = ArticlePageFactory(
        parent=blog_index,
        title="Wanneer passend onderwijs niet meer past",
        subtitle="Over de grens van wat een school kan dragen.",
        hero_image=ImageFactory(description="Een lege klas in de avondzon"),
        hero_caption="De klas na schooltijd.",
        names_changed=True,
        themes=[passend],
        authors=[author],
        body=[
            {"type": "heading", "value": "Het gesprek"},
            {"type": "paragraph", "value": "<p>" + "Een lange dag. " * 300 + "</p>"},
        ],
    )
    ArticlePageFactory(parent=blog_index, title="Een artikel over het team", themes=[other])
    return article


def test_reader_browses_by_theme_and_reads_an_article(live_server, page, published_blog):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("De Directeurskamer"))

    page.get_by_role("link", name="Passend onderwijs", exact=True).first.click()
    expect(page).to_have_url(live_server.url + "/blog/thema/passend-onderwijs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Passend onderwijs")
    expect(page.get_by_text("Als passend onderwijs schuurt.")).to_be_visible()
    expect(page.get_by_text("Een artikel over het team")).to_have_count(0)

    page.get_by_role("link", name="Wanneer passend onderwijs niet meer past").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wanneer passend onderwijs niet meer past"
    )
    expect(page.get_by_text("Over de grens van wat een school kan dragen.")).to_be_visible()
    expect(page.get_by_text("5 min lezen").first).to_be_visible()
    hero = page.get_by_role("img", name="Een lege klas in de avondzon")
    expect(hero).to_be_visible()
    expect(page.get_by_text("De klas na schooltijd.")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("Namen en details")
    expect(page.get_by_role("heading", name="Het gesprek")).to_be_visible()
    expect(page.get_by_label("Over Marieke van Dalen")).to_contain_text("Directeur.")


def test_skip_link_moves_focus_to_the_content(live_server, page, published_blog):
    page.goto(live_server.url + "/blog/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_pages_fit_a_small_phone_without_sideways_scrolling(live_server, page, published_blog):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/blog/", "/blog/themas/", published_blog.url]:
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_a_laptop_shows_articles_on_opening_the_home_page(
    live_server, page, home_page, published_blog
):
    """At 1366×768, with the banner and a two-paragraph introduction as in the
    demo content: the first articles show without scrolling, the site's name
    is not repeated as a heading under the header, and there is one sign-up."""
    home_page.intro = (
        "<p>" + "De Directeurskamer is een blog over de vragen die je meeneemt. " * 4 + "</p>"
        "<p>" + "Geschreven voor schoolleiders, met herkenning en geen antwoorden. " * 4 + "</p>"
    )
    home_page.save_revision().publish()
    PromoBanner.objects.create(
        site=Site.objects.get(is_default_site=True),
        enabled=True,
        text="Gratis e-book: vijf praktische werkvormen voor morele reflectie met je team.",
        link_page=published_blog,
    )

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + "/")

    expect(page).to_have_title("De Directeurskamer")
    expect(page.get_by_role("complementary", name="Aankondiging")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("De Directeurskamer")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    first_card = page.locator("#featured-title ~ ul .card").first
    expect(first_card.get_by_role("link")).to_be_in_viewport()
    expect(page.locator("form.newsletter-form")).to_have_count(1)

    page.goto(live_server.url + published_blog.url)
    expect(page).to_have_title(f"{published_blog.title} | De Directeurskamer")
    expect(page.locator("form.newsletter-form")).to_have_count(1)
