import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from authors.models import Author
from blog.models import ArticlePage, ArticlePageAuthor, BlogIndexPage
from home.models import HomePage
from resources.models import ResourceIndexPage, ResourcePage
from themes.models import Theme


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    description = factory.Sequence(lambda n: f"Beschrijving van afbeelding {n}")

    class Meta:
        model = get_image_model()


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    introduction = "<p>Over dit thema.</p>"
    meta_description = "Artikelen over dit thema."

    class Meta:
        model = Theme


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Auteur {n}")
    slug = factory.Sequence(lambda n: f"auteur-{n}")
    role = "Schoolleider"
    bio = "Schrijft over het leiden van een basisschool."

    class Meta:
        model = Author


class HomePageFactory(wagtail_factories.PageFactory):
    title = "De Directeurskamer"
    intro = "<p>Een plek voor herkenning.</p>"
    newsletter_heading = "Nieuwe blogs in je inbox"

    class Meta:
        model = HomePage


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"

    class Meta:
        model = BlogIndexPage


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def add_themes(page, create, themes, **kwargs):
    """`themes=[...]`: the page's themes (saved with it)."""
    if create and themes:
        page.themes.add(*themes)
        page.save()


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    subtitle = factory.Sequence(lambda n: f"Waar artikel {n} over gaat.")
    publication_date = factory.Sequence(
        lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(lambda: [paragraph("Een korte alinea over een dilemma.")])
    hero_image = factory.SubFactory(ImageFactory)

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    themes = factory.PostGeneration(add_themes)

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if not create:
            return
        for author in extracted if extracted is not None else [AuthorFactory()]:
            ArticlePageAuthor.objects.create(page=obj, author=author)


# The smallest file that is recognisably a PDF (enough for the upload check).
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="werkboek.pdf", data=PDF_BYTES)
    # As Wagtail's upload form records it.
    file_size = len(PDF_BYTES)

    class Meta:
        model = get_document_model()


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Downloads"
    slug = "downloads"
    intro = "<p>Gratis materiaal voor schoolleiders.</p>"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Download {n}")
    kind = "ebook"
    summary = "Praktische werkvormen voor morele reflectie in je team."
    description = "<p>Wat je in dit materiaal vindt.</p>"
    document = factory.SubFactory(DocumentFactory)
    access = "open"

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    themes = factory.PostGeneration(add_themes)
