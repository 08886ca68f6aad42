from celery import shared_task

from supervision.services.rollups import rollups_fold, rollups_overdue_advance


@shared_task(ignore_result=True)
def rollups_fold_task() -> int:
    """Every ``ROLLUP_FOLD_SECONDS``: fold the journal of branch changes into the rollups
    (a no-op when another fold is running or the journal is empty)."""
    return rollups_fold()


@shared_task(ignore_result=True)
def rollups_overdue_advance_task() -> int:
    """Daily, just after midnight: move the rollups' overdue clock to today (idempotent)."""
    return rollups_overdue_advance()
