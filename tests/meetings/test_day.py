"""会中 services and selectors: attendance, the speaking order, criticism of each other,
minutes, the report on the last meeting's rectification, and the states that refuse."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import Attendee, Criticism, Draft, Minutes
from meetings.selectors.day import (
    attendance_summary,
    criticisms_by_target,
    next_critic,
    speaking_order,
)
from meetings.services.day import (
    AbsenceReasonMissing,
    attendance_record,
    minutes_save,
)
from rectification.models import Problem
from rectification.selectors.last_report import (
    last_rectification_report,
    rectification_report_text,
)
from rectification.services.lifecycle import criticism_delete, criticism_save
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org_tree):
    a = org_tree["a"]
    found = {
        # created out of order on purpose: the order comes from positions and names
        "zhang": MemberFactory(branch=a, name="张党员"),
        "publicity": MemberFactory(branch=a, name="甲宣传委员", position="publicity"),
        "li": MemberFactory(branch=a, name="李党员"),
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "organization": MemberFactory(branch=a, name="甲组织委员", position="organization"),
        "deputy": MemberFactory(branch=a, name="甲副书记", position="deputy_secretary"),
        "other_branch": MemberFactory(branch=org_tree["b"], name="乙党员"),
    }
    found["meeting"] = MeetingFactory(branch=a)
    found["latecomer"] = MemberFactory(branch=a, name="新党员")  # joined after the plan
    return found


def _approved(meeting, author, **kwargs) -> Draft:
    return Draft.objects.create(
        meeting=meeting,
        author=author,
        status="approved",
        approved_at=timezone.now(),
        version=1,
        **kwargs,
    )


# --- attendance --------------------------------------------------------------------------


def test_an_absent_member_needs_a_reason_and_nothing_is_saved_without_it(people):
    meeting, by = people["meeting"], people["secretary"].user
    present = {people["zhang"].pk: False, people["li"].pk: False, people["deputy"].pk: False}
    reasons = {people["zhang"].pk: "因公出差"}
    with pytest.raises(AbsenceReasonMissing) as caught:
        attendance_record(
            meeting=meeting, by=by, present=present, reasons=reasons, upper_attendee=""
        )
    message = " ".join(caught.value.messages)
    assert "李党员" in message and "甲副书记" in message and "张党员" not in message
    assert set(caught.value.member_ids) == {people["li"].pk, people["deputy"].pk}
    # atomic: the one with a reason was not saved either
    assert not Attendee.objects.filter(meeting=meeting, present__isnull=False).exists()


def test_attendance_is_recorded_and_counted(people):
    meeting, by = people["meeting"], people["secretary"].user
    everyone = {a.member_id: True for a in meeting.attendees.all()}
    attendance_record(
        meeting=meeting,
        by=by,
        present={**everyone, people["zhang"].pk: False},
        reasons={people["zhang"].pk: " 因公出差 ", people["li"].pk: "ignored: present"},
        upper_attendee=" 王某某(镇党委组织委员) ",
    )
    summary = attendance_summary(meeting=meeting)
    assert (summary.expected, summary.present, summary.unrecorded) == (6, 5, 0)
    assert [(a.member, a.absence_reason) for a in summary.absent] == [(people["zhang"], "因公出差")]
    assert summary.recorded
    meeting.refresh_from_db()
    assert meeting.upper_attendee == "王某某(镇党委组织委员)"
    assert Attendee.objects.get(meeting=meeting, member=people["li"]).absence_reason == ""

    # coming after all clears the reason; a member left out keeps what was recorded
    attendance_record(
        meeting=meeting,
        by=by,
        present={people["zhang"].pk: True},
        reasons={},
        upper_attendee="王某某(镇党委组织委员)",
    )
    zhang = Attendee.objects.get(meeting=meeting, member=people["zhang"])
    assert (zhang.present, zhang.absence_reason) == (True, "")
    assert attendance_summary(meeting=meeting).present == 6


def test_attendance_of_someone_not_expected_is_refused(people):
    with pytest.raises(ValidationError, match="不在本次组织生活会的应到人员中"):
        attendance_record(
            meeting=people["meeting"],
            by=people["secretary"].user,
            present={people["latecomer"].pk: True},
            reasons={},
            upper_attendee="",
        )


def test_summary_before_anything_is_recorded(people):
    summary = attendance_summary(meeting=people["meeting"])
    assert (summary.expected, summary.present, summary.unrecorded) == (6, 0, 6)
    assert not summary.recorded and summary.absent == []


# --- the speaking order ----------------------------------------------------------------


def test_speaking_order_secretary_first_then_committee_by_position_then_members(
    people, django_assert_num_queries
):
    meeting = people["meeting"]
    own = _approved(meeting, people["li"], written_statement=True)
    committee = _approved(meeting, people["secretary"], is_committee=True)
    Draft.objects.create(meeting=meeting, author=people["deputy"])  # still being written
    with django_assert_num_queries(2):
        order = speaking_order(meeting=meeting)
    names = [s.member.name for s in order]
    assert names[:4] == ["甲书记", "甲副书记", "甲组织委员", "甲宣传委员"]
    assert names[4:] == sorted(["张党员", "李党员"])
    assert [s.index for s in order] == [1, 2, 3, 4, 5, 6]
    by_name = {s.member.name: s for s in order}
    assert by_name["甲书记"].committee_draft == committee
    assert by_name["甲副书记"].committee_draft is None
    assert by_name["李党员"].draft == own and by_name["李党员"].draft_approved
    assert by_name["李党员"].written
    assert by_name["甲副书记"].draft is not None and not by_name["甲副书记"].draft_approved
    assert by_name["张党员"].draft is None
    assert people["latecomer"] not in [s.member for s in order]  # joined after the plan


def test_next_critic_goes_round_the_table():
    class S:
        def __init__(self, pk, present=None):
            self.member = type("M", (), {"pk": pk})()
            self.attendee = type("A", (), {"present": present})()

    order = [S(1), S(2), S(3, present=False), S(4), S(5)]
    assert next_critic(order=order, target_id=2, done_ids=[], last_id=None) == 1
    assert next_critic(order=order, target_id=2, done_ids=[1], last_id=1) == 4  # 3 is absent
    assert next_critic(order=order, target_id=2, done_ids=[1, 4], last_id=4) == 5
    assert next_critic(order=order, target_id=2, done_ids=[4, 5], last_id=5) == 1  # wraps
    # everyone has spoken: keep going round
    assert next_critic(order=order, target_id=2, done_ids=[1, 4, 5], last_id=5) == 1
    assert next_critic(order=[S(2)], target_id=2, done_ids=[], last_id=None) is None


# --- criticism ---------------------------------------------------------------------------


def test_criticism_is_saved_corrected_and_a_double_submit_is_one_row(people):
    meeting, by = people["meeting"], people["secretary"].user
    kwargs = {"meeting": meeting, "by": by, "critic": people["li"], "target": people["zhang"]}
    first = criticism_save(**kwargs, text=" 学习不够深入,笔记流于形式 ")
    again = criticism_save(**kwargs, text="学习不够深入,笔记流于形式")
    assert first.pk == again.pk and Criticism.objects.count() == 1
    assert first.text == "学习不够深入,笔记流于形式" and first.reply == ""

    fixed = criticism_save(
        **{**kwargs, "critic": people["deputy"]},
        text="学习不够深入",
        reply="诚恳接受,立即整改",
        criticism=first,
    )
    assert fixed.pk == first.pk
    row = Criticism.objects.get()
    assert (row.critic, row.text, row.reply) == (
        people["deputy"],
        "学习不够深入",
        "诚恳接受,立即整改",
    )
    grouped = criticisms_by_target(meeting=meeting)
    assert list(grouped) == [people["zhang"].pk] and grouped[people["zhang"].pk] == [row]


@pytest.mark.parametrize(
    ("critic", "target", "message"),
    [
        ("zhang", "zhang", "不能是同一个人"),
        ("latecomer", "zhang", "新党员 不在本次组织生活会的应到人员中"),
        ("zhang", "latecomer", "新党员 不在本次组织生活会的应到人员中"),
        ("other_branch", "zhang", "乙党员 不在本次组织生活会的应到人员中"),
    ],
)
def test_criticism_refused_for_self_or_someone_not_expected(people, critic, target, message):
    with pytest.raises(ValidationError, match=message):
        criticism_save(
            meeting=people["meeting"],
            by=people["secretary"].user,
            critic=people[critic],
            target=people[target],
            text="意见",
        )
    assert not Criticism.objects.exists()


def test_criticism_needs_words_and_an_absent_critic_is_refused(people):
    meeting, by = people["meeting"], people["secretary"].user
    with pytest.raises(ValidationError, match="请填写批评意见"):
        criticism_save(
            meeting=meeting, by=by, critic=people["li"], target=people["zhang"], text=" "
        )
    attendance_record(
        meeting=meeting,
        by=by,
        present={people["li"].pk: False},
        reasons={people["li"].pk: "病假"},
        upper_attendee="",
    )
    with pytest.raises(ValidationError, match="李党员 已登记为缺席"):
        criticism_save(
            meeting=meeting, by=by, critic=people["li"], target=people["zhang"], text="意见"
        )
    assert not Criticism.objects.exists()


def test_criticism_delete_and_refused_once_on_the_problem_list(people):
    meeting, by = people["meeting"], people["secretary"].user
    kwargs = {"meeting": meeting, "by": by, "critic": people["li"], "target": people["zhang"]}
    mistake = criticism_save(**kwargs, text="打错了")
    criticism_delete(criticism=mistake, by=by)
    assert not Criticism.objects.exists()

    used = criticism_save(**kwargs, text="工作作风不够扎实")
    Problem.objects.create(
        meeting=meeting,
        branch=meeting.branch,
        owner=people["zhang"],
        category="style",
        text="工作作风不够扎实",
        source="criticism",
        criticism=used,
    )
    with pytest.raises(ValidationError, match="已列入问题清单"):
        criticism_delete(criticism=used, by=by)
    assert Criticism.objects.filter(pk=used.pk).exists()


# --- minutes -----------------------------------------------------------------------------


def test_minutes_saved_and_updated(people):
    meeting, by = people["meeting"], people["secretary"].user
    kwargs = {
        "meeting": meeting,
        "by": by,
        "host": people["secretary"],
        "recorder": people["organization"],
        "rectification_report": "上次问题 3 个",
        "key_points": " 书记代表支委会作对照检查 ",
        "upper_comments": "",
        "resolutions": "形成问题清单",
    }
    minutes = minutes_save(**kwargs)
    assert minutes.key_points == "书记代表支委会作对照检查" and minutes.updated_by == by
    minutes_save(**{**kwargs, "recorder": None, "upper_comments": "准备充分"})
    minutes = Minutes.objects.get()
    assert minutes.recorder is None and minutes.upper_comments == "准备充分"

    with pytest.raises(ValidationError, match="新党员 不在本次组织生活会的应到人员中"):
        minutes_save(**{**kwargs, "host": people["latecomer"]})


# --- who and when ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [MeetingStatus.CANCELLED, MeetingStatus.COMPLETED, MeetingStatus.PLANNING]
)
def test_every_write_is_refused_outside_preparing_and_held(people, status):
    meeting, by = people["meeting"], people["secretary"].user
    criticism = criticism_save(
        meeting=meeting, by=by, critic=people["li"], target=people["zhang"], text="意见"
    )
    held_at = timezone.now() if status == MeetingStatus.COMPLETED else None
    type(meeting).objects.filter(pk=meeting.pk).update(status=status, held_at=held_at)
    meeting.refresh_from_db()
    calls = [
        lambda: attendance_record(
            meeting=meeting, by=by, present={people["li"].pk: True}, reasons={}, upper_attendee=""
        ),
        lambda: criticism_save(
            meeting=meeting, by=by, critic=people["li"], target=people["zhang"], text="又一条"
        ),
        lambda: criticism_delete(criticism=criticism, by=by),
        lambda: minutes_save(
            meeting=meeting,
            by=by,
            host=None,
            recorder=None,
            rectification_report="",
            key_points="要点",
            upper_comments="",
            resolutions="",
        ),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="只有会前准备或已召开的会议才能记录会议情况"):
            call()
    assert Criticism.objects.count() == 1 and not Minutes.objects.exists()
    assert not Attendee.objects.filter(present__isnull=False).exists()


def test_held_meeting_may_still_be_recorded(people):
    meeting = MeetingFactory(branch=people["meeting"].branch, status="held", held_at=timezone.now())
    criticism_save(
        meeting=meeting,
        by=people["secretary"].user,
        critic=people["li"],
        target=people["zhang"],
        text="意见",
    )
    assert Criticism.objects.filter(meeting=meeting).count() == 1


def test_only_the_committee_or_a_supervisor_above_records(people, org_tree):
    meeting = people["meeting"]
    kwargs = {"meeting": meeting, "critic": people["li"], "target": people["zhang"], "text": "意见"}
    for user in (
        people["zhang"].user,
        people["other_branch"].user,
        SupervisorFactory(organization=org_tree["general"]).user,
    ):
        with pytest.raises(ValidationError, match="只有支部委员会或上级党组织"):
            criticism_save(by=user, **kwargs)
    criticism_save(by=people["organization"].user, **kwargs)  # any committee member
    criticism_save(by=SupervisorFactory(organization=org_tree["committee"]).user, **kwargs)
    assert Criticism.objects.count() == 1  # the same words again: one row


# --- 通报上次整改情况 -------------------------------------------------------------------


def _held(branch, days_ago: int, status: str = "held"):
    return MeetingFactory(
        branch=branch,
        status=status,
        held_at=timezone.now(),
        starts_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def _problem(meeting, owner, criticism, **kwargs) -> Problem:
    return Problem.objects.create(
        meeting=meeting,
        branch=meeting.branch,
        owner=owner,
        category="study",
        text="理论学习不够系统",
        source="criticism",
        criticism=criticism,
        **kwargs,
    )


def test_last_rectification_report_counts_the_last_meetings_problems_per_owner(
    people, org_tree, django_assert_num_queries
):
    a = people["meeting"].branch
    older = _held(a, 400, status="completed")
    last = _held(a, 180, status="rectifying")
    MeetingFactory(
        branch=a, status="cancelled", starts_at=timezone.now() - datetime.timedelta(days=90)
    )
    other = _held(org_tree["b"], 100)
    c_old = Criticism.objects.create(
        meeting=older, critic=people["li"], target=people["zhang"], text="旧"
    )
    c_last = Criticism.objects.create(
        meeting=last, critic=people["li"], target=people["zhang"], text="上次"
    )
    c_other = Criticism.objects.create(
        meeting=other,
        critic=people["other_branch"],
        target=MemberFactory(branch=org_tree["b"]),
        text="别的支部",
    )
    _problem(older, people["zhang"], c_old)
    kept = _problem(last, people["zhang"], c_last)
    _problem(last, people["zhang"], c_last)
    _problem(last, people["zhang"], c_last, merged_into=kept)  # a duplicate, merged
    _problem(last, people["deputy"], c_last)
    Problem.objects.create(
        meeting=last, branch=a, is_committee=True, category="duty", text="班子", source="supervisor"
    )
    _problem(other, people["other_branch"], c_other)
    # a later held meeting is not "the last" one
    _held(a, -60)

    with django_assert_num_queries(3):  # previous meeting, problems, ledger
        report = last_rectification_report(meeting=people["meeting"])
    assert report.previous == last and not report.from_ledger
    assert [(r.owner_label, r.total) for r in report.rows] == [
        ("支部班子", 1),
        ("甲副书记", 1),
        ("张党员", 2),
    ]
    assert all(r.done is None and r.open is None and r.overdue is None for r in report.rows)
    assert report.total == 4

    text = rectification_report_text(report)
    assert "问题清单共 4 个问题" in text and "张党员:问题 2 个。" in text
    assert "整改完成情况将由整改台账自动生成" in text


def test_no_earlier_held_meeting_means_no_report(people):
    MeetingFactory(
        branch=people["meeting"].branch,
        status="cancelled",
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    report = last_rectification_report(meeting=people["meeting"])
    assert report.previous is None and report.rows == []
    assert "无上次整改情况" in rectification_report_text(report)
