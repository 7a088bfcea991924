"""Guest authors use only their own images, also in a crafted request.

The chooser offers a guest author only what they uploaded; these tests post
other ids straight to the forms: the article's hero image, an image block in
its body, the photo of their own profile (which goes live without review).
"""

import pytest
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from authors.models import Author
from blog.models import ArticlePage
from tests.admin_helpers import add_url, article_form, draft_of, member_of, refused
from tests.blog.factories import paragraph
from tests.images.factories import ImageFactory
from users.roles import GUEST_AUTHORS, GUEST_IMAGES_COLLECTION

pytestmark = pytest.mark.django_db

REFUSED = (
    "Deze afbeelding kun je niet gebruiken. Kies een van je eigen afbeeldingen, "
    "of upload de afbeelding zelf."
)


def guest_upload(user, title):
    """An image as a guest author's upload leaves it: in their collection, theirs."""
    collection = Collection.objects.get(name=GUEST_IMAGES_COLLECTION)
    return ImageFactory(title=title, uploaded_by_user=user, collection=collection)


@pytest.fixture
def bram(django_user_model):
    return member_of(django_user_model, GUEST_AUTHORS, "bram", first_name="Bram", last_name="Kok")


@pytest.fixture
def as_ilse(client, ilse):
    client.force_login(ilse)
    return client


@pytest.fixture
def ilses_photo(ilse):
    return guest_upload(ilse, "Het schoolplein van Ilse")


@pytest.fixture
def brams_photo(bram):
    return guest_upload(bram, "Privefoto van Bram")


def image_block(image):
    return ("image", {"image": image.pk if image else "", "alt_text": "", "caption": ""})


def body_with(image):
    return streamfield([("paragraph", rich_text("<p>Een dag op school.</p>")), image_block(image)])


def body_images(article):
    return [block.value["image"] for block in article.body if block.block_type == "image"]


def latest(article):
    """The article as last saved in the admin (the in-memory one may lag behind)."""
    return ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()


def edit_url(article):
    return reverse("wagtailadmin_pages:edit", args=(article.pk,))


def assert_refused(response, image):
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSED in html
    # Not previewed in the form shown again: its user may not see it.
    assert image.title not in html
    assert image.get_rendition("max-165x165").url not in html


class TestANewArticle:
    def test_with_another_guests_image_as_hero_is_refused(self, as_ilse, blog_index, brams_photo):
        form = article_form(hero_image=brams_photo.pk, **{"action-draft": "1"})
        assert_refused(as_ilse.post(add_url(blog_index), form), brams_photo)
        assert not ArticlePage.objects.exists()

    def test_with_another_guests_image_in_the_body_is_refused(
        self, as_ilse, blog_index, brams_photo
    ):
        form = article_form(body=body_with(brams_photo), **{"action-draft": "1"})
        response = as_ilse.post(add_url(blog_index), form)
        assert_refused(response, brams_photo)
        assert not ArticlePage.objects.exists()
        # At the image of the second block, where the editor shows it.
        (error,) = response.context["form"].errors["body"].as_data()
        assert list(error.block_errors) == [1]
        assert list(error.block_errors[1].block_errors) == ["image"]

    def test_with_an_editors_image_is_refused(self, as_ilse, blog_index):
        editors_photo = ImageFactory(title="Foto van de redactie")
        form = article_form(hero_image=editors_photo.pk, **{"action-draft": "1"})
        assert_refused(as_ilse.post(add_url(blog_index), form), editors_photo)

    def test_with_their_own_images_is_saved(self, as_ilse, blog_index, ilses_photo):
        form = article_form(
            hero_image=ilses_photo.pk, body=body_with(ilses_photo), **{"action-draft": "1"}
        )
        assert as_ilse.post(add_url(blog_index), form).status_code == 302
        article = ArticlePage.objects.get().get_latest_revision_as_object()
        assert article.hero_image == ilses_photo
        assert body_images(article) == [ilses_photo]


class TestTheirDraft:
    @pytest.fixture
    def draft(self, ilse, blog_index, ilses_photo):
        article = ArticlePage.objects.get(pk=draft_of(ilse, blog_index, "Mijn concept").pk)
        article.hero_image = ilses_photo
        article.body = [
            paragraph("Eerste versie."),
            {"type": "image", "value": {"image": ilses_photo.pk, "alt_text": "", "caption": ""}},
        ]
        article.save_revision(user=ilse)
        return article

    def post(self, client, draft, **fields):
        return client.post(edit_url(draft), article_form(slug=draft.slug, **fields))

    def test_another_guests_hero_is_refused_and_the_stored_one_stays(
        self, as_ilse, draft, ilses_photo, brams_photo
    ):
        response = self.post(as_ilse, draft, hero_image=brams_photo.pk)
        assert_refused(response, brams_photo)
        assert ilses_photo.title in response.content.decode()  # shown again instead
        assert latest(draft).hero_image == ilses_photo

    def test_another_guests_body_image_is_refused_and_the_body_stays(
        self, as_ilse, draft, ilses_photo, brams_photo
    ):
        response = self.post(
            as_ilse, draft, hero_image=ilses_photo.pk, body=body_with(brams_photo)
        )
        assert_refused(response, brams_photo)
        assert body_images(latest(draft)) == [ilses_photo]

    def test_an_image_an_editor_placed_in_it_stays_usable(self, as_ilse, draft, ilse):
        editors_photo = ImageFactory(title="Foto van de redactie")
        draft.hero_image = editors_photo
        draft.save_revision()
        response = self.post(as_ilse, draft, hero_image=editors_photo.pk, title="Herschreven")
        assert response.status_code == 302
        saved = latest(draft)
        assert (saved.title, saved.hero_image) == ("Herschreven", editors_photo)


def test_an_editor_may_use_any_image(client, redacteur, blog_index, brams_photo):
    client.force_login(redacteur)
    author = Author.profile_of(redacteur)
    form = article_form(
        hero_image=brams_photo.pk,
        body=body_with(brams_photo),
        article_authors=inline_formset([{"author": author.pk}]),
        **{"action-draft": "1"},
    )
    assert client.post(add_url(blog_index), form).status_code == 302
    article = ArticlePage.objects.get().get_latest_revision_as_object()
    assert article.hero_image == brams_photo
    assert body_images(article) == [brams_photo]


class TestTheirProfile:
    url = reverse("own_author_profile:edit")

    def test_another_guests_photo_is_refused_and_the_stored_one_stays(
        self, as_ilse, ilse, ilses_photo, brams_photo
    ):
        as_ilse.post(self.url, {"bio": "Directeur in Zwolle.", "photo": ilses_photo.pk})
        response = as_ilse.post(self.url, {"bio": "Overgenomen", "photo": brams_photo.pk})
        assert_refused(response, brams_photo)
        profile = Author.objects.get(user=ilse)
        assert (profile.bio, profile.photo) == ("Directeur in Zwolle.", ilses_photo)

    def test_their_own_photo_is_saved(self, as_ilse, ilse, ilses_photo):
        response = as_ilse.post(self.url, {"bio": "", "photo": ilses_photo.pk})
        assert response.status_code == 302
        assert Author.objects.get(user=ilse).photo == ilses_photo


def test_the_chooser_hands_out_no_other_guests_image(as_ilse, ilses_photo, brams_photo):
    """Wagtail's own rule would: both are in the guests' shared collection."""
    chosen = "wagtailimages_chooser:chosen"
    assert as_ilse.get(reverse(chosen, args=(ilses_photo.pk,))).status_code == 200
    response = as_ilse.get(reverse(chosen, args=(brams_photo.pk,)))
    assert refused(response)
    assert brams_photo.title not in response.content.decode()
