import datetime
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from blog.models import ArticlePageAuthor
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory
from tests.themes.factories import ThemeFactory

ROOT = Path(__file__).resolve().parents[2]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOINDEX_META = '<meta name="robots" content="noindex">'


def day(n):
    return timezone.make_aware(datetime.datetime(2025, 3, n, 12, 0))


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.iter(f"{SITEMAP}url")
    }


@pytest.mark.django_db
class TestSitemap:
    def test_lists_live_pages_themes_and_authors_with_their_last_change(
        self, client, home_page, blog_index, settings
    ):
        # Every address starts with the site's, not the Wagtail Site's hostname.
        settings.WAGTAILADMIN_BASE_URL = "https://www.directeurskamer.nl"
        site = "https://www.directeurskamer.nl"
        Page.objects.filter(pk__in=[home_page.pk, blog_index.pk]).update(last_published_at=day(1))
        passend = ThemeFactory(slug="passend-onderwijs")
        ouders = ThemeFactory(slug="ouders")
        jeroen = AuthorFactory(slug="jeroen")
        samira = AuthorFactory(slug="samira")
        older = ArticlePageFactory(
            parent=blog_index,
            slug="ouder",
            themes=[passend, ouders],
            authors=[jeroen],
            last_published_at=day(10),
        )
        newer = ArticlePageFactory(
            parent=blog_index,
            slug="nieuwer",
            themes=[passend],
            authors=[jeroen, samira],
            last_published_at=day(20),
        )
        # Hidden articles neither appear nor count towards a theme's or author's date.
        only_hidden = ThemeFactory(slug="alleen-concepten")
        ArticlePageFactory(
            parent=blog_index,
            slug="concept",
            themes=[ouders, only_hidden],
            live=False,
            last_published_at=day(30),
        )
        private = ArticlePageFactory(
            parent=blog_index, slug="besloten", authors=[samira], last_published_at=day(30)
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        entries = read_sitemap(client)

        assert entries == {
            f"{site}/": "2025-03-01",
            f"{site}/blog/": "2025-03-01",
            f"{site}{older.url}": "2025-03-10",
            f"{site}{newer.url}": "2025-03-20",
            f"{site}/blog/themas/": "2025-03-20",
            f"{site}/blog/thema/passend-onderwijs/": "2025-03-20",
            f"{site}/blog/thema/ouders/": "2025-03-10",
            f"{site}/blog/auteur/jeroen/": "2025-03-20",
            f"{site}/blog/auteur/samira/": "2025-03-20",
            # The readers' forms, which are no pages of the tree.
            f"{site}/deel-je-verhaal/": None,
            f"{site}/schrijf-een-gastblog/": None,
            f"{site}/nieuwsbrief/": None,
        }
        for url in entries:
            assert client.get(url.removeprefix(site)).status_code == 200, url

    def test_queries_do_not_grow_with_themes_and_authors(self, client, blog_index):
        articles = [ArticlePageFactory(parent=blog_index) for _ in range(2)]

        def add_theme_and_author(n):
            for _ in range(n):
                theme, author = ThemeFactory(), AuthorFactory()
                for article in articles:
                    article.themes.add(theme)
                    article.save()
                    ArticlePageAuthor.objects.create(page=article, author=author)

        def count_queries():
            client.get("/sitemap.xml")  # warm up: Wagtail caches the site's root paths
            with CaptureQueriesContext(connection) as queries:
                entries = read_sitemap(client)
            return len(queries), len(entries)

        add_theme_and_author(1)
        few, entries = count_queries()
        add_theme_and_author(9)
        many, more_entries = count_queries()

        assert more_entries == entries + 18
        assert few == many


@pytest.mark.django_db
class TestRobots:
    def test_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert lines[0] == "User-agent: *"
        assert "Disallow: /admin/" in lines
        assert "Disallow: /" not in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines

    def test_pages_may_be_indexed_by_default(self, client, home_page):
        assert NOINDEX_META not in client.get("/").content.decode()

    def test_noindex_shuts_out_every_crawler_and_marks_every_page(
        self, client, settings, blog_index
    ):
        settings.SEO_NOINDEX = True
        article = ArticlePageFactory(parent=blog_index)

        lines = client.get("/robots.txt").content.decode().splitlines()
        assert "Disallow: /" in lines
        assert "Disallow: /admin/" not in lines

        for url in ["/", "/blog/", article.url, "/bestaat-niet/"]:
            html = client.get(url).content.decode()
            assert NOINDEX_META in html.split("</head>", 1)[0], url


def seo_noindex_setting(settings_module, **env):
    clean_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SEO_NOINDEX"}}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.SEO_NOINDEX)",
        ],
        cwd=ROOT,
        env={
            **clean_env,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SECRET_KEY": "a-secret-key-only-for-this-test",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("settings_module", "env", "noindex"),
    [
        ("site_config.settings.production", {}, "False"),
        ("site_config.settings.production", {"SEO_NOINDEX": "1"}, "True"),
        ("site_config.settings.dev", {}, "True"),
        ("site_config.settings.dev", {"SEO_NOINDEX": "0"}, "False"),
    ],
)
def test_staging_and_debug_sites_are_noindex(settings_module, env, noindex):
    assert seo_noindex_setting(settings_module, **env) == noindex
