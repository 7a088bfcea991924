from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """How often each article is read, read to the end, and what it led readers
    to do: counts per article and day, without anything about a reader."""

    name = "readership"
    verbose_name = _("Reading figures")

    def ready(self):
        from . import signals  # noqa: F401
