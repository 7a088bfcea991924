"""The site-wide banner promoting the e-book."""

import pytest
from wagtail.models import Site

from resources.links import make_token
from resources.models import DownloadRequest, PromoBanner
from tests.blog.factories import ArticlePageFactory
from tests.resources.factories import ResourcePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ebook(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Het e-book", slug="e-book")


@pytest.fixture
def banner(ebook):
    return PromoBanner.objects.create(
        site=Site.objects.get(is_default_site=True),
        enabled=True,
        text="Gratis e-book: morele reflectie in je team.",
        link_page=ebook,
    )


@pytest.fixture
def public_urls(blog_index, ebook):
    theme = ThemeFactory(slug="passend-onderwijs")
    article = ArticlePageFactory(parent=blog_index, themes=[theme])
    return [
        "/",
        "/blog/",
        article.url,
        "/blog/themas/",
        "/blog/thema/passend-onderwijs/",
        f"/blog/auteur/{article.authors()[0].slug}/",
        "/downloads/",
        "/zoeken/?q=dilemma",
        "/bestaat-niet/",
    ]


def test_the_banner_is_on_every_public_page(client, banner, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        assert html.count('class="site-banner"') == 1, url
        assert "Gratis e-book: morele reflectie in je team." in html
        assert '<a class="site-banner__link" href="/downloads/e-book/">Download gratis</a>' in html
        # A real button, named for screen readers.
        assert '<button type="button" class="site-banner__close"' in html
        assert 'aria-label="Sluit deze aankondiging"' in html
        assert f'data-banner-version="{banner.version}"' in html


def test_the_advertised_page_and_its_thank_you_page_do_not_show_it(
    client, banner, ebook, resource_index
):
    ebook.access = "gated"
    ebook.save_revision().publish()
    request = DownloadRequest.objects.create(resource=ebook, email="a@example.org")
    thanks = f"/downloads/e-book/bedankt/?link={make_token(request)}"
    for url in ["/downloads/e-book/", thanks]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "site-banner" not in html, url
        assert "banner.js" not in html, url
    # Another download still advertises the e-book.
    other = ResourcePageFactory(parent=resource_index, slug="vragenlijst")
    assert 'class="site-banner"' in client.get(other.url).content.decode()


def test_switched_off_it_is_gone_everywhere(client, banner, public_urls):
    banner.enabled = False
    banner.save()
    for url in public_urls:
        html = client.get(url).content.decode()
        assert "site-banner" not in html, url
        assert "banner.js" not in html


def test_a_change_reaches_cached_pages_at_once(client, banner, settings):
    settings.PAGE_CACHE = True
    assert "Gratis e-book" in client.get("/downloads/").content.decode()
    assert client.get("/downloads/")["X-Page-Cache"] == "hit"
    banner.text = "Nieuw: de vragenlijst voor teams."
    banner.save()
    html = client.get("/downloads/").content.decode()
    assert "Nieuw: de vragenlijst voor teams." in html


def test_a_new_message_has_a_new_version_so_it_shows_again(banner):
    before = banner.version
    banner.text = "Een andere tekst."
    assert banner.version != before


def test_an_unpublished_link_target_hides_the_banner(client, banner, ebook):
    ebook.unpublish()
    assert "site-banner" not in client.get("/downloads/").content.decode()


def test_an_editor_cannot_switch_on_a_banner_without_text_or_link(banner):
    from django.core.exceptions import ValidationError

    banner.text = ""
    with pytest.raises(ValidationError):
        banner.full_clean()


def test_hostile_banner_text_is_escaped(client, banner):
    banner.text = '<img src=x onerror="alert(1)">'
    banner.save()
    html = client.get("/downloads/").content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x" in html


def test_a_page_view_writes_no_banner_setting(client, resource_index):
    # A write would also empty the page cache on a site's first visit.
    assert client.get("/downloads/").status_code == 200
    assert not PromoBanner.objects.exists()
