"""Reads for 民主评议党员: the tally, the evaluation page, a member's own result, and the
ballots a member still has to cast.

What each person may read is decided here, not in the template:
- the branch committee: the state, the self-assessments, who has voted (by name — receipts
  are not secret — never by time), the tally once voting has closed with ≥ 3 ballots, and
  the proposal;
- a member of the branch: their own self-assessment, whether they have voted, and their own
  result once it is finalized — nobody else's;
- a supervisor above the branch: the state and, once finalized, every result.

Every read here costs a fixed number of queries whatever the branch's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef

from meetings.choices import EvaluationStatus, Grade
from meetings.evaluation_rules import (
    EVALUATION_MEETING_STATUSES,
    MIN_BALLOTS_FOR_TALLY,
    excellent_limit,
    may_close,
    rated_attendees,
    voters_q,
)
from meetings.models import (
    Ballot,
    BallotMark,
    Evaluation,
    EvaluationResult,
    Meeting,
    SelfAssessment,
    VoteReceipt,
)
from members.models import Member
from members.querysets import scope_of
from members.selectors import can_supervise_branch

TALLY_STATUSES = (EvaluationStatus.CLOSED, EvaluationStatus.FINALIZED)


# --- the tally ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """How many ballots gave each member each grade."""

    ballots: int
    counts: dict[int, dict[str, int]]  # member id → grade → number of ballots

    def for_member(self, member_id: int) -> list[int]:
        """The member's counts in the order of ``Grade`` (优秀, 合格, 基本合格, 不合格)."""
        counts = self.counts.get(member_id, {})
        return [counts.get(grade, 0) for grade in Grade.values]


def tally(*, evaluation: Evaluation) -> Tally | None:
    """The count per member per grade — None until voting has closed, and None for good
    with fewer than three ballots (a tally of one or two ballots would give voters away).
    Two queries: the number of ballots, then every count in one grouped query."""
    if evaluation.status not in TALLY_STATUSES:
        return None
    ballots = Ballot.objects.filter(evaluation=evaluation).count()
    if ballots < MIN_BALLOTS_FOR_TALLY:
        return None
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        BallotMark.objects.filter(ballot__evaluation=evaluation)
        .values("member_id", "grade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["member_id"]][row["grade"]] = row["n"]
    return Tally(ballots=ballots, counts=dict(counts))


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One rated member, as the committee sees them."""

    member: Member
    votes: bool  # a voter (present, or attendance not taken)
    self_assessment: SelfAssessment | None
    counts: list[int] | None  # per Grade, when the tally is shown
    result: EvaluationResult | None


@dataclass
class EvaluationPage:
    meeting: Meeting
    evaluation: Evaluation | None
    is_committee: bool
    is_supervisor: bool
    me: Member | None  # the user as a rated member (None for anyone else)
    member_of_branch: bool
    rated_count: int = 0
    voter_count: int = 0
    # the member's side
    is_voter: bool = False
    has_voted: bool = False
    my_self_assessment: SelfAssessment | None = None
    my_result: EvaluationResult | None = None
    # the committee's side
    rows: list[Row] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    self_assessment_count: int = 0
    ballot_count: int = 0
    voted: list[Member] = field(default_factory=list)  # by name
    tally: Tally | None = None
    proposal_complete: bool = False
    # the supervisor's (and the committee's) read-only result
    results: list[EvaluationResult] = field(default_factory=list)
    # who closes the ballot (the secretary, or whom the committee named)
    may_close: bool = False
    closer: Member | None = None

    @property
    def status(self) -> str | None:
        return self.evaluation.status if self.evaluation else None

    @property
    def excellent_limit(self) -> int:
        return excellent_limit(self.rated_count)

    @property
    def may_open(self) -> bool:
        return self.evaluation is None and self.meeting.status in EVALUATION_MEETING_STATUSES

    @property
    def may_self_assess(self) -> bool:
        return (
            self.me is not None
            and self.status in (EvaluationStatus.SELF_ASSESSMENT, EvaluationStatus.VOTING)
            and self.meeting.status in EVALUATION_MEETING_STATUSES
        )

    @property
    def may_vote(self) -> bool:
        return (
            self.is_voter
            and not self.has_voted
            and self.status == EvaluationStatus.VOTING
            and self.meeting.status in EVALUATION_MEETING_STATUSES
        )

    @property
    def closed(self) -> bool:
        return self.status in TALLY_STATUSES

    @property
    def tally_hidden_reason(self) -> str:
        """Why no tally is shown: "before_close" or "too_few" ("" when it is shown)."""
        if self.tally is not None:
            return ""
        return "too_few" if self.closed else "before_close"


def _rated_with_votes(meeting: Meeting) -> list[tuple[Member, bool]]:
    """The rated members by name, each with whether they vote. One query."""
    rows = (
        rated_attendees(meeting)
        .annotate(votes=ExpressionWrapper(voters_q(), output_field=BooleanField()))
        .select_related("member")
        .order_by("member__name", "member_id")
    )
    return [(a.member, bool(a.votes)) for a in rows]


def evaluation_page(*, meeting: Meeting, user) -> EvaluationPage:
    """Everything the evaluation page shows the user, and nothing they may not see."""
    scope = scope_of(user)
    is_committee = scope.managed_branch_id == meeting.branch_id
    in_branch = scope.member_id is not None and scope.branch_id == meeting.branch_id
    page = EvaluationPage(
        meeting=meeting,
        evaluation=Evaluation.objects.filter(meeting=meeting).first(),
        is_committee=is_committee,
        is_supervisor=can_supervise_branch(user=user, branch=meeting.branch),
        me=None,
        member_of_branch=in_branch,
    )
    people = _rated_with_votes(meeting)
    page.members = [m for m, _votes in people]
    page.rated_count = len(people)
    page.voter_count = sum(1 for _m, votes in people if votes)
    if in_branch:
        for member, votes in people:
            if member.pk == scope.member_id:
                page.me, page.is_voter = member, votes
    evaluation = page.evaluation
    if evaluation is None:
        return page

    finalized = evaluation.status == EvaluationStatus.FINALIZED
    page.may_close = may_close(evaluation=evaluation, user=user)
    page.closer = evaluation.closer
    if page.me is not None:
        page.my_self_assessment = SelfAssessment.objects.filter(
            evaluation=evaluation, member=page.me
        ).first()
        if not is_committee:  # the committee's list of receipts answers it below
            page.has_voted = _has_voted(evaluation, page.me)
        if finalized:
            page.my_result = my_result(member=page.me, evaluation=evaluation)

    if is_committee:
        assessments = {s.member_id: s for s in SelfAssessment.objects.filter(evaluation=evaluation)}
        page.voted = [
            r.voter
            for r in VoteReceipt.objects.filter(evaluation=evaluation)
            .select_related("voter")
            .order_by("voter__name", "voter_id")
        ]
        page.self_assessment_count = len(assessments)
        page.ballot_count = len(page.voted)
        page.tally = tally(evaluation=evaluation)
        results = {r.member_id: r for r in EvaluationResult.objects.filter(evaluation=evaluation)}
        page.proposal_complete = bool(people) and set(results) == {m.pk for m in page.members}
        voted_ids = {m.pk for m in page.voted}
        if page.me is not None:
            page.has_voted = page.me.pk in voted_ids
        page.rows = [
            Row(
                member=member,
                votes=votes,
                self_assessment=assessments.get(member.pk),
                counts=page.tally.for_member(member.pk) if page.tally else None,
                result=results.get(member.pk),
            )
            for member, votes in people
        ]
        if finalized:
            page.results = [r for r in (row.result for row in page.rows) if r is not None]
    else:
        page.ballot_count = VoteReceipt.objects.filter(evaluation=evaluation).count()
        if finalized and page.is_supervisor:
            page.results = list(
                EvaluationResult.objects.filter(evaluation=evaluation)
                .select_related("member")
                .order_by("member__name", "member_id")
            )
    return page


def _has_voted(evaluation: Evaluation, member: Member) -> bool:
    return VoteReceipt.objects.filter(evaluation=evaluation, voter=member).exists()


# --- the member -------------------------------------------------------------------------------


def my_result(*, member: Member, evaluation: Evaluation | None = None) -> EvaluationResult | None:
    """The member's own finalized result — in one evaluation, or their latest. One query."""
    results = EvaluationResult.objects.filter(
        member=member, evaluation__status=EvaluationStatus.FINALIZED
    ).select_related("evaluation__meeting")
    if evaluation is not None:
        results = results.filter(evaluation=evaluation)
    return results.order_by("-evaluation__meeting__starts_at", "-pk").first()


def ballot_pending_for_member(*, member: Member) -> list[Evaluation]:
    """Evaluations in which the member may vote and has not yet: voting open, the meeting
    of their branch in 会前准备/已召开, the member a voter (see ``voters_q``). One query."""
    if not member.is_active:
        return []
    voter_row = rated_attendees(OuterRef("meeting")).filter(member=member).filter(voters_q())
    return list(
        Evaluation.objects.filter(
            status=EvaluationStatus.VOTING,
            meeting__branch_id=member.branch_id,
            meeting__status__in=EVALUATION_MEETING_STATUSES,
        )
        .filter(Exists(voter_row))
        .exclude(Exists(VoteReceipt.objects.filter(evaluation=OuterRef("pk"), voter=member)))
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
