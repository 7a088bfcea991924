"""The guest author's dashboard: each article once, one state in plain words,
none of Wagtail's workflow terms; the admin in Dutch throughout."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from blog.dashboard import Standing
from blog.models import ArticlePage
from tests.admin_helpers import add_url, article_form, draft_of, dutch

pytestmark = pytest.mark.django_db

JARGON = ["workflow", "pagina's en snippets", "herstarten", "annuleren", "Huidige paginastatus"]


def text_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup(["script", "template", "style"]):
        hidden.decompose()
    return " ".join(soup.get_text().split())


def test_each_article_appears_once_with_one_state(client, ilse, blog_index):
    draft_of(ilse, blog_index, "Mijn concept")
    client.force_login(ilse)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    submitted = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")

    client.get(reverse("wagtailadmin_home"))  # shows the message of the submission
    response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    edit_link = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    assert len(soup.select(f'a[href="{edit_link}"]')) == 1
    text = text_of(response)
    assert text.count("Het gesprek dat ik uitstelde") == 1
    assert text.count("Mijn concept") == 1
    rows = {
        " ".join(row.select_one(".title").get_text().split()): row
        for row in soup.select("#my-articles-section tbody tr")
    }
    assert dutch(Standing.IN_REVIEW) in rows["Het gesprek dat ik uitstelde"].get_text()
    assert dutch(Standing.DRAFT) in rows["Mijn concept"].get_text()
    for word in JARGON:
        assert word.lower() not in text.lower(), word


def test_a_published_article_edited_since_says_so_in_words(client, ilse, blog_index):
    article = draft_of(ilse, blog_index, "Al online")
    article.save_revision().publish()
    article.title = "Al online, herschreven"
    article.save_revision(user=ilse)

    client.force_login(ilse)
    row = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    row = row.select_one("#my-articles-section tbody tr")
    cell = " ".join(row.find_all("td")[1].get_text().split())
    assert cell.startswith("Gepubliceerd Je nieuwste wijzigingen staan nog niet op de site.")


def test_editors_keep_wagtails_dashboard(client, redacteur, ilse, blog_index):
    client.force_login(ilse)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    client.force_login(redacteur)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="my-articles"' not in html
    assert "Het gesprek dat ik uitstelde" in html  # in Wagtail's list to review


def test_times_in_the_admin_are_in_dutch(client, ilse, blog_index):
    client.force_login(ilse)
    client.post(add_url(blog_index), article_form(**{"action-submit": "1"}))
    article = ArticlePage.objects.get(slug="het-gesprek-dat-ik-uitstelde")
    # Submitted a few minutes ago: Wagtail says how long ago (django.contrib.humanize).
    started = timezone.now() - datetime.timedelta(minutes=3)
    article.current_workflow_state.current_task_state.__class__.objects.update(started_at=started)
    text = text_of(client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))))
    assert "ago" not in text.split()
    assert "3 minuten geleden" in text


def test_the_login_page_is_in_dutch(client):
    text = text_of(client.get(reverse("wagtailadmin_login")))
    assert "Wachtwoord*" in text.replace(" *", "*")
    assert "Password" not in text
