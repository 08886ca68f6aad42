"""Reads for the rectification ledger (整改台账): the branch ledger with its filters, a
member's items, one item with its timeline, the public ledger (公示), the export rows and
what awaits the user's sign-off.

Each read costs a fixed number of queries, however many items the branch has.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus
from meetings.models import Meeting
from members.models import Member, Organization
from members.querysets import branch_supervise_q, scope_of
from members.selectors import user_label
from rectification.choices import OPEN_STATUSES, EventKind, ItemStatus
from rectification.models import (
    Interview,
    ItemEvent,
    Problem,
    ProgressUpdate,
    RectificationItem,
)
from rectification.querysets import overdue_q

OVERDUE = "overdue"
COMMITTEE = "committee"
LEDGER_ORDER = ("-meeting__starts_at", "meeting_id", "-is_committee", "owner__name", "owner_id")
ITEM_ORDER = (*LEDGER_ORDER, "problem_id", "pk")


def meeting_day(meeting: Meeting) -> datetime.date:
    """The meeting's day (local): the earliest deadline an item may have, and the date
    shown for an earlier meeting's problem."""
    return timezone.localtime(meeting.starts_at).date()


def status_label(item: RectificationItem, today: datetime.date | None = None) -> str:
    """What people see: the stored status, or 逾期 when an open item is past its deadline."""
    if item.is_overdue(today):
        return _("逾期")
    return str(item.get_status_display())


# --- the branch ledger -------------------------------------------------------------------------


def _latest_progress(field_name: str) -> Subquery:
    return Subquery(
        ProgressUpdate.objects.filter(item=OuterRef("pk"))
        .order_by("-on", "-pk")
        .values(field_name)[:1]
    )


def ledger(
    *, user, branch: Organization, filters: Mapping | None = None
) -> QuerySet[RectificationItem]:
    """The branch's items as the user may see them (the committee and supervisors always;
    members once the meeting's problem list was published), filtered by ``status`` (a stored
    status, or ``overdue``), ``owner`` (a member id — owner or lead — or ``committee``),
    ``category``, ``meeting``, ``overdue`` and ``recurring``. Each row has its problem, owner,
    lead and meeting, and ``last_progress_on`` — one query per page."""
    filters = filters or {}
    qs = (
        RectificationItem.objects.visible_to(user)
        .filter(branch=branch)
        .select_related("problem", "owner", "lead", "meeting")
        .annotate(last_progress_on=_latest_progress("on"))
    )
    status = filters.get("status")
    if status == OVERDUE or filters.get("overdue"):
        qs = qs.overdue()
    if status in ItemStatus.values:
        qs = qs.filter(status=status)
    owner = filters.get("owner")
    if owner == COMMITTEE:
        qs = qs.filter(is_committee=True)
    elif owner:
        qs = qs.filter(Q(owner_id=owner) | Q(lead_id=owner, is_committee=True))
    if filters.get("category"):
        qs = qs.filter(problem__category=filters["category"])
    if filters.get("meeting"):
        qs = qs.filter(meeting_id=filters["meeting"])
    if filters.get("recurring"):
        qs = qs.filter(recurring_of__isnull=False)
    return qs.order_by(*ITEM_ORDER)


def ledger_counts(*, user, branch: Organization) -> dict[str, int]:
    """How many of the branch's visible items are in each status, and overdue — one query."""
    today = timezone.localdate()
    overdue = overdue_q(today)
    counts = (
        RectificationItem.objects.visible_to(user)
        .filter(branch=branch)
        .aggregate(
            all=Count("pk"),
            overdue=Count("pk", filter=overdue),
            recurring=Count("pk", filter=Q(recurring_of__isnull=False)),
            **{s: Count("pk", filter=Q(status=s)) for s in ItemStatus.values},
        )
    )
    return {key: value or 0 for key, value in counts.items()}


def ledger_meetings(*, branch: Organization) -> list[Meeting]:
    """The branch's meetings that have a ledger (整改中 or 已完成), newest first."""
    return list(
        Meeting.objects.filter(
            branch=branch, status__in=[MeetingStatus.RECTIFYING, MeetingStatus.COMPLETED]
        ).order_by("-starts_at", "-pk")
    )


def ledger_members(*, branch: Organization) -> list[Member]:
    return list(Member.objects.filter(branch=branch).order_by("-is_active", "name", "pk"))


PROBLEMS_WITHOUT_ITEMS_SHOWN = 50


def problems_without_items(*, user, branch: Organization) -> list[Problem]:
    """Active problems of the branch's meetings in 整改中 that have no item yet (what the
    committee still has to add a measure for) — one query, at most 50 shown."""
    has_item = RectificationItem.objects.filter(problem=OuterRef("pk"))
    return list(
        Problem.objects.manageable_by(user)
        .active()
        .filter(branch=branch, meeting__status=MeetingStatus.RECTIFYING)
        .filter(~Exists(has_item))
        .select_related("owner", "meeting")
        .order_by("-meeting__starts_at", "-is_committee", "owner__name", "pk")[
            :PROBLEMS_WITHOUT_ITEMS_SHOWN
        ]
    )


def overdue_by_member(*, branch: Organization) -> dict[Member, list[RectificationItem]]:
    """Overdue items of the branch grouped by the member who answers for them (the owner, or
    a committee item's lead) — for the interview (约谈) form. One query."""
    groups: dict[int, tuple[Member, list[RectificationItem]]] = {}
    rows = (
        RectificationItem.objects.filter(branch=branch)
        .overdue()
        .select_related("owner", "lead", "problem")
        .order_by("deadline", "pk")
    )
    for item in rows:
        member = item.lead if item.is_committee else item.owner
        groups.setdefault(member.pk, (member, []))[1].append(item)
    ordered = sorted(groups.values(), key=lambda g: (g[0].name, g[0].pk))
    return dict(ordered)


# --- a member's items, and what awaits sign-off --------------------------------------------------


MY_ITEMS_SHOWN = 20


def my_items(*, member: Member) -> list[RectificationItem]:
    """The member's unfinished items (as owner, or as a committee item's lead), the nearest
    deadline first — one query, at most 20."""
    return list(
        RectificationItem.objects.filter(Q(owner=member) | Q(lead=member, is_committee=True))
        .unfinished()
        .filter(meeting__problems_published_at__isnull=False)
        .select_related("problem", "meeting", "owner", "lead")
        .order_by("deadline", "pk")[:MY_ITEMS_SHOWN]
    )


def awaiting_signoff(*, user) -> QuerySet[RectificationItem]:
    """Items waiting for this user's sign-off: everything 待销号 below the organizations a
    supervisor oversees; members' items of her branch (not her own) for a secretary."""
    scope = scope_of(user)
    qs = RectificationItem.objects.filter(status=ItemStatus.AWAITING_SIGNOFF)
    if not scope.everything:
        q = branch_supervise_q(user, "branch")
        if scope.secretary_branch_id is not None:
            q |= Q(branch_id=scope.secretary_branch_id, is_committee=False) & ~Q(
                owner_id=scope.member_id
            )
        qs = qs.filter(q)
    return qs.select_related("problem", "owner", "lead", "branch").order_by("done_at", "pk")


# --- one item -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the item's history: an event, or a progress report with its evidence."""

    at: datetime.datetime
    kind: str
    label: str
    detail: str
    by: str
    progress: ProgressUpdate | None = None


@dataclass
class ItemDetail:
    item: RectificationItem
    timeline: list[TimelineEntry] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)

    @property
    def deadline_changed(self) -> bool:
        return self.item.deadline != self.item.original_deadline

    @property
    def status_label(self) -> str:
        return status_label(self.item)


def item_detail(*, item: RectificationItem) -> ItemDetail:
    """The item, its history (events and progress reports merged by time, oldest first)
    and its interviews — three queries."""
    events = (
        ItemEvent.objects.filter(item=item)
        .exclude(kind=EventKind.PROGRESS)  # shown from the progress rows themselves
        .select_related("by__member")
        .order_by("at", "pk")
    )
    progress = (
        ProgressUpdate.objects.filter(item=item)
        .select_related("by__member")
        .order_by("created_at", "pk")
    )
    entries = [
        (
            e.at,
            0,
            e.pk,
            TimelineEntry(
                at=e.at,
                kind=e.kind,
                label=str(e.get_kind_display()),
                detail=e.detail,
                by=user_label(e.by) if e.by_id else _("系统提示"),
            ),
        )
        for e in events
    ]
    entries += [
        (
            p.created_at,
            1,
            p.pk,
            TimelineEntry(
                at=p.created_at,
                kind=EventKind.PROGRESS,
                label=str(EventKind.PROGRESS.label),
                detail=p.text,
                by=user_label(p.by),
                progress=p,
            ),
        )
        for p in progress
    ]
    entries.sort(key=lambda e: e[:3])
    return ItemDetail(
        item=item,
        timeline=[e[3] for e in entries],
        interviews=list(item.interviews.order_by("-held_on", "-pk")),
    )


# --- publicity and export -----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicRow:
    """What the public ledger (公示) shows of an item — and nothing else."""

    problem: str
    measure: str
    owner: str
    deadline: datetime.date
    status: str
    overdue: bool


def public_ledger(*, branch: Organization) -> list[PublicRow]:
    """The branch's items of meetings whose problem list was published: the problem, the
    measure, the owner's name, the deadline and the status. Only those columns are read, so
    nothing private (progress, evidence, interviews, contacts, history, ids) can reach the
    page — one query."""
    today = timezone.localdate()
    rows = (
        RectificationItem.objects.filter(
            branch=branch, meeting__problems_published_at__isnull=False
        )
        .order_by(*ITEM_ORDER)
        .values_list(
            "problem__text",
            "measure",
            "is_committee",
            "owner__name",
            "lead__name",
            "deadline",
            "status",
        )
    )
    out = []
    for problem, measure, is_committee, owner, lead, deadline, status in rows:
        overdue = status in OPEN_STATUSES and deadline < today
        out.append(
            PublicRow(
                problem=problem,
                measure=measure,
                owner=(_("支部班子(牵头:%(name)s)") % {"name": lead} if is_committee else owner),
                deadline=deadline,
                status=_("逾期") if overdue else str(ItemStatus(status).label),
                overdue=overdue,
            )
        )
    return out


@dataclass(frozen=True)
class ExportRow:
    """One line of the ledger as exported and printed (序号 … 销号情况)."""

    number: int
    problem: str
    measure: str
    owner: str
    deadline: str
    progress: str
    sign_off: str
    overdue: bool
    due: datetime.date | None = None  # the deadline as a date (the .xlsx writes a date)
    due_note: str = ""  # "(原定 …)" when the deadline was moved

    def cells(self) -> list:
        return [
            self.number,
            self.problem,
            self.measure,
            self.owner,
            self.deadline,
            self.progress,
            self.sign_off,
        ]


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _progress_text(item: RectificationItem, today: datetime.date) -> str:
    status = status_label(item, today)
    if item.status in (ItemStatus.AWAITING_SIGNOFF, ItemStatus.SIGNED_OFF):
        text = _("已完成(%(d)s)") % {"d": _date(item.done_at)}
    else:
        text = status
    if item.last_progress_text:
        text += _(";最近进展(%(d)s):%(t)s") % {
            "d": _date(item.last_progress_on),
            "t": item.last_progress_text,
        }
    return text


def _sign_off_text(item: RectificationItem) -> str:
    if item.status == ItemStatus.SIGNED_OFF:
        return _("已销号(%(d)s,%(who)s)") % {
            "d": _date(item.signed_off_at),
            "who": user_label(item.signed_off_by),
        }
    if item.status == ItemStatus.AWAITING_SIGNOFF:
        return _("待销号")
    return _("未销号")


def ledger_rows_for_export(
    *, user, branch: Organization, filters: Mapping | None = None
) -> list[ExportRow]:
    """The ledger as the user sees it (with the same filters), one row per item in the
    ledger's order, for the .xlsx export and the print page — one query."""
    today = timezone.localdate()
    items = (
        ledger(user=user, branch=branch, filters=filters)
        .select_related("signed_off_by__member")
        .annotate(last_progress_text=_latest_progress("text"))
    )
    rows = []
    for number, item in enumerate(items, 1):
        note = ""
        if item.deadline != item.original_deadline:
            note = _("(原定 %(d)s)") % {"d": _date(item.original_deadline)}
        deadline = _date(item.deadline) + note
        rows.append(
            ExportRow(
                number=number,
                problem=item.problem.text,
                measure=item.measure,
                owner=item.owner_label,
                deadline=deadline,
                progress=_progress_text(item, today),
                sign_off=_sign_off_text(item),
                overdue=item.is_overdue(today),
                due=item.deadline,
                due_note=note,
            )
        )
    return rows
