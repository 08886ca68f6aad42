"""Reads for 谈心谈话: the coverage matrix, a member's own talks, readiness.

Every read here is a fixed number of queries, whatever the branch's size: the coverage
matrix of a 50-member branch is two queries (the people, the talks) and the rest is
arithmetic in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, TalkRule
from meetings.models import Attendee, Meeting, Talk
from meetings.talk_rules import Pair, Person, pair_key, plan_changes, required_pairs
from members.choices import Position
from members.models import Member

OPEN_STATUSES = (MeetingStatus.PLANNING, MeetingStatus.PREPARING)
_POSITION_ORDER = {value: i for i, value in enumerate(Position.values)}
_RULE_ORDER = {value: i for i, value in enumerate(TalkRule.values)}


def _involving(member_id: int) -> Q:
    return Q(member_a_id=member_id) | Q(member_b_id=member_id)


def expected_members(*, meeting: Meeting) -> list[Member]:
    """The meeting's expected attendees on the active roster: the secretary, the rest of
    the committee by position, then everyone else by name. One query."""
    members = Member.objects.filter(attendances__meeting=meeting, is_active=True)
    return sorted(
        members,
        key=lambda m: (
            0 if m.position else 1,
            _POSITION_ORDER.get(m.position, 99),
            m.name,
            m.pk,
        ),
    )


# --- the member's side ------------------------------------------------------------------


def pending_talks_for_member(*, member: Member) -> list[Talk]:
    """Required talks the member has still to hold, in meetings of their branch that are in
    筹备/会前准备. ``talk.other(member.pk)`` is the partner (loaded with the talk)."""
    return list(
        Talk.objects.filter(
            _involving(member.pk),
            required=True,
            held_on__isnull=True,
            meeting__branch_id=member.branch_id,
            meeting__status__in=OPEN_STATUSES,
        )
        .select_related("member_a", "member_b")
        .order_by("meeting__starts_at", "meeting_id", "rule", "pk")
    )


@dataclass(frozen=True)
class OwnTalk:
    talk: Talk
    partner: Member


@dataclass
class OwnTalks:
    """A member's talks in one meeting: required ones still to hold, and those held."""

    pending: list[OwnTalk] = field(default_factory=list)
    held: list[OwnTalk] = field(default_factory=list)


def talks_of_member(*, user, meeting: Meeting, member: Member) -> OwnTalks:
    """The member's own talks in the meeting, as the user may see them. One query."""
    talks = (
        Talk.objects.visible_to(user)
        .filter(_involving(member.pk), meeting=meeting)
        .filter(Q(required=True) | Q(held_on__isnull=False))
        .select_related("member_a", "member_b")
        .order_by()
    )
    own = OwnTalks()
    for talk in talks:
        item = OwnTalk(talk=talk, partner=talk.other(member.pk))
        (own.held if talk.is_held else own.pending).append(item)
    own.pending.sort(key=lambda t: (_RULE_ORDER.get(t.talk.rule, 9), t.partner.name, t.partner.pk))
    own.held.sort(key=lambda t: (t.talk.held_on, t.talk.pk), reverse=True)
    return own


# --- the committee's side ---------------------------------------------------------------

HELD, OPTIONAL, PENDING, SELF, NONE = "held", "optional", "pending", "self", ""


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: the state of the pair (row member, column member)."""

    other: Member
    state: str
    talk: Talk | None = None


@dataclass
class Row:
    index: int
    member: Member
    cells: list[Cell]
    pending: list[Member]  # required partners not yet talked with
    done: int  # talks held (required or not)


@dataclass
class TalkCoverage:
    members: list[Member]
    talks: dict[Pair, Talk]
    rows: list[Row]
    required: int
    required_held: int
    optional_held: int
    plan_outdated: bool
    peer_count: int

    @property
    def plan_generated(self) -> bool:
        return self.required > 0

    @property
    def done(self) -> bool:
        return self.plan_generated and self.required == self.required_held

    @property
    def pending_rows(self) -> list[Row]:
        return [row for row in self.rows if row.pending]

    def talk(self, x: int, y: int) -> Talk | None:
        return self.talks.get(pair_key(x, y))


def coverage_matrix(*, meeting: Meeting) -> TalkCoverage:
    """Who has talked with whom: the people in order, every pair's talk, and per member the
    partners still to talk with. Two queries for any branch size."""
    members = expected_members(meeting=meeting)
    talks = {
        (t.member_a_id, t.member_b_id): t for t in Talk.objects.filter(meeting=meeting).order_by()
    }

    rows: list[Row] = []
    for index, member in enumerate(members, 1):
        cells: list[Cell] = []
        pending: list[Member] = []
        done = 0
        for other in members:
            if other.pk == member.pk:
                cells.append(Cell(other=other, state=SELF))
                continue
            talk = talks.get(pair_key(member.pk, other.pk))
            if talk is None:
                state = NONE
            elif talk.is_held:
                state = HELD if talk.required else OPTIONAL
                done += 1
            elif talk.required:
                state = PENDING
                pending.append(other)
            else:
                state = NONE
            cells.append(Cell(other=other, state=state, talk=talk))
        rows.append(Row(index=index, member=member, cells=cells, pending=pending, done=done))

    required = [t for t in talks.values() if t.required]
    wanted = required_pairs(
        [Person(id=m.pk, position=m.position) for m in members], meeting.talk_peer_count
    )
    return TalkCoverage(
        members=members,
        talks=talks,
        rows=rows,
        required=len(required),
        required_held=sum(1 for t in required if t.is_held),
        optional_held=sum(1 for t in talks.values() if not t.required and t.is_held),
        plan_outdated=bool(required) and bool(plan_changes(wanted=wanted, existing=talks)),
        peer_count=meeting.talk_peer_count,
    )


def talks_readiness(*, meeting: Meeting) -> tuple[bool, str]:
    """Done once the plan exists (at least one required talk) and every required talk is
    held. One query."""
    counts = Talk.objects.filter(meeting=meeting, required=True).aggregate(
        total=Count("pk"), held=Count("pk", filter=Q(held_on__isnull=False))
    )
    total, held = counts["total"], counts["held"]
    if not total:
        return False, _("尚未生成谈心谈话计划")
    return held == total, _("必谈 %(total)d 次,已谈 %(held)d 次") % {
        "total": total,
        "held": held,
    }


def expected_people(meeting: Meeting) -> list[Person]:
    """The meeting's expected attendees on the active roster, as the rule sees them."""
    rows = (
        Attendee.objects.filter(meeting=meeting, member__is_active=True)
        .order_by("member_id")
        .values_list("member_id", "member__position")
    )
    return [Person(id=pk, position=position) for pk, position in rows]
