"""Faults, second round (issue 20), with the real PostgreSQL, Redis and Celery worker processes.

1. A recipient whose account was made inactive outside ``members.services`` (the admin, a
   script, a race): the rows end cancelled with the reason, are counted, and never loop. Any
   other row whose delivery keeps failing ends "undeliverable" after a bounded number of
   attempts and never holds back anyone else's reminders.
2. ``/inbox/health/`` counts claimed rows whose delivery was lost, and measures lag from the
   moment a row became deliverable (created or due, whichever is later).
3. Overlapping sweeps never split a recipient's due reminders into two digests.
4. A sweep while the broker is down stops at the first failed publish, gives its claims back,
   and says so (the management command too) — in seconds, not one per recipient.
"""

from __future__ import annotations

import datetime
import io
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from notifications import reminders
from notifications.models import Notification, Reminder, ReminderStatus
from tests.harness import CeleryWorker, on_broker, use_broker, wait_for
from tests.notifications.test_reminder_faults import _audit, _sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

User = get_user_model()
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _users(n: int, prefix: str = "u") -> list:
    return User.objects.bulk_create(User(username=f"{prefix}{i}") for i in range(n))


def _schedule(users, per_recipient: int, day: datetime.date = YESTERDAY) -> int:
    rows = [
        Reminder(
            key=f"item:{u.pk}-{j}:deadline_1d:{u.pk}:{day}",
            subject=f"item:{u.pk}-{j}",
            kind="deadline_1d",
            recipient=u,
            due_on=day,
            due_at=reminders.due_at_for(day),
            title=f"事项 {j} 明天到期",
        )
        for u in users
        for j in range(per_recipient)
    ]
    Reminder.objects.bulk_create(rows)
    return len(rows)


def _later(rounds: int = 1) -> datetime.datetime:
    """A moment ``rounds`` leases from now (the sweep's ``now``)."""
    return timezone.now() + rounds * (reminders.claim_lease() + datetime.timedelta(seconds=5))


def _digests_per_recipient() -> dict[int, int]:
    return dict(
        Notification.objects.filter(key__startswith="reminders:")
        .values_list("recipient_id")
        .annotate(n=Count("pk"))
        .values_list("recipient_id", "n")
    )


# --- 1. poison rows ----------------------------------------------------------------------


def test_recipient_deactivated_outside_the_service_ends_cancelled_and_counted(broker):
    active, gone = _users(2), _users(1, prefix="gone")[0]
    scheduled = _schedule([*active, gone], per_recipient=2)
    # The Django admin's "active" checkbox, a script, or a race with member_deactivate:
    # nothing withdraws the pending reminders.
    User.objects.filter(pk=gone.pk).update(is_active=False)
    assert reminders.reminders_sweep() == 3
    worker = CeleryWorker(broker)
    try:
        wait_for(
            lambda: not Reminder.objects.filter(status=ReminderStatus.CLAIMED).exists(),
            timeout=60,
            what="every claim to end (sent or cancelled)",
        )
        # Nothing comes back after the lease: the rows are terminal, not claimed again.
        assert reminders.reminders_sweep(now=_later()) == 0
        time.sleep(1)
    finally:
        worker.stop()
    assert _sent() == scheduled - 2
    cancelled = Reminder.objects.filter(recipient=gone)
    assert {(r.status, r.cancel_reason) for r in cancelled} == {
        (ReminderStatus.CANCELLED, "recipient_inactive")
    }
    assert not Notification.objects.filter(recipient=gone).exists()
    status = reminders.reminders_status()
    assert status["cancelled_by_reason"]["recipient_inactive"] == 2
    assert status["claimed"] == 0


POISON_SQL = """
CREATE OR REPLACE FUNCTION orglife_test_poison() RETURNS trigger AS $$
BEGIN
    IF NEW.recipient_id = %(pk)s THEN
        RAISE EXCEPTION 'poisoned inbox for %%', NEW.recipient_id;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER orglife_test_poison BEFORE INSERT ON notifications_notification
    FOR EACH ROW EXECUTE FUNCTION orglife_test_poison();
"""


def test_a_row_that_always_fails_ends_undeliverable_and_blocks_no_one(broker):
    users = _users(3)
    poisoned = users[0]
    scheduled = _schedule(users, per_recipient=1)
    with connection.cursor() as cursor:  # the inbox insert fails for one recipient, always
        cursor.execute(POISON_SQL % {"pk": poisoned.pk})
    worker = CeleryWorker(broker)

    def state():
        return Reminder.objects.filter(recipient=poisoned).values_list("status", "attempts").get()

    rounds = 0
    try:
        reminders.reminders_sweep()
        wait_for(lambda: _sent() == scheduled - 1, timeout=60, what="the healthy recipients")
        # After each failure the row waits for its lease and is claimed again; it must not
        # come back for ever.
        for rounds in range(1, 11):
            wait_for(
                lambda n=rounds: state()[1] >= n or state()[0] != ReminderStatus.CLAIMED,
                timeout=60,
                what=f"failed delivery {rounds}",
            )
            if state()[0] != ReminderStatus.CLAIMED:
                break
            reminders.reminders_sweep(now=_later(rounds))
    finally:
        worker.stop()
        with connection.cursor() as cursor:
            cursor.execute(
                "DROP TRIGGER IF EXISTS orglife_test_poison ON notifications_notification;"
                "DROP FUNCTION IF EXISTS orglife_test_poison()"
            )
    row = Reminder.objects.get(recipient=poisoned)
    assert row.status == ReminderStatus.CANCELLED, f"still {row.status} after {rounds} rounds"
    assert row.cancel_reason == "undeliverable" and "poisoned inbox" in row.error
    assert row.attempts == reminders.MAX_ATTEMPTS == rounds
    assert reminders.reminders_sweep(now=_later(rounds + 1)) == 0
    assert reminders.reminders_status()["cancelled_by_reason"]["undeliverable"] == 1
    assert _sent() == scheduled - 1


# --- 2. health ---------------------------------------------------------------------------


def test_health_counts_claimed_rows_whose_delivery_was_lost(broker, settings):
    import redis

    settings.REMINDER_LEASE_SECONDS = 3
    settings.ORGLIFE_REMINDER_LAG_ALERT_SECONDS = 600
    users = _users(20)
    scheduled = _schedule(users, per_recipient=2)
    # Written an hour ago for yesterday: deliverable for an hour.
    Reminder.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    staff = User.objects.create(username="ops", is_staff=True)
    ops, anonymous = Client(), Client()
    ops.force_login(staff)

    assert reminders.reminders_sweep() == 20
    redis.Redis.from_url(broker).flushdb()  # every delivery message is lost
    worker = CeleryWorker(broker)
    try:
        time.sleep(1)
        assert _sent() == 0
        response = ops.get("/inbox/health/")
        figures = response.json()
        assert response.status_code == 503, figures
        assert figures["claimed"] == scheduled and figures["healthy"] is False
        assert 3600 <= figures["lag_seconds"] < 3700
        response = anonymous.get("/inbox/health/")
        assert response.status_code == 503 and response.content == b"unhealthy"

        time.sleep(settings.REMINDER_LEASE_SECONDS + 0.5)  # the lease is a setting
        assert reminders.reminders_sweep() == 20
        wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
    finally:
        worker.stop()
    response = anonymous.get("/inbox/health/")
    assert response.status_code == 200 and response.content == b"healthy"
    assert ops.get("/inbox/health/").json()["lag_seconds"] == 0
    _audit(scheduled, "lost claims, lease 3 s")


def test_health_measures_lag_from_when_a_reminder_became_deliverable(settings):
    settings.ORGLIFE_REMINDER_LAG_ALERT_SECONDS = 600
    # Planned just now for yesterday (a deadline moved, a catch-up): deliverable since now,
    # not since yesterday morning.
    _schedule(_users(1), per_recipient=1)
    assert Client().get("/inbox/health/").status_code == 200
    status = reminders.reminders_status()
    assert status["pending"] == 1 and status["lag_seconds"] < 60
    Reminder.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=20))
    assert 1200 <= reminders.reminders_status()["lag_seconds"] < 1260
    assert Client().get("/inbox/health/").status_code == 503


# --- 3. overlapping sweeps ---------------------------------------------------------------


def test_a_recipient_is_claimed_whole_or_not_at_all(broker):
    """A second sweep (or any transaction) holding some of a recipient's rows — the state
    two overlapping sweeps leave each other in — makes this sweep leave that recipient
    whole for the next one, instead of sending the rest as a second digest."""
    users = _users(3)
    busy = users[0]
    scheduled = _schedule(users, per_recipient=3)
    held, release = threading.Event(), threading.Event()

    def other_sweep():
        from django.db import transaction

        try:
            with transaction.atomic():
                list(
                    Reminder.objects.select_for_update(skip_locked=True)
                    .filter(recipient=busy)
                    .order_by("pk")[:1]
                )
                held.set()
                release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_sweep)
    thread.start()
    try:
        assert held.wait(10)
        first = reminders.reminders_sweep()
        assert not Reminder.objects.filter(recipient=busy, status=ReminderStatus.CLAIMED).exists()
    finally:
        release.set()
        thread.join()
    assert first == 2
    assert reminders.reminders_sweep() == 1  # now the busy recipient, all three rows
    worker = CeleryWorker(broker)
    try:
        wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
    finally:
        worker.stop()
    assert _digests_per_recipient() == {u.pk: 1 for u in users}
    _audit(scheduled, "a recipient's row held by another transaction")


def test_eight_sweeps_at_once_send_one_digest_per_recipient(broker):
    """The outside harness's load: eight sweeps at once. The split they saw needs two
    sweeps' row locks to interleave, which this machine did not reproduce with the old
    per-row claim either; the test above freezes that moment and fails without the
    per-recipient claim. This one checks the advisory locks under load: every recipient
    claimed exactly once between the eight, none left behind."""
    users = _users(120)
    scheduled = _schedule(users, per_recipient=6)
    results: list[int] = []
    barrier = threading.Barrier(8)

    def sweep():
        barrier.wait()
        try:
            results.append(reminders.reminders_sweep(batch=7))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    worker = CeleryWorker(broker)
    try:
        wait_for(lambda: _sent() == scheduled, timeout=120, what="every reminder")
    finally:
        worker.stop()
    split = {pk: n for pk, n in _digests_per_recipient().items() if n != 1}
    print(f"\n[eight sweeps] claims per sweep {sorted(results)}; split recipients {len(split)}")
    assert sum(results) == len(users)
    assert not split
    _audit(scheduled, "eight sweeps at once")


# --- 4. broker down ----------------------------------------------------------------------


def test_a_sweep_with_the_broker_down_reports_what_it_really_enqueued(private_redis):
    from config.celery import app

    url = private_redis.url
    with on_broker(app, url):
        scheduled = _schedule(_users(40), per_recipient=2)
        private_redis.stop(kill=False)

        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        failed = None
        try:
            call_command("reminders_sweep", stdout=out, stderr=err)
        except CommandError as exc:
            failed = exc
        elapsed = time.monotonic() - started
        print(f"\n[broker down] sweep took {elapsed:.1f} s; said {out.getvalue().strip()!r}")
        assert "enqueued deliveries: 0" in out.getvalue()
        assert failed is not None, "the command must fail when the broker is down"
        assert elapsed < 10  # one failed publish, not one per recipient
        # The claims were given back: the next sweep takes them at once, not after a lease.
        assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() == scheduled

        private_redis.start()  # waits until it answers
        use_broker(app)
        worker = CeleryWorker(url)
        try:
            assert reminders.reminders_sweep() == 40
            wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
        finally:
            worker.stop()
        _audit(scheduled, "sweep with the broker down, then back")
