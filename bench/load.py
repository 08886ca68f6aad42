"""Throughput under a steady mix of the three busiest pages, as ratios to the trivial view.

From a fresh clone (PostgreSQL reachable, the user may create databases; Debian's ``wrk``):

    make install                          # or: python3 -m venv .venv && .venv/bin/pip install ".[dev]"
    apt-get install wrk                   # once; the benchmark drives it
    .venv/bin/python bench/load.py        # small data set, 60 s of mix, 60 s of trivial view

    .venv/bin/python bench/load.py --dataset big      # 10,000 branches / 1,000,000 items
    .venv/bin/python bench/load.py --seconds 30 --page-seconds 10
    .venv/bin/python bench/load.py --connections 8 --threads 2 --workers 3
    .venv/bin/python bench/load.py --max-requests 0   # never recycle gunicorn's workers
    DATABASE_URL=postgres://user:pass@host:5432/x .venv/bin/python bench/load.py
        # server and credentials from DATABASE_URL, as bench/run.py

What it does:

1. prepares ``orglife_bench_small`` (or ``_big``) exactly as ``bench/run.py`` does (creates,
   migrates and generates it the first time; moves the rollups' clock to today);
2. serves the app with gunicorn started from ``deploy/gunicorn.conf.py`` (sync workers,
   ``--workers``), on loopback, with the production settings except plain HTTP
   (DEBUG=false, persistent database connections, SECURE_SSL_REDIRECT off — bench/run.py's
   ``server_env``);
3. logs in ``load-member``, ``load-secretary`` and ``load-supervisor`` and drives ``wrk`` with
   ``bench/load.lua``, which round-robins member home (member's cookie), branch ledger
   (secretary's cookie) and supervisor home (supervisor's cookie) and counts every non-2xx;
4. after ``--warmup`` unmeasured seconds, runs the mix and the trivial view
   (``/supervision/empty/``: the site's frame around one line) for ``--seconds`` each, in the
   same server, alternating in ``--slices`` slices (mix, trivial, trivial, mix, mix, …) so
   that a neighbour's load on a shared machine weighs on both alike; then each page of the
   mix alone for ``--page-seconds`` (its own p95).

gunicorn keeps the production config's ``max_requests`` (a worker is replaced after ~1,000
requests), which costs the fast trivial view more often than the mix;
``--max-requests 0`` measures without it.

It prints requests/s, p50/p95/p99 latency and errors (non-2xx + socket errors) per run and
the ratios mix ÷ trivial for throughput and p95, and writes bench/results-load.json.
Requirement: zero errors. A benchmark, not a test: it reports, it does not fail — except
that it exits 1 when the mix had an error, so a script can notice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from run import PAGES, PYTHON, ROOT, free_port, login, machine, page_paths, prepare, server_env

from tests.harness import stop_group

WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = Path(__file__).resolve().with_name("load.lua")
MIX = ("member_home", "branch_ledger", "supervisor_home")


# --- the server (bench/faults.py uses this too) ----------------------------------------------


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py in its own process group; logs in a file."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        *,
        workers: int,
        threads: int = 1,
        max_requests: int | None = None,
    ):
        self.port = free_port()
        self.max_requests = max_requests
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "gunicorn.log"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        import requests

        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    *(PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")),
                    *(
                        [f"--max-requests={self.max_requests}"]
                        if self.max_requests is not None
                        else []
                    ),
                ],
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.tail()}")
            try:
                if requests.get(self.url + "/accounts/login/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc is not None:
            stop_group(self.proc, grace=35)


# --- wrk ---------------------------------------------------------------------------------------


def wrk(
    url: str, targets: list[tuple[str, str]], *, seconds: int, threads: int, connections: int
) -> dict:
    """One wrk run over ``targets`` ((path, cookie) pairs, round-robin); its JSON summary."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        command = [
            WRK,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout=10s",
            "-s",
            str(LUA),
            url,
            "--",
            *(f"{path}|{cookie}" for path, cookie in targets),
        ]
        subprocess.run(
            command,
            env={**os.environ, "WRK_OUT": str(out)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        raw = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    seconds_run = raw["duration_us"] / 1e6
    socket_errors = sum(raw["socket_errors"].values())
    return {
        "seconds": round(seconds_run, 1),
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["latency_us"]["p50"] / 1000, 1),
        "p95_ms": round(raw["latency_us"]["p95"] / 1000, 1),
        "p99_ms": round(raw["latency_us"]["p99"] / 1000, 1),
        "max_ms": round(raw["latency_us"]["max"] / 1000, 1),
        "non2xx": raw["non2xx"],
        "socket_errors": raw["socket_errors"],
        "errors": raw["non2xx"] + socket_errors,
        "statuses": raw["statuses"],
        "kb_per_response": round(raw["bytes"] / max(1, raw["requests"]) / 1024, 1),
    }


# --- the run -----------------------------------------------------------------------------------


def combine(slices: list[dict]) -> dict:
    """Several wrk runs of one kind as one: counts added up; latency percentiles are the
    median of the slices' (wrk's histogram cannot be merged from Lua)."""
    seconds = sum(s["seconds"] for s in slices)
    requests = sum(s["requests"] for s in slices)
    statuses: Counter = Counter()
    socket_errors: Counter = Counter()
    for s in slices:
        statuses.update(s["statuses"])
        socket_errors.update(s["socket_errors"])
    return {
        "seconds": round(seconds, 1),
        "requests": requests,
        "requests_per_s": round(requests / seconds, 1),
        **{
            key: round(statistics.median(s[key] for s in slices), 1)
            for key in ("p50_ms", "p95_ms", "p99_ms")
        },
        "max_ms": max(s["max_ms"] for s in slices),
        "non2xx": sum(s["non2xx"] for s in slices),
        "socket_errors": dict(socket_errors),
        "errors": sum(s["errors"] for s in slices),
        "statuses": dict(statuses),
        "slices": slices,
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["small", "big"], default="small")
    parser.add_argument("--seconds", type=int, default=60, help="mix and trivial run, each")
    parser.add_argument("--page-seconds", type=int, default=15, help="each page alone (0: skip)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--worker-threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread)"
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        help="recycle a worker after this many requests (default: deploy/gunicorn.conf.py's "
        "1000 + jitter; 0: never)",
    )
    parser.add_argument(
        "--slices", type=int, default=4, help="mix and trivial alternate in this many slices"
    )
    parser.add_argument("--warmup", type=int, default=5, help="seconds of unmeasured mix first")
    args = parser.parse_args()
    if not Path(WRK).exists():
        sys.exit("wrk not found: apt-get install wrk")

    started = time.monotonic()
    results: dict = {"machine": machine(), "settings": vars(args)}
    info = prepare(args.dataset, regenerate=False)
    paths = page_paths(info)
    workdir = Path(tempfile.mkdtemp(prefix="orglife-load-"))
    server = Gunicorn(
        server_env(info["database"]),
        workdir,
        workers=args.workers,
        threads=args.worker_threads,
        max_requests=args.max_requests,
    )
    runs: dict[str, dict] = {}
    try:
        server.start()
        print(f"  gunicorn at {server.url}: {args.workers} workers × {args.worker_threads} threads")
        cookies = {}
        for page in ("trivial", *MIX):
            user = PAGES[page][1]
            if user not in cookies:
                cookies[user] = login(server.url, user)
            session = cookies[user]
            for _ in range(3):  # warm every worker's code paths; a wrong page fails here
                response = session.get(server.url + paths[page], allow_redirects=False)
                if response.status_code != 200:
                    raise RuntimeError(f"{paths[page]} answered {response.status_code}")

        def target(page: str) -> tuple[str, str]:
            return paths[page], f"sessionid={cookies[PAGES[page][1]].cookies['sessionid']}"

        def run(name: str, pages: list[str], seconds: int) -> dict:
            print(f"  wrk {name}: {seconds} s, -t{args.threads} -c{args.connections} …", flush=True)
            return wrk(
                server.url,
                [target(p) for p in pages],
                seconds=seconds,
                threads=args.threads,
                connections=args.connections,
            )

        if args.warmup:
            run("warm-up", ["trivial", *MIX], args.warmup)
        # Mix and trivial view alternate in slices, A B B A A B B A …, so that a neighbour's
        # load coming or going (the machine is shared) weighs on both alike.
        slices: dict[str, list[dict]] = {"mix": [], "trivial": []}
        per_slice = max(1, round(args.seconds / args.slices))
        for i in range(args.slices):
            for kind in ("mix", "trivial") if i % 2 == 0 else ("trivial", "mix"):
                pages = list(MIX) if kind == "mix" else ["trivial"]
                slices[kind].append(run(f"{kind} {i + 1}/{args.slices}", pages, per_slice))
        runs["mix"] = {**combine(slices["mix"]), "pages": list(MIX)}
        runs["trivial"] = {**combine(slices["trivial"]), "pages": ["trivial"]}
        if args.page_seconds:
            for page in MIX:
                runs[page] = {**run(page, [page], args.page_seconds), "pages": [page]}
        results["load_average_at_end"] = os.getloadavg()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    mix, trivial = runs["mix"], runs["trivial"]
    results.update(
        dataset=info,
        paths=paths,
        runs=runs,
        ratios={
            "throughput_mix_vs_trivial": ratio(mix["requests_per_s"], trivial["requests_per_s"]),
            "p95_mix_vs_trivial": ratio(mix["p95_ms"], trivial["p95_ms"]),
            # each slice of the mix against the trivial slice next to it
            "throughput_by_slice": [
                ratio(m["requests_per_s"], t["requests_per_s"])
                for m, t in zip(mix["slices"], trivial["slices"], strict=True)
            ],
            "p95_by_slice": [
                ratio(m["p95_ms"], t["p95_ms"])
                for m, t in zip(mix["slices"], trivial["slices"], strict=True)
            ],
        },
        zero_errors=mix["errors"] == 0 and trivial["errors"] == 0,
    )
    report(results)
    results["seconds"] = round(time.monotonic() - started, 1)
    out = ROOT / "bench" / "results-load.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)} ({results['seconds']} s)")
    return 0 if mix["errors"] == 0 else 1


def report(results: dict) -> None:
    runs = results["runs"]
    info = results["dataset"]
    settings = results["settings"]
    print()
    print(
        f"{info['database']}: {info['branches']} branches, {info['items']} items; "
        f"gunicorn {settings['workers']} workers × {settings['worker_threads']} threads; "
        f"wrk -t{settings['threads']} -c{settings['connections']}"
    )
    header = (
        f"{'run':<40}{'s':>5}{'requests':>10}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    labels = {
        "mix": "mix: member home, ledger, sup. home",
        "trivial": "trivial page (/supervision/empty/)",
    }
    for name, run in runs.items():
        label = labels[name] if name in labels else f"  alone: {PAGES[name][0]}"
        print(
            f"{label:<40}{run['seconds']:>5.0f}{run['requests']:>10}"
            f"{run['requests_per_s']:>8.1f}{run['p50_ms']:>8.1f}{run['p95_ms']:>8.1f}"
            f"{run['p99_ms']:>8.1f}{run['errors']:>8}"
        )
    print("(mix and trivial: their alternating slices added up, p50/p95/p99 the slices' median;")
    print(" errors = non-2xx responses + socket errors: connect, read, write, timeout)")
    ratios = results["ratios"]
    print()
    print(
        f"throughput, mix ÷ trivial: {ratios['throughput_mix_vs_trivial']} "
        f"(slice by slice: {', '.join(map(str, ratios['throughput_by_slice']))})"
    )
    print(
        f"p95 latency, mix ÷ trivial: {ratios['p95_mix_vs_trivial']} "
        f"(slice by slice: {', '.join(map(str, ratios['p95_by_slice']))})"
    )
    print(f"  [{'met' if results['zero_errors'] else 'NOT met'}] zero errors")


if __name__ == "__main__":
    sys.exit(main())
