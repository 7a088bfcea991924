from django.core.management.base import BaseCommand
from django.db.models import Q

from newsletter.models import Delivery, Mailing
from newsletter.tasks import send_mailing


class Command(BaseCommand):
    help = (
        "Send the newsletter's mails that are due now: those not yet sent and those whose "
        "retry time has come. With the database task backend the worker does this by "
        "itself; this is for a run by hand or from cron."
    )

    def handle(self, *args, **options):
        waiting = Mailing.objects.filter(
            Q(queued_at__isnull=True) | Q(deliveries__in=Delivery.objects.due())
        ).distinct()
        for mailing_id in waiting.values_list("pk", flat=True):
            send_mailing.call(mailing_id)
            counts = Mailing.objects.get(pk=mailing_id).counts()
            self.stdout.write(
                f"Mailing {mailing_id}: {counts['sent']} sent, {counts['pending']} waiting, "
                f"{counts['failed']} failed"
            )
