"""Downloads, stories and signups counted for the article the reader came from:
named by the form's same-origin Referer, the article itself or a page opened
from it with ?van=<article id> (js/reading.js adds that to the article's links)."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsletter.models import Subscriber
from readership.models import ArticleTally
from tests.blog.factories import ArticlePageFactory
from tests.resources.factories import ResourcePageFactory

from .conftest import READER_AGENT

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
STORY = {"sentence": "Een zin.", "name": "", "email": "lezer@example.nl", "consent": "on"}
PITCH = {
    "name": "Jo",
    "email": "lezer@example.nl",
    "role": "school_leader",
    "pitch": "Een idee.",
    "school_type": "sbo",
    "consent": "on",
}
SIGNUP = {"email": "lezer@example.nl", "source": "article", "consent": "on", "website": ""}
DOWNLOAD = {"email": "lezer@example.nl", "name": "", "role": "", "consent": "on"}


def conversions(article):
    """(downloads, stories, signups) counted for the article today."""
    tally = ArticleTally.objects.filter(article=article, day=timezone.localdate()).first()
    return (tally.downloads, tally.stories, tally.signups) if tally else (0, 0, 0)


@pytest.fixture
def reader(client):
    """A reader's browser: sends its user agent and, as the test says, a Referer."""
    client.defaults["HTTP_USER_AGENT"] = READER_AGENT
    return client


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Posts a form as a reader's browser does, then runs what waits for its commit."""

    def send(client, url, data, referer=None, **headers):
        if referer is not None:
            headers["HTTP_REFERER"] = referer
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **headers)

    return send


@pytest.fixture
def gated(resource_index):
    return ResourcePageFactory(parent=resource_index, slug="e-book", access="gated")


class TestAttributed:
    def test_a_story_sent_from_the_form_the_article_led_to(self, reader, sent, article):
        response = sent(
            reader, "/deel-je-verhaal/", STORY, f"{SITE}/deel-je-verhaal/?van={article.pk}"
        )
        assert response.status_code == 302
        assert conversions(article) == (0, 1, 0)

    def test_a_guest_blog_pitch_counts_as_a_story(self, reader, sent, article):
        url = f"{SITE}/schrijf-een-gastblog/?van={article.pk}"
        assert sent(reader, "/schrijf-een-gastblog/", PITCH, url).status_code == 302
        assert conversions(article) == (0, 1, 0)

    def test_a_signup_with_the_articles_own_form(self, reader, sent, article):
        assert sent(reader, "/nieuwsbrief/", SIGNUP, f"{SITE}{article.url}").status_code == 302
        assert conversions(article) == (0, 0, 1)

    def test_a_download_request_from_a_download_opened_from_the_article(
        self, reader, sent, article, gated
    ):
        referer = f"{SITE}{gated.url}?van={article.pk}"
        assert sent(reader, gated.url, DOWNLOAD, referer).status_code == 302
        assert conversions(article) == (1, 0, 0)

    def test_a_download_request_with_the_newsletter_is_a_signup_too(
        self, reader, sent, article, gated
    ):
        data = {**DOWNLOAD, "newsletter": "on"}
        assert (
            sent(reader, gated.url, data, f"{SITE}{gated.url}?van={article.pk}").status_code == 302
        )
        assert Subscriber.objects.count() == 1
        assert conversions(article) == (1, 0, 1)

    def test_an_open_file_downloaded_from_a_download_opened_from_the_article(
        self, reader, article, resource_index, django_capture_on_commit_callbacks
    ):
        resource = ResourcePageFactory(parent=resource_index, slug="checklist")
        referer = f"{SITE}{resource.url}?van={article.pk}"
        with django_capture_on_commit_callbacks(execute=True):
            response = reader.get(resource.document.url, HTTP_REFERER=referer)
        assert response.status_code == 200
        assert conversions(article) == (1, 0, 0)

    def test_each_for_the_article_it_came_from(self, reader, sent, article, blog_index):
        other = ArticlePageFactory(parent=blog_index)
        sent(reader, "/deel-je-verhaal/", STORY, f"{SITE}/deel-je-verhaal/?van={other.pk}")
        sent(reader, "/nieuwsbrief/", SIGNUP, f"{SITE}{article.url}")
        assert conversions(article) == (0, 0, 1)
        assert conversions(other) == (0, 1, 0)


class TestNotAttributed:
    @pytest.mark.parametrize(
        "referer",
        [
            None,
            "",
            f"{SITE}/deel-je-verhaal/",
            "https://elders.example/deel-je-verhaal/?van={pk}",
            "https://elders.example/blog/{slug}/",
            f"{SITE}/deel-je-verhaal/?van=",
            f"{SITE}/deel-je-verhaal/?van=abc",
            f"{SITE}/deel-je-verhaal/?van=999999",
            f"{SITE}/deel-je-verhaal/?van=<script>",
            "http://[::1/kapot",
            "niet eens een adres",
            f"{SITE}/deel-je-verhaal/?van={{pk}}&" + "x" * 3000,
        ],
    )
    def test_without_a_same_origin_referer_naming_a_live_article(
        self, reader, sent, article, referer
    ):
        if referer:
            referer = referer.replace("{pk}", str(article.pk)).replace("{slug}", article.slug)
        assert sent(reader, "/deel-je-verhaal/", STORY, referer).status_code == 302
        assert not ArticleTally.objects.exists()

    def test_from_a_draft_or_private_article(self, reader, sent, blog_index):
        draft = ArticlePageFactory(parent=blog_index, live=False)
        private = ArticlePageFactory(parent=blog_index)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        for article in (draft, private):
            referer = f"{SITE}/deel-je-verhaal/?van={article.pk}"
            assert sent(reader, "/deel-je-verhaal/", STORY, referer).status_code == 302
        assert sent(reader, "/nieuwsbrief/", SIGNUP, f"{SITE}{private.url}").status_code == 302
        assert not ArticleTally.objects.exists()

    def test_a_form_that_was_refused(self, reader, sent, article):
        referer = f"{SITE}/deel-je-verhaal/?van={article.pk}"
        assert (
            sent(reader, "/deel-je-verhaal/", {**STORY, "consent": ""}, referer).status_code == 400
        )
        assert not ArticleTally.objects.exists()

    @pytest.mark.parametrize("headers", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
    def test_a_reader_who_asks_not_to_be_tracked(self, reader, sent, article, headers):
        referer = f"{SITE}/deel-je-verhaal/?van={article.pk}"
        assert sent(reader, "/deel-je-verhaal/", STORY, referer, **headers).status_code == 302
        assert not ArticleTally.objects.exists()

    def test_a_signed_in_editor(self, reader, sent, article, django_user_model):
        editor = django_user_model.objects.create_user(username="redacteur", password="x")
        editor.groups.add(Group.objects.get(name="Redactie"))
        reader.force_login(editor)
        assert sent(reader, "/nieuwsbrief/", SIGNUP, f"{SITE}{article.url}").status_code == 302
        assert not ArticleTally.objects.exists()

    def test_a_bot(self, client, sent, article):
        referer = f"{SITE}/deel-je-verhaal/?van={article.pk}"
        assert sent(client, "/deel-je-verhaal/", STORY, referer).status_code == 302  # no agent
        assert not ArticleTally.objects.exists()

    def test_the_gated_file_behind_its_link_counts_no_second_download(
        self, reader, sent, article, gated, django_capture_on_commit_callbacks
    ):
        response = sent(reader, gated.url, DOWNLOAD, f"{SITE}{gated.url}?van={article.pk}")
        file_url = reader.get(response.url).context["file_url"]
        with django_capture_on_commit_callbacks(execute=True):
            # Even were the Referer to name the article: the request was counted.
            downloaded = reader.get(file_url, HTTP_REFERER=f"{SITE}{gated.url}?van={article.pk}")
        assert downloaded.status_code == 200
        assert conversions(article) == (1, 0, 0)
