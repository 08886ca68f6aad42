from celery import shared_task


@shared_task(ignore_result=True)
def rollups_overdue_advance_task() -> int:
    """Daily, just after midnight: move the rollups' overdue clock to today (idempotent).
    Schedule it in CELERY_BEAT_SCHEDULE as ``supervision.tasks.rollups_overdue_advance_task``."""
    from rectification.services.rollups import rollups_overdue_advance

    return rollups_overdue_advance()
