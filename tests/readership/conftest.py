import pytest

from tests.blog.factories import ArticlePageFactory

# A browser's, as Chromium on a laptop sends it.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
# What the site's script sends along, as a browser on the site itself does.
FROM_THE_SITE = {
    "HTTP_USER_AGENT": READER_AGENT,
    "HTTP_ORIGIN": "http://testserver",
    "HTTP_SEC_FETCH_SITE": "same-origin",
}
BEACON_URL = "/gelezen/"


def beacon(client, article_id, event="view", **headers):
    """The script's report that an article was shown ("view") or read to the end ("end").
    A header given as None is left out."""
    meta = {name: value for name, value in {**FROM_THE_SITE, **headers}.items() if value}
    return client.post(BEACON_URL, {"article": str(article_id), "event": event}, **meta)


@pytest.fixture
def article(blog_index):
    return ArticlePageFactory(parent=blog_index, title="Wanneer passend onderwijs niet meer past")
