"""Faults, with the real PostgreSQL, the real Redis and real Celery worker processes.

Every due reminder must reach the inbox exactly once when: the worker is killed with
SIGKILL mid-batch; Redis is flushed between claim and delivery; two sweeps run at once;
Redis is stopped for a while and brought back. The counts (scheduled, delivered,
duplicated, lost) are printed for the closing note.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models import Count
from django.utils import timezone

from notifications import reminders
from notifications.models import Notification, Reminder, ReminderStatus

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
FAULT_REDIS_DB = 7


def _use_broker(app, **conf) -> None:
    """Re-point this process's Celery app; drop its cached connection and producer pools."""
    app.conf.update(conf)
    app._pool = None
    app.amqp._producer_pool = None


def _db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A real `celery worker` process on the test database and the given broker."""

    def __init__(self, broker: str):
        env = {
            **os.environ,
            "DATABASE_URL": _db_url(),
            "REDIS_URL": broker,
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "EMAIL_URL": "dummymail://",
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()


@pytest.fixture
def broker(request):
    """Point this process's Celery app at a Redis database of its own, not eager."""
    from config.celery import app

    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    url = f"{base}/{FAULT_REDIS_DB}"
    import redis

    redis.Redis.from_url(url).flushdb()
    old = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    _use_broker(app, broker_url=url, task_always_eager=False, result_backend=None)
    yield url
    _use_broker(app, **old)
    redis.Redis.from_url(url).flushdb()


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


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


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
    worker = Worker(broker)
    try:
        _wait(lambda: _sent() >= 40, 90, "the first deliveries")
        worker.kill9()
        sent_at_kill = _sent()
        assert sent_at_kill < scheduled, "the worker finished before it could be killed"
    finally:
        worker.stop()
    worker = Worker(broker)  # the queue still holds what was not consumed
    try:
        _wait(lambda: _sent() >= scheduled - 2 or not _queue_len(broker), 300, "the queue")
        time.sleep(1)
        reminders.reminders_sweep(now=_after_lease())  # what the dead worker held
        _wait(lambda: _sent() == scheduled, 60, "every reminder")
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
    worker = Worker(broker)
    try:
        time.sleep(2)
        assert _sent() == 0
        reminders.reminders_sweep(now=_after_lease())
        _wait(lambda: _sent() == scheduled, 60, "every reminder")
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
    worker = Worker(broker)
    try:
        _wait(lambda: _sent() == scheduled, 90, "every reminder")
    finally:
        worker.stop()
    _audit(scheduled, f"two sweeps claimed {results}")


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, so stopping it disturbs nobody else."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server binary not found")
    port = _free_port()  # never a fixed one: it may be another Redis on this machine

    def start():
        return subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )

    import redis

    proc = {"p": start()}
    client = redis.Redis(port=port)
    _wait(lambda: _ping(client), 10, "private redis")
    assert proc["p"].poll() is None, "the private redis-server did not start (port taken?)"
    yield {"url": f"redis://127.0.0.1:{port}/0", "proc": proc, "start": start, "client": client}
    proc["p"].terminate()
    proc["p"].wait(timeout=10)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ping(client) -> bool:
    try:
        return client.ping()
    except Exception:
        return False


def test_redis_stopped_then_back(private_redis):
    from config.celery import app

    url = private_redis["url"]
    old = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    _use_broker(app, broker_url=url, task_always_eager=False, result_backend=None)
    try:
        scheduled = _schedule(recipients=40, per_recipient=2)
        private_redis["proc"]["p"].terminate()
        private_redis["proc"]["p"].wait(timeout=10)
        # The first publish fails: the sweep stops and gives its claims back.
        assert reminders.reminders_sweep() == 0
        assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() == scheduled
        time.sleep(1)
        private_redis["proc"]["p"] = private_redis["start"]()
        _wait(lambda: _ping(private_redis["client"]), 10, "redis back")
        _use_broker(app)
        worker = Worker(url)
        try:
            enqueued = reminders.reminders_sweep()  # at once, not after a lease
            assert enqueued == 40, enqueued
            _wait(lambda: _sent() == scheduled, 60, "every reminder")
        finally:
            worker.stop()
        _audit(scheduled, "redis stopped and restarted")
    finally:
        _use_broker(app, **old)


def test_settings_sweep_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-sweep"]
    assert entry["task"] == "notifications.tasks.reminders_sweep_task"
    assert entry["schedule"] <= 60
