from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_roles_after_migrate(sender, using="default", **kwargs):
    from .roles import ensure_roles

    ensure_roles(using)


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = _("Users")

    def ready(self):
        # The groups hold what the code says they hold, after every migrate (users.roles).
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
