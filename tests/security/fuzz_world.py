"""One small world in which every form of the app can succeed: a branch with a secretary, a
committee member and three members (all with logins), a supervisor above, and a meeting in
each state — 筹备, 会前准备 (open opinion windows, talks, drafts, criticism, voting), 已召开
(criticism, kept opinions, problems, a closed ballot; another ready to close) and 整改中
(items in every status, a look-back; another with every item signed off). Themes and a name
are as long as their columns allow. Built through the services where they exist, so the
rows are the ones the app itself writes.

``build_world()`` returns the pks and users the fuzz table needs; the fuzz test rolls every
example back, so the world is the same for each one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from meetings.choices import MeetingStatus, OpinionTarget
from meetings.models import AnonymousOpinion, Meeting, Opinion, OpinionWindow, StudySession
from meetings.services import drafts as draft_services
from meetings.services import evaluation as evaluation_services
from meetings.services import meeting as meeting_services
from meetings.services import talks as talk_services
from members import services as member_services
from members.choices import OrganizationKind
from notifications.services import notification_send
from rectification.choices import ProblemSource
from rectification.models import LookBack, Problem
from rectification.services import items as item_services
from rectification.services import lifecycle
from rectification.services import problems as problem_services
from tests.members.factories import MemberFactory, SupervisorFactory, UserFactory

AGENDA = ["传达学习上级精神", "书记代表支委会作对照检查", "党员个人对照检查", "开展批评和自我批评"]
# As long as the columns allow: messages that quote them must still fit their own columns.
LONG_THEME = ("学党史、悟思想、办实事、开新局" * 20)[:200]
LONG_NAME = ("欧阳·买买提·阿不都热合曼" * 5)[:50]
LONG_CRITICISM = ("工作作风不够扎实,下基层调研次数少。" * 120)[:2000]  # a problem holds 1,000


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role → User (None: anonymous)
    members: dict = field(default_factory=dict)  # role → Member
    pk: dict = field(default_factory=dict)  # what → primary key (or token)

    def user(self, role):
        return self.users.get(role)


def _when(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _schedule(meeting, sec, supervisor) -> None:
    """Send the plan up, approve it, send the notice (the order the services keep)."""
    meeting_services.plan_submit(meeting=meeting, by=sec)
    meeting_services.plan_approve(meeting=meeting, by=supervisor)
    meeting_services.meeting_schedule(meeting=meeting, by=sec)


def _hold(meeting, sec) -> None:
    """Hold it on its day: the planned time moves to now first (not before the day)."""
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    meeting.refresh_from_db()
    lifecycle.meeting_hold(meeting=meeting, by=sec, override_reason="按计划召开")


def _today(days: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _meeting(branch, by, *, days: float, theme: str = "学党史、悟思想、办实事、开新局"):
    return meeting_services.meeting_create(
        branch=branch,
        by=by,
        theme=theme,
        starts_at=_when(days),
        place="支部活动室",
        agenda=AGENDA,
        readings=["《习近平新时代中国特色社会主义思想学习纲要》"],
    )


def build_world() -> World:
    w = World()
    committee = member_services.organization_create(
        name="城关镇机关党委", kind=OrganizationKind.COMMITTEE
    )
    branch = member_services.organization_create(
        name="第一党支部", kind=OrganizationKind.BRANCH, parent=committee
    )
    w.pk["branch"] = branch.pk
    people = {
        "secretary": ("甲书记", "secretary"),
        "committee": ("甲委员", "organization"),
        "m1": ("张三", ""),
        "m2": ("李四", ""),
        "m3": (LONG_NAME, ""),
    }
    for role, (name, position) in people.items():
        member = MemberFactory(
            branch=branch, name=name, position=position, user=UserFactory(username=f"fz-{role}")
        )
        w.members[role] = member
        w.users[role] = member.user
    gone = MemberFactory(branch=branch, name="赵六", user=None)
    member_services.member_deactivate(member=gone)
    w.members["gone"] = gone
    w.users["supervisor"] = SupervisorFactory(
        organization=committee, user=UserFactory(username="fz-supervisor")
    ).user
    w.users["anonymous"] = None
    sec = w.users["secretary"]
    m = w.members

    # 筹备: a plan not yet sent up.
    w.pk["planning"] = _meeting(branch, sec, days=40).pk

    # 会前准备: plan sent up, notice out, windows, talks, drafts, criticism, voting.
    prep = _meeting(branch, sec, days=30, theme=LONG_THEME)
    meeting_services.plan_submit(meeting=prep, by=sec)
    _schedule(prep, sec, w.users["supervisor"])
    w.pk["preparing"] = prep.pk
    reading = prep.readings.first()
    w.pk["reading"] = reading.pk
    w.pk["study"] = StudySession.objects.create(
        meeting=prep, held_on=_today(-1), topic="集中学习", created_by=sec
    ).pk
    open_window = OpinionWindow.objects.create(
        meeting=prep,
        target=OpinionTarget.COMMITTEE,
        starts_at=_when(-1),
        ends_at=_when(5),
        public_enabled=True,
    )
    w.pk["window_open"] = open_window.pk
    w.pk["public_token"] = open_window.public_token
    w.pk["window_future"] = OpinionWindow.objects.create(
        meeting=prep, target=OpinionTarget.BRANCH, starts_at=_when(1), ends_at=_when(3)
    ).pk
    talk_services.talk_plan_generate(meeting=prep, by=sec)
    w.pk["draft_writing"] = draft_services.draft_start(meeting=prep, member=m["m1"]).pk
    submitted = draft_services.draft_start(meeting=prep, member=m["m2"])
    draft_services.draft_save(
        draft=submitted,
        by=m["m2"].user,
        texts={"gains": "学习后对宗旨意识有了新的认识。"},
        problems=[{"category": "style", "text": "调研不深入", "example": "全年只调研两次。"}],
        measures=[
            {"problem": 1, "text": "每月调研一次并形成报告", "deadline": _today(60)},
        ],
    )
    w.pk["draft_submitted"] = draft_services.draft_submit(draft=submitted, by=m["m2"].user).pk
    w.pk["criticism"] = lifecycle.criticism_save(
        meeting=prep, by=sec, target=m["m2"], critic=m["m1"], text="发言不够具体", reply=""
    ).pk
    evaluation = evaluation_services.evaluation_open(meeting=prep, by=sec)
    evaluation_services.voting_start(evaluation=evaluation, by=sec)

    # 已召开: criticism and kept opinions to list, problems to edit and merge, a closed ballot.
    held = _meeting(branch, sec, days=10, theme=LONG_THEME)
    _schedule(held, sec, w.users["supervisor"])
    closed_window = OpinionWindow.objects.create(
        meeting=held, target=OpinionTarget.COMMITTEE, starts_at=_when(-5), ends_at=_when(-1)
    )
    w.pk["window_closed"] = closed_window.pk
    w.pk["opinion"] = Opinion.objects.create(
        window=closed_window, author=m["m1"], text="支委会开得不够规律", disposition="unsorted"
    ).pk
    w.pk["opinion_kept"] = Opinion.objects.create(
        window=closed_window, author=m["m2"], text="联系群众不够主动", disposition="kept"
    ).pk
    w.pk["anonymous_opinion"] = str(
        AnonymousOpinion.objects.create(
            window=closed_window,
            source="member",
            text="三会一课有时流于形式",
            disposition="kept",
            received_on=_today(-2),
        ).pk
    )
    w.pk["held_criticism"] = lifecycle.criticism_save(
        meeting=held, by=sec, target=m["m3"], critic=m["m2"], text=LONG_CRITICISM, reply=""
    ).pk
    evaluation = evaluation_services.evaluation_open(meeting=held, by=sec)
    evaluation_services.voting_start(evaluation=evaluation, by=sec)
    rated = sorted(evaluation_services.rated_member_ids(held))
    for voter in ("m1", "m2", "m3"):
        evaluation_services.ballot_cast(
            evaluation=evaluation, voter=m[voter], marks=dict.fromkeys(rated, "qualified")
        )
    evaluation_services.voting_close(evaluation=evaluation, by=sec)
    _hold(held, sec)
    w.pk["held"] = held.pk
    problems = [
        Problem.objects.create(
            meeting=held,
            branch=branch,
            owner=m["m1"],
            category="study",
            text=text,
            source=ProblemSource.SUPERVISOR,
        )
        for text in ("理论学习不够深入", "学习笔记不全")
    ]
    w.pk["problem"], w.pk["problem_other"] = problems[0].pk, problems[1].pk

    # 已召开, ready to close into 整改中: an approved draft (its measure becomes an item),
    # the list published and the report sent.
    ready = _meeting(branch, sec, days=8)
    _schedule(ready, sec, w.users["supervisor"])
    draft = draft_services.draft_start(meeting=ready, member=m["m1"])
    draft_services.draft_save(
        draft=draft,
        by=m["m1"].user,
        texts={"gains": "对照党章找差距。"},
        problems=[{"category": "study", "text": "学习不够系统", "example": "只读了一本书。"}],
        measures=[{"problem": 1, "text": "每月读一本书", "deadline": _today(90)}],
    )
    draft_services.draft_submit(draft=draft, by=m["m1"].user)
    draft_services.draft_approve(draft=draft, by=sec, comments={})
    _hold(ready, sec)
    problem_services.problems_publish(meeting=ready, by=sec)
    lifecycle.meeting_report_send(meeting=ready, by=sec)
    w.pk["held_ready"] = ready.pk

    # 整改中: items in every status, an overdue one, a problem still without an item.
    rect = _meeting(branch, sec, days=5, theme=LONG_THEME)
    _schedule(rect, sec, w.users["supervisor"])
    Meeting.objects.filter(pk=rect.pk).update(
        status=MeetingStatus.RECTIFYING,
        starts_at=_when(-60),
        held_at=_when(-60),
        problems_published_at=_when(-59),
        report_sent_at=_when(-59),
    )
    rect.refresh_from_db()
    w.pk["rectifying"] = rect.pk

    def problem(owner, text):
        return Problem.objects.create(
            meeting=rect,
            branch=branch,
            owner=owner,
            is_committee=owner is None,
            category="style",
            text=text,
            source=ProblemSource.SUPERVISOR,
        )

    def item(owner, text, *, deadline=60):
        return item_services.item_create(
            problem=problem(owner, text),
            by=sec,
            measure=f"{text}:每月检查一次,年底前完成",
            deadline=_today(deadline),
            owner=owner,
            priority="important",
            difficulty="medium",
        )

    w.pk["rect_problem"] = problem(m["m1"], "下基层调研次数少").pk
    w.pk["item"] = item(m["m1"], "调研不深入").pk
    awaiting = item(m["m2"], "党费收缴不及时")
    item_services.item_mark_done(item=awaiting, by=m["m2"].user)
    w.pk["item_awaiting"] = awaiting.pk
    committee_item = item(None, "三会一课不严")
    item_services.item_mark_done(item=committee_item, by=sec)
    w.pk["item_committee"] = committee_item.pk
    late = item(m["m3"], "学习笔记不全", deadline=30)
    from rectification.models import RectificationItem

    RectificationItem.objects.filter(pk=late.pk).update(deadline=_today(-10))
    w.pk["item_late"] = late.pk
    w.pk["lookback"] = LookBack.objects.create(meeting=rect, due_on=_today(3)).pk

    # 整改中 with every item signed off: ready to be marked 已完成.
    done = _meeting(branch, sec, days=6)
    _schedule(done, sec, w.users["supervisor"])
    Meeting.objects.filter(pk=done.pk).update(
        status=MeetingStatus.RECTIFYING,
        starts_at=_when(-90),
        held_at=_when(-90),
        problems_published_at=_when(-89),
        report_sent_at=_when(-89),
    )
    finished = item_services.item_create(
        problem=Problem.objects.create(
            meeting=done,
            branch=branch,
            owner=m["m2"],
            category="duty",
            text="担当不够",
            source=ProblemSource.SUPERVISOR,
        ),
        by=sec,
        measure="牵头完成一项难事",
        deadline=_today(10),
        owner=m["m2"],
        priority="normal",
        difficulty="hard",
    )
    item_services.item_mark_done(item=finished, by=m["m2"].user)
    item_services.item_sign_off(item=finished, by=sec)
    w.pk["rect_done"] = done.pk

    # The inbox: something for 张三 to open.
    sent = notification_send(
        recipients=[m["m1"].user], key="fuzz:hello", title="会议通知", url="/meetings/"
    )
    w.pk["notification"] = sent[0].pk
    return w
