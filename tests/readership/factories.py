import factory
from django.utils import timezone

from readership.models import ArticleTally


class ArticleTallyFactory(factory.django.DjangoModelFactory):
    """One article's figures of one day (today unless given)."""

    day = factory.LazyFunction(timezone.localdate)
    views = 10
    reads_to_end = 4

    class Meta:
        model = ArticleTally
