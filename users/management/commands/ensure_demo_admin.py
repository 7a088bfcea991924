"""Make sure the local demo site has an administrator to log in with.

Only for a development machine: it refuses to run with DEBUG off, so a
production database never gets a known password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "directeurskamer"


class Command(BaseCommand):
    help = "Create the local demo administrator if it does not exist (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_admin only runs with DEBUG on (local development).")
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            User.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
            self.stdout.write(self.style.SUCCESS("Demo administrator created."))
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/admin/ as '{USERNAME}' with password '{PASSWORD}'."
        )
