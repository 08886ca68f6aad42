"""Reminders: scheduled in the database, swept by Celery beat, delivered exactly once.

- ``reminder_schedule`` writes an outbox row (idempotent by key) inside the caller's
  transaction; ``reminders_cancel`` withdraws what is pending for a subject or a recipient.
- ``reminders_sweep`` claims what is due **recipient by recipient**: a recipient's due rows
  are claimed together under one claim token or not at all (a per-recipient advisory lock
  keeps overlapping sweeps apart; a recipient with a row held by another transaction waits
  for the next sweep), so one recipient gets one digest however many sweeps run at once.
  After each batch commits it publishes one delivery per recipient; at the first failed
  publish (the broker is down) it stops, gives the unpublished claims back (they are pending
  again for the next sweep) and reports only what was really enqueued. Claims older than the
  lease (``REMINDER_LEASE_SECONDS``: the message was lost, the worker died) are taken again.
- ``reminders_deliver`` locks the rows of one claim, writes ONE digest notification for the
  recipient and marks the rows sent — one transaction, so the inbox gets each reminder
  exactly once; a redelivered or stale message finds nothing left to do. If the recipient's
  account is inactive (however it became so) the rows are cancelled with that reason. A
  delivery that fails with an error counts an attempt on its rows; after ``MAX_ATTEMPTS``
  they are cancelled as undeliverable with the last error, so no row loops for ever.
- ``reminders_status`` / ``reminders_lag_seconds`` feed ``manage.py reminders_status`` and
  ``/inbox/health/``: the lag is the longest wait of a reminder that is deliverable but not
  delivered (pending and due, or claimed), counted from when it became deliverable — written
  or due, whichever is later.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import CancelReason, Notification, Reminder, ReminderStatus
from notifications.services import fit_title

logger = logging.getLogger(__name__)

BATCH = 500
SEND_HOUR = 8  # reminders go out at 08:00 local time on their day
# Deliveries of a claim that fail with an error before its rows are given up as undeliverable
# (one try per lease: about half an hour with the default lease and sweep interval).
MAX_ATTEMPTS = 5
# First key of the PostgreSQL advisory lock "a sweep is claiming this recipient" (the second
# key is the recipient's id); any constant no other code uses.
_CLAIM_LOCK_SPACE = 7_220_020


def claim_lease() -> datetime.timedelta:
    """How long a claim may wait for its delivery before a sweep claims its rows again."""
    return datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)


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
    is one row; a withdrawn one comes back, an undeliverable one does not — it would only
    fail again). For an inactive account the row is kept cancelled (``recipient_inactive``):
    nothing is queued for nobody to read."""
    title = fit_title(title)
    inactive = not recipient.is_active
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
            **(
                {
                    "status": ReminderStatus.CANCELLED,
                    "cancel_reason": CancelReason.RECIPIENT_INACTIVE,
                }
                if inactive
                else {}
            ),
        },
    )
    if (
        not created
        and reminder.status == ReminderStatus.CANCELLED
        and reminder.cancel_reason != CancelReason.UNDELIVERABLE
        and not inactive
    ):
        # Back on the schedule: deliverable from now (created_at feeds the lag), a fresh start.
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.PENDING,
            title=title,
            body=body,
            url=url,
            cancel_reason="",
            attempts=0,
            error="",
            created_at=timezone.now(),
        )
    return reminder


def reminders_cancel(
    *,
    subject: str | None = None,
    kinds: Iterable[str] | None = None,
    recipient=None,
    exclude_keys: Iterable[str] = (),
    reason: str | None = None,
) -> int:
    """Withdraw what is still pending (or claimed but not delivered) for a subject and/or a
    recipient, except the keys still wanted. The reason is kept on the rows: by default
    "withdrawn", or "recipient_inactive" when only a recipient is given (that is how
    ``members.services.member_deactivate`` calls it)."""
    if reason is None:
        reason = (
            CancelReason.RECIPIENT_INACTIVE
            if subject is None and recipient is not None
            else CancelReason.WITHDRAWN
        )
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
    return qs.update(
        status=ReminderStatus.CANCELLED, cancel_reason=reason, claim_token=None, claimed_at=None
    )


def _due(*, now: datetime.datetime, lease: datetime.timedelta) -> Q:
    """Rows a sweep may claim. Each half is answered by its partial index (pending by due
    time, claimed by claim time), so the sweep reads due rows only."""
    return Q(status=ReminderStatus.PENDING, due_at__lte=now) | Q(
        status=ReminderStatus.CLAIMED, claimed_at__lt=now - lease
    )


def _lock_recipients(recipient_ids: list[int]) -> list[int]:
    """The recipients this transaction may claim: those no other sweep is claiming now
    (a transaction-scoped advisory lock per recipient, taken without waiting)."""
    if connection.vendor != "postgresql":
        return recipient_ids  # SQLite: one writer at a time anyway
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r FROM unnest(%s::integer[]) AS r "
            "WHERE pg_try_advisory_xact_lock(%s::integer, r)",
            [recipient_ids, _CLAIM_LOCK_SPACE],
        )
        return [row[0] for row in cursor.fetchall()]


def _claim_batch(
    *, now: datetime.datetime, lease: datetime.timedelta, batch: int, passed: set[int]
) -> tuple[list[tuple[int, uuid.UUID]], bool]:
    """Claim everything due for up to ``batch`` recipients, each recipient as a unit: all of
    their due rows under one token, or none of them. Recipients left for the next sweep
    (another sweep has them, or a row of theirs is locked) are added to ``passed``.
    Returns the claims and whether there were any candidates at all."""
    due = _due(now=now, lease=lease)
    with transaction.atomic():
        candidates: list[int] = []
        for half in (
            Q(status=ReminderStatus.PENDING, due_at__lte=now),
            Q(status=ReminderStatus.CLAIMED, claimed_at__lt=now - lease),
        ):
            if len(candidates) < batch:
                candidates += [
                    r
                    for r in Reminder.objects.filter(half)
                    .exclude(recipient_id__in=passed)
                    .order_by("recipient_id")
                    .values_list("recipient_id", flat=True)
                    .distinct()[: batch - len(candidates)]
                    if r not in candidates
                ]
        if not candidates:
            return [], False
        mine = _lock_recipients(candidates)
        passed.update(set(candidates) - set(mine))
        locked: dict[int, list[int]] = defaultdict(list)
        for pk, recipient_id in (
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(due, recipient_id__in=mine)
            .order_by("pk")
            .values_list("pk", "recipient_id")
        ):
            locked[recipient_id].append(pk)
        # Read after locking: a row of theirs we could not lock (a ledger change is writing
        # it, a delivery holds it) makes the recipient wait for the next sweep, whole.
        totals = dict(
            Reminder.objects.filter(due, recipient_id__in=mine)
            .values_list("recipient_id")
            .annotate(n=Count("pk"))
            .values_list("recipient_id", "n")
        )
        claims = []
        for recipient_id in mine:
            pks = locked.get(recipient_id, [])
            if not pks or len(pks) != totals.get(recipient_id):
                passed.add(recipient_id)
                continue
            token = uuid.uuid4()
            Reminder.objects.filter(pk__in=pks).update(
                status=ReminderStatus.CLAIMED, claim_token=token, claimed_at=now
            )
            claims.append((recipient_id, token))
        return claims, True


@dataclasses.dataclass
class SweepReport:
    claimed: int = 0  # claims made (one per recipient)
    enqueued: int = 0  # deliveries handed to the broker
    released: int = 0  # reminders given back (pending again) because the broker failed
    broker_error: str = ""


def _release(tokens: list[uuid.UUID]) -> int:
    """Give claims back to the schedule: pending again, for the next sweep to take at once.
    A claim whose message did get through after all (a publish that timed out late) is
    harmless: its delivery finds its token gone and does nothing."""
    return Reminder.objects.filter(claim_token__in=tokens, status=ReminderStatus.CLAIMED).update(
        status=ReminderStatus.PENDING, claim_token=None, claimed_at=None
    )


def _publish(claims: list[tuple[int, uuid.UUID]], report: SweepReport) -> None:
    """One delivery per claim; at the first failed publish stop and give the rest back, so
    a sweep with the broker down takes one publish time-out, not one per recipient."""
    from notifications.tasks import reminders_deliver_task

    for i, (recipient_id, token) in enumerate(claims):
        try:
            reminders_deliver_task.delay(recipient_id, str(token))
        except Exception as exc:  # the broker is down (or, run eagerly, the database)
            report.released += _release([t for _, t in claims[i:]])
            report.broker_error = f"{type(exc).__name__}: {exc}"[:300]
            logger.warning(
                "reminder sweep stopped: %d deliveries enqueued, %d reminders released for "
                "the next sweep (%s)",
                report.enqueued,
                report.released,
                report.broker_error,
            )
            return
        report.enqueued += 1


def reminders_sweep_report(
    *,
    now: datetime.datetime | None = None,
    lease: datetime.timedelta | None = None,
    batch: int = BATCH,
) -> SweepReport:
    """Claim everything due, batch by batch, and publish the deliveries; stop at the first
    failed publish. Call it outside a transaction (beat's task, the command): inside one
    (tests) the deliveries are published when that transaction commits and are counted as
    enqueued."""
    now = now or timezone.now()
    lease = lease if lease is not None else claim_lease()
    report = SweepReport()
    passed: set[int] = set()
    while not report.broker_error:
        claims, more = _claim_batch(now=now, lease=lease, batch=batch, passed=passed)
        if not more:
            break
        report.claimed += len(claims)
        if not claims:
            continue  # every candidate was passed over; the next batch has others
        if connection.in_atomic_block:
            transaction.on_commit(lambda claims=claims: _publish(claims, SweepReport()))
            report.enqueued += len(claims)
        else:
            _publish(claims, report)
    return report


def reminders_sweep(
    *,
    now: datetime.datetime | None = None,
    lease: datetime.timedelta | None = None,
    batch: int = BATCH,
) -> int:
    """Claim everything due and enqueue the deliveries; return how many were enqueued."""
    return reminders_sweep_report(now=now, lease=lease, batch=batch).enqueued


def reminders_deliver(*, recipient_id: int, token: str | uuid.UUID) -> int:
    """Deliver one claim: one digest in the recipient's inbox, rows marked sent, atomically.
    Returns how many reminders were delivered (0 if already done, reclaimed, or the
    recipient's account is inactive — then the rows are cancelled with that reason)."""
    from notifications.services import notification_send

    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update()
            .filter(recipient_id=recipient_id, claim_token=token, status=ReminderStatus.CLAIMED)
            .order_by("due_on", "pk")
        )
        if not rows:
            return 0
        pks = [r.pk for r in rows]
        recipient = get_user_model().objects.get(pk=recipient_id)
        if not recipient.is_active:
            # Deactivated by a path that did not withdraw them (the admin, a script, a race
            # with member_deactivate): nobody will read them. Terminal, and counted.
            Reminder.objects.filter(pk__in=pks).update(
                status=ReminderStatus.CANCELLED,
                cancel_reason=CancelReason.RECIPIENT_INACTIVE,
                claim_token=None,
                claimed_at=None,
            )
            return 0
        if len(rows) == 1:
            title, body, url = rows[0].title, rows[0].body, rows[0].url
        else:
            title = _("整改提醒:%(n)d 项需要关注") % {"n": len(rows)}
            body = "\n".join(f"· {r.title}" for r in rows)
            url = rows[0].url
        key = f"reminders:{token}"
        created = notification_send(
            recipients=[recipient], key=key, title=title, body=body, url=url
        )
        notification = (
            created[0] if created else Notification.objects.get(recipient=recipient, key=key)
        )
        Reminder.objects.filter(pk__in=pks).update(
            status=ReminderStatus.SENT, sent_at=timezone.now(), notification=notification
        )
        return len(rows)


def reminders_deliver_failed(*, recipient_id: int, token: str | uuid.UUID, error: str) -> int:
    """Count a failed delivery of one claim on its rows. They stay claimed (the next sweep
    after the lease tries again); after ``MAX_ATTEMPTS`` they are cancelled as undeliverable,
    with the error. Returns how many rows were given up."""
    with transaction.atomic():
        pks = list(
            Reminder.objects.select_for_update()
            .filter(recipient_id=recipient_id, claim_token=token, status=ReminderStatus.CLAIMED)
            .values_list("pk", flat=True)
        )
        Reminder.objects.filter(pk__in=pks).update(attempts=F("attempts") + 1, error=error[:300])
        given_up = Reminder.objects.filter(pk__in=pks, attempts__gte=MAX_ATTEMPTS).update(
            status=ReminderStatus.CANCELLED,
            cancel_reason=CancelReason.UNDELIVERABLE,
            claim_token=None,
            claimed_at=None,
        )
    if given_up:
        logger.error(
            "%d reminders for user %s given up after %d failed deliveries: %s",
            given_up,
            recipient_id,
            MAX_ATTEMPTS,
            error,
        )
    return given_up


def reminders_lag_seconds(*, now: datetime.datetime | None = None) -> int:
    """How long the longest-waiting undelivered reminder has been deliverable: pending and
    due, or claimed (its delivery may be lost), counted from when it was written or due,
    whichever is later. Reads only undelivered rows (the partial indexes)."""
    now = now or timezone.now()
    oldest = Reminder.objects.filter(
        Q(status=ReminderStatus.PENDING, due_at__lte=now) | Q(status=ReminderStatus.CLAIMED)
    ).aggregate(oldest=Min(Greatest("created_at", "due_at")))["oldest"]
    return max(0, int((now - oldest).total_seconds())) if oldest else 0


def reminders_healthy(*, lag_seconds: int) -> bool:
    return lag_seconds < settings.ORGLIFE_REMINDER_LAG_ALERT_SECONDS


def reminders_status(*, now: datetime.datetime | None = None) -> dict:
    """Figures for operations (``manage.py reminders_status``, staff on ``/inbox/health/``)."""
    now = now or timezone.now()
    counts = dict.fromkeys(ReminderStatus.values, 0)
    for row in Reminder.objects.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    reasons = dict.fromkeys(CancelReason.values, 0)
    for row in (
        Reminder.objects.filter(status=ReminderStatus.CANCELLED)
        .values("cancel_reason")
        .annotate(n=Count("pk"))
    ):
        reasons[row["cancel_reason"]] = row["n"]
    lag = reminders_lag_seconds(now=now)
    return {
        "pending": counts[ReminderStatus.PENDING],
        "due": Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now).count(),
        "claimed": counts[ReminderStatus.CLAIMED],
        # Claims older than the lease: their delivery was lost; the next sweep takes them.
        "claimed_past_lease": Reminder.objects.filter(
            status=ReminderStatus.CLAIMED, claimed_at__lt=now - claim_lease()
        ).count(),
        "sent": counts[ReminderStatus.SENT],
        "cancelled": counts[ReminderStatus.CANCELLED],
        "cancelled_by_reason": reasons,
        "failed": Notification.objects.filter(email_state="failed").count(),
        "lag_seconds": lag,
        "lag_alert_seconds": settings.ORGLIFE_REMINDER_LAG_ALERT_SECONDS,
        "healthy": reminders_healthy(lag_seconds=lag),
        "lease_seconds": settings.REMINDER_LEASE_SECONDS,
        "sweep_seconds": settings.REMINDER_SWEEP_SECONDS,
        "time_zone": settings.TIME_ZONE,
    }
