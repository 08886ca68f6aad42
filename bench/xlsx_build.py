"""The supervisor's overview export (``/supervision/export.xlsx``), in-process: what its CPU
time is spent on — the queries, the exporter's rows, the workbook build, the save (XML and
zip). Issue 21: the export costs 14.68 × the trivial page at 10,000 branches and 43.76 × at
300,000; this says which part to make cheaper.

    .venv/bin/python bench/xlsx_build.py                  # the workbook only, no database
    .venv/bin/python bench/xlsx_build.py --children 600 --overdue 500 --runs 30
    DATABASE_URL=postgres://…/db .venv/bin/python bench/xlsx_build.py --db
        # also the export's queries, in a database with the load data (generate_load),
        # as the view runs them for load-supervisor

The workbook is built from objects made in memory (no database): an ``Overview`` of a
province root with ``--children`` child organizations (600: the 300,000-branch set's root)
and ``--overdue`` overdue items (500: the export's limit), names and measures of realistic
length. Each figure is the median of ``--runs`` runs of this process's CPU time
(``time.process_time``), in milliseconds; the parts are timed inside the same runs by
wrapping ``documents.xlsx.xlsx_bytes``'s steps: the builder of one sheet (``_sheet_xml``, or
``add_table`` before it: the cells and the layout), openpyxl's ``Workbook.save`` where a
checkout uses it (the XML still to write) and the zip's ``writestr``/``write`` (deflate).
"rows" is the rest: the exporter turning the overview into rows, the workbook's small parts. A benchmark, not a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Clock:
    """CPU milliseconds per part, accumulated over one run by wrapped functions."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)
        self.depth: dict[str, int] = defaultdict(int)

    def wrap(self, owner, name: str, part: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            self.depth[part] += 1
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.depth[part] -= 1
                if not self.depth[part]:  # the outermost call only
                    self.parts[part] += (time.process_time() - started) * 1000

        setattr(owner, name, timed)


def _overview(children: int, overdue: int):
    """An Overview of a province root as the selectors would return it, built in memory."""
    from members.models import Member, Organization
    from rectification.models import RectificationItem
    from supervision import selectors
    from supervision.periods import Period
    from supervision.selectors import COUNT_FIELDS, ChildFigures, MeetingFigures, Overview

    today = datetime.date(2026, 12, 2)
    period = Period(year=2026)
    root = Organization(pk=1, name="压力测试党委", path="0001", depth=1, kind="committee")
    totals = {f: 1000 + 37 * i for i, f in enumerate(COUNT_FIELDS)}
    kids = [
        ChildFigures(
            organization_id=10 + i,
            name=f"压力测试第{i + 1}党委(市直机关工委第{i % 7 + 1}片区)",
            kind="committee",
            path=f"0001{i + 1:04d}",
            problems=500 + i,
            items=2000 + 3 * i,
            signed_off=1200 + i,
            awaiting=40 + i % 50,
            overdue=30 + i % 40,
            recurring=i % 9,
        )
        for i in range(children)
    ]
    items = []
    for i in range(overdue):
        branch = Organization(pk=10_000 + i, name=f"城关镇第{i % 97 + 1}村党支部", kind="branch")
        owner = Member(pk=20_000 + i, name=f"张{'三四五六七'[i % 5]}{i}")
        item = RectificationItem(
            pk=30_000 + i,
            branch=branch,
            measure="每月到联系村走访一次,建立问题台账,逐项销号,"
            + "对群众反映的问题跟踪解决" * (1 + i % 3),
            is_committee=i % 10 == 0,
            owner=None if i % 10 == 0 else owner,
            lead=owner,
            deadline=today - datetime.timedelta(days=1 + i),
        )
        items.append(item)
    rows = items
    if hasattr(selectors, "OverdueRow"):  # the export takes plain rows (selectors.overdue_rows)
        rows = [
            selectors.OverdueRow(
                branch=i.branch.name, measure=i.measure, owner=i.owner_label, deadline=i.deadline
            )
            for i in items
        ]
    months = period.trend_months()
    ov = Overview(
        org=root,
        period=period,
        today=today,
        as_of=today,
        totals=totals,
        current=dict(totals),
        meetings=MeetingFigures(branches=300_000, held=200_000, planned=50_000),
        drafts_to_review=1234,
        lookbacks=[],
        lookbacks_total=56,
        overdue_items=items[:10],
        children=kids,
        trend=[(m, 100 + m.month, 50 + m.month) for m in months],
    )
    return ov, rows


def _queries(runs: int) -> str:
    """The export's reads as the view runs them, for load-supervisor: CPU and wall medians."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.models import Supervisor
    from supervision import selectors
    from supervision.periods import Period

    user = get_user_model().objects.get(username="load-supervisor")
    org = Supervisor.objects.select_related("organization").get(user=user).organization
    today = datetime.date.today()
    period = Period(year=today.year)

    def reads():
        ov = selectors.overview(user=user, org=org, period=period, today=today)
        if hasattr(selectors, "overdue_rows"):
            overdue = selectors.overdue_rows(path=org.path, today=today, limit=500)
        else:
            overdue = list(selectors.overdue_items(path=org.path, today=today)[:500])
        return ov, overdue

    reads()
    with CaptureQueriesContext(connection) as ctx:
        ov, overdue = reads()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        reads()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    line = (
        f"queries ({org.name}: {len(ov.children)} children, {len(overdue)} overdue items): "
        f"{len(ctx.captured_queries)} queries, CPU {statistics.median(cpu):.1f} ms, "
        f"wall {statistics.median(wall):.1f} ms"
    )
    return line + "\n" + _requests(user, runs)


def _requests(user, runs: int) -> str:
    """The whole export and the trivial page (the empty page in the site's frame) through
    Django's test client, CPU medians, and their ratio (bench/run.py's ÷ trivial, in-process:
    no server, no network)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cpu = {}
    for url in ("/supervision/empty/", "/supervision/export.xlsx"):
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(runs):
            started = time.process_time()
            client.get(url)
            times.append((time.process_time() - started) * 1000)
        cpu[url] = statistics.median(times)
    empty, export = cpu["/supervision/empty/"], cpu["/supervision/export.xlsx"]
    return (
        f"requests in-process (CPU medians): export {export:.1f} ms, trivial page {empty:.1f} ms,"
        f" export ÷ trivial {export / empty:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=600)
    parser.add_argument("--overdue", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", action="store_true", help="also time the queries (DATABASE_URL)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.django_setup import bench_django_setup

    bench_django_setup()
    import openpyxl

    from documents import xlsx
    from supervision.exports import overview_xlsx

    clock = Clock()
    # the sheets: documents.xlsx's builder of one sheet, whichever this checkout has
    clock.wrap(xlsx, "_sheet_xml" if hasattr(xlsx, "_sheet_xml") else "add_table", "build")
    clock.wrap(openpyxl.Workbook, "save", "save")  # a workbook saved by openpyxl, if one is
    clock.wrap(zipfile.ZipFile, "writestr", "zip")
    clock.wrap(zipfile.ZipFile, "write", "zip")

    ov, overdue = _overview(args.children, args.overdue)
    size = len(overview_xlsx(ov, overdue=overdue))  # warm-up
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        clock.parts.clear()
        started = time.process_time()
        overview_xlsx(ov, overdue=overdue)
        total = (time.process_time() - started) * 1000
        parts = dict(clock.parts)
        runs["total"].append(total)
        build, save, zipped = (parts.get(k, 0.0) for k in ("build", "save", "zip"))
        xml = max(save - zipped, 0.0)  # openpyxl's save: the XML it still writes, then zips
        runs["rows"].append(total - build - xml - zipped)
        runs["build"].append(build)
        runs["save"].append(xml)
        runs["zip"].append(zipped)

    def med(part: str) -> str:
        return f"{statistics.median(runs[part]):.1f}"

    print(
        f"overview export: {args.children} children, {args.overdue} overdue items, "
        f"{size:,} bytes; CPU medians of {args.runs} runs (ms)"
    )
    print(
        f"total {med('total')} = rows {med('rows')} + workbook build {med('build')}"
        f" + save: XML {med('save')} + zip {med('zip')}"
    )
    if args.db:
        print(_queries(args.runs))
    else:
        print("queries: not measured (--db and a DATABASE_URL with the load data)")


if __name__ == "__main__":
    main()
