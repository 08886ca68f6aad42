"""Reads for 会中: the speaking order, attendance, the report on the last meeting's
rectification, and the criticisms. Each read is a fixed number of queries, whatever the
branch's size.

The report on the last rectification (通报上次整改情况) is generated, never typed: the last
meeting's problems per owner now, and — once the ledger (整改台账) lands — how many of
them are done, open and overdue (``_ledger_progress``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import DraftStatus
from meetings.models import Attendee, Criticism, Draft, Meeting, Minutes
from meetings.models.meeting import HELD_STATUSES
from members.choices import Position
from members.models import Member

_POSITION_ORDER = {value: i for i, value in enumerate(Position.values)}


def order_key(member: Member) -> tuple:
    """The secretary, the rest of the committee by position (副书记, 组织委员, 宣传委员,
    纪检委员), then everyone else by name."""
    return (
        0 if member.position else 1,
        _POSITION_ORDER.get(member.position, 99),
        member.name,
        member.pk,
    )


# --- the speaking order (自我批评的顺序) ------------------------------------------------


_DRAFT_FIELDS = ("pk", "meeting_id", "author_id", "is_committee", "status", "written_statement")


@dataclass(frozen=True)
class Speaker:
    """One expected attendee in the order they speak, with what they read from."""

    index: int
    member: Member
    attendee: Attendee
    draft: Draft | None = None  # their own draft, if started
    committee_draft: Draft | None = None  # the secretary speaks for the committee first

    @property
    def present(self) -> bool | None:
        return self.attendee.present

    @property
    def draft_approved(self) -> bool:
        return self.draft is not None and self.draft.status == DraftStatus.APPROVED

    @property
    def written(self) -> bool:
        """A written statement (书面发言), read out by someone else."""
        return self.draft is not None and self.draft.written_statement


def speaking_order(*, meeting: Meeting) -> list[Speaker]:
    """Every expected attendee in speaking order, each with their draft (status and
    whether it is a written statement only; the text is not loaded). Two queries."""
    attendees = list(Attendee.objects.filter(meeting=meeting).select_related("member").order_by())
    attendees.sort(key=lambda a: order_key(a.member))
    own: dict[int, Draft] = {}
    committee: Draft | None = None
    for draft in Draft.objects.filter(meeting=meeting).only(*_DRAFT_FIELDS).order_by():
        if draft.is_committee:
            committee = draft
        else:
            own[draft.author_id] = draft
    return [
        Speaker(
            index=i,
            member=a.member,
            attendee=a,
            draft=own.get(a.member_id),
            committee_draft=committee if a.member.position == Position.SECRETARY else None,
        )
        for i, a in enumerate(attendees, 1)
    ]


def openable_draft_ids(*, user, meeting: Meeting) -> set[int]:
    """The drafts of the meeting the user may open (drafts stay private: see
    ``DraftQuerySet.visible_to``). One query."""
    return set(Draft.objects.visible_to(user).filter(meeting=meeting).values_list("pk", flat=True))


def next_critic(
    *, order: Sequence[Speaker], target_id: int, done_ids: Sequence[int], last_id: int | None
) -> int | None:
    """Whom the secretary most likely types next for ``target_id``: going round the table
    after the last critic, the first person not absent who has not yet spoken about the
    target. Pure."""
    ids = [
        s.member.pk for s in order if s.member.pk != target_id and s.attendee.present is not False
    ]
    if not ids:
        return None
    start = ids.index(last_id) + 1 if last_id in ids else 0
    ring = ids[start:] + ids[:start]
    done = set(done_ids)
    return next((pk for pk in ring if pk not in done), ring[0])


# --- attendance (应到 / 实到) -----------------------------------------------------------


@dataclass
class AttendanceSummary:
    expected: int = 0
    present: int = 0
    absent: list[Attendee] = field(default_factory=list)  # with absence_reason
    unrecorded: int = 0
    upper_org_attends: bool = False
    upper_attendee: str = ""

    @property
    def recorded(self) -> bool:
        return self.expected > 0 and self.unrecorded == 0


def attendance_summary(
    *, meeting: Meeting, speakers: Sequence[Speaker] | None = None
) -> AttendanceSummary:
    """应到, 实到, 缺席 with reasons, and how many are not yet recorded. One query, or none
    when the speaking order (which holds the same rows) is passed in."""
    if speakers is None:
        attendees = list(
            Attendee.objects.filter(meeting=meeting).select_related("member").order_by()
        )
    else:
        attendees = [s.attendee for s in speakers]
    summary = AttendanceSummary(
        upper_org_attends=meeting.upper_org_attends, upper_attendee=meeting.upper_attendee
    )
    for a in attendees:
        summary.expected += 1
        if a.present is True:
            summary.present += 1
        elif a.present is False:
            summary.absent.append(a)
        else:
            summary.unrecorded += 1
    summary.absent.sort(key=lambda a: order_key(a.member))
    return summary


# --- 通报上次整改情况 -------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One owner's problems from the last meeting. ``done``/``open``/``overdue`` come from
    the ledger and are None until it exists."""

    owner_label: str
    total: int
    done: int | None = None
    open: int | None = None
    overdue: int | None = None
    owner_id: int | None = None  # None for the committee (支部班子)


@dataclass(frozen=True)
class RectificationReport:
    previous: Meeting | None
    rows: list[ReportRow]
    from_ledger: bool

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The branch's most recent earlier meeting that was held. One query."""
    return (
        Meeting.objects.filter(
            branch_id=meeting.branch_id,
            status__in=[s.value for s in HELD_STATUSES],
            starts_at__lt=meeting.starts_at,
        )
        .exclude(pk=meeting.pk)
        .order_by("-starts_at", "-pk")
        .first()
    )


OwnerKey = int | None  # a member's id; None for the committee


def _ledger_progress(previous: Meeting) -> dict[OwnerKey, tuple[int, int, int]] | None:
    """Per owner (done, open, overdue) items of the previous meeting's rectification ledger
    (整改台账), in one aggregate query. None when the previous meeting has no ledger yet
    (then the report shows the problem counts alone)."""
    from django.db.models import Q

    from rectification.models import RectificationItem

    today = timezone.localdate()
    rows = (
        RectificationItem.objects.filter(meeting=previous)
        .values("is_committee", "owner_id")
        .annotate(
            done=Count("pk", filter=Q(status="signed_off")),
            open=Count("pk", filter=~Q(status="signed_off")),
            overdue=Count(
                "pk", filter=Q(status__in=["not_started", "in_progress"], deadline__lt=today)
            ),
        )
        .order_by()
    )
    progress = {
        (None if r["is_committee"] else r["owner_id"]): (r["done"], r["open"], r["overdue"])
        for r in rows
    }
    return progress or None


def last_rectification_report(*, meeting: Meeting) -> RectificationReport:
    """The last meeting's problems per owner (the committee first, then members in
    speaking order), merged duplicates left out; with the ledger's progress when it
    exists. Two queries (three once the ledger lands)."""
    from rectification.models import Problem

    previous = previous_meeting(meeting=meeting)
    if previous is None:
        return RectificationReport(previous=None, rows=[], from_ledger=False)
    groups = (
        Problem.objects.filter(meeting=previous, merged_into__isnull=True)
        .values("is_committee", "owner_id", "owner__name", "owner__position")
        .annotate(total=Count("pk"))
        .order_by()
    )
    progress = _ledger_progress(previous)
    rows = []
    for g in sorted(
        groups,
        key=lambda g: (
            not g["is_committee"],
            0 if g["owner__position"] else 1,
            _POSITION_ORDER.get(g["owner__position"] or "", 99),
            g["owner__name"] or "",
            g["owner_id"] or 0,
        ),
    ):
        key = None if g["is_committee"] else g["owner_id"]
        done = open_ = overdue = None
        if progress is not None:
            done, open_, overdue = progress.get(key, (0, 0, 0))
        rows.append(
            ReportRow(
                owner_label=str(_("支部班子")) if g["is_committee"] else g["owner__name"],
                total=g["total"],
                done=done,
                open=open_,
                overdue=overdue,
                owner_id=key,
            )
        )
    return RectificationReport(previous=previous, rows=rows, from_ledger=progress is not None)


def rectification_report_text(report: RectificationReport) -> str:
    """The report as a few lines for the minutes (会议记录 · 上次整改情况通报要点)."""
    if report.previous is None:
        return _("本支部此前没有已召开的组织生活会,无上次整改情况。")
    when = timezone.localtime(report.previous.starts_at).strftime("%Y-%m-%d")
    head = _("上次组织生活会(%(when)s,%(theme)s)") % {
        "when": when,
        "theme": report.previous.theme,
    }
    if not report.rows:
        return head + _("未形成问题清单。")
    lines = [head + _("问题清单共 %(n)d 个问题:") % {"n": report.total}]
    for row in report.rows:
        if report.from_ledger:
            lines.append(
                _(
                    "%(owner)s:问题 %(total)d 个,已完成 %(done)d 个,未完成 %(open)d 个,逾期 %(overdue)d 个。"
                )
                % {
                    "owner": row.owner_label,
                    "total": row.total,
                    "done": row.done,
                    "open": row.open,
                    "overdue": row.overdue,
                }
            )
        else:
            lines.append(
                _("%(owner)s:问题 %(total)d 个。") % {"owner": row.owner_label, "total": row.total}
            )
    if not report.from_ledger:
        lines.append(_("整改完成情况将由整改台账自动生成。"))
    return "\n".join(lines)


# --- criticism of each other ----------------------------------------------------------


def criticisms_by_target(*, meeting: Meeting) -> dict[int, list[Criticism]]:
    """Every criticism of the meeting, grouped by whom it was about, in the order entered,
    with the critic and the target loaded. One query."""
    grouped: dict[int, list[Criticism]] = defaultdict(list)
    for c in (
        Criticism.objects.filter(meeting=meeting)
        .select_related("critic", "target")
        .order_by("target_id", "pk")
    ):
        grouped[c.target_id].append(c)
    return dict(grouped)


def criticisms_of(*, meeting: Meeting, target: Member) -> list[Criticism]:
    """The criticisms of one member at the meeting, in the order entered. One query."""
    return list(
        Criticism.objects.filter(meeting=meeting, target=target)
        .select_related("critic")
        .order_by("pk")
    )


def criticism_counts(*, meeting: Meeting) -> dict[int, int]:
    """How many criticisms each member received. One query."""
    return dict(
        Criticism.objects.filter(meeting=meeting)
        .values("target_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("target_id", "n")
    )


def minutes_of(*, meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("host", "recorder").first()
