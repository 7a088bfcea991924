import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from contributions.models import RecognitionPage, Story

WALL_CONSENT = "Mijn zin mag anoniem op de site verschijnen (na controle door de redactie)"


class StoryFactory(DjangoModelFactory):
    """A story as a reader sends it: no consent for the wall unless asked,
    `StoryFactory(wall_consent=True)`; approved for the wall with
    `StoryFactory(on_wall=True, wall_themes=[...])`."""

    sentence = factory.Sequence(lambda n: f"Verhaal {n}: ik twijfelde of ik goed koos.")
    name = ""
    email = ""
    anonymous = True
    consent_text = "Ik geef toestemming."
    wall_consent = False
    wall_consent_text = factory.LazyAttribute(
        lambda story: WALL_CONSENT if story.wall_consent else ""
    )

    class Meta:
        model = Story
        skip_postgeneration_save = True

    @factory.lazy_attribute
    def wall_text(self):
        return f"Op de muur: {self.sentence}" if self.on_wall else ""

    on_wall = False

    @factory.post_generation
    def wall_themes(story, create, extracted, **kwargs):
        if create and extracted:
            story.wall_themes.set(extracted)


def on_wall(themes, *, approved_days_ago=0, **fields):
    """A story approved for the wall with these themes, `approved_days_ago` days ago."""
    fields.setdefault("wall_consent", True)
    return StoryFactory(
        on_wall=True,
        wall_approved_at=timezone.now() - datetime.timedelta(days=approved_days_ago),
        wall_themes=themes,
        **fields,
    )


class RecognitionPageFactory(wagtail_factories.PageFactory):
    title = "Herkenning"
    slug = "herkenning"
    intro = "<p>Wat lezers herkenden, in één zin.</p>"

    class Meta:
        model = RecognitionPage
