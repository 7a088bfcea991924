"""Guest authors in the real admin: what they may do, and what they never see."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from authors.models import Author
from blog.models import ArticlePage
from blog.review import REVIEW_WORKFLOW
from tests.admin_helpers import add_url, article_form, draft_of, member_of, refused
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from users.roles import EDITORS, GUEST_AUTHORS, GUEST_IMAGES_COLLECTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def bram(django_user_model):
    return member_of(django_user_model, GUEST_AUTHORS, "bram", first_name="Bram", last_name="Kok")


@pytest.fixture
def as_ilse(client, ilse):
    client.force_login(ilse)
    return client


class TestWriting:
    def test_a_guest_author_saves_a_draft_credited_to_themselves(self, as_ilse, ilse, blog_index):
        response = as_ilse.get(add_url(blog_index))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="article_authors-TOTAL_FORMS"' not in html
        assert 'name="publish_anonymously"' not in html
        assert 'name="anonymity_requested"' in html

        response = as_ilse.post(add_url(blog_index), article_form(**{"action-draft": "1"}))
        assert response.status_code == 302
        article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
        assert not article.live
        assert article.owner == ilse
        profile = Author.objects.get(user=ilse)
        assert (profile.name, profile.slug) == ("Ilse Bos", "ilse-bos")
        assert article.authors() == [profile]

    def test_a_crafted_request_cannot_credit_someone_else(self, as_ilse, ilse, blog_index):
        famous = AuthorFactory(name="Een bekende naam")
        form = article_form(
            article_authors=inline_formset([{"author": famous.pk}]),
            publish_anonymously="on",
            **{"action-draft": "1"},
        )
        as_ilse.post(add_url(blog_index), form)
        article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
        assert article.authors() == [Author.objects.get(user=ilse)]
        assert not article.publish_anonymously  # only what she asked: nothing

    def test_asking_for_anonymity_takes_effect_at_once(self, as_ilse, blog_index):
        form = article_form(anonymity_requested="on", **{"action-draft": "1"})
        as_ilse.post(add_url(blog_index), form)
        article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
        assert article.anonymity_requested
        assert article.publish_anonymously

    def test_a_second_article_reuses_the_profile(self, as_ilse, ilse, blog_index):
        as_ilse.post(add_url(blog_index), article_form(**{"action-draft": "1"}))
        second = article_form(title="Nog een", slug="nog-een", **{"action-draft": "1"})
        as_ilse.post(add_url(blog_index), second)
        assert Author.objects.filter(user=ilse).count() == 1
        assert ArticlePage.objects.get(slug="nog-een").authors() == [ilse.author_profile]

    def test_submitting_puts_the_draft_in_review(self, as_ilse, blog_index):
        as_ilse.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
        article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
        state = WorkflowState.objects.get(object_id=str(article.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == REVIEW_WORKFLOW
        assert not article.live

    def test_a_crafted_publish_saves_a_draft_only(self, as_ilse, blog_index):
        as_ilse.post(add_url(blog_index), article_form(**{"action-publish": "1"}))
        article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
        assert not article.live
        assert article.first_published_at is None

    def test_a_crafted_publish_of_an_existing_draft_does_nothing(self, as_ilse, ilse, blog_index):
        article = draft_of(ilse, blog_index, "Mijn concept")
        url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
        form = article_form(title="Mijn concept", slug=article.slug, **{"action-publish": "1"})
        as_ilse.post(url, form)
        article.refresh_from_db()
        assert not article.live

    def test_they_cannot_write_elsewhere(self, as_ilse, home_page, blog_index):
        url = reverse("wagtailadmin_pages:add", args=("blog", "blogindexpage", home_page.pk))
        assert refused(as_ilse.get(url))


class TestOtherPeoplesPages:
    @pytest.fixture
    def brams_draft(self, bram, blog_index):
        return draft_of(bram, blog_index, "Geheim concept van Bram")

    @pytest.mark.parametrize(
        "url_name",
        [
            "wagtailadmin_pages:edit",
            "wagtailadmin_pages:view_draft",
            "wagtailadmin_pages:history",
            "wagtailadmin_pages:delete",
            "wagtailadmin_pages:move",
            "wagtailadmin_pages:unpublish",
            "wagtailadmin_pages:copy",
        ],
    )
    def test_a_guest_author_cannot_open_another_guests_draft(self, as_ilse, brams_draft, url_name):
        response = as_ilse.get(reverse(url_name, args=(brams_draft.pk,)))
        assert refused(response)
        assert "Geheim concept" not in response.content.decode()

    def test_a_crafted_edit_of_another_guests_draft_changes_nothing(self, as_ilse, brams_draft):
        url = reverse("wagtailadmin_pages:edit", args=(brams_draft.pk,))
        form = article_form(title="Overgenomen", slug=brams_draft.slug, **{"action-draft": "1"})
        assert refused(as_ilse.post(url, form))
        assert brams_draft.get_latest_revision_as_object().title == "Geheim concept van Bram"

    def test_a_live_article_by_someone_else_cannot_be_edited(self, as_ilse, blog_index):
        live = ArticlePageFactory(parent=blog_index, title="Gepubliceerd stuk")
        url = reverse("wagtailadmin_pages:edit", args=(live.pk,))
        assert refused(as_ilse.get(url))

    def test_nowhere_in_the_admin_does_another_guests_draft_show(
        self, as_ilse, ilse, blog_index, brams_draft
    ):
        draft_of(ilse, blog_index, "Concept van Ilse")
        ArticlePageFactory(parent=blog_index, title="Gepubliceerd stuk")
        places = {
            "explorer": reverse("wagtailadmin_explore", args=(blog_index.pk,)),
            "search": reverse("wagtailadmin_pages:search") + "?q=concept",
            "chooser": reverse("wagtailadmin_choose_page_child", args=(blog_index.pk,)),
            "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=concept",
            "sidebar": f"/admin/api/main/pages/?child_of={blog_index.pk}&for_explorer=1",
        }
        for place, url in places.items():
            response = as_ilse.get(url)
            html = response.content.decode()
            assert response.status_code == 200, place
            assert "Geheim concept van Bram" not in html, place
            if place in ("explorer", "search", "chooser", "sidebar"):
                assert "Concept van Ilse" in html, place
            if place in ("explorer", "chooser", "sidebar"):
                assert "Gepubliceerd stuk" in html, place
        # The site history names who did what: not for guest authors at all.
        assert refused(as_ilse.get(reverse("wagtailadmin_reports:site_history")))

    def test_editors_still_see_every_draft(self, client, django_user_model, brams_draft):
        client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
        response = client.get(reverse("wagtailadmin_explore", args=(brams_draft.get_parent().pk,)))
        assert "Geheim concept van Bram" in response.content.decode()


class TestOwnDrafts:
    @pytest.mark.parametrize("url_name", ["wagtailadmin_pages:delete", "wagtailadmin_pages:move"])
    def test_guest_authors_neither_delete_nor_move_their_own_draft(
        self, as_ilse, ilse, blog_index, url_name
    ):
        article = draft_of(ilse, blog_index, "Mijn concept")
        url = reverse(url_name, args=(article.pk,))
        assert refused(as_ilse.get(url))
        assert refused(as_ilse.post(url))
        assert Page.objects.filter(pk=article.pk, depth=article.depth).exists()

    def test_nor_through_a_bulk_action(self, as_ilse, ilse, blog_index):
        article = draft_of(ilse, blog_index, "Mijn concept")
        url = (
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
            + f"?id={article.pk}"
        )
        as_ilse.post(url)
        assert Page.objects.filter(pk=article.pk).exists()

    def test_they_cannot_unpublish_their_live_article(self, as_ilse, ilse, blog_index):
        article = ArticlePageFactory(parent=blog_index, owner=ilse)
        url = reverse("wagtailadmin_pages:unpublish", args=(article.pk,))
        assert refused(as_ilse.post(url))
        article.refresh_from_db()
        assert article.live


@pytest.mark.parametrize(
    "url",
    [
        "/admin/documents/",
        "/admin/contributions/stories/",
        "/admin/contributions/pitches/",
        "/admin/downloads/requests/",
        "/admin/newsletter/subscribers/",
        "/admin/newsletter/mailings/",
        "/admin/snippets/authors/author/",
        "/admin/snippets/themes/theme/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/workflows/list/",
        "/admin/redirects/",
        "/admin/reports/downloads-per-week/",
    ],
)
def test_a_guest_author_sees_none_of_the_readers_data_or_settings(as_ilse, blog_index, url):
    assert refused(as_ilse.get(url)), url


def test_the_menu_offers_only_what_they_may_use(as_ilse, blog_index):
    html = as_ilse.get("/admin/").content.decode()
    assert "/admin/documents/" not in html
    assert "/admin/snippets/" not in html
    assert reverse("own_author_profile:edit") in html


class TestImages:
    def test_they_upload_into_the_guest_collection_and_see_only_their_own(
        self, as_ilse, ilse, bram
    ):
        mine = ImageFactory(title="Mijn foto", uploaded_by_user=ilse)
        theirs = ImageFactory(title="Foto van Bram", uploaded_by_user=bram)
        guest_collection = Collection.objects.get(name=GUEST_IMAGES_COLLECTION)
        for image in (mine, theirs):
            image.collection = guest_collection
            image.save()
        editors_image = ImageFactory(title="Foto van de redactie")

        for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
            html = as_ilse.get(url).content.decode()
            assert "Mijn foto" in html, url
            assert "Foto van Bram" not in html, url
            assert editors_image.title not in html, url
        assert refused(as_ilse.get(reverse("wagtailimages:edit", args=(theirs.pk,))))
        add = as_ilse.get(reverse("wagtailimages:add_multiple"))
        assert add.status_code == 200


class TestProfile:
    def test_a_guest_author_edits_their_own_bio_and_photo(self, as_ilse, ilse):
        url = reverse("own_author_profile:edit")
        assert as_ilse.get(url).status_code == 200
        guest_collection = Collection.objects.get(name=GUEST_IMAGES_COLLECTION)
        photo = ImageFactory(uploaded_by_user=ilse, collection=guest_collection)
        response = as_ilse.post(url, {"bio": "Directeur in Zwolle.", "photo": photo.pk})
        assert response.status_code == 302
        profile = Author.objects.get(user=ilse)
        assert (profile.bio, profile.photo) == ("Directeur in Zwolle.", photo)
        assert profile.name == "Ilse Bos"

    def test_the_name_and_address_stay_with_the_editors(self, as_ilse, ilse):
        as_ilse.post(reverse("own_author_profile:edit"), {"bio": "Bio", "name": "X", "slug": "x"})
        profile = Author.objects.get(user=ilse)
        assert (profile.name, profile.slug) == ("Ilse Bos", "ilse-bos")

    def test_they_edit_no_other_profile(self, as_ilse):
        other = AuthorFactory()
        url = reverse("wagtailsnippets_authors_author:edit", args=(other.pk,))
        assert refused(as_ilse.get(url))
        assert refused(as_ilse.post(url, {"name": "Overgenomen"}))
        other.refresh_from_db()
        assert other.name != "Overgenomen"

    def test_editors_have_no_own_profile_page(self, client, django_user_model):
        client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
        assert refused(client.get(reverse("own_author_profile:edit")))


class TestDashboard:
    def test_the_dashboard_shows_each_article_and_where_it_stands(
        self, as_ilse, ilse, blog_index, django_assert_max_num_queries
    ):
        draft_of(ilse, blog_index, "Nog een concept")
        ArticlePageFactory(parent=blog_index, owner=ilse, title="Al online")
        as_ilse.post(add_url(blog_index), article_form(**{"action-submit": "1"}))

        html = as_ilse.get("/admin/").content.decode()
        assert "Jouw artikelen" in html
        html = html[html.index("Jouw artikelen") :]
        for title, standing in [
            ("Nog een concept", "Concept"),
            ("Al online", "Gepubliceerd"),
            ("Het gesprek dat ik uitstelde", "Ter beoordeling"),
        ]:
            row = html[html.index(title) :]
            row = row[: row.index("</tr>")]
            assert standing in row, title

    def test_the_panel_costs_the_same_queries_for_one_or_many_articles(
        self, as_ilse, ilse, blog_index, django_assert_num_queries
    ):
        draft_of(ilse, blog_index, "Eén")
        as_ilse.get("/admin/")  # warm caches (content types, site)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            as_ilse.get("/admin/")
        for number in range(5):
            draft_of(ilse, blog_index, f"Concept {number}")
        with CaptureQueriesContext(connection) as six:
            as_ilse.get("/admin/")
        assert len(six) == len(one)


def test_the_admin_carries_the_sites_name_and_no_outside_avatars(client, as_ilse, blog_index):
    html = as_ilse.get("/admin/").content.decode()
    assert "<title>Dashboard - De Directeurskamer</title>" in html
    assert "gravatar" not in html
    as_ilse.logout()
    assert "Inloggen bij De Directeurskamer" in client.get("/admin/login/").content.decode()


def test_the_editorial_settings_are_the_editors(as_ilse, blog_index):
    html = as_ilse.get(add_url(blog_index)).content.decode()
    assert 'name="send_to_subscribers"' not in html
    assert 'name="publication_date"' not in html
    crafted = article_form(publication_date="2020-01-01", **{"action-draft": "1"})
    as_ilse.post(add_url(blog_index), crafted)
    article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
    assert article.publication_date is None
    assert article.send_to_subscribers  # the editors untick it in review if they like
