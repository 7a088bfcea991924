"""Blog › Planning: the editors' overview of drafts, reviews, scheduled and
recent articles; and the authors and dates in the blog's page listing."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Page, TaskState, WorkflowState

from blog.admin_planning import SECTIONS
from blog.models import ArticlePage, ArticlePageAuthor
from blog.planning import RECENT_DAYS, relative_time
from blog.review import REVIEW_TASK
from tests.admin_helpers import dutch, member_of, refused
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from tests.conftest import make_site, shared_data
from tests.themes.factories import ThemeFactory
from users.roles import EDITORS, GUEST_AUTHORS

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("planning")]

PLANNING_URL = "/admin/planning/"
NOW = timezone.now()
WAITING_SINCE = NOW - datetime.timedelta(days=3, hours=2)
GOES_LIVE = NOW + datetime.timedelta(days=5, hours=2)


def publish(article, user=None):
    article.save_revision(user=user).publish(user=user)
    return ArticlePage.objects.get(pk=article.pk)


def set_authors(article, *authors):
    article.article_authors = [ArticlePageAuthor(author=author) for author in authors]


def build_world():
    """One article in each state, with the people and themes to tell them apart."""
    user_model = get_user_model()
    blog_index = BlogIndexPageFactory(parent=make_site())
    editor = member_of(user_model, EDITORS, "roos", first_name="Roos", last_name="Redacteur")
    guest = member_of(user_model, GUEST_AUTHORS, "ilse", first_name="Ilse", last_name="Bos")
    marieke, jeroen, ilse = (
        AuthorFactory(name="Marieke van Dalen"),
        AuthorFactory(name="Jeroen Bakker"),
        AuthorFactory(name="Ilse Bos", user=guest),
    )
    passend, team = ThemeFactory(name="Passend onderwijs"), ThemeFactory(name="Zorg voor het team")

    # A draft whose newest version changed its title, author and theme: only in a revision.
    draft = ArticlePageFactory(
        parent=blog_index,
        live=False,
        title="Eerste opzet",
        authors=[marieke],
        themes=[team],
        publication_date=None,
    )
    draft.save_revision(user=editor)
    draft.title = "Het schooljaarplan als moreel document"
    set_authors(draft, jeroen)
    draft.themes.set([passend])
    draft.save_revision(user=editor)

    # Live, with a newer version not published yet.
    changed = publish(ArticlePageFactory(parent=blog_index, live=False, title="De schorsing"))
    changed.title = "De schorsing, herschreven"
    changed.save_revision(user=editor)

    # A guest's draft in review for three days, anonymous at her request.
    in_review = ArticlePageFactory(
        parent=blog_index,
        live=False,
        owner=guest,
        title="Een jaar zonder intern begeleider",
        authors=[ilse],
        themes=[passend],
        publish_anonymously=True,
    )
    in_review.save_revision(user=guest)
    blog_index.get_workflow().start(in_review, guest)
    task_state = WorkflowState.objects.get(object_id=str(in_review.pk)).current_task_state
    TaskState.objects.filter(pk=task_state.pk).update(started_at=WAITING_SINCE)

    # Another guest's draft sent back for changes: a draft again.
    sent_back = ArticlePageFactory(
        parent=blog_index, live=False, owner=guest, title="Wat ouders zeiden", authors=[ilse]
    )
    sent_back.save_revision(user=guest)
    blog_index.get_workflow().start(sent_back, guest)
    state = WorkflowState.objects.get(object_id=str(sent_back.pk))
    state.current_task_state.reject(user=editor)

    # Scheduled to go live in five days.
    scheduled = ArticlePageFactory(
        parent=blog_index, live=False, title="Wachten op jeugdhulp", authors=[marieke]
    )
    scheduled.go_live_at = GOES_LIVE
    scheduled.save_revision(user=editor).publish(user=editor)

    # Published today, anonymously; and one published long ago.
    recent = publish(
        ArticlePageFactory(
            parent=blog_index,
            live=False,
            title="Thuiszitter",
            authors=[jeroen],
            themes=[passend, team],
            publish_anonymously=True,
        )
    )
    old = publish(ArticlePageFactory(parent=blog_index, live=False, title="Oud nieuws"))
    Page.objects.filter(pk=old.pk).update(
        first_published_at=NOW - datetime.timedelta(days=RECENT_DAYS + 5)
    )
    return {
        "blog_index": blog_index.pk,
        "editor": editor.pk,
        "guest": guest.pk,
        "draft": draft.pk,
        "changed": changed.pk,
        "in_review": in_review.pk,
        "sent_back": sent_back.pk,
        "scheduled": scheduled.pk,
        "recent": recent.pk,
        "old": old.pk,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as built:
        yield built


def client_of(user_pk):
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_pk))
    return client


@pytest.fixture
def as_editor(world):
    return client_of(world["editor"])


def words(element):
    return " ".join(element.get_text().split())


def section(html, key):
    """{title: the row's cells as text} of one section's table, and the section's text."""
    soup = BeautifulSoup(html, "html.parser").find(id=f"planning-{key}")
    rows = {}
    for row in soup.select("tbody tr"):
        title = row.find("th", scope="row")
        rows[words(title)] = [words(cell) for cell in row.find_all(["th", "td"])]
    return rows, words(soup)


def rows_per_section(html):
    return [len(section(html, key)[0]) for key in SECTIONS]


def dutch_moment(moment):
    with translation.override("nl"):
        return date_format(timezone.localtime(moment), "j F Y, H:i")


def test_drafts_show_their_newest_version_and_where_they_stand(as_editor, world):
    html = as_editor.get(PLANNING_URL).content.decode()
    rows, text = section(html, "drafts")
    assert set(rows) == {
        "Het schooljaarplan als moreel document",
        "De schorsing, herschreven",
        "Wat ouders zeiden",
    }
    title, authors, themes, standing, edited = rows["Het schooljaarplan als moreel document"]
    assert authors == "Jeroen Bakker"
    assert themes == "Passend onderwijs"
    assert standing == "Nooit gepubliceerd"
    draft = ArticlePage.objects.get(pk=world["draft"])
    assert dutch_moment(draft.latest_revision_created_at) in edited
    assert "zojuist" in edited or "geleden" in edited
    assert rows["De schorsing, herschreven"][3] == "Live, met nieuwere wijzigingen"
    assert rows["Wat ouders zeiden"][3] == "Wijzigingen gevraagd"
    assert "Eerste opzet" not in text
    assert "Marieke" not in rows[title][1]


def test_each_title_links_to_its_editor(as_editor, world):
    soup = BeautifulSoup(as_editor.get(PLANNING_URL).content, "html.parser")
    for key, pk in [
        ("drafts", "draft"),
        ("in_review", "in_review"),
        ("scheduled", "scheduled"),
        ("recently_published", "recent"),
    ]:
        edit_url = reverse("wagtailadmin_pages:edit", args=[world[pk]])
        link = soup.find(id=f"planning-{key}").select_one(f'th[scope="row"] a[href="{edit_url}"]')
        assert link is not None, key


def test_in_review_says_which_step_who_reviews_and_since_when(as_editor, world):
    rows, _ = section(as_editor.get(PLANNING_URL).content.decode(), "in_review")
    assert list(rows) == ["Een jaar zonder intern begeleider"]
    _, authors, themes, step, reviewers, since = rows["Een jaar zonder intern begeleider"]
    assert authors == "Ilse Bos anoniem"  # named for the editors, marked as anonymous
    assert themes == "Passend onderwijs"
    assert step == REVIEW_TASK
    assert reviewers == EDITORS
    assert dutch_moment(WAITING_SINCE) in since
    assert "3 dagen geleden" in since


def test_scheduled_shows_the_version_that_will_go_live_and_when(as_editor, world):
    rows, _ = section(as_editor.get(PLANNING_URL).content.decode(), "scheduled")
    assert list(rows) == ["Wachten op jeugdhulp"]
    _, authors, _, goes_live = rows["Wachten op jeugdhulp"]
    assert authors == "Marieke van Dalen"
    assert dutch_moment(GOES_LIVE) in goes_live
    assert "over 5 dagen" in goes_live


def test_a_scheduled_change_to_a_live_article_shows_its_new_version(as_editor, world):
    live = ArticlePage.objects.get(pk=world["recent"])
    live.title, live.go_live_at = "Thuiszitter, bijgewerkt", GOES_LIVE
    live.save_revision().publish()

    html = as_editor.get(PLANNING_URL).content.decode()
    scheduled, _ = section(html, "scheduled")
    recent, _ = section(html, "recently_published")
    drafts, _ = section(html, "drafts")
    assert "Thuiszitter, bijgewerkt" in scheduled
    assert "Thuiszitter" in recent  # what readers see until then
    assert "Thuiszitter, bijgewerkt" not in drafts  # nothing newer than the scheduled version


def test_recently_published_lists_the_last_days_newest_first(as_editor, world):
    rows, _ = section(as_editor.get(PLANNING_URL).content.decode(), "recently_published")
    assert "Oud nieuws" not in rows
    assert list(rows)[0] == "Thuiszitter"
    _, authors, themes, published = rows["Thuiszitter"]
    assert authors == "Jeroen Bakker anoniem"
    assert themes == "Passend onderwijs, Zorg voor het team"
    recent = ArticlePage.objects.get(pk=world["recent"])
    assert dutch_moment(recent.first_published_at) in published


def test_the_page_is_dutch_and_its_tables_say_what_they_hold(as_editor, world):
    soup = BeautifulSoup(as_editor.get(PLANNING_URL).content, "html.parser")
    assert words(soup.find("h1")) == "Planning"
    headings = [words(h2) for h2 in soup.select("section h2")]
    assert headings == ["Concept", "Ter beoordeling", "Gepland", "Recent gepubliceerd"]
    for table in soup.select("section table"):
        assert words(table.caption)
        assert all(th.get("scope") == "col" for th in table.select("thead th"))
        assert all(row.find("th", scope="row") for row in table.select("tbody tr"))
        region = table.find_parent("div")
        assert region["tabindex"] == "0"
        assert region["role"] == "region"


def test_empty_sections_say_so(as_editor, world):
    ArticlePage.objects.all().delete()
    html = as_editor.get(PLANNING_URL).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("section table")
    for key, texts in SECTIONS.items():
        expected = dutch(texts["empty"]) % {"days": RECENT_DAYS}
        assert expected in words(soup.find(id=f"planning-{key}")), key
    assert "Er is in de laatste 30 dagen geen artikel gepubliceerd." in html


def test_the_editors_find_it_under_blog_in_the_menu(as_editor, world):
    html = as_editor.get("/admin/").content.decode()
    assert PLANNING_URL in html


def test_a_guest_author_is_refused_and_offered_no_link(world):
    as_guest = client_of(world["guest"])
    assert refused(as_guest.get(PLANNING_URL))
    assert PLANNING_URL not in as_guest.get("/admin/").content.decode()


def test_anyone_without_the_editorial_permission_is_refused(client, django_user_model, world):
    from tests.admin_helpers import make_user

    client.force_login(make_user(django_user_model, "beheer-van-iets-anders"))
    assert refused(client.get(PLANNING_URL))


def test_relative_times_in_dutch():
    now = timezone.now()
    with translation.override("nl"):
        said = [
            relative_time(now - datetime.timedelta(days=3, hours=1), now),
            relative_time(now + datetime.timedelta(days=14, hours=1), now),
            relative_time(now - datetime.timedelta(seconds=20), now),
        ]
    # Without a line break inside "3 dagen" (a no-break space).
    assert said == ["3\xa0dagen geleden", "over 2\xa0weken", "zojuist"]


class TestQueries:
    """The planning costs as many queries with 30 articles in each section as with 3."""

    def add_articles(self, world, number):
        """`number` articles in each section, each with two authors and two themes."""
        blog_index = Page.objects.get(pk=world["blog_index"]).specific
        guest = get_user_model().objects.get(pk=world["guest"])
        workflow = blog_index.get_workflow()
        authors = [AuthorFactory(), AuthorFactory()]
        themes = [ThemeFactory(), ThemeFactory()]

        def article(**fields):
            return ArticlePageFactory(
                parent=blog_index, live=False, authors=authors, themes=themes, **fields
            )

        for n in range(number):
            article().save_revision()
            review = article(owner=guest)
            review.save_revision(user=guest)
            workflow.start(review, guest)
            scheduled = article(go_live_at=GOES_LIVE + datetime.timedelta(hours=n))
            scheduled.save_revision().publish()
            publish(article())

    def count(self, client):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PLANNING_URL)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    def test_thirty_cost_what_three_cost(self, as_editor, world):
        ArticlePage.objects.all().delete()
        self.add_articles(world, 3)
        as_editor.get(PLANNING_URL)  # warm what is kept between requests (content types)
        three, html = self.count(as_editor)
        assert rows_per_section(html) == [3, 3, 3, 3]
        self.add_articles(world, 27)
        thirty, html = self.count(as_editor)
        assert rows_per_section(html) == [30, 30, 30, 30]
        assert thirty == three


class TestExplorerColumns:
    """The blog's page listing names each article's authors and date, for the editors."""

    def explore(self, client, world, query=""):
        url = reverse("wagtailadmin_explore", args=[world["blog_index"]]) + query
        return BeautifulSoup(client.get(url).content, "html.parser")

    def rows(self, soup):
        headers = [words(th) for th in soup.select("table.listing thead th")]
        found = {}
        for row in soup.select("table.listing tbody tr"):
            cells = [words(cell) for cell in row.find_all("td")]
            title = words(row.select_one("td.title a, td.title"))
            found[title] = dict(zip(headers, cells, strict=False))
        return headers, found

    def row_for(self, rows, title):
        return next(cells for name, cells in rows.items() if name.startswith(title))

    def test_the_editors_see_author_and_publication_date(self, as_editor, world):
        headers, rows = self.rows(self.explore(as_editor, world))
        assert "Auteur" in headers
        assert "Publicatiedatum" in headers
        thuiszitter = self.row_for(rows, "Thuiszitter")
        assert thuiszitter["Auteur"] == "Jeroen Bakker anoniem"
        recent = ArticlePage.objects.get(pk=world["recent"])
        with translation.override("nl"):
            expected = date_format(recent.publication_date, "j F Y")
        assert thuiszitter["Publicatiedatum"] == expected
        # A draft: its newest version's author; no date until it goes live.
        draft = self.row_for(rows, "Het schooljaarplan als moreel document")
        assert draft["Auteur"] == "Jeroen Bakker"

    def test_also_in_search_results(self, as_editor, world):
        _, rows = self.rows(self.explore(as_editor, world, "?q=Thuiszitter"))
        assert self.row_for(rows, "Thuiszitter")["Auteur"] == "Jeroen Bakker anoniem"

    def test_without_its_own_date_the_day_of_first_publication(self, as_editor, world):
        recent = ArticlePage.objects.get(pk=world["recent"])
        ArticlePage.objects.filter(pk=recent.pk).update(publication_date=None)
        _, rows = self.rows(self.explore(as_editor, world))
        with translation.override("nl"):
            expected = date_format(timezone.localdate(recent.first_published_at), "j F Y")
        assert self.row_for(rows, "Thuiszitter")["Publicatiedatum"] == expected
        assert self.row_for(rows, "Het schooljaarplan")["Publicatiedatum"] == "nog niet"

    def test_a_guest_author_gets_no_such_columns(self, world):
        soup = self.explore(client_of(world["guest"]), world)
        headers, rows = self.rows(soup)
        assert "Auteur" not in headers
        assert "Publicatiedatum" not in headers
        assert "Thuiszitter" in " ".join(rows)  # live: she sees it, not who wrote it
        text = words(soup)
        for name in ("Jeroen Bakker", "Marieke van Dalen"):
            assert name not in text

    def test_the_columns_cost_no_query_per_article(self, as_editor, world):
        self.explore(as_editor, world)
        with CaptureQueriesContext(connection) as few:
            self.explore(as_editor, world)
        TestQueries().add_articles(world, 5)
        self.explore(as_editor, world)  # what publishing made stale is remembered again
        with CaptureQueriesContext(connection) as more:
            soup = self.explore(as_editor, world)
        assert len(soup.select("table.listing tbody tr")) > 20
        assert len(more) == len(few)
