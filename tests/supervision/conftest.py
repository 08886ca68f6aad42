"""A small world for the supervisor's overview, and helpers that change problems and items
the way the services do: write, then announce the change (the journal); the world is
folded into the rollups at the end, as Celery beat does within seconds."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.choices import DraftStatus, MeetingStatus
from members.changes import branch_changed
from rectification.choices import ProblemSource
from rectification.models import LookBack, RectificationItem
from rectification.services.hooks import item_changed
from rectification.services.items import meetings_mark_recurring
from supervision.services.rollups import rollups_fold
from tests.meetings.factories import DraftFactory, MeetingFactory
from tests.members.factories import MemberFactory, OrganizationFactory, SupervisorFactory
from tests.rectification.factories import ProblemFactory

TODAY = timezone.localdate


def held_meeting(branch, *, hours_ago: int = 1, status=MeetingStatus.RECTIFYING):
    starts = timezone.now() - datetime.timedelta(hours=hours_ago)
    return MeetingFactory(
        branch=branch,
        status=status,
        starts_at=starts,
        held_at=starts,
        scheduled_at=starts - datetime.timedelta(days=10),
        problems_published_at=starts,
        report_sent_at=starts,
    )


def add_problem(meeting, owner=None, *, category="study", text="理论学习不够深入", source=None):
    """A problem of ``owner`` (None: the committee), entered as the supervisor's comment."""
    problem = ProblemFactory(
        meeting=meeting,
        owner=owner,
        category=category,
        text=text,
        source=source or ProblemSource.SUPERVISOR,
    )
    branch_changed(branch_id=meeting.branch_id)
    return problem


def add_item(problem, *, deadline_in: int = 30, status: str = "not_started", lead=None, **extra):
    """An item for ``problem`` with consistent timestamps for ``status``; hooks called."""
    now = timezone.now()
    started = now if status != "not_started" else None
    done = now if status in ("awaiting", "signed_off") else None
    deadline = TODAY() + datetime.timedelta(days=deadline_in)
    item = RectificationItem.objects.create(
        problem=problem,
        meeting_id=problem.meeting_id,
        branch_id=problem.branch_id,
        measure=extra.pop("measure", "每月精读一篇理论文章并撰写心得"),
        owner=problem.owner,
        is_committee=problem.is_committee,
        lead=lead if problem.is_committee else None,
        deadline=deadline,
        original_deadline=deadline,
        status=status,
        started_at=started,
        done_at=done,
        signed_off_at=now if status == "signed_off" else None,
        **extra,
    )
    item_changed(item=item)
    if item.recurring_of_id:  # as rectification.services.items does when it flags one
        meetings_mark_recurring(meeting_ids=[item.meeting_id])
    return item


def set_status(item, status: str, *, by=None):
    """Move an item to ``status`` the way the ledger does (timestamps kept consistent)."""
    now = timezone.now()
    fields = {"status": status}
    if status == "not_started":
        fields.update(started_at=None, done_at=None, signed_off_at=None, signed_off_by=None)
    elif status == "in_progress":
        fields.update(started_at=item.started_at or now, done_at=None, signed_off_at=None)
    elif status == "awaiting":
        fields.update(started_at=item.started_at or now, done_at=now, signed_off_at=None)
    else:
        fields.update(
            started_at=item.started_at or now,
            done_at=item.done_at or now,
            signed_off_at=now,
            signed_off_by=by,
        )
    RectificationItem.objects.filter(pk=item.pk).update(**fields)
    item.refresh_from_db()
    item_changed(item=item)
    return item


@pytest.fixture
def world(db):
    """一号党委 (supervised) → A支部, D支部 and 党总支 → B支部; 二号党委 → C支部 (not).

    A held its meeting an hour ago (now 整改中) with problems and items; B has a meeting
    being prepared with the committee's draft submitted; D has nothing; C, outside the
    supervisor's subtree, has items of its own."""
    committee = OrganizationFactory.committee(name="一号党委")
    a = OrganizationFactory.branch(parent=committee, name="A支部")
    general = OrganizationFactory.general_branch(parent=committee, name="党总支")
    b = OrganizationFactory.branch(parent=general, name="B支部")
    d = OrganizationFactory.branch(parent=committee, name="D支部")
    other = OrganizationFactory.committee(name="二号党委")
    c = OrganizationFactory.branch(parent=other, name="C支部")
    people = {
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "m1": MemberFactory(branch=a, name="张三"),
        "m2": MemberFactory(branch=a, name="李四"),
        "secretary_b": MemberFactory(branch=b, name="乙书记", position="secretary"),
        "member_c": MemberFactory(branch=c, name="丙党员"),
        "supervisor": SupervisorFactory(organization=committee).user,
        "supervisor_general": SupervisorFactory(organization=general).user,
        "supervisor_other": SupervisorFactory(organization=other).user,
    }
    meeting_a = held_meeting(a)
    p1 = add_problem(meeting_a, people["m1"], category="study")
    p2 = add_problem(meeting_a, people["m2"], category="style", text="调查研究不够深入")
    p3 = add_problem(meeting_a, None, category="style", text="班子联系群众不够")
    items = {
        "overdue": add_item(p1, deadline_in=-5, status="not_started"),
        "awaiting": add_item(p2, deadline_in=10, status="awaiting"),
        "signed": add_item(p2, deadline_in=-1, status="signed_off"),
        "committee": add_item(p3, deadline_in=20, status="in_progress", lead=people["secretary"]),
    }
    items["recurring"] = add_item(
        p1, deadline_in=60, status="in_progress", recurring_of=items["signed"]
    )
    LookBack.objects.create(meeting=meeting_a, due_on=TODAY() - datetime.timedelta(days=2))
    LookBack.objects.create(meeting=meeting_a, due_on=TODAY() + datetime.timedelta(days=60))
    meeting_b = MeetingFactory(branch=b, starts_at=timezone.now() + datetime.timedelta(hours=1))
    DraftFactory(
        meeting=meeting_b,
        author=people["secretary_b"],
        is_committee=True,
        status=DraftStatus.SUBMITTED,
        approved_at=None,
        submitted_at=timezone.now(),
    )
    for branch in (a, b):  # what the meeting, draft and look-back services do
        branch_changed(branch_id=branch.pk)
    meeting_c = held_meeting(c)
    pc = add_problem(meeting_c, people["member_c"])
    items["other_overdue"] = add_item(pc, deadline_in=-3, status="not_started")
    items["other_awaiting"] = add_item(pc, deadline_in=3, status="awaiting")
    rollups_fold()
    return {
        "committee": committee,
        "general": general,
        "other": other,
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "meeting_a": meeting_a,
        "meeting_b": meeting_b,
        "problems": [p1, p2, p3],
        "items": items,
        **people,
    }
