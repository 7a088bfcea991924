"""An editor opens Blog › Planning from the admin menu, on a laptop and a phone,
and follows an article from it to the editor."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import ArticlePage, ArticlePageAuthor
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.browser.demo_site.test_accessibility import serious_violations
from users.roles import ensure_editors_group, ensure_guest_authors_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "geheim-wachtwoord"
SCHEDULED = "Wachten op jeugdhulp"
IN_REVIEW = "Een jaar zonder intern begeleider"


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core goes into the page as an inline script.
    return {**browser_context_args, "bypass_csp": True}


def member(django_user_model, group, username, **fields):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.nl", **fields
    )
    # The flush after a live-server test removes the groups the migrations made.
    user.groups.add(group)
    return user


@pytest.fixture
def planned(blog_index, django_user_model):
    """A draft, a guest's article in review, a scheduled and a published one."""
    member(django_user_model, ensure_editors_group(), "redacteur", first_name="Ruud")
    guest = member(django_user_model, ensure_guest_authors_group(), "ilse", first_name="Ilse")
    author = AuthorFactory(name="Marieke van Dalen")

    ArticlePageFactory(parent=blog_index, live=False, title="Het schooljaarplan").save_revision()
    in_review = ArticlePageFactory(parent=blog_index, live=False, owner=guest, title=IN_REVIEW)
    in_review.save_revision(user=guest)
    blog_index.get_workflow().start(in_review, guest)
    scheduled = ArticlePageFactory(
        parent=blog_index, live=False, title=SCHEDULED, authors=[author]
    )
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=4, hours=1)
    scheduled.save_revision().publish()
    published = ArticlePageFactory(parent=blog_index, live=False, title="Thuiszitter")
    published.article_authors = [ArticlePageAuthor(author=author)]
    published.publish_anonymously = True
    published.save_revision().publish()
    return ArticlePage.objects.get(pk=scheduled.pk)


def shoot(page, name):
    """Screenshots at a phone's and a laptop's width, when SCREENSHOT_DIR asks for them."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)


def overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_an_editor_opens_the_planning_from_the_menu_and_an_article_from_it(
    live_server, page, planned, axe_script
):
    page.add_init_script("navigator.sendBeacon = () => true;")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_placeholder("Voer wachtwoord in").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    sidebar = page.get_by_role("complementary", name="Zijbalk")
    sidebar.get_by_role("button", name="Blog").click()
    sidebar.get_by_role("link", name="Planning").click()
    expect(page.get_by_role("heading", level=1, name="Planning")).to_be_visible()

    review = page.get_by_role("region", name="Ter beoordeling")
    row = review.get_by_role("row").filter(has_text=IN_REVIEW)
    expect(row).to_contain_text("Beoordeling door de redactie")
    expect(row).to_contain_text("Redactie")
    expect(row).to_contain_text("zojuist")
    recent = page.get_by_role("region", name="Recent gepubliceerd")
    expect(recent.get_by_role("row").filter(has_text="Thuiszitter")).to_contain_text(
        "Marieke van Dalen anoniem"
    )
    assert serious_violations(page, axe_script) == []
    shoot(page, "planning-1366")

    # On a phone the page fits; a wide table scrolls within its own frame.
    page.set_viewport_size({"width": 390, "height": 844})
    assert overflow(page) <= 0
    scheduled = page.get_by_role("region", name="Gepland")
    expect(scheduled).to_contain_text("over 4 dagen")
    shoot(page, "planning-390")

    scheduled.get_by_role("link", name=SCHEDULED).click()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{planned.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(SCHEDULED)

    # The blog's page listing names the authors and dates too.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/pages/{planned.get_parent().pk}/")
    expect(page.get_by_role("columnheader", name="Auteur")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Publicatiedatum")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Thuiszitter")
    expect(row).to_contain_text("Marieke van Dalen anoniem")
    shoot(page, "blog-explorer-1366")
