"""The branch ledger's render time, in-process: the page of 50 items as the load secretary
sees it (the bench's small data set, or any database with the load data), the median of
``--runs`` requests through Django's test client, and the part spent rendering the
template (the view's context built once, then rendered ``--runs`` times).

    ORGLIFE_BENCH_DB_SUFFIX=_x .venv/bin/python bench/ledger.py        # after bench/run.py
    DATABASE_URL=postgres://…/db .venv/bin/python bench/ledger.py --runs 50

Prints two lines: whole response and template only (medians, milliseconds: wall clock and
this process's CPU time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn, runs: int) -> tuple[float, float]:
    """(wall-clock, this process's CPU) medians in milliseconds. On a shared machine the CPU
    time is the steadier figure: it leaves out waiting for a core and for the database."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return round(statistics.median(wall), 1), round(statistics.median(cpu), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    suffix = os.environ.get("ORGLIFE_BENCH_DB_SUFFIX", "")
    os.environ.setdefault(
        "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/orglife_bench_small{suffix}"
    )
    sys.path.insert(0, str(ROOT))
    from bench.django_setup import bench_django_setup

    bench_django_setup()
    from django.contrib.auth import get_user_model
    from django.template.loader import get_template
    from django.test import Client, RequestFactory

    from members.models import Member
    from rectification.views.ledger import LedgerView

    user = get_user_model().objects.get(username="load-secretary")
    branch = Member.objects.get(user=user).branch_id
    url = f"/rectification/branches/{branch}/ledger/"
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    items = response.content.decode().count('<tr id="item-')

    request = RequestFactory().get(url)
    request.user = user
    request.session = client.session
    view = LedgerView()
    view.setup(request, branch_pk=branch)
    view.object_list = view.get_queryset()
    context = view.get_context_data()
    context["request"] = request
    template = get_template(LedgerView.template_name)
    whole = median_ms(lambda: client.get(url), args.runs)
    render = median_ms(lambda: template.render(context, request), args.runs)
    for label, (wall, cpu) in (("whole response", whole), ("template render", render)):
        print(
            f"branch ledger, {items} items: {label} {wall} ms wall, {cpu} ms CPU "
            f"(medians of {args.runs})"
        )


if __name__ == "__main__":
    main()
