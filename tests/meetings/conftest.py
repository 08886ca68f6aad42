"""Fixtures the meeting view tests share: the people of branch A (and one outsider branch B)
with a meeting of branch A in 会前准备, and a page's query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

# key → (branch in org_tree, name, position); created in this order, each file picks its own.
ROLES = {
    "secretary_a": ("a", "甲书记", "secretary"),
    "committee_a": ("a", "甲委员", "organization"),
    "member_a": ("a", "甲党员", None),
    "member_a2": ("a", "甲党员二", None),
    "member_a3": ("a", "甲党员三", None),
    "secretary_b": ("b", "乙书记", "secretary"),
    "member_b": ("b", "乙党员", None),
}


@pytest.fixture
def branch_people(org_tree):
    """``branch_people(*roles)``: those members of ``ROLES`` (all of them when none is named),
    then ``"meeting"``: a meeting of branch A in 会前准备 that expects every one of A."""

    def build(*roles: str) -> dict:
        found = {}
        for key in roles or ROLES:
            branch, name, position = ROLES[key]
            extra = {"position": position} if position else {}
            found[key] = MemberFactory(branch=org_tree[branch], name=name, **extra)
        found["meeting"] = MeetingFactory(branch=org_tree["a"])
        return found

    return build


@pytest.fixture
def page_queries():
    """``page_queries(client, url)``: how many queries the page (answering 200) ran."""

    def count(client, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    return count


@pytest.fixture
def draft_people(org_tree):
    """The drafts' cast: branch A's secretary, a committee member and two members, branch B's
    secretary, a meeting of branch A, and supervisors of the 党委, the other 党委 and the
    党总支 (who may and may not see branch A's drafts)."""
    a, b = org_tree["a"], org_tree["b"]
    found = {
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "committee_member": MemberFactory(branch=a, name="甲委员", position="organization"),
        "member": MemberFactory(branch=a, name="张三"),
        "member2": MemberFactory(branch=a, name="李四"),
        "secretary_b": MemberFactory(branch=b, name="乙书记", position="secretary"),
    }
    found["meeting"] = MeetingFactory(branch=a)
    found["supervisor"] = SupervisorFactory(organization=org_tree["committee"])
    found["supervisor_other"] = SupervisorFactory(organization=org_tree["other"])
    found["supervisor_general"] = SupervisorFactory(organization=org_tree["general"])
    return found
