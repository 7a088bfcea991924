from django_tasks import task

from .records import purge_expired


@task()
def purge_personal_data():
    """Retention as a queued task (the purge_personal_data command runs the same from cron)."""
    return purge_expired()
