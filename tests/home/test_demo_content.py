import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from blog.models import ArticlePage, Author, BlogIndexPage, Theme
from home.models import HomePage

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "home" / "demo_content"


def demo_articles():
    return [json.loads(p.read_text()) for p in sorted((CONTENT / "articles").glob("*.json"))]


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "live")),
        "revisions": Revision.objects.count(),
        "themes": list(Theme.objects.order_by("pk").values_list("pk", "slug")),
        "authors": list(Author.objects.order_by("pk").values_list("pk", "slug")),
        "images": get_image_model().objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
    }


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", stdout=io.StringIO())


def test_builds_a_real_dutch_blog(demo_site):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert BlogIndexPage.objects.child_of(home).live().count() == 1
    assert ArticlePage.objects.live().count() >= 8
    assert Author.objects.count() >= 2
    slugs = set(Theme.objects.values_list("slug", flat=True))
    assert len(slugs) >= 5
    assert {"passend-onderwijs", "leiderschapsdilemmas"} <= slugs
    for article in ArticlePage.objects.all():
        assert article.hero_image.description, article.title
        assert article.hero_caption, article.title
        assert article.subtitle, article.title
        assert article.publication_date, article.title
        assert article.authors(), article.title
        assert article.tagged_items.exists(), article.title
        assert article.reading_time >= 3, article.title


def test_running_twice_changes_nothing(demo_site):
    before = snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert snapshot() == before


def test_passend_onderwijs_lists_exactly_the_tagged_demo_articles(client, demo_site):
    expected = {a["title"] for a in demo_articles() if "passend-onderwijs" in a["themes"]}
    response = client.get("/blog/thema/passend-onderwijs/")
    listed = {article.title for article in response.context["articles"]}
    assert expected
    assert listed == expected


@pytest.mark.parametrize(
    "url",
    ["/", "/blog/", "/blog/themas/", "/blog/thema/leiderschapsdilemmas/", "/blog/?page=2"],
)
def test_every_demo_list_page_renders(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


def test_every_demo_article_and_author_page_renders(client, demo_site):
    for article in ArticlePage.objects.live():
        html = client.get(article.url).content.decode()
        assert article.title in html
        assert "min lezen" in html
    for author in Author.objects.all():
        response = client.get(f"/blog/auteur/{author.slug}/")
        assert response.status_code == 200
        assert author.name in response.content.decode()
