import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from notifications import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def notification_email(self, notification_id: int) -> None:
    """E-mail is at least once: retried with exponential backoff, then marked failed."""
    try:
        services.notification_email_deliver(notification_id=notification_id)
    except Exception as exc:  # SMTP errors come in many types
        if self.request.retries >= MAX_RETRIES or self.app.conf.task_always_eager:
            services.notification_email_fail(notification_id=notification_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@shared_task(acks_late=True, ignore_result=True)
def reminders_sweep_task() -> int:
    """Run by Celery beat every REMINDER_SWEEP_SECONDS (config/settings.py); returns how
    many deliveries it really enqueued."""
    from notifications.reminders import reminders_sweep

    return reminders_sweep()


@shared_task(acks_late=True, ignore_result=True)
def reminders_deliver_task(recipient_id: int, token: str) -> int:
    """Deliver one claim. The database being away is nobody's fault: the claim's lease
    brings the rows back. Any other error counts an attempt against the rows, so a row that
    can never be delivered ends cancelled instead of coming back for ever."""
    from notifications.reminders import reminders_deliver, reminders_deliver_failed

    try:
        return reminders_deliver(recipient_id=recipient_id, token=token)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        logger.exception("reminder delivery failed for user %s (claim %s)", recipient_id, token)
        reminders_deliver_failed(
            recipient_id=recipient_id, token=token, error=f"{type(exc).__name__}: {exc}"
        )
        return 0


@shared_task(acks_late=True, ignore_result=True)
def emails_requeue_task() -> int:
    """Run by Celery beat hourly: e-mails whose task was lost are queued again."""
    return services.emails_requeue()
