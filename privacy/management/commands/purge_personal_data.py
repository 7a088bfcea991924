from django.core.management.base import BaseCommand

from privacy.records import purge_expired


class Command(BaseCommand):
    help = (
        "Delete unconfirmed newsletter subscriptions, download requests, team "
        "conversations with their answers and finished background task results older than "
        "PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS, PRIVACY_DOWNLOAD_REQUEST_DAYS, "
        "PRIVACY_TEAM_CONVERSATION_DAYS and PRIVACY_TASK_RESULT_DAYS. Run daily (cron), "
        "or queue privacy.tasks.purge_personal_data."
    )

    def handle(self, *args, **options):
        for key, count in purge_expired().items():
            self.stdout.write(f"{key}: {count}")
