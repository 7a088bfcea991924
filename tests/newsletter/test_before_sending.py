"""Before an article is mailed: the editor sees how many subscribers will get
it, previews the mail and sends it to themselves; a queued mailing can be
stopped. Guest authors see none of it (no readers' data)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage
from newsletter.models import Delivery, Mailing, Subscriber
from newsletter.tasks import send_mailing
from tests.admin_helpers import refused
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory

from .conftest import confirmed_subscriber, mailing_url, make_mailing

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def preview_url(page):
    return reverse("newsletter_preview", args=[page.pk])


def trial_mail_url(page):
    return reverse("newsletter_test_mail", args=[page.pk])


def panel(response):
    return BeautifulSoup(response.content, "html.parser").find(
        attrs={"data-newsletter-panel": True}
    )


@pytest.fixture
def three_subscribers():
    for name in ("anna", "bram", "carla"):
        confirmed_subscriber(f"{name}@example.nl")
    Subscriber.objects.create(email="wacht@example.nl", source="footer")  # not confirmed
    gone = confirmed_subscriber("weg@example.nl")
    gone.unsubscribe()


@pytest.fixture
def draft(blog_index, ilse):
    article = ArticlePageFactory(
        parent=blog_index, live=False, title="Het gesprek dat ik uitstelde", owner=ilse
    )
    article.save_revision(user=ilse)
    return article


class TestTheEditorSeesWhoWillGetIt:
    def test_the_count_of_confirmed_subscribers(self, client, redacteur, draft, three_subscribers):
        client.force_login(redacteur)
        count = panel(client.get(edit_url(draft))).find(attrs={"data-newsletter-count": True})
        assert "3 bevestigde abonnees" in count.get_text(" ", strip=True)

    def test_on_a_new_article_too(self, client, redacteur, blog_index, three_subscribers):
        client.force_login(redacteur)
        add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))
        html = panel(client.get(add)).get_text(" ", strip=True)
        assert "3 bevestigde abonnees" in html
        assert "Sla het artikel op" in html

    def test_a_guest_author_sees_no_count(self, client, ilse, draft, three_subscribers):
        client.force_login(ilse)
        response = client.get(edit_url(draft))
        assert response.status_code == 200
        assert panel(response) is None
        assert "bevestigde abonnee" not in response.content.decode()

    def test_once_mailed_the_panel_links_to_the_mailing(
        self, client, redacteur, draft, three_subscribers, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            draft.get_latest_revision().publish()
        client.force_login(redacteur)
        found = panel(client.get(edit_url(draft)))
        assert found.find("a", href=mailing_url("inspect", Mailing.objects.get(page=draft)))
        assert found.find(attrs={"data-newsletter-count": True}) is None


class TestPreview:
    def test_the_mail_as_subscribers_get_it(self, client, redacteur, draft):
        draft.title = "Een nieuwe titel, nog niet gepubliceerd"
        draft.save_revision(user=redacteur)
        client.force_login(redacteur)
        response = client.get(preview_url(draft))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Een nieuwe titel, nog niet gepubliceerd" in html
        assert draft.get_full_url() in html
        assert "no-store" in response["Cache-Control"]

    def test_a_guest_author_may_not(self, client, ilse, draft):
        client.force_login(ilse)
        assert refused(client.get(preview_url(draft)))

    def test_a_page_that_is_not_mailed(self, client, redacteur, blog_index):
        client.force_login(redacteur)
        assert client.get(preview_url(blog_index)).status_code == 404
        assert client.get(reverse("newsletter_preview", args=[999999])).status_code == 404


class TestTestMail:
    def test_to_the_editor_only_marked_as_test(self, client, redacteur, draft, three_subscribers):
        client.force_login(redacteur)
        response = client.post(trial_mail_url(draft))
        assert response.status_code == 302
        assert response.url == edit_url(draft)
        assert [m.to for m in mail.outbox] == [["redacteur@example.nl"]]
        assert mail.outbox[0].subject == "[Test] Het gesprek dat ik uitstelde"
        assert draft.get_full_url() in mail.outbox[0].body
        # Nothing is queued for anyone: the article is not published.
        assert Mailing.objects.count() == 0
        assert "List-Unsubscribe" not in mail.outbox[0].extra_headers

    def test_the_button_in_the_editor_posts_to_it(self, client, redacteur, draft):
        client.force_login(redacteur)
        button = panel(client.get(edit_url(draft))).find("button")
        assert button["formaction"] == trial_mail_url(draft)
        assert "redacteur@example.nl" in button.get_text()

    def test_get_sends_nothing(self, client, redacteur, draft):
        client.force_login(redacteur)
        assert client.get(trial_mail_url(draft)).status_code == 405
        assert mail.outbox == []

    def test_a_guest_author_may_not(self, client, ilse, draft):
        client.force_login(ilse)
        assert refused(client.post(trial_mail_url(draft)))
        assert mail.outbox == []

    def test_an_account_without_address(self, client, redacteur, draft):
        redacteur.email = ""
        redacteur.save()
        client.force_login(redacteur)
        response = client.post(trial_mail_url(draft), follow=True)
        assert mail.outbox == []
        assert "geen e-mailadres" in response.content.decode()


class TestStop:
    def test_a_queued_mailing_is_stopped_and_sends_nothing_more(
        self, client, redacteur, blog_index
    ):
        mailing = make_mailing(blog_index, "Te vroeg", pending=3, sent=1)
        client.force_login(redacteur)
        inspect = BeautifulSoup(client.get(mailing_url("inspect", mailing)).content, "html.parser")
        assert inspect.find("form", action=mailing_url("stop", mailing))
        response = client.post(mailing_url("stop", mailing), follow=True)
        assert "3 mails worden niet verstuurd" in response.content.decode()
        assert mailing.counts()["cancelled"] == 3
        assert mailing.counts()["sent"] == 1

        send_mailing.call(mailing.pk)
        assert mail.outbox == []

    def test_a_mailing_not_yet_queued_adds_no_deliveries(self, redacteur, client, blog_index):
        confirmed_subscriber("lezer@example.nl")
        mailing = Mailing.objects.create(page=ArticlePageFactory(parent=blog_index))
        client.force_login(redacteur)
        client.post(mailing_url("stop", mailing))
        send_mailing.call(mailing.pk)
        assert Delivery.objects.count() == 0
        assert mail.outbox == []

    def test_a_stopped_mailing_offers_no_retry(self, client, redacteur, blog_index):
        mailing = make_mailing(blog_index, "Gestopt", pending=1, failed=1)
        mailing.stop()
        client.force_login(redacteur)
        html = client.get(mailing_url("inspect", mailing)).content.decode()
        assert mailing_url("retry", mailing) not in html
        assert mailing_url("stop", mailing) not in html
        assert mailing.retry_failed() == 0

    def test_nothing_to_stop_once_all_went_out(self, client, redacteur, blog_index):
        mailing = make_mailing(blog_index, "Verstuurd", sent=2)
        client.force_login(redacteur)
        assert (
            mailing_url("stop", mailing)
            not in client.get(mailing_url("inspect", mailing)).content.decode()
        )
        client.post(mailing_url("stop", mailing))
        mailing.refresh_from_db()
        assert mailing.stopped_at is None

    def test_a_guest_author_may_not_stop(self, client, ilse, blog_index):
        mailing = make_mailing(blog_index, "Niet van jou", pending=2)
        client.force_login(ilse)
        assert refused(client.post(mailing_url("stop", mailing)))
        assert mailing.counts()["pending"] == 2


def editor_form(author, **overrides):
    """The article editor's form as an editor posts it to publish."""
    data = {
        "title": "Wanneer passend onderwijs niet meer past",
        "slug": "wanneer-passend-onderwijs-niet-meer-past",
        "subtitle": "",
        "hero_alt_text": "",
        "hero_caption": "",
        "body": streamfield([("paragraph", rich_text("<p>Een lange dag.</p>"))]),
        "article_authors": inline_formset([{"author": author.pk}]),
        "related_resources": inline_formset([]),
        "themes": "",
        "publication_date": "",
        "send_to_subscribers": "on",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


class TestPublishingAsksFirst:
    @pytest.fixture
    def author(self):
        return AuthorFactory(name="Marieke van Dalen")

    def publish_new(self, client, blog_index, form):
        add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))
        return client.post(add, form)

    def test_asked_with_the_count_then_published_and_mailed(
        self,
        client,
        redacteur,
        blog_index,
        author,
        three_subscribers,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(redacteur)
        response = self.publish_new(client, blog_index, editor_form(author))
        # Saved, not published, nobody mailed: the editor is asked.
        article = ArticlePage.objects.get(slug="wanneer-passend-onderwijs-niet-meer-past")
        assert not article.live
        assert article.latest_revision_id
        assert mail.outbox == []
        page = BeautifulSoup(response.content, "html.parser")
        question = page.find(attrs={"data-newsletter-confirm": True})
        assert "3 bevestigde abonnees" in question.get_text(" ", strip=True)
        form = question.find(
            "form", action=reverse("newsletter_publish_and_mail", args=[article.pk])
        )
        revision = form.find("input", attrs={"name": "revision"})["value"]

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(form["action"], {"revision": revision})
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.live
        assert sorted(m.to[0] for m in mail.outbox) == [
            "anna@example.nl",
            "bram@example.nl",
            "carla@example.nl",
        ]

    def test_saying_no_leaves_a_draft(
        self, client, redacteur, blog_index, author, three_subscribers
    ):
        client.force_login(redacteur)
        response = self.publish_new(client, blog_index, editor_form(author))
        back = BeautifulSoup(response.content, "html.parser").find(
            "a", string=lambda text: text and "terug naar het artikel" in text.lower()
        )
        article = ArticlePage.objects.get()
        assert back["href"] == edit_url(article)
        assert not article.live

    def test_without_mailing_it_publishes_at_once(
        self, client, redacteur, blog_index, author, three_subscribers
    ):
        client.force_login(redacteur)
        form = editor_form(author)
        del form["send_to_subscribers"]
        self.publish_new(client, blog_index, form)
        assert ArticlePage.objects.get().live
        assert mail.outbox == []

    def test_nobody_to_mail_publishes_at_once(self, client, redacteur, blog_index, author):
        client.force_login(redacteur)
        self.publish_new(client, blog_index, editor_form(author))
        assert ArticlePage.objects.get().live

    def test_an_edit_of_a_live_article_publishes_at_once(
        self, client, redacteur, blog_index, author, three_subscribers
    ):
        article = ArticlePageFactory(parent=blog_index, live=False, send_to_subscribers=False)
        article.save_revision().publish()
        client.force_login(redacteur)
        form = editor_form(author, title="Nieuwe titel", slug=article.slug)
        response = client.post(edit_url(article), form)
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Nieuwe titel"
        assert mail.outbox == []

    def test_a_stale_or_bad_revision_is_not_published(
        self, client, redacteur, blog_index, author, three_subscribers
    ):
        client.force_login(redacteur)
        self.publish_new(client, blog_index, editor_form(author))
        article = ArticlePage.objects.get()
        old = article.latest_revision_id
        article.save_revision(user=redacteur)  # someone saved again since
        url = reverse("newsletter_publish_and_mail", args=[article.pk])
        for value in (str(old), "", "abc", "-1", "99999999"):
            client.post(url, {"revision": value})
        article.refresh_from_db()
        assert not article.live
        assert mail.outbox == []

    def test_a_guest_author_cannot_publish_through_it(
        self, client, ilse, draft, three_subscribers
    ):
        client.force_login(ilse)
        url = reverse("newsletter_publish_and_mail", args=[draft.pk])
        assert refused(client.post(url, {"revision": str(draft.latest_revision_id)}))
        draft.refresh_from_db()
        assert not draft.live


def test_a_scheduled_article_asks_with_its_date_and_is_mailed_only_when_live(
    client, redacteur, blog_index, three_subscribers, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Marieke van Dalen")
    client.force_login(redacteur)
    add = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))
    response = client.post(add, editor_form(author, go_live_at="2099-05-01 09:00"))
    question = BeautifulSoup(response.content, "html.parser").find(
        attrs={"data-newsletter-confirm": True}
    )
    assert "1 mei 2099" in question.get_text(" ", strip=True)
    article = ArticlePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("newsletter_publish_and_mail", args=[article.pk]),
            {"revision": str(article.latest_revision_id)},
        )
    article.refresh_from_db()
    assert not article.live
    assert article.latest_revision.approved_go_live_at is not None
    assert mail.outbox == []
