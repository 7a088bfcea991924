"""A new article goes to those whose choice it matches: every new article, or
one of its themes among theirs; those who chose the monthly overview get it
there. The editor's count before publishing is the same number."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from blog.models import ArticlePage
from newsletter import audience
from newsletter.models import Mailing, Subscriber
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

from .conftest import confirmed_subscriber
from .test_before_sending import editor_form, panel

pytestmark = pytest.mark.django_db

THEMES = Subscriber.Preference.THEMES
DIGEST = Subscriber.Preference.DIGEST


@pytest.fixture
def themes():
    return {
        "passend": ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs"),
        "zorg": ThemeFactory(name="Leerlingenzorg", slug="leerlingenzorg"),
        "ouders": ThemeFactory(name="Ouders", slug="ouders"),
    }


@pytest.fixture
def readers(themes):
    """One of each kind of choice (and some who get nothing)."""
    confirmed_subscriber("alles@example.nl")
    confirmed_subscriber("passend@example.nl", THEMES, [themes["passend"]])
    confirmed_subscriber("beide@example.nl", THEMES, [themes["passend"], themes["zorg"]])
    confirmed_subscriber("ouders@example.nl", THEMES, [themes["ouders"]])
    confirmed_subscriber("maand@example.nl", DIGEST)
    waiting = Subscriber.objects.create(email="wacht@example.nl", source="footer")
    waiting.choose(THEMES, [themes["passend"]])
    gone = confirmed_subscriber("weg@example.nl", THEMES, [themes["passend"]])
    gone.unsubscribe()


def mailed():
    return sorted(message.to[0] for message in mail.outbox)


def test_an_article_goes_to_every_article_and_its_themes_once_each(
    publish_article, readers, themes
):
    article = publish_article(themes=[themes["passend"], themes["zorg"]])
    assert mailed() == ["alles@example.nl", "beide@example.nl", "passend@example.nl"]
    assert Mailing.objects.get(page=article).deliveries.count() == 3


def test_an_article_without_themes_goes_to_every_article_only(publish_article, readers):
    publish_article()
    assert mailed() == ["alles@example.nl"]


def test_an_article_nobody_chose_is_not_mailed_at_all(publish_article, themes):
    confirmed_subscriber("maand@example.nl", DIGEST)
    confirmed_subscriber("ouders@example.nl", THEMES, [themes["ouders"]])
    article = publish_article(themes=[themes["zorg"]])
    assert mail.outbox == []
    assert not Mailing.objects.filter(page=article).exists()


def test_whose_only_theme_was_deleted_gets_every_article(publish_article, themes):
    confirmed_subscriber("zorg@example.nl", THEMES, [themes["zorg"]])
    themes["zorg"].delete()
    publish_article(themes=[themes["passend"]])
    publish_article()
    assert mailed() == ["zorg@example.nl", "zorg@example.nl"]


def test_a_renamed_theme_still_matches(publish_article, themes):
    confirmed_subscriber("zorg@example.nl", THEMES, [themes["zorg"]])
    themes["zorg"].name = "Zorg voor leerlingen"
    themes["zorg"].save()
    publish_article(themes=[themes["zorg"]])
    assert mailed() == ["zorg@example.nl"]


def test_the_batches_hold_no_list_of_subscribers(publish_article, readers, themes, settings):
    """Sent in batches of two, as before: everyone matching once, nobody else."""
    settings.NEWSLETTER_BATCH_SIZE = 2
    for number in range(5):
        confirmed_subscriber(f"lezer{number}@example.nl", THEMES, [themes["zorg"]])
    publish_article(themes=[themes["zorg"]])
    assert len(mail.outbox) == 1 + 1 + 5  # alles, beide, and the five
    assert len(set(mailed())) == len(mail.outbox)


class TestTheEditorsCount:
    def test_the_panel_counts_those_the_saved_themes_match(
        self, client, redacteur, blog_index, readers, themes
    ):
        draft = ArticlePageFactory(parent=blog_index, live=False, themes=[themes["ouders"]])
        draft.save_revision()
        client.force_login(redacteur)
        html = panel(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
        count = html.find(attrs={"data-newsletter-count": True}).get_text(" ", strip=True)
        assert "2 bevestigde abonnees" in count  # alles, ouders
        digest = html.find(attrs={"data-newsletter-digest-count": True}).get_text(" ", strip=True)
        assert "1 abonnee die het maandoverzicht koos" in digest

    def test_the_confirm_step_counts_the_themes_being_published(
        self, client, redacteur, blog_index, readers, themes, django_capture_on_commit_callbacks
    ):
        client.force_login(redacteur)
        add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))
        form = editor_form(AuthorFactory(), themes="Passend onderwijs,")
        question = BeautifulSoup(client.post(add, form).content, "html.parser").find(
            attrs={"data-newsletter-confirm": True}
        )
        assert "3 bevestigde abonnees" in question.get_text(" ", strip=True)
        article = ArticlePage.objects.get(slug="wanneer-passend-onderwijs-niet-meer-past")
        action = reverse("newsletter_publish_and_mail", args=[article.pk])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(action, {"revision": article.latest_revision_id})
        assert len(mail.outbox) == 3  # the number the editor was told

    def test_nobody_matching_publishes_without_asking(self, client, redacteur, blog_index, themes):
        confirmed_subscriber("maand@example.nl", DIGEST)
        client.force_login(redacteur)
        add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))
        client.post(add, editor_form(AuthorFactory(), themes="Leerlingenzorg"))
        assert ArticlePage.objects.get(slug="wanneer-passend-onderwijs-niet-meer-past").live
        assert mail.outbox == []

    def test_the_count_is_the_queryset_the_mailing_uses(self, blog_index, readers, themes):
        article = ArticlePageFactory(parent=blog_index, themes=[themes["zorg"]])
        assert audience.for_article(article).count() == 2  # alles, beide


def test_a_scheduled_article_reaches_the_right_subscribers_once(
    blog_index, readers, themes, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(
        parent=blog_index, live=False, title="Morgen online", themes=[themes["zorg"]]
    )
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert mail.outbox == []

    for _run in range(2):  # the scheduler runs every minute
        past = timezone.now() - datetime.timedelta(minutes=1)
        for revision in Revision.objects.filter(object_id=str(article.pk)).exclude(
            approved_go_live_at=None
        ):
            revision.approved_go_live_at = past
            revision.content["go_live_at"] = past.isoformat()
            revision.save(update_fields=["approved_go_live_at", "content"])
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.live
    assert mailed() == ["alles@example.nl", "beide@example.nl"]
