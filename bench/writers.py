"""Writers in different branches never wait on each other (issue 21): 8 concurrent writers in
8 branches under one root, against one writer alone.

    python bench/writers.py                    # 20 s per run: 1 writer, 2 writers, 8 writers
    python bench/writers.py --seconds 60

A database of its own (DATABASE_URL's server, ``orglife_bench_writers`` +
``$ORGLIFE_BENCH_DB_SUFFIX``) is created, migrated and filled with ``manage.py generate_load
--branches 9 --members-per-branch 12 --items 1800`` (one root 压力测试党委, a county committee,
general branches, nine branches of 200 items; the first branch, whose owners have logins, is
left out). Each writer is a separate process with its own connection, working in its own
branch through the real ledger services — ``progress_add`` (报告进展), ``item_mark_done``
(申请销号), ``item_send_back`` (退回) — each one transaction that locks the item, writes
the item, its event, audit and reminder rows, and appends to the journal
(``members.changes.branch_changed``). A folder process runs ``rollups_fold`` every
``ROLLUP_FOLD_SECONDS``, as beat does. The clock starts once every child has loaded Django
and connected (each says "ready"); all then start together and stop after ``--seconds``.

Printed: operations per second for each run; the ratio 8-writer throughput ÷ (1-writer
throughput × 8) (target ≥ 0.8); and, to tell contention from a lack of CPU, what the
writers waited on: ``pg_stat_activity`` sampled every 20 ms during each run (sessions of
this database waiting on a heavyweight lock — a row, a tuple, a transaction — or on a
lightweight lock, against those running on the CPU), blocked ``pg_locks`` requests, and
``pg_stat_database.deadlocks``. On a machine with fewer cores than writers the ratio is
bounded by the cores (8 writers on 2 cores can at best reach about 2 ÷ 8 of 8 × one
writer); a lock wait count of 0 is then the evidence that no writer queues on a shared row.
Each writer's own CPU time per change (``time.process_time``) and its share of a CPU are
printed too: a writer that is waiting for a CPU, not for a lock, shows a small share.
After the runs the rollups are folded and compared with the slow count
(``tests/supervision/rollup_check.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.django_setup import BENCH_SECRET_KEY  # noqa: E402

SUFFIX = os.environ.get("ORGLIFE_BENCH_DB_SUFFIX", "")
DB = f"orglife_bench_writers{SUFFIX}"
TARGET = 0.8


def _server_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return base.rsplit("/", 1)[0]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"{_server_url()}/{DB}"
    env.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    env["DEBUG"] = "false"
    env["CELERY_TASK_ALWAYS_EAGER"] = "true"
    env["EMAIL_URL"] = "dummymail://"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _django() -> None:
    os.environ.update(_env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from config.celery import app

    app.conf.task_always_eager = True


# --- the children --------------------------------------------------------------------------


def _ready() -> float:
    """Tell the parent this process is set up; wait for the common start time."""
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    while time.time() < start_at:
        time.sleep(0.002)
    return start_at


def writer(branch_id: int, seconds: float) -> dict:
    """Change the items of one branch, one transaction after another, until the time is up."""
    _django()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bench.loadgen import USERNAMES
    from rectification.models import RectificationItem
    from rectification.services.items import item_mark_done, item_send_back, progress_add

    users = get_user_model().objects
    admin = users.get(username=USERNAMES["admin"])
    supervisor = users.get(username=USERNAMES["supervisor"])
    items = list(
        RectificationItem.objects.filter(branch_id=branch_id, owner__user__isnull=True)
        .exclude(status="signed_off")
        .order_by("pk")
    )
    today = timezone.localdate()
    ops: Counter = Counter()
    position = 0

    def change() -> None:
        nonlocal position
        item = items[position % len(items)]
        position += 1
        item.refresh_from_db()
        if item.status == "awaiting":
            item_send_back(item=item, by=supervisor, reason="佐证材料不完整,请补充后再申请销号。")
            ops["send_back"] += 1
        elif position % 3 == 0:
            item_mark_done(item=item, by=admin)
            ops["mark_done"] += 1
        else:
            progress_add(
                item=item, by=admin, on=today, text="本月已走访联系户 2 户,问题台账已更新。"
            )
            ops["progress"] += 1

    for _ in range(6):  # warm up (lazy imports, caches, the connection): not counted
        change()
    ops.clear()
    latencies: list[float] = []
    stop = _ready() + seconds
    cpu0 = time.process_time()
    while time.time() < stop:
        t0 = time.perf_counter()
        change()
        latencies.append(time.perf_counter() - t0)
    cpu = time.process_time() - cpu0
    latencies.sort()
    return {
        "branch": branch_id,
        "ops": sum(ops.values()),
        "by_kind": dict(ops),
        "cpu_s": round(cpu, 3),
        "median_ms": round(1000 * latencies[len(latencies) // 2], 2) if latencies else None,
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 2) if latencies else None,
    }


def folder(seconds: float) -> dict:
    """What beat does: fold the journal every ROLLUP_FOLD_SECONDS."""
    _django()
    from django.conf import settings

    from supervision.services.rollups import rollups_fold

    every = settings.CELERY_BEAT_SCHEDULE["rollups-fold"]["schedule"]
    folded = folds = 0
    stop = _ready() + seconds
    while True:
        nxt = time.time() + every
        if nxt > stop:
            break
        time.sleep(max(0.0, nxt - time.time()))
        folded += rollups_fold()
        folds += 1
    return {"folds": folds, "folded": folded}


# --- the parent ----------------------------------------------------------------------------


def _admin_connection():
    import psycopg2

    conn = psycopg2.connect(f"{_server_url()}/postgres")
    conn.autocommit = True
    return conn


def prepare(rebuild: bool) -> list[int]:
    """The database with its nine branches; returns the eight writers' branch ids."""
    conn = _admin_connection()
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,))
        exists = cur.fetchone() is not None
        if exists and rebuild:
            cur.execute(f'DROP DATABASE "{DB}"')
            exists = False
        if not exists:
            cur.execute(f'CREATE DATABASE "{DB}"')
    conn.close()
    env = _env()
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    import psycopg2

    db = psycopg2.connect(env["DATABASE_URL"])
    db.autocommit = True  # no transaction left open while generate_load alters the tables
    with db.cursor() as cur:
        cur.execute("SELECT 1 FROM members_organization WHERE depth = 1 AND name = '压力测试党委'")
        loaded = cur.fetchone() is not None
    if not loaded:
        subprocess.run(
            [
                *manage,
                "generate_load",
                "--branches=9",
                "--members-per-branch=12",
                "--items=1800",
            ],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    with db.cursor() as cur:
        cur.execute(
            "SELECT b.id FROM members_organization b JOIN members_organization r "
            "ON r.depth = 1 AND r.name = '压力测试党委' AND b.path LIKE r.path || '%%' "
            "WHERE b.kind = 'branch' ORDER BY b.path"
        )
        branches = [row[0] for row in cur.fetchall()][1:9]
    db.close()
    assert len(branches) == 8, branches
    return branches


SAMPLE = """
SELECT a.wait_event_type, a.wait_event, a.state
FROM pg_stat_activity a
WHERE a.datname = %s AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
  AND a.state <> 'idle'
"""
BLOCKED = """
SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE NOT l.granted AND a.datname = %s
"""


def run(branches: list[int], seconds: float) -> dict:
    """``len(branches)`` writers at once (one per branch) and the folder; sampling the
    server meanwhile."""
    cmd = [sys.executable, __file__, "--seconds", str(seconds)]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True, "cwd": ROOT}
    procs = [subprocess.Popen([*cmd, "--writer", str(b)], **pipes) for b in branches]
    procs.append(subprocess.Popen([*cmd, "--folder"], **pipes))
    for p in procs:  # every child set up (Django loaded, connected) before the clock starts
        while p.stdout.readline().strip() != "ready":
            pass
    start_at = time.time() + 0.2
    for p in procs:
        p.stdin.write(f"{start_at}\n")
        p.stdin.flush()
    conn = _admin_connection()
    waits: Counter = Counter()
    samples = active = blocked = 0
    with conn.cursor() as cur:
        cur.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (DB,))
        deadlocks0 = cur.fetchone()[0]
        while time.time() < start_at:
            time.sleep(0.01)
        while time.time() < start_at + seconds:
            cur.execute(SAMPLE, (DB,))
            for kind, event, _state in cur.fetchall():
                active += 1
                waits[f"{kind}:{event}" if kind else "on CPU"] += 1
            cur.execute(BLOCKED, (DB,))
            blocked += cur.fetchone()[0]
            samples += 1
            time.sleep(0.02)
        outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        cur.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (DB,))
        deadlocks = cur.fetchone()[0] - deadlocks0
    conn.close()
    writers, fold = outs[:-1], outs[-1]
    ops = sum(w["ops"] for w in writers)
    lock_waits = sum(n for k, n in waits.items() if k.startswith("Lock:"))
    cpu = sum(w["cpu_s"] for w in writers)
    return {
        "writers": len(branches),
        "seconds": seconds,
        "ops": ops,
        "ops_per_s": round(ops / seconds, 1),
        "cpu_ms_per_op": round(1000 * cpu / ops, 1) if ops else None,
        "cpu_share": round(cpu / seconds / len(branches), 2),
        "per_writer": writers,
        "fold": fold,
        "samples": samples,
        "active_session_samples": active,
        "wait_events": dict(waits.most_common()),
        "lock_wait_samples": lock_waits,
        "blocked_lock_requests": blocked,
        "deadlocks": deadlocks,
    }


def check_rollups() -> str:
    _django()
    from tests.supervision.rollup_check import assert_parents_match, assert_rollups_match_live

    try:
        assert_rollups_match_live()
        assert_parents_match()
    except AssertionError as exc:
        return f"NOT exact: {str(exc)[:300]}"
    return "exact (every row equals the slow count)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--writers", default="1,2,8", help="the runs, comma-separated")
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the data")
    parser.add_argument("--writer", type=int)
    parser.add_argument("--folder", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.writer is not None:
        print(json.dumps(writer(args.writer, args.seconds)))
        return
    if args.folder:
        print(json.dumps(folder(args.seconds)))
        return
    if args.check:
        print(check_rollups())
        return

    branches = prepare(args.rebuild)
    cores = os.cpu_count() or 1
    load = os.getloadavg()
    print(
        f"{DB}: 8 branches under one root; {cores} CPU cores; "
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    results = {}
    for n in [int(x) for x in args.writers.split(",")]:
        r = run(branches[:n], args.seconds)
        results[n] = r
        medians = sorted(w["median_ms"] or 0 for w in r["per_writer"])
        print(
            f"{n} writer(s): {r['ops']} changes in {r['seconds']:.0f} s = {r['ops_per_s']} /s "
            f"(per writer {r['ops_per_s'] / n:.1f} /s; median latency "
            f"{medians[len(medians) // 2]} ms; writer CPU {r['cpu_ms_per_op']} ms a change, "
            f"each writer on a CPU {100 * r['cpu_share']:.0f} % of the time); "
            f"folds {r['fold']['folds']} "
            f"({r['fold']['folded']} journal rows)"
        )
        top = ", ".join(f"{k} {v}" for k, v in list(r["wait_events"].items())[:6])
        print(
            f"    sampled {r['samples']}× : {r['active_session_samples']} busy sessions seen "
            f"({top}); waiting on a lock: {r['lock_wait_samples']}; "
            f"blocked pg_locks requests: {r['blocked_lock_requests']}; "
            f"deadlocks: {r['deadlocks']}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if 1 in results and 8 in results:
        ratio = results[8]["ops_per_s"] / (results[1]["ops_per_s"] * 8)
        verdict = "met" if ratio >= TARGET else "NOT met"
        print(
            f"8-writer throughput ÷ (1-writer throughput × 8): {ratio:.2f} "
            f"(target ≥ {TARGET}: {verdict})"
        )
        if ratio < TARGET and cores < 8:
            bound = min(cores, 8) / 8
            print(
                f"    {cores} cores for 8 writers (and the database): at best ≈ {bound:.2f} "
                "from CPU alone; "
                + (
                    "no writer waited on a lock — the shortfall is CPU, not a shared row"
                    if results[8]["lock_wait_samples"] == 0
                    and results[8]["blocked_lock_requests"] == 0
                    else "writers DID wait on locks (see above)"
                )
            )
    if 2 in results and 1 in results:
        ratio2 = results[2]["ops_per_s"] / (results[1]["ops_per_s"] * 2)
        print(f"2-writer throughput ÷ (1-writer throughput × 2): {ratio2:.2f}")
    out = subprocess.run(
        [sys.executable, __file__, "--check"], capture_output=True, text=True, cwd=ROOT
    )
    print(f"rollups after the runs: {out.stdout.strip() or out.stderr.strip()[-300:]}")
    (ROOT / "bench" / "results_writers.json").write_text(
        json.dumps({str(k): v for k, v in results.items()}, indent=2, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
