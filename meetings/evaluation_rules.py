"""民主评议党员 — who is rated, who votes, and the limits of the ballot: the rules both the
services (``meetings.services.evaluation``) and the reads (``meetings.selectors.evaluation``)
apply, in one place. Reads only; nothing here writes.

- Rated (参评): every expected attendee of the meeting still on the active roster — whether
  or not they came on the day.
- Voters (投票人): once attendance has been taken (any attendee row has ``present`` set),
  those marked present (实到); before that, every rated member.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from meetings.choices import MeetingStatus
from meetings.models import Attendee, Evaluation, Meeting
from members.choices import Position
from members.models import Member
from members.querysets import scope_of

#: The meeting statuses in which the evaluation itself (open, self-assess, vote) happens.
EVALUATION_MEETING_STATUSES = (MeetingStatus.PREPARING, MeetingStatus.HELD)
#: Fewer ballots than this and the tally is never shown (it could give a voter away).
MIN_BALLOTS_FOR_TALLY = 3


def excellent_limit(rated_count: int) -> int:
    """The most members who may be graded 优秀: one third of those rated, rounded down."""
    return rated_count // 3


# --- who is rated, who votes --------------------------------------------------------------


def rated_attendees(meeting: Meeting) -> QuerySet[Attendee]:
    """The attendee rows of the members rated: expected attendees on the active roster."""
    return Attendee.objects.filter(meeting=meeting, member__is_active=True)


def voters_q() -> Q:
    """On a queryset of ``Attendee``: the rows that vote. Present (实到) once attendance has
    been taken for the meeting; every row while it has not."""
    taken = Attendee.objects.filter(meeting=OuterRef("meeting"), present__isnull=False)
    return Q(present=True) | ~Exists(taken)


def rated_member_ids(meeting: Meeting) -> set[int]:
    return set(rated_attendees(meeting).values_list("member_id", flat=True))


def is_voter(*, meeting: Meeting, member: Member) -> bool:
    return rated_attendees(meeting).filter(voters_q(), member=member).exists()


def may_close(*, evaluation: Evaluation, user) -> bool:
    """Whether the user closes (and reopens) the ballot: the member the committee named,
    else the branch secretary."""
    member_id = scope_of(user).member_id
    if member_id is None:
        return False
    if evaluation.closer_id is not None:
        return member_id == evaluation.closer_id
    return Member.objects.filter(
        pk=member_id,
        branch_id=evaluation.meeting.branch_id,
        position=Position.SECRETARY,
        is_active=True,
    ).exists()
