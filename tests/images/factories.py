import factory
import wagtail_factories
from wagtail.images import get_image_model
from wagtail.models import Collection


def root_collection():
    # wagtail-factories would make a new root collection for every image.
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    """A small image (100 x 100) in the root collection."""

    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    description = factory.Sequence(lambda n: f"Beschrijving van afbeelding {n}")
    collection = factory.LazyFunction(root_collection)

    class Meta:
        model = get_image_model()
