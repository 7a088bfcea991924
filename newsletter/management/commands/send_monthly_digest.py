from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.formats import date_format

from newsletter.tasks import queue_monthly_digest


class Command(BaseCommand):
    help = (
        "Queue the monthly overview of last month's new articles for the subscribers who "
        "chose it; the task worker sends it. Run on the first of each month (from cron): "
        "a month's overview is made once, however often or wherever this runs."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            mailing = queue_monthly_digest()
        if mailing is None:
            self.stdout.write("No monthly overview: no new articles, or nobody chose it.")
        else:
            month = date_format(mailing.month, "F Y")
            self.stdout.write(f"Monthly overview of {month}: mailing {mailing.pk}.")
