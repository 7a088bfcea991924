from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("Images")

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from .permissions import image_permission_policy

        # For the exact class: wagtail.images, whose ready() runs after this
        # one, registers its default for the image model and its subclasses.
        model = get_image_model()
        register_permission_policy(model, image_permission_policy(model), exact_class=True)
