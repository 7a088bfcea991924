import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model

from blog.models import ArticlePage, ArticlePageAuthor, Author, BlogIndexPage, Theme
from home.models import HomePage


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

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.add(*extracted)
            obj.save()

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if not create:
            return
        for author in extracted if extracted is not None else [AuthorFactory()]:
            ArticlePageAuthor.objects.create(page=obj, author=author)
