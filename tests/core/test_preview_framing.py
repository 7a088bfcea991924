"""Previews in the admin may be framed by the admin; the public pages never."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.admin_helpers import article_form, draft_of
from tests.blog.factories import ArticlePageFactory
from tests.pages.factories import ContentPageFactory
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.split()[1:] for part in policy.split("; ") if part.startswith("frame-anc"))


@pytest.fixture
def pages(home_page, blog_index, resource_index):
    return {
        "home": home_page,
        "blog": blog_index,
        "article": ArticlePageFactory(parent=blog_index, title="Het gesprek dat ik uitstelde"),
        "downloads": resource_index,
        "download": ResourcePageFactory(parent=resource_index, title="Reflectievragenlijst"),
        "content page": ContentPageFactory(parent=home_page),
    }


def test_every_public_page_stays_unframeable(client, pages):
    for name, page in pages.items():
        response = client.get(page.url)
        assert response.status_code == 200, name
        assert frame_ancestors(response) == ["'none'"], name
        assert response["X-Frame-Options"] == "DENY", name


def test_the_preview_of_every_page_type_may_be_framed_by_the_admin(pages, admin_user):
    # The made-up request Wagtail's preview views send through the middleware.
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for name, page in pages.items():
        response = page.specific.make_preview_request(request, page.specific.default_preview_mode)
        assert response.status_code == 200, name
        assert frame_ancestors(response) == ["'self'"], name
        assert response["X-Frame-Options"] == "SAMEORIGIN", name
        # The rest of the public policy still holds: the preview is what readers get.
        assert "script-src 'self'" in response["Content-Security-Policy"], name


def test_a_guest_authors_preview_in_the_side_panel_may_be_framed(client, blog_index, ilse):
    client.force_login(ilse)
    url = reverse("wagtailadmin_pages:preview_on_add", args=("blog", "articlepage", blog_index.pk))
    posted = client.post(url, article_form(title="Mijn eerste gastblog"))
    assert posted.json() == {"is_valid": True, "is_available": True}

    response = client.get(url, {"in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Mijn eerste gastblog" in response.content.decode()
    assert frame_ancestors(response) == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_guest_authors_preview_of_her_draft_may_be_framed(client, blog_index, ilse):
    article = draft_of(ilse, blog_index, "Het gesprek dat ik uitstelde")
    client.force_login(ilse)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = article_form(title="Het gesprek van maandag", slug=article.slug)
    assert client.post(url, data).json()["is_valid"] is True

    response = client.get(url, {"in_preview_panel": "true"})

    assert "Het gesprek van maandag" in response.content.decode()
    assert frame_ancestors(response) == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_view_draft_shows_the_draft_and_leaves_the_cached_public_page_alone(
    editor, client, blog_index, settings
):
    settings.PAGE_CACHE = True
    article = ArticlePageFactory(parent=blog_index, title="Het gesprek dat ik uitstelde")
    article.title = "Nog niet gepubliceerd"
    article.save_revision()

    draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))

    assert draft.status_code == 200
    assert "Nog niet gepubliceerd" in draft.content.decode()
    editor.logout()
    for attempt in ("rendered", "from the cache"):
        public = client.get(article.url)
        assert "Nog niet gepubliceerd" not in public.content.decode(), attempt
        assert frame_ancestors(public) == ["'none'"], attempt
        assert public["X-Frame-Options"] == "DENY", attempt
