"""What search engines and social networks read: meta tags, JSON-LD, responsive images."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.images.factories import ImageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    return {item["@type"]: item for item in (data if isinstance(data, list) else [data])}


@pytest.fixture
def article(blog_index):
    return ArticlePageFactory(
        parent=blog_index,
        title="De schorsing die ik niet wilde",
        subtitle="Over twijfel en verantwoordelijkheid.",
        publication_date=datetime.date(2025, 9, 24),
        hero_image=ImageFactory(
            file__width=1600, file__height=900, description="Een lege gang in een school"
        ),
        themes=[ThemeFactory(name="Schorsing", slug="schorsing")],
        authors=[AuthorFactory(name="Marieke van Dalen", slug="marieke-van-dalen")],
    )


def test_article_meta_and_open_graph(client, article):
    html = client.get(article.url).content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/blog/de-schorsing-die-ik-niet-wilde/">'
        in html
    )
    assert meta(html, "name", "description") == "Over twijfel en verantwoordelijkheid."
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "De schorsing die ik niet wilde"
    assert meta(html, "property", "og:image").startswith("http://testserver/media/images/")
    assert meta(html, "property", "og:image").endswith(".jpg")
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == "Een lege gang in een school"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "article:published_time") == "2025-09-24T00:00:00+02:00"


def test_editors_override_title_and_description_in_the_promote_tab(client, article):
    article.seo_title = "Schorsen of niet: een schoolleider twijfelt"
    article.search_description = "Een persoonlijk verhaal over een schorsing."
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert (
        "<title>Schorsen of niet: een schoolleider twijfelt | De Directeurskamer</title>" in html
    )
    assert meta(html, "property", "og:title") == "Schorsen of niet: een schoolleider twijfelt"
    assert meta(html, "name", "description") == "Een persoonlijk verhaal over een schorsing."
    assert json_ld(html)["BlogPosting"]["headline"] == article.seo_title


def test_article_structured_data(client, article):
    data = json_ld(client.get(article.url).content.decode())
    posting = data["BlogPosting"]
    assert posting["headline"] == "De schorsing die ik niet wilde"
    # A day set by the editor, before the first publication: the start of that day, with its zone.
    assert posting["datePublished"] == "2025-09-24T00:00:00+02:00"
    assert posting["author"] == [
        {
            "@type": "Person",
            "name": "Marieke van Dalen",
            "url": "http://testserver/blog/auteur/marieke-van-dalen/",
        }
    ]
    assert posting["image"].startswith("http://testserver/media/images/")
    assert posting["publisher"] == {
        "@type": "Organization",
        "name": "De Directeurskamer",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/logo-512.png",
            "width": 512,
            "height": 512,
        },
    }
    assert posting["mainEntityOfPage"] == "http://testserver/blog/de-schorsing-die-ik-niet-wilde/"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Home"),
        (2, "Blog"),
        (3, "De schorsing die ik niet wilde"),
    ]


def test_the_publishers_logo_is_the_size_it_claims():
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/logo-512.png")) as logo:
        assert logo.format == "PNG"
        assert logo.size == (512, 512)


@pytest.mark.parametrize("same_day", [True, False])
def test_date_published_is_a_moment_with_its_zone(client, blog_index, same_day):
    first = timezone.make_aware(datetime.datetime(2025, 3, 30, 22, 15))  # summer time, +02:00
    day = None if not same_day else datetime.date(2025, 3, 30)
    article = ArticlePageFactory(parent=blog_index, publication_date=day)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=first)
    html = client.get(article.url).content.decode()
    assert json_ld(html)["BlogPosting"]["datePublished"] == "2025-03-30T22:15:00+02:00"
    assert meta(html, "property", "article:published_time") == "2025-03-30T22:15:00+02:00"


def test_structured_data_cannot_break_out_of_its_script(client, blog_index):
    hostile = ArticlePageFactory(parent=blog_index, title='</script><script>alert("x")</script>')
    html = client.get(hostile.url).content.decode()
    assert '<script>alert("x")' not in html
    assert json_ld(html)["BlogPosting"]["headline"] == hostile.title


def test_theme_page_meta_and_breadcrumbs(client, article):
    html = client.get("/blog/thema/schorsing/").content.decode()
    assert meta(html, "name", "description") == "Artikelen over dit thema."
    assert meta(html, "property", "og:title") == "Schorsing"
    assert '<link rel="canonical" href="http://testserver/blog/thema/schorsing/">' in html
    crumbs = json_ld(html)["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Blog", "Thema's", "Schorsing"]
    assert crumbs[2]["item"] == "http://testserver/blog/themas/"


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("?page=2", "http://testserver/blog/?page=2"),
        ("?page=1", "http://testserver/blog/"),
        ("?page=abc&utm_source=nieuwsbrief", "http://testserver/blog/"),
        # A digit to str.isdigit(), not to int().
        ("?page=%C2%B9", "http://testserver/blog/"),
    ],
)
def test_canonical_url_keeps_only_a_real_page_number(client, blog_index, query, canonical):
    for _ in range(11):
        ArticlePageFactory(parent=blog_index)
    html = client.get("/blog/" + query).content.decode()
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_not_found_pages_are_not_indexed(client, blog_index):
    html = client.get("/blog/thema/bestaat-niet/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_responsive_images_with_modern_formats(client, article, blog_index):
    ArticlePageFactory(parent=blog_index, themes=article.theme_list(), with_hero_image=True)
    html = client.get(article.url).content.decode()
    hero = re.search(r'<picture>.*?class="article__hero-image".*?</picture>', html, re.S).group(0)
    assert 'type="image/avif"' in hero
    assert 'type="image/webp"' in hero
    img = re.search(r"<img[^>]*>", hero).group(0)
    assert re.search(r'width="\d+"', img)
    assert re.search(r'height="\d+"', img)
    assert 'fetchpriority="high"' in hero
    assert 'loading="lazy"' not in hero
    assert "srcset=" in hero
    assert 'sizes="' in hero
    related = html.split('id="related-title"', 1)[1]
    assert 'loading="lazy"' in related
    assert 'type="image/webp"' in related


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/deel-je-verhaal/", "Deel je verhaal"),
        ("/schrijf-een-gastblog/", "Schrijf een gastblog"),
        ("/nieuwsbrief/", "Nieuwsbrief"),
    ],
)
def test_the_form_pages_have_canonical_and_open_graph_tags(client, home_page, path, title):
    html = client.get(path + "?utm_source=nieuwsbrief").content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert meta(html, "property", "og:url") == f"http://testserver{path}"
    assert meta(html, "property", "og:title") == title
    assert meta(html, "property", "og:type") == "website"
    description = meta(html, "name", "description")
    assert description
    assert meta(html, "property", "og:description") == description
    assert html.count('name="description"') == 1
