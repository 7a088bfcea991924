"""Signing up for the newsletter in a real browser, from a cached page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(blog_index, settings):
    settings.PAGE_CACHE = True
    return ArticlePageFactory(parent=blog_index, title="Over passend onderwijs")


def confirm_link():
    return re.search(r"https?://\S+/nieuwsbrief/bevestigen/\?t=\S+", mail.outbox[-1].body).group(0)


def test_a_reader_signs_up_under_an_article_and_confirms(live_server, page, article):
    page.goto(live_server.url + article.url)
    page.goto(live_server.url + article.url)  # now from the page cache, without a token
    form = page.locator("#article-newsletter-title").locator("..")
    form.get_by_label("E-mailadres").fill("lezer@example.nl")
    form.get_by_label("Ja, mail mij nieuwe artikelen", exact=False).check()
    form.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bijna klaar: kijk in je mailbox")
    expect(page.get_by_role("main")).to_contain_text("lezer@example.nl")
    assert "lezer" not in page.url
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.source) == ("lezer@example.nl", "article")

    page.goto(confirm_link())
    page.get_by_role("button", name="Ja, meld me aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent aangemeld")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    welcome = mail.outbox[-1]
    assert welcome.subject == "Welkom bij de nieuwsbrief van De Directeurskamer"
    assert "List-Unsubscribe" in welcome.extra_headers

    # The page leads on: to the newest article.
    page.get_by_role("link", name="Over passend onderwijs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Over passend onderwijs")


def test_without_javascript_the_form_comes_back_filled_in(live_server, browser, article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    # The blog's overview: an article has its own form instead of the footer's.
    page.goto(live_server.url + "/blog/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("E-mailadres").fill("lezer@example.nl")
    footer.get_by_label("Ja, mail mij nieuwe artikelen", exact=False).check()
    footer.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("alert")).to_contain_text("nog niet verstuurd")
    main = page.get_by_role("main")
    expect(main.get_by_label("E-mailadres")).to_have_value("lezer@example.nl")
    assert Subscriber.objects.count() == 0
    main.get_by_label("Ja, mail mij nieuwe artikelen", exact=False).check()
    main.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijna klaar: kijk in je mailbox")
    assert Subscriber.objects.get().source == "footer"
    context.close()
