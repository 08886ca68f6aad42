"""民主评议党员 — the services and selectors: who votes, one vote each, the tally only after
close and from ≥ 3 ballots, 优秀 at most one third, results told to the member and the
supervisors, and every illegal step refused (a retry harmless)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from meetings.choices import EvaluationStatus, Grade, MeetingStatus
from meetings.models import (
    Attendee,
    Ballot,
    BallotMark,
    Evaluation,
    EvaluationResult,
    SelfAssessment,
    VoteReceipt,
)
from meetings.selectors.evaluation import (
    ballot_pending_for_member,
    evaluation_page,
    my_result,
    tally,
)
from meetings.services import evaluation as services
from meetings.services.evaluation import (
    ballot_cast,
    closer_name,
    evaluation_open,
    results_finalize,
    results_propose,
    self_assessment_save,
    voting_close,
    voting_reopen,
    voting_start,
)
from notifications.models import Notification
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db

E, Q, B, U = Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC, Grade.UNQUALIFIED


@pytest.fixture
def branch(org_tree):
    """Branch A: a secretary and six members (seven rated); a meeting in 会前准备."""
    a = org_tree["a"]
    secretary = MemberFactory(branch=a, name="甲书记", position="secretary")
    members = [MemberFactory(branch=a, name=f"甲党员{i}") for i in range(1, 7)]
    meeting = MeetingFactory(branch=a)
    return {
        "secretary": secretary,
        "members": members,
        "all": [secretary, *members],
        **{"meeting": meeting},
    }


def _everyone(people, grade=Q) -> dict[int, str]:
    return {m.pk: grade for m in people}


def _voting(branch) -> Evaluation:
    evaluation = evaluation_open(meeting=branch["meeting"], by=branch["secretary"].user)
    return voting_start(evaluation=evaluation, by=branch["secretary"].user)


def _closed_with(branch, voters: int) -> Evaluation:
    evaluation = _voting(branch)
    for voter in branch["all"][:voters]:
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    return voting_close(evaluation=evaluation, by=branch["secretary"].user)


# --- opening and the committee's steps ---------------------------------------------------


def test_the_committee_opens_once_and_a_retry_returns_the_same(branch):
    by = branch["secretary"].user
    first = evaluation_open(meeting=branch["meeting"], by=by)
    assert first.status == EvaluationStatus.SELF_ASSESSMENT
    assert evaluation_open(meeting=branch["meeting"], by=by) == first
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "supervisor"])
def test_only_the_committee_runs_the_evaluation(branch, org_tree, who):
    user = (
        branch["members"][0].user
        if who == "member"
        else SupervisorFactory(organization=org_tree["committee"]).user
    )
    with pytest.raises(ValidationError, match="只有本支部委员会"):
        evaluation_open(meeting=branch["meeting"], by=user)
    evaluation = evaluation_open(meeting=branch["meeting"], by=branch["secretary"].user)
    with pytest.raises(ValidationError, match="只有本支部委员会"):
        voting_start(evaluation=evaluation, by=user)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SELF_ASSESSMENT


@pytest.mark.parametrize("status", [MeetingStatus.PLANNING, MeetingStatus.RECTIFYING])
def test_not_opened_outside_preparing_or_held(branch, status):
    meeting = branch["meeting"]
    meeting.status = status
    if status == MeetingStatus.RECTIFYING:
        from django.utils import timezone

        meeting.held_at = timezone.now()
    meeting.save()
    with pytest.raises(ValidationError, match="会前准备或会议召开时"):
        evaluation_open(meeting=meeting, by=branch["secretary"].user)
    assert not Evaluation.objects.exists()


def test_opened_at_a_held_meeting(branch):
    from django.utils import timezone

    meeting = branch["meeting"]
    meeting.status, meeting.held_at = MeetingStatus.HELD, timezone.now()
    meeting.save()
    assert evaluation_open(meeting=meeting, by=branch["secretary"].user).pk


def test_transitions_are_guarded_and_retries_harmless(branch):
    by = branch["secretary"].user
    evaluation = evaluation_open(meeting=branch["meeting"], by=by)
    with pytest.raises(ValidationError, match="不能结束投票"):
        voting_close(evaluation=evaluation, by=by)
    voting_start(evaluation=evaluation, by=by)
    assert voting_start(evaluation=evaluation, by=by).status == EvaluationStatus.VOTING
    voting_close(evaluation=evaluation, by=by)
    assert voting_close(evaluation=evaluation, by=by).status == EvaluationStatus.CLOSED
    with pytest.raises(ValidationError, match="不能开始投票"):
        voting_start(evaluation=evaluation, by=by)


# --- closing the ballot: who, when, and undoing a mistake ----------------------------------


@pytest.mark.parametrize("ballots", [1, 2])
def test_closing_with_one_or_two_ballots_is_refused_with_the_reason(branch, ballots):
    evaluation = _voting(branch)
    for voter in branch["all"][:ballots]:
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    with pytest.raises(ValidationError) as exc:
        voting_close(evaluation=evaluation, by=branch["secretary"].user)
    assert f"已收回选票 {ballots} 张,不足 3 张" in exc.value.messages[0]
    assert "暴露投票人" in exc.value.messages[0]
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.VOTING
    ballot_cast(evaluation=evaluation, voter=branch["all"][5], marks=_everyone(branch["all"]))
    if ballots == 2:
        assert voting_close(evaluation=evaluation, by=branch["secretary"].user).status == "closed"


def test_an_empty_box_closed_by_mistake_is_reopened_and_voting_goes_on(branch):
    by = branch["secretary"].user
    evaluation = _voting(branch)
    assert voting_close(evaluation=evaluation, by=by).status == EvaluationStatus.CLOSED
    with pytest.raises(ValidationError, match="不能投票|投票"):
        ballot_cast(evaluation=evaluation, voter=branch["all"][0], marks=_everyone(branch["all"]))
    assert voting_reopen(evaluation=evaluation, by=by).status == EvaluationStatus.VOTING
    assert voting_reopen(evaluation=evaluation, by=by).status == EvaluationStatus.VOTING  # retry
    for voter in branch["all"][:3]:
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    voting_close(evaluation=evaluation, by=by)
    with pytest.raises(ValidationError, match="已经有人投票"):
        voting_reopen(evaluation=evaluation, by=by)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.CLOSED


def test_only_the_secretary_or_whom_the_committee_named_closes(branch):
    committee = MemberFactory(
        branch=branch["secretary"].branch, name="甲委员", position="organization"
    )
    named = branch["members"][2]
    evaluation = _voting(branch)
    with pytest.raises(ValidationError, match="只有支部书记"):
        voting_close(evaluation=evaluation, by=committee.user)
    with pytest.raises(ValidationError, match="只有本支部委员会"):
        closer_name(evaluation=evaluation, by=named.user, closer=named)
    closer_name(evaluation=evaluation, by=committee.user, closer=named)
    with pytest.raises(ValidationError, match="指定的甲党员3"):
        voting_close(evaluation=evaluation, by=branch["secretary"].user)
    assert voting_close(evaluation=evaluation, by=named.user).status == EvaluationStatus.CLOSED


# --- self-assessment ------------------------------------------------------------------------


def test_self_assessment_is_the_members_own_and_can_be_replaced(branch):
    member = branch["members"][0]
    evaluation = evaluation_open(meeting=branch["meeting"], by=branch["secretary"].user)
    self_assessment_save(evaluation=evaluation, member=member, grade=Q, text="  按时参加组织生活 ")
    self_assessment_save(evaluation=evaluation, member=member, grade=E, text="带头完成任务")
    (saved,) = SelfAssessment.objects.all()
    assert (saved.member, saved.grade, saved.text) == (member, E, "带头完成任务")
    with pytest.raises(ValidationError):
        self_assessment_save(evaluation=evaluation, member=member, grade="best", text="")


def test_self_assessment_open_while_voting_then_closed(branch):
    member = branch["members"][0]
    evaluation = _voting(branch)
    self_assessment_save(evaluation=evaluation, member=member, grade=Q)
    voting_close(evaluation=evaluation, by=branch["secretary"].user)
    with pytest.raises(ValidationError, match="不能填写个人自评"):
        self_assessment_save(evaluation=evaluation, member=member, grade=E)
    assert SelfAssessment.objects.get().grade == Q


def test_only_a_rated_member_assesses_themself(branch, org_tree):
    evaluation = evaluation_open(meeting=branch["meeting"], by=branch["secretary"].user)
    late = MemberFactory(branch=org_tree["a"], name="会后入册")  # not an expected attendee
    with pytest.raises(ValidationError, match="不在本次民主评议的参评人员中"):
        self_assessment_save(evaluation=evaluation, member=late, grade=Q)


# --- casting --------------------------------------------------------------------------------


def test_a_ballot_rates_everyone_and_leaves_one_receipt(branch):
    evaluation = _voting(branch)
    voter = branch["members"][0]
    ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    (ballot,) = Ballot.objects.all()
    assert {m.member_id for m in ballot.marks.all()} == {m.pk for m in branch["all"]}
    (receipt,) = VoteReceipt.objects.all()
    assert receipt.voter == voter
    assert not Notification.objects.exists()  # voting is never announced


def test_no_double_vote(branch):
    evaluation = _voting(branch)
    voter = branch["members"][0]
    ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    with pytest.raises(ValidationError, match="您已经投过票了"):
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"], E))
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1
    assert set(BallotMark.objects.values_list("grade", flat=True)) == {Q}


def test_the_unique_receipt_is_the_last_guard_and_nothing_is_half_saved(branch, monkeypatch):
    """Should two submissions race past the receipt check, the database's unique constraint
    refuses the second with the same message, and none of it is kept."""
    evaluation = _voting(branch)
    voter = branch["members"][0]
    ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    monkeypatch.setattr(services, "_has_voted", lambda **kwargs: False)
    with pytest.raises(ValidationError, match="您已经投过票了") as caught:
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"], E))
    # the database's own words (which name the voter) are not chained onto the error
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1
    assert BallotMark.objects.count() == len(branch["all"])
    assert set(BallotMark.objects.values_list("grade", flat=True)) == {Q}


def test_a_ballot_must_grade_every_rated_member(branch):
    evaluation = _voting(branch)
    voter, left_out = branch["members"][0], branch["members"][3]
    marks = {m.pk: Q for m in branch["all"] if m != left_out}
    with pytest.raises(ValidationError, match=left_out.name):
        ballot_cast(evaluation=evaluation, voter=voter, marks=marks)
    with pytest.raises(ValidationError, match="等次只能是"):
        ballot_cast(evaluation=evaluation, voter=voter, marks={**marks, left_out.pk: "best"})
    stranger = MemberFactory(branch=branch["meeting"].branch, name="不参评")
    with pytest.raises(ValidationError, match="不在参评人员中"):
        ballot_cast(evaluation=evaluation, voter=voter, marks={**marks, stranger.pk: Q})
    assert not Ballot.objects.exists() and not VoteReceipt.objects.exists()


def test_no_casting_before_start_or_after_close(branch):
    by = branch["secretary"].user
    voter = branch["members"][0]
    evaluation = evaluation_open(meeting=branch["meeting"], by=by)
    with pytest.raises(ValidationError, match="投票尚未开始"):
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    voting_start(evaluation=evaluation, by=by)
    voting_close(evaluation=evaluation, by=by)
    with pytest.raises(ValidationError, match="投票已经结束"):
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    assert not Ballot.objects.exists() and not VoteReceipt.objects.exists()


def test_once_attendance_is_taken_only_those_present_vote(branch):
    evaluation = _voting(branch)
    present, absent = branch["members"][0], branch["members"][1]
    assert ballot_pending_for_member(member=absent) == [evaluation]
    Attendee.objects.filter(meeting=branch["meeting"]).update(present=True)
    Attendee.objects.filter(meeting=branch["meeting"], member=absent).update(present=False)

    assert ballot_pending_for_member(member=absent) == []
    with pytest.raises(ValidationError, match="不在本次民主评议的投票人中"):
        ballot_cast(evaluation=evaluation, voter=absent, marks=_everyone(branch["all"]))
    # The absent member is still rated: every ballot grades them too.
    with pytest.raises(ValidationError, match=absent.name):
        ballot_cast(
            evaluation=evaluation,
            voter=present,
            marks={m.pk: Q for m in branch["all"] if m != absent},
        )
    ballot_cast(evaluation=evaluation, voter=present, marks=_everyone(branch["all"]))
    assert ballot_pending_for_member(member=present) == []


def test_ballot_pending_for_member(branch, org_tree):
    member = branch["members"][0]
    evaluation = evaluation_open(meeting=branch["meeting"], by=branch["secretary"].user)
    assert ballot_pending_for_member(member=member) == []  # not voting yet
    voting_start(evaluation=evaluation, by=branch["secretary"].user)
    assert ballot_pending_for_member(member=member) == [evaluation]
    other = MemberFactory(branch=org_tree["b"])
    assert ballot_pending_for_member(member=other) == []
    ballot_cast(evaluation=evaluation, voter=member, marks=_everyone(branch["all"]))
    assert ballot_pending_for_member(member=member) == []
    assert ballot_pending_for_member(member=branch["members"][1]) == [evaluation]
    for voter in branch["members"][2:4]:  # three ballots: the box may be closed
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    voting_close(evaluation=evaluation, by=branch["secretary"].user)
    assert ballot_pending_for_member(member=branch["members"][1]) == []


# --- the tally --------------------------------------------------------------------------------


def test_the_tally_is_hidden_while_voting(branch):
    evaluation = _voting(branch)
    for voter in branch["all"]:
        ballot_cast(evaluation=evaluation, voter=voter, marks=_everyone(branch["all"]))
    assert tally(evaluation=evaluation) is None
    page = evaluation_page(meeting=branch["meeting"], user=branch["secretary"].user)
    assert page.tally is None and page.tally_hidden_reason == "before_close"
    assert all(row.counts is None for row in page.rows)


def test_the_tally_is_hidden_for_good_below_three_ballots(branch):
    # Closing with one or two ballots is refused; an empty box may be closed.
    evaluation = _closed_with(branch, voters=0)
    assert tally(evaluation=evaluation) is None
    page = evaluation_page(meeting=branch["meeting"], user=branch["secretary"].user)
    assert page.tally is None and page.tally_hidden_reason == "too_few"


def test_the_tally_after_close_with_three_ballots(branch):
    evaluation = _voting(branch)
    target = branch["members"][2]
    for voter, grade in zip(branch["all"][:3], (E, Q, E), strict=True):
        ballot_cast(
            evaluation=evaluation, voter=voter, marks={**_everyone(branch["all"]), target.pk: grade}
        )
    evaluation = voting_close(evaluation=evaluation, by=branch["secretary"].user)
    counted = tally(evaluation=evaluation)
    assert counted.ballots == 3
    assert counted.for_member(target.pk) == [2, 1, 0, 0]
    assert counted.for_member(branch["secretary"].pk) == [0, 3, 0, 0]


# --- proposing: 优秀 at most one third ---------------------------------------------------------


def test_at_most_a_third_excellent(branch):
    evaluation = _closed_with(branch, voters=3)
    by, people = branch["secretary"].user, branch["all"]
    assert len(people) == 7
    three = {**_everyone(people), people[0].pk: E, people[1].pk: E, people[2].pk: E}
    with pytest.raises(ValidationError, match="最多 2 人"):
        results_propose(evaluation=evaluation, by=by, grades=three)
    assert not EvaluationResult.objects.exists()
    two = {**_everyone(people), people[0].pk: E, people[1].pk: E}
    results_propose(evaluation=evaluation, by=by, grades=two, notes={people[0].pk: "带头作用突出"})
    assert EvaluationResult.objects.filter(grade=E).count() == 2
    assert EvaluationResult.objects.get(member=people[0]).note == "带头作用突出"


def test_a_proposal_grades_every_member(branch):
    evaluation = _closed_with(branch, voters=3)
    people = branch["all"]
    missing = people[4]
    with pytest.raises(ValidationError, match=missing.name):
        results_propose(
            evaluation=evaluation,
            by=branch["secretary"].user,
            grades={m.pk: Q for m in people if m != missing},
        )
    assert not EvaluationResult.objects.exists()


def test_a_new_proposal_replaces_the_old(branch):
    evaluation = _closed_with(branch, voters=3)
    by, people = branch["secretary"].user, branch["all"]
    results_propose(evaluation=evaluation, by=by, grades={**_everyone(people), people[0].pk: E})
    results_propose(evaluation=evaluation, by=by, grades={**_everyone(people), people[1].pk: B})
    assert EvaluationResult.objects.count() == len(people)
    assert set(EvaluationResult.objects.values_list("grade", flat=True)) == {Q, B}


def test_no_proposal_before_close(branch):
    evaluation = _voting(branch)
    with pytest.raises(ValidationError, match="投票结束后才能"):
        results_propose(
            evaluation=evaluation, by=branch["secretary"].user, grades=_everyone(branch["all"])
        )
    assert not EvaluationResult.objects.exists()


def test_the_proposal_needs_no_tally(branch):
    """No ballot (the branch decided without one): no tally, but the committee still
    proposes and finalizes."""
    evaluation = _closed_with(branch, voters=0)
    by = branch["secretary"].user
    results_propose(evaluation=evaluation, by=by, grades=_everyone(branch["all"]))
    assert results_finalize(evaluation=evaluation, by=by).status == EvaluationStatus.FINALIZED


# --- finalizing -------------------------------------------------------------------------------


def test_finalize_needs_a_complete_proposal(branch):
    evaluation = _closed_with(branch, voters=3)
    with pytest.raises(ValidationError, match="每一名参评党员提出评定意见"):
        results_finalize(evaluation=evaluation, by=branch["secretary"].user)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.CLOSED


def test_finalize_before_close_is_refused(branch):
    evaluation = _voting(branch)
    with pytest.raises(ValidationError, match="投票结束并提出评定意见后"):
        results_finalize(evaluation=evaluation, by=branch["secretary"].user)


def test_finalize_tells_each_member_their_own_grade_and_the_supervisors(branch, org_tree):
    above = SupervisorFactory(organization=org_tree["committee"])
    not_above = SupervisorFactory(organization=org_tree["other"])
    evaluation = _closed_with(branch, voters=3)
    by, people = branch["secretary"].user, branch["all"]
    star, weak = people[1], people[2]
    results_propose(
        evaluation=evaluation, by=by, grades={**_everyone(people), star.pk: E, weak.pk: B}
    )
    results_finalize(evaluation=evaluation, by=by)
    results_finalize(evaluation=evaluation, by=by)  # twice: harmless, nobody told twice

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FINALIZED and evaluation.finalized_by == by
    for member in people:
        (note,) = Notification.objects.filter(recipient=member.user)
        grade = {star: "优秀", weak: "基本合格"}.get(member, "合格")
        assert f"评定等次为:{grade}" in note.body
        assert str(evaluation.meeting_id) in note.url
    (to_supervisor,) = Notification.objects.filter(recipient=above.user)
    assert "优秀 1 人" in to_supervisor.body and "基本合格 1 人" in to_supervisor.body
    assert not Notification.objects.filter(recipient=not_above.user).exists()
    with pytest.raises(ValidationError, match="已经确定"):
        results_propose(evaluation=evaluation, by=by, grades=_everyone(people))


def test_my_result_is_only_the_finalized_own(branch):
    evaluation = _closed_with(branch, voters=3)
    by, member = branch["secretary"].user, branch["members"][0]
    results_propose(evaluation=evaluation, by=by, grades=_everyone(branch["all"]))
    assert my_result(member=member) is None  # proposed, not yet final
    results_finalize(evaluation=evaluation, by=by)
    result = my_result(member=member)
    assert result.member == member and result.grade == Q
    assert my_result(member=member, evaluation=evaluation) == result


def test_the_page_shows_a_member_only_their_own_result(branch, org_tree):
    evaluation = _closed_with(branch, voters=3)
    by, people = branch["secretary"].user, branch["all"]
    results_propose(evaluation=evaluation, by=by, grades=_everyone(people))
    results_finalize(evaluation=evaluation, by=by)
    member = branch["members"][0]
    page = evaluation_page(meeting=branch["meeting"], user=member.user)
    assert page.my_result.member == member
    assert page.results == [] and page.rows == [] and page.voted == [] and page.tally is None
    supervisor = SupervisorFactory(organization=org_tree["committee"]).user
    page = evaluation_page(meeting=branch["meeting"], user=supervisor)
    assert {r.member for r in page.results} == set(people)
    assert page.rows == [] and page.tally is None  # the supervisor reads results only
