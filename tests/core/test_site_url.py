"""One address for every absolute link: the site's (WAGTAILADMIN_BASE_URL),
not the host a request came in on nor the Wagtail Site's hostname."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import Site

from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

SITE = "https://www.directeurskamer.nl"


@pytest.fixture(autouse=True)
def public_address(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = SITE + "/"  # a trailing slash is allowed
    # A first run's Site, and a request on another name of the same server.
    Site.objects.update(hostname="localhost", port=80)


def absolute_links(html):
    return re.findall(r"https?://[^\s\"'<>]+", html)


def test_canonical_open_graph_and_structured_data(client, blog_index):
    article = ArticlePageFactory(parent=blog_index, slug="een-dilemma")
    response = client.get("/blog/een-dilemma/", HTTP_HOST="127.0.0.1:8000")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("link", rel="canonical")["href"] == f"{SITE}/blog/een-dilemma/"
    assert page.find("meta", property="og:url")["content"] == f"{SITE}/blog/een-dilemma/"
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        for item in data if isinstance(data, list) else [data]:
            if item.get("@type") == "BlogPosting":
                assert item["mainEntityOfPage"] == SITE + article.url


def test_feeds_and_robots(client, blog_index):
    ArticlePageFactory(parent=blog_index)
    feed = client.get("/blog/feed/", HTTP_HOST="localhost").content.decode()
    links = absolute_links(feed)
    assert links
    assert [link for link in links if link.startswith("http://localhost")] == []
    assert f"{SITE}/blog/" in feed
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_the_newsletter_confirmation_mail(client):
    client.post(
        "/nieuwsbrief/", {"email": "lezer@example.nl", "consent": "on"}, HTTP_HOST="localhost"
    )
    assert f"{SITE}/nieuwsbrief/bevestigen/?t=" in mail.outbox[0].body


def test_a_page_full_url_whatever_the_site_record_says(blog_index):
    article = ArticlePageFactory(parent=blog_index, slug="los")
    assert article.get_full_url() == f"{SITE}/blog/los/"
    assert article.full_url == f"{SITE}/blog/los/"
