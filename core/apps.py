from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the site builds on: page mixins, mail, signed links,
    public forms, limits per visitor, the admin base for readers' records,
    and the error pages. It imports none of the other apps."""

    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
