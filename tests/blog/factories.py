import datetime

import factory
import wagtail_factories

from blog.models import ArticlePage, ArticlePageAuthor, BlogIndexPage
from tests.authors.factories import AuthorFactory
from tests.images.factories import ImageFactory
from tests.themes.factories import add_themes


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"

    class Meta:
        model = BlogIndexPage


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


class ArticlePageFactory(wagtail_factories.PageFactory):
    """An article by one new author, without a hero image unless asked:
    `ArticlePageFactory(with_hero_image=True)` or `hero_image=an_image`."""

    title = factory.Sequence(lambda n: f"Artikel {n}")
    subtitle = factory.Sequence(lambda n: f"Waar artikel {n} over gaat.")
    # A day later for each article, from far enough back that a whole run's
    # articles stay in the past (the editor refuses a date in the future).
    publication_date = factory.Sequence(
        lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(lambda: [paragraph("Een korte alinea over een dilemma.")])
    hero_image = None

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    class Params:
        with_hero_image = factory.Trait(hero_image=factory.SubFactory(ImageFactory))

    themes = factory.PostGeneration(add_themes)

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for position, author in enumerate(authors):
            ArticlePageAuthor.objects.create(page=obj, author=author, sort_order=position)
