"""Demo data after the meeting: 第三党支部 held its meeting four months ago and is now
rectifying — attendance, criticism, a finalized secret ballot, minutes, a published problem
list, the report sent up, and a ledger with items in every status (overdue, awaiting
sign-off, signed off, sent back, one recurring), an interview and a look-back already late.

The meeting is run through the services with today's clock and then dated back; drafts
of members without a login are written straight into the tables. Idempotent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from meetings.choices import DEFAULT_AGENDA
from meetings.demo import completed_meeting, write_approved_draft
from meetings.models import DraftVersion, Meeting
from meetings.services import day as day_services
from meetings.services import evaluation as evaluation_services
from meetings.services import meeting as meeting_services
from members.models import Member
from rectification.choices import ItemStatus
from rectification.models import Problem, RectificationItem
from rectification.services import interviews as interview_services
from rectification.services import items as item_services
from rectification.services import lifecycle
from rectification.services import problems as problem_services

THEME = "学党史、悟思想、办实事、开新局"
HELD_DAYS_AGO = 120

# (member name, [(category, problem, example, measure, deadline offset in days from today)])
DRAFTS = {
    "宋德华": [
        (
            "duty",
            "抓支部班子自身建设不够有力",
            "上半年支委会有两次因业务工作推迟召开。",
            "支委会每月固定召开,书记每季度讲一次党课",
            -30,
        ),
    ],
    "郑玉兰": [
        (
            "style",
            "调研不深入,掌握基层情况靠听汇报",
            "今年只到联系社区调研过两次。",
            "每月到联系社区调研不少于 2 次,形成调研报告",
            25,
        ),
    ],
    "谢军": [
        ("study", "理论学习不够深入", "", "进一步加强理论学习", -10),
        (
            "masses",
            "服务群众不够主动,来电处理拖沓",
            "3 月一件群众来电隔了 9 天才回复。",
            "来电当日登记、三日内答复,每月通报办理情况",
            5,
        ),
    ],
    "韩冬梅": [
        (
            "integrity",
            "对身边的“微腐败”问题提醒不及时",
            "没有及时提醒同事报销不规范的问题。",
            "每季度开展一次廉政提醒谈话并记录",
            -60,
        ),
    ],
    "唐海涛": [
        (
            "role",
            "先锋模范作用发挥不明显",
            "社区疫情防控志愿服务只参加过一次。",
            "每月参加志愿服务不少于 1 次",
            -5,
        ),
    ],
}


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _held_meeting(branch, secretary: Member, supervisor) -> Meeting:
    by = secretary.user
    meeting = meeting_services.meeting_create(
        branch=branch,
        by=by,
        theme=THEME,
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        place="机关五楼会议室",
        upper_org_attends=True,
        agenda=list(DEFAULT_AGENDA),
        readings=["《论党的自我革命》"],
    )
    meeting_services.plan_submit(meeting=meeting, by=by)
    meeting_services.plan_approve(meeting=meeting, by=supervisor, comment="同意。")
    meeting_services.meeting_schedule(meeting=meeting, by=by)
    members = {m.name: m for m in Member.objects.filter(branch=branch, is_active=True)}
    for name, rows in DRAFTS.items():
        write_approved_draft(meeting, members[name], rows)

    attendees = list(members.values())
    absent = members["萧振宇"]
    day_services.attendance_record(
        meeting=meeting,
        by=by,
        present={m.pk: m.pk != absent.pk for m in attendees},
        reasons={absent.pk: "外出学习培训"},
        upper_attendee="组织部 王明",
    )
    criticisms = [
        (
            "郑玉兰",
            "宋德华",
            "书记抓业务多、抓党建少,支委会有时被业务会挤掉。",
            "接受批评,支委会一律按月召开。",
        ),
        ("谢军", "郑玉兰", "副书记下基层少,对社区实际困难了解不够。", "今后每月到社区调研。"),
        ("韩冬梅", "谢军", "对群众来电有拖延,答复不够及时。", "立即建立来电台账。"),
        ("宋德华", "唐海涛", "志愿服务参加得少,党员身份亮得不够。", "每月参加志愿服务。"),
    ]
    saved = []
    for critic, target, text, reply in criticisms:
        saved.append(
            lifecycle.criticism_save(
                meeting=meeting,
                by=by,
                critic=members[critic],
                target=members[target],
                text=text,
                reply=reply,
            )
        )
    day_services.minutes_save(
        meeting=meeting,
        by=by,
        host=secretary,
        recorder=members["郑玉兰"],
        rectification_report="本支部上次组织生活会问题已全部整改销号。",
        key_points="书记代表支委会作对照检查;党员逐一自我批评,相互批评 4 条;民主评议党员。",
        upper_comments="批评辣味足,问题查摆具体;要防止整改“雷声大雨点小”。",
        resolutions="形成问题清单并公示;一个月、三个月开展“回头看”。",
    )
    # A meeting is marked held on its planned day, never before: the demo's meeting took
    # place now (the planned hour ahead may fall on tomorrow, late in the evening).
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    meeting.refresh_from_db()
    lifecycle.meeting_hold(meeting=meeting, by=by, override_reason="演示:补录历史会议")

    evaluation = evaluation_services.evaluation_open(meeting=meeting, by=by)
    evaluation_services.voting_start(evaluation=evaluation, by=by)
    voters = [m for m in attendees if m.pk != absent.pk]
    for i, voter in enumerate(voters):
        marks = {
            m.pk: ("excellent" if (m.name == "郑玉兰" and i % 2 == 0) else "qualified")
            for m in attendees
        }
        evaluation_services.ballot_cast(evaluation=evaluation, voter=voter, marks=marks)
    evaluation_services.voting_close(evaluation=evaluation, by=by)
    # The committee's grades (the votes inform them): 韩冬梅 基本合格, for the record's demo
    # of a grade below 合格 (records/).
    special = {"郑玉兰": "excellent", "韩冬梅": "basic"}
    evaluation_services.results_propose(
        evaluation=evaluation,
        by=by,
        grades={m.pk: special.get(m.name, "qualified") for m in attendees},
        notes={members["韩冬梅"].pk: "廉政提醒谈话未按季度开展,整改被上级退回。"},
    )
    evaluation_services.results_finalize(evaluation=evaluation, by=by)

    problem_services.problem_from_criticism(
        criticism=saved[0], by=by, category="duty", root_cause="重业务轻党建"
    )
    problem_services.problems_publish(meeting=meeting, by=by)
    lifecycle.meeting_report_send(meeting=meeting, by=by)
    lifecycle.meeting_close(meeting=meeting, by=by)
    return meeting


def _ledger_in_every_status(meeting: Meeting, secretary: Member, supervisor) -> None:
    by = secretary.user
    items = {i.owner.name if i.owner_id else "班子": i for i in _items(meeting)}
    # 郑玉兰: done and signed off by the secretary.
    item = items["郑玉兰"]
    item_services.progress_add(item=item, by=by, on=_day(-20), text="已完成两次社区调研。")
    item_services.item_mark_done(item=_fresh(item), by=by)
    item_services.item_sign_off(item=_fresh(item), by=by)
    # 唐海涛: done, awaiting sign-off.
    item = items["唐海涛"]
    item_services.progress_add(item=item, by=by, on=_day(-3), text="本月参加社区志愿服务 2 次。")
    item_services.item_mark_done(item=_fresh(item), by=by)
    # 韩冬梅: done, sent back by the supervisor.
    item = items["韩冬梅"]
    item_services.progress_add(item=item, by=by, on=_day(-40), text="开展廉政提醒谈话 1 次。")
    item_services.item_mark_done(item=_fresh(item), by=by)
    item_services.item_send_back(
        item=_fresh(item), by=supervisor, reason="只谈了一次,未覆盖全季度,请补充记录。"
    )
    # 谢军: overdue; the secretary interviews him and a new deadline is agreed.
    xie = [i for i in _items(meeting) if i.owner_id and i.owner.name == "谢军"]
    overdue = [i for i in xie if i.deadline < timezone.localdate()]
    if overdue:
        interview_services.interview_record(
            branch=meeting.branch,
            by=by,
            member=overdue[0].owner,
            items=overdue,
            held_on=_day(-2),
            interviewer=secretary.name,
            said="整改措施太笼统,要求写出具体学习计划并按周报告。",
            new_deadline=_day(14),
        )
    item_services.publicity_set(branch=meeting.branch, by=by, enabled=True)


def _items(meeting: Meeting):
    return list(
        RectificationItem.objects.filter(meeting=meeting).select_related("owner").order_by("pk")
    )


def _fresh(item: RectificationItem) -> RectificationItem:
    return RectificationItem.objects.get(pk=item.pk)


def _date_back(meeting: Meeting) -> None:
    """Move the meeting's own dates four months back; the ledger keeps today's dates."""
    held = timezone.now() - datetime.timedelta(days=HELD_DAYS_AGO)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=held, held_at=held, scheduled_at=held - datetime.timedelta(days=20)
    )
    # the drafts were submitted a week before the meeting (the member's record shows 按时提交)
    DraftVersion.objects.filter(draft__meeting=meeting).update(
        submitted_at=held - datetime.timedelta(days=7)
    )
    from rectification.models import LookBack
    from rectification.services.reminders import lookback_reminders_sync

    first = True
    for lookback in LookBack.objects.filter(meeting=meeting).order_by("due_on"):
        months = 1 if first else 3
        first = False
        lookback.due_on = timezone.localdate(held) + datetime.timedelta(days=30 * months)
        lookback.save(update_fields=["due_on"])
        lookback_reminders_sync(lookback=lookback)


def _last_years_meeting(branch, supervisor) -> None:
    """A completed meeting a year and a half ago, its one problem signed off — and written
    again this time (屡改屡在)."""
    held = timezone.now() - datetime.timedelta(days=500)
    earlier = completed_meeting(branch, theme="不忘初心、牢记使命", held=held)
    xie = Member.objects.get(branch=branch, name="谢军")
    problem = Problem.objects.create(
        meeting=earlier,
        branch=branch,
        owner=xie,
        category="study",
        text="理论学习不够深入",
        source="supervisor",
    )
    deadline = timezone.localdate(held) + datetime.timedelta(days=90)
    RectificationItem.objects.create(
        problem=problem,
        meeting=earlier,
        branch=branch,
        owner=xie,
        measure="每周自学不少于 3 小时",
        deadline=deadline,
        original_deadline=deadline,
        status=ItemStatus.SIGNED_OFF,
        started_at=held,
        done_at=held + datetime.timedelta(days=80),
        signed_off_at=held + datetime.timedelta(days=85),
        signed_off_by=supervisor,
    )


def _some_overdue(meeting: Meeting) -> None:
    """The draft measures' past deadlines could not be taken as they were; put two back."""
    from rectification.services.hooks import item_changed

    for name, days in (("宋德华", -30), ("谢军", -10)):
        item = (
            RectificationItem.objects.filter(meeting=meeting, owner__name=name)
            .order_by("pk")
            .first()
        )
        if item is None:
            continue
        day = _day(days)
        RectificationItem.objects.filter(pk=item.pk).update(deadline=day, original_deadline=day)
        item_changed(item=item)


def load(context: dict) -> None:
    branch = context["branches"][2]
    if Problem.objects.filter(branch=branch).exists():
        return
    secretary = Member.objects.get(branch=branch, position="secretary", is_active=True)
    _last_years_meeting(branch, context["supervisor"])
    meeting = _held_meeting(branch, secretary, context["supervisor"])
    _date_back(meeting)
    _some_overdue(meeting)
    _ledger_in_every_status(meeting, secretary, context["supervisor"])
