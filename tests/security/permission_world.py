"""One world for the URL permission test (tests/security/test_url_permissions.py).

Everything that belongs to branch A carries ``MARK`` in its text — the branch's name, its
members' names, every meeting's theme, every draft, opinion, talk, criticism, problem, item,
progress entry and notification — so that "something of A leaked to an outsider" is one
substring search over a response (HTML, an .ics file, or the XML inside a .docx/.xlsx).
Each of those texts is also unique, so that one object can be looked for on its own (a
member of A sees A's name on every page, but not a draft that is not theirs).

Organizations: 一号党委 → A (the objects' branch); 二号党委 → C (another branch).
Roles: anonymous; a member and the secretary of A; a member and the secretary of C; a
supervisor of 一号党委 (above A) and one of 二号党委 (not above A). Nobody is staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from meetings.choices import MeetingStatus, TalkRule
from meetings.models import Evaluation, Minutes, StudySession, Talk
from meetings.services import drafts as draft_services
from members.choices import Position
from notifications.models import Notification
from rectification.choices import ProblemSource
from rectification.models import LookBack, Problem
from rectification.services import items as item_services
from tests.meetings.factories import (
    AnonymousOpinionFactory,
    CriticismFactory,
    MeetingFactory,
    OpinionFactory,
    OpinionWindowFactory,
)
from tests.members.factories import MemberFactory, OrganizationFactory, SupervisorFactory
from tests.rectification.test_ledger import tiny_png
from tests.supervision.conftest import add_item

MARK = "甲机密"

ANONYMOUS = "anonymous"
MEMBER_A = "member_a"
MEMBER_C = "member_c"
SECRETARY_A = "secretary_a"
SECRETARY_C = "secretary_c"
SUPERVISOR_ABOVE = "supervisor_above"
SUPERVISOR_OTHER = "supervisor_other"

ROLES = (
    ANONYMOUS,
    MEMBER_A,
    MEMBER_C,
    SECRETARY_A,
    SECRETARY_C,
    SUPERVISOR_ABOVE,
    SUPERVISOR_OTHER,
)


@dataclass
class World:
    """The objects (by name) and one logged-in client per role."""

    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _past(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def _written_draft(meeting, member, label: str, *, committee: bool = False):
    draft = draft_services.draft_start(meeting=meeting, member=member, committee=committee)
    draft_services.draft_save(
        draft=draft,
        by=member.user,
        texts={"gains": f"{MARK}草稿正文·{label}", "direction": f"{MARK}努力方向"},
        problems=[{"category": "study", "text": f"{MARK}查摆问题", "example": f"{MARK}具体事例"}],
        measures=[{"problem": 1, "text": f"{MARK}草稿整改措施", "deadline": None}],
    )
    return draft


def build_world() -> World:
    """Build the world (the caller holds the transaction and MEDIA_ROOT)."""
    today = timezone.localdate()
    committee = OrganizationFactory.committee(name="一号党委")
    a = OrganizationFactory.branch(parent=committee, name=f"{MARK}支部")
    other = OrganizationFactory.committee(name="二号党委")
    c = OrganizationFactory.branch(parent=other, name="丙支部")

    secretary_a = MemberFactory(branch=a, name=f"{MARK}书记", position=Position.SECRETARY)
    member_a = MemberFactory(branch=a, name=f"{MARK}张三")
    peer_a = MemberFactory(branch=a, name=f"{MARK}李四")  # not a role: a private draft's author
    secretary_c = MemberFactory(branch=c, name="丙书记", position=Position.SECRETARY)
    member_c = MemberFactory(branch=c, name="丙党员")
    supervisor_above = SupervisorFactory(organization=committee).user
    supervisor_other = SupervisorFactory(organization=other).user

    # 会前准备: study, opinions (a closed window), talks, drafts, evaluation, the day's record.
    preparing = MeetingFactory(branch=a, theme=f"{MARK}·会前准备的会")
    study = StudySession.objects.create(
        meeting=preparing, held_on=today, topic=f"{MARK}学习研讨", created_by=secretary_a.user
    )
    window = OpinionWindowFactory(meeting=preparing)
    opinion = OpinionFactory(
        window=window, author=member_a, text=f"{MARK}署名意见", disposition="unsorted"
    )
    anonymous_opinion = AnonymousOpinionFactory(
        window=window, text=f"{MARK}无记名意见", disposition="unsorted"
    )
    low, high = sorted((secretary_a, member_a), key=lambda m: m.pk)
    talk = Talk.objects.create(
        meeting=preparing,
        member_a=low,
        member_b=high,
        rule=TalkRule.SECRETARY,
        held_on=today,
        topic=f"{MARK}谈心内容",
        recorded_by=secretary_a.user,
        recorded_at=timezone.now(),
    )
    Evaluation.objects.create(meeting=preparing)
    criticism = CriticismFactory(
        meeting=preparing, critic=secretary_a, target=member_a, text=f"{MARK}批评意见"
    )
    Minutes.objects.create(meeting=preparing, key_points=f"{MARK}会议要点")

    # Drafts: 张三's, submitted once and returned (the author and the secretary read it);
    # the committee's, submitted (the secretary who wrote it and the supervisor above);
    # 李四's, never submitted (nobody but 李四).
    returned_draft = _written_draft(preparing, member_a, "张三")
    draft_services.draft_submit(draft=returned_draft, by=member_a.user)
    draft_services.draft_return(
        draft=returned_draft, by=secretary_a.user, comments={"general": f"{MARK}审核意见"}
    )
    committee_draft = _written_draft(preparing, secretary_a, "班子", committee=True)
    draft_services.draft_submit(draft=committee_draft, by=secretary_a.user)
    private_draft = _written_draft(preparing, peer_a, "李四")
    for draft in (returned_draft, committee_draft, private_draft):
        draft.refresh_from_db()

    # 已召开: the problem list being built.
    held = MeetingFactory(
        branch=a,
        theme=f"{MARK}·已召开的会",
        status=MeetingStatus.HELD,
        starts_at=_past(hours=2),
        held_at=_past(hours=1),
    )
    held_problem = Problem.objects.create(
        meeting=held,
        branch=a,
        owner=member_a,
        category="study",
        text=f"{MARK}待整理的问题",
        source=ProblemSource.SUPERVISOR,
    )

    # 整改中: the ledger — a problem, an item with progress and evidence, a look-back.
    rectifying = MeetingFactory(
        branch=a,
        theme=f"{MARK}·整改中的会",
        status=MeetingStatus.RECTIFYING,
        starts_at=_past(days=30),
        held_at=_past(days=30),
        problems_published_at=_past(days=29),
        report_sent_at=_past(days=29),
    )
    problem = Problem.objects.create(
        meeting=rectifying,
        branch=a,
        owner=member_a,
        category="style",
        text=f"{MARK}整改中的问题",
        source=ProblemSource.SUPERVISOR,
    )
    item = item_services.item_create(
        problem=problem,
        by=secretary_a.user,
        measure=f"{MARK}整改措施",
        deadline=today + datetime.timedelta(days=30),
        owner=member_a,
        lead=None,
        priority="important",
        difficulty="medium",
    )
    progress = item_services.progress_add(
        item=item,
        by=member_a.user,
        on=today,
        text=f"{MARK}整改进展",
        evidence=SimpleUploadedFile("p.png", tiny_png()),
    )
    # For the supervisor's lists: an overdue item, one awaiting sign-off, a recurring one.
    overdue_item = add_item(problem, deadline_in=-5, measure=f"{MARK}逾期事项")
    awaiting_item = add_item(problem, status="awaiting", measure=f"{MARK}待销号事项")
    signed_item = add_item(problem, status="signed_off", measure=f"{MARK}已销号事项")
    recurring_item = add_item(
        problem, status="in_progress", measure=f"{MARK}屡改屡在事项", recurring_of=signed_item
    )
    lookback = LookBack.objects.create(meeting=rectifying, due_on=today + datetime.timedelta(10))

    notification = Notification.objects.create(
        recipient=secretary_a.user, key="permission-test", title=f"{MARK}通知", url="/"
    )

    # Branch C has a meeting of its own, so its people's pages are not empty.
    MeetingFactory(branch=c, theme="丙支部的会")

    users = {
        ANONYMOUS: None,
        MEMBER_A: member_a.user,
        MEMBER_C: member_c.user,
        SECRETARY_A: secretary_a.user,
        SECRETARY_C: secretary_c.user,
        SUPERVISOR_ABOVE: supervisor_above,
        SUPERVISOR_OTHER: supervisor_other,
    }
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    # The supervisors' figures are folded from the journal of branch changes (beat does it
    # every few seconds): the lists they count are as a supervisor would find them.
    from supervision.services.rollups import rollups_fold

    rollups_fold()
    return World(
        objects={
            "committee": committee,
            "other": other,
            "a": a,
            "c": c,
            "secretary_a": secretary_a,
            "member_a": member_a,
            "peer_a": peer_a,
            "preparing": preparing,
            "study": study,
            "window": window,
            "opinion": opinion,
            "anonymous_opinion": anonymous_opinion,
            "talk": talk,
            "criticism": criticism,
            "returned_draft": returned_draft,
            "committee_draft": committee_draft,
            "private_draft": private_draft,
            "held": held,
            "held_problem": held_problem,
            "rectifying": rectifying,
            "problem": problem,
            "item": item,
            "progress": progress,
            "overdue_item": overdue_item,
            "awaiting_item": awaiting_item,
            "recurring_item": recurring_item,
            "lookback": lookback,
            "notification": notification,
        },
        users=users,
        clients=clients,
    )
