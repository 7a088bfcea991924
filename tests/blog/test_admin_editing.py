"""Editors write articles in the Wagtail admin: the real forms, end to end."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage
from tests.authors.factories import AuthorFactory
from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from tests.conftest import make_site
from tests.themes.factories import ThemeFactory
from themes.models import Theme


class EditorWritesAnArticleTest(WagtailPageTestCase):
    def setUp(self):
        self.user = self.create_test_user()
        self.client.force_login(self.user)
        self.blog = BlogIndexPageFactory(parent=make_site())
        self.theme = ThemeFactory(name="Passend onderwijs", slug="passend-onderwijs")
        self.author = AuthorFactory(name="Marieke van Dalen")

    def article_form(self, **overrides):
        data = {
            "title": "Wanneer passend onderwijs niet meer past",
            "slug": "wanneer-passend-onderwijs-niet-meer-past",
            "subtitle": "Over de grens van wat een school kan dragen.",
            "hero_alt_text": "",
            "hero_caption": "",
            "body": streamfield(
                [
                    ("heading", "Het gesprek"),
                    ("paragraph", rich_text("<p>" + "Een lange dag. " * 150 + "</p>")),
                    ("quote", {"quote": "Ik wil naar huis.", "attribution": "Een leerling"}),
                ]
            ),
            "names_changed": "on",
            "article_authors": inline_formset([{"author": self.author.pk}]),
            "related_resources": inline_formset([]),
            # The admin's tag widget quotes names that contain a space.
            "themes": '"Passend onderwijs"',
            "publication_date": "",
            "action-publish": "publish",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_the_add_form_opens_in_dutch(self):
        response = self.client.get(f"/admin/pages/add/blog/articlepage/{self.blog.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Ondertitel" in html
        assert "Namen en details gewijzigd" in html

    def test_published_article_appears_on_its_theme_page(self):
        self.assertCanCreate(self.blog, ArticlePage, self.article_form())

        article = ArticlePage.objects.get(slug="wanneer-passend-onderwijs-niet-meer-past")
        assert article.live
        assert article.names_changed
        assert article.reading_time == 3  # 459 words at 200 a minute
        assert article.publication_date is not None
        assert article.authors() == [self.author]
        listed = self.client.get("/blog/thema/passend-onderwijs/").context["articles"]
        assert [a.pk for a in listed] == [article.pk]

    def test_editors_pick_existing_themes_only(self):
        # A theme that does not exist is refused, not dropped without a word
        # (more in test_article_editor_choices).
        form = self.article_form(themes='"Passend onderwijs", "Een verzonnen thema"')
        response = self.client.post(f"/admin/pages/add/blog/articlepage/{self.blog.pk}/", form)
        assert response.status_code == 200
        assert "Een verzonnen thema" in str(response.context["form"].errors["themes"])
        assert not ArticlePage.objects.exists()
        assert not Theme.objects.filter(name="Een verzonnen thema").exists()

        self.assertCanCreate(self.blog, ArticlePage, self.article_form())
        article = ArticlePage.objects.get(slug="wanneer-passend-onderwijs-niet-meer-past")
        assert [t.name for t in article.theme_list()] == ["Passend onderwijs"]

    def test_an_article_needs_an_author(self):
        form = self.article_form(article_authors=inline_formset([], min=1))
        response = self.client.post(f"/admin/pages/add/blog/articlepage/{self.blog.pk}/", form)
        assert response.status_code == 200
        assert not ArticlePage.objects.exists()

    def test_publishing_without_a_body_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/blog/articlepage/{self.blog.pk}/",
            self.article_form(body=streamfield([])),
        )
        assert response.status_code == 200
        assert "body" in response.context["form"].errors
        assert not ArticlePage.objects.exists()

    def test_over_long_subtitle_is_refused_and_nothing_is_stored(self):
        response = self.client.post(
            f"/admin/pages/add/blog/articlepage/{self.blog.pk}/",
            self.article_form(subtitle="x" * 201),
        )
        assert response.status_code == 200
        assert "subtitle" in response.context["form"].errors
        assert not ArticlePage.objects.exists()

    def test_every_page_type_renders_and_previews(self):
        article = ArticlePageFactory(parent=self.blog, themes=[self.theme])
        self.assertPageIsRenderable(article)
        for page in (self.blog.get_parent().specific, self.blog):
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page)
        for route in ("/", "/themas/", "/thema/passend-onderwijs/"):
            self.assertPageIsRoutable(self.blog, route)
        self.assertPageIsRenderable(self.blog, "/thema/bestaat-niet/", accept_404=True)

    def test_preview_shows_unsaved_authors_themes_and_reading_time(self):
        former = AuthorFactory(name="Oud")
        article = ArticlePageFactory(parent=self.blog, authors=[former], body=[])
        guest = AuthorFactory(name="Samira El Amrani")
        preview_url = f"/admin/pages/{article.pk}/edit/preview/"
        link = article.article_authors.get()
        form = self.article_form(
            title=article.title,
            slug=article.slug,
            article_authors=inline_formset(
                [
                    {"id": link.pk, "author": former.pk, "DELETE": "1"},
                    {"author": guest.pk},
                ],
                initial=1,
            ),
        )
        assert self.client.post(preview_url, form).json()["is_valid"]

        html = self.client.get(preview_url).content.decode()

        assert "door Samira El Amrani" in html
        assert "Oud" not in html
        assert "3 min lezen" in html
        assert 'href="/blog/thema/passend-onderwijs/"' in html

    def test_preview_ranks_related_articles_by_the_unsaved_themes(self):
        team = ThemeFactory(name="Zorg voor het team", slug="zorg-voor-het-team")
        article = ArticlePageFactory(parent=self.blog, themes=[team])
        sharing_published = ArticlePageFactory(
            parent=self.blog, title="Over het team", themes=[team]
        )
        sharing_unsaved = ArticlePageFactory(
            parent=self.blog, title="Over passend onderwijs", themes=[self.theme]
        )
        # The published page's ranking is remembered first.
        assert article.related_articles()[0] == sharing_published
        preview_url = f"/admin/pages/{article.pk}/edit/preview/"
        form = self.article_form(title=article.title, slug=article.slug)  # passend onderwijs
        assert self.client.post(preview_url, form).json()["is_valid"]

        html = self.client.get(preview_url).content.decode()

        related = html.split('id="related-title"', 1)[1]
        first_card = related.split('class="card__title"', 2)[1]
        assert sharing_unsaved.title in first_card
