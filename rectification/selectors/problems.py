"""Reads for the problem list (问题清单), its merge suggestions and the report upward (上报).

Each read costs a fixed number of queries, however many problems the meeting has.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from meetings import checker
from meetings.choices import (
    EvaluationStatus,
    Grade,
    OpinionDisposition,
    OpinionTarget,
    ProblemCategory,
)
from meetings.models import (
    AnonymousOpinion,
    Attendee,
    Criticism,
    EvaluationResult,
    Meeting,
    Minutes,
    Opinion,
)
from members.choices import Position
from members.models import Member
from rectification.models import Problem

# Speaking order at the meeting: the secretary first, then the other committee members,
# then the members (by name).
_SPEAKING_RANK = {value: rank for rank, value in enumerate(Position.values) if value}


@dataclass
class OwnerGroup:
    """One owner's problems: the committee (``owner`` None) or a member."""

    owner: Member | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_committee(self) -> bool:
        return self.owner is None

    @property
    def label(self) -> str:
        return _("支部班子") if self.owner is None else self.owner.name

    @property
    def key(self) -> str:
        """A stable HTML id for the group."""
        return "owner-committee" if self.owner is None else f"owner-{self.owner.pk}"


def _speaking_order(group: OwnerGroup) -> tuple:
    owner = group.owner
    if owner is None:
        return (0, 0, "", 0)
    return (1, _SPEAKING_RANK.get(owner.position, len(_SPEAKING_RANK) + 1), owner.name, owner.pk)


def group_by_owner(problems: Iterable[Problem]) -> list[OwnerGroup]:
    """Problems grouped by owner: the committee first, then members in speaking order.
    Each group keeps the order the problems came in."""
    groups: dict[int | None, OwnerGroup] = {}
    for problem in problems:
        key = None if problem.is_committee else problem.owner_id
        if key not in groups:
            groups[key] = OwnerGroup(owner=None if key is None else problem.owner)
        groups[key].problems.append(problem)
    return sorted(groups.values(), key=_speaking_order)


def problem_list(*, user, meeting: Meeting) -> list[OwnerGroup]:
    """The meeting's active problems as the user may see them (the committee and
    supervisors always; the branch's members once published), grouped by owner, each with
    its source loaded and the problems merged into it (``merged_list``) — in two queries."""
    problems = (
        Problem.objects.visible_to(user)
        .active()
        .filter(meeting=meeting)
        .select_related(
            "owner", "draft_problem", "criticism__critic", "opinion", "anonymous_opinion"
        )
        .prefetch_related(
            Prefetch("merged", queryset=Problem.objects.order_by("pk"), to_attr="merged_list")
        )
        .order_by("pk")
    )
    return group_by_owner(problems)


@dataclass(frozen=True)
class MergeCandidate:
    """Two problems of one owner that the checker finds alike: merge ``merge`` into ``keep``."""

    keep: Problem
    merge: Problem
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _owner_key(problem: Problem) -> str:
    return "committee" if problem.is_committee else f"member:{problem.owner_id}"


def merge_candidates(*, meeting: Meeting) -> list[MergeCandidate]:
    """Pairs of one owner's active problems that the draft checker's similarity finds
    alike, best first — in one query. The older problem is the one to keep."""
    problems = list(
        Problem.objects.active().filter(meeting=meeting).select_related("owner").order_by("pk")
    )
    by_id = {str(p.pk): p for p in problems}
    date = meeting.starts_at.date()
    corpus = checker.Corpus(
        checker.Item(
            id=str(p.pk),
            kind="problem",
            text=p.text,
            author=_owner_key(p),
            meeting_date=date,
            meeting=str(meeting.pk),
        )
        for p in problems
    )
    found = []
    for problem in problems:
        author = _owner_key(problem)
        for item, score in corpus.similar(
            problem.text,
            where=lambda item, a=author, pk=problem.pk: item.author == a and int(item.id) > pk,
        ):
            found.append(MergeCandidate(keep=problem, merge=by_id[item.id], score=score))
    found.sort(key=lambda c: (-c.score, c.keep.pk, c.merge.pk))
    return found


# --- what the committee adds problems from --------------------------------------------------


def _listed(link: str) -> Exists:
    """Whether a problem already comes from the row (``listed`` on each row)."""
    return Exists(Problem.objects.filter(**{link: OuterRef("pk")}))


def criticisms_of(*, meeting: Meeting) -> list[Criticism]:
    """The meeting's criticism, each with ``listed`` — in one query."""
    return list(
        Criticism.objects.filter(meeting=meeting)
        .select_related("critic", "target")
        .annotate(listed=_listed("criticism"))
        .order_by("target__name", "pk")
    )


def kept_opinions(*, user, meeting: Meeting) -> list[Opinion | AnonymousOpinion]:
    """Opinions the secretary kept (采纳为问题), signed and anonymous, as the user may
    manage them, each with ``listed`` — in two queries. Anonymous ones keep their random
    order."""
    signed = (
        Opinion.objects.manageable_by(user)
        .filter(window__meeting=meeting, disposition=OpinionDisposition.KEPT)
        .select_related("window__target_member")
        .annotate(listed=_listed("opinion"))
        .order_by("pk")
    )
    anonymous = (
        AnonymousOpinion.objects.manageable_by(user)
        .filter(window__meeting=meeting, disposition=OpinionDisposition.KEPT)
        .select_related("window__target_member")
        .annotate(listed=_listed("anonymous_opinion"))
        .order_by("id")
    )
    return [*signed, *anonymous]


def suggested_owner(opinion: Opinion | AnonymousOpinion) -> Member | None:
    """The owner an opinion points at: the member its window asked about, else the
    committee (``None``)."""
    window = opinion.window
    return window.target_member if window.target == OpinionTarget.MEMBER else None


def openable_draft_ids(*, user, meeting: Meeting) -> set[int]:
    """The meeting's drafts the user may open (a supervisor: the committee's and the
    secretary's, not the members'), so the list links only to those. One query."""
    from meetings.models import Draft

    return set(Draft.objects.visible_to(user).filter(meeting=meeting).values_list("pk", flat=True))


def branch_members(*, meeting: Meeting) -> list[Member]:
    """Who may own a problem: the branch's active members, in speaking order."""
    members = list(Member.objects.filter(branch_id=meeting.branch_id, is_active=True))
    members.sort(key=lambda m: _speaking_order(OwnerGroup(owner=m)))
    return members


def upper_comments(*, meeting: Meeting) -> str:
    return (
        Minutes.objects.filter(meeting=meeting).values_list("upper_comments", flat=True).first()
        or ""
    )


# --- the report upward ----------------------------------------------------------------------


@dataclass
class CategoryCount:
    category: str
    label: str
    count: int


@dataclass
class GradeCount:
    grade: str
    label: str
    count: int


@dataclass
class MeetingReport:
    """Everything the report upward shows."""

    meeting: Meeting
    attendees: list[Attendee]
    present: list[Attendee]
    absent: list[Attendee]
    unrecorded: list[Attendee]
    groups: list[OwnerGroup]
    problem_count: int
    by_category: list[CategoryCount]
    evaluation_finalized: bool
    evaluation_results: list[EvaluationResult]
    grade_counts: list[GradeCount]
    minutes: Minutes | None

    @property
    def expected_count(self) -> int:
        return len(self.attendees)

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def absent_count(self) -> int:
        return len(self.absent)


def meeting_report(*, meeting: Meeting) -> MeetingReport:
    """The report of a meeting (its attendance, problems by category and by owner, the
    evaluation results once finalized, the readiness override reason on ``meeting``) —
    in five queries, whatever the size of the branch or the list."""
    attendees = list(
        Attendee.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__name", "member_id")
    )
    problems = list(
        Problem.objects.active()
        .filter(meeting=meeting)
        .select_related("owner")
        .order_by("category", "pk")
    )
    results = list(
        EvaluationResult.objects.filter(evaluation__meeting=meeting)
        .select_related("member", "evaluation")
        .order_by("member__name", "member_id")
    )
    finalized = any(r.evaluation.status == EvaluationStatus.FINALIZED for r in results)
    if not finalized:
        results = []
    minutes = Minutes.objects.filter(meeting=meeting).select_related("host", "recorder").first()
    categories = Counter(p.category for p in problems)
    grades = Counter(r.grade for r in results)
    category_order = {value: i for i, value in enumerate(ProblemCategory.values)}
    problems.sort(key=lambda p: (category_order.get(p.category, 99), p.pk))
    return MeetingReport(
        meeting=meeting,
        attendees=attendees,
        present=[a for a in attendees if a.present is True],
        absent=[a for a in attendees if a.present is False],
        unrecorded=[a for a in attendees if a.present is None],
        groups=group_by_owner(problems),
        problem_count=len(problems),
        by_category=[
            CategoryCount(value, str(label), categories[value])
            for value, label in ProblemCategory.choices
            if categories[value]
        ],
        evaluation_finalized=finalized,
        evaluation_results=results,
        grade_counts=[
            GradeCount(value, str(label), grades[value]) for value, label in Grade.choices
        ],
        minutes=minutes,
    )


# --- closing into 整改中: the items proposed for the secretary to confirm --------------------


@dataclass
class ProposedItem:
    """One proposed item: the problem, and what the closing page fills in."""

    problem: Problem
    measure: str
    deadline: datetime.date
    person: Member | None  # owner (a member's problem) or lead (the committee's)


def item_proposals(*, meeting: Meeting) -> list[ProposedItem]:
    """One item for every active problem: one per 整改措施 of the draft it came from (and
    of those merged into it), else one with the measure left to write. The owner is the
    problem's (a committee problem's lead: the secretary); the deadline the measure's, else
    the meeting day + the plan's ``rectify_months``. Three queries."""
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone

    from meetings.models import DraftMeasure

    day = timezone.localdate(meeting.starts_at)
    default = day + relativedelta(months=meeting.rectify_months)
    problems = list(
        Problem.objects.filter(meeting=meeting)
        .select_related("owner")
        .order_by("-is_committee", "owner__name", "pk")
    )
    target_of = {
        p.draft_problem_id: p.merged_into_id or p.pk for p in problems if p.draft_problem_id
    }
    measures: dict[int, list] = {}
    for m in DraftMeasure.objects.filter(problem_id__in=list(target_of)).order_by(
        "problem__draft_id", "problem__order", "order"
    ):
        measures.setdefault(target_of[m.problem_id], []).append(m)
    secretary = Member.objects.filter(
        branch_id=meeting.branch_id, position=Position.SECRETARY, is_active=True
    ).first()
    out = []
    for p in problems:
        if p.merged_into_id is not None:
            continue
        person = secretary if p.is_committee else p.owner
        for m in measures.get(p.pk) or [None]:
            deadline = m.deadline if m is not None and m.deadline and m.deadline >= day else default
            out.append(
                ProposedItem(
                    problem=p,
                    measure=m.text.strip() if m is not None else "",
                    deadline=deadline,
                    person=person,
                )
            )
    return out
