"""Reminders: scheduled in the database, swept by Celery beat, delivered exactly once.

- ``reminder_schedule`` writes an outbox row (idempotent by key) inside the caller's
  transaction; ``reminders_cancel`` withdraws what is pending for a subject.
- ``reminders_sweep`` claims due rows in batches with ``SELECT … FOR UPDATE SKIP LOCKED``
  (so two sweeps never claim the same row), stamps them with a claim token, and enqueues
  one delivery per recipient on commit. Rows claimed longer than the lease ago (the worker
  died, Redis lost the message) are claimed again with a new token.
- ``reminders_deliver`` locks the rows of one claim, writes ONE digest notification for the
  recipient and marks the rows sent — one transaction, so the inbox gets each reminder
  exactly once; a redelivered or stale message finds nothing left to do.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import Notification, Reminder, ReminderStatus
from notifications.services import fit_title

LEASE = datetime.timedelta(minutes=5)
BATCH = 500
SEND_HOUR = 8  # reminders go out at 08:00 local time on their day


def due_at_for(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(SEND_HOUR)))


def reminder_key(*, subject: str, kind: str, recipient, due_on: datetime.date) -> str:
    return f"{subject}:{kind}:{recipient.pk}:{due_on.isoformat()}"


def reminder_schedule(
    *,
    subject: str,
    kind: str,
    recipient,
    due_on: datetime.date,
    title: str,
    body: str = "",
    url: str = "",
) -> Reminder:
    """Put a reminder on the schedule (idempotent: the same subject, kind, recipient and day
    is one row; a cancelled one comes back)."""
    title = fit_title(title)
    key = reminder_key(subject=subject, kind=kind, recipient=recipient, due_on=due_on)
    reminder, created = Reminder.objects.get_or_create(
        key=key,
        defaults={
            "subject": subject,
            "kind": kind,
            "recipient": recipient,
            "due_on": due_on,
            "due_at": due_at_for(due_on),
            "title": title,
            "body": body,
            "url": url,
        },
    )
    if not created and reminder.status == ReminderStatus.CANCELLED:
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.PENDING, title=title, body=body, url=url
        )
    return reminder


def reminders_cancel(
    *,
    subject: str | None = None,
    kinds: Iterable[str] | None = None,
    recipient=None,
    exclude_keys: Iterable[str] = (),
) -> int:
    """Withdraw what is still pending (or claimed but not delivered) for a subject and/or a
    recipient (e.g. a deactivated member), except the keys still wanted."""
    if subject is None and recipient is None:
        raise ValueError("reminders_cancel needs a subject or a recipient")
    qs = Reminder.objects.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.CLAIMED])
    if subject is not None:
        qs = qs.filter(subject=subject)
    keep = list(exclude_keys)
    if keep:
        qs = qs.exclude(key__in=keep)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    if recipient is not None:
        qs = qs.filter(recipient=recipient)
    return qs.update(status=ReminderStatus.CANCELLED, claim_token=None, claimed_at=None)


def _claim_batch(*, now: datetime.datetime, lease: datetime.timedelta, batch: int):
    """Claim everything due for up to ``batch`` recipients — all of each recipient's due
    rows together, so they get one digest, not one per batch."""
    with transaction.atomic():
        # Each query is answered by its partial index (pending by due time, claimed by
        # claim time), so the sweep reads due rows only, however long the schedule is.
        pending = Q(status=ReminderStatus.PENDING, due_at__lte=now)
        stale = Q(status=ReminderStatus.CLAIMED, claimed_at__lt=now - lease)
        recipients: list[int] = []
        for due in (pending, stale):
            if len(recipients) < batch:
                recipients += [
                    r
                    for r in Reminder.objects.filter(due)
                    .order_by("recipient_id")
                    .values_list("recipient_id", flat=True)
                    .distinct()[: batch - len(recipients)]
                    if r not in recipients
                ]
        if not recipients:
            return []
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(pending | stale, recipient_id__in=recipients)
            .order_by("pk")
            .values_list("pk", "recipient_id")
        )
        by_recipient: dict[int, list[int]] = defaultdict(list)
        for pk, recipient_id in rows:
            by_recipient[recipient_id].append(pk)
        claims = []
        for recipient_id, pks in by_recipient.items():
            token = uuid.uuid4()
            Reminder.objects.filter(pk__in=pks).update(
                status=ReminderStatus.CLAIMED, claim_token=token, claimed_at=now
            )
            claims.append((recipient_id, token))
        transaction.on_commit(lambda claims=claims: _enqueue(claims))
        return claims


def _enqueue(claims) -> None:
    from notifications.tasks import reminders_deliver_task

    failed = 0
    for recipient_id, token in claims:
        try:
            reminders_deliver_task.delay(recipient_id, str(token))
        except Exception:  # broker down (or, run eagerly, a failed delivery): the lease
            failed += 1  # brings the rows back for the next sweep
    if failed:
        import logging

        logging.getLogger(__name__).warning(
            "%d of %d reminder deliveries not enqueued; they are retried after the lease",
            failed,
            len(claims),
            exc_info=True,
        )


def reminders_sweep(
    *, now: datetime.datetime | None = None, lease: datetime.timedelta = LEASE, batch: int = BATCH
) -> int:
    """Claim everything due, batch by batch; return how many deliveries were enqueued."""
    now = now or timezone.now()
    total = 0
    while True:
        claims = _claim_batch(now=now, lease=lease, batch=batch)
        total += len(claims)
        if not claims:
            return total


def reminders_deliver(*, recipient_id: int, token: str | uuid.UUID) -> int:
    """Deliver one claim: one digest in the recipient's inbox, rows marked sent, atomically.
    Returns how many reminders were delivered (0 if already done or reclaimed)."""
    from notifications.services import notification_send

    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update()
            .filter(recipient_id=recipient_id, claim_token=token, status=ReminderStatus.CLAIMED)
            .order_by("due_on", "pk")
        )
        if not rows:
            return 0
        recipient = rows[0].recipient
        if len(rows) == 1:
            title, body, url = rows[0].title, rows[0].body, rows[0].url
        else:
            title = _("整改提醒:%(n)d 项需要关注") % {"n": len(rows)}
            body = "\n".join(f"· {r.title}" for r in rows)
            url = rows[0].url
        created = notification_send(
            recipients=[recipient], key=f"reminders:{token}", title=title, body=body, url=url
        )
        notification = (
            created[0]
            if created
            else Notification.objects.get(recipient=recipient, key=f"reminders:{token}")
        )
        now = timezone.now()
        Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=ReminderStatus.SENT, sent_at=now, notification=notification
        )
        return len(rows)


def reminders_status(*, now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    counts = dict.fromkeys(ReminderStatus.values, 0)
    from django.db.models import Count

    for row in Reminder.objects.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    oldest = Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now).aggregate(
        oldest=Min("due_at")
    )["oldest"]
    failed_email = Notification.objects.filter(email_state="failed").count()
    return {
        "pending": counts[ReminderStatus.PENDING],
        "claimed": counts[ReminderStatus.CLAIMED],
        "sent": counts[ReminderStatus.SENT],
        "cancelled": counts[ReminderStatus.CANCELLED],
        "failed": failed_email,
        "oldest_pending_lag_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "time_zone": settings.TIME_ZONE,
    }
