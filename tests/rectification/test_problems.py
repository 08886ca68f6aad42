"""The problem list: problems from every source with the right owner and link, merging,
publishing within the branch, closing into 整改中, scoping, and constant query counts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus
from notifications.models import Notification
from rectification.choices import ProblemSource
from rectification.models import Problem
from rectification.selectors import problems as selectors
from rectification.services import lifecycle
from rectification.services import problems as services
from rectification.services.lifecycle import meeting_hold
from tests.meetings.factories import (
    AnonymousOpinionFactory,
    CriticismFactory,
    DraftFactory,
    MeetingFactory,
    OpinionFactory,
    OpinionWindowFactory,
)

pytestmark = pytest.mark.django_db


def _texts(groups) -> list[str]:
    return [p.text for g in groups for p in g.problems]


def _add(meeting, owner, text, category="style") -> Problem:
    return services.problem_add_supervisor(
        meeting=meeting, by=_sec(meeting), owner=owner, category=category, text=text
    )


def _sec(meeting):
    return meeting.branch.members.get(position="secretary").user


# --- sources ---------------------------------------------------------------------------------


def test_holding_the_meeting_lists_every_submitted_drafts_problems_once(people, meeting):
    m1, secretary = people["m1"], people["secretary"]
    DraftFactory(
        meeting=meeting,
        author=m1,
        problems=[
            ("study", "理论学习不够系统", "今年只读完一本规定书目"),
            ("style", "调研不深入", "下乡调研仅两次"),
        ],
        cause_thinking="放松了理论学习",
        cause_conduct="怕麻烦",
    )
    DraftFactory(
        meeting=meeting,
        author=secretary,
        problems=[("duty", "班子落实“三会一课”不严格", "上半年少开一次支委会")],
        is_committee=True,
    )
    DraftFactory(
        meeting=meeting, author=people["m2"], problems=[("other", "还在撰写的问题", "")], version=0
    )

    meeting_hold(meeting=meeting, by=secretary.user, override_reason="上级要求按期召开")

    problems = {p.text: p for p in Problem.objects.all()}
    assert set(problems) == {"理论学习不够系统", "调研不深入", "班子落实“三会一课”不严格"}
    study = problems["理论学习不够系统"]
    assert (study.owner, study.is_committee, study.branch) == (m1, False, people["a"])
    assert study.source == ProblemSource.DRAFT and study.draft_problem.draft.author == m1
    assert study.example == "今年只读完一本规定书目"
    assert study.root_cause == "思想意识:放松了理论学习\n能力作风:怕麻烦"
    committee = problems["班子落实“三会一课”不严格"]
    assert committee.is_committee and committee.owner is None

    meeting.refresh_from_db()
    assert services.problems_from_drafts(meeting=meeting) == 0
    meeting_hold(meeting=meeting, by=secretary.user, override_reason="重试")
    assert Problem.objects.count() == 3


def test_a_problem_from_criticism_belongs_to_the_one_criticised(people, held):
    criticism = CriticismFactory(
        meeting=held,
        critic=people["m1"],
        target=people["m2"],
        text="李四同志参加集中学习经常迟到,三月份两次缺席",
    )
    problem = services.problem_from_criticism(
        criticism=criticism, by=people["secretary"].user, category="discipline"
    )
    assert (problem.owner, problem.criticism, problem.source) == (
        people["m2"],
        criticism,
        ProblemSource.CRITICISM,
    )
    assert problem.text == criticism.text and problem.branch == people["a"]
    again = services.problem_from_criticism(
        criticism=criticism, by=people["secretary"].user, category="discipline"
    )
    assert again == problem and Problem.objects.count() == 1  # a resubmitted form


def test_problems_from_kept_opinions_signed_and_anonymous(people, held):
    sec = people["secretary"].user
    committee_window = OpinionWindowFactory(meeting=held)
    signed = OpinionFactory(
        window=committee_window, author=people["m1"], text="支委会研究问题有时只走过场"
    )
    problem = services.problem_from_opinion(
        opinion=signed, by=sec, owner=None, category="style", text="支委会议事不充分"
    )
    assert problem.is_committee and problem.owner is None
    assert (problem.opinion, problem.anonymous_opinion) == (signed, None)
    assert problem.text == "支委会议事不充分"

    member_window = OpinionWindowFactory(meeting=held, target="member", target_member=people["m3"])
    anonymous = AnonymousOpinionFactory(
        window=member_window, text="王五同志服务群众态度生硬,窗口投诉两次"
    )
    assert selectors.suggested_owner(anonymous) == people["m3"]
    problem = services.problem_from_opinion(
        opinion=anonymous, by=sec, owner=people["m3"], category="masses"
    )
    assert (problem.owner, problem.anonymous_opinion, problem.opinion) == (
        people["m3"],
        anonymous,
        None,
    )
    assert problem.source == ProblemSource.OPINION

    unsorted = AnonymousOpinionFactory(
        window=committee_window, text="还没有梳理的意见内容", disposition="unsorted"
    )
    with pytest.raises(ValidationError) as exc:
        services.problem_from_opinion(opinion=unsorted, by=sec, owner=None, category="style")
    assert "采纳为问题" in exc.value.messages[0]


def test_a_supervisor_comment_becomes_a_problem_without_a_link(people, held):
    problem = services.problem_add_supervisor(
        meeting=held,
        by=people["supervisor"],
        owner=people["m1"],
        category="duty",
        text="对群众反映的停车难问题推进不力",
        root_cause="担当意识不强",
    )
    assert problem.source == ProblemSource.SUPERVISOR and problem.owner == people["m1"]
    assert not any((problem.draft_problem, problem.criticism, problem.opinion))
    with pytest.raises(ValidationError) as exc:
        services.problem_add_supervisor(
            meeting=held,
            by=people["supervisor"],
            owner=people["member_b"],
            category="duty",
            text="别的支部的党员",
        )
    assert "本支部" in str(exc.value)
    with pytest.raises(ValidationError):
        services.problem_add_supervisor(
            meeting=held, by=people["secretary_b"].user, owner=None, category="duty", text="越权"
        )


def test_problems_are_added_only_while_the_meeting_is_held(people, meeting):
    with pytest.raises(ValidationError) as exc:
        _add(meeting, None, "会前不能列问题")
    assert "会前准备" in exc.value.messages[0]


# --- editing and merging ---------------------------------------------------------------------


def test_merge_same_owner_only_and_the_merged_one_leaves_the_list(people, held):
    m1, m2 = people["m1"], people["m2"]
    keep = _add(held, m1, "落实“三会一课”制度不严格,上半年少开一次党小组会")
    dup = _add(held, m1, "落实“三会一课”制度不够严格,上半年少开了一次党小组会")
    other = _add(held, m1, "对分管领域的安全生产检查不细致,仓库消防通道被占用未发现")
    m2_twin = _add(held, m2, "落实“三会一课”制度不严格,上半年少开一次党小组会")

    pairs = [(c.keep, c.merge) for c in selectors.merge_candidates(meeting=held)]
    assert pairs == [(keep, dup)]  # not m1's different problem, not m2's twin

    with pytest.raises(ValidationError) as exc:
        services.problem_merge(keep=keep, merge=[m2_twin], by=people["secretary"].user)
    assert "同一责任人" in exc.value.messages[0]

    services.problem_merge(keep=keep, merge=[dup], by=people["secretary"].user)
    services.problem_merge(keep=keep, merge=[dup], by=people["secretary"].user)  # a retry
    dup.refresh_from_db()
    assert dup.merged_into == keep
    groups = selectors.problem_list(user=people["secretary"].user, meeting=held)
    assert dup.text not in _texts(groups) and other.text in _texts(groups)
    kept = next(p for g in groups for p in g.problems if p.pk == keep.pk)
    assert [m.pk for m in kept.merged_list] == [dup.pk]
    assert selectors.merge_candidates(meeting=held) == []


def test_a_change_of_owner_carries_the_merged_problems(people, held):
    keep = _add(held, people["m1"], "集中学习请假次数多,全年请假五次")
    dup = _add(held, people["m1"], "集中学习请假多,全年请假达五次")
    services.problem_merge(keep=keep, merge=[dup], by=people["secretary"].user)
    services.problem_update(
        problem=keep,
        by=people["secretary"].user,
        category="discipline",
        text="集中学习请假次数多",
        root_cause="",
        owner=None,
    )
    assert set(Problem.objects.values_list("is_committee", "owner")) == {(True, None)}


def test_one_click_merge_from_the_list_page(client, people, held):
    keep = _add(held, people["m1"], "落实“三会一课”制度不严格,上半年少开一次党小组会")
    dup = _add(held, people["m1"], "落实“三会一课”制度不够严格,上半年少开了一次党小组会")
    client.force_login(people["secretary"].user)
    url = reverse("rectification:problems", args=[held.pk])
    assert f'data-merge="{dup.pk}"' in client.get(url).content.decode()
    response = client.post(
        reverse("rectification:merge", args=[held.pk]), {"keep": keep.pk, "merge": dup.pk}
    )
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == keep
    assert f'id="problem-{dup.pk}"' not in client.get(url).content.decode()


# --- adding through the page -----------------------------------------------------------------


def test_the_committee_adds_from_criticism_on_the_page(client, people, held):
    criticism = CriticismFactory(
        meeting=held, critic=people["m1"], target=people["m2"], text="李四同志开会经常玩手机,不专心"
    )
    client.force_login(people["secretary"].user)
    url = reverse("rectification:problem-from-criticism", args=[held.pk])
    response = client.post(
        url, {"criticism-criticism": criticism.pk, "criticism-category": "discipline"}
    )
    assert response.status_code == 302
    problem = Problem.objects.get()
    assert problem.owner == people["m2"] and problem.criticism == criticism
    page = client.get(reverse("rectification:problems", args=[held.pk])).content.decode()
    assert "(已列入)张三 → 李四" in page
    # a bad form comes back with what was typed, nothing saved
    response = client.post(url, {"criticism-criticism": criticism.pk, "criticism-text": "漏选类别"})
    assert response.status_code == 200 and "漏选类别" in response.content.decode()
    assert Problem.objects.count() == 1


def test_the_opinion_form_takes_the_owner_from_the_window(client, people, held):
    window = OpinionWindowFactory(meeting=held, target="member", target_member=people["m3"])
    anonymous = AnonymousOpinionFactory(window=window, text="王五同志对群众来电答复不及时")
    client.force_login(people["secretary"].user)
    response = client.post(
        reverse("rectification:problem-from-opinion", args=[held.pk]),
        {
            "opinion-opinion": f"a-{anonymous.pk}",
            "opinion-owner": "suggested",
            "opinion-category": "masses",
        },
    )
    assert response.status_code == 302
    assert Problem.objects.get().owner == people["m3"]


# --- publishing and closing -------------------------------------------------------------------


def test_publishing_shows_the_list_to_the_branch_and_tells_its_members(client, people, held):
    problem = _add(held, people["m1"], "对青年党员传帮带不够")
    url = reverse("rectification:problems", args=[held.pk])
    client.force_login(people["m2"].user)
    response = client.get(url)
    assert response.status_code == 200 and problem.text not in response.content.decode()
    assert 'id="not-published"' in response.content.decode()

    services.problems_publish(meeting=held, by=people["secretary"].user)
    services.problems_publish(meeting=held, by=people["secretary"].user)  # a retry
    response = client.get(url)
    body = response.content.decode()
    assert problem.text in body and 'id="not-published"' not in body
    assert reverse("rectification:problem-edit", args=[problem.pk]) not in body  # read-only
    told = Notification.objects.filter(key=f"meeting:{held.pk}:problems-published")
    assert told.count() == 5 and told.filter(recipient=people["m2"].user, url=url).exists()
    # a member cannot edit or publish
    edit = reverse("rectification:problem-edit", args=[problem.pk])
    assert client.post(edit, {"text": "改掉"}).status_code == 404


def test_publishing_an_empty_list_or_before_the_meeting_is_refused(people, meeting, held):
    with pytest.raises(ValidationError):
        services.problems_publish(meeting=meeting, by=people["secretary"].user)
    with pytest.raises(ValidationError) as exc:
        services.problems_publish(meeting=held, by=people["secretary"].user)
    assert "空" in exc.value.messages[0]


def test_closing_needs_the_list_published_and_the_report_sent(people, held):
    sec = people["secretary"].user
    problem = _add(held, people["m1"], "联系服务群众不够主动")
    with pytest.raises(ValidationError) as exc:
        lifecycle.meeting_close(meeting=held, by=sec)
    assert "尚未公示" in exc.value.messages[0] and "尚未上报" in exc.value.messages[0]
    services.problems_publish(meeting=held, by=sec)
    with pytest.raises(ValidationError) as exc:
        lifecycle.meeting_close(meeting=held, by=sec)
    assert "尚未公示" not in exc.value.messages[0] and "尚未上报" in exc.value.messages[0]
    lifecycle.meeting_report_send(meeting=held, by=sec)
    lifecycle.meeting_close(meeting=held, by=sec)
    lifecycle.meeting_close(meeting=held, by=sec)  # a retry
    held.refresh_from_db()
    assert held.status == MeetingStatus.RECTIFYING

    with pytest.raises(ValidationError) as exc:
        services.problem_update(
            problem=problem, by=sec, category="masses", text="改", root_cause="", owner=None
        )
    assert "整改中" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        _add(held, people["m1"], "整改中不能再加")


def test_closing_through_the_page_reports_what_is_missing(client, people, held):
    _add(held, people["m1"], "联系服务群众不够主动")
    client.force_login(people["secretary"].user)
    response = client.post(reverse("rectification:close", args=[held.pk]), follow=True)
    assert "还不能转入整改" in response.content.decode()
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD


# --- scoping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_another_branch_gets_404_everywhere(client, people, held, who):
    problem = _add(held, people["m1"], "对青年党员传帮带不够")
    services.problems_publish(meeting=held, by=people["secretary"].user)
    client.force_login(people[who].user)
    pk = held.pk
    for name in ("problems", "report", "report-docx"):
        assert client.get(reverse(f"rectification:{name}", args=[pk])).status_code == 404
    for name in ("publish", "report-send", "close", "merge", "problem-from-supervisor"):
        response = client.post(reverse(f"rectification:{name}", args=[pk]), {"keep": 1})
        assert response.status_code == 404
    assert client.get(reverse("rectification:problem-edit", args=[problem.pk])).status_code == 404
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD and held.report_sent_at is None


@pytest.mark.parametrize("who", ["supervisor_other", "supervisor_general"])
def test_a_supervisor_not_above_the_branch_gets_404(client, people, held, who):
    _add(held, people["m1"], "对青年党员传帮带不够")
    client.force_login(people[who])
    for name in ("problems", "report", "report-docx"):
        assert client.get(reverse(f"rectification:{name}", args=[held.pk])).status_code == 404


def test_the_supervisor_above_sees_the_list_before_publication(client, people, held):
    problem = _add(held, people["m1"], "对青年党员传帮带不够")
    client.force_login(people["supervisor"])
    response = client.get(reverse("rectification:problems", args=[held.pk]))
    assert response.status_code == 200 and problem.text in response.content.decode()


def test_a_member_of_the_branch_may_not_read_the_report(client, people, held):
    client.force_login(people["m1"].user)
    assert client.get(reverse("rectification:report", args=[held.pk])).status_code == 404


# --- query counts -------------------------------------------------------------------------------


def _fill(meeting, people, n: int) -> None:
    owners = [None, people["m1"], people["m2"], people["m3"], people["committee"]]
    Problem.objects.bulk_create(
        Problem(
            meeting=meeting,
            branch=meeting.branch,
            owner=owners[i % 5],
            is_committee=owners[i % 5] is None,
            category="style",
            text=f"第{i}个问题:在第{i}项具体工作中落实不到位,影响了{i}户群众",
            source=ProblemSource.SUPERVISOR,
        )
        for i in range(n)
    )
    criticism = CriticismFactory(
        meeting=meeting, critic=people["m1"], target=people["m2"], text=f"批评意见{n}"
    )
    services.problem_from_criticism(
        criticism=criticism, by=people["secretary"].user, category="style"
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["secretary", "m1"])
def test_the_list_costs_the_same_queries_for_5_and_40_problems(client, people, who):
    small = MeetingFactory(branch=people["a"], status="held", held_at=timezone.now())
    large = MeetingFactory(branch=people["a"], status="held", held_at=timezone.now())
    _fill(small, people, 5)
    _fill(large, people, 40)
    for m in (small, large):
        services.problems_publish(meeting=m, by=people["secretary"].user)
    client.force_login(people[who].user)
    counts = [
        _count(client, reverse("rectification:problems", args=[m.pk])) for m in (small, large)
    ]
    assert counts[0] == counts[1], counts
    assert Problem.objects.filter(meeting=large).active().count() == 41
