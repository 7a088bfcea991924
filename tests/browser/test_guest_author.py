"""A guest author in the real admin: logs in, writes an article, sends it for review."""

import re

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy as _
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from authors.models import Author
from blog.dashboard import Standing
from blog.models import ArticlePage
from blog.review import REVIEW_TASK, REVIEW_WORKFLOW
from tests.admin_helpers import dutch
from users.roles import ensure_editors_group, ensure_guest_authors_group

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Het gesprek dat ik uitstelde"
# Any control that would publish: "Publiceer", "Publiceren", "Goedkeuren en publiceren".
PUBLISHING = re.compile(r"\bpubliceer|\bpubliceren", re.IGNORECASE)


def member(django_user_model, group, username, **fields):
    user = django_user_model.objects.create_user(
        username=username, password="geheim-wachtwoord", email=f"{username}@example.nl", **fields
    )
    user.groups.add(group)
    return user


@pytest.fixture
def ilse(django_user_model, blog_index):
    # The flush after a live-server test removes the groups the migrations made.
    group = ensure_guest_authors_group()
    return member(django_user_model, group, "ilse", first_name="Ilse", last_name="Bos")


@pytest.fixture
def redacteur(django_user_model, blog_index):
    group = ensure_editors_group()
    return member(django_user_model, group, "redacteur", first_name="Ruud")


def expect_no_publishing(page):
    """Not in the footer, nor in its (mounted but closed) dropdown, nor elsewhere."""
    for role in ("button", "link", "menuitem"):
        expect(page.get_by_role(role, name=PUBLISHING, include_hidden=True)).to_have_count(0)


def session_ping(response):
    return "/admin/editing-sessions/ping/" in response.url


def expect_message(page, text):
    # Not get_by_role("status") alone: jQuery UI may add an empty live region too.
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_a_guest_author_writes_an_article_and_submits_it_for_review(
    live_server, page, blog_index, ilse, redacteur
):
    # An edit page pings Wagtail's editing sessions as it opens (the test waits for
    # that) and sends a "release" beacon as it closes, which Playwright cannot wait
    # for: one sent as the browser closes would race the flush of the database.
    page.add_init_script("navigator.sendBeacon = () => true;")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Gebruikersnaam").fill("ilse")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    sidebar = page.get_by_role("complementary", name="Zijbalk")
    expect(sidebar.get_by_role("link", name="Afbeeldingen")).to_be_visible()
    expect(sidebar.get_by_role("link", name=dutch(_("Your author profile")))).to_be_visible()
    # This site groups its snippets (themes, authors) under "Blog".
    for hidden_item in ("Documenten", "Snippets", "Blog"):
        expect(sidebar.get_by_text(hidden_item, exact=True)).to_have_count(0)

    my_articles = page.get_by_role("region", name=dutch(_("Your articles")))
    expect(my_articles).to_contain_text(dutch(_("You have not written an article yet.")))
    my_articles.get_by_role("link", name=dutch(_("Write a new article"))).click()

    # Credited as herself: no authors to choose, only the wish to stay anonymous.
    anonymity = page.get_by_label(
        dutch(ArticlePage._meta.get_field("anonymity_requested").verbose_name)
    )
    expect(anonymity).to_be_visible()
    expect(page.locator("[name='article_authors-TOTAL_FORMS']")).to_have_count(0)
    expect(page.locator("[name='publish_anonymously']")).to_have_count(0)

    page.get_by_role("textbox", name="Titel*", exact=True).fill(TITLE)
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Blok invoegen").click()
    page.get_by_role("option", name="Alinea").click()
    body.get_by_role("textbox").fill("Een dag op school die anders liep dan gepland.")
    # Draftail copies its text into the form a moment after the last keystroke.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("anders liep"))
    anonymity.check()
    with page.expect_response(session_ping):
        page.get_by_role("button", name="Bewaar concept").click()

    expect_message(page, f"Pagina '{TITLE}' is aangemaakt.")
    article = ArticlePage.objects.get(title=TITLE)
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    assert article.current_workflow_state is None
    assert mail.outbox == []
    expect_no_publishing(page)

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect_message(page, f"Pagina '{TITLE}' is ter goedkeuring ingediend.")

    article.refresh_from_db()
    assert not article.live
    assert article.owner == ilse
    assert article.authors() == [Author.objects.get(user=ilse)]
    assert article.authors()[0].name == "Ilse Bos"
    # Her wish to stay anonymous takes effect at once; the editors confirm it in review.
    assert (article.anonymity_requested, article.publish_anonymously) == (True, True)
    draft = article.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph"]
    assert "Een dag op school" in draft.body[0].value.source
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert (state.workflow.name, state.requested_by) == (REVIEW_WORKFLOW, ilse)
    assert state.current_task_state.task.name == REVIEW_TASK
    # The live server runs in this process: its mails land in the locmem outbox.
    assert [message.to for message in mail.outbox] == [[redacteur.email]]
    assert TITLE in mail.outbox[0].subject

    page.goto(live_server.url + "/admin/")
    my_articles = page.get_by_role("region", name=dutch(_("Your articles")))
    row = my_articles.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(dutch(Standing.IN_REVIEW))
    with page.expect_response(session_ping):
        row.get_by_role("link", name=TITLE).click()

    expect(page).to_have_url(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect_message(page, "Pagina wacht momenteel op goedkeuring")
    expect(page.get_by_role("button", name="Terugnemen uit beoordeling")).to_be_visible()
    expect_no_publishing(page)
