"""民主评议 pages: who sees what (outside one's scope is a 404 on every URL), voting through
the page, the tally shown only after close with ≥ 3 ballots, results to the member (their
own only) and to the supervisor above, and the committee's page costing the same queries
for 10 and for 30 members."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.choices import EvaluationStatus, Grade
from meetings.models import Ballot, Evaluation, EvaluationResult, SelfAssessment, VoteReceipt
from meetings.services.evaluation import (
    ballot_cast,
    evaluation_open,
    results_finalize,
    results_propose,
    self_assessment_save,
    voting_close,
    voting_start,
)
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db

E, Q, B, U = Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC, Grade.UNQUALIFIED
NAMES = ("evaluation", "open", "self", "start", "cast", "close", "propose", "finalize")
URL_NAMES = {
    "evaluation": "evaluation",
    "open": "evaluation-open",
    "self": "evaluation-self",
    "start": "evaluation-start",
    "cast": "ballot-cast",
    "close": "evaluation-close",
    "propose": "evaluation-propose",
    "finalize": "evaluation-finalize",
}


def _urls(meeting) -> dict[str, str]:
    return {
        key: reverse(f"meetings:{name}", kwargs={"meeting_pk": meeting.pk})
        for key, name in URL_NAMES.items()
    }


@pytest.fixture
def people(branch_people):
    found = branch_people(
        "secretary_a", "member_a", "member_a2", "member_a3", "secretary_b", "member_b"
    )
    found["rated"] = [found[k] for k in ("secretary_a", "member_a", "member_a2", "member_a3")]
    found["urls"] = _urls(found["meeting"])
    return found


def _ballot(rated, grade=Q, **overrides) -> dict[str, str]:
    data = {f"m{m.pk}": grade for m in rated}
    data.update({f"m{m.pk}": g for m, g in overrides.items()})
    return data


def _opened(people) -> Evaluation:
    return evaluation_open(meeting=people["meeting"], by=people["secretary_a"].user)


def _voting(people) -> Evaluation:
    return voting_start(evaluation=_opened(people), by=people["secretary_a"].user)


def _finalized(people) -> Evaluation:
    evaluation = _voting(people)
    by, rated = people["secretary_a"].user, people["rated"]
    for voter in rated[:3]:
        ballot_cast(evaluation=evaluation, voter=voter, marks={m.pk: Q for m in rated})
    voting_close(evaluation=evaluation, by=by)
    results_propose(
        evaluation=evaluation,
        by=by,
        grades={m.pk: (E if m == people["member_a"] else Q) for m in rated},
        notes={m.pk: f"说明[{m.name}]" for m in rated},
    )
    return results_finalize(evaluation=evaluation, by=by)


def _everything_refused_with_404(client, urls):
    assert client.get(urls["evaluation"]).status_code == 404
    for key in NAMES[1:]:
        assert client.post(urls[key], {}).status_code == 404, key


# --- scope --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
@pytest.mark.parametrize("stage", ["none", "voting", "finalized"])
def test_another_branch_gets_404_everywhere(client, people, who, stage):
    if stage == "voting":
        _voting(people)
    elif stage == "finalized":
        _finalized(people)
    client.force_login(people[who].user)
    _everything_refused_with_404(client, people["urls"])


def test_a_supervisor_not_above_gets_404_everywhere(client, org_tree, people):
    _finalized(people)
    client.force_login(SupervisorFactory(organization=org_tree["other"]).user)
    _everything_refused_with_404(client, people["urls"])
    # a supervisor of the 党总支 is above branch B only
    client.force_login(SupervisorFactory(organization=org_tree["general"]).user)
    _everything_refused_with_404(client, people["urls"])


def test_a_member_cannot_take_the_committees_steps(client, people):
    evaluation = _voting(people)
    client.force_login(people["member_a"].user)
    for key in ("open", "start", "propose", "finalize"):
        assert client.post(people["urls"][key], {}).status_code == 404, key
    # closing is the secretary's (or whom the committee names, who may be any member)
    response = client.post(people["urls"]["close"], follow=True)
    assert "只有支部书记(或支委会指定的人)可以结束投票" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.VOTING


def test_a_supervisor_above_reads_but_does_not_run_it(client, org_tree, people):
    evaluation = _voting(people)
    client.force_login(SupervisorFactory(organization=org_tree["committee"]).user)
    response = client.post(people["urls"]["close"], follow=True)
    assert "只有支部书记(或支委会指定的人)可以结束投票" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.VOTING
    # nor does a supervisor cast or assess: they are not a member of the branch
    assert client.post(people["urls"]["cast"], _ballot(people["rated"])).status_code == 404
    assert client.post(people["urls"]["self"], {"grade": Q}).status_code == 404


# --- the committee's steps through the page ----------------------------------------------------------


def test_the_committee_runs_the_evaluation_through_the_page(client, people):
    urls, rated = people["urls"], people["rated"]
    client.force_login(people["secretary_a"].user)
    page = client.get(urls["evaluation"]).content.decode()
    assert "开展民主评议" in page
    client.post(urls["open"])
    client.post(urls["start"])
    assert Evaluation.objects.get().status == EvaluationStatus.VOTING
    for voter in rated[:3]:
        ballot_cast(
            evaluation=Evaluation.objects.get(), voter=voter, marks={m.pk: Q for m in rated}
        )
    client.post(urls["close"])
    page = client.get(urls["evaluation"])
    assert page.context["proposal_form"] is not None
    assert "最多 1 人" in page.content.decode()  # 4 rated → one third is 1

    two_excellent = {f"g{m.pk}": Q for m in rated} | {
        f"g{rated[1].pk}": E,
        f"g{rated[2].pk}": E,
    }
    response = client.post(urls["propose"], two_excellent)
    assert response.status_code == 200  # shown again, with what was chosen
    assert "“优秀”最多 1 人" in response.content.decode()
    assert not EvaluationResult.objects.exists()

    one = {f"g{m.pk}": Q for m in rated} | {f"g{rated[1].pk}": E, f"n{rated[1].pk}": "带头"}
    response = client.post(urls["propose"], one, follow=True)
    assert response.redirect_chain[-1][0] == urls["evaluation"]
    assert EvaluationResult.objects.count() == len(rated)
    assert 'id="finalize"' in response.content.decode()
    client.post(urls["finalize"])
    client.post(urls["finalize"])  # twice: harmless
    assert Evaluation.objects.get().status == EvaluationStatus.FINALIZED


def test_a_proposal_missing_a_member_is_shown_again(client, people):
    evaluation = _voting(people)
    voting_close(evaluation=evaluation, by=people["secretary_a"].user)
    client.force_login(people["secretary_a"].user)
    data = {f"g{m.pk}": Q for m in people["rated"][1:]}
    response = client.post(people["urls"]["propose"], data)
    assert response.status_code == 200
    assert f"请为 {people['rated'][0].name} 选择评定等次" in response.content.decode()
    assert not EvaluationResult.objects.exists()


# --- the member -----------------------------------------------------------------------------------


def test_a_member_assesses_themself_and_votes_once(client, people):
    _opened(people)
    urls, member = people["urls"], people["member_a"]
    client.force_login(member.user)
    response = client.post(urls["self"], {"grade": Q, "text": "按时参加组织生活"}, follow=True)
    assert "个人自评已保存" in response.content.decode()
    assert SelfAssessment.objects.get().member == member
    response = client.post(urls["cast"], _ballot(people["rated"]), follow=True)
    assert "投票尚未开始" in response.content.decode()
    assert not Ballot.objects.exists()

    voting_start(evaluation=Evaluation.objects.get(), by=people["secretary_a"].user)
    page = client.get(urls["evaluation"]).content.decode()
    assert 'id="ballot"' in page and page.count('class="btn-check"') == 4 * len(people["rated"])
    response = client.post(urls["cast"], _ballot(people["rated"]), follow=True)
    assert response.redirect_chain == [(urls["evaluation"], 302)]
    body = response.content.decode()
    assert "您的选票已投出" in body and 'id="has-voted"' in body and 'id="ballot"' not in body

    response = client.post(urls["cast"], _ballot(people["rated"], E), follow=True)
    assert "您已经投过票了,每人只能投一次。" in response.content.decode()
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1


def test_an_incomplete_ballot_is_shown_again_and_nothing_saved(client, people):
    _voting(people)
    client.force_login(people["member_a"].user)
    data = _ballot(people["rated"])
    del data[f"m{people['member_a3'].pk}"]
    response = client.post(people["urls"]["cast"], data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "请为 甲党员三 选择等次" in body
    assert body.count(" checked") == len(people["rated"]) - 1  # what was chosen is kept
    assert not Ballot.objects.exists() and not VoteReceipt.objects.exists()


def test_an_absent_member_is_told_they_do_not_vote(client, people):
    _voting(people)
    people["meeting"].attendees.update(present=True)
    people["meeting"].attendees.filter(member=people["member_a"]).update(present=False)
    client.force_login(people["member_a"].user)
    body = client.get(people["urls"]["evaluation"]).content.decode()
    assert "不参加本次投票" in body and 'id="ballot"' not in body
    response = client.post(people["urls"]["cast"], _ballot(people["rated"]), follow=True)
    assert "不在本次民主评议的投票人中" in response.content.decode()
    assert not Ballot.objects.exists()


# --- the tally on the page ---------------------------------------------------------------------


def test_the_tally_is_not_on_the_page_while_voting(client, people):
    evaluation = _voting(people)
    for voter in people["rated"]:
        ballot_cast(evaluation=evaluation, voter=voter, marks={m.pk: E for m in people["rated"]})
    client.force_login(people["secretary_a"].user)
    response = client.get(people["urls"]["evaluation"])
    body = response.content.decode()
    assert "投票结束后显示统计" in body
    assert response.context["page"].tally is None
    assert 'id="ballot-count">4 / 4' in body


def test_the_tally_is_not_on_the_page_below_three_ballots(client, people):
    evaluation = _voting(people)
    for voter in people["rated"][:2]:
        ballot_cast(evaluation=evaluation, voter=voter, marks={m.pk: E for m in people["rated"]})
    client.force_login(people["secretary_a"].user)
    refused = client.post(people["urls"]["close"], follow=True)
    assert "已收回选票 2 张,不足 3 张,不能结束投票" in refused.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == "voting"
    evaluation.status = "closed"  # as an evaluation closed before the rule would be
    evaluation.save()
    client.force_login(people["secretary_a"].user)
    response = client.get(people["urls"]["evaluation"])
    assert "少于 3 张选票,不显示统计" in response.content.decode()
    assert response.context["page"].tally is None
    assert all(row.counts is None for row in response.context["page"].rows)


def test_the_tally_is_on_the_page_after_close_with_three(client, people):
    evaluation = _voting(people)
    rated = people["rated"]
    for voter, grade in zip(rated[:3], (E, B, E), strict=True):
        marks = {m.pk: Q for m in rated} | {people["member_a2"].pk: grade}
        ballot_cast(evaluation=evaluation, voter=voter, marks=marks)
    voting_close(evaluation=evaluation, by=people["secretary_a"].user)
    client.force_login(people["secretary_a"].user)
    response = client.get(people["urls"]["evaluation"])
    assert "共收回选票 3 张" in response.content.decode()
    rows = {row.member: row.counts for row in response.context["page"].rows}
    assert rows[people["member_a2"]] == [2, 0, 1, 0]
    # a member of the branch never sees the tally
    client.force_login(people["member_a3"].user)
    body = client.get(people["urls"]["evaluation"]).content.decode()
    assert "共收回选票" not in body and 'id="evaluation-tally"' not in body


# --- results ----------------------------------------------------------------------------------------


def test_a_member_sees_their_own_result_only(client, people):
    _finalized(people)
    member = people["member_a2"]
    client.force_login(member.user)
    response = client.get(people["urls"]["evaluation"])
    body = response.content.decode()
    assert 'id="my-result"' in body and "说明[甲党员二]" in body
    for other in people["rated"]:
        if other != member:
            assert f"说明[{other.name}]" not in body
    assert 'id="evaluation-results"' not in body and "优秀" not in body.split('id="my-result"')[1]


def test_a_supervisor_above_sees_every_result(client, org_tree, people):
    _finalized(people)
    client.force_login(SupervisorFactory(organization=org_tree["committee"]).user)
    body = client.get(people["urls"]["evaluation"]).content.decode()
    assert 'id="evaluation-results"' in body
    for member in people["rated"]:
        assert f"说明[{member.name}]" in body
    assert 'id="ballot"' not in body and 'id="proposal"' not in body


def test_a_supervisor_sees_no_result_before_it_is_final(client, org_tree, people):
    evaluation = _voting(people)
    for voter in people["rated"][:3]:
        ballot_cast(evaluation=evaluation, voter=voter, marks={m.pk: Q for m in people["rated"]})
    voting_close(evaluation=evaluation, by=people["secretary_a"].user)
    results_propose(
        evaluation=evaluation,
        by=people["secretary_a"].user,
        grades={m.pk: Q for m in people["rated"]},
        notes={m.pk: f"说明[{m.name}]" for m in people["rated"]},
    )
    client.force_login(SupervisorFactory(organization=org_tree["committee"]).user)
    body = client.get(people["urls"]["evaluation"]).content.decode()
    assert "评议结果确定后可在此查看" in body and "说明[" not in body


# --- query count --------------------------------------------------------------------------------


def _committee_page_queries(client, org_tree, n: int, name: str) -> int:
    branch = org_tree["a"] if name == "a" else org_tree["b"]
    secretary = MemberFactory(branch=branch, name=f"{name}书记", position="secretary")
    members = [secretary] + [MemberFactory(branch=branch, name=f"{name}{i}") for i in range(n - 1)]
    meeting = MeetingFactory(branch=branch)
    evaluation = evaluation_open(meeting=meeting, by=secretary.user)
    for member in members[::2]:
        self_assessment_save(evaluation=evaluation, member=member, grade=Q, text="自评")
    voting_start(evaluation=evaluation, by=secretary.user)
    for voter in members[:5]:
        ballot_cast(evaluation=evaluation, voter=voter, marks={m.pk: Q for m in members})
    voting_close(evaluation=evaluation, by=secretary.user)
    results_propose(evaluation=evaluation, by=secretary.user, grades={m.pk: Q for m in members})
    client.force_login(secretary.user)
    url = reverse("meetings:evaluation", kwargs={"meeting_pk": meeting.pk})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["proposal_rows"]) == n
    return len(ctx.captured_queries)


def test_the_committee_page_costs_the_same_for_10_and_30_members(client, org_tree):
    assert _committee_page_queries(client, org_tree, 10, "a") == _committee_page_queries(
        client, org_tree, 30, "b"
    )
