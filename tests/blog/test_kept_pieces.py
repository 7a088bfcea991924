"""Pieces of pages kept between page views (caching.fragments): the cards,
the hero image, the navigation, the sign-up form. They make a page that is
not served whole from the page cache cheap, and must never show what was:
each test changes what a piece shows, as an editor would, and looks again.
"""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage, ArticlePageAuthor
from caching import page_cache
from resources.models import ResourcePage
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from tests.resources.factories import ResourcePageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Ilse de Vries", slug="ilse-de-vries")


@pytest.fixture
def shown(blog_index, theme, author):
    """An article with its card on the theme page and under `reader`, both shown once."""
    listed = ArticlePageFactory(
        parent=blog_index,
        title="Wachten op jeugdhulp",
        themes=[theme],
        authors=[author],
        with_hero_image=True,
    )
    reader = ArticlePageFactory(parent=blog_index, title="De schorsing", themes=[theme])
    client = Client()
    for url in ("/blog/thema/passend-onderwijs/", reader.url):
        assert listed.title in client.get(url).content.decode()
    return listed, reader


def theme_page(client=None):
    return (client or Client()).get("/blog/thema/passend-onderwijs/").content.decode()


def related_section(client, article):
    return client.get(article.url).content.decode().split('id="related-title"', 1)[1]


def publish(page, **changes):
    page = ArticlePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_kept_card_is_read_back_without_its_queries(shown, django_assert_num_queries):
    listed, _ = shown
    client = Client()
    theme_page(client)
    # The articles of the page: no image, rendition or author of any card.
    with django_assert_num_queries(1):
        html = theme_page(client)
    assert listed.title in html
    assert "Ilse de Vries" in html


def test_a_published_change_shows_on_every_card_at_once(shown):
    listed, reader = shown
    publish(listed, title="Wachten, en dan?", subtitle="Een nieuwe ondertitel.")
    client = Client()
    for html in (theme_page(client), related_section(client, reader)):
        assert "Wachten, en dan?" in html
        assert "Een nieuwe ondertitel." in html
        assert "Wachten op jeugdhulp" not in html


def test_an_author_renamed_shows_in_bylines_and_author_cards(shown, author):
    listed, _ = shown
    author.name = "Ilse van Dam"
    author.save()  # a snippet: saving it makes every piece stale
    client = Client()
    assert "door Ilse van Dam" in theme_page(client)
    article_html = client.get(listed.url).content.decode()
    assert 'class="author-card"' in article_html
    assert "Ilse de Vries" not in article_html
    assert "Ilse de Vries" not in theme_page(client)


def test_an_article_made_anonymous_loses_its_name_on_every_card(shown):
    listed, reader = shown
    publish(listed, publish_anonymously=True)
    client = Client()
    for html in (theme_page(client), related_section(client, reader)):
        assert "door een schoolleider" in html
        assert "Ilse de Vries" not in html
    assert 'class="author-card"' not in client.get(listed.url).content.decode()


def test_an_article_made_private_leaves_every_list_and_asks_for_a_login(shown, theme):
    listed, reader = shown
    PageViewRestriction.objects.create(page=listed, restriction_type=PageViewRestriction.LOGIN)
    client = Client()
    assert listed.title not in theme_page(client)
    assert listed.title not in client.get(reader.url).content.decode()
    response = client.get(listed.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def rendition_files(image):
    return {name.rsplit("/", 1)[1] for name in image.renditions.values_list("file", flat=True)}


def test_a_new_hero_image_shows_on_its_card_and_page(shown):
    listed, _ = shown
    old_hero = ArticlePage.objects.get(pk=listed.pk).hero_image
    new_hero = ImageFactory(description="Een lege gang in de school")
    publish(listed, hero_image=new_hero, hero_alt_text="")
    client = Client()
    html = theme_page(client)
    article_html = client.get(listed.url).content.decode()
    assert any(name in html for name in rendition_files(new_hero))
    assert not any(name in html + article_html for name in rendition_files(old_hero))
    assert 'alt="Een lege gang in de school"' in article_html


def test_pieces_seen_by_a_signed_in_editor_hold_nothing_of_theirs(
    shown, admin_user, django_user_model
):
    listed, _ = shown
    editor = Client()
    editor.force_login(admin_user)
    editor_html = editor.get(listed.url).content.decode()
    assert "wagtail-userbar" in editor_html or "w-userbar" in editor_html
    reader_html = Client().get(listed.url).content.decode()
    assert "userbar" not in reader_html
    assert admin_user.get_username() not in reader_html
    assert 'csrfmiddlewaretoken" value=""' in reader_html  # the sign-up form's empty token


def test_a_preview_shows_its_own_hero_and_leaves_the_published_one(shown, admin_user):
    listed, _ = shown
    editor = Client()
    editor.force_login(admin_user)
    page = ArticlePage.objects.get(pk=listed.pk)
    live_alt = page.hero_alt
    page.hero_alt_text = "Alleen in het concept"
    html = page.make_preview_request().content.decode()
    assert 'alt="Alleen in het concept"' in html
    published_html = Client().get(listed.url).content.decode()
    assert "Alleen in het concept" not in published_html
    assert f'alt="{live_alt}"' in published_html


def test_search_cards_keep_each_search_its_own_excerpt(blog_index, theme):
    ArticlePageFactory(
        parent=blog_index,
        title="Het gesprek",
        body=[
            {
                "type": "paragraph",
                "value": "<p>Over de ouders ging het eerst. "
                + "Veel woorden tussendoor. " * 30
                + "Daarna over het team.</p>",
            }
        ],
    )
    client = Client()
    ouders = client.get("/zoeken/?q=ouders").content.decode()
    team = client.get("/zoeken/?q=team").content.decode()
    assert "<mark>ouders</mark>" in ouders
    assert "<mark>team</mark>" in team
    assert "<mark>ouders</mark>" not in team


def test_without_a_shared_cache_every_piece_is_rendered(shown, settings):
    settings.CONTENT_CACHE = False
    listed, _ = shown
    page_cache.forget_local()
    publish(listed, title="Zonder cache")
    assert "Zonder cache" in theme_page()


def test_an_unreachable_cache_renders_every_piece(shown, monkeypatch):
    listed, _ = shown
    page_cache.forget_local()
    monkeypatch.setattr(page_cache, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    html = theme_page()
    assert listed.title in html
    assert "Ilse de Vries" in html


def test_a_drafts_new_author_and_theme_show_once_published(shown):
    listed, _ = shown
    newcomer = AuthorFactory(name="Bram Jansen")
    other_theme = ThemeFactory(name="Leiderschap", slug="leiderschap")
    page = ArticlePage.objects.get(pk=listed.pk)
    page.article_authors = [ArticlePageAuthor(author=newcomer)]
    page.themes.set([other_theme])
    revision = page.save_revision()  # a draft: the published article keeps its own
    client = Client()
    html = client.get(listed.url).content.decode()
    assert "Ilse de Vries" in html
    assert "Bram Jansen" not in html
    assert "/blog/thema/leiderschap/" not in html
    revision.publish()
    html = client.get(listed.url).content.decode()
    assert "Bram Jansen" in html
    assert "Ilse de Vries" not in html
    assert 'href="/blog/thema/leiderschap/"' in html


def test_a_theme_renamed_or_moved_to_another_address_shows_at_once(shown, theme):
    theme_page()
    theme.name = "Passend onderwijs en de klas"
    theme.save()
    assert "Passend onderwijs en de klas" in theme_page()
    theme.slug = "passend"
    theme.save()
    client = Client()
    assert client.get("/blog/thema/passend-onderwijs/").status_code == 404
    assert "Passend onderwijs en de klas" in client.get("/blog/thema/passend/").content.decode()


def test_a_download_published_on_a_theme_shows_on_its_page(shown, theme, resource_index):
    assert "Werkvormen voor het team" not in theme_page()
    download = ResourcePageFactory(
        parent=resource_index, title="Werkvormen voor het team", themes=[theme], live=False
    )
    download.save_revision().publish()
    assert "Werkvormen voor het team" in theme_page()
    ResourcePage.objects.get(pk=download.pk).unpublish()
    assert "Werkvormen voor het team" not in theme_page()


def test_a_preview_of_the_downloads_page_shows_its_new_title_in_the_navigation(
    shown, resource_index
):
    Client().get(resource_index.url)  # the navigation of the downloads page, kept
    page = type(resource_index).objects.get(pk=resource_index.pk)
    page.title = "Gratis materiaal"
    html = page.make_preview_request().content.decode()
    assert ">Gratis materiaal</a>" in html
    assert ">Gratis materiaal</a>" not in Client().get(resource_index.url).content.decode()
