"""A privacy request for a reader whose story became a draft article
(*Begin een conceptartikel*): the lookup and the export show the draft, and
the editor chooses at the erasure what becomes of it."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail.search.models import IndexEntry

from blog.models import ArticlePage
from contributions.models import Story
from tests.admin_helpers import dutch, member_of
from users.roles import EDITORS

from .conftest import ANNA, ID, SECTION

pytestmark = pytest.mark.django_db

URL = reverse("privacy_request:index")
EXPORT_URL = reverse("privacy_request:export")
ERASE_URL = reverse("privacy_request:erase")

# Quotes and an accent: stored escaped in a revision's JSON.
SENTENCE = 'Een moeder zei: "Noé hoort hier niet meer", en ik wist geen antwoord.'
WORDS = ("Noé", "moeder zei")  # of the sentence, and of the title made from it
REWRITTEN = "Over een gesprek met ouders dat ik niet goed voerde."


@pytest.fixture
def redactie(client, django_user_model):
    client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
    return client


@pytest.fixture
def draft(redactie, blog_index):
    """Anna's story, made into a draft article in the admin, and one of Bert's."""
    story = Story.objects.create(sentence=SENTENCE, email=ANNA, consent_text="Ja.")
    response = redactie.post(reverse("stories:start_draft", args=[story.pk]))
    assert response.status_code == 302
    bert = Story.objects.create(
        sentence="Bert zijn verhaal.", email="bert@example.nl", consent_text="Ja."
    )
    redactie.post(reverse("stories:start_draft", args=[bert.pk]))
    article = ArticlePage.objects.get(pk=Story.objects.get(pk=story.pk).article_id)
    # What the erasure is to undo: the words everywhere, found by the search.
    assert quotes(stored_text(article.pk))
    assert search("Noé") == [article]
    return article


def rewrite(article):
    """What the page editor does with a draft: a new revision, the page's row as it was."""
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "Het gesprek met de ouders"
    article.body = [("paragraph", RichText(f"<p>{REWRITTEN}</p>"))]
    article.save_revision()
    return article


def quotes(text):
    return any(word in text for word in WORDS)


def stored_text(page_id):
    """Everything the database keeps of the page: its row, revisions, history, index."""
    parts = [json.dumps(list(Page.objects.filter(pk=page_id).values()), default=str)]
    for revision in Revision.objects.filter(object_id=str(page_id)):
        # The body is JSON in the revision's JSON, its accents escaped.
        content = {**revision.content, "body": json.loads(revision.content["body"])}
        parts.append(json.dumps(content, ensure_ascii=False))
    for entry in PageLogEntry.objects.filter(page_id=page_id):
        parts.append(f"{entry.label} {json.dumps(entry.data, ensure_ascii=False)}")
    for entry in IndexEntry.objects.filter(object_id=str(page_id)):
        parts.append(f"{entry.title} {entry.body} {entry.autocomplete}")
    return " ".join(parts)


def search(word):
    return list(ArticlePage.objects.search(word))


def erase(client, **choices):
    data = {"email": ANNA, "confirmation": "1", "confirm": "on", **choices}
    return client.post(ERASE_URL, data, follow=True)


def choice_field(draft):
    return f"draft_{draft.pk}"


def test_the_lookup_shows_the_draft_made_from_the_story(redactie, draft):
    response = redactie.post(URL, {"email": ANNA})

    page = BeautifulSoup(response.content, "html.parser")
    counts = [li.get_text(" ", strip=True) for li in page.find(id="privacy-counts")("li")]
    assert f"{dutch('Draft articles that quote them')}: 1" in counts
    table = page.find(id="privacy-draft_articles")
    rows = table.find("tbody")("tr")
    assert len(rows) == 1
    cells = [cell.get_text(" ", strip=True) for cell in rows[0]("td")]
    assert cells[0] == draft.title
    assert rows[0].find("a")["href"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    story = Story.objects.get(email=ANNA)
    assert cells[1:] == [
        dutch("Draft"),
        dutch("Story %(number)s") % {"number": story.pk},
        dutch("Yes"),
        "1 van 1",
        "2",
    ]


def test_the_export_shows_the_draft_and_where_it_quotes_the_reader(redactie, draft):
    rewrite(draft)

    data = json.loads(redactie.post(EXPORT_URL, {"email": ANNA}).content)

    assert data[SECTION["draft_articles"]] == [
        {
            "nummer": draft.pk,
            "titel": "Het gesprek met de ouders",
            "gepubliceerd": False,
            "gemaakt uit": [
                dutch("Story %(number)s") % {"number": data[SECTION["stories"]][0][ID]}
            ],
            "huidige versie citeert hen": False,
            "versies": 2,
            # The new one too: Wagtail keeps the draft title from before the edit with it.
            "versies die hen citeren": 2,
            "regels in de geschiedenis": 2,
        }
    ]


def test_without_a_choice_for_the_draft_nothing_is_erased(redactie, draft):
    confirm = redactie.post(ERASE_URL, {"email": ANNA})
    radios = BeautifulSoup(confirm.content, "html.parser").find_all(
        "input", {"name": choice_field(draft), "type": "radio"}
    )
    assert [radio["value"] for radio in radios] == ["delete", "clean", "keep"]
    assert not any(radio.has_attr("checked") for radio in radios)

    response = erase(redactie)

    assert response.context["form"].errors[choice_field(draft)]
    assert Story.objects.filter(email=ANNA).exists()
    assert quotes(stored_text(draft.pk))


def test_deleting_the_draft_removes_it_with_its_revisions_history_and_index(redactie, draft):
    rewrite(draft)

    response = erase(redactie, **{choice_field(draft): "delete"})

    assert response.redirect_chain[-1][0] == URL
    assert not Page.objects.filter(pk=draft.pk).exists()
    assert not Revision.objects.filter(object_id=str(draft.pk)).exists()
    assert not IndexEntry.objects.filter(object_id=str(draft.pk)).exists()
    # What the history keeps: the deletion, by the editor, without the reader's words.
    entries = PageLogEntry.objects.filter(page_id=draft.pk)
    assert [entry.action for entry in entries] == ["wagtail.delete"]
    assert not quotes(stored_text(draft.pk))
    assert search("Noé") == []
    assert not Story.objects.filter(email=ANNA).exists()
    # Bert's draft is left alone.
    assert ArticlePage.objects.filter(title__contains="Bert").exists()


def test_cleaning_the_draft_removes_the_words_from_every_version_and_the_index(redactie, draft):
    rewrite(draft)

    erase(redactie, **{choice_field(draft): "clean"})

    article = ArticlePage.objects.get(pk=draft.pk)
    assert not quotes(stored_text(draft.pk))
    assert search("Noé") == []
    placeholder = dutch("[removed at the reader's request]")
    assert placeholder in article.title
    assert [block.value["quote"] for block in article.body] == [placeholder]
    first, latest = Revision.objects.filter(object_id=str(draft.pk)).order_by("pk")
    assert [block.value["quote"] for block in first.as_object().body] == [placeholder]
    assert placeholder in first.as_object().title
    # The editor's own version is as they left it.
    assert latest.as_object().title == "Het gesprek met de ouders"
    assert REWRITTEN in str(latest.as_object().body)
    assert all(not quotes(entry.label) for entry in PageLogEntry.objects.filter(page_id=draft.pk))
    assert not Story.objects.filter(email=ANNA).exists()


def test_keeping_a_draft_that_still_quotes_the_reader_is_refused(redactie, draft):
    response = erase(redactie, **{choice_field(draft): "keep"})

    assert response.context["form"].errors[choice_field(draft)]
    assert Story.objects.filter(email=ANNA).exists()
    assert quotes(stored_text(draft.pk))


def test_keeping_a_rewritten_draft_keeps_it_and_cleans_its_history(redactie, draft):
    rewrite(draft)

    erase(redactie, **{choice_field(draft): "keep"})

    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.get_latest_revision_as_object().title == "Het gesprek met de ouders"
    assert REWRITTEN in str(article.get_latest_revision_as_object().body)
    assert not quotes(stored_text(draft.pk))
    assert search("Noé") == []
    assert not Story.objects.filter(email=ANNA).exists()


def test_the_command_needs_a_choice_for_the_drafts(draft):
    with pytest.raises(CommandError, match="--drafts"):
        call_command("privacy_erase", ANNA, "--yes")
    assert Story.objects.filter(email=ANNA).exists()
    with pytest.raises(CommandError, match="still quotes"):
        call_command("privacy_erase", ANNA, "--yes", "--drafts", "keep")
    assert Story.objects.filter(email=ANNA).exists()
    assert quotes(stored_text(draft.pk))


def test_the_command_cleans_the_drafts(draft, capsys):
    call_command("privacy_export", ANNA)
    assert json.loads(capsys.readouterr().out)[SECTION["draft_articles"]][0][ID] == draft.pk

    call_command("privacy_erase", ANNA, "--yes", "--drafts", "clean")

    out = capsys.readouterr().out
    assert "stories: 1" in out
    assert "draft_articles_cleaned: 1" in out
    assert ArticlePage.objects.filter(pk=draft.pk).exists()
    assert not quotes(stored_text(draft.pk))
