"""A branch with a secretary, a committee member and three members, a held-ready meeting
(drafts, criticism and opinions: tests/meetings/factories.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from meetings.choices import MeetingStatus
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory


@pytest.fixture
def people(org_tree):
    a, b = org_tree["a"], org_tree["b"]
    return {
        **org_tree,
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "committee": MemberFactory(branch=a, name="甲委员", position="organization"),
        "m1": MemberFactory(branch=a, name="张三"),
        "m2": MemberFactory(branch=a, name="李四"),
        "m3": MemberFactory(branch=a, name="王五"),
        "secretary_b": MemberFactory(branch=b, name="乙书记", position="secretary"),
        "member_b": MemberFactory(branch=b, name="乙党员"),
        "supervisor": SupervisorFactory(organization=org_tree["committee"]).user,
        "supervisor_other": SupervisorFactory(organization=org_tree["other"]).user,
        "supervisor_general": SupervisorFactory(organization=org_tree["general"]).user,
    }


@pytest.fixture
def meeting(people):
    """A meeting of branch A in 会前准备 (every active member expected), planned for today
    (a meeting is held on its day, never before)."""
    return MeetingFactory(branch=people["a"], starts_at=timezone.now())


@pytest.fixture
def held(people):
    """A meeting of branch A already held (no problems yet)."""
    return MeetingFactory(branch=people["a"], status=MeetingStatus.HELD, held_at=timezone.now())
