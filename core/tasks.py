from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages():
    """Wagtail's publish_scheduled as a queued task, for a scheduler that queues
    tasks; cron or a systemd timer runs the command itself (docs/deploy.md)."""
    call_command("publish_scheduled")
