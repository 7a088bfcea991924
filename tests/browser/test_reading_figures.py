"""Reading figures from a real browser: the article counts a view when it is
shown and a read to the end once its end comes into view, and what the reader
downloads from it counts for it; no cookie is set."""

import time

import pytest
from playwright.sync_api import expect

from blog.models import ArticleRelatedResource
from readership.models import ArticleTally
from tests.blog.factories import ArticlePageFactory
from tests.readership.conftest import READER_AGENT
from tests.resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def context(new_context):
    """A reader's Chromium: the headless one says "HeadlessChrome", as scrapers
    do, and is not counted."""
    return new_context(user_agent=READER_AGENT)


@pytest.fixture
def article(blog_index, resource_index):
    article = ArticlePageFactory(
        parent=blog_index,
        title="Wanneer passend onderwijs niet meer past",
        body=[
            {"type": "heading", "value": "Het gesprek"},
            {"type": "paragraph", "value": "<p>" + "Een lange dag op school. " * 400 + "</p>"},
        ],
    )
    checklist = ResourcePageFactory(
        parent=resource_index, title="Checklist zorgoverleg", slug="checklist-zorgoverleg"
    )
    ArticleRelatedResource.objects.create(page=article, resource=checklist)
    return article


def figures_of(article):
    tally = ArticleTally.objects.filter(article=article).first()
    return (tally.views, tally.reads_to_end, tally.downloads) if tally else (0, 0, 0)


def counted(article, expected, seconds=10):
    """The article's (views, reads to the end, downloads) once the server counted
    them (the browser sends the beacon after the page shows), or as they are
    after `seconds`."""
    deadline = time.monotonic() + seconds
    while figures_of(article) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return figures_of(article)


def test_a_reader_opens_an_article_and_scrolls_to_its_end(live_server, page, context, article):
    page.goto(live_server.url + article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    assert counted(article, (1, 0, 0)) == (1, 0, 0)

    page.locator(".article__footer").scroll_into_view_if_needed()
    assert counted(article, (1, 1, 0)) == (1, 1, 0)

    assert context.cookies() == []
    assert ArticleTally.objects.count() == 1


def test_a_download_from_the_article_counts_for_it(live_server, page, article):
    page.goto(live_server.url + article.url)
    card = page.get_by_role("link", name="Checklist zorgoverleg")
    expect(card).to_have_attribute("href", f"/downloads/checklist-zorgoverleg/?van={article.pk}")
    card.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checklist zorgoverleg")
    with page.expect_download():
        page.get_by_role("link", name="Download de e-book (PDF)").click()
    # The card is below the article's end, which came into view on the way.
    assert counted(article, (1, 1, 1)) == (1, 1, 1)
