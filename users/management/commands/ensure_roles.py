"""Bring the groups Redactie and Gastauteurs up to date with the code, as
`migrate` does when it is done (users.roles). Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from users.roles import ensure_roles


class Command(BaseCommand):
    help = "Create the groups Redactie and Gastauteurs, or give them what their role lacks."

    def handle(self, *args, **options):
        ensure_roles()
        self.stdout.write("The groups Redactie and Gastauteurs are up to date.")
