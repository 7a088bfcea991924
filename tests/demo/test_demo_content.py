import datetime
import io
import json
import re
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site

from authors.models import Author
from blog import demo as demo_planning
from blog.models import ArticlePage, ArticleRelatedResource, BlogIndexPage
from contributions.models import RecognitionPage, Story
from conversations import links
from demo import documents as demo_documents
from demo.management.commands.ensure_demo_accounts import GUEST_DRAFT_TITLE
from home.models import HomePage
from pages.models import ContentPage, PrivacyPage
from resources.models import PromoBanner, ResourceIndexPage, ResourcePage
from tests.conftest import shared_data, tree_root
from themes.models import Theme

# One worker builds the shared demo content and runs all these tests (make test: --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-content")]

CONTENT = Path(__file__).resolve().parents[2] / "demo" / "demo_content"


def demo_articles():
    return [json.loads(p.read_text()) for p in sorted((CONTENT / "articles").glob("*.json"))]


def demo_resources():
    return json.loads((CONTENT / "resources.json").read_text())


def demo_pages():
    return json.loads((CONTENT / "pages.json").read_text())


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "live", "title")),
        "revisions": Revision.objects.count(),
        "themes": list(Theme.objects.order_by("pk").values_list("pk", "slug")),
        "authors": list(Author.objects.order_by("pk").values_list("pk", "slug")),
        "images": get_image_model().objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
        "documents": list(get_document_model().objects.order_by("pk").values_list("pk", "file")),
        "collections": list(Collection.objects.order_by("pk").values_list("pk", "name")),
        "related_downloads": list(
            ArticleRelatedResource.objects.order_by("pk").values_list("page_id", "resource_id")
        ),
        "banners": list(
            PromoBanner.objects.order_by("pk").values_list("enabled", "text", "link_page_id")
        ),
        "stories": list(Story.objects.order_by("pk").values_list("pk", "on_wall", "wall_text")),
    }


def file_bytes(document):
    with document.open_file() as handle:
        return handle.read()


def pdf_page_count(data):
    """Page objects in the file (not the /Pages tree above them), read without fpdf2."""
    return len(re.findall(rb"/Type\s*/Page\b", data))


def pdf_text_streams(data):
    """The uncompressed content of every Flate-compressed stream in the file."""
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            streams.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return b"\n".join(streams)


def load_and_view_demo_content():
    tree_root()
    call_command("load_demo_content", stdout=io.StringIO())
    # Every page once, so that the tests find its image renditions made.
    client = Client()
    for page in Page.objects.live().specific():
        client.get(page.url)
    for author in Author.objects.all():
        client.get(f"/blog/auteur/{author.slug}/")


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module (tests.conftest.shared_data)."""
    with shared_data(django_db_blocker, load_and_view_demo_content):
        yield


@pytest.fixture
def demo_site(demo_content, db):
    pass


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
        # A draft has no date yet: it gets the day it goes live.
        assert article.publication_date or not (article.live or article.go_live_at), article.title
        assert article.authors(), article.title
        assert article.tagged_items.exists(), article.title
        assert article.reading_time >= 3, article.title


def test_one_demo_article_is_published_anonymously(client, demo_site):
    (article,) = ArticlePage.objects.filter(publish_anonymously=True)
    (author,) = article.authors()  # still linked, for the editors
    assert author.slug == "jeroen-bakker"

    html = client.get(article.url).content.decode()
    # The article itself, without the related articles after it (his may be among them).
    story = html.split('<article class="article">', 1)[1].split('<section class="related', 1)[0]
    assert article.title in story
    assert author.name not in story
    assert f"/blog/auteur/{author.slug}/" not in html
    author_page = client.get(f"/blog/auteur/{author.slug}/").content.decode()
    assert article.title not in author_page
    assert "Thuiszitter" in author_page  # the article he wrote under his own name


def test_the_planning_shows_something_in_every_section(client, settings, demo_site):
    """With the demo accounts of `make run` (and the guest's draft in review)."""
    settings.DEBUG = True
    call_command("ensure_demo_accounts", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="redacteur"))
    soup = BeautifulSoup(client.get("/admin/planning/").content, "html.parser")
    shown = {
        key: [" ".join(th.get_text().split()) for th in soup.select(f"#planning-{key} tbody th")]
        for key in ("drafts", "in_review", "scheduled", "recently_published")
    }
    assert shown["drafts"] == [demo_planning.DRAFT["title"]]
    assert shown["in_review"] == [GUEST_DRAFT_TITLE]
    assert shown["scheduled"] == [demo_planning.SCHEDULED["title"]]
    assert len(shown["recently_published"]) == len(demo_articles())
    scheduled = ArticlePage.objects.get(slug=demo_planning.SCHEDULED["slug"])
    assert not scheduled.live
    assert scheduled.go_live_at > timezone.now() + datetime.timedelta(days=6)


def test_running_twice_changes_nothing(demo_site):
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert snapshot() == before
    assert "nothing changed" in out.getvalue()


def test_builds_the_downloads_page_with_an_ebook_and_a_questionnaire_as_pdf(demo_site):
    downloads = ResourceIndexPage.objects.child_of(HomePage.objects.get()).live().get()
    assert downloads.title == "Downloads"
    resources = ResourcePage.objects.child_of(downloads).live()
    assert sorted(resources.values_list("kind", flat=True)) == ["ebook", "questionnaire"]

    ebook = resources.get(kind="ebook")
    assert ebook.gated
    questionnaire = resources.get(kind="questionnaire")
    assert questionnaire.access == "open"
    assert not questionnaire.gated
    for resource in resources:
        assert resource.summary, resource.title
        assert resource.description, resource.title
        assert resource.cover_image.description, resource.title
        assert resource.tagged_items.exists(), resource.title
        assert resource.document.collection.name == "Downloads"
        data = file_bytes(resource.document)
        assert data.startswith(b"%PDF-"), resource.title
        assert pdf_page_count(data) > 1, resource.title
        assert resource.document.file_extension == "pdf"
        assert resource.document.file_size == len(data)


def test_the_questionnaire_has_sections_of_open_and_scale_questions(demo_site):
    questionnaire = ResourcePage.objects.get(kind="questionnaire")
    assert questionnaire.is_questionnaire
    sections = [block.value for block in questionnaire.questions]
    assert 3 <= len(sections) <= 4
    answer_types = set()
    for section in sections:
        assert section["title"]
        assert 3 <= len(section["questions"]) <= 5, section["title"]
        answer_types |= {question["answer_type"] for question in section["questions"]}
    assert answer_types == {"open", "scale"}


def test_the_questionnaire_offers_a_team_conversation_with_all_its_questions(client, demo_site):
    questionnaire = ResourcePage.objects.get(kind="questionnaire")
    start_url = f"/nagesprek/starten/{questionnaire.pk}/"
    assert f'href="{start_url}"' in client.get(questionnaire.url).content.decode()

    leader_page = client.post(start_url, {"title": "Nagesprek groep 6"})
    assert leader_page.status_code == 302
    code = leader_page["Location"].split("/")[3]
    team_form = client.get(f"/nagesprek/doe-mee/{links.team_code(code)}/").content.decode()
    data = next(item for item in demo_resources()["resources"] if item["kind"] == "questionnaire")
    for section in data["questions"]:
        for question in section["questions"]:
            assert escape(question["question"]) in team_form


def test_the_banner_is_on_and_points_at_the_ebook(client, demo_site):
    banner = PromoBanner.for_site(Site.objects.get(is_default_site=True))
    ebook = ResourcePage.objects.get(kind="ebook")
    assert banner.enabled
    assert banner.shown
    assert banner.link_page_id == ebook.pk
    html = client.get("/").content.decode()
    assert banner.text in html
    assert f'href="{ebook.url}"' in html


def test_the_questionnaire_is_recommended_with_articles_on_pupil_care(demo_site):
    questionnaire = ResourcePage.objects.get(kind="questionnaire")
    articles = ArticlePage.objects.filter(related_resources__resource=questionnaire)
    assert 1 <= articles.count() <= 2
    for article in articles:
        themes = set(article.themes.values_list("slug", flat=True))
        assert themes & {"passend-onderwijs", "leerlingenzorg"}, article.title
        # Published, and in the revision an editor opens in the admin.
        assert not article.has_unpublished_changes
        draft = article.get_latest_revision_as_object()
        assert [item.resource_id for item in draft.related_resources.all()] == [questionnaire.pk]


def test_an_editors_changes_survive_a_second_run(demo_site):
    banner = PromoBanner.for_site(Site.objects.get(is_default_site=True))
    banner.enabled = False
    banner.save()
    ebook = ResourcePage.objects.get(kind="ebook")
    ebook.title = "Ons e-book"
    ebook.save_revision().publish()
    ArticleRelatedResource.objects.all().delete()

    call_command("load_demo_content", stdout=io.StringIO())

    assert not PromoBanner.for_site(banner.site).enabled
    assert ResourcePage.objects.get(kind="ebook").title == "Ons e-book"
    assert ResourcePage.objects.count() == 2
    assert get_document_model().objects.count() == 2
    assert not ArticleRelatedResource.objects.exists()


def test_builds_the_about_page_and_the_privacy_statement_in_the_footer(
    client, demo_site, settings
):
    home = HomePage.objects.get()
    about = ContentPage.objects.child_of(home).live().get(slug=demo_pages()["about"]["slug"])
    privacy = PrivacyPage.objects.child_of(home).live().get()
    assert about.show_in_menus
    assert privacy.contact_email

    footer = client.get("/").content.decode().split('<nav class="site-footer__links"', 1)[1]
    assert f'<a href="{about.url}">{about.title}</a>' in footer
    assert f'<a href="{privacy.url}">{privacy.title}</a>' in footer
    assert footer.index(about.url) < footer.index(privacy.url)

    settings.PRIVACY_DOWNLOAD_REQUEST_DAYS = 180
    statement = client.get(privacy.url).content.decode()
    assert "het verzoek verwijderen we na 180 dagen" in statement
    assert f'<a href="mailto:{privacy.contact_email}">' in statement
    assert "Contact" in client.get(about.url).content.decode()


def test_an_editors_about_page_and_privacy_statement_survive_a_second_run(demo_site):
    privacy = PrivacyPage.objects.get()
    privacy.slug = "privacyverklaring"
    privacy.contact_email = "avg@school.example"
    privacy.save_revision().publish()
    about = ContentPage.objects.get(slug="over")
    about.title = "Wie we zijn"
    about.show_in_menus = False
    about.save_revision().publish()

    call_command("load_demo_content", stdout=io.StringIO())

    privacy = PrivacyPage.objects.get()  # not a second one under the demo's slug
    assert (privacy.slug, privacy.contact_email) == ("privacyverklaring", "avg@school.example")
    about = ContentPage.objects.get()
    assert (about.title, about.show_in_menus) == ("Wie we zijn", False)


def test_every_demo_download_page_renders(client, demo_site):
    downloads = ResourceIndexPage.objects.get()
    listing = client.get(downloads.url)
    assert listing.status_code == 200
    for item in demo_resources()["resources"]:
        resource = ResourcePage.objects.get(slug=item["slug"])
        assert resource.title in listing.content.decode()
        response = client.get(resource.url)
        assert response.status_code == 200
        assert resource.title in response.content.decode()
    questionnaire = client.get(ResourcePage.objects.get(kind="questionnaire").url)
    data = next(item for item in demo_resources()["resources"] if item["kind"] == "questionnaire")
    first_question = data["questions"][0]["questions"][0]
    assert first_question["question"] in questionnaire.content.decode()


def test_the_open_questionnaire_downloads_and_the_gated_ebook_asks_first(client, demo_site):
    questionnaire = ResourcePage.objects.get(kind="questionnaire")
    response = client.get(questionnaire.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    ebook = ResourcePage.objects.get(kind="ebook")
    response = client.get(ebook.document.url)
    assert response.status_code == 302
    assert response["Location"] == ebook.url


def test_demo_pdfs_are_the_same_every_time():
    item = next(item for item in demo_resources()["resources"] if item["kind"] == "questionnaire")

    def render():
        return demo_documents.render(
            item["title"], item["document"], palette=["#354f52"], questions=item["questions"]
        )

    assert render() == render()


def test_demo_pdfs_write_dutch_text_without_a_font_installed(tmp_path):
    document = {
        "label": "Vragenlijst",
        "subtitle": "Voor één team, met ‘aanhalingstekens’",
        "colophon": "Een uitgave ter illustratie.",
        "chapters": [{"title": "Ideeën", "paragraphs": ["Financiële zorg – en overleg."]}],
    }
    questions = [
        {
            "title": "Wat we zien",
            "questions": [{"question": "Wat zie je?", "answer_type": "scale"}],
        }
    ]
    data = demo_documents.render(
        "Reëel kijken", document, questions=questions, font_dir=tmp_path / "no-fonts"
    )
    assert data.startswith(b"%PDF-")
    assert pdf_page_count(data) == 3  # title page, chapter, questions
    text = pdf_text_streams(data)
    for words in ["Reëel kijken", "Voor één team, met 'aanhalingstekens'", "Ideeën"]:
        assert words.encode("latin-1") in text, words


def test_passend_onderwijs_lists_exactly_the_tagged_demo_articles(client, demo_site):
    expected = {a["title"] for a in demo_articles() if "passend-onderwijs" in a["themes"]}
    response = client.get("/blog/thema/passend-onderwijs/")
    listed = {article.title for article in response.context["articles"]}
    assert expected
    assert listed == expected


@pytest.mark.parametrize(
    "url",
    ["/", "/blog/", "/blog/themas/", "/blog/thema/leiderschapsdilemmas/", "/blog/?page=1"],
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


def test_builds_the_wall_of_recognition_with_sentences_on_the_demo_themes(client, demo_site):
    wall = RecognitionPage.objects.child_of(HomePage.objects.get()).live().get()
    assert (wall.title, wall.url) == ("Herkenning", "/herkenning/")
    stories = Story.objects.on_wall()
    assert stories.count() >= 5
    for story in stories:
        assert story.wall_themes.exists()
        assert (story.name, story.email) == ("", "")
        assert story.wall_consent_text.startswith("Mijn zin mag anoniem op de site")
    html = client.get(wall.url).content.decode()
    for story in stories:
        assert escape(story.wall_text) in html
    # Every demo article has sentences of its themes under it, linking to the wall.
    for article in ArticlePage.objects.live():
        html = client.get(article.url).content.decode()
        assert "Herkenbaar? Anderen schreven:" in html, article.title
        assert 'href="/herkenning/"' in html, article.title


def test_an_editors_changes_to_the_wall_survive_a_second_run(demo_site):
    first, second, *_ = Story.objects.on_wall()
    first.delete()
    second.on_wall = False
    second.save()
    before = snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert snapshot() == before
    assert RecognitionPage.objects.count() == 1
