"""Live counts computed the slow, obvious way — what every rollup row must equal."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from meetings.models import Draft, Meeting
from members.models import BranchChange, Organization
from rectification.models import LookBack, Problem, RectificationItem
from supervision.models import (
    CATEGORY_FIELDS,
    COUNT_FIELDS,
    MONTH_FIELDS,
    SOURCE_FIELDS,
    Rollup,
    RollupBranches,
    RollupMonth,
)
from supervision.services.rollups import (
    _month,
    _zero,
    clock_date,
    item_count_expressions,
    meeting_quarter,
    rollups_fold,
)

HELD = {"held", "rectifying", "completed"}
PREPARING = {"planning", "preparing"}


def _quarter(moment):
    day = timezone.localtime(moment).date()
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _add_problem_row(row: dict[str, int], category: str, source: str, n: int) -> None:
    row["problems"] += n
    if category in CATEGORY_FIELDS:
        row[CATEGORY_FIELDS[category]] += n
    if source in SOURCE_FIELDS:
        row[SOURCE_FIELDS[source]] += n


def _meeting_rows(out: dict, org: Organization, as_of) -> None:
    """Branches that held / only planned a meeting per quarter (and per year, on the
    year's first quarter), drafts waiting for the supervisor and look-backs due — one
    Python loop over the rows, the obvious way."""
    statuses: dict = defaultdict(set)  # (branch, quarter) / (branch, year key) → statuses
    for m in Meeting.objects.filter(branch__path__startswith=org.path).exclude(status="cancelled"):
        q = _quarter(m.starts_at)
        statuses[(m.branch_id, "q", q)].add(m.status)
        statuses[(m.branch_id, "y", q.replace(month=1))].add(m.status)
    for (_branch, span, key), found in statuses.items():
        held = bool(found & HELD)
        prefix = "branches" if span == "q" else "year"
        out[(org.pk, key)][f"{prefix}_{'held' if held else 'planned'}"] += 1
    for d in Draft.objects.filter(meeting__branch__path__startswith=org.path).select_related(
        "meeting", "author"
    ):
        waits = d.status == "submitted" and d.meeting.status in PREPARING
        mine = d.is_committee or (
            d.author.position == "secretary"
            and d.author.is_active
            and d.author.branch_id == d.meeting.branch_id
        )
        if waits and mine:
            out[(org.pk, _quarter(d.meeting.starts_at))]["drafts_awaiting"] += 1
    for lb in LookBack.objects.filter(meeting__branch__path__startswith=org.path).select_related(
        "meeting"
    ):
        if lb.done_at is None and lb.due_on <= as_of and lb.meeting.status == "rectifying":
            out[(org.pk, _quarter(lb.meeting.starts_at))]["lookbacks_due"] += 1


def live_rollups() -> dict[tuple[int, object], dict[str, int]]:
    """{(organization id, quarter): counts} for every organization with anything below it."""
    as_of = clock_date()
    out: dict = defaultdict(_zero)
    for org in Organization.objects.all():
        for q, category, source, n in (
            Problem.objects.filter(branch__path__startswith=org.path, merged_into__isnull=True)
            .annotate(q=meeting_quarter())
            .values_list("q", "category", "source")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            _add_problem_row(out[(org.pk, q)], category, source, n)
        exprs = item_count_expressions(as_of)
        for row in (
            RectificationItem.objects.filter(branch__path__startswith=org.path)
            .annotate(q=meeting_quarter())
            .values("q")
            .annotate(**exprs)
            .order_by()
        ):
            out[(org.pk, row["q"])].update({f: row[f] for f in exprs})
        _meeting_rows(out, org, as_of)
    return dict(out)


def live_months() -> dict[tuple[int, object], dict[str, int]]:
    out: dict = defaultdict(lambda: dict.fromkeys(MONTH_FIELDS, 0))
    for org in Organization.objects.all():
        items = RectificationItem.objects.filter(branch__path__startswith=org.path)
        for m, n in (
            items.annotate(m=_month("created_at"))
            .values_list("m")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            out[(org.pk, m)]["items_created"] = n
        for m, n in (
            items.filter(signed_off_at__isnull=False)
            .annotate(m=_month("signed_off_at"))
            .values_list("m")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            out[(org.pk, m)]["items_signed_off"] = n
    return dict(out)


def stored_rollups() -> dict:
    return {
        (r.pop("organization_id"), r.pop("quarter")): r
        for r in Rollup.objects.values("organization_id", "quarter", *COUNT_FIELDS)
        if any(r[f] for f in COUNT_FIELDS)
    }


def stored_months() -> dict:
    return {
        (r.pop("organization_id"), r.pop("month")): r
        for r in RollupMonth.objects.values("organization_id", "month", *MONTH_FIELDS)
        if any(r[f] for f in MONTH_FIELDS)
    }


def _nonzero(d: dict) -> dict:
    return {k: v for k, v in d.items() if any(v.values())}


def assert_rollups_match_live(*, fold: bool = True) -> None:
    """Every rollup row equals the slow count — once the journal of changes is folded (what
    Celery beat does every few seconds; ``fold=False`` checks the rows as they stand)."""
    if fold:
        rollups_fold(wait=True)
        assert not BranchChange.objects.exists()
    live, stored = _nonzero(live_rollups()), stored_rollups()
    assert stored.keys() == live.keys(), (
        sorted(stored.keys() - live.keys()),
        sorted(live.keys() - stored.keys()),
    )
    for key, row in live.items():
        assert stored[key] == row, (
            key,
            {f: (stored[key][f], row[f]) for f in row if stored[key][f] != row[f]},
        )
    live_m, stored_m = _nonzero(live_months()), stored_months()
    assert stored_m == live_m
    assert_branch_counts_match_live()


def assert_branch_counts_match_live() -> None:
    """Every organization's branch count equals the branches below it, counted the slow way."""
    orgs = list(Organization.objects.values_list("pk", "path", "kind"))
    live = {
        pk: n
        for pk, path, _kind in orgs
        if (n := sum(1 for _p, p, k in orgs if k == "branch" and p.startswith(path)))
    }
    stored = {
        pk: n for pk, n in RollupBranches.objects.values_list("organization_id", "branches") if n
    }
    assert stored == live


def assert_parents_match() -> None:
    """Every row's copied path and parent agree with the organization tree."""
    orgs = {o.pk: o for o in Organization.objects.all()}
    by_path = {o.path: o.pk for o in orgs.values()}
    for r in Rollup.objects.all():
        org = orgs[r.organization_id]
        assert r.path == org.path
        assert r.parent_id == by_path.get(org.path[: -Organization.steplen])
