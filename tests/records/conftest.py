"""People of the org tree (tests/conftest.py ``org_tree``) and a helper that gives a member
a history of held meetings with everything the record shows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.choices import EvaluationStatus, TalkRule
from meetings.models import (
    Attendee,
    DraftVersion,
    Evaluation,
    EvaluationResult,
    Talk,
)
from rectification.models import Interview
from tests.meetings.factories import DraftFactory
from tests.members.factories import MemberFactory, SupervisorFactory
from tests.supervision.conftest import add_item, add_problem, held_meeting


@pytest.fixture
def people(org_tree):
    a, b, c = org_tree["a"], org_tree["b"], org_tree["c"]
    return {
        **org_tree,
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "committee_member": MemberFactory(branch=a, name="甲委员", position="organization"),
        "m1": MemberFactory(branch=a, name="张三"),
        "m2": MemberFactory(branch=a, name="李四"),
        "member_b": MemberFactory(branch=b, name="乙党员"),
        "secretary_c": MemberFactory(branch=c, name="丙书记", position="secretary"),
        "member_c": MemberFactory(branch=c, name="丙党员"),
        "supervisor": SupervisorFactory(organization=org_tree["committee"]).user,
        "supervisor_general": SupervisorFactory(organization=org_tree["general"]).user,
        "supervisor_other": SupervisorFactory(organization=org_tree["other"]).user,
    }


def give_history(member, n: int, *, peer, secretary, start: int = 0) -> None:
    """``n`` held meetings of the member's branch, each with: attendance, a draft submitted
    twice (returned once), a problem with an overdue item and an interview about it, a final
    grade and a talk held with ``peer``."""
    now = timezone.now()
    for i in range(start, start + n):
        meeting = held_meeting(member.branch, hours_ago=24 * (i + 2))
        Attendee.objects.filter(meeting=meeting, member=member).update(present=True)
        draft = DraftFactory(
            meeting=meeting, author=member, version=2, approved_at=now, submitted_at=now
        )
        DraftVersion.objects.create(draft=draft, number=1, snapshot={})
        problem = add_problem(meeting, member, text=f"问题{i}")
        item = add_item(problem, deadline_in=-3, measure=f"措施{i}")
        interview = Interview.objects.create(
            branch=member.branch,
            member=member,
            held_on=timezone.localdate() - datetime.timedelta(days=1),
            interviewer=secretary.name,
            said="请抓紧整改。",
            by=secretary.user,
        )
        interview.items.add(item)
        evaluation = Evaluation.objects.create(meeting=meeting, status=EvaluationStatus.FINALIZED)
        EvaluationResult.objects.create(
            evaluation=evaluation,
            branch_id=evaluation.meeting.branch_id,
            member=member,
            grade="qualified",
        )
        low, high = sorted((member, peer), key=lambda m: m.pk)
        Talk.objects.create(
            meeting=meeting,
            member_a=low,
            member_b=high,
            rule=TalkRule.MEMBERS,
            held_on=timezone.localdate(),
            topic=f"谈心{i}",
        )
