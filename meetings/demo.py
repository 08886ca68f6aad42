"""Demo data for meetings, so every screen has something real on it. Idempotent: a branch
that already has its demo meeting is left alone.

- 第一党支部: a themed meeting in 会前准备 — plan approved, a study session, one opinion
  window closed (signed and anonymous opinions, partly sorted) and one open, the talk plan
  with some talks held, drafts in every state (some with checker findings), the committee
  draft awaiting the supervisor.
  Last year's meeting, completed, with the drafts its members and the committee handed in
  then: the reviewer sees them beside this year's (one retold in other words).
- 第二党支部: a meeting in 筹备 whose plan awaits the supervisor's approval.

:func:`completed_meeting` and :func:`write_approved_draft` also serve the rectification demo.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from meetings.choices import DEFAULT_AGENDA
from meetings.models import Draft, DraftMeasure, DraftProblem, DraftVersion, Meeting
from meetings.services import drafts as draft_services
from meetings.services import meeting as meeting_services
from meetings.services import opinions as opinion_services
from meetings.services import study as study_services
from meetings.services import talks as talk_services
from members.models import Member

THEME = "学党史、悟思想、办实事、开新局"
READINGS = [
    "《论党的自我革命》",
    "《中国共产党简史》",
    "《习近平新时代中国特色社会主义思想学习纲要》",
]

DRAFTS = {
    # name: (status, problems [(category, text, example)], measures [(problem, text, days)])
    "杨帆": (
        "writing",
        [
            ("study", "理论学习不够深入", ""),
            ("style", "服务群众意识不强,办事拖沓", "今年3月办理一件居民低保复核,拖了两周才答复。"),
        ],
        [
            (1, "进一步加强理论学习,努力提高思想认识", None),
            (2, "对群众来件实行当日登记、三日答复", 60),
        ],
    ),
    "赵敏": (
        "submitted",
        [
            (
                "duty",
                "遇到难题有畏难情绪,推诿给其他科室",
                "6月老旧小区加装电梯协调会上,我以不是本科室职责为由推给了城建办。",
            )
        ],
        [(1, "牵头把加装电梯协调事项办结,每月向支部报告一次进展", 90)],
    ),
    "黄志强": (
        "approved",
        [("integrity", "八小时以外要求不严,接受过服务对象的宴请", "5月参加过一次企业安排的晚宴。")],
        [(1, "当月退还费用并向纪检委员说明情况,今后一律拒绝", 30)],
    ),
    "周婷": (
        "returned",
        [("study", "学用结合不够紧密", "")],
        [(1, "争取在年底前写一篇调研报告", 45)],
    ),
}


#: Last year's drafts in the first branch: (category, text, example, measure, deadline in days
#: from today). 赵敏's comes back this year in other words; the committee's in nearly the same.
LAST_YEAR = {
    "赵敏": [
        (
            "duty",
            "碰到跨部门的事习惯往外推,怕担责任",
            "去年9月小区停车改造协调,我以归城管负责为由没有牵头。",
            "跨部门事项主动牵头,办结前每月报告进展",
            -250,
        )
    ],
    "黄志强": [
        (
            "study",
            "业务学习不系统,新政策掌握不及时",
            "去年新的低保认定办法出台两个月后,我解释时还用旧标准。",
            "新政策出台一周内组织科室学习并考试",
            -280,
        )
    ],
}
LAST_YEAR_COMMITTEE = [
    (
        "style",
        "调查研究不够,班子成员很少到社区去",
        "去年全年班子成员到社区调研合计不到 10 次。",
        "班子成员每季度到联系社区调研",
        -200,
    )
]


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def completed_meeting(branch, *, theme: str, held: datetime.datetime) -> Meeting:
    """A meeting held at ``held`` and completed since (written straight into the table)."""
    return Meeting.objects.create(
        branch=branch,
        theme=theme,
        starts_at=held,
        place="机关五楼会议室",
        status="completed",
        plan_status="approved",
        scheduled_at=held - datetime.timedelta(days=20),
        held_at=held,
        problems_published_at=held,
        report_sent_at=held,
    )


def write_approved_draft(
    meeting: Meeting, author: Member, rows, *, committee: bool = False, approved_at=None
) -> Draft:
    """An approved draft written straight into the tables: rows of (category, text, example,
    measure, deadline in days from today)."""
    draft = Draft.objects.create(
        meeting=meeting,
        author=author,
        is_committee=committee,
        status="approved",
        version=1,
        approved_at=approved_at or timezone.now(),
        gains="通过学习党史,更加深刻认识到自我革命的重要意义。",
        cause_thinking="党性修养有所放松,对自己要求不够严。",
        cause_conduct="工作方法单一,习惯于按部就班。",
        direction="把整改措施落到实处,接受党员群众监督。",
    )
    for order, (category, text, example, measure, days) in enumerate(rows, 1):
        problem = DraftProblem.objects.create(
            draft=draft, order=order, category=category, text=text, example=example
        )
        DraftMeasure.objects.create(
            draft=draft, problem=problem, order=order, text=measure, deadline=_day(days)
        )
    DraftVersion.objects.create(
        draft=draft, number=1, snapshot=draft_services.draft_snapshot(draft)
    )
    return draft


def _last_years_drafts(branch, secretary: Member) -> None:
    held = timezone.now() - datetime.timedelta(days=365)
    meeting = completed_meeting(branch, theme="不忘初心、牢记使命", held=held)
    members = {m.name: m for m in Member.objects.filter(branch=branch, is_active=True)}
    for name, rows in LAST_YEAR.items():
        write_approved_draft(meeting, members[name], rows, approved_at=held)
    write_approved_draft(meeting, secretary, LAST_YEAR_COMMITTEE, committee=True, approved_at=held)
    DraftVersion.objects.filter(draft__meeting=meeting).update(
        submitted_at=held - datetime.timedelta(days=7)
    )


def _first_branch_meeting(branch, secretary, supervisor) -> None:
    by = secretary.user
    meeting = meeting_services.meeting_create(
        branch=branch,
        by=by,
        theme=THEME,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        place="机关三楼党员活动室",
        upper_org_attends=True,
        agenda=list(DEFAULT_AGENDA),
        readings=READINGS,
    )
    meeting_services.plan_submit(meeting=meeting, by=by)
    meeting_services.plan_approve(meeting=meeting, by=supervisor, comment="同意,请抓好会前准备。")
    meeting_services.meeting_schedule(meeting=meeting, by=by)

    members = list(Member.objects.filter(branch=branch, is_active=True).order_by("pk"))
    readings = list(meeting.readings.all())
    study_services.study_record(
        meeting=meeting,
        by=by,
        held_on=_day(-5),
        topic="集中学习《论党的自我革命》",
        reading_ids=[readings[0].pk],
        attendee_ids=[m.pk for m in members[:8]],
        notes="围绕“自我革命”逐人谈体会。",
    )

    # One window closed and partly sorted; one still open for members' to-do lists.
    closed = opinion_services.window_open(
        meeting=meeting,
        by=by,
        target="committee",
        starts_at=timezone.now() - datetime.timedelta(days=6),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
        public_enabled=True,
    )
    given = [
        (members[5], "支部组织生活有时流于形式,学习多是念文件,讨论不够。", False),
        (members[6], "班子成员下基层调研次数偏少,对窗口一线的困难了解不够。", True),
        (members[7], "“三会一课”记录有补记的情况,希望如实记录。", True),
    ]
    for member, text, anonymous in given:
        opinion_services.opinion_give(window=closed, member=member, text=text, anonymous=anonymous)
    opinion_services.opinion_give_public(
        window=closed, text="办事大厅中午休息时没人值班,群众办事要等,希望安排轮班。"
    )
    opinion_services.window_close(window=closed, by=by)
    from meetings.selectors.opinions import window_opinions

    for row in window_opinions(user=by, window=closed)[:2]:
        opinion_services.opinion_sort(
            opinion=row.opinion, by=by, disposition="kept", note="列入班子问题"
        )
    opinion_services.window_open(
        meeting=meeting,
        by=by,
        target="branch",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(days=7),
        public_enabled=True,
    )

    talk_services.talk_plan_generate(meeting=meeting, by=by)
    pairs = [(secretary, m) for m in members if m.pk != secretary.pk][:6]
    for a, b in pairs:
        talk_services.talk_record(
            meeting=meeting,
            by=by,
            member_a=a,
            member_b=b,
            held_on=_day(-3),
            topic="交流学习体会,提醒查摆问题要具体",
            outcome="对方表示将结合岗位实际查摆问题。",
        )

    by_name = {m.name: m for m in members}
    for name, (status, problems, measures) in DRAFTS.items():
        author = by_name[name]
        draft = draft_services.draft_start(meeting=meeting, member=author)
        _fill(draft, author, problems, measures)
        if status == "writing":
            continue
        draft_services.draft_submit(draft=draft, by=author.user)
        if status == "approved":
            draft_services.draft_approve(draft=draft, by=by)
        elif status == "returned":
            draft_services.draft_return(
                draft=draft,
                by=by,
                comments={
                    "problems": "“学用结合不够紧密”太笼统,请举出本人的具体事例。",
                    "measures": "“争取”改为明确承诺,写清完成时限。",
                },
            )

    committee = draft_services.draft_start(meeting=meeting, member=secretary, committee=True)
    _fill(
        committee,
        secretary,
        [
            (
                "style",
                "调查研究不深入,班子成员下基层次数偏少",
                "今年上半年班子成员人均到社区调研不足 3 次。",
            ),
            (
                "role",
                "组织生活质量不高,学习以读文件为主",
                "4 月、5 月两次主题党日均只安排了读文件。",
            ),
        ],
        [
            (1, "班子成员每人每季度到联系社区调研不少于 2 次,形成调研报告", 90),
            (2, "每次主题党日安排研讨发言,书记点评", 30),
        ],
    )
    draft_services.draft_submit(draft=committee, by=secretary.user)


def _fill(draft, author: Member, problems, measures) -> None:
    user = author.user
    draft_services.draft_save(
        draft=draft,
        by=user,
        texts={
            "gains": "通过学习,进一步认识到自我革命是党跳出历史周期率的第二个答案。",
            "cause_thinking": "理想信念的“总开关”拧得不够紧,满足于完成任务。",
            "cause_conduct": "本领恐慌,面对新情况新问题办法不多。",
            "direction": "以这次组织生活会为契机,把整改措施一项项落实。",
        },
        problems=[{"category": c, "text": t, "example": e} for c, t, e in problems],
        measures=[
            {"problem": p, "text": t, "deadline": _day(days) if days else None}
            for p, t, days in measures
        ],
    )


def _second_branch_meeting(branch, secretary) -> None:
    meeting = meeting_services.meeting_create(
        branch=branch,
        by=secretary.user,
        theme=THEME,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        place="二楼会议室",
        agenda=list(DEFAULT_AGENDA),
        readings=READINGS[:1],
    )
    meeting_services.plan_submit(meeting=meeting, by=secretary.user)


def load(context: dict) -> None:
    branches = context["branches"]
    supervisor = context["supervisor"]
    first, second = branches[0], branches[1]
    if not Meeting.objects.filter(branch=first).exists():
        secretary = Member.objects.get(branch=first, position="secretary", is_active=True)
        _first_branch_meeting(first, secretary, supervisor)
        _last_years_drafts(first, secretary)  # after: this year's meeting keeps the lower pk
    if not Meeting.objects.filter(branch=second).exists():
        secretary = Member.objects.get(branch=second, position="secretary", is_active=True)
        _second_branch_meeting(second, secretary)
