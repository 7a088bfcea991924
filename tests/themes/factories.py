import factory
from factory.django import DjangoModelFactory

from themes.models import Theme


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    introduction = "<p>Over dit thema.</p>"
    meta_description = "Artikelen over dit thema."

    class Meta:
        model = Theme


def add_themes(page, create, themes, **kwargs):
    """`themes=[...]` on a page factory: the page's themes (saved with it)."""
    if create and themes:
        page.themes.add(*themes)
        page.save()
