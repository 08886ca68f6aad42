"""Restart PostgreSQL and Redis while the load runs: clean failures, recovery, exact reminders.

From a fresh clone (needs the PostgreSQL server binaries — /usr/lib/postgresql/*/bin — and
``redis-server``; it touches neither the machine's PostgreSQL nor its Redis):

    make install                          # or: python3 -m venv .venv && .venv/bin/pip install ".[dev]"
    .venv/bin/python bench/faults.py      # ~2 minutes of load, then up to ~5 minutes while
                                          # lost deliveries wait for the sweep's lease

    .venv/bin/python bench/faults.py --outage 20 --clients 6
    .venv/bin/python bench/faults.py --keep     # keep the temp dir (logs) for a look

What it does:

1. starts a PostgreSQL of its own (``initdb`` into a temp dir, trust on 127.0.0.1, a free
   port; as the ``postgres`` OS user when run as root, since PostgreSQL refuses root) and a
   ``redis-server`` of its own (free port, nothing kept on disk), migrates a fresh database
   and generates a small world (``manage.py generate_load``, the ``load-*`` logins);
2. starts the production topology against them — gunicorn with ``deploy/gunicorn.conf.py``, a
   Celery worker and Celery beat (DEBUG=false, persistent database connections, the reminder
   sweep every 2 s; plain HTTP on loopback, so no SSL redirect);
3. runs a steady HTTP load (``--clients`` threads, ``--rate`` requests/s in all: member
   home, branch ledger, supervisor home, each with its user's session) and, all along, puts
   new reminders on the schedule, due at once (two every half second, each with a unique
   title, for ``--recipients`` users);
4. in the middle stops PostgreSQL (``pg_ctl stop -m fast``) for ``--outage`` seconds and
   starts it again; later kills Redis and starts it again, empty (the "flushed Redis" case).
   2.5 s before each stop it schedules one more reminder for every recipient, so that
   deliveries are queued in Redis and running in the worker when the service goes away.
   gunicorn, the worker and beat are never restarted;
5. waits until every reminder the database holds is sent (deliveries lost with Redis come
   back after the sweep's lease, 5 minutes), then audits every inbox.

It prints, per phase, requests, OK, 503, other errors and p95, and checks:
(a) during an outage requests fail cleanly — a quick 503 with the short Chinese page, no
hang, no traceback, no dropped connection; (b) after each restart the success rate is back
to 100% within ``--recovery-limit`` seconds, with the same processes; (c) every scheduled
reminder reaches its recipient's inbox exactly once (scheduled / delivered / duplicated /
lost). Writes bench/results-faults.json; exits 1 when a check fails. Every process and the
temp dir are cleaned up at the end, also on Ctrl-C or an error.

Seen with celery/kombu 5.7.0: in about one run in four, killing Redis while the worker holds an
unacknowledged message makes the worker exit ("Unrecoverable error: AttributeError: 'NoneType'
object has no attribute 'hostname'" from kombu's ``restore_unacked``). Check (b) then fails and
the end of the worker's log is printed; in production systemd restarts it
(deploy/systemd/orglife-worker.service, ``Restart=on-failure``) and the sweep's lease brings
back what it held.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from load import Gunicorn
from run import PYTHON, ROOT, login, machine

sys.path.insert(0, str(ROOT))  # the process harness the tests use too
from tests.harness import Process, RedisServer, celery, free_port  # noqa: E402

DATABASE = "orglife_faults"
OUTAGE_TEXT = "服务暂时不可用"
MIX = {  # page → (login, path)
    "member_home": ("load-member", "/"),
    "branch_ledger": ("load-secretary", "/rectification/branches/{branch}/ledger/"),
    "supervisor_home": ("load-supervisor", "/supervision/"),
}
TITLE = "故障演练提醒 #{n}"
BURST_LEAD = 2.5  # seconds between a burst of reminders and the stop that follows


_STARTED = time.monotonic()


def _log(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f} s] {message}", flush=True)


# --- private services --------------------------------------------------------------------------


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        sys.exit("PostgreSQL server binaries not found (apt-get install postgresql)")
    return Path(pg_ctl).resolve().parent


def _version(path: str) -> float:
    try:
        return float(Path(path).parts[-3])
    except ValueError:
        return 0.0


class PrivatePostgres:
    """A throw-away cluster in ``workdir/pg``; as the ``postgres`` user when we are root."""

    def __init__(self, workdir: Path):
        self.bin = _pg_bin()
        self.dir = workdir / "pg"
        self.data = self.dir / "data"
        self.logfile = self.dir / "postgres.log"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.initialised = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_owner, *args],
            cwd=self.dir,
            check=check,
            capture_output=True,
            text=True,
        )

    def init(self) -> None:
        self.dir.mkdir()
        if self.as_owner:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            "--no-locale",
        )
        self.initialised = True
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\nmax_connections = 60\n"
            )

    def start(self) -> None:
        self._run(
            str(self.bin / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "start"),
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        if not self.initialised:
            return False
        status = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status", check=False)
        return status.returncode == 0

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> None:
        import psycopg2

        conn = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres"
        )
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        conn.close()


def queue_length(redis: RedisServer) -> int | None:
    """Messages waiting in Celery's default queue on the private Redis."""
    import redis as redis_py

    try:
        return redis.client(socket_connect_timeout=1).llen("celery")
    except redis_py.RedisError:
        return None


def app_env(pg: PrivatePostgres, redis: RedisServer, workdir: Path) -> dict[str, str]:
    """Production settings from the environment, pointed at the private services."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "faults-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": pg.url(DATABASE),
        "CONN_MAX_AGE": "60",
        "REDIS_URL": redis.url,
        "CELERY_BROKER_URL": redis.url,
        "CELERY_RESULT_BACKEND": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # django-environ drops the first slash of the path: four slashes for an absolute one.
        "EMAIL_URL": f"filemail:///{workdir / 'mail'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "REMINDER_SWEEP_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}")


# --- what runs during the faults ---------------------------------------------------------------


class Load:
    """``clients`` threads requesting the mix round-robin at a steady ``rate`` (requests/s
    in all; a late answer delays the next request, there is no catching up). ``rate`` 0: as
    fast as answers come — then a flood of quick 503s recycles gunicorn's workers
    (``max_requests``) during the outage."""

    def __init__(self, url: str, targets: list[tuple[str, str, str]], clients: int, rate: float):
        self.url = url
        self.targets = targets  # (page, path, sessionid)
        self.clients = clients
        self.interval = clients / rate if rate else 0.0
        self.stop = threading.Event()
        self.t0 = 0.0
        self.records: list[tuple] = []  # (start, seconds, page, outcome, clean)
        self.samples: dict[str, str] = {}  # outcome → first body seen
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    def start(self, t0: float) -> None:
        self.t0 = t0
        for n in range(self.clients):
            thread = threading.Thread(target=self._client, args=(n,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _client(self, n: int) -> None:
        import requests

        session = requests.Session()
        i = n
        next_at = time.monotonic() + self.interval * n / self.clients  # spread the clients
        while not self.stop.wait(max(0.0, next_at - time.monotonic())):
            page, path, sessionid = self.targets[i % len(self.targets)]
            i += 1
            started = time.monotonic()
            next_at = started + self.interval
            clean = True
            try:
                response = session.get(
                    self.url + path,
                    headers={"Cookie": f"sessionid={sessionid}"},
                    allow_redirects=False,
                    timeout=(3, 10),
                )
                outcome: str | int = response.status_code
                if outcome != 200:
                    body = response.text
                    clean = (
                        outcome == 503
                        and OUTAGE_TEXT in body
                        and "Traceback" not in body
                        and "Error" not in body
                    )
                    with self.lock:
                        self.samples.setdefault(str(outcome), body[:2000])
            except requests.Timeout:
                outcome, clean = "timeout", False
            except requests.ConnectionError:
                outcome, clean = "connection error", False
            elapsed = time.monotonic() - started
            with self.lock:
                self.records.append((started - self.t0, elapsed, page, outcome, clean))
            session.cookies.clear()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


class Feeder:
    """Puts reminders on the schedule all along, due at once, each with a unique title; and,
    on demand, a burst of one reminder per recipient, so that deliveries are queued in Redis
    or running in the worker at the moment a service goes down."""

    def __init__(self, recipients: list, per_tick: int, interval: float):
        self.recipients = recipients
        self.per_tick = per_tick
        self.interval = interval
        self.stop = threading.Event()
        self.confirmed: list[str] = []  # titles whose transaction committed
        self.failed: list[str] = []  # titles refused (the database was down)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def schedule(self, batch: list[tuple[str, object]]) -> bool:
        """(tag, recipient) pairs in one transaction; True when it committed."""
        from django.db import DatabaseError, connection, transaction
        from django.utils import timezone

        from notifications.reminders import reminder_schedule

        due = timezone.localdate() - datetime.timedelta(days=1)  # due at once
        titles = [TITLE.format(n=tag) for tag, _recipient in batch]
        try:
            with transaction.atomic():
                for (tag, recipient), title in zip(batch, titles, strict=True):
                    reminder_schedule(
                        subject=f"fault:{tag}",
                        kind="fault",
                        recipient=recipient,
                        due_on=due,
                        title=title,
                        url="/inbox/",
                    )
        except DatabaseError:
            connection.close()  # the database is down: not scheduled (or, rarely, unsure)
            with self.lock:
                self.failed += titles
            return False
        with self.lock:
            self.confirmed += titles
        return True

    def burst(self, label: str) -> bool:
        return self.schedule([(f"{label}-{i}", r) for i, r in enumerate(self.recipients)])

    def _run(self) -> None:
        from django.db import connection

        n = 0
        rng = random.Random(2026)
        while not self.stop.is_set():
            self.schedule([(n + i, rng.choice(self.recipients)) for i in range(self.per_tick)])
            n += self.per_tick
            self.stop.wait(self.interval)
        connection.close()

    def finish(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


# --- figures -----------------------------------------------------------------------------------


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[max(0, int(round(0.95 * len(values))) - 1)] * 1000, 1)


def phase_figures(records: list[tuple], start: float, end: float) -> dict:
    """A request belongs to the phase in which its answer came (a request in flight when a
    service stops fails with the outage)."""
    rows = [r for r in records if start <= r[0] + r[1] < end]
    ok = [r for r in rows if r[3] == 200]
    failed = [r for r in rows if r[3] != 200]
    outcomes = Counter(str(r[3]) for r in failed)
    return {
        "from_s": round(start, 1),
        "to_s": round(end, 1),
        "seconds": round(end - start, 1),
        "requests": len(rows),
        "ok": len(ok),
        "503": outcomes.get("503", 0),
        "other_errors": len(failed) - outcomes.get("503", 0),
        "outcomes": dict(outcomes),
        "unclean_failures": sum(1 for r in failed if not r[4]),
        "p95_ms": p95([r[1] for r in rows]),
        "p95_failed_ms": p95([r[1] for r in failed]),
        "max_failed_ms": round(max((r[1] for r in failed), default=0) * 1000, 1),
    }


def per_second(records: list[tuple], seconds: float) -> list[dict]:
    """Answers per second of the run (by the time the answer came): OK, and each failure."""
    buckets = [Counter() for _ in range(int(seconds) + 1)]
    for start, elapsed, _page, outcome, _clean in records:
        second = int(start + elapsed)
        if 0 <= second < len(buckets):
            buckets[second]["ok" if outcome == 200 else str(outcome)] += 1
    return [{"second": s, **bucket} for s, bucket in enumerate(buckets)]


def recovery(records: list[tuple], back: float, end: float) -> float:
    """Seconds from the service being back to the last failed answer (0: none failed)."""
    failed = [r for r in records if back <= r[0] + r[1] < end and r[3] != 200]
    return round(max((r[0] + r[1] - back for r in failed), default=0.0), 1)


def audit_reminders(feeder: Feeder) -> dict:
    from django.db.models import Count

    from notifications.models import Notification, Reminder, ReminderStatus

    rows = list(
        Reminder.objects.filter(kind="fault").values_list(
            "title", "recipient_id", "status", "notification_id", "created_at", "sent_at"
        )
    )
    in_db = {title for title, *_ in rows}
    confirmed = set(feeder.confirmed)
    seen: Counter = Counter()
    digests = Notification.objects.filter(
        recipient_id__in={r[1] for r in rows}, key__startswith="reminders:"
    )
    for notification in digests.only("recipient_id", "title", "body"):
        lines = [line[2:] for line in notification.body.splitlines() if line.startswith("· ")]
        for title in lines or [notification.title]:
            seen[(notification.recipient_id, title)] += 1
    delivered = sum(1 for title, rid, *_ in rows if seen[(rid, title)] >= 1)
    duplicated = sum(seen[(rid, title)] - 1 for title, rid, *_ in rows if seen[(rid, title)] > 1)
    lost = sum(1 for title, rid, *_ in rows if seen[(rid, title)] == 0)
    not_sent = sum(1 for r in rows if r[2] != ReminderStatus.SENT)
    orphan = digests.annotate(n=Count("reminders")).filter(n=0).count()
    lag = sorted((r[5] - r[4]).total_seconds() for r in rows if r[5] is not None)
    return {
        "scheduled": len(rows),
        "confirmed_by_scheduler": len(confirmed),
        "refused_while_down": len(feeder.failed),
        "confirmed_but_missing": len(confirmed - in_db),
        "delivered": delivered,
        "duplicated": duplicated,
        "lost": lost,
        "not_marked_sent": not_sent,
        "orphan_digests": orphan,
        "digests": digests.count(),
        # E-mail copies (recipients with an address): "pending" left over means the copy was
        # never queued — the digest committed while Redis was down.
        "email_copies": dict(Counter(digests.values_list("email_state", flat=True))),
        "delivery_lag_s": {
            "median": round(lag[len(lag) // 2], 1) if lag else None,
            "max": round(lag[-1], 1) if lag else None,
            "over_60_s": sum(1 for v in lag if v > 60),
        },
    }


# --- the run -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=float, default=15, help="seconds of load first")
    parser.add_argument("--outage", type=float, default=10, help="seconds each service is down")
    parser.add_argument("--between", type=float, default=25, help="seconds between the two")
    parser.add_argument("--after", type=float, default=25, help="seconds of load at the end")
    parser.add_argument("--clients", type=int, default=4, help="HTTP client threads")
    parser.add_argument(
        "--rate", type=float, default=12, help="requests/s in all (0: as fast as answered)"
    )
    parser.add_argument("--recipients", type=int, default=80, help="reminder recipients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--recovery-limit", type=float, default=10, help="seconds (check b)")
    parser.add_argument("--fail-fast-ms", type=float, default=2000, help="slowest clean failure")
    parser.add_argument("--drain-timeout", type=float, default=420, help="seconds for reminders")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and its logs")
    args = parser.parse_args()

    # SIGTERM ends the run like Ctrl-C: the finally below cleans up.
    signal.signal(signal.SIGTERM, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="orglife-faults-"))
    workdir.chmod(0o755)  # the postgres user must reach workdir/pg
    pg = PrivatePostgres(workdir)
    try:
        redis_server = RedisServer(workdir)  # free port, nothing on disk: restarts come back empty
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    web: Gunicorn | None = None
    workers: list[Process] = []
    load: Load | None = None
    feeder: Feeder | None = None
    results: dict = {"machine": machine(), "settings": vars(args)}
    try:
        _log(f"private PostgreSQL ({pg.bin}) on :{pg.port}, redis-server on :{redis_server.port}")
        pg.init()
        pg.start()
        redis_server.start()
        pg.create_database(DATABASE)
        env = app_env(pg, redis_server, workdir)
        _log("migrating and generating a small world …")
        manage(env, "migrate", "--noinput")
        manage(env, "generate_load", "--branches=6", "--members-per-branch=8", "--items=300")
        manage(env, "rollups_rebuild", "--advance")

        # This process reads and writes the private database too (scheduling, the audit).
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.contrib.auth import get_user_model

        from members.models import Member

        User = get_user_model()
        branch = Member.objects.get(user__username="load-secretary").branch_id
        recipients = list(User.objects.filter(username__startswith="load-"))
        recipients += [
            User.objects.create_user(
                username=f"fault-r{i}", email=f"fault-r{i}@example.org" if i % 2 else ""
            )
            for i in range(args.recipients)
        ]

        web = Gunicorn(env, workdir, workers=args.workers)
        web.start()
        workers.append(
            celery(
                "worker",
                *("worker", "--concurrency=2", "--loglevel=INFO"),
                *("--without-gossip", "--without-mingle", "--hostname=faults@%h"),
                env=env,
                workdir=workdir,
            )
        )
        workers.append(
            celery(
                "beat",
                *("beat", "--loglevel=INFO", f"--schedule={workdir / 'celerybeat-schedule'}"),
                env=env,
                workdir=workdir,
            )
        )
        pids = {"gunicorn": web.proc.pid, **{c.name: c.proc.pid for c in workers}}
        sessions = {user: login(web.url, user) for user, _path in MIX.values()}
        targets = [
            (page, path.format(branch=branch), sessions[user].cookies["sessionid"])
            for page, (user, path) in MIX.items()
        ]
        for _page, path, sessionid in targets:  # warm up; a wrong page fails here
            response = sessions_get(web.url + path, sessionid)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")

        _log(
            f"gunicorn at {web.url}, worker, beat; load: {args.clients} clients, "
            f"{args.rate or 'as many as answered'} requests/s"
        )
        load = Load(web.url, targets, args.clients, args.rate)
        feeder = Feeder(recipients, per_tick=2, interval=0.5)
        t0 = time.monotonic()
        t0_wall = datetime.datetime.now(datetime.UTC)
        load.start(t0)
        feeder.start()

        def now() -> float:
            return time.monotonic() - t0

        marks: dict[str, float] = {}
        queued: dict[str, int | None] = {}

        def burst_before_stop(label: str) -> None:
            """A reminder for every recipient just before the stop: the next sweep claims
            them and queues one delivery each, which the worker is still working through."""
            from django.db import connection

            connection.close()  # this thread's connection may have died with PostgreSQL
            feeder.burst(label)
            time.sleep(BURST_LEAD)
            queued[label] = queue_length(redis_server)
            _log(f"burst of {len(recipients)} reminders; {queued[label]} messages in Redis")

        time.sleep(max(0.0, args.before - BURST_LEAD))
        burst_before_stop("pg")
        _log("stopping PostgreSQL (pg_ctl stop -m fast)")
        marks["pg_stop"] = now()
        pg.stop("fast")
        marks["pg_stopped"] = now()
        time.sleep(max(0.0, args.outage - (marks["pg_stopped"] - marks["pg_stop"])))
        _log("starting PostgreSQL")
        marks["pg_start"] = now()
        pg.start()
        marks["pg_back"] = now()
        time.sleep(max(0.0, args.between - BURST_LEAD))
        burst_before_stop("redis")
        _log("killing Redis")
        marks["redis_stop"] = now()
        redis_server.stop()
        time.sleep(args.outage)
        _log("starting Redis (empty)")
        marks["redis_start"] = now()
        redis_server.start()
        marks["redis_back"] = now()
        time.sleep(args.after)
        marks["end"] = now()
        load.finish()
        feeder.finish()
        _log(
            f"load stopped: {len(load.records)} requests; "
            f"{len(feeder.confirmed)} reminders scheduled"
        )

        phases = {
            "before": (0.0, marks["pg_stop"]),
            "PostgreSQL down": (marks["pg_stop"], marks["pg_back"]),
            "after PostgreSQL restart": (marks["pg_back"], marks["redis_stop"]),
            "Redis down": (marks["redis_stop"], marks["redis_back"]),
            "after Redis restart": (marks["redis_back"], marks["end"]),
        }
        figures = {name: phase_figures(load.records, *span) for name, span in phases.items()}
        recovered = {
            "PostgreSQL": recovery(load.records, marks["pg_back"], marks["redis_stop"]),
            "Redis": recovery(load.records, marks["redis_back"], marks["end"]),
        }
        same_processes = (
            web.alive()
            and web.proc.pid == pids["gunicorn"]
            and all(c.alive() and c.proc.pid == pids[c.name] for c in workers)
        )

        _log("waiting for every reminder to be delivered (a lost delivery waits for the lease)")
        from django.db import connections

        connections.close_all()  # this process's own connection died with the restart
        everyone = [web, *workers]
        reminders_drained = drain(args.drain_timeout, lambda: all(p.alive() for p in everyone))
        settle_emails()
        audit = audit_reminders(feeder)
        from notifications.models import Reminder

        after_restart = {
            "PostgreSQL": Reminder.objects.filter(
                kind="fault", sent_at__gte=_wall(t0_wall, marks["pg_back"])
            ).count(),
            "Redis": Reminder.objects.filter(
                kind="fault", sent_at__gte=_wall(t0_wall, marks["redis_back"])
            ).count(),
        }
        same_processes = same_processes and web.alive() and all(c.alive() for c in workers)
        processes = {
            name: {
                "pid": proc.proc.pid,
                "alive": proc.alive(),
                "exit_code": proc.proc.returncode,
                **({} if proc.alive() else {"log_tail": proc.tail()}),
            }
            for name, proc in (("gunicorn", web), *((c.name, c) for c in workers))
        }

        outages = ("PostgreSQL down", "Redis down")
        checks = {
            "(a) no failure before the first outage": figures["before"]["ok"]
            == figures["before"]["requests"],
            "(a) every failure during an outage is a 503 with the short page": all(
                figures[p]["unclean_failures"] == 0 for p in outages
            ),
            f"(a) failures are quick (slowest ≤ {args.fail_fast_ms:.0f} ms)": all(
                figures[p]["max_failed_ms"] <= args.fail_fast_ms for p in outages
            ),
            f"(b) 100% OK again within {args.recovery_limit:.0f} s of each restart": all(
                v <= args.recovery_limit for v in recovered.values()
            ),
            "(b) no request failed in the last 10 s of each recovery phase": all(
                not [
                    r
                    for r in load.records
                    if phases[p][1] - 10 <= r[0] + r[1] < phases[p][1] and r[3] != 200
                ]
                for p in ("after PostgreSQL restart", "after Redis restart")
            ),
            "(b) gunicorn, worker and beat never restarted": same_processes,
            "(b) reminders delivered after each restart": all(after_restart.values()),
            "(c) every reminder in the inbox exactly once": reminders_drained
            and audit["lost"] == 0
            and audit["duplicated"] == 0
            and audit["orphan_digests"] == 0
            and audit["confirmed_but_missing"] == 0
            and audit["delivered"] == audit["scheduled"] > 0,
        }
        results.update(
            marks_s={k: round(v, 2) for k, v in marks.items()},
            deliveries_queued_at_stop=queued,
            phases=figures,
            recovery_s=recovered,
            deliveries_after_restart=after_restart,
            processes=processes,
            per_second=per_second(load.records, marks["end"]),
            failure_samples={k: v[:600] for k, v in load.samples.items()},
            reminders=audit,
            checks=checks,
        )
        report(results, args)
    finally:
        for part in (load, feeder):
            if part is not None:
                part.finish()
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if web is not None:
            web.stop()
        for proc in workers:
            proc.stop(grace=20)
        redis_server.stop()
        if pg.running():
            pg.stop("immediate")
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    out = ROOT / "bench" / "results-faults.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0 if all(results["checks"].values()) else 1


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def sessions_get(url: str, sessionid: str):
    import requests

    return requests.get(
        url, headers={"Cookie": f"sessionid={sessionid}"}, allow_redirects=False, timeout=30
    )


def _wall(t0_wall: datetime.datetime, offset: float) -> datetime.datetime:
    return t0_wall + datetime.timedelta(seconds=offset)


def drain(timeout: float, alive) -> bool:
    from notifications.models import Reminder, ReminderStatus

    deadline = time.monotonic() + timeout
    last_report = 0.0
    while time.monotonic() < deadline:
        if not alive():
            _log("  a process of the topology has exited: not waiting any longer")
            return False
        left = Reminder.objects.filter(kind="fault").exclude(status=ReminderStatus.SENT)
        counts = Counter(left.values_list("status", flat=True))
        if not counts:
            return True
        if time.monotonic() - last_report > 30:
            _log(f"  not yet delivered: {dict(counts)}")
            last_report = time.monotonic()
        time.sleep(2)
    return False


def settle_emails(timeout: float = 30) -> None:
    """Give the e-mail copies of the last digests a moment to leave the queue."""
    from notifications.models import EmailState, Notification

    pending = Notification.objects.filter(
        key__startswith="reminders:", email_state=EmailState.PENDING
    )
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        n = pending.count()
        if n == 0 or n == last:
            return
        last = n
        time.sleep(5)


def report(results: dict, args) -> None:
    print()
    header = (
        f"{'phase':<26}{'seconds':>8}{'requests':>10}{'ok':>7}{'503':>6}{'other':>7}"
        f"{'p95 ms':>9}{'failed p95 ms':>15}"
    )
    print(header)
    print("-" * len(header))
    for name, f in results["phases"].items():
        fail = "" if f["p95_failed_ms"] is None else f"{f['p95_failed_ms']:.1f}"
        print(
            f"{name:<26}{f['seconds']:>8.1f}{f['requests']:>10}{f['ok']:>7}{f['503']:>6}"
            f"{f['other_errors']:>7}{f['p95_ms'] or 0:>9.1f}{fail:>15}"
        )
    other = {n: f["outcomes"] for n, f in results["phases"].items() if f["other_errors"]}
    if other:
        print(f"other errors: {other}")
    marks = results["marks_s"]
    for service, stop, back in (
        ("PostgreSQL", "pg_stop", "pg_back"),
        ("Redis", "redis_stop", "redis_back"),
    ):
        first, last = int(marks[stop]) - 2, int(marks[back]) + 4
        cells = []
        for row in results["per_second"][first : last + 1]:
            fails = " ".join(f"{k}:{v}" for k, v in row.items() if k not in ("second", "ok"))
            cells.append(f"{row['second']}s ok:{row.get('ok', 0)}" + (f" {fails}" if fails else ""))
        print(f"{service} stopped at {marks[stop]:.1f} s, back at {marks[back]:.1f} s:")
        for i in range(0, len(cells), 5):
            print("    " + " | ".join(cells[i : i + 5]))
    queued = results["deliveries_queued_at_stop"]
    print(
        f"messages queued in Redis just before the stop (after a burst of reminders): "
        f"PostgreSQL {queued['pg']}, Redis {queued['redis']}"
    )
    rec = results["recovery_s"]
    print(
        f"back to 100% OK after the restart: PostgreSQL {rec['PostgreSQL']} s, "
        f"Redis {rec['Redis']} s (the last failed request's end − the service back)"
    )
    r = results["reminders"]
    print()
    print(
        f"reminders: scheduled {r['scheduled']} / delivered {r['delivered']} / "
        f"duplicated {r['duplicated']} / lost {r['lost']}  "
        f"(digests {r['digests']}, orphan digests {r['orphan_digests']}, "
        f"refused while the database was down {r['refused_while_down']}, "
        f"delivered more than 60 s after scheduling {r['delivery_lag_s']['over_60_s']}, "
        f"max lag {r['delivery_lag_s']['max']} s)"
    )
    print(f"e-mail copies of the digests, by state: {r['email_copies']}")
    for name, state in results["processes"].items():
        if not state["alive"]:
            print(f"\n{name} EXITED (code {state['exit_code']}); the end of its log:")
            print(state["log_tail"])
    print()
    for name, ok in results["checks"].items():
        print(f"  [{'met' if ok else 'NOT met'}] {name}")


if __name__ == "__main__":
    sys.exit(main())
