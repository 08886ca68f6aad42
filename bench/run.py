"""The supervisor's overview at province scale: latency and queries per page, with ratios.

From a fresh clone (PostgreSQL reachable; the user may create databases):

    make install                      # or: python3 -m venv .venv && .venv/bin/pip install ".[dev]"
    .venv/bin/python bench/run.py     # both data sets; generates them the first time

    .venv/bin/python bench/run.py --regenerate       # drop both databases, generate again
    .venv/bin/python bench/run.py --requests 200     # more requests per page (default 100)
    DATABASE_URL=postgres://user:pass@host:5432/x .venv/bin/python bench/run.py
        # server and credentials from DATABASE_URL; the database names are always
        # orglife_bench_small and orglife_bench_big (+ $ORGLIFE_BENCH_DB_SUFFIX if set)

What it does, in one run, for each data set — small (100 branches × 30 members, 10,000
items) and big (10,000 branches × 30 members, 1,000,000 items):

1. creates the database if missing (``--regenerate`` drops it first), migrates it, and runs
   ``manage.py generate_load`` unless the load data is already there (the big set takes a
   few minutes on two cores); then moves the rollups' overdue clock to today, as the daily job
   would (``manage.py rollups_rebuild --advance``);
2. serves the app with gunicorn (2 sync workers, 127.0.0.1, DEBUG=false, persistent
   database connections, otherwise the production settings; SECURE_SSL_REDIRECT=false);
3. with both servers up, logs in with ``requests`` as the right user for each page, warms
   up, then requests the pages of both data sets round-robin, one at a time (so a busy
   neighbour slows every page of both sizes alike), and takes the median and 95th
   percentile of each;
4. counts the database queries of each page by running the same request through Django's
   test client in-process against the same database (CaptureQueriesContext).

It measures every page a supervisor opens (home, drill-down at the root, the meeting list,
drafts, branches, 屡改屡在, overdue, sign-off, the late look-backs, the overview export, a
member's record and the records subtree query) and both baselines (the bare response and the
empty page in the site's frame), plus the secretary's ledger, the member's home and the admin
change list for reference. It prints per page the median and p95 at each size, the queries at
each size, big ÷ small (target ≤ 1.5) and ÷ the trivial page (target ≤ 5), and a final list of
the targets MET and NOT MET (also: home ÷ bare response ≤ 5; queries ≤ 15 and equal at every
size). ``--province`` adds the 300,000-branch set (``province_load_args()``: generated the first
time, long) and its ÷ trivial targets. It writes bench/results.json with every figure and the
machine. A benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the process harness the tests use too
from bench.django_setup import BENCH_SECRET_KEY  # noqa: E402
from tests.harness import free_port  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PASSWORD = "demo-pass-2026"
LOAD_ROOT = "压力测试党委"
# ORGLIFE_BENCH_DB_SUFFIX (e.g. "_h17") keeps several checkouts on one server apart.
_SUFFIX = os.environ.get("ORGLIFE_BENCH_DB_SUFFIX", "")
DATASETS = {
    "small": {
        "db": f"orglife_bench_small{_SUFFIX}",
        "branches": 100,
        "members": 30,
        "items": 10_000,
    },
    "big": {
        "db": f"orglife_bench_big{_SUFFIX}",
        "branches": 10_000,
        "members": 30,
        "items": 1_000_000,
    },
    # optional (--province): a province of 300,000 branches, sizes skewed; see
    # province_load_args()
    "province": {
        "db": f"orglife_bench_province{_SUFFIX}",
        "branches": 300_000,
        "members": None,
        "items": None,
    },
}
# name → (label, login, url template); {branch} is the load secretary's branch, {root} the
# top committee (压力测试党委), {member} the load member's record. Every page a supervisor
# opens is here, with the two baselines first.
PAGES = {
    "bare": ("bare response (/supervision/ping/)", "load-supervisor", "/supervision/ping/"),
    "trivial": ("trivial page (/supervision/empty/)", "load-supervisor", "/supervision/empty/"),
    "supervisor_home": ("supervisor home", "load-supervisor", "/supervision/"),
    "drilldown_root": ("drill-down at the root", "load-supervisor", "/supervision/org/{root}/"),
    "meeting_list": ("meeting list (/meetings/)", "load-supervisor", "/meetings/"),
    "drafts": ("drafts to review", "load-supervisor", "/supervision/drafts/"),
    "branches": ("branches (/members/branches/)", "load-supervisor", "/members/branches/"),
    "recurring": ("recurring (屡改屡在)", "load-supervisor", "/supervision/recurring/"),
    "overdue": ("overdue items", "load-supervisor", "/supervision/overdue/"),
    "signoff": ("awaiting sign-off", "load-supervisor", "/supervision/signoff/"),
    "lookbacks_late": (
        "late look-backs, escalations",
        "load-supervisor",
        "/rectification/supervision/late/",
    ),
    "overview_export": ("overview export (.xlsx)", "load-supervisor", "/supervision/export.xlsx"),
    "member_record": ("member record (records)", "load-supervisor", "/records/members/{member}/"),
    # the member's record: the supervisor's subtree query, one keyset page (records/)
    "records_query": (
        "subtree query: overdue (records)",
        "load-supervisor",
        "/records/query/?condition=overdue",
    ),
    "records_query_none": (
        "subtree query: grade < 合格 (no match)",
        "load-supervisor",
        "/records/query/?condition=grade",
    ),
    "branch_ledger": (
        "branch ledger",
        "load-secretary",
        "/rectification/branches/{branch}/ledger/",
    ),
    "member_home": ("member's home", "load-member", "/"),
    "admin_changelist": (
        "admin change list of items",
        "load-admin",
        "/admin/rectification/rectificationitem/",
    ),
}
BASELINES = ("bare", "trivial")
# Pages that are not a supervisor's (the admin's list is a reference point, the secretary's
# ledger and the member's home are other people's pages): measured, but outside the targets.
NOT_SUPERVISOR = ("admin_changelist", "branch_ledger", "member_home")
TARGETS = {"vs_trivial": 5.0, "big_vs_small": 1.5, "queries": 15}


def province_load_args() -> list[str]:
    """generate_load's arguments for the optional 300,000-branch set (``--province``) — the
    one place to change them (skewed branch sizes and item counts)."""
    return ["generate_load", "--branches=300000", "--skew=1", "--items=3000000"]


# --- databases -----------------------------------------------------------------------------


def page_paths(info: dict) -> dict[str, str]:
    """Each page's path in a prepared data set (``prepare``'s branch, root and member)."""
    return {
        page: path.format(branch=info["secretary_branch"], root=info["root"], member=info["member"])
        for page, (_l, _u, path) in PAGES.items()
    }


def base_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def db_url(name: str) -> str:
    parts = urlparse(base_url())
    return urlunparse(parts._replace(path=f"/{name}"))


def _connect(name: str):
    import psycopg2

    parts = urlparse(db_url(name))
    return psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=name,
    )


def ensure_database(name: str) -> None:
    conn = _connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"  created database {name}")
    conn.close()


def query_one(name: str, sql: str, params=()):
    conn = _connect(name)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    finally:
        conn.close()


def manage(name: str, *args: str, quiet: bool = False) -> float:
    env = {
        **os.environ,
        "DATABASE_URL": db_url(name),
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "LOG_LEVEL": "WARNING",
    }
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.monotonic() - started


def drop_database(name: str) -> None:
    conn = _connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.close()


def prepare(key: str, regenerate: bool) -> dict:
    spec = DATASETS[key]
    name = spec["db"]
    print(f"[{key}] {name}: {spec['branches']} branches, {spec['items']} items")
    if regenerate:  # the benchmark's own database: start again from nothing
        drop_database(name)
    ensure_database(name)
    manage(name, "migrate", "--noinput", quiet=True)
    has_load = query_one(
        name,
        "SELECT COUNT(*) FROM members_organization WHERE depth = 1 AND name = %s",
        [LOAD_ROOT],
    )[0]
    generation = None
    if not has_load:
        if key == "province":
            args = province_load_args()
        else:
            args = [
                "generate_load",
                f"--branches={spec['branches']}",
                f"--members-per-branch={spec['members']}",
                f"--items={spec['items']}",
                "--skew=1",  # branch sizes 3–200 members, 0–2,000 items (bench/loadgen.py)
            ]
        generation = round(manage(name, *args), 1)
        print(f"  generated in {generation} s")
    else:
        print("  load data present (use --regenerate to rebuild)")
    manage(name, "rollups_rebuild", "--advance", quiet=True)
    items = query_one(name, "SELECT COUNT(*) FROM rectification_rectificationitem")[0]
    branches = query_one(name, "SELECT COUNT(*) FROM members_organization WHERE kind = 'branch'")[0]
    branch = query_one(
        name,
        "SELECT m.branch_id FROM members_member m JOIN auth_user u ON u.id = m.user_id "
        "WHERE u.username = 'load-secretary'",
    )[0]
    root = query_one(
        name, "SELECT id FROM members_organization WHERE depth = 1 AND name = %s", [LOAD_ROOT]
    )[0]
    member = query_one(
        name,
        "SELECT m.id FROM members_member m JOIN auth_user u ON u.id = m.user_id "
        "WHERE u.username = 'load-member'",
    )[0]
    return {
        "database": name,
        "branches": branches,
        "items": items,
        "generation_seconds": generation,
        "secretary_branch": branch,
        "root": root,
        "member": member,
    }


# --- serving and measuring -------------------------------------------------------------------


def server_env(name: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": db_url(name),
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def start_server(name: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--workers=2", f"--bind=127.0.0.1:{port}", "--log-level=warning"],
        cwd=ROOT,
        env=server_env(name),
    )
    url = f"http://127.0.0.1:{port}"
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/accounts/login/", timeout=10)
            return process, url
        except requests.RequestException:
            time.sleep(0.3)
    process.terminate()
    process.wait(timeout=30)
    raise RuntimeError("gunicorn did not start")


def login(url: str, username: str):
    import requests

    session = requests.Session()
    page = session.get(url + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        url + "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": url + "/accounts/login/"},
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"could not log in as {username}: {response.status_code}")
    return session


def measure(targets: dict[str, tuple[str, dict[str, str]]], requests_n: int, warmup: int) -> dict:
    """Latency of every page of every data set. ``targets``: data set → (server url, page →
    path). The requests go round-robin over the data sets and their pages, one at a time, so
    whatever else the machine does slows every page of both sizes alike."""
    sessions = {}
    for key, (url, _paths) in targets.items():
        for _label, user, _path in PAGES.values():
            if (key, user) not in sessions:
                sessions[(key, user)] = login(url, user)
    timings = {key: {page: [] for page in PAGES} for key in targets}
    sizes: dict = {key: {} for key in targets}
    for round_no in range(warmup + requests_n):
        for key, (url, paths) in targets.items():
            for page, (_label, user, _path) in PAGES.items():
                started = time.perf_counter()
                response = sessions[(key, user)].get(url + paths[page], allow_redirects=False)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"{paths[page]} answered {response.status_code}")
                if round_no >= warmup:
                    timings[key][page].append(elapsed)
                sizes[key][page] = len(response.content)
    out: dict = {}
    for key in targets:
        out[key] = {}
        for page, values in timings[key].items():
            values.sort()
            out[key][page] = {
                "median_ms": round(statistics.median(values), 2),
                "p95_ms": round(values[max(0, int(round(0.95 * len(values))) - 1)], 2),
                "bytes": sizes[key][page],
            }
    return out


def count_queries(name: str, paths: dict[str, str]) -> dict[str, int]:
    env = server_env(name)
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--count-queries", json.dumps(paths)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _count_queries_here(paths: dict[str, str]) -> None:
    """In a subprocess with the data set's DATABASE_URL: the test client, in-process."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out = {}
    for page, (_label, user, _path) in PAGES.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        client.get(paths[page])  # warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(paths[page])
        assert response.status_code == 200, (paths[page], response.status_code)
        out[page] = len(ctx.captured_queries)
    out["home_breakdown_ms"] = _home_breakdown()
    print(json.dumps(out))


def _home_breakdown(runs: int = 15) -> dict[str, float]:
    """Server-side time of the supervisor home's reads, in-process (median of ``runs``):
    the whole overview, and the part read live (the branches below, and what fell due
    since the rollups' clock)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from members.models import Organization
    from supervision import selectors
    from supervision.periods import Period

    user = get_user_model().objects.get(username="load-supervisor")
    org = Organization.objects.get(depth=1, name=LOAD_ROOT)
    today = timezone.localdate()
    period = Period(today.year)

    def timed(fn) -> float:
        fn()
        values = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            values.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(values), 2)

    return {
        "overview_total": timed(
            lambda: selectors.overview(user=user, org=org, period=period, today=today)
        ),
        "live_counts": timed(
            lambda: selectors.live_counts(path=org.path, as_of=today, today=today)
        ),
    }


# --- report ------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": query_one("postgres", "SHOW server_version")[0],
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def report(results: dict, keys: list[str]) -> dict:
    """The table (per page: median and p95 at each size, queries, big ÷ small, ÷ the trivial
    page) and the targets, each MET or NOT MET."""
    small, big = results["small"], results["big"]
    t_small, t_big = small["latency"], big["latency"]
    q_small, q_big = small["queries"], big["queries"]
    province = results.get("province") if "province" in keys else None

    def med(t: dict, page: str) -> float:
        return t[page]["median_ms"]

    supervisor_pages = [p for p in PAGES if p not in BASELINES and p not in NOT_SUPERVISOR]
    ratios: dict = {"big_vs_small": {}, "vs_trivial_big": {}, "vs_bare_big": {}}
    if province:
        ratios["vs_trivial_province"] = {}
        ratios["province_vs_small"] = {}
    for page in PAGES:
        ratios["big_vs_small"][page] = ratio(med(t_big, page), med(t_small, page))
        ratios["vs_trivial_big"][page] = ratio(med(t_big, page), med(t_big, "trivial"))
        ratios["vs_bare_big"][page] = ratio(med(t_big, page), med(t_big, "bare"))
        if province:
            t_p = province["latency"]
            ratios["vs_trivial_province"][page] = ratio(med(t_p, page), med(t_p, "trivial"))
            ratios["province_vs_small"][page] = ratio(med(t_p, page), med(t_small, page))

    print()
    header = (
        f"{'page':<38}{'small med':>10}{'p95':>8}{'big med':>9}{'p95':>8}"
        f"{'queries s/b':>13}{'big÷small':>10}{'÷trivial':>9}"
    )
    if province:
        header += f"{'prov med':>9}{'÷trivial':>9}"
    print(header)
    print("-" * len(header))
    for page, (label, _user, _path) in PAGES.items():
        line = (
            f"{label:<38}{med(t_small, page):>10.1f}{t_small[page]['p95_ms']:>8.1f}"
            f"{med(t_big, page):>9.1f}{t_big[page]['p95_ms']:>8.1f}"
            f"{q_small[page]:>7} / {q_big[page]:<4}"
            f"{ratios['big_vs_small'][page]:>10.2f}{ratios['vs_trivial_big'][page]:>9.2f}"
        )
        if province:
            line += (
                f"{med(province['latency'], page):>9.1f}{ratios['vs_trivial_province'][page]:>9.2f}"
            )
        print(line)
    print(
        "(milliseconds; small = 100 branches / 10,000 items, big = 10,000 / 1,000,000"
        + (
            f", province = {province['branches']:,} branches / {province['items']:,} items"
            if province
            else ""
        )
        + "; ÷trivial: the page's median ÷ the trivial page's, same data set)"
    )
    print()
    for key in keys:
        b = results[key]["queries"]["home_breakdown_ms"]
        print(
            f"supervisor home reads in-process ({key}): overview {b['overview_total']} ms, "
            f"of which read live (due since the rollups' clock) {b['live_counts']} ms"
        )

    checks: dict[str, bool] = {}
    for page in supervisor_pages:
        label = PAGES[page][0]
        checks[f"{label}: big ÷ small ≤ 1.5 ({ratios['big_vs_small'][page]})"] = (
            ratios["big_vs_small"][page] <= TARGETS["big_vs_small"]
        )
    for page in supervisor_pages:
        label = PAGES[page][0]
        value = ratios["vs_trivial_big"][page]
        checks[f"{label}: ÷ trivial page ≤ 5 at big ({value})"] = value <= TARGETS["vs_trivial"]
    if province:
        for page in supervisor_pages:
            label = PAGES[page][0]
            value = ratios["vs_trivial_province"][page]
            checks[f"{label}: ÷ trivial page ≤ 5 at 300,000 branches ({value})"] = (
                value <= TARGETS["vs_trivial"]
            )
    home_bare = ratios["vs_bare_big"]["supervisor_home"]
    checks[f"supervisor home ÷ bare response ≤ 5 at big ({home_bare})"] = (
        home_bare <= TARGETS["vs_trivial"]
    )
    for page in supervisor_pages:
        label = PAGES[page][0]
        counts = [results[k]["queries"][page] for k in keys]
        checks[
            f"{label}: queries equal at every size and ≤ 15 ({' / '.join(map(str, counts))})"
        ] = len(set(counts)) == 1 and max(counts) <= TARGETS["queries"]
    print()
    met = [name for name, ok in checks.items() if ok]
    missed = [name for name, ok in checks.items() if not ok]
    print(f"targets MET ({len(met)} of {len(checks)}):")
    for name in met:
        print(f"  [MET] {name}")
    print(f"targets NOT MET ({len(missed)} of {len(checks)}):")
    for name in missed:
        print(f"  [NOT MET] {name}")
    if not missed:
        print("  (none)")
    return {"ratios": ratios, "targets_met": checks}


def report_one(result: dict) -> None:
    """One data set (``--only``): its pages, no ratios between sizes."""
    t, q = result["latency"], result["queries"]
    print()
    print(f"{'page':<40}{'median':>10}{'p95':>9}{'queries':>9}")
    for page, (label, _user, _path) in PAGES.items():
        print(f"{label:<40}{t[page]['median_ms']:>10.1f}{t[page]['p95_ms']:>9.1f}{q[page]:>9}")
    print(f"({result['branches']} branches, {result['items']} items; milliseconds)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=15, help="unmeasured rounds first")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the load data")
    parser.add_argument("--only", choices=sorted(DATASETS), help="one data set (no ratios)")
    parser.add_argument(
        "--province",
        action="store_true",
        help="also the 300,000-branch set (generated the first time: long)",
    )
    parser.add_argument("--count-queries", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        _count_queries_here(json.loads(args.count_queries))
        return

    started = time.monotonic()
    results: dict = {"machine": machine(), "requests_per_page": args.requests}
    keys = [args.only] if args.only else ["small", "big", *(["province"] if args.province else [])]
    targets, servers = {}, []
    try:
        for key in keys:
            info = prepare(key, args.regenerate)
            info["paths"] = page_paths(info)
            results[key] = info
        for key in keys:  # both servers up at once: measured side by side
            process, url = start_server(results[key]["database"])
            servers.append(process)
            targets[key] = (url, results[key]["paths"])
        print(f"  measuring {args.requests} requests per page, {' and '.join(keys)} interleaved …")
        for key, latency in measure(targets, args.requests, args.warmup).items():
            results[key]["latency"] = latency
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=30)
    for key in keys:
        results[key]["queries"] = count_queries(results[key]["database"], results[key]["paths"])
    if not args.only:
        results.update(report(results, keys))
    else:
        report_one(results[args.only])
    results["seconds"] = round(time.monotonic() - started, 1)
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)} ({results['seconds']} s)")


if __name__ == "__main__":
    main()
