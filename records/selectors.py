"""Reads for the member's record (党员组织生活纪实) and the supervisor's subtree query.

The record is read in a fixed number of queries, whatever the number of meetings and
items: one per kind of row (attendance, drafts, problems, items, grades, talks, exports),
each filtered by the member and by the part's own visibility rule. Nothing is read from
the anonymous tables (``AnonymousOpinion``) or the secret ballot (``Ballot``,
``BallotMark``, ``VoteReceipt``, ``SelfAssessment``); the grade is the committee's final
``EvaluationResult`` only, once the evaluation is finalized. A problem the secretary took
from an anonymous opinion is shown by its category and source, without its text.

Transfers (组织关系转接): a transfer closes the member's row in the old branch and opens one
in the new (``members.services.member_transfer``); every later row points at the first
through ``Member.origin``. The record of a row covers that row and the person's earlier
rows — every meeting of their branches for the time they were there — read with
``member_id IN (…)`` in the same queries, plus one query for the transfers themselves (none
for a member never transferred). A problem or item of the record is shown if the viewer's
own ledger rule shows it, or once its meeting's list was published within its branch: who
may see the record may see what the branch's members saw.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField as BooleanValue
from django.db.models import Case, Count, F, Max, Min, OuterRef, Q, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import DraftStatus, EvaluationStatus, Grade, MeetingStatus
from meetings.models import Attendee, Draft, DraftVersion, EvaluationResult, Meeting, Talk
from meetings.models.meeting import HELD_STATUSES
from meetings.querysets import draft_q
from members.models import Member, MemberTransfer, Organization
from members.querysets import branch_manage_q
from records.models import RecordExport
from records.querysets import record_q
from rectification.choices import OPEN_STATUSES, UNFINISHED_STATUSES, ItemStatus, ProblemSource
from rectification.models import Problem, RectificationItem

EXPORTS_SHOWN = 20
BELOW_QUALIFIED = (Grade.BASIC, Grade.UNQUALIFIED)
_HELD = [s.value for s in HELD_STATUSES]


def record_members(*, user):
    """The members whose record the user may see (``Member`` queryset)."""
    return Member.objects.filter(record_q(user))


def person_label(user) -> str:
    """A user as people know them: the member's name, else the account's full name, else
    the role (never the login)."""
    if user is None:
        return _("系统")
    member = getattr(user, "member", None)
    if member is not None:
        return member.name
    return user.get_full_name() or _("上级党组织")


# --- the record ------------------------------------------------------------------------------


@dataclass
class DraftRow:
    pk: int
    status: str
    status_label: str
    on_time: bool | None  # None: never submitted
    returned: int
    readable: bool


@dataclass
class ItemRow:
    item: RectificationItem
    overdue_days: int
    interviews: int
    last_interview: datetime.date | None
    signed_off_by: str

    @property
    def recurring(self) -> bool:
        return self.item.recurring_of_id is not None

    @property
    def as_lead(self) -> bool:
        """A committee item (班子整改事项) the member leads (牵头), not one they own."""
        return self.item.is_committee


@dataclass
class ProblemRow:
    problem: Problem
    text: str | None  # None: taken from an anonymous opinion, not shown


@dataclass
class TalkRow:
    held_on: datetime.date
    other: str
    topic: str
    outcome: str


@dataclass
class MeetingRecord:
    meeting: Meeting
    attendance: Attendee | None = None
    draft: DraftRow | None = None
    problems: list[ProblemRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    grade: EvaluationResult | None = None
    talks: list[TalkRow] = field(default_factory=list)
    elsewhere: bool = False  # a meeting of an earlier branch (before a transfer)

    @property
    def held(self) -> bool:
        return self.meeting.status in _HELD

    @property
    def attendance_label(self) -> str:
        return attendance_label(self.attendance, held=self.held)


def attendance_label(attendance: Attendee | None, *, held: bool) -> str:
    if attendance is None:
        return _("不在应到名单")
    if attendance.present is True:
        return _("出席")
    if attendance.present is False:
        if attendance.absence_reason:
            return _("缺席(%(r)s)") % {"r": attendance.absence_reason}
        return _("缺席(未说明原因)")
    return _("未记录") if held else _("未召开")


@dataclass
class YearSummary:
    year: int
    line: str


@dataclass
class Record:
    member: Member
    today: datetime.date
    meetings: list[MeetingRecord]
    years: list[YearSummary]
    sources: list[tuple[str, int]]
    recurring: list[ItemRow]
    exports: list[RecordExport]
    exports_more: bool
    transfers: list[MemberTransfer] = field(default_factory=list)

    @property
    def items(self) -> list[ItemRow]:
        return [row for m in self.meetings for row in m.items]

    @property
    def own_items(self) -> list[ItemRow]:
        """Items the member is responsible for (责任人), not committee items they lead."""
        return [row for row in self.items if not row.as_lead]

    @property
    def is_clean(self) -> bool:
        """Nothing to flag: no overdue or recurring item, no grade below 合格, no absence
        without a reason."""
        for m in self.meetings:
            if m.grade is not None and m.grade.grade in BELOW_QUALIFIED:
                return False
            a = m.attendance
            if m.held and a is not None and a.present is False and not a.absence_reason:
                return False
            if any(r.overdue_days > 0 or r.recurring for r in m.items if not r.as_lead):
                return False
        return True


def _draft_rows(*, rows: list[int], viewer) -> list[tuple[int, DraftRow]]:
    first = DraftVersion.objects.filter(draft=OuterRef("pk"), number=1).values("submitted_at")[:1]
    drafts = (
        Draft.objects.filter(author_id__in=rows, is_committee=False)
        .annotate(
            first_submitted=Subquery(first),
            readable=Case(
                When(draft_q(viewer), then=True), default=False, output_field=BooleanValue()
            ),
            meeting_starts=F("meeting__starts_at"),
        )
        .only("pk", "meeting_id", "status", "version")
    )
    rows = []
    for d in drafts:
        returned = max(0, d.version - 1) + (1 if d.status == DraftStatus.RETURNED else 0)
        on_time = None
        if d.first_submitted is not None:
            on_time = d.first_submitted <= d.meeting_starts
        rows.append(
            (
                d.meeting_id,
                DraftRow(
                    pk=d.pk,
                    status=d.status,
                    status_label=str(DraftStatus(d.status).label),
                    on_time=on_time,
                    returned=returned,
                    readable=bool(d.readable),
                ),
            )
        )
    return rows


def published_or_visible(model, viewer):
    """The record's rule for problems and items: what the viewer's own ledger rule shows,
    and whatever was published within its branch (the viewer may see the record; the
    member's earlier branches are not the viewer's branch)."""
    # ``visible_to`` of problems and items is "managed, or published within the viewer's
    # branch"; widened to "published" anywhere, it reads:
    return model.objects.filter(
        branch_manage_q(viewer, "branch") | Q(meeting__problems_published_at__isnull=False)
    )


def _item_rows(*, rows: list[int], viewer, today: datetime.date) -> list[ItemRow]:
    """The member's items (责任人) and the committee items they lead (牵头)."""
    items = (
        published_or_visible(RectificationItem, viewer)
        .filter(Q(owner_id__in=rows, is_committee=False) | Q(lead_id__in=rows, is_committee=True))
        .select_related("meeting__branch", "signed_off_by__member", "recurring_of__meeting")
        .annotate(n_interviews=Count("interviews"), last_interview=Max("interviews__held_on"))
        .order_by("deadline", "pk")
    )
    rows = []
    for item in items:
        overdue = (today - item.deadline).days if item.is_overdue(today) else 0
        rows.append(
            ItemRow(
                item=item,
                overdue_days=overdue,
                interviews=item.n_interviews,
                last_interview=item.last_interview,
                signed_off_by=(
                    person_label(item.signed_off_by) if item.status == ItemStatus.SIGNED_OFF else ""
                ),
            )
        )
    return rows


def _talk_rows(*, rows: list[int]) -> list[tuple[int, TalkRow]]:
    talks = (
        Talk.objects.filter(
            Q(member_a_id__in=rows) | Q(member_b_id__in=rows), held_on__isnull=False
        )
        .select_related("member_a", "member_b")
        .order_by("held_on", "pk")
    )
    return [
        (
            t.meeting_id,
            TalkRow(
                held_on=t.held_on,
                other=(t.member_b if t.member_a_id in rows else t.member_a).name,
                topic=t.topic,
                outcome=t.outcome,
            ),
        )
        for t in talks
    ]


def member_record(*, member: Member, viewer, today: datetime.date | None = None) -> Record:
    """The member's record as ``viewer`` (who may see it: the caller checked) sees it,
    with the person's earlier branches (transfers). Seven queries (eight when a draft or
    talk belongs to a meeting without an attendance row, one more for a transferred
    member), whatever the number of meetings and items."""
    today = today or timezone.localdate()
    by_meeting: dict[int, MeetingRecord] = {}

    def row(meeting: Meeting) -> MeetingRecord:
        if meeting.pk not in by_meeting:
            by_meeting[meeting.pk] = MeetingRecord(
                meeting=meeting, elsewhere=meeting.branch_id != member.branch_id
            )
        return by_meeting[meeting.pk]

    # 0. the person's earlier rows, through the transfers (no query if never transferred)
    transfers = person_transfers(member=member)
    rows = [member.pk, *(t.earlier_id for t in transfers)]
    # 1. attendance, and with it the meetings the member was expected at
    for a in Attendee.objects.filter(member_id__in=rows).select_related("meeting__branch"):
        row(a.meeting).attendance = a
    # 2. drafts: existence, status, timing, returns — never their text
    drafts = _draft_rows(rows=rows, viewer=viewer)
    # 3. problems (the list as the viewer may see it, or as it was published)
    problems = list(
        published_or_visible(Problem, viewer)
        .filter(merged_into__isnull=True)
        .filter(owner_id__in=rows, is_committee=False)
        .select_related("meeting__branch")
        .order_by("pk")
    )
    for p in problems:
        shown = None if p.anonymous_opinion_id is not None else p.text
        row(p.meeting).problems.append(ProblemRow(problem=p, text=shown))
    # 4. items, with 约谈 and sign-off
    items = _item_rows(rows=rows, viewer=viewer, today=today)
    for r in items:
        row(r.item.meeting).items.append(r)
    # 5. the committee's final grade (never a ballot)
    grades = EvaluationResult.objects.filter(
        member_id__in=rows, evaluation__status=EvaluationStatus.FINALIZED
    ).select_related("evaluation__meeting__branch")
    for g in grades:
        row(g.evaluation.meeting).grade = g
    # 6. heart-to-heart talks held
    talks = _talk_rows(rows=rows)
    # drafts and talks of meetings not met above: one more query for those meetings
    meetings_needed = {mid for mid, _r in drafts + talks if mid not in by_meeting}
    if meetings_needed:
        for m in Meeting.objects.filter(pk__in=meetings_needed).select_related("branch"):
            row(m)
    for mid, d in drafts:
        by_meeting[mid].draft = d
    for mid, t in talks:
        by_meeting[mid].talks.append(t)
    # 7. who exported this record
    exports = list(
        RecordExport.objects.filter(member_id__in=rows).order_by("-at", "-pk")[: EXPORTS_SHOWN + 1]
    )
    meetings = sorted(
        (m for m in by_meeting.values() if m.meeting.status != MeetingStatus.CANCELLED),
        key=lambda m: (m.meeting.starts_at, m.meeting.pk),
        reverse=True,
    )
    counts = Counter(r.problem.source for m in meetings for r in m.problems)
    sources = [(str(label), counts[value]) for value, label in ProblemSource.choices]
    return Record(
        member=member,
        today=today,
        meetings=meetings,
        years=year_summaries(meetings),
        sources=sources,
        recurring=[r for m in meetings for r in m.items if r.recurring],
        exports=exports[:EXPORTS_SHOWN],
        exports_more=len(exports) > EXPORTS_SHOWN,
        transfers=transfers,
    )


def person_transfers(*, member: Member) -> list[MemberTransfer]:
    """The transfers that led to this row of the person, oldest first (each with its
    earlier row and branches): one query, none for a member never transferred."""
    if member.origin_id is None:
        return []
    return list(
        MemberTransfer.objects.filter(
            Q(earlier_id=member.origin_id) | Q(earlier__origin_id=member.origin_id),
            member_id__lte=member.pk,
        )
        .select_related("from_branch", "to_branch")
        .order_by("transferred_on", "pk")
    )


def year_summaries(meetings: list[MeetingRecord]) -> list[YearSummary]:
    """One line per year of meetings, newest first:
    "2026:出席;问题 3 项,已销号 2 项,逾期 1 项;评议:合格"."""
    years: dict[int, list[MeetingRecord]] = defaultdict(list)
    for m in meetings:
        years[timezone.localtime(m.meeting.starts_at).year].append(m)
    out = []
    for year in sorted(years, reverse=True):
        rows = [m for m in years[year] if m.held]
        if not rows:
            continue
        present = sum(1 for m in rows if m.attendance and m.attendance.present is True)
        absent = [m for m in rows if m.attendance and m.attendance.present is False]
        if absent and not present:
            parts = [
                _("缺席")
                if all(m.attendance.absence_reason for m in absent)
                else _("缺席(未说明原因)")
            ]
        elif absent:
            parts = [_("出席 %(p)d 次、缺席 %(a)d 次") % {"p": present, "a": len(absent)}]
        elif present:
            parts = [_("出席") if present == 1 else _("出席 %(p)d 次") % {"p": present}]
        else:
            parts = [_("考勤未记录")]
        problems = sum(len(m.problems) for m in rows)
        items = [r for m in rows for r in m.items if not r.as_lead]
        signed = sum(1 for r in items if r.item.status == ItemStatus.SIGNED_OFF)
        overdue = sum(1 for r in items if r.overdue_days > 0)
        figures = _("问题 %(n)d 项,已销号 %(s)d 项,逾期 %(o)d 项") % {
            "n": problems,
            "s": signed,
            "o": overdue,
        }
        recurring = sum(1 for r in items if r.recurring)
        if recurring:
            figures += _(",屡改屡在 %(r)d 项") % {"r": recurring}
        parts.append(figures)
        graded = [m.grade for m in rows if m.grade is not None]
        parts.append(
            _("评议:%(g)s") % {"g": graded[0].get_grade_display()} if graded else _("评议:无")
        )
        out.append(YearSummary(year=year, line=f"{year}:" + ";".join(str(p) for p in parts)))
    return out


# --- the supervisor's subtree query ----------------------------------------------------------


class Condition:
    OVERDUE = "overdue"
    OPEN_OLDER = "open_older"
    RECURRING = "recurring"
    GRADE = "grade"
    ABSENT = "absent"


def condition_choices() -> list[tuple[str, str]]:
    return [
        (Condition.OVERDUE, _("有逾期整改事项")),
        (Condition.OPEN_OLDER, _("有超过 N 天未销号的整改事项")),
        (Condition.RECURRING, _("有屡改屡在的问题")),
        (Condition.GRADE, _("民主评议为基本合格或不合格")),
        (Condition.ABSENT, _("无故缺席组织生活会")),
    ]


@dataclass(frozen=True)
class Cursor:
    """Keyset position: the last row's branch path and member id."""

    path: str
    member_id: int

    def encode(self) -> str:
        return f"{self.path}.{self.member_id}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        if not value or "." not in value or len(value) > 300:
            return None
        path, _sep, pk = value.rpartition(".")
        alphabet = set(Organization.alphabet)
        if not path or any(c not in alphabet for c in path) or not pk.isdigit() or len(pk) > 12:
            return None
        return cls(path, int(pk))


@dataclass
class Match:
    member: Member
    branch_name: str
    reason: str
    moved: MemberTransfer | None = None  # the row was closed by a transfer (已转出)

    @property
    def record_member_id(self) -> int:
        """Whose record to open: after a transfer, the row in the new branch (its record
        includes this branch's part)."""
        return self.moved.member_id if self.moved is not None else self.member.pk


@dataclass
class MatchPage:
    rows: list[Match]
    next_cursor: Cursor | None


def subtree_range(path: str) -> tuple[str, str]:
    """Every path in the subtree lies in [path, path + "ZZ…"]: a range the unique index on
    ``Organization.path`` answers, whatever the database's collation."""
    width = Organization._meta.get_field("path").max_length
    return path, path + Organization.alphabet[-1] * (width - len(path))


def _grouped(condition: str, *, org_path: str, today: datetime.date, days: int):
    """(queryset of rows ``path``, ``who`` (the member id); its figures, grouped per member;
    the name of the member FK) for one condition over the subtree.

    A row counts where it happened: an item in the branch of its ledger, a grade or an
    absence in the branch of its meeting. Every condition is a range over the subtree's
    branch paths into an index that holds (or leads with the branch and filters to) only
    matching rows: ``item_branch_status`` (overdue, open), ``item_owner_recurring``,
    ``result_below_qualified``, ``attendee_absent_no_reason``."""
    lo, hi = subtree_range(org_path)
    if condition in (Condition.OVERDUE, Condition.OPEN_OLDER, Condition.RECURRING):
        qs = RectificationItem.objects.filter(
            branch__path__range=(lo, hi), is_committee=False, owner__isnull=False
        )
        if condition == Condition.OVERDUE:
            qs = qs.filter(status__in=[s.value for s in OPEN_STATUSES], deadline__lt=today)
            figures = {"n": Count("pk"), "oldest": Min("deadline")}
        elif condition == Condition.OPEN_OLDER:
            since = timezone.now() - datetime.timedelta(days=days)
            qs = qs.filter(status__in=[s.value for s in UNFINISHED_STATUSES], created_at__lt=since)
            figures = {"n": Count("pk"), "oldest": Min("created_at")}
        else:
            qs = qs.filter(recurring_of__isnull=False)
            figures = {
                "n": Count("pk"),
                "open": Count("pk", filter=~Q(status=ItemStatus.SIGNED_OFF)),
            }
        return qs.values(path=F("branch__path"), who=F("owner_id")), figures, "owner"
    if condition == Condition.GRADE:
        # the branches of the subtree (a range), into the partial index
        # ``result_below_qualified`` (branch, member): only rows graded below 合格 are read
        qs = EvaluationResult.objects.filter(
            branch__path__range=(lo, hi),
            grade__in=[g.value for g in BELOW_QUALIFIED],
            evaluation__status=EvaluationStatus.FINALIZED,
        )
        figures = {
            "basic": Count("pk", filter=Q(grade=Grade.BASIC)),
            "unqualified": Count("pk", filter=Q(grade=Grade.UNQUALIFIED)),
            "latest": Max("evaluation__meeting__starts_at"),
        }
        column = "branch__path"
        return qs.values(path=F(column), who=F("member_id")), figures, "member"
    if condition == Condition.ABSENT:
        qs = Attendee.objects.filter(
            meeting__branch__path__range=(lo, hi),
            meeting__status__in=_HELD,
            present=False,
            absence_reason="",
        )
        figures = {"n": Count("pk"), "latest": Max("meeting__starts_at")}
        column = "meeting__branch__path"
        return qs.values(path=F(column), who=F("member_id")), figures, "member"
    raise ValueError(condition)


def _reason(condition: str, row: dict, *, today: datetime.date, days: int) -> str:
    if condition == Condition.OVERDUE:
        return _("逾期整改事项 %(n)d 项,最长逾期 %(d)d 天") % {
            "n": row["n"],
            "d": (today - row["oldest"]).days,
        }
    if condition == Condition.OPEN_OLDER:
        return _("超过 %(days)d 天未销号的整改事项 %(n)d 项(最早 %(on)s 建立)") % {
            "days": days,
            "n": row["n"],
            "on": f"{timezone.localdate(row['oldest']):%Y-%m-%d}",
        }
    if condition == Condition.RECURRING:
        return _("屡改屡在 %(n)d 项,其中未销号 %(o)d 项") % {"n": row["n"], "o": row["open"]}
    if condition == Condition.GRADE:
        parts = []
        if row["unqualified"]:
            parts.append(_("不合格 %(n)d 次") % {"n": row["unqualified"]})
        if row["basic"]:
            parts.append(_("基本合格 %(n)d 次") % {"n": row["basic"]})
        return _("民主评议:%(g)s(最近 %(on)s)") % {
            "g": "、".join(str(p) for p in parts),
            "on": f"{timezone.localtime(row['latest']):%Y-%m-%d}",
        }
    return _("无故缺席 %(n)d 次(最近 %(on)s)") % {
        "n": row["n"],
        "on": f"{timezone.localtime(row['latest']):%Y-%m-%d}",
    }


def _moved(member: Member, reason: str) -> str:
    moved = getattr(member, "transfer_out", None)
    if moved is None:
        return reason
    return reason + _(";%(d)s 已转至 %(b)s") % {
        "d": f"{moved.transferred_on:%Y-%m-%d}",
        "b": moved.to_branch.name,
    }


def subtree_matches(
    *,
    org: Organization,
    condition: str,
    after: Cursor | None = None,
    limit: int = 50,
    days: int = 90,
    today: datetime.date | None = None,
) -> MatchPage:
    """One page of the members under ``org`` (which the caller checked is in the user's
    scope) who match ``condition``, in (branch path, member id) order, with the reason per
    person. Keyset-paginated: two queries per page, no COUNT over the subtree.

    A row counts in the branch where it happened (see ``_grouped``): a member who has left
    a branch beneath ``org`` (组织关系转接) is listed with what happened there, marked 已转至
    and linked to their current record (``Match.record_member_id``)."""
    today = today or timezone.localdate()
    qs, figures, who = _grouped(condition, org_path=org.path, today=today, days=days)
    if after is not None:
        qs = qs.filter(path__gte=after.path).filter(
            Q(path__gt=after.path) | Q(**{f"{who}_id__gt": after.member_id})
        )
    rows = list(qs.annotate(**figures).order_by("path", "who")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    members = Member.objects.select_related("branch", "transfer_out__to_branch").in_bulk(
        [r["who"] for r in rows]
    )
    out = [
        Match(
            member=members[r["who"]],
            branch_name=members[r["who"]].branch.name,
            reason=_moved(members[r["who"]], _reason(condition, r, today=today, days=days)),
            moved=getattr(members[r["who"]], "transfer_out", None),
        )
        for r in rows
        if r["who"] in members
    ]
    last = rows[-1] if more and rows else None
    return MatchPage(rows=out, next_cursor=Cursor(last["path"], last["who"]) if last else None)
