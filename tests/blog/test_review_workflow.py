"""A guest post from draft to live through "Gastblog beoordelen", with its mails."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset

from blog.models import ArticlePage
from tests.admin_helpers import add_url, article_form

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def task_state_of(article):
    state = WorkflowState.objects.get(object_id=str(article.pk))
    return state, state.current_task_state


def act(client, article, action, comment=""):
    _, task_state = task_state_of(article)
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_submit_request_changes_resubmit_approve_live(
    client, ilse, redacteur, blog_index, django_capture_on_commit_callbacks
):
    # The guest author writes and submits.
    client.force_login(ilse)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
    assert recipients() == ["redacteur@example.nl"]
    assert "Het gesprek dat ik uitstelde" in mail.outbox[0].subject

    # The editor sees it on the dashboard, and asks for changes with a comment.
    client.force_login(redacteur)
    assert "Het gesprek dat ik uitstelde" in client.get("/admin/").content.decode()
    mail.outbox.clear()
    act(client, article, "reject", "Maak de school onherkenbaar, graag.")
    state, _ = task_state_of(article)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == ["ilse@example.nl"]
    assert "Maak de school onherkenbaar" in mail.outbox[0].body

    # The draft is back with the author: she sees why, edits it and submits again.
    client.force_login(ilse)
    dashboard = client.get("/admin/").content.decode()
    assert "Maak de school onherkenbaar" in dashboard
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    assert client.get(edit_url).status_code == 200
    mail.outbox.clear()
    form = article_form(subtitle="Nu zonder namen.", **{"action-submit": "1"})
    assert client.post(edit_url, form).status_code == 302
    state, _ = task_state_of(article)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert recipients() == ["redacteur@example.nl"]
    article.refresh_from_db()
    assert not article.live

    # The editor approves: the article goes live, and the author hears of it twice:
    # Wagtail's approval, and ours with the link to the live article.
    client.force_login(redacteur)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, article, "approve")
    article.refresh_from_db()
    assert article.live
    assert article.subtitle == "Nu zonder namen."
    assert recipients() == ["ilse@example.nl", "ilse@example.nl"]
    live_mail = next(m for m in mail.outbox if article.full_url in m.body)
    assert "Het gesprek dat ik uitstelde" in live_mail.subject

    # A later edit, approved again, tells her nothing new about going live.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision(user=ilse).publish(user=redacteur)
    assert not any(article.full_url in m.body for m in mail.outbox)


def test_while_in_review_the_author_cannot_change_the_draft(client, ilse, blog_index):
    client.force_login(ilse)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(edit_url, article_form(title="Stiekem veranderd", **{"action-draft": "1"}))
    assert article.get_latest_revision_as_object().title == "Het gesprek dat ik uitstelde"


def test_an_editor_confirms_or_turns_off_the_requested_anonymity(
    client, ilse, redacteur, blog_index
):
    client.force_login(ilse)
    form = article_form(anonymity_requested="on", **{"action-submit": "1"})
    client.post(add_url(blog_index), form)
    article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")

    client.force_login(redacteur)
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    html = client.get(edit_url).content.decode()
    # One box for the editor's decision, which says that she asked for it.
    assert 'name="publish_anonymously"' in html
    assert 'name="anonymity_requested"' not in html
    assert "De auteur vroeg om anoniem te publiceren." in html

    # After talking with the author, the editor publishes under her name.
    profile = ilse.author_profile
    form = article_form(
        anonymity_requested="on",
        article_authors=inline_formset(
            [{"author": profile.pk, "id": article.article_authors.get().pk}], initial=1
        ),
        **{"action-publish": "1"},
    )
    client.post(edit_url, form)
    article.refresh_from_db()
    assert article.live
    assert article.anonymity_requested  # her request stays on record
    assert not article.publish_anonymously


def submitted_by(client, author, blog_index):
    client.force_login(author)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    return ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")


def test_the_mail_asking_for_changes_is_kind_and_carries_the_comment(
    client, ilse, redacteur, blog_index
):
    article = submitted_by(client, ilse, blog_index)
    client.force_login(redacteur)
    mail.outbox.clear()
    act(client, article, "reject", "Maak de school onherkenbaar, graag.")

    [message] = mail.outbox
    assert message.to == ["ilse@example.nl"]
    assert message.subject == "Wijzigingen gevraagd voor “Het gesprek dat ik uitstelde”"
    assert "afgekeurd" not in (message.subject + message.body).lower()
    assert "Ruud van de redactie heeft het gelezen" in message.body
    assert "Hun opmerking:\n\nMaak de school onherkenbaar, graag." in message.body
    assert "dien het daarna opnieuw in ter beoordeling" in message.body
    assert reverse("wagtailadmin_pages:edit", args=(article.pk,)) in message.body
    assert "workflow" not in message.body.lower()


def test_the_approval_mail_carries_the_editors_comment(
    client, ilse, redacteur, blog_index, django_capture_on_commit_callbacks
):
    article = submitted_by(client, ilse, blog_index)
    client.force_login(redacteur)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, article, "approve", "Mooi stuk, dank je wel!")

    approval = next(m for m in mail.outbox if m.subject.startswith("Goedgekeurd"))
    assert approval.subject == "Goedgekeurd: “Het gesprek dat ik uitstelde”"
    assert "De redactie heeft je artikel “Het gesprek dat ik uitstelde” goedgekeurd" in (
        approval.body
    )
    assert "Hun opmerking:\n\nMooi stuk, dank je wel!" in approval.body
    assert ArticlePage.objects.get(pk=article.pk).full_url in approval.body
    # One approval mail: Wagtail's own is replaced, not sent as well.
    assert sum("goedgekeurd" in m.subject.lower() for m in mail.outbox) == 1


def test_without_a_comment_the_approval_mail_has_none(
    client, ilse, redacteur, blog_index, django_capture_on_commit_callbacks
):
    article = submitted_by(client, ilse, blog_index)
    client.force_login(redacteur)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, article, "approve")
    approval = next(m for m in mail.outbox if m.subject.startswith("Goedgekeurd"))
    assert "Hun opmerking" not in approval.body
