from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.drafts import CHOICES, DraftStillQuotes
from privacy.records import drafts_quoting, erase, normalise


class Command(BaseCommand):
    help = (
        "Erase everything stored about one email address (newsletter, download "
        "requests, stories, pitches, background task results, logins): a reader's "
        "request under the AVG. Needs --yes; and --drafts when draft articles were "
        "made from the reader's stories or pitches."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--yes", action="store_true", help="Really erase (without it nothing is deleted)."
        )
        parser.add_argument(
            "--drafts",
            choices=[value for value, _label in CHOICES],
            help=(
                "What becomes of the draft articles made from the reader's words: delete "
                "them with their versions and history; clean them (their words replaced "
                "by a note, in every version); or keep them as they are, once an editor "
                "took the words out (the earlier versions are cleaned)."
            ),
        )

    def handle(self, *args, email, yes=False, drafts=None, **options):
        try:
            email = normalise(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid email address: {email!r}") from error
        if not yes:
            raise CommandError("Nothing erased: add --yes to erase every record of the address.")
        found = drafts_quoting(email)
        if found and not drafts:
            listed = "; ".join(f"page {draft.page.pk}: {draft.title}" for draft in found)
            raise CommandError(
                f"Nothing erased: draft articles quote the reader ({listed}). "
                "Add --drafts delete, --drafts clean or --drafts keep."
            )
        try:
            erased = erase(email, choices=drafts)
        except DraftStillQuotes as error:
            raise CommandError(
                f"Nothing erased: draft article {error.draft.page.pk} still quotes the reader. "
                "Take the words out in the page editor first, or choose delete or clean."
            ) from error
        for key, count in erased.items():
            self.stdout.write(f"{key}: {count}")
