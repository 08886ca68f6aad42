"""The meeting plan and its life: transitions refuse illegal moves; notices reach attendees."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus, PlanStatus
from meetings.models import Meeting
from meetings.services import meeting as svc
from meetings.services import study as study_svc
from notifications.models import Notification
from rectification.services import lifecycle
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db

AGENDA = ["通报上次整改情况", "开展批评和自我批评", "民主评议党员"]


@pytest.fixture
def branch_a(org_tree):
    secretary = MemberFactory(branch=org_tree["a"], name="书记甲", position="secretary")
    members = [MemberFactory(branch=org_tree["a"], name=f"党员{i}") for i in range(4)]
    members[0].user.email = "m0@example.org"
    members[0].user.save()
    supervisor = SupervisorFactory(organization=org_tree["committee"]).user
    return {"secretary": secretary, "members": members, "supervisor": supervisor, **org_tree}


def _plan(branch_a, **extra):
    kwargs = {
        "branch": branch_a["a"],
        "by": branch_a["secretary"].user,
        "theme": "学党史、悟思想、办实事、开新局",
        "starts_at": timezone.now() + datetime.timedelta(days=20),
        "place": "三楼会议室",
        "agenda": AGENDA,
        "readings": ["《论党的自我革命》"],
    }
    kwargs.update(extra)
    return svc.meeting_create(**kwargs)


def _approve(branch_a, meeting) -> None:
    svc.plan_submit(meeting=meeting, by=branch_a["secretary"].user)
    svc.plan_approve(meeting=meeting, by=branch_a["supervisor"], comment="同意")


def _schedule(branch_a, meeting) -> None:
    _approve(branch_a, meeting)
    svc.meeting_schedule(meeting=meeting, by=branch_a["secretary"].user)


def test_plan_defaults_to_every_active_member(branch_a):
    MemberFactory(branch=branch_a["a"], name="已停用", is_active=False)
    meeting = _plan(branch_a)
    names = set(meeting.attendees.values_list("member__name", flat=True))
    assert names == {"书记甲", "党员0", "党员1", "党员2", "党员3"}
    assert meeting.status == MeetingStatus.PLANNING
    assert list(meeting.agenda_items.values_list("title", flat=True)) == AGENDA


def test_agenda_must_include_criticism(branch_a):
    with pytest.raises(ValidationError) as exc:
        _plan(branch_a, agenda=["学习文件", "部署业务工作"])
    assert "批评和自我批评" in str(exc.value)


def test_schedule_notifies_every_attendee_once(branch_a, django_capture_on_commit_callbacks):
    meeting = _plan(branch_a)
    _approve(branch_a, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        svc.meeting_schedule(meeting=meeting, by=branch_a["secretary"].user)
    with django_capture_on_commit_callbacks(execute=True):
        svc.meeting_schedule(meeting=meeting, by=branch_a["secretary"].user)  # a retry
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PREPARING and meeting.scheduled_at
    assert Notification.objects.filter(title__startswith="会议通知").count() == 5
    assert [m.to for m in mail.outbox] == [["m0@example.org"]]
    assert "三楼会议室" in mail.outbox[0].body


def test_illegal_transitions_are_refused_with_a_message(branch_a):
    meeting = _plan(branch_a)
    svc.meeting_cancel(meeting=meeting, by=branch_a["secretary"].user, reason="上级统一延期")
    with pytest.raises(ValidationError) as exc:
        svc.meeting_schedule(meeting=meeting, by=branch_a["secretary"].user)
    assert "已取消" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        lifecycle.meeting_hold(meeting=meeting, by=branch_a["secretary"].user, override_reason="x")
    held = MeetingFactory(branch=branch_a["a"], status=MeetingStatus.HELD, held_at=timezone.now())
    for action in (svc.meeting_schedule, svc.plan_submit):
        with pytest.raises(ValidationError) as exc:
            action(meeting=held, by=branch_a["secretary"].user)
        assert "已召开" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        svc.meeting_cancel(meeting=held, by=branch_a["secretary"].user, reason="x")


def test_cancel_needs_a_reason(branch_a):
    meeting = _plan(branch_a)
    with pytest.raises(ValidationError):
        svc.meeting_cancel(meeting=meeting, by=branch_a["secretary"].user, reason="  ")


def test_plan_approval_round_trip(branch_a):
    meeting = _plan(branch_a)
    sec, sup = branch_a["secretary"].user, branch_a["supervisor"]
    with pytest.raises(ValidationError):
        svc.plan_approve(meeting=meeting, by=sup)  # not submitted yet
    svc.plan_submit(meeting=meeting, by=sec)
    assert Notification.objects.filter(recipient=sup, title__contains="待审批").exists()
    with pytest.raises(ValidationError) as exc:
        svc.plan_return(meeting=meeting, by=sup, comment="")
    assert "修改意见" in str(exc.value)
    svc.plan_return(meeting=meeting, by=sup, comment="请增加上级点评环节")
    meeting.refresh_from_db()
    assert meeting.plan_status == PlanStatus.RETURNED
    assert Notification.objects.filter(recipient=sec, body="请增加上级点评环节").exists()
    svc.plan_submit(meeting=meeting, by=sec)
    svc.plan_approve(meeting=meeting, by=sup, comment="同意")
    meeting.refresh_from_db()
    assert meeting.plan_status == PlanStatus.APPROVED
    assert [r.action for r in meeting.plan_reviews.all()] == [
        "submit",
        "return",
        "submit",
        "approve",
    ]
    # Changing an approved plan sends it back to 未报送.
    svc.meeting_update(
        meeting=meeting,
        by=sec,
        theme=meeting.theme,
        starts_at=meeting.starts_at,
        place="新地点",
        kind=meeting.kind,
        upper_org_attends=False,
        talk_peer_count=1,
        agenda=AGENDA,
        readings=["《论党的自我革命》"],
    )
    meeting.refresh_from_db()
    assert meeting.plan_status == PlanStatus.DRAFT


def test_hold_refused_until_ready_unless_a_reason_is_kept(branch_a):
    meeting = _plan(branch_a)
    _schedule(branch_a, meeting)
    with time_machine.travel(meeting.starts_at, tick=False):
        with pytest.raises(ValidationError) as exc:
            lifecycle.meeting_hold(meeting=meeting, by=branch_a["secretary"].user)
        assert "会前准备尚未就绪" in exc.value.messages[0]
        lifecycle.meeting_hold(
            meeting=meeting, by=branch_a["secretary"].user, override_reason="上级要求按期召开"
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.held_at
    assert meeting.readiness_override_reason == "上级要求按期召开"
    assert Notification.objects.filter(
        recipient=branch_a["supervisor"], body="上级要求按期召开"
    ).exists()


def test_study_is_recorded_lightly(branch_a):
    meeting = _plan(branch_a)
    reading = meeting.readings.get()
    with pytest.raises(ValidationError):
        study_svc.study_record(
            meeting=meeting,
            by=branch_a["secretary"].user,
            held_on=timezone.localdate() + datetime.timedelta(days=1),
            topic="集中学习",
        )
    study_svc.study_record(
        meeting=meeting,
        by=branch_a["secretary"].user,
        held_on=timezone.localdate(),
        topic="集中学习",
        reading_ids=[reading.pk],
        attendee_ids=[m.pk for m in branch_a["members"]],
        notes="逐章研讨",
    )
    from meetings.selectors.readiness import readings_readiness

    done, detail = readings_readiness(meeting=meeting)
    assert done and "已学 1 本" in detail


# --- views -------------------------------------------------------------------------


def test_secretary_plans_in_the_browser(client, branch_a):
    client.force_login(branch_a["secretary"].user)
    response = client.get(reverse("meetings:create"))
    assert response.status_code == 200
    assert "通报上次组织生活会整改情况" in response.content.decode()
    starts = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "branch": branch_a["a"].pk,
        "kind": "themed",
        "theme": "学党史、悟思想、办实事、开新局",
        "starts_at": starts,
        "place": "支部活动室",
        "agenda": "\n".join(AGENDA),
        "readings": "《论党的自我革命》",
        "talk_peer_count": 1,
        "attendees": [branch_a["secretary"].pk] + [m.pk for m in branch_a["members"]],
    }
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "方案已保存。下一步:报送上级审批。" in page  # one message, the next step only
    assert "报送上级审批</button>" in page and "发出会议通知</button>" not in page
    bad = client.post(reverse("meetings:create"), {**data, "agenda": "部署业务工作"})
    assert "批评和自我批评" in bad.content.decode()
    assert Meeting.objects.count() == 1
    client.post(reverse("meetings:plan-submit", args=[meeting.pk]))
    svc.plan_approve(meeting=meeting, by=branch_a["supervisor"])
    client.post(reverse("meetings:schedule", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PREPARING


def test_scoping_of_meeting_pages(client, branch_a):
    meeting = MeetingFactory(branch=branch_a["a"])
    other_secretary = MemberFactory(branch=branch_a["c"], position="secretary").user
    client.force_login(other_secretary)
    for name in ("detail", "edit", "ics", "notice"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:schedule", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:study", args=[meeting.pk])).status_code == 404

    outsider_sup = SupervisorFactory(organization=branch_a["other"]).user
    client.force_login(outsider_sup)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:plan-decide", args=[meeting.pk])).status_code == 404

    member = branch_a["members"][1].user
    client.force_login(member)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:edit", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:hold", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:plan-decide", args=[meeting.pk])).status_code == 404

    # The secretary cannot approve their own plan: approval is the supervisor's.
    client.force_login(branch_a["secretary"].user)
    assert client.post(reverse("meetings:plan-decide", args=[meeting.pk])).status_code == 404


def test_supervisor_approves_in_the_browser(client, branch_a):
    meeting = MeetingFactory(branch=branch_a["a"], plan_status=PlanStatus.SUBMITTED)
    client.force_login(branch_a["supervisor"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "批准方案" in page
    client.post(
        reverse("meetings:plan-decide", args=[meeting.pk]), {"decision": "approve", "comment": ""}
    )
    meeting.refresh_from_db()
    assert meeting.plan_status == PlanStatus.APPROVED


def test_calendar_file_and_printable_notice(client, branch_a):
    meeting = MeetingFactory(branch=branch_a["a"], place="三楼会议室")
    client.force_login(branch_a["members"][0].user)
    ics = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "三楼会议室"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert "Asia/Shanghai" in ics.content.decode()
    notice = client.get(reverse("meetings:notice", args=[meeting.pk])).content.decode()
    assert "通知" in notice and "三楼会议室" in notice


def test_member_home_shows_what_to_do(client, branch_a):
    meeting = _plan(branch_a)
    _schedule(branch_a, meeting)
    client.force_login(branch_a["members"][2].user)
    page = client.get(reverse("home")).content.decode()
    assert "本次组织生活会我要做的事" in page
    assert "论党的自我革命" in page


# --- steps in order ----------------------------------------------------------------------------


def test_the_notice_waits_for_the_approved_plan(client, branch_a):
    meeting = _plan(branch_a)
    sec = branch_a["secretary"].user
    client.force_login(sec)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "发出会议通知</button>" not in page and "报送上级党组织批准后,才能发出会议通知" in page
    with pytest.raises(ValidationError, match="方案尚未获上级党组织批准"):
        svc.meeting_schedule(meeting=meeting, by=sec)
    svc.plan_submit(meeting=meeting, by=sec)
    with pytest.raises(ValidationError, match="待审批"):
        svc.meeting_schedule(meeting=meeting, by=sec)
    svc.plan_approve(meeting=meeting, by=branch_a["supervisor"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "发出会议通知</button>" in page
    assert svc.meeting_schedule(meeting=meeting, by=sec).status == MeetingStatus.PREPARING


def test_a_branch_with_nobody_above_to_approve_sends_the_notice_directly(org_tree):
    secretary = MemberFactory(branch=org_tree["c"], name="丙书记", position="secretary")
    meeting = svc.meeting_create(
        branch=org_tree["c"],
        by=secretary.user,
        theme="主题",
        starts_at=timezone.now() + datetime.timedelta(days=9),
        place="会议室",
        agenda=AGENDA,
    )
    assert svc.meeting_schedule(meeting=meeting, by=secretary.user).status == "preparing"


def test_a_meeting_is_not_held_before_its_planned_day(client, branch_a):
    meeting = _plan(branch_a)
    _schedule(branch_a, meeting)
    sec = branch_a["secretary"].user
    with pytest.raises(ValidationError, match="不能提前标记为已召开"):
        lifecycle.meeting_hold(meeting=meeting, by=sec, override_reason="提前开")
    client.force_login(sec)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "标记为已召开</button>" not in page and "当天起可标记为已召开" in page
    planned = timezone.localtime(meeting.starts_at)
    clicked = planned.replace(hour=21, minute=5)
    with time_machine.travel(clicked, tick=False):
        lifecycle.meeting_hold(meeting=meeting, by=sec, override_reason="按期召开")
    meeting.refresh_from_db()
    # The records keep the planned time; the click is only when it was recorded.
    assert meeting.starts_at == planned and meeting.held_at == clicked
    report = client.get(reverse("rectification:report", args=[meeting.pk])).content.decode()
    assert planned.strftime("%Y年%-m月%-d日 %H:%M") in report


def test_the_calendar_file_carries_its_timezone_and_passes_a_strict_parser(client, branch_a):
    """RFC 5545 §3.2.19: the TZID it names is defined by a VTIMEZONE in the same file."""
    import datetime
    import re

    from ical.calendar_stream import IcsCalendarStream

    meeting = MeetingFactory(branch=branch_a["a"], place="三楼会议室")
    client.force_login(branch_a["members"][0].user)
    content = client.get(reverse("meetings:ics", args=[meeting.pk])).content.decode()
    named = set(re.findall(r"TZID=([^:;]+)", content))
    defined = set(re.findall(r"^TZID:(.+?)\r$", content, flags=re.M))
    assert named == {"Asia/Shanghai"} and named <= defined
    assert all(len(line.encode()) <= 75 for line in content.split("\r\n"))  # folded
    calendar = IcsCalendarStream.calendar_from_ics(content)  # strict: raises on errors
    event = calendar.events[0]
    assert event.location == "三楼会议室"
    assert event.dtstart == meeting.starts_at.replace(microsecond=0)
    assert event.dtstamp.utcoffset() == datetime.timedelta(0)  # DTSTAMP in UTC
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Shanghai"]
