"""Reads for 会中: the speaking order, attendance, the branch's previous meeting, and the
criticisms. Each read is a fixed number of queries, whatever the branch's size.

The report on the last rectification (通报上次整改情况) reads the ledger, so it lives in
``rectification.selectors.last_report``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count

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


# --- the branch's previous meeting (its report on rectification: rectification.selectors.last_report)


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
