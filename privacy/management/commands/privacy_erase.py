from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.records import erase, normalise


class Command(BaseCommand):
    help = (
        "Erase everything stored about one email address (newsletter, download "
        "requests, stories, pitches): a reader's request under the AVG. Needs --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--yes", action="store_true", help="Really erase (without it nothing is deleted)."
        )

    def handle(self, *args, email, yes=False, **options):
        try:
            email = normalise(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid email address: {email!r}") from error
        if not yes:
            raise CommandError("Nothing erased: add --yes to erase every record of the address.")
        erased = erase(email)
        for key, count in erased.items():
            self.stdout.write(f"{key}: {count}")
