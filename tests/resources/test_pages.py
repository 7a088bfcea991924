"""The downloads page, resource pages, and where resources show up elsewhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, ArticleRelatedResource, BlogIndexPage
from caching import page_cache
from home.models import HomePage
from resources.models import ResourceIndexPage, ResourcePage
from tests.blog.factories import ArticlePageFactory, paragraph
from tests.images.factories import ImageFactory
from tests.resources.factories import DocumentFactory, ResourcePageFactory
from tests.themes.factories import ThemeFactory


class ResourcePageTreeTest(WagtailPageTestCase):
    def test_downloads_page_once_under_home_with_only_resources_below(self):
        self.assertCanCreateAt(HomePage, ResourceIndexPage)
        self.assertCanNotCreateAt(Page, ResourceIndexPage)
        self.assertCanNotCreateAt(BlogIndexPage, ResourceIndexPage)
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedSubpageTypes(ResourcePage, set())
        self.assertCanNotCreateAt(BlogIndexPage, ResourcePage)
        assert ResourceIndexPage.max_count == 1


@pytest.fixture
def passend(db):
    return ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")


def listed(response):
    return [resource.title for resource in response.context["resources"]]


@pytest.mark.django_db
class TestDownloadsPage:
    def test_lists_live_resources_with_kind_type_and_size(self, client, resource_index):
        ResourcePageFactory(parent=resource_index, title="Het e-book", kind="ebook")
        ResourcePageFactory(parent=resource_index, title="Nog een concept", live=False)
        response = client.get("/downloads/")
        html = response.content.decode()
        assert listed(response) == ["Het e-book"]
        assert "E-book" in html
        assert "PDF, 77\xa0bytes" in html
        assert "Nog een concept" not in html

    def test_filters_by_kind_and_by_theme(self, client, resource_index, passend):
        other = ThemeFactory(slug="team")
        ResourcePageFactory(parent=resource_index, title="Boek passend", themes=[passend])
        ResourcePageFactory(parent=resource_index, title="Boek team", themes=[other])
        ResourcePageFactory(
            parent=resource_index,
            title="Vragenlijst passend",
            kind="questionnaire",
            themes=[passend],
        )
        assert sorted(listed(client.get("/downloads/?soort=ebook"))) == [
            "Boek passend",
            "Boek team",
        ]
        assert sorted(listed(client.get("/downloads/?thema=passend-onderwijs"))) == [
            "Boek passend",
            "Vragenlijst passend",
        ]
        both = client.get("/downloads/?soort=questionnaire&thema=passend-onderwijs")
        assert listed(both) == ["Vragenlijst passend"]
        # The form offers only themes that have downloads, and keeps the choice.
        html = both.content.decode()
        assert '<option value="passend-onderwijs" selected>' in html
        assert '<option value="questionnaire" selected>' in html

    @pytest.mark.parametrize(
        "query", ["soort=boek", "thema=bestaat-niet", "thema=<script>", "soort=" + "x" * 5000]
    )
    def test_an_unknown_filter_shows_everything_with_a_dutch_note(
        self, client, resource_index, query
    ):
        ResourcePageFactory(parent=resource_index, title="Het e-book")
        response = client.get(f"/downloads/?{query}")
        assert response.status_code == 200
        assert listed(response) == ["Het e-book"]
        html = response.content.decode()
        assert "Dat filter bestaat niet" in html
        assert "<script>" not in html.split("<main", 1)[1]

    def test_paginates_and_keeps_the_filter_in_the_page_links(self, client, resource_index):
        for _ in range(14):
            ResourcePageFactory(parent=resource_index)
        first = client.get("/downloads/?soort=ebook")
        assert len(first.context["resources"]) == 12
        assert 'href="?soort=ebook&amp;page=2"' in first.content.decode()
        assert len(client.get("/downloads/?soort=ebook&page=2").context["resources"]) == 2

    def test_a_page_past_the_end_is_not_found_and_garbage_is_the_first_page(
        self, client, resource_index
    ):
        for _ in range(13):
            ResourcePageFactory(parent=resource_index)
        assert client.get("/downloads/?page=2").status_code == 200
        missing = client.get("/downloads/?page=3")
        assert missing.status_code == 404
        assert "Pagina niet gevonden" in missing.content.decode()
        # Past the end of what the filter leaves: the list has one page then.
        assert client.get("/downloads/?soort=questionnaire&page=2").status_code == 404
        for garbage in ("abc", "0", "-1", ""):
            response = client.get("/downloads/", {"page": garbage})
            assert response.status_code == 200, garbage
            assert response.context["resources"].number == 1, garbage

    def test_query_count_does_not_grow_with_the_number_of_resources(
        self, client, resource_index, passend
    ):
        def count():
            page_cache.invalidate()
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/downloads/?thema=passend-onderwijs").status_code == 200
            return len(queries)

        cover = ImageFactory()
        ResourcePageFactory(parent=resource_index, cover_image=cover, themes=[passend])
        client.get("/downloads/")  # renditions made once
        few = count()
        for _ in range(8):
            ResourcePageFactory(parent=resource_index, cover_image=cover, themes=[passend])
        client.get("/downloads/")
        assert count() == few
        # Right after a publish: the cards' covers, files and renditions are
        # loaded for the cards, in a query each (tests/blog/test_listings.py).
        assert few <= 16


@pytest.mark.django_db
class TestResourcePage:
    def test_shows_what_the_reader_gets(self, client, resource_index, passend, blog_index):
        resource = ResourcePageFactory(
            parent=resource_index,
            title="Werkboek morele reflectie",
            slug="werkboek",
            summary="Tien werkvormen voor je team.",
            description="<h2>Wat erin staat</h2><p>Oefeningen.</p>",
            cover_image=ImageFactory(description="Omslag met golven"),
            themes=[passend],
        )
        html = client.get("/downloads/werkboek/").content.decode()
        assert "<h1>Werkboek morele reflectie</h1>" in html
        assert "Tien werkvormen voor je team." in html
        assert "<h2>Wat erin staat</h2>" in html
        assert 'alt="Omslag met golven"' in html
        assert "PDF, 77\xa0bytes" in html
        assert f'href="{resource.document.url}"' in html
        assert 'href="/blog/thema/passend-onderwijs/"' in html

    def test_a_questionnaire_renders_its_questions_as_a_form_that_sends_nothing(
        self, client, resource_index
    ):
        ResourcePageFactory(
            parent=resource_index,
            slug="vragenlijst",
            kind="questionnaire",
            questions=[
                {
                    "type": "section",
                    "value": {
                        "title": "Het team",
                        "intro": "Neem de tijd.",
                        "questions": [
                            {
                                "question": "Wat valt je op?",
                                "hint": "Denk aan <b>gisteren</b>.",
                                "answer_type": "open",
                            },
                            {
                                "question": "Hoe veilig voelt het?",
                                "hint": "",
                                "answer_type": "scale",
                            },
                        ],
                    },
                }
            ],
        )
        html = client.get("/downloads/vragenlijst/").content.decode()
        assert '<h3 class="questionnaire__section-title">Het team</h3>' in html
        assert "Wat valt je op?" in html
        assert "Denk aan &lt;b&gt;gisteren&lt;/b&gt;." in html
        assert html.count('type="radio"') == 5
        assert "<textarea" in html
        form = html.split('<form class="questionnaire__form"', 1)[1].split(">", 1)[0]
        assert "action" not in form
        assert "method" not in form
        assert "js/questionnaire.js" in html

    def test_each_question_keeps_its_id_from_one_visit_to_the_next(self, resource_index):
        # Readers' browsers keep their answers under these ids.
        resource = ResourcePageFactory(
            parent=resource_index,
            kind="questionnaire",
            questions=[
                {
                    "type": "section",
                    "value": {
                        "title": "Het team",
                        "intro": "",
                        "questions": [{"question": "Wat valt je op?", "answer_type": "open"}],
                    },
                }
            ],
        )

        def question_ids():
            questions = ResourcePage.objects.get(pk=resource.pk).questions
            return [item.id for item in questions[0].value["questions"].bound_blocks]

        first = question_ids()
        assert first[0]
        assert question_ids() == first

    def test_the_editor_cannot_save_inconsistent_choices(self, resource_index):
        from django.core.exceptions import ValidationError

        resource = ResourcePageFactory.build(kind="ebook", document=None, access="gated")
        with pytest.raises(ValidationError) as error:
            resource.clean()
        assert set(error.value.message_dict) == {"document", "access"}
        resource = ResourcePageFactory.build(
            kind="ebook",
            document=DocumentFactory(),
            questions=[{"type": "section", "value": {"title": "x", "questions": []}}],
        )
        with pytest.raises(ValidationError) as error:
            resource.clean()
        assert set(error.value.message_dict) == {"questions"}


@pytest.mark.django_db
class TestResourcesElsewhere:
    def test_a_theme_page_lists_its_resources_too(
        self, client, blog_index, resource_index, passend
    ):
        ArticlePageFactory(parent=blog_index, themes=[passend])
        ResourcePageFactory(parent=resource_index, title="Vragenlijst passend", themes=[passend])
        ResourcePageFactory(parent=resource_index, title="Ander thema", themes=[ThemeFactory()])
        html = client.get("/blog/thema/passend-onderwijs/").content.decode()
        assert "Downloads over Passend onderwijs" in html
        assert "Vragenlijst passend" in html
        assert "Ander thema" not in html

    def test_an_article_shows_its_related_downloads_and_a_resource_block(
        self, client, blog_index, resource_index
    ):
        questionnaire = ResourcePageFactory(parent=resource_index, title="De vragenlijst")
        ebook = ResourcePageFactory(parent=resource_index, title="Het e-book")
        draft = ResourcePageFactory(parent=resource_index, title="Nog niet af", live=False)
        article = ArticlePageFactory(
            parent=blog_index,
            body=[
                paragraph("Lees ook:"),
                {"type": "resource", "value": {"resource": ebook.pk, "heading_level": "3"}},
                {"type": "resource", "value": {"resource": draft.pk, "heading_level": "3"}},
            ],
        )
        ArticleRelatedResource.objects.create(page=article, resource=questionnaire)
        ArticleRelatedResource.objects.create(page=article, resource=draft)
        html = client.get(article.url).content.decode()
        body = html.split('class="article__body', 1)[1].split("</article>", 1)[0]
        assert "Het e-book" in body
        assert "Gratis downloads" in html
        downloads = html.split("Gratis downloads", 1)[1]
        assert "De vragenlijst" in downloads
        assert "Nog niet af" not in html
        # Cards and links only: the body's reading time counts no card text.
        assert ArticlePage.objects.get(pk=article.pk).reading_time == 1

    def test_the_navigation_links_to_the_downloads_page(self, client, resource_index, blog_index):
        html = client.get("/blog/").content.decode()
        assert '<a href="/downloads/">Downloads</a>' in html
        assert (
            'href="/downloads/" aria-current="page"' in client.get("/downloads/").content.decode()
        )


@pytest.mark.django_db
def test_a_document_replaced_by_the_editor_shows_its_new_size(client, resource_index, settings):
    settings.PAGE_CACHE = True
    document = DocumentFactory()
    ResourcePageFactory(parent=resource_index, slug="boek", document=document)
    assert "77\xa0bytes" in client.get("/downloads/boek/").content.decode()
    document.file_size = 2 * 1024 * 1024
    document.save()
    assert "2,0\xa0MB" in client.get("/downloads/boek/").content.decode()
