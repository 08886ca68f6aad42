"""Faults, with the real PostgreSQL, the real Redis and real Celery worker processes.

Every due reminder must reach the inbox exactly once when: the worker is killed with
SIGKILL mid-batch; Redis is flushed between claim and delivery; two sweeps run at once;
Redis is stopped for a while and brought back. The counts (scheduled, delivered,
duplicated, lost) are printed for the closing note.
"""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.db import connections
from django.db.models import Count
from django.utils import timezone

from notifications import reminders
from notifications.models import Notification, Reminder, ReminderStatus
from tests.harness import CeleryWorker, on_broker, use_broker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _schedule(recipients: int, per_recipient: int) -> int:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users = User.objects.bulk_create(User(username=f"r{i}") for i in range(recipients))
    due = timezone.localdate() - datetime.timedelta(days=1)
    rows = [
        Reminder(
            key=f"item:{u.pk}-{j}:deadline_1d:{u.pk}:{due}",
            subject=f"item:{u.pk}-{j}",
            kind="deadline_1d",
            recipient=u,
            due_on=due,
            due_at=reminders.due_at_for(due),
            title=f"事项 {j} 明天到期",
        )
        for u in users
        for j in range(per_recipient)
    ]
    Reminder.objects.bulk_create(rows)
    return len(rows)


def _sent() -> int:
    return Reminder.objects.filter(status=ReminderStatus.SENT).count()


def _after_lease() -> datetime.datetime:
    return timezone.now() + reminders.claim_lease() + datetime.timedelta(seconds=5)


def _audit(scheduled: int, label: str) -> None:
    """Every reminder in exactly one inbox digest; no digest without reminders."""
    delivered = Reminder.objects.filter(status=ReminderStatus.SENT, notification__isnull=False)
    lost = Reminder.objects.exclude(status=ReminderStatus.SENT).count()
    digests = Notification.objects.filter(key__startswith="reminders:")
    orphan = digests.annotate(n=Count("reminders")).filter(n=0).count()
    # A reminder can point at only one notification (one FK); a second digest carrying the
    # same reminder would show up as an orphan digest above.
    print(
        f"\n[{label}] scheduled={scheduled} delivered={delivered.count()} "
        f"duplicated={orphan} lost={lost} digests={digests.count()}"
    )
    assert lost == 0
    assert orphan == 0
    assert delivered.count() == scheduled


def test_worker_killed_mid_batch(broker):
    scheduled = _schedule(recipients=600, per_recipient=2)
    reminders.reminders_sweep()  # claims everything, enqueues 600 deliveries to Redis
    worker = CeleryWorker(broker)
    try:
        wait_for(lambda: _sent() >= 40, timeout=90, what="the first deliveries")
        worker.kill9()
        sent_at_kill = _sent()
        assert sent_at_kill < scheduled, "the worker finished before it could be killed"
    finally:
        worker.stop()
    worker = CeleryWorker(broker)  # the queue still holds what was not consumed
    try:
        wait_for(
            lambda: _sent() >= scheduled - 2 or not _queue_len(broker),
            timeout=300,
            what="the queue",
        )
        time.sleep(1)
        reminders.reminders_sweep(now=_after_lease())  # what the dead worker held
        wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
    finally:
        worker.stop()
    _audit(scheduled, f"kill -9 at {sent_at_kill} delivered")


def _queue_len(url: str) -> int:
    import redis

    return redis.Redis.from_url(url).llen("celery")


def test_redis_flushed_between_claim_and_delivery(broker):
    import redis

    scheduled = _schedule(recipients=50, per_recipient=3)
    reminders.reminders_sweep()
    assert _queue_len(broker) == 50
    redis.Redis.from_url(broker).flushdb()  # every delivery message is gone
    worker = CeleryWorker(broker)
    try:
        time.sleep(2)
        assert _sent() == 0
        reminders.reminders_sweep(now=_after_lease())
        wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
    finally:
        worker.stop()
    _audit(scheduled, "redis flushed")


def test_two_sweeps_at_once(broker):
    scheduled = _schedule(recipients=300, per_recipient=2)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def sweep():
        barrier.wait()
        try:
            results.append(reminders.reminders_sweep(batch=50))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # SKIP LOCKED: the two sweeps claimed disjoint rows between them, each exactly once.
    assert sum(results) == _queue_len(broker) == 300
    worker = CeleryWorker(broker)
    try:
        wait_for(lambda: _sent() == scheduled, timeout=90, what="every reminder")
    finally:
        worker.stop()
    _audit(scheduled, f"two sweeps claimed {results}")


def test_redis_stopped_then_back(private_redis):
    from config.celery import app

    url = private_redis.url
    with on_broker(app, url):
        scheduled = _schedule(recipients=40, per_recipient=2)
        private_redis.stop(kill=False)
        # The first publish fails: the sweep stops and gives its claims back.
        assert reminders.reminders_sweep() == 0
        assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() == scheduled
        time.sleep(1)
        private_redis.start()  # waits until it answers
        use_broker(app)
        worker = CeleryWorker(url)
        try:
            enqueued = reminders.reminders_sweep()  # at once, not after a lease
            assert enqueued == 40, enqueued
            wait_for(lambda: _sent() == scheduled, timeout=60, what="every reminder")
        finally:
            worker.stop()
        _audit(scheduled, "redis stopped and restarted")


def test_settings_sweep_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-sweep"]
    assert entry["task"] == "notifications.tasks.reminders_sweep_task"
    assert entry["schedule"] <= 60
