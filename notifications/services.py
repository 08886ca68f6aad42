"""The notification centre: an in-app inbox (exactly once per key) and e-mail (at least once)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import EmailState, Notification

TITLE_MAX = Notification._meta.get_field("title").max_length


def fit_title(title: str) -> str:
    """A title cut to fit its column: it may quote a theme that is itself 200 characters."""
    title = str(title)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _address(user) -> str:
    if user.email:
        return user.email
    member = getattr(user, "member", None)
    return member.email if member is not None else ""


@transaction.atomic
def notification_send(
    *, recipients: Iterable, key: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Put a message in each recipient's inbox once (a repeated key is a no-op) and queue
    an e-mail for those with an address, after the transaction commits."""
    from notifications.tasks import notification_email

    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        address = _address(user)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    key=key,
                    title=fit_title(title),
                    body=body,
                    url=url,
                    email_state=EmailState.PENDING if address else EmailState.NONE,
                    email_queued_at=timezone.now() if address else None,
                )
        except IntegrityError:
            continue  # already delivered under this key
        created.append(notification)
        if address:
            pk = notification.pk
            transaction.on_commit(lambda pk=pk: notification_email.delay(pk))
    return created


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send the e-mail for one notification; True once sent. Raises on a transport error
    so the task can retry."""
    notification = (
        Notification.objects.select_related("recipient", "recipient__member")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.email_state != EmailState.PENDING:
        return True
    Notification.objects.filter(pk=notification_id).update(
        email_attempts=notification.email_attempts + 1
    )
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{settings.ORGLIFE_BASE_URL}{notification.url}"
    send_mail(
        subject=notification.title,
        message=body,
        from_email=None,
        recipient_list=[_address(notification.recipient)],
    )
    Notification.objects.filter(pk=notification_id).update(email_state=EmailState.SENT)
    return True


# Longer than the e-mail task's whole retry chain (about half an hour): a message still
# pending after this lost its task (a flushed or restarted broker).
EMAIL_REQUEUE_AFTER = datetime.timedelta(hours=1)


def emails_requeue(*, now: datetime.datetime | None = None) -> int:
    """Queue again the e-mails whose task was lost — e-mail is at least once even when
    Redis is flushed or down while they wait (beat, hourly). Returns how many."""
    from notifications.tasks import notification_email

    now = now or timezone.now()
    with transaction.atomic():
        lost = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(
                Q(email_queued_at__lt=now - EMAIL_REQUEUE_AFTER)
                | Q(email_queued_at__isnull=True, created_at__lt=now - EMAIL_REQUEUE_AFTER),
                email_state=EmailState.PENDING,
            )
            .values_list("pk", flat=True)[:1000]
        )
        Notification.objects.filter(pk__in=lost).update(email_queued_at=now)
        for pk in lost:
            transaction.on_commit(lambda pk=pk: notification_email.delay(pk))
    return len(lost)


def notification_email_fail(*, notification_id: int, error: str) -> None:
    Notification.objects.filter(pk=notification_id).update(
        email_state=EmailState.FAILED, email_error=error[:300]
    )


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.visible_to(user).unread()
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
