"""A branch with a secretary, a committee member and three members, a held-ready meeting,
and helpers that build drafts, criticism and opinions directly."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import (
    AnonymousOpinion,
    Criticism,
    Draft,
    DraftProblem,
    Opinion,
    OpinionWindow,
)
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


def make_draft(meeting, author, problems, *, committee=False, version=1, **causes) -> Draft:
    now = timezone.now()
    draft = Draft.objects.create(
        meeting=meeting,
        author=author,
        is_committee=committee,
        status="approved" if version else "writing",
        version=version,
        approved_at=now if version else None,
        **causes,
    )
    for order, (category, text, example) in enumerate(problems, 1):
        DraftProblem.objects.create(
            draft=draft, order=order, category=category, text=text, example=example
        )
    return draft


def make_criticism(meeting, critic, target, text) -> Criticism:
    return Criticism.objects.create(meeting=meeting, critic=critic, target=target, text=text)


def make_window(meeting, *, target="committee", target_member=None) -> OpinionWindow:
    now = timezone.now()
    return OpinionWindow.objects.create(
        meeting=meeting,
        target=target,
        target_member=target_member,
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=3),
    )


def make_opinion(window, author, text, disposition="kept") -> Opinion:
    return Opinion.objects.create(window=window, author=author, text=text, disposition=disposition)


def make_anonymous(window, text, disposition="kept") -> AnonymousOpinion:
    return AnonymousOpinion.objects.create(
        window=window,
        source="member",
        text=text,
        disposition=disposition,
        received_on=timezone.localdate(),
    )
