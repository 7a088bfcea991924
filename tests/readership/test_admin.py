"""The editors' reading figures: the dashboard panel, the overview per article,
each article's report with its weeks (chart and table), and who sees them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from readership.admin_views import first_day_of
from readership.models import ArticleTally, week_start
from tests.admin_helpers import csv_rows, make_user, member_of, refused
from tests.blog.factories import ArticlePageFactory

from .factories import ArticleTallyFactory

pytestmark = pytest.mark.django_db

OVERVIEW_URL = "/admin/reports/reading-figures/"


def report_url(article):
    return reverse("readership_article", args=[article.pk])


def days_ago(number):
    return timezone.localdate() - datetime.timedelta(days=number)


@pytest.fixture
def other(blog_index):
    return ArticlePageFactory(parent=blog_index, title="Zorg voor het team")


@pytest.fixture
def figures(article, other):
    """This week and the weeks before, for two articles."""
    this_week = week_start(timezone.localdate())
    ArticleTallyFactory(
        article=article, day=this_week, views=30, reads_to_end=12, downloads=2, signups=1
    )
    ArticleTallyFactory(
        article=article, day=this_week - datetime.timedelta(days=7), views=50, reads_to_end=20
    )
    ArticleTallyFactory(
        article=article,
        day=this_week - datetime.timedelta(days=5),  # a Wednesday, the week before too
        views=5,
        reads_to_end=1,
        stories=1,
    )
    ArticleTallyFactory(article=other, day=this_week, views=8, reads_to_end=3)
    # Longer ago than any report's twelve weeks, and the dashboard's four.
    ArticleTallyFactory(
        article=other, day=this_week - datetime.timedelta(weeks=20), views=999, reads_to_end=0
    )
    return this_week


def element(html, element_id):
    """The element with this id in the page, from its start tag to its end tag
    (for tables and lists, which hold no element of their own kind)."""
    start = html.rindex("<", 0, html.index(f'id="{element_id}"'))
    tag = html[start + 1 :].split(maxsplit=1)[0]
    return html[start : html.index(f"</{tag}>", start) + len(tag) + 3]


def total(label, value):
    return f'<div class="w-mr-4"><dt>{label}</dt><dd class="w-m-0 w-font-bold">{value}</dd></div>'


def row(*cells):
    head, *rest = cells
    return (
        f'<tr><th scope="row">{head}</th>' + "".join(f"<td>{cell}</td>" for cell in rest) + "</tr>"
    )


class TestDashboard:
    def test_the_last_four_weeks_and_the_most_read_articles(self, editor, article, figures):
        html = editor.get(reverse("wagtailadmin_home")).content.decode()
        assert "Leescijfers van de laatste vier weken" in html
        panel = element(html, "reading-last-weeks")
        assertInHTML(row(figures.strftime("%-d ") + month(figures), 38, 15, 2, 0, 1), panel)
        before = figures - datetime.timedelta(days=7)
        assertInHTML(row(before.strftime("%-d ") + month(before), 55, 21, 0, 1, 0), panel)
        most_read = element(html, "reading-most-read")
        assertInHTML(
            f'<tr><th scope="row"><a href="{report_url(article)}">{article.title}</a></th>'
            "<td>85</td><td>33</td></tr>",
            most_read,
        )
        assert most_read.index(article.title) < most_read.index("Zorg voor het team")
        assert f"{OVERVIEW_URL}?day_from={first_day_of(4).isoformat()}" in html

    def test_without_figures(self, editor, home_page):
        html = editor.get(reverse("wagtailadmin_home")).content.decode()
        assert "Geen artikel gelezen in de laatste vier weken." in html

    def test_the_editors_see_it_a_guest_author_and_a_mere_admin_user_not(
        self, client, django_user_model, figures
    ):
        client.force_login(member_of(django_user_model, "Redactie", "redacteur"))
        assert "reading-last-weeks" in client.get(reverse("wagtailadmin_home")).content.decode()
        for user in (
            member_of(django_user_model, "Gastauteurs", "gast"),
            make_user(django_user_model, "beheer"),
        ):
            client.force_login(user)
            html = client.get(reverse("wagtailadmin_home")).content.decode()
            assert "reading-last-weeks" not in html
            assert "Leescijfers" not in html

    def test_its_queries_do_not_grow_with_the_articles_and_days(self, editor, figures, blog_index):
        editor.get(reverse("wagtailadmin_home"))
        with CaptureQueriesContext(connection) as few:
            editor.get(reverse("wagtailadmin_home"))
        for number in range(6):
            more = ArticlePageFactory(parent=blog_index)
            for day in range(10):
                ArticleTallyFactory(article=more, day=days_ago(day), views=number + day)
        with CaptureQueriesContext(connection) as many:
            editor.get(reverse("wagtailadmin_home"))
        assert len(many) == len(few)


def month(day):
    return ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"][day.month - 1]  # fmt: skip


class TestOverview:
    def test_every_article_with_its_figures_the_most_read_first(self, editor, article, figures):
        response = editor.get(OVERVIEW_URL)
        assert response.status_code == 200
        html = response.content.decode()
        per_article = html[html.index("Per artikel") :]
        assert per_article.index("Zorg voor het team") < per_article.index(article.title)
        assert f'href="{report_url(article)}"' in html
        totals = element(html, "reading-totals")
        assertInHTML(total("Weergaven", "1.092"), totals)

    def test_a_period_adds_up_only_its_days(self, editor, article, other, figures):
        response = editor.get(OVERVIEW_URL, {"day_from": figures.isoformat(), "export": "csv"})
        heading, *rows = csv_rows(response)
        assert heading == [
            "Artikel",
            "Weergaven",
            "Tot het eind gelezen",
            "Downloads",
            "Verhalen en gastblogs",
            "Aanmeldingen nieuwsbrief",
        ]
        assert rows == [
            [article.title, "30", "12", "2", "0", "1"],
            [other.title, "8", "3", "0", "0", "0"],
        ]

    def test_one_article(self, editor, other, figures):
        heading, *rows = csv_rows(editor.get(OVERVIEW_URL, {"article": other.pk, "export": "csv"}))
        assert rows == [[other.title, "1007", "3", "0", "0", "0"]]

    def test_its_queries_do_not_grow_with_the_articles_and_days(self, editor, figures, blog_index):
        editor.get(OVERVIEW_URL)
        with CaptureQueriesContext(connection) as few:
            editor.get(OVERVIEW_URL)
        for number in range(6):
            more = ArticlePageFactory(parent=blog_index)
            for day in range(10):
                ArticleTallyFactory(article=more, day=days_ago(day), views=number + day)
        with CaptureQueriesContext(connection) as many:
            response = editor.get(OVERVIEW_URL)
        assert response.content.decode().count("<tr") >= 9
        assert len(many) == len(few)

    def test_in_the_reports_menu_of_the_editors_only(self, client, django_user_model):
        client.force_login(member_of(django_user_model, "Redactie", "redacteur"))
        assert OVERVIEW_URL in client.get(reverse("wagtailadmin_home")).content.decode()
        assert client.get(OVERVIEW_URL).status_code == 200
        client.force_login(make_user(django_user_model, "beheer"))
        assert OVERVIEW_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
        assert refused(client.get(OVERVIEW_URL))


class TestArticleReport:
    def test_twelve_weeks_as_a_table_the_newest_first(self, editor, article, figures):
        response = editor.get(report_url(article))
        assert response.status_code == 200
        html = response.content.decode()
        assert article.title in html
        table = element(html, "reading-weeks")
        assert table.count('<th scope="row">') == 12
        this_week = figures.strftime("%-d ") + month(figures) + figures.strftime(" %Y")
        assertInHTML(row(this_week, 30, 12, 2, 0, 1), table)
        before = figures - datetime.timedelta(days=7)
        before_week = before.strftime("%-d ") + month(before) + before.strftime(" %Y")
        assertInHTML(row(before_week, 55, 21, 0, 1, 0), table)
        assert table.index(this_week) < table.index(before_week)
        oldest = first_day_of(12)
        assertInHTML(
            row(oldest.strftime("%-d ") + month(oldest) + oldest.strftime(" %Y"), 0, 0, 0, 0, 0),
            table,
        )

    def test_the_totals_with_the_share_read_to_the_end(self, editor, article, figures):
        html = editor.get(report_url(article)).content.decode()
        totals = element(html, "reading-totals")
        assertInHTML(total("Weergaven", 85), totals)
        assertInHTML(total("Tot het eind gelezen", "33 (39% van de weergaven)"), totals)
        assertInHTML(total("Downloads", 2), totals)
        assertInHTML(total("Verhalen en gastblogs", 1), totals)
        assertInHTML(total("Aanmeldingen nieuwsbrief", 1), totals)

    def test_a_chart_with_a_bar_per_week_and_figure_hidden_from_screen_readers(
        self, editor, article, figures
    ):
        html = editor.get(report_url(article)).content.decode()
        chart = html[html.index("<figure") : html.index("</figure>")]
        assert 'aria-hidden="true"' in chart
        assert chart.count("<rect x=") == 24
        # The highest bar (55 views, on a scale to 100) is 55% of the plot's 160 units.
        assert 'height="88.0"' in chart
        assert "<title>Week van" in chart

    def test_its_queries_do_not_grow_with_the_days(self, editor, article, figures):
        editor.get(report_url(article))
        with CaptureQueriesContext(connection) as few:
            editor.get(report_url(article))
        taken = set(ArticleTally.objects.filter(article=article).values_list("day", flat=True))
        for day in range(80):
            if days_ago(day) not in taken:
                ArticleTallyFactory(article=article, day=days_ago(day), views=day)
        with CaptureQueriesContext(connection) as many:
            editor.get(report_url(article))
        assert len(many) == len(few)

    def test_an_article_without_figures(self, editor, article):
        html = editor.get(report_url(article)).content.decode()
        assertInHTML(total("Weergaven", 0), element(html, "reading-totals"))

    def test_no_report_for_a_page_that_is_no_article(self, editor, blog_index):
        assert editor.get(reverse("readership_article", args=[blog_index.pk])).status_code == 404
        assert editor.get(reverse("readership_article", args=[999999])).status_code == 404

    def test_linked_from_the_explorer_and_the_editor(self, editor, article, blog_index):
        explorer = editor.get(reverse("wagtailadmin_explore", args=[blog_index.pk]))
        assert f'href="{report_url(article)}"' in explorer.content.decode()
        edit = editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        assert f'href="{report_url(article)}"' in edit.content.decode()
        blog = editor.get(reverse("wagtailadmin_pages:edit", args=[blog_index.pk]))
        assert f'href="{report_url(blog_index)}"' not in blog.content.decode()

    def test_refused_to_a_guest_author_even_for_their_own_article(
        self, client, django_user_model, blog_index, figures
    ):
        guest = member_of(django_user_model, "Gastauteurs", "gast")
        own = ArticlePageFactory(parent=blog_index, owner=guest)
        ArticleTallyFactory(article=own, views=7)
        client.force_login(guest)
        assert refused(client.get(report_url(own)))
        explorer = client.get(reverse("wagtailadmin_explore", args=[blog_index.pk]))
        assert report_url(own) not in explorer.content.decode()

    def test_refused_to_an_admin_user_without_the_permission(
        self, client, django_user_model, article
    ):
        client.force_login(make_user(django_user_model, "beheer"))
        assert refused(client.get(report_url(article)))
        client.force_login(make_user(django_user_model, "lezer", "readership.view_articletally"))
        assert client.get(report_url(article)).status_code == 200
