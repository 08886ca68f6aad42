from celery import shared_task

from notifications import services

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
    """Run by Celery beat every minute (config/settings.py CELERY_BEAT_SCHEDULE)."""
    from notifications.reminders import reminders_sweep

    return reminders_sweep()


@shared_task(acks_late=True, ignore_result=True)
def reminders_deliver_task(recipient_id: int, token: str) -> int:
    from notifications.reminders import reminders_deliver

    return reminders_deliver(recipient_id=recipient_id, token=token)


@shared_task(acks_late=True, ignore_result=True)
def emails_requeue_task() -> int:
    """Run by Celery beat hourly: e-mails whose task was lost are queued again."""
    return services.emails_requeue()
