"""The script's reports that an article was shown or read to the end: counted
per article and day, without anything about the reader, and only a reader's."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from core.rate_limit import Limit
from readership import views
from readership.models import ArticleTally
from tests.blog.factories import ArticlePageFactory

from .conftest import BEACON_URL, FROM_THE_SITE, beacon

pytestmark = pytest.mark.django_db

MARKER = "<script>alert('x')</script>"
HOSTILE = [MARKER, "1 OR 1=1", "1\r\nX: y", "\x00", "１２", "٣", "1e3", " 1 ", "x" * 100_000]


def figures(article):
    """{day: (views, reads to the end)} of the article."""
    return {
        tally.day: (tally.views, tally.reads_to_end)
        for tally in ArticleTally.objects.filter(article=article)
    }


def today():
    return timezone.localdate()


class TestCounted:
    def test_a_view_is_counted_for_today_with_an_empty_answer_and_no_cookie(self, client, article):
        response = beacon(client, article.pk)
        assert response.status_code == 204
        assert response.content == b""
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert "no-store" in response["Cache-Control"]
        assert figures(article) == {today(): (1, 0)}

    def test_reaching_the_end_is_counted_apart(self, client, article):
        beacon(client, article.pk, "view")
        beacon(client, article.pk, "end")
        assert figures(article) == {today(): (1, 1)}

    def test_counts_add_up_in_one_row_per_article_and_day(self, client, article, monkeypatch):
        other = ArticlePageFactory(parent=article.get_parent())
        for _ in range(3):
            beacon(client, article.pk)
        beacon(client, article.pk, "end")
        beacon(client, other.pk)
        tomorrow = today() + datetime.timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
        beacon(client, article.pk)
        assert figures(article) == {
            tomorrow - datetime.timedelta(days=1): (3, 1),
            tomorrow: (1, 0),
        }
        assert figures(other) == {tomorrow - datetime.timedelta(days=1): (1, 0)}
        assert ArticleTally.objects.count() == 3

    def test_nothing_about_the_reader_is_stored(self):
        """No address, user agent, time of day or session: only the day's counts."""
        columns = {field.name for field in ArticleTally._meta.get_fields()}
        assert columns == {
            "id",
            "article",
            "day",
            "views",
            "reads_to_end",
            "downloads",
            "stories",
            "signups",
        }

    def test_a_browser_that_sends_origin_but_not_sec_fetch_site(self, client, article):
        assert beacon(client, article.pk, HTTP_SEC_FETCH_SITE=None).status_code == 204
        assert beacon(client, article.pk, HTTP_ORIGIN=None).status_code == 204
        assert figures(article) == {today(): (2, 0)}

    def test_counting_a_view_on_a_known_day_is_one_update(self, client, article):
        beacon(client, article.pk)  # the day's row, and the live articles remembered
        with CaptureQueriesContext(connection) as queries:
            beacon(client, article.pk)
        assert [query["sql"].split()[0] for query in queries] == ["UPDATE"]


class TestRefused:
    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_ORIGIN": "https://elders.example"},
            {"HTTP_ORIGIN": "null"},
            {"HTTP_SEC_FETCH_SITE": "cross-site"},
            {"HTTP_SEC_FETCH_SITE": "same-site"},
            {"HTTP_SEC_FETCH_SITE": "none"},
            {"HTTP_SEC_FETCH_SITE": None, "HTTP_ORIGIN": None},
        ],
        ids=["other origin", "opaque origin", "cross-site", "same-site", "typed", "no headers"],
    )
    def test_from_anywhere_but_the_site_itself(self, client, article, headers):
        response = beacon(client, article.pk, **headers)
        assert response.status_code == 403
        assert not ArticleTally.objects.exists()

    def test_only_posts(self, client, article):
        assert client.get(BEACON_URL, {"article": article.pk, "event": "view"}).status_code == 405
        assert not ArticleTally.objects.exists()


class TestNotCounted:
    """Answered as a count would be, but not counted."""

    @pytest.mark.parametrize(
        "agent",
        [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/140.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11) Chrome-Lighthouse",
            "curl/8.5.0",
            "python-requests/2.32",
            "",
        ],
    )
    def test_bots(self, client, article, agent):
        assert beacon(client, article.pk, HTTP_USER_AGENT=agent or None).status_code == 204
        assert not ArticleTally.objects.exists()

    @pytest.mark.parametrize("group", ["Redactie", "Gastauteurs"])
    def test_signed_in_editors_and_guest_authors(self, client, article, django_user_model, group):
        user = django_user_model.objects.create_user(username="collega", password="x")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        assert beacon(client, article.pk).status_code == 204
        assert not ArticleTally.objects.exists()

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
            {"HTTP_SEC_PURPOSE": "prefetch"},
            {"HTTP_PURPOSE": "prefetch"},
            {"HTTP_X_MOZ": "prefetch"},
        ],
    )
    def test_browsers_fetching_ahead_of_the_reader(self, client, article, headers):
        assert beacon(client, article.pk, **headers).status_code == 204
        assert not ArticleTally.objects.exists()

    @pytest.mark.parametrize("headers", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
    def test_readers_who_ask_not_to_be_tracked(self, client, article, headers):
        assert beacon(client, article.pk, **headers).status_code == 204
        assert not ArticleTally.objects.exists()
        assert beacon(client, article.pk, HTTP_DNT="0").status_code == 204
        assert figures(article) == {today(): (1, 0)}

    @pytest.mark.parametrize("event", ["", "View", "click", "views", "reads_to_end", MARKER])
    def test_unknown_events(self, client, article, event):
        assert beacon(client, article.pk, event).status_code == 204
        assert not ArticleTally.objects.exists()

    @pytest.mark.parametrize("value", ["", "0", "-1", "999999", "1.0", "٣", "1" * 30, MARKER])
    def test_no_article_with_that_id(self, client, article, value):
        assert beacon(client, value).status_code == 204
        assert not ArticleTally.objects.exists()

    def test_a_draft_a_private_article_and_a_page_that_is_no_article(
        self, client, article, blog_index
    ):
        draft = ArticlePageFactory(parent=blog_index, live=False)
        private = ArticlePageFactory(parent=blog_index)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        for page_id in (draft.pk, private.pk, blog_index.pk, blog_index.get_parent().pk):
            assert beacon(client, page_id).status_code == 204
        assert not ArticleTally.objects.exists()

    def test_an_article_made_private_or_unpublished_is_no_longer_counted(self, client, article):
        beacon(client, article.pk)
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
        beacon(client, article.pk)
        PageViewRestriction.objects.all().delete()
        beacon(client, article.pk)
        article.unpublish()
        beacon(client, article.pk)
        assert figures(article) == {today(): (2, 0)}


class TestLimits:
    def test_one_visitor_counts_at_most_twenty_times_an_hour_per_article_and_event(
        self, client, article
    ):
        for _ in range(25):
            assert beacon(client, article.pk).status_code == 204
        beacon(client, article.pk, "end")
        assert figures(article) == {today(): (20, 1)}
        # Another visitor (address) still counts.
        beacon(client, article.pk, REMOTE_ADDR="192.0.2.7")
        assert figures(article) == {today(): (21, 1)}

    def test_and_at_most_so_often_in_all(self, client, article, monkeypatch):
        monkeypatch.setattr(views, "PER_VISITOR", Limit("reading-visitor-test", 3, 3600))
        other = ArticlePageFactory(parent=article.get_parent())
        for page in (article, other, article, other):
            beacon(client, page.pk)
        assert figures(article) == {today(): (2, 0)}
        assert figures(other) == {today(): (1, 0)}


class TestTheArticlePage:
    def test_carries_its_id_the_script_and_the_marker_of_its_end(self, client, article):
        html = client.get(article.url).content.decode()
        assert (
            f'<script src="/static/js/reading.js" defer data-article="{article.pk}" '
            f'data-url="{BEACON_URL}"></script>'
        ) in html
        body_end = html.index('class="article__body')
        assert html.index("data-reading-end", body_end) > body_end
        # Its links to the story and guest-blog forms are marked for the script.
        assert (
            'class="contribution-cta" aria-labelledby="contribution-cta-title" data-from-article'
            in html
        )

    def test_a_page_from_the_cache_is_counted_all_the_same(self, client, article, settings):
        settings.PAGE_CACHE = True
        client.get(article.url)
        cached = client.get(article.url)
        assert cached["X-Page-Cache"] == "hit"
        assert f'data-article="{article.pk}"' in cached.content.decode()
        beacon(client, article.pk)
        beacon(client, article.pk)
        assert figures(article) == {today(): (2, 0)}

    def test_a_preview_counts_nothing(self, editor, article):
        from django.urls import reverse

        html = editor.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
        html = html.content.decode()
        assert "reading.js" not in html
        assert "data-reading-end" in html


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    article_id=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200)),
    event=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200)),
)
def test_hostile_values_are_never_an_error_nor_counted(client, article, article_id, event):
    response = client.post(BEACON_URL, {"article": article_id, "event": event}, **FROM_THE_SITE)
    assert response.status_code == 204
    assert not ArticleTally.objects.exists()
