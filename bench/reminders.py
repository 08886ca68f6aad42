"""Reminder delivery at scale: does delivering 10,000 due reminders cost the same beside
10,000 or 1,000,000 scheduled rows? (issue: "nothing lost, nothing sent twice")

    python bench/reminders.py                      # 10,000 vs 1,000,000 items, 10,000 due
    python bench/reminders.py --big 200000         # a quicker run

Each item has one reminder still to come (the schedule the sweep must NOT read) and
10,000 reminders are due, for 2,000 recipients. Each size runs in its own process on a
PostgreSQL database of its own (DATABASE_URL's server, database ``orglife_bench_reminders``):
the rows are loaded with COPY, then one sweep claims everything due and delivery writes the
digests (in-process, as a worker would). It runs twice, small then big and big then small,
and prints for both orders: delivery time, the ratio big ÷ small (target ≤ 1.3; also their
mean), and peak memory of each process (target flat).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ORGLIFE_BENCH_DB_SUFFIX (e.g. "_h17") keeps several checkouts on one server apart.
DB = "orglife_bench_reminders" + os.environ.get("ORGLIFE_BENCH_DB_SUFFIX", "")
RECIPIENTS = 2000


def _server_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return base.rsplit("/", 1)[0]


def child(size: int, due: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.django_setup import bench_django_setup

    bench_django_setup(
        DATABASE_URL=f"{_server_url()}/{DB}",
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_URL="dummymail://",
    )
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from config.celery import app
    from notifications import reminders
    from notifications.models import Notification, Reminder

    app.conf.task_always_eager = True
    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE notifications_reminder, notifications_notification, auth_user CASCADE"
        )
    User = get_user_model()
    users = User.objects.bulk_create(User(username=f"bench{i}") for i in range(RECIPIENTS))
    ids = [u.pk for u in users]
    today = timezone.localdate()
    future = today + __import__("datetime").timedelta(days=30)
    past = today - __import__("datetime").timedelta(days=1)
    fut_at, past_at = reminders.due_at_for(future), reminders.due_at_for(past)
    now = timezone.now()

    def rows(start: int, n: int, day, at, prefix: str):
        buf = io.StringIO()
        for i in range(start, start + n):
            r = ids[i % RECIPIENTS]
            buf.write(
                f"{prefix}:{i}:deadline_7d:{r}:{day}\t{prefix}:{i}\tdeadline_7d\t{r}\t{day}\t"
                f"{at.isoformat()}\t事项 {i} 还有 7 天到期\t\t\tpending\t{now.isoformat()}\t\t0\t\n"
            )
        buf.seek(0)
        return buf

    cols = (
        "(key, subject, kind, recipient_id, due_on, due_at, title, body, url, status, created_at,"
        " cancel_reason, attempts, error)"
    )
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        # In chunks, so loading the schedule doesn't inflate the process's peak memory.
        for start in range(0, size, 50_000):
            cur.cursor.copy_expert(
                f"COPY notifications_reminder {cols} FROM STDIN",
                rows(start, min(50_000, size - start), future, fut_at, "item"),
            )
        cur.cursor.copy_expert(
            f"COPY notifications_reminder {cols} FROM STDIN", rows(0, due, past, past_at, "due")
        )
        cur.execute("ANALYZE notifications_reminder")
    load = time.perf_counter() - t0

    tracemalloc.start()
    t0 = time.perf_counter()
    reminders.reminders_sweep()
    elapsed = time.perf_counter() - t0
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sent = Reminder.objects.filter(status="sent").count()
    digests = Notification.objects.count()
    assert sent == due, (sent, due)
    return {
        "scheduled_rows": size,
        "due": due,
        "load_seconds": round(load, 2),
        "deliver_seconds": round(elapsed, 3),
        "digests": digests,
        "peak_python_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.due)))
        return
    import psycopg2

    conn = psycopg2.connect(f"{_server_url()}/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,))
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{DB}"')
    conn.close()
    # Two rounds in alternating order — small then big, big then small — so whatever the
    # first run pays (a cold cache, the server's own warm-up) is not always the small one's.
    rounds = []
    for order in (("small", "big"), ("big", "small")):
        results = {}
        for label in order:
            size = args.small if label == "small" else args.big
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size), "--due", str(args.due)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            results[label] = json.loads(out.stdout.strip().splitlines()[-1])
        rounds.append((order, results))
    print(
        f"{'order':>15} {'scheduled rows':>16} {'due':>7} {'deliver s':>10} {'digests':>8} "
        f"{'py peak MB':>11} {'RSS MB':>8}"
    )
    summary = []
    for order, results in rounds:
        s, b = results["small"], results["big"]
        for label in order:
            r = results[label]
            print(
                f"{' then '.join(order):>15} {r['scheduled_rows']:>16,} {r['due']:>7,} "
                f"{r['deliver_seconds']:>10.2f} {r['digests']:>8,} {r['peak_python_mb']:>11} "
                f"{r['max_rss_mb']:>8}"
            )
        summary.append(
            {
                "order": list(order),
                **results,
                "ratio_deliver": round(b["deliver_seconds"] / s["deliver_seconds"], 3),
                "ratio_rss": round(b["max_rss_mb"] / s["max_rss_mb"], 3),
            }
        )
    for r in summary:
        ratio = r["ratio_deliver"]
        print(
            f"deliver time big ÷ small, {' then '.join(r['order'])} first: {ratio:.2f} "
            f"(target ≤ 1.3: {'met' if ratio <= 1.3 else 'NOT met'})"
        )
    mean = sum(r["ratio_deliver"] for r in summary) / len(summary)
    print(
        f"deliver time big ÷ small, mean of both orders: {mean:.2f} "
        f"(target ≤ 1.3: {'met' if mean <= 1.3 else 'NOT met'})"
    )
    for r in summary:
        print(
            f"peak RSS big ÷ small, {' then '.join(r['order'])} first: {r['ratio_rss']:.2f} (target flat)"
        )
    Path(ROOT / "bench" / "results_reminders.json").write_text(
        json.dumps({"rounds": summary, "ratio_deliver_mean": round(mean, 3)}, indent=2)
    )


if __name__ == "__main__":
    main()
