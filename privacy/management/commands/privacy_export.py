import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.records import export


class Command(BaseCommand):
    help = (
        "Export everything stored about one email address (newsletter, download "
        "requests, stories, pitches, background task results, logins, the draft "
        "articles made from the reader's words) as JSON: a reader's request under the AVG."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, *args, email, output=None, **options):
        try:
            data = export(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid email address: {email!r}") from error
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            total = sum(len(data[key]) for key in data if isinstance(data[key], list))
            self.stdout.write(f"{total} records written to {output}")
        else:
            self.stdout.write(text)
