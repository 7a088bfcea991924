import factory
from factory.django import DjangoModelFactory

from authors.models import Author


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Auteur {n}")
    slug = factory.Sequence(lambda n: f"auteur-{n}")
    role = "Schoolleider"
    bio = "Schrijft over het leiden van een basisschool."

    class Meta:
        model = Author
