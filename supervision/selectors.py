"""Reads for the supervisor's overview (上级督导).

The ledger's figures come from the rollups (``supervision.models``): the row of
an organization already holds the sum over its whole subtree, so the overview reads the
chosen organization's rows and its children's — a few dozen rows at ten branches or at a
hundred thousand. What the rollups do not hold is read live, each in one query that an
index keeps small: meetings in the period (one row per branch with a meeting, grouped),
drafts waiting for the supervisor, due look-backs, the most overdue items, and the items
that fell due since the rollups' overdue clock (normally none: the clock is moved daily).

Every function takes an organization the caller has already checked is in the user's
scope (``organization_in_scope``).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db import connection, connections, router
from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, ProblemCategory
from meetings.models import Draft, Meeting
from meetings.selectors.drafts import AWAITING_SUPERVISOR, reviewed_by_supervisor_per_row
from members.choices import OrganizationKind
from members.links import link_maker
from members.models import Organization
from members.querysets import scope_of
from rectification.choices import OPEN_STATUSES, ItemStatus, ProblemSource
from rectification.models import LookBack, RectificationItem
from rectification.models.ledger import owner_label
from rectification.querysets import overdue_between_q, overdue_q
from rectification.selectors.lookbacks import due_or_late_lookbacks
from rectification.selectors.rows import cut
from supervision.models import (
    CATEGORY_FIELDS,
    COUNT_FIELDS,
    SOURCE_FIELDS,
    Rollup,
    RollupBranches,
    RollupClock,
    RollupMonth,
)
from supervision.periods import Period

TOP_OVERDUE = 10
TOP_LOOKBACKS = 5
TOP_CHILDREN = 15
_OPEN = [s.value for s in OPEN_STATUSES]


# --- scope ----------------------------------------------------------------------------------


def is_supervisor(user) -> bool:
    scope = scope_of(user)
    return scope.everything or scope.is_supervisor


def _in_scope(user, org: Organization) -> bool:
    scope = scope_of(user)
    return scope.everything or any(org.path.startswith(p) for p in scope.supervised_paths)


def scoped_organizations(*, user, org_pk: int | None) -> tuple[list[Organization], Organization]:
    """(the organizations the user supervises, the one chosen) in one query. The chosen one
    is ``org_pk`` when it lies in the user's scope, else the first supervised one; ``None``
    when the user supervises nothing or ``org_pk`` is outside the scope."""
    scope = scope_of(user)
    roots_q = Q(depth=1) if scope.everything else Q(path__in=scope.supervised_paths)
    if not scope.everything and not scope.supervised_paths:
        return [], None
    query = roots_q | Q(pk=org_pk) if org_pk else roots_q
    found = list(Organization.objects.filter(query).order_by("path"))
    roots = [
        o for o in found if (o.depth == 1 if scope.everything else o.path in scope.supervised_paths)
    ]
    if org_pk is None:
        return roots, roots[0] if roots else None
    chosen = next((o for o in found if o.pk == org_pk), None)
    if chosen is None or not _in_scope(user, chosen):
        return roots, None
    return roots, chosen


def organization_in_scope(*, user, pk: int) -> Organization | None:
    org = Organization.objects.filter(pk=pk).first()
    return org if org is not None and _in_scope(user, org) else None


def breadcrumbs(*, user, org: Organization) -> list[Organization]:
    """The organization and those above it, from the highest one the user supervises."""
    scope = scope_of(user)
    step = Organization.steplen
    paths = [org.path[:i] for i in range(step, len(org.path) + 1, step)]
    if not scope.everything:
        top = min(
            (len(p) for p in scope.supervised_paths if org.path.startswith(p)),
            default=len(org.path),
        )
        paths = [p for p in paths if len(p) >= top]
    return list(Organization.objects.filter(path__in=paths).order_by("path"))


# --- figures ---------------------------------------------------------------------------------


@dataclass
class MeetingFigures:
    branches: int = 0
    held: int = 0
    planned: int = 0

    @property
    def not_held(self) -> int:
        return max(0, self.branches - self.held - self.planned)

    def percent(self, n: int) -> float:
        return round(100 * n / self.branches, 1) if self.branches else 0.0


@dataclass
class ChildFigures:
    organization_id: int
    name: str
    kind: str
    path: str = ""
    problems: int = 0
    items: int = 0
    signed_off: int = 0
    awaiting: int = 0
    overdue: int = 0
    recurring: int = 0
    meetings: MeetingFigures = field(default_factory=MeetingFigures)
    latest_meeting_id: int | None = None

    @property
    def is_branch(self) -> bool:
        return self.kind == OrganizationKind.BRANCH

    @property
    def kind_label(self) -> str:
        return (
            str(OrganizationKind(self.kind).label) if self.kind in OrganizationKind.values else ""
        )

    @property
    def completion(self) -> float:
        return round(100 * self.signed_off / self.items, 1) if self.items else 0.0


@dataclass
class Overview:
    org: Organization
    period: Period
    today: datetime.date
    as_of: datetime.date
    totals: dict[str, int]  # the period: problems and items of meetings held in it
    current: dict[str, int]  # now, over every meeting: awaiting, overdue
    meetings: MeetingFigures
    drafts_to_review: int
    lookbacks: list[LookBack]
    lookbacks_total: int
    overdue_items: list[RectificationItem]
    children: list[ChildFigures]
    trend: list[tuple[datetime.date, int, int]]

    @property
    def completion(self) -> float:
        items = self.totals["items"]
        return round(100 * self.totals["items_signed_off"] / items, 1) if items else 0.0

    @property
    def categories(self) -> list[tuple[str, str, int]]:
        return [
            (c.value, str(c.label), self.totals[CATEGORY_FIELDS[c.value]]) for c in ProblemCategory
        ]

    @property
    def sources(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.totals[SOURCE_FIELDS[s.value]]) for s in ProblemSource]

    @property
    def weakest_children(self) -> list[ChildFigures]:
        """Children with items in the period, lowest completion first (for the bars)."""
        rated = [c for c in self.children if c.items]
        return sorted(rated, key=lambda c: (c.completion, -c.items, c.path))[:TOP_CHILDREN]


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNT_FIELDS, 0)


def _clock_subquery() -> Subquery:
    return Subquery(RollupClock.objects.filter(pk=1).values("overdue_as_of")[:1])


def _since_clock(as_of: datetime.date, today: datetime.date):
    return (as_of, today, 1) if as_of <= today else (today, as_of, -1)


def overdue_since_clock(*, path: str, as_of: datetime.date, today: datetime.date) -> int:
    """Open items in the subtree whose deadline lies between the rollups' clock and today
    (negative when the clock is ahead). A range scan of the open items' deadline index."""
    if as_of == today:
        return 0
    low, high, sign = _since_clock(as_of, today)
    n = RectificationItem.objects.filter(
        overdue_between_q(low, high), branch__path__startswith=path
    ).count()
    return sign * n


def _reader(model):
    """The connection a raw read goes through: the one the ORM would use for ``model``
    (the replica on a replica-readable page, config/replica.py), not always the primary."""
    return connections[router.db_for_read(model)]


@dataclass
class LiveCounts:
    overdue_since_clock: int
    lookbacks_since_clock: int


@functools.cache
def _live_sql() -> str:
    qn = connection.ops.quote_name
    org, item = qn(Organization._meta.db_table), qn(RectificationItem._meta.db_table)
    lookback, meeting = qn(LookBack._meta.db_table), qn(Meeting._meta.db_table)
    opened = ", ".join(["%s"] * len(_OPEN))
    return f"""
    SELECT
      (SELECT COUNT(*) FROM {item} i JOIN {org} o ON o.id = i.branch_id
        WHERE i.status IN ({opened}) AND i.deadline >= %s AND i.deadline < %s
          AND o.path LIKE %s),
      (SELECT COUNT(*) FROM {lookback} l JOIN {meeting} m ON m.id = l.meeting_id
          JOIN {org} o ON o.id = m.branch_id
        WHERE l.done_at IS NULL AND l.due_on > %s AND l.due_on <= %s AND m.status = %s
          AND o.path LIKE %s)
    """


def live_counts(*, path: str, as_of: datetime.date, today: datetime.date) -> LiveCounts:
    """What the rollups do not hold, in one statement: what changed since the rollups'
    clock — the open items that fell overdue and the look-backs that fell due (range scans
    of the partial indexes on open items' deadline and open look-backs' due date). Nothing
    to read, and no query, when the clock is today's, as the daily job keeps it."""
    if as_of == today:
        return LiveCounts(0, 0)
    low, high, sign = _since_clock(as_of, today)
    prefix = path + "%"
    params = [
        *_OPEN, low, high, prefix,
        low, high, MeetingStatus.RECTIFYING.value, prefix,
    ]  # fmt: skip
    with _reader(Organization).cursor() as cursor:
        cursor.execute(_live_sql(), params)
        overdue, lookbacks = cursor.fetchone()
    return LiveCounts(sign * int(overdue), sign * int(lookbacks))


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def meeting_figures(branches: int, figures: dict[str, int], period: Period) -> MeetingFigures:
    """Branches that held / only planned a meeting in the period, from rollup sums over
    the period's rows (for a year: the year's counts, kept on its first quarter's row)."""
    held, planned = _held_fields(period)
    return MeetingFigures(branches=branches, held=figures[held], planned=figures[planned])


def _held_fields(period: Period) -> tuple[str, str]:
    if period.quarter:
        return "branches_held", "branches_planned"
    return "year_held", "year_planned"


DRAFT_LIST_KEYS = ("submitted_at", "pk")
# what a row of the list shows: not the drafts' texts (up to 20,000 characters each), nor
# the author's or the meeting's other columns
DRAFT_ROW_FIELDS = (
    "is_committee",
    "submitted_at",
    "author__name",
    "meeting__theme",
    "meeting__branch__name",
)


def drafts_to_review(*, path: str) -> QuerySet[Draft]:
    """Submitted drafts the supervisor reviews, of meetings not yet held in the subtree:
    each meeting's committee draft, and its secretary's own draft; the oldest first
    (``DRAFT_LIST_KEYS``: the partial index ``draft_submitted`` walks the submitted drafts in
    that order, each asked the rule on its own — ``reviewed_by_supervisor_per_row`` — so a
    keyset page reads the submitted drafts up to its last row, not all of them)."""
    return (
        Draft.objects.filter(
            AWAITING_SUPERVISOR & reviewed_by_supervisor_per_row(),
            meeting__branch__path__startswith=path,
        )
        .select_related("author", "meeting__branch")
        .only(*DRAFT_ROW_FIELDS)
        .order_by(*DRAFT_LIST_KEYS)
    )


@dataclass(frozen=True)
class DraftRow:
    """One row of the drafts to review, as the page shows it: texts and links made here
    once, not by the template's tags for every row (a page of 50 rows renders in less than
    half the time)."""

    branch: str
    meeting_url: str
    theme: str
    label: str
    submitted: str
    review_url: str


def draft_rows(drafts: Iterable[Draft]) -> list[DraftRow]:
    """``drafts`` (of ``drafts_to_review``) as the rows of the page."""
    committee = _("班子对照检查材料")
    meeting_url, review_url = link_maker("meetings:detail"), link_maker("meetings:draft-review")
    return [
        DraftRow(
            branch=draft.meeting.branch.name,
            meeting_url=meeting_url(draft.meeting_id),
            theme=cut(draft.meeting.theme, 30),
            label=committee
            if draft.is_committee
            else _("%(name)s(书记)的发言提纲") % {"name": draft.author.name},
            submitted=timezone.localtime(draft.submitted_at).strftime("%Y-%m-%d %H:%M"),
            review_url=review_url(draft.pk),
        )
        for draft in drafts
    ]


OVERDUE_LIST_KEYS = ("deadline", "pk")


def overdue_items(*, path: str, today: datetime.date) -> QuerySet[RectificationItem]:
    """Open items past their deadline in the subtree, the longest overdue first
    (``OVERDUE_LIST_KEYS``: the open items' deadline index, walked in order); only what a
    row shows (``ITEM_ROW_FIELDS``)."""
    return (
        RectificationItem.objects.filter(overdue_q(today), branch__path__startswith=path)
        .select_related("branch", "owner", "lead")
        .only(*ITEM_ROW_FIELDS)
        .order_by(*OVERDUE_LIST_KEYS)
    )


class OverdueRow(NamedTuple):
    """One overdue item as the overview export lists it (a tuple: 500 of them are made for
    every export)."""

    branch: str
    measure: str
    owner: str
    deadline: datetime.date


def overdue_rows(*, path: str, today: datetime.date, limit: int) -> list[OverdueRow]:
    """The first ``limit`` of ``overdue_items`` as plain rows: one query, the five values a
    row shows and no model instances (the export lists up to 500)."""
    rows = overdue_items(path=path, today=today).values_list(
        "branch__name", "measure", "is_committee", "owner__name", "lead__name", "deadline"
    )[:limit]
    return [
        OverdueRow(
            branch,
            measure,
            owner_label(is_committee=is_committee, owner=owner, lead=lead),
            deadline,
        )
        for branch, measure, is_committee, owner, lead, deadline in rows
    ]


def _child_paths(org: Organization) -> tuple[str, str]:
    """The first and last path a child of ``org`` can have: with ``depth``, a range of the
    ``org_depth_path`` index holding exactly its children."""
    step, alphabet = Organization.steplen, Organization.alphabet
    return org.path + alphabet[0] * step, org.path + alphabet[-1] * step


def _children(*, org: Organization, period: Period) -> list[ChildFigures]:
    """The children that have rollup rows, with their figures: summed per child first (by
    the ``rollup_children`` index), then joined to their names; in tree order."""
    qn = connection.ops.quote_name
    rollup, org_t = qn(Rollup._meta.db_table), qn(Organization._meta.db_table)
    marks = ", ".join(["%s"] * len(period.quarters))

    def in_period(column: str) -> str:
        return f"SUM(CASE WHEN r.quarter IN ({marks}) THEN r.{column} ELSE 0 END)"

    # The children's names from the (depth, path) index, a range of as many entries as there
    # are children, hashed and joined to their sums: looked up by primary key one by one
    # they cost four times the pages, and a join without the range lets the planner hash the
    # whole organization table (300,000 rows at a province's root).
    reader = _reader(Rollup)
    sql = f"""
    SELECT x.organization_id, o.name, o.kind, o.path,
           x.problems, x.items, x.signed_off, x.recurring, x.awaiting, x.overdue
    FROM (
      SELECT r.organization_id, {in_period("problems")} AS problems,
             {in_period("items")} AS items, {in_period("items_signed_off")} AS signed_off,
             {in_period("items_recurring")} AS recurring,
             SUM(r.items_awaiting) AS awaiting, SUM(r.items_overdue) AS overdue
      FROM {rollup} r WHERE r.parent_id = %s GROUP BY r.organization_id
    ) x
    JOIN {org_t} o ON o.id = x.organization_id
    WHERE o.depth = %s AND o.path BETWEEN %s AND %s
    ORDER BY o.path
    """
    params = [*period.quarters * 4, org.pk, org.depth + 1, *_child_paths(org)]
    with reader.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        ChildFigures(
            organization_id=pk,
            name=name,
            kind=kind,
            path=path,
            problems=int(problems or 0),
            items=int(items or 0),
            signed_off=int(signed or 0),
            recurring=int(recurring or 0),
            awaiting=int(awaiting or 0),
            overdue=int(overdue or 0),
        )
        for pk, name, kind, path, problems, items, signed, recurring, awaiting, overdue in rows
    ]


ITEM_ROW_FIELDS = (
    "measure",
    "is_committee",
    "deadline",
    "status",
    "recurring_of",
    "branch__name",
    "owner__name",
    "lead__name",
)


def _date(value) -> datetime.date:
    """A date from a raw query (SQLite gives text)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


@functools.cache
def _own_rows_sql() -> str:
    """The organization's rollup rows (with the clock), its month rows and its branch
    count, in one query."""
    qn = connection.ops.quote_name
    rollup, month, clock = (qn(m._meta.db_table) for m in (Rollup, RollupMonth, RollupClock))
    counts = ", ".join(f"r.{qn(f)}" for f in COUNT_FIELDS)
    padding = ", ".join(["0"] * (len(COUNT_FIELDS) - 2))
    branches = qn(RollupBranches._meta.db_table)
    more_padding = ", ".join(["0"] * (len(COUNT_FIELDS) - 1))
    return (
        f"SELECT 'q', r.quarter, c.overdue_as_of, {counts} FROM {rollup} r "
        f"LEFT JOIN {clock} c ON c.id = 1 WHERE r.organization_id = %s "
        f"UNION ALL SELECT 'm', m.month, NULL, m.items_created, m.items_signed_off, {padding} "
        f"FROM {month} m WHERE m.organization_id = %s AND m.month >= %s AND m.month <= %s "
        f"UNION ALL SELECT 'b', NULL, NULL, b.branches, {more_padding} "
        f"FROM {branches} b WHERE b.organization_id = %s"
    )


def overview(
    *,
    user,
    org: Organization,
    period: Period,
    today: datetime.date | None = None,
    lists: bool = True,
) -> Overview:
    """Everything on the supervisor's home for ``org`` (in the user's scope) and ``period``:
    a fixed number of queries whatever the size of the subtree. ``lists=False``: without the
    home's short lists (the first look-backs due, the first overdue items) — the export has
    its own list of overdue items and shows the look-backs as a figure."""
    today = today or timezone.localdate()
    totals, current = _zero(), _zero()
    as_of = today
    quarters = set(period.quarters)
    months = period.trend_months()
    by_month: dict[datetime.date, tuple[int, int]] = {}
    branches = 0
    with _reader(Rollup).cursor() as cursor:
        cursor.execute(_own_rows_sql(), [org.pk, org.pk, months[0], months[-1], org.pk])
        for kind, key, clock, *values in cursor.fetchall():
            if kind == "b":
                branches = values[0]
                continue
            key = _date(key)
            if kind == "m":
                by_month[key] = (values[0], values[1])
                continue
            as_of = _date(clock) if clock else today
            for f, n in zip(COUNT_FIELDS, values, strict=True):
                current[f] += n
                if key in quarters:
                    totals[f] += n
    live = live_counts(path=org.path, as_of=as_of, today=today)
    current["items_overdue"] += live.overdue_since_clock
    current["lookbacks_due"] += live.lookbacks_since_clock
    lookbacks = (
        list(
            due_or_late_lookbacks(user=user, today=today)
            .filter(meeting__branch__path__startswith=org.path)
            .only("due_on", "meeting__theme", "meeting__branch__name")[:TOP_LOOKBACKS]
        )
        if lists
        else []
    )
    return Overview(
        org=org,
        period=period,
        today=today,
        as_of=as_of,
        totals=totals,
        current=current,
        meetings=meeting_figures(branches, totals, period),
        drafts_to_review=current["drafts_awaiting"],
        lookbacks=lookbacks,
        lookbacks_total=current["lookbacks_due"],
        overdue_items=(
            list(overdue_items(path=org.path, today=today)[:TOP_OVERDUE]) if lists else []
        ),
        children=_children(org=org, period=period),
        trend=[(m, *by_month.get(m, (0, 0))) for m in months],
    )


# --- drill-down: the children of an organization ----------------------------------------------


def children_page(
    *, org: Organization, period: Period, page: str | int | None, per_page: int, today=None
):
    """One page of the organization's children (党委/党总支/党支部 directly below it), each
    with its rolled-up figures, its meetings in the period and — for a branch — its latest
    meeting. The page is counted by ``numchild`` (no COUNT over the subtree)."""
    today = today or timezone.localdate()
    latest = (
        Meeting.objects.filter(branch=OuterRef("pk"))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at", "-pk")
        .values("pk")[:1]
    )
    children = (
        Organization.objects.filter(depth=org.depth + 1, path__range=_child_paths(org))
        .annotate(latest_meeting_id=Subquery(latest))
        .order_by("path")
    )
    paginator = CountedPaginator(children, per_page, count=org.numchild)
    page_obj = paginator.get_page(page)
    orgs = list(page_obj.object_list)
    if not orgs:
        return page_obj, []
    ids = [o.pk for o in orgs]
    in_period = Q(quarter__in=period.quarters)
    held, planned = _held_fields(period)
    figures = {
        r["organization_id"]: r
        for r in Rollup.objects.filter(organization_id__in=ids)
        .values("organization_id")
        .annotate(
            problems=Sum("problems", filter=in_period),
            items=Sum("items", filter=in_period),
            signed_off=Sum("items_signed_off", filter=in_period),
            recurring=Sum("items_recurring", filter=in_period),
            awaiting=Sum("items_awaiting"),
            overdue=Sum("items_overdue"),
            held=Sum(held, filter=in_period),
            planned=Sum(planned, filter=in_period),
        )
        .order_by()
    }
    branches = _branches_by_child(org=org, children=orgs)
    late = _overdue_since_by_child(org=org, as_of=clock_as_of(today), today=today)
    rows = []
    for o in orgs:
        f = figures.get(o.pk, {})
        rows.append(
            ChildFigures(
                organization_id=o.pk,
                name=o.name,
                kind=o.kind,
                path=o.path,
                problems=f.get("problems") or 0,
                items=f.get("items") or 0,
                signed_off=f.get("signed_off") or 0,
                recurring=f.get("recurring") or 0,
                awaiting=f.get("awaiting") or 0,
                overdue=(f.get("overdue") or 0) + late.get(o.path, 0),
                meetings=MeetingFigures(
                    branches.get(o.path, 0), f.get("held") or 0, f.get("planned") or 0
                ),
                latest_meeting_id=o.latest_meeting_id,
            )
        )
    return page_obj, rows


@dataclass(frozen=True)
class ChildRow:
    """One child on the drill-down page: its figures, and its links and labels made here
    once, not by the template's tags for every row."""

    figures: ChildFigures
    url: str  # a branch's ledger; another organization's own drill-down, for the period
    kind_label: str  # "" for a branch
    meeting_url: str  # a branch's latest meeting, if it has one
    overview_url: str  # another organization's overview, for the period


def child_href_maker(period: Period) -> Callable[[ChildFigures], str]:
    """Where a child leads (its bar on the home, its row on the drill-down): a branch to its
    ledger, another organization to its own drill-down for ``period``."""
    ledger, org = link_maker("rectification:ledger"), link_maker("supervision:org")

    def href(child: ChildFigures) -> str:
        if child.is_branch:
            return ledger(child.organization_id)
        return f"{org(child.organization_id)}?{period.query}"

    return href


def child_rows(rows: Iterable[ChildFigures], *, period: Period) -> list[ChildRow]:
    """``rows`` (of ``children_page``) as the drill-down shows them."""
    href, meeting = child_href_maker(period), link_maker("meetings:detail")
    home = reverse("supervision:home")
    return [
        ChildRow(
            figures=c,
            url=href(c),
            kind_label="" if c.is_branch else c.kind_label,
            meeting_url=meeting(c.latest_meeting_id) if c.is_branch and c.latest_meeting_id else "",
            overview_url="" if c.is_branch else f"{home}?org={c.organization_id}&{period.query}",
        )
        for c in rows
    ]


def _branches_by_child(*, org, children) -> dict[str, int]:
    """Per child (by path): how many branches lie below it (a child branch counts itself),
    from ``RollupBranches`` — one row per child."""
    return dict(
        RollupBranches.objects.filter(organization_id__in=[c.pk for c in children]).values_list(
            "path", "branches"
        )
    )


def _overdue_since_by_child(*, org, as_of, today) -> dict[str, int]:
    if as_of == today:
        return {}
    step = Organization.steplen
    low, high, sign = (as_of, today, 1) if as_of < today else (today, as_of, -1)
    rows = (
        RectificationItem.objects.filter(
            overdue_between_q(low, high), branch__path__startswith=org.path
        )
        .values_list("branch__path", flat=True)
        .order_by()
    )
    out: dict[str, int] = {}
    for path in rows:
        child = path[: len(org.path) + step]
        out[child] = out.get(child, 0) + sign
    return out


# --- drill-down lists ------------------------------------------------------------------------


class CountedPaginator(Paginator):
    """A paginator told its count (from the rollups or ``numchild``), so a page of a list
    of a million rows costs one LIMIT/OFFSET query and no COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known = max(0, count)

    @property
    def count(self) -> int:
        return self._known


def clock_as_of(today: datetime.date) -> datetime.date:
    value = RollupClock.objects.filter(pk=1).values_list("overdue_as_of", flat=True).first()
    return value or today


def current_figure(*, org: Organization, field_name: str, today=None) -> int:
    """One figure of the organization's rollup over every quarter (plus, for overdue, the
    items that fell due since the clock)."""
    today = today or timezone.localdate()
    n = 0
    as_of = today
    rows = Rollup.objects.filter(organization_id=org.pk).annotate(as_of=_clock_subquery())
    for value, row_as_of in rows.values_list(field_name, "as_of"):
        n += value
        as_of = row_as_of or today
    if field_name == "items_overdue":
        n += overdue_since_clock(path=org.path, as_of=as_of, today=today)
    return n


def period_figure(*, org: Organization, field_name: str, period: Period) -> int:
    agg = Rollup.objects.filter(organization_id=org.pk, quarter__in=period.quarters).aggregate(
        n=Sum(field_name)
    )
    return agg["n"] or 0


AWAITING_LIST_KEYS = ("deadline", "pk")


def awaiting_items(*, user, path: str) -> QuerySet[RectificationItem]:
    """Items in the subtree waiting for sign-off (待销号), the earliest deadline first
    (``AWAITING_LIST_KEYS``: the partial index ``item_awaiting_deadline`` holds only these
    items in that order, so a page reads a page's worth of them); only what a row shows."""
    scope = scope_of(user)
    qs = RectificationItem.objects.filter(
        branch__path__startswith=path, status=ItemStatus.AWAITING_SIGNOFF
    )
    if not scope.everything and not any(path.startswith(p) for p in scope.supervised_paths):
        return qs.none()
    return (
        qs.select_related("branch", "owner", "lead")
        .only(*ITEM_ROW_FIELDS)
        .order_by(*AWAITING_LIST_KEYS)
    )


RECURRING_LIST_KEYS = ("-meeting__starts_at", "pk")


def recurring_items(*, path: str, period: Period) -> QuerySet[RectificationItem]:
    """Items flagged 屡改屡在 (like one already signed off) of meetings in the period, the
    latest meeting first (``RECURRING_LIST_KEYS``: only the period's meetings marked as having
    such items, ``Meeting.has_recurring_items``, by the partial index ``meeting_recurring``;
    their recurring items by ``item_meeting_recurring``)."""
    return (
        RectificationItem.objects.filter(
            branch__path__startswith=path,
            recurring_of__isnull=False,
            meeting__has_recurring_items=True,
            meeting__starts_at__gte=_aware(period.start),
            meeting__starts_at__lt=_aware(period.end),
        )
        .select_related("branch", "owner", "lead")
        .only(*ITEM_ROW_FIELDS)
        .order_by(*RECURRING_LIST_KEYS)
    )


def status_label(status: str) -> str:
    return str(ItemStatus(status).label) if status in ItemStatus.values else status


def figures_table(ov: Overview) -> list[tuple[str, object]]:
    """The overview as (label, value) rows — the export's first sheet."""
    m = ov.meetings
    return [
        (_("党组织"), ov.org.name),
        (
            _("统计期间"),
            f"{ov.period.start:%Y-%m-%d} — {ov.period.end - datetime.timedelta(days=1):%Y-%m-%d}",
        ),
        (_("党支部数"), m.branches),
        (_("已召开组织生活会的党支部"), m.held),
        (_("已计划未召开的党支部"), m.planned),
        (_("未召开的党支部"), m.not_held),
        (_("待审核的对照检查材料"), ov.drafts_to_review),
        (_("问题数"), ov.totals["problems"]),
        (_("整改事项"), ov.totals["items"]),
        (_("已销号"), ov.totals["items_signed_off"]),
        (_("整改完成率(%)"), ov.completion),
        (_("屡改屡在"), ov.totals["items_recurring"]),
        (_("当前逾期事项"), ov.current["items_overdue"]),
        (_("当前待销号事项"), ov.current["items_awaiting"]),
        (_("到期未开展的回头看"), ov.lookbacks_total),
    ]
