"""Keeping the rollups (``supervision.models``) equal to the live counts.

Lower apps never call up here: a service that changes what is counted appends a row to
the journal (``members.changes.branch_changed``) in its own transaction. ``rollups_fold()``
takes the journal's rows, recomputes each branch they name from live counts (a few
aggregate queries over one branch), takes the difference from what was stored, adds it to
the branch's rows and to the rows of every organization above it — one upsert per table —
and deletes the rows it folded, all in one transaction. When nothing counted changed (a
progress note, a reworded measure) it writes nothing but the deletion.

When folds run: Celery beat every ``ROLLUP_FOLD_SECONDS`` (``supervision.tasks``), and at
once after the supervisor's own writes (bulk sign-off). Writers therefore never lock an
ancestor's row — only the fold does, and one fold runs at a time (a transaction-level
advisory lock; a fold that finds another running leaves the rows to it or to the next).
The figures are exact as of the last fold: a reader sees a change a few seconds late, never
a wrong sum.

Concurrency (PostgreSQL): ``rollups_rebuild`` and ``rollups_overdue_advance`` take the
clock's advisory lock exclusively; every fold takes it shared, so neither ever sees half of
the other. A row of the journal committed while a fold runs is not among the rows it took,
so it stays for the next fold (which then finds the difference, or none).

``rollups_rebuild()`` recomputes everything set-based (for generate_load, after an
organization is moved, or for repair) and empties the journal it has made obsolete;
``rollups_overdue_advance()`` moves the overdue clock to today (daily; see
``supervision.tasks``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, IntegerField, Max, Q, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models.meeting import HELD_STATUSES
from meetings.selectors.drafts import (
    AWAITING_SUPERVISOR,
    REVIEWED_BY_SUPERVISOR,
)
from members.choices import OrganizationKind
from members.models import BranchChange, Organization
from rectification.choices import OPEN_STATUSES
from rectification.models import LookBack, RectificationItem
from rectification.querysets import overdue_between_q, overdue_q
from supervision.models import (
    CATEGORY_FIELDS,
    COUNT_FIELDS,
    ITEM_STATUS_FIELDS,
    MONTH_FIELDS,
    SOURCE_FIELDS,
    Rollup,
    RollupBranches,
    RollupClock,
    RollupMonth,
)

STEP = Organization.steplen
_LOCK_CLOCK = 710_001  # advisory lock keys (PostgreSQL): (namespace, id)
_LOCK_FOLD = 710_003
FOLD_BATCH = 500  # journal rows per fold transaction
_OPEN = [s.value for s in OPEN_STATUSES]
_HELD = [s.value for s in HELD_STATUSES]

Counts = dict[datetime.date, dict[str, int]]


def meeting_quarter():
    """The quarter (its first day, local time) of the meeting an item or problem belongs to."""
    return TruncQuarter("meeting__starts_at", output_field=DateField())


def _month(field: str):
    return TruncMonth(field, output_field=DateField())


def ancestor_paths(path: str) -> list[str]:
    """The paths of every organization above the one at ``path`` (root first)."""
    return [path[:i] for i in range(STEP, len(path), STEP)]


# --- counting -------------------------------------------------------------------------
#
# Every column of Rollup is an aggregate of one "part": a query giving, per branch and
# quarter key ``q``, some of the columns. The same parts serve ``rollups_fold`` (filtered
# to one branch) and ``rebuild_with`` (every branch, summed up the tree in SQL), so the two
# can never count differently.


def item_count_expressions(as_of: datetime.date) -> dict:
    """Each item column of Rollup as an aggregate over RectificationItem rows."""
    return {
        "items": Count("pk"),
        **{
            field: Count("pk", filter=Q(status=status))
            for status, field in ITEM_STATUS_FIELDS.items()
        },
        "items_recurring": Count("pk", filter=Q(recurring_of__isnull=False)),
        "items_overdue": Count("pk", filter=overdue_q(as_of)),
    }


def problem_count_expressions() -> dict:
    """Each problem column of Rollup as an aggregate over (active) Problem rows."""
    return {
        "problems": Count("pk"),
        **{f: Count("pk", filter=Q(category=c)) for c, f in CATEGORY_FIELDS.items()},
        **{f: Count("pk", filter=Q(source=s)) for s, f in SOURCE_FIELDS.items()},
    }


def _held_expressions(held: str, planned: str) -> dict:
    """Per branch and period: 1 if it held a meeting, else 1 if it planned one."""
    was_held = Max(
        Case(When(status__in=_HELD, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    return {held: was_held, planned: Value(1) - was_held}


def _in_quarter(field: str):
    return TruncQuarter(field, output_field=DateField())


def count_parts(get_model, *, as_of: datetime.date, branch_id: int | None = None) -> list:
    """The queries that make up Rollup: ``(queryset, columns)`` pairs, each queryset
    giving ``branch_id``, ``q`` and those columns. ``get_model(app, name)`` gives the model
    classes (the migration passes its historical ones); ``branch_id`` narrows to one branch."""
    problem = get_model("rectification", "Problem")
    item = get_model("rectification", "RectificationItem")
    meeting = get_model("meetings", "Meeting")
    draft = get_model("meetings", "Draft")
    lookback = get_model("rectification", "LookBack")
    own = {} if branch_id is None else {"branch_id": branch_id}
    via_meeting = {} if branch_id is None else {"meeting__branch_id": branch_id}
    meetings = meeting.objects.filter(**own).exclude(status=MeetingStatus.CANCELLED.value)
    exprs = {
        "problems": problem_count_expressions(),
        "items": item_count_expressions(as_of),
        "quarter": _held_expressions("branches_held", "branches_planned"),
        "year": _held_expressions("year_held", "year_planned"),
        "drafts": {"drafts_awaiting": Count("pk")},
        "lookbacks": {"lookbacks_due": Count("pk")},
    }
    querysets = {
        "problems": problem.objects.filter(merged_into__isnull=True, **own).annotate(
            q=meeting_quarter()
        ),
        "items": item.objects.filter(**own).annotate(q=meeting_quarter()),
        "quarter": meetings.annotate(q=_in_quarter("starts_at")),
        # keyed by the year's first day, which is its first quarter's key
        "year": meetings.annotate(q=TruncYear("starts_at", output_field=DateField())),
        "drafts": draft.objects.filter(
            AWAITING_SUPERVISOR & REVIEWED_BY_SUPERVISOR, **via_meeting
        ).annotate(branch=F("meeting__branch_id"), q=meeting_quarter()),
        "lookbacks": lookback.objects.filter(
            done_at__isnull=True,
            due_on__lte=as_of,
            meeting__status=MeetingStatus.RECTIFYING.value,
            **via_meeting,
        ).annotate(branch=F("meeting__branch_id"), q=meeting_quarter()),
    }
    parts = []
    for name, qs in querysets.items():
        key = "branch" if name in ("drafts", "lookbacks") else "branch_id"
        rows = qs.values(key, "q").annotate(**exprs[name]).order_by()
        parts.append((rows, key, tuple(exprs[name])))
    return parts


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNT_FIELDS, 0)


def _branch_counts(branch_id: int, as_of: datetime.date) -> Counts:
    counts: Counts = defaultdict(_zero)
    for rows, _key, fields in count_parts(apps.get_model, as_of=as_of, branch_id=branch_id):
        for row in rows:
            target = counts[row["q"]]
            for field in fields:
                target[field] += row[field]
    return dict(counts)


def _branch_months(branch_id: int) -> Counts:
    counts: Counts = defaultdict(lambda: dict.fromkeys(MONTH_FIELDS, 0))
    items = RectificationItem.objects.filter(branch_id=branch_id)
    created = items.annotate(m=_month("created_at")).values_list("m").annotate(n=Count("pk"))
    for month, n in created.order_by():
        counts[month]["items_created"] = n
    signed = (
        items.filter(signed_off_at__isnull=False)
        .annotate(m=_month("signed_off_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
    )
    for month, n in signed.order_by():
        counts[month]["items_signed_off"] = n
    return dict(counts)


def _stored(model, key: str, fields: Iterable[str], branch_id: int) -> Counts:
    return {
        row.pop(key): row
        for row in model.objects.filter(organization_id=branch_id).values(key, *fields)
    }


def _diff(new: Counts, old: Counts, fields: tuple[str, ...]) -> Counts:
    out: Counts = {}
    for key in new.keys() | old.keys():
        a, b = new.get(key, {}), old.get(key, {})
        delta = {f: a.get(f, 0) - b.get(f, 0) for f in fields}
        if any(delta.values()):
            out[key] = delta
    return out


# --- writing ----------------------------------------------------------------------------


def _advisory(*, clock: str | None = None, fold: str | None = None) -> bool:
    """Transaction-level advisory locks (PostgreSQL; other databases serialise writers).
    ``fold="try"`` returns False when another fold holds the fold lock."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if fold == "try":
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s, 0)", [_LOCK_FOLD])
            if not cursor.fetchone()[0]:
                return False
        elif fold == "wait":
            cursor.execute("SELECT pg_advisory_xact_lock(%s, 0)", [_LOCK_FOLD])
        if clock == "shared":
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s, 0)", [_LOCK_CLOCK])
        elif clock == "exclusive":
            cursor.execute("SELECT pg_advisory_xact_lock(%s, 0)", [_LOCK_CLOCK])
    return True


def clock_date() -> datetime.date:
    """The date ``Rollup.items_overdue`` counts up to (made today if there is none yet)."""
    value = RollupClock.objects.filter(pk=1).values_list("overdue_as_of", flat=True).first()
    if value is None:
        value = timezone.localdate()
        RollupClock.objects.bulk_create(
            [RollupClock(pk=1, overdue_as_of=value)], ignore_conflicts=True
        )
        value = RollupClock.objects.values_list("overdue_as_of", flat=True).get(pk=1)
    return value


Node = dict  # {"pk": organization id, "path": …, "parent": parent's id or None}


def _add(model, key: str, changes: list[tuple[Node, Counts]], fields: tuple[str, ...]) -> None:
    """Add each node's differences ({key value: {field: difference}}) to its rows, creating
    missing rows — one upsert, rows taken in path order (so two writers cannot deadlock)."""
    if not changes:
        return
    table = model._meta.db_table
    qn = connection.ops.quote_name
    has_parent = model is Rollup
    columns = ["organization_id", *(["parent_id"] if has_parent else []), "path", key, *fields]
    rows, params = [], []
    for node, deltas in sorted(changes, key=lambda change: change[0]["path"]):
        for key_value in sorted(deltas):
            delta = deltas[key_value]
            values = [node["pk"], *([node["parent"]] if has_parent else []), node["path"]]
            values += [key_value, *(delta[f] for f in fields)]
            rows.append("(" + ", ".join(["%s"] * len(values)) + ")")
            params.extend(values)
    updates = ", ".join(f"{qn(f)} = {qn(table)}.{qn(f)} + EXCLUDED.{qn(f)}" for f in fields)
    sql = (
        f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "
        f"VALUES {', '.join(rows)} "
        f"ON CONFLICT ({qn('organization_id')}, {qn(key)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _nodes(paths: Iterable[str]) -> dict[str, Node]:
    """The organizations at ``paths`` and every one above them, by path, with parent ids."""
    wanted = {p for path in paths for p in (*ancestor_paths(path), path)}
    nodes = {
        o["path"]: o
        for o in Organization.objects.filter(path__in=wanted).order_by("path").values("pk", "path")
    }
    for path, node in nodes.items():
        parent = nodes.get(path[:-STEP]) if len(path) > STEP else None
        node["parent"] = parent["pk"] if parent else None
    return nodes


def _sum_up(per_branch: dict[str, Counts], nodes: dict[str, Node], fields) -> list:
    """Each branch's differences, added to its own node and to every node above it."""
    totals: dict[str, Counts] = {}
    for path, deltas in per_branch.items():
        for p in (*ancestor_paths(path), path):
            target = totals.setdefault(p, {})
            for key_value, delta in deltas.items():
                row = target.setdefault(key_value, dict.fromkeys(fields, 0))
                for f in fields:
                    row[f] += delta[f]
    return [(nodes[p], d) for p, d in totals.items() if p in nodes]


def _refresh_branches(orgs: list[tuple[int, str, str]]) -> None:
    """The branch counts (``RollupBranches``): each announced organization counts 1 if it
    is a branch, and the difference from what its own row holds is added to its row and
    every row above it — one upsert."""
    stored = dict(
        RollupBranches.objects.filter(organization_id__in=[pk for pk, _p, _k in orgs]).values_list(
            "organization_id", "branches"
        )
    )
    deltas = {
        path: d
        for pk, path, kind in orgs
        if (d := (1 if kind == OrganizationKind.BRANCH else 0) - stored.get(pk, 0))
    }
    if not deltas:
        return
    nodes = _nodes(deltas)
    totals: dict[str, int] = defaultdict(int)
    for path, d in deltas.items():
        for p in (*ancestor_paths(path), path):
            totals[p] += d
    rows = sorted((nodes[p]["pk"], p, n) for p, n in totals.items() if p in nodes)
    qn = connection.ops.quote_name
    table = qn(RollupBranches._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (organization_id, path, branches) VALUES {values} "
            f"ON CONFLICT (organization_id) DO UPDATE SET branches = "
            f"{table}.branches + EXCLUDED.branches",
            [v for row in rows for v in row],
        )


def rebuild_branches() -> int:
    """Recompute every ``RollupBranches`` row from the organization tree: per depth, the
    branches grouped by their ancestor's path at that depth. One statement."""
    qn = connection.ops.quote_name
    org, table = qn(Organization._meta.db_table), qn(RollupBranches._meta.db_table)
    max_depth = Organization.objects.aggregate(d=Max("depth"))["d"] or 0
    RollupBranches.objects.all().delete()
    if not max_depth:
        return 0
    levels = " UNION ALL ".join(
        f"SELECT SUBSTR(b.path, 1, {d * STEP}) AS apath, COUNT(*) AS n FROM {org} b "
        f"WHERE b.kind = %s AND LENGTH(b.path) >= {d * STEP} GROUP BY 1"
        for d in range(1, max_depth + 1)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (organization_id, path, branches) "
            f"SELECT o.id, o.path, s.n FROM ({levels}) s JOIN {org} o ON o.path = s.apath",
            [OrganizationKind.BRANCH.value] * max_depth,
        )
        return cursor.rowcount


def _refresh(branch_ids: Iterable[int]) -> None:
    """Bring the rows of ``branch_ids`` (and, by the same differences, every row above
    them) in step with their live counts. The caller holds the fold lock."""
    orgs = list(
        Organization.objects.filter(pk__in=set(branch_ids)).values_list("pk", "path", "kind")
    )
    if not orgs:
        return
    _refresh_branches(orgs)
    paths = {pk: path for pk, path, _kind in orgs}
    as_of = clock_date()
    counts: dict[str, Counts] = {}
    months: dict[str, Counts] = {}
    for branch_id, path in paths.items():
        delta = _diff(
            _branch_counts(branch_id, as_of),
            _stored(Rollup, "quarter", COUNT_FIELDS, branch_id),
            COUNT_FIELDS,
        )
        if delta:
            counts[path] = delta
        month_delta = _diff(
            _branch_months(branch_id),
            _stored(RollupMonth, "month", MONTH_FIELDS, branch_id),
            MONTH_FIELDS,
        )
        if month_delta:
            months[path] = month_delta
    if not counts and not months:
        return
    nodes = _nodes([*counts, *months])
    _add(Rollup, "quarter", _sum_up(counts, nodes, COUNT_FIELDS), COUNT_FIELDS)
    _add(RollupMonth, "month", _sum_up(months, nodes, MONTH_FIELDS), MONTH_FIELDS)


def rollups_fold(*, wait: bool = False, batch: int = FOLD_BATCH) -> int:
    """Fold the journal (``members.BranchChange``) into the rollups, ``batch`` rows per
    transaction, until it is empty. Returns how many journal rows were folded. With
    ``wait=False`` (the beat's task) a fold that finds another one running returns 0 at
    once: the running one, or the next, takes the rows. ``wait=True`` (after the
    supervisor's own writes) waits for it, then folds what is left."""
    folded = 0
    while True:
        with transaction.atomic():
            if not _advisory(clock="shared", fold="wait" if wait else "try"):
                return folded
            taken = list(BranchChange.objects.order_by("pk").values_list("pk", "branch_id")[:batch])
            if not taken:
                return folded
            _refresh(branch_id for _pk, branch_id in taken)
            BranchChange.objects.filter(pk__in=[pk for pk, _branch in taken]).delete()
        folded += len(taken)
        if len(taken) < batch:
            return folded


# --- rebuilding and the overdue clock ----------------------------------------------------


def _insert_up_the_tree(
    *,
    model,
    alias: str,
    column: str,
    fields: tuple[str, ...],
    parts: list,
    org_table: str,
    max_depth: int,
) -> int:
    """INSERT one row per (organization, ``column``) holding the sums of ``fields`` over
    the branches below it. ``parts`` are compiled queries giving (branch_id, ``alias``,
    some of the fields) per branch; an organization's sum is taken over every branch whose
    path starts with its own — one UNION ALL arm per depth, the ancestor at depth d being
    the branch path's first d steps. One statement, set-based."""
    qn = connection.ops.quote_name
    arms, params = [], []
    for qs, key, present in parts:
        sql, p = qs.query.sql_with_params()
        cols = ", ".join(f"u.{qn(f)}" if f in present else f"0 AS {qn(f)}" for f in fields)
        arms.append(f"SELECT u.{qn(key)} AS branch_id, u.{qn(alias)} AS k, {cols} FROM ({sql}) u")
        params += list(p)
    plain = ", ".join(qn(f) for f in fields)
    summed = lambda t: ", ".join(f"SUM({t}.{qn(f)}) AS {qn(f)}" for f in fields)  # noqa: E731
    listed = lambda t: ", ".join(f"{t}.{qn(f)}" for f in fields)  # noqa: E731
    levels = " UNION ALL ".join(
        f"SELECT SUBSTR(b.bpath, 1, {d * STEP}) AS apath, b.k, {listed('b')} "
        f"FROM b WHERE LENGTH(b.bpath) >= {d * STEP}"
        for d in range(1, max_depth + 1)
    )
    has_parent = model._meta.db_table == Rollup._meta.db_table
    parent_col = f"{qn('parent_id')}, " if has_parent else ""
    parent_sel = (
        f"(SELECT p.id FROM {org_table} p "
        f"WHERE p.path = SUBSTR(a.path, 1, LENGTH(a.path) - {STEP})), "
        if has_parent
        else ""
    )
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} "
        f"({qn('organization_id')}, {parent_col}{qn('path')}, {qn(column)}, {plain}) "
        f"WITH b AS (SELECT o.path AS bpath, x.k, {summed('x')} "
        f"FROM ({' UNION ALL '.join(arms)}) x JOIN {org_table} o ON o.id = x.branch_id "
        f"GROUP BY o.path, x.k) "
        f"SELECT a.id, {parent_sel}a.path, a.k, {listed('a')} FROM ("
        f"SELECT o.id AS id, o.path AS path, s.k AS k, {summed('s')} "
        f"FROM ({levels}) s JOIN {org_table} o ON o.path = s.apath "
        f"GROUP BY o.id, o.path, s.k) a"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def rebuild_with(get_model, *, as_of: datetime.date) -> dict[str, int]:
    """Recompute every rollup row from the live tables in two INSERT … SELECT statements:
    the per-branch aggregates are ``count_parts`` (the very queries ``rollups_fold``
    runs for one branch), summed up the tree by path. ``get_model(app, name)`` gives the
    model classes (a migration passes its historical ones)."""
    organization = get_model("members", "Organization")
    item = get_model("rectification", "RectificationItem")
    rollup, month = get_model("supervision", "Rollup"), get_model("supervision", "RollupMonth")
    max_depth = organization.objects.aggregate(d=Max("depth"))["d"] or 0
    org_table = connection.ops.quote_name(organization._meta.db_table)
    rollup.objects.all().delete()
    month.objects.all().delete()
    rollups = months = 0
    if max_depth:
        rollups = _insert_up_the_tree(
            model=rollup,
            alias="q",
            column="quarter",
            fields=COUNT_FIELDS,
            parts=count_parts(get_model, as_of=as_of),
            org_table=org_table,
            max_depth=max_depth,
        )
        created = (
            item.objects.annotate(m=_month("created_at"))
            .values("branch_id", "m")
            .annotate(items_created=Count("pk"))
            .order_by()
        )
        signed = (
            item.objects.filter(signed_off_at__isnull=False)
            .annotate(m=_month("signed_off_at"))
            .values("branch_id", "m")
            .annotate(items_signed_off=Count("pk"))
            .order_by()
        )
        months = _insert_up_the_tree(
            model=month,
            alias="m",
            column="month",
            fields=MONTH_FIELDS,
            parts=[
                (created, "branch_id", ("items_created",)),
                (signed, "branch_id", ("items_signed_off",)),
            ],
            org_table=org_table,
            max_depth=max_depth,
        )
    get_model("supervision", "RollupClock").objects.update_or_create(
        pk=1, defaults={"overdue_as_of": as_of}
    )
    return {"rollups": rollups, "months": months}


@transaction.atomic
def rollups_rebuild(*, today: datetime.date | None = None) -> dict[str, int]:
    """Recompute every rollup row (all branches, set-based) and set the clock to today.
    The journal is emptied first: what it announced is in the live counts read after."""
    _advisory(clock="exclusive", fold="wait")
    BranchChange.objects.all().delete()
    result = rebuild_with(apps.get_model, as_of=today or timezone.localdate())
    result["branch_counts"] = rebuild_branches()
    return result


def lookbacks_due_between(low: datetime.date, high: datetime.date):
    """Look-backs not done, of meetings in rectification, due after ``low`` up to ``high``
    (the ones ``Rollup.lookbacks_due`` gains when the clock moves from ``low`` to ``high``)."""
    return LookBack.objects.filter(
        done_at__isnull=True,
        due_on__gt=low,
        due_on__lte=high,
        meeting__status=MeetingStatus.RECTIFYING.value,
    )


@transaction.atomic
def rollups_overdue_advance(*, today: datetime.date | None = None) -> int:
    """Move the overdue clock to ``today``: the open items whose deadline fell between the
    old date and today are added to ``items_overdue`` (and the look-backs that fell due to
    ``lookbacks_due``) of their branches and every organization above (range scans of the
    partial indexes on open items' deadline and open look-backs' due date). Returns how
    many items and look-backs moved. Idempotent: a second call the same day does nothing."""
    today = today or timezone.localdate()
    _advisory(clock="exclusive")
    clock = RollupClock.objects.select_for_update().filter(pk=1).first()
    if clock is None:
        RollupClock.objects.create(pk=1, overdue_as_of=today)
        return 0
    old = clock.overdue_as_of
    if old == today:
        return 0
    low, high, sign = (old, today, 1) if old < today else (today, old, -1)
    items = (
        RectificationItem.objects.filter(overdue_between_q(low, high))
        .annotate(q=meeting_quarter())
        .values_list("branch__path", "q")
        .annotate(n=Count("pk"))
        .order_by()
    )
    lookbacks = (
        lookbacks_due_between(low, high)
        .annotate(q=meeting_quarter())
        .values_list("meeting__branch__path", "q")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_path: dict[str, Counts] = defaultdict(dict)
    moved = 0
    for field, rows in (("items_overdue", items), ("lookbacks_due", lookbacks)):
        for path, q, n in rows:
            moved += n
            for p in (*ancestor_paths(path), path):
                row = per_path[p].setdefault(q, _zero())
                row[field] += sign * n
    if per_path:
        nodes = _nodes(per_path)
        _add(
            Rollup,
            "quarter",
            [(nodes[p], d) for p, d in per_path.items() if p in nodes],
            COUNT_FIELDS,
        )
    clock.overdue_as_of = today
    clock.save(update_fields=["overdue_as_of"])
    return moved
