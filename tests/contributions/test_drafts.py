"""Starting a draft article from a story or a pitch, in one click in the admin."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission

from blog.models import ArticlePage
from contributions.models import PITCH_MAX_LENGTH, Pitch, Story
from tests.admin_helpers import make_user

pytestmark = pytest.mark.django_db

VIEWSETS = {"story": "stories", "pitch": "pitches"}
SENTENCE = "Ik schorste een leerling van groep 5 en twijfel nog elke dag of dat goed was."


def start_url(contribution):
    name = contribution._meta.model_name
    return reverse(f"{VIEWSETS[name]}:start_draft", args=[contribution.pk])


def inspect_url(contribution):
    name = contribution._meta.model_name
    return reverse(f"{VIEWSETS[name]}:inspect", args=[contribution.pk])


@pytest.fixture
def story():
    return Story.objects.create(sentence=SENTENCE, anonymous=True, consent_text="Ja.")


@pytest.fixture
def pitch():
    return Pitch.objects.create(
        name="Joris de Vries",
        email="joris@hetkompas.nl",
        role="school_leader",
        school_type="so",
        pitch="p" * PITCH_MAX_LENGTH,
        consent_text="Ja.",
    )


def quotes(article):
    return [block.value["quote"] for block in article.body if block.block_type == "quote"]


class TestStartADraft:
    def test_the_inspect_view_offers_the_button(self, editor, story, blog_index):
        html = editor.get(inspect_url(story)).content.decode()
        assert start_url(story) in html

    def test_a_draft_quotes_the_story_and_the_story_is_used(self, editor, story, blog_index):
        response = editor.post(start_url(story))
        article = ArticlePage.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
        assert not article.live
        assert article.has_unpublished_changes
        assert article.get_parent().specific == blog_index
        with translation.override("nl"):
            assert article.title == gettext("Draft: %(start)s") % {
                "start": "Ik schorste een leerling van groep…"
            }
        assert "groep 5" not in article.slug  # the reader's words stay out of the URL
        assert quotes(article) == [SENTENCE]
        assert article.latest_revision is not None
        assert quotes(article.latest_revision.as_object()) == [SENTENCE]
        story.refresh_from_db()
        assert story.status == Story.Status.USED
        assert story.article_id == article.pk

        # The page editor opens it; the inspect view now links to it, without the button.
        assert editor.get(response["Location"]).status_code == 200
        html = editor.get(inspect_url(story)).content.decode()
        assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in html
        assert start_url(story) not in html

    @pytest.mark.parametrize("anonymous", [True, False])
    def test_the_anonymous_choice_is_carried_over(self, editor, blog_index, anonymous):
        story = Story.objects.create(sentence=SENTENCE, anonymous=anonymous, consent_text="Ja.")
        editor.post(start_url(story))
        article = ArticlePage.objects.get()
        assert article.publish_anonymously is anonymous
        assert article.anonymity_requested is anonymous

    def test_a_second_click_makes_no_second_draft(self, editor, story, blog_index):
        first = editor.post(start_url(story))
        again = editor.post(start_url(story))
        assert ArticlePage.objects.count() == 1
        assert again["Location"] == first["Location"]

    def test_a_pitch_of_the_full_length_makes_a_draft_that_can_be_saved(
        self, editor, pitch, blog_index
    ):
        editor.post(start_url(pitch))
        article = ArticlePage.objects.get()
        assert quotes(article) == [pitch.pitch]
        assert len(article.title) < 100
        article.body.stream_block.clean(article.body)  # the quote block's own limit
        pitch.refresh_from_db()
        assert (pitch.status, pitch.article_id) == (Pitch.Status.USED, article.pk)

    def test_get_is_refused(self, editor, story, blog_index):
        assert editor.get(start_url(story)).status_code == 405
        assert ArticlePage.objects.count() == 0
        story.refresh_from_db()
        assert story.status == Story.Status.NEW

    def test_without_a_blog_nothing_is_made(self, editor, story, home_page):
        response = editor.post(start_url(story))
        assert response["Location"] == inspect_url(story)
        assert ArticlePage.objects.count() == 0

    def test_a_guest_is_refused(self, guest, story, blog_index):
        assert guest.post(start_url(story)).url == reverse("wagtailadmin_home")
        assert ArticlePage.objects.count() == 0

    def test_changing_stories_is_not_enough_without_adding_pages(
        self, client, django_user_model, story, blog_index
    ):
        user = make_user(
            django_user_model,
            "redacteur",
            "contributions.view_story",
            "contributions.change_story",
        )
        client.force_login(user)
        assert start_url(story) not in client.get(inspect_url(story)).content.decode()
        assert client.post(start_url(story)).url == reverse("wagtailadmin_home")

        group = user.groups.create(name="Concepten maken")
        GroupPagePermission.objects.create(group=group, page=blog_index, permission_type="add")
        assert client.post(start_url(story)).url.startswith("/admin/pages/")
        assert ArticlePage.objects.count() == 1


class TestInvitation:
    def test_the_invitation_links_to_both_forms(self, home_page):
        html = render_to_string("contributions/includes/article_invitation.html")
        # One sentence, each choice in it linked once: not the sentence and then its links.
        assert html.count('href="/deel-je-verhaal/"') == 1
        assert html.count('href="/schrijf-een-gastblog/"') == 1
        assert html.count("in één zin") == 1
        assert (
            '<p><a href="/deel-je-verhaal/">Deel je eigen dilemma in één zin</a>, anoniem als je '
            'wilt, of <a href="/schrijf-een-gastblog/">schrijf een gastblog</a>.</p>'
        ) in html
        assert 'aria-labelledby="contribution-cta-title"' in html


class TestTheDraftsSlug:
    def test_the_slug_names_the_kind_and_the_day_not_the_reader(self, editor, blog_index):
        sent = timezone.make_aware(datetime.datetime(2026, 3, 9, 23, 30))
        story = Story.objects.create(
            sentence=SENTENCE, anonymous=True, consent_text="Ja.", created_at=sent
        )
        editor.post(start_url(story))
        assert ArticlePage.objects.get().slug == "verhaal-9-maart-2026"

    def test_a_second_draft_of_the_same_day_gets_its_own_slug(self, editor, story, blog_index):
        editor.post(start_url(story))
        second = Story.objects.create(sentence="Nog een verhaal.", consent_text="Ja.")
        editor.post(start_url(second))
        slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
        assert len(set(slugs)) == 2
        assert all(slug.startswith("verhaal-") for slug in slugs)
        assert not any("concept" in slug for slug in slugs)

    def test_a_pitch_is_named_as_a_pitch(self, editor, pitch, blog_index):
        editor.post(start_url(pitch))
        slug = ArticlePage.objects.get().slug
        assert slug.startswith("gastblogvoorstel-")
        assert "joris" not in slug
