"""The article editor offers each choice once, in plain words: themes from the
existing ones only, one anonymity box per role, a publication date that does
not pretend to schedule, and editors publish without the guests' review."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import ArticlePage
from tests.admin_helpers import add_url, article_form, dutch
from tests.authors.factories import AuthorFactory
from tests.themes.factories import ThemeFactory
from themes.forms import HELP_TEXT

pytestmark = pytest.mark.django_db

SLUG = "het-gesprek-dat-ik-uitstelde"


@pytest.fixture
def author():
    return AuthorFactory(name="Marieke van Dalen")


def editor_form(author, **overrides):
    fields = {
        "article_authors": inline_formset([{"author": author.pk}]),
        "publication_date": "",
        "action-publish": "1",
    }
    return article_form(**{**fields, **overrides})


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def errors_of(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


class TestThemes:
    def test_an_unknown_theme_is_refused_with_a_message_and_kept_in_the_field(
        self, client, redacteur, blog_index, author
    ):
        ThemeFactory(name="Passend onderwijs")
        client.force_login(redacteur)
        response = client.post(
            add_url(blog_index), editor_form(author, themes='"Passend onderwijs", Schoolreis')
        )

        assert response.status_code == 200
        assert not ArticlePage.objects.filter(slug=SLUG).exists()
        [error] = errors_of(response, "themes")
        assert "“Schoolreis”" in error
        assert "Er is geen thema" in error
        assert "Blog › Thema's" in error
        # What was typed is still there to correct.
        field = BeautifulSoup(response.content, "html.parser").find("input", {"name": "themes"})
        assert "Schoolreis" in field["value"]

    def test_several_unknown_themes_are_named_together(
        self, client, redacteur, blog_index, author
    ):
        client.force_login(redacteur)
        response = client.post(add_url(blog_index), editor_form(author, themes="Sport, Muziek"))
        [error] = errors_of(response, "themes")
        assert error.startswith("Er zijn geen thema's “Muziek”, “Sport”")

    def test_an_existing_theme_is_taken_whatever_its_case(
        self, client, redacteur, blog_index, author
    ):
        theme = ThemeFactory(name="Passend onderwijs")
        client.force_login(redacteur)
        response = client.post(
            add_url(blog_index), editor_form(author, themes='"passend ONDERWIJS"')
        )

        assert response.status_code == 302
        article = ArticlePage.objects.get(slug=SLUG)
        assert list(article.themes.all()) == [theme]

    def test_a_guest_author_cannot_add_a_theme_either(self, client, ilse, blog_index):
        client.force_login(ilse)
        response = client.post(add_url(blog_index), article_form(themes='"Mijn eigen thema"'))
        assert response.status_code == 200
        assert "“Mijn eigen thema”" in errors_of(response, "themes")[0]
        assert not ArticlePage.objects.filter(slug=SLUG).exists()

    def test_the_field_says_where_themes_are_added(self, client, redacteur, blog_index):
        client.force_login(redacteur)
        text = page_text(client.get(add_url(blog_index)))
        assert dutch(HELP_TEXT) in text
        assert "Een door komma gescheiden lijst van tags" not in text
        assert "automatisch tussen aanhalingstekens" not in text

    def test_a_download_refuses_an_unknown_theme_too(self, client, redacteur, resource_index):
        client.force_login(redacteur)
        url = reverse(
            "wagtailadmin_pages:add", args=("resources", "resourcepage", resource_index.pk)
        )
        form = {"title": "Het e-book", "slug": "het-e-book", "themes": "Onbekend"}
        response = client.post(url, nested_form_data({**form, "questions": streamfield([])}))
        assert "“Onbekend”" in errors_of(response, "themes")[0]


class TestAnonymity:
    def test_an_editor_sees_one_choice_and_the_authors_wish_with_it(
        self, client, ilse, redacteur, blog_index
    ):
        client.force_login(ilse)
        client.post(add_url(blog_index), article_form(anonymity_requested="on"))
        article = ArticlePage.objects.get(slug=SLUG)

        client.force_login(redacteur)
        response = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
        html = response.content.decode()
        assert 'name="publish_anonymously"' in html
        assert 'name="anonymity_requested"' not in html
        assert "Ik wil anoniem publiceren" not in html
        assert "De auteur vroeg om anoniem te publiceren." in page_text(response)

    def test_without_the_authors_wish_the_editor_reads_no_such_note(
        self, client, redacteur, blog_index
    ):
        client.force_login(redacteur)
        text = page_text(client.get(add_url(blog_index)))
        assert "Anoniem publiceren" in text
        assert "De auteur vroeg" not in text
        assert "Ik wil anoniem publiceren" not in text

    def test_a_guest_author_sees_only_their_own_wish(self, client, ilse, blog_index):
        client.force_login(ilse)
        html = client.get(add_url(blog_index)).content.decode()
        assert 'name="anonymity_requested"' in html
        assert 'name="publish_anonymously"' not in html

    def test_an_editor_posting_the_guests_box_does_not_change_the_wish(
        self, client, ilse, redacteur, blog_index, author
    ):
        client.force_login(ilse)
        client.post(add_url(blog_index), article_form(anonymity_requested="on"))
        article = ArticlePage.objects.get(slug=SLUG)
        client.force_login(redacteur)
        form = editor_form(
            author, publish_anonymously="on", **{"action-publish": "", "action-draft": "1"}
        )
        client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), form)
        revision = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        assert revision.anonymity_requested  # her request stays on record
        assert revision.publish_anonymously


class TestPublicationDate:
    def test_a_future_date_is_refused_and_points_to_scheduling(
        self, client, redacteur, blog_index, author
    ):
        client.force_login(redacteur)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = client.post(
            add_url(blog_index), editor_form(author, publication_date=tomorrow.isoformat())
        )

        assert response.status_code == 200
        assert not ArticlePage.objects.filter(slug=SLUG).exists()
        [error] = errors_of(response, "publication_date")
        assert "kan niet in de toekomst liggen" in error
        assert "“Publiceer op”" in error

    @pytest.mark.parametrize("days_ago", [0, 30])
    def test_today_or_an_earlier_date_is_kept(
        self, client, redacteur, blog_index, author, days_ago
    ):
        client.force_login(redacteur)
        date = timezone.localdate() - datetime.timedelta(days=days_ago)
        response = client.post(add_url(blog_index), editor_form(author, publication_date=date))

        assert response.status_code == 302
        article = ArticlePage.objects.get(slug=SLUG)
        assert article.live
        assert article.publication_date == date

    def test_the_day_it_is_scheduled_for_is_allowed(self, client, redacteur, blog_index, author):
        client.force_login(redacteur)
        go_live = timezone.localtime() + datetime.timedelta(days=3)
        form = editor_form(
            author,
            publication_date=go_live.date().isoformat(),
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        )
        response = client.post(add_url(blog_index), form)

        assert response.status_code == 302
        article = ArticlePage.objects.get(slug=SLUG)
        assert not article.live  # scheduled: Wagtail publishes it then
        revision = article.get_latest_revision_as_object()
        assert revision.publication_date == go_live.date()

    def test_the_help_text_points_to_scheduling(self, client, redacteur, blog_index):
        client.force_login(redacteur)
        assert "“Publiceer op” (Status › Stel schema in)" in page_text(
            client.get(add_url(blog_index))
        )


class TestLabels:
    def test_each_label_appears_once_in_the_byline_and_the_hero_image(
        self, client, redacteur, blog_index
    ):
        client.force_login(redacteur)
        soup = BeautifulSoup(client.get(add_url(blog_index)).content, "html.parser")
        headings = [" ".join(h.get_text().split()) for h in soup.find_all(["h2", "h3", "label"])]
        assert headings.count("Hoofdafbeelding") == 1
        assert "Afbeelding" in headings
        assert "Auteurs" in headings
        assert not any(heading.startswith("Auteurs ") for heading in headings)
        # The heading of each author's row: "Auteur 1", "Auteur 2" (the number by script).
        assert "Auteur" in headings


class TestSubmitting:
    def actions(self, response):
        soup = BeautifulSoup(response.content, "html.parser")
        buttons = soup.select("footer button[name], footer a[name], footer button[data-url]")
        return {button.get("name"): " ".join(button.get_text().split()) for button in buttons}

    def test_an_editor_is_not_offered_the_guests_review(self, client, redacteur, blog_index):
        client.force_login(redacteur)
        response = client.get(add_url(blog_index))
        assert "action-submit" not in self.actions(response)
        assert "action-publish" in self.actions(response)
        assert "Gastblog beoordelen" not in page_text(response)

    def test_a_guest_author_submits_for_review_in_plain_words(self, client, ilse, blog_index):
        client.force_login(ilse)
        actions = self.actions(client.get(add_url(blog_index)))
        assert actions["action-submit"] == "Indienen ter beoordeling"
        assert "action-publish" not in actions

        client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
        article = ArticlePage.objects.get(slug=SLUG)
        assert WorkflowState.objects.get(object_id=str(article.pk)).status == "in_progress"
        text = page_text(client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))))
        assert "Terugnemen uit beoordeling" in text
        assert "Workflow herstarten" not in text
        assert "Workflow annuleren" not in text
