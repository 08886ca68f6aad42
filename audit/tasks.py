from celery import shared_task

from audit.services import audit_purge


@shared_task(name="audit.tasks.audit_purge_task")
def audit_purge_task() -> int:
    """Daily (Celery beat): drop audit rows past the retention period."""
    return audit_purge()
