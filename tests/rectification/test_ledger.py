"""The rectification ledger's rules: every status transition and who may make it, the
database check constraints, the concurrent-edit refusal, evidence limits, the recurring flag,
the timeline, deadlines, reminders, interviews, publicity and items from draft measures.

The helpers here (``rectifying_meeting``, ``tiny_png``) are shared with the other
``test_ledger_*`` files; problems and items come from tests/rectification/factories.py.
"""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import DraftMeasure
from members.selectors import user_label
from notifications.models import Notification, Reminder, ReminderStatus
from rectification.choices import EventKind, ItemStatus
from rectification.models import ItemEvent, LedgerPublicity, RectificationItem
from rectification.selectors import ledger as selectors
from rectification.services import interviews as interview_services
from rectification.services import items as item_services
from rectification.services import lifecycle
from rectification.services import problems as problem_services
from tests.meetings.factories import DraftFactory, MeetingFactory
from tests.members.factories import MemberFactory
from tests.rectification.factories import ItemFactory, ProblemFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# --- shared helpers ----------------------------------------------------------------------------


def rectifying_meeting(branch, *, days_ago: int = 1, published: bool = True, **fields):
    """A meeting of ``branch`` held ``days_ago`` days ago and closed into 整改中."""
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return MeetingFactory(
        branch=branch,
        status=fields.pop("status", MeetingStatus.RECTIFYING),
        starts_at=starts,
        held_at=starts,
        problems_published_at=starts if published else None,
        report_sent_at=starts,
        **fields,
    )


def tiny_png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def tiny_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("整改佐证:调研报告")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sec(people):
    return people["secretary"].user


@pytest.fixture
def rect(people):
    return rectifying_meeting(people["a"])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pending(item) -> list[Reminder]:
    return list(Reminder.objects.filter(subject=f"item:{item.pk}", status=ReminderStatus.PENDING))


def _fresh(item) -> RectificationItem:
    return RectificationItem.objects.get(pk=item.pk)


# --- creating items ------------------------------------------------------------------------------


def test_an_item_for_a_members_problem_belongs_to_that_member(people, rect):
    m1 = people["m1"]
    deadline = TODAY() + datetime.timedelta(days=30)
    item = ItemFactory(meeting=rect, owner=m1, by=sec(people), deadline=deadline)
    assert (item.owner, item.lead, item.is_committee) == (m1, None, False)
    assert (item.branch, item.meeting) == (people["a"], rect)
    assert item.original_deadline == deadline and item.status == ItemStatus.NOT_STARTED
    assert [(e.kind, e.by) for e in item.events.all()] == [(EventKind.CREATED, sec(people))]
    # the reminder outbox follows the item: 7 days and 1 day before the deadline …
    due = {r.kind: r.due_on for r in _pending(item) if r.recipient == m1.user}
    assert due["deadline_7d"] == deadline - datetime.timedelta(days=7)
    assert due["deadline_1d"] == deadline - datetime.timedelta(days=1)


def test_a_committee_item_is_led_by_a_committee_member_the_secretary_by_default(people, rect):
    item = ItemFactory(meeting=rect, owner=None, by=sec(people))
    assert (item.is_committee, item.owner, item.lead) == (True, None, people["secretary"])
    problem = ProblemFactory(meeting=rect, owner=None, text="班子落实“三会一课”制度不严格")
    with pytest.raises(ValidationError, match="牵头人须为支部委员"):
        ItemFactory(meeting=rect, owner=None, by=sec(people), lead=people["m1"], problem=problem)
    other = ItemFactory(
        meeting=rect, owner=None, by=sec(people), lead=people["committee"], problem=problem
    )
    assert other.lead == people["committee"]


def test_items_are_created_only_by_the_committee_and_only_in_rectification(people, rect):
    with pytest.raises(PermissionDenied):
        ItemFactory(meeting=rect, owner=people["m1"], by=people["m1"].user)
    with pytest.raises(PermissionDenied):
        ItemFactory(meeting=rect, owner=people["m1"], by=people["secretary_b"].user)
    held = rectifying_meeting(people["a"], status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="转入整改后"):
        ItemFactory(meeting=held, owner=people["m1"], by=sec(people))
    with pytest.raises(ValidationError, match="不能早于组织生活会召开的日期"):
        ItemFactory(
            meeting=rect,
            owner=people["m1"],
            by=sec(people),
            deadline=TODAY() - datetime.timedelta(days=9),
        )
    # the supervisor above may add items too
    assert (
        ItemFactory(meeting=rect, owner=people["m2"], by=people["supervisor"]).owner == people["m2"]
    )


# --- status transitions and who may make them ------------------------------------------------------


def test_the_owner_starts_reports_and_marks_done_and_the_secretary_is_asked(people, rect, media):
    m1 = people["m1"]
    item = ItemFactory(meeting=rect, owner=m1, by=sec(people))
    item_services.progress_add(item=item, by=m1.user, on=TODAY(), text="已走访两个村")
    item = _fresh(item)
    assert item.status == ItemStatus.IN_PROGRESS and item.started_at is not None

    item_services.item_mark_done(item=item, by=m1.user)
    item = _fresh(item)
    assert item.status == ItemStatus.AWAITING_SIGNOFF and item.done_at is not None
    asked = Notification.objects.filter(key__startswith=f"item:{item.pk}:done:")
    assert [n.recipient for n in asked] == [sec(people)]
    # waiting for sign-off is not overdue: no reminder to the owner; the signer is reminded
    # if it waits three days, then weekly
    pending = _pending(item)
    assert {r.recipient for r in pending} == {sec(people)}
    assert {r.kind for r in pending} == {"signoff_pending"}
    first = min(r.due_on for r in pending)
    assert first == timezone.localdate(item.done_at) + datetime.timedelta(days=3)
    assert sorted(r.due_on for r in pending)[:2] == [first, first + datetime.timedelta(weeks=1)]
    # a retry is harmless
    assert item_services.item_mark_done(item=item, by=m1.user).status == ItemStatus.AWAITING_SIGNOFF
    assert len(_pending(item)) == len(pending)
    # signed off: nothing left to remind anyone of
    item_services.item_sign_off(item=item, by=sec(people))
    assert _pending(item) == []


def test_only_the_owner_marks_done_the_committee_only_for_an_owner_without_login(people, rect):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    for who in (people["m2"].user, sec(people), people["supervisor"]):
        with pytest.raises(PermissionDenied):
            item_services.item_mark_done(item=item, by=who)
    offline = MemberFactory(branch=people["a"], name="赵六", user=None)
    theirs = ItemFactory(meeting=rect, owner=offline, by=sec(people))
    item_services.item_mark_done(item=theirs, by=sec(people))
    assert _fresh(theirs).status == ItemStatus.AWAITING_SIGNOFF


def _awaiting(people, rect, owner=None, **kw) -> RectificationItem:
    item = ItemFactory(meeting=rect, owner=owner, by=sec(people), **kw)
    responsible = owner or item.lead
    item_services.item_mark_done(item=item, by=responsible.user)
    return _fresh(item)


def test_the_secretary_signs_off_a_members_item_and_reminders_stop(people, rect):
    item = _awaiting(people, rect, people["m1"])
    item_services.item_sign_off(item=item, by=sec(people))
    item = _fresh(item)
    assert item.status == ItemStatus.SIGNED_OFF
    assert (item.signed_off_by, item.signed_off_at is not None) == (sec(people), True)
    assert _pending(item) == []
    assert Notification.objects.filter(
        recipient=people["m1"].user, key__startswith=f"item:{item.pk}:signed-off"
    ).exists()
    # signing off again is a no-op
    assert item_services.item_sign_off(item=item, by=sec(people)).status == ItemStatus.SIGNED_OFF


def test_the_secretary_may_not_sign_off_a_committee_item_the_supervisor_above_may(people, rect):
    item = _awaiting(people, rect, None)
    for who in (sec(people), people["committee"].user, people["m1"].user):
        with pytest.raises(PermissionDenied):
            item_services.item_sign_off(item=item, by=who)
    for who in (people["supervisor_other"], people["supervisor_general"]):  # not above A
        with pytest.raises(PermissionDenied):
            item_services.item_sign_off(item=item, by=who)
    item_services.item_sign_off(item=item, by=people["supervisor"])
    assert _fresh(item).status == ItemStatus.SIGNED_OFF


def test_the_supervisor_above_signs_off_members_items_too(people, rect):
    item = _awaiting(people, rect, people["m2"])
    item_services.item_sign_off(item=item, by=people["supervisor"])
    assert _fresh(item).signed_off_by == people["supervisor"]


def test_members_and_the_secretary_herself_cannot_sign_off_their_own(people, rect):
    theirs = _awaiting(people, rect, people["m1"])
    with pytest.raises(PermissionDenied):
        item_services.item_sign_off(item=theirs, by=people["m1"].user)
    with pytest.raises(PermissionDenied):
        item_services.item_sign_off(item=theirs, by=people["committee"].user)
    hers = _awaiting(people, rect, people["secretary"])
    with pytest.raises(PermissionDenied):
        item_services.item_sign_off(item=hers, by=sec(people))
    item_services.item_sign_off(item=hers, by=people["supervisor"])


def test_signing_off_an_item_not_awaiting_is_refused(people, rect):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    with pytest.raises(ValidationError, match="只有责任人申请销号"):
        item_services.item_sign_off(item=item, by=sec(people))
    assert _fresh(item).status == ItemStatus.NOT_STARTED


def test_sending_back_needs_a_reason_and_reopens_the_item(people, rect):
    item = _awaiting(people, rect, people["m1"])
    with pytest.raises(ValidationError, match="写明理由"):
        item_services.item_send_back(item=item, by=sec(people), reason="  ")
    with pytest.raises(PermissionDenied):
        item_services.item_send_back(item=item, by=people["m2"].user, reason="不行")
    item_services.item_send_back(item=item, by=sec(people), reason="调研报告未附走访记录")
    item = _fresh(item)
    assert (item.status, item.done_at) == (ItemStatus.IN_PROGRESS, None)
    back = item.events.get(kind=EventKind.SENT_BACK)
    assert (back.detail, back.by) == ("调研报告未附走访记录", sec(people))
    note = Notification.objects.get(recipient=people["m1"].user, key__contains="sent-back")
    assert note.body == "调研报告未附走访记录"
    assert _pending(item)  # reminders are back
    with pytest.raises(ValidationError, match="只有待销号的事项才能退回"):
        item_services.item_send_back(item=item, by=sec(people), reason="再退一次")


def test_a_committee_item_is_sent_back_only_from_above(people, rect):
    item = _awaiting(people, rect, None)
    with pytest.raises(PermissionDenied):
        item_services.item_send_back(item=item, by=sec(people), reason="材料不全")
    item_services.item_send_back(item=item, by=people["supervisor"], reason="材料不全")
    assert _fresh(item).status == ItemStatus.IN_PROGRESS


def test_a_signed_off_item_takes_no_more_progress_or_edits(people, rect, media):
    item = _awaiting(people, rect, people["m1"])
    item_services.item_sign_off(item=item, by=sec(people))
    with pytest.raises(ValidationError, match="已销号"):
        item_services.progress_add(item=item, by=people["m1"].user, on=TODAY(), text="补充")
    with pytest.raises(ValidationError, match="已销号"):
        item_services.item_mark_done(item=item, by=people["m1"].user)
    item = _fresh(item)
    with pytest.raises(ValidationError, match="已销号的事项不能再修改"):
        item_services.item_update(
            item=item,
            by=sec(people),
            version=item.version,
            measure="改",
            deadline=item.deadline,
            owner=people["m1"],
            lead=None,
            priority=item.priority,
            difficulty=item.difficulty,
        )


def test_awaiting_signoff_lists_what_each_signer_may_sign(people, rect):
    member_item = _awaiting(people, rect, people["m1"])
    committee_item = _awaiting(people, rect, None)
    own = _awaiting(people, rect, people["secretary"])
    assert list(selectors.awaiting_signoff(user=sec(people))) == [member_item]
    assert set(selectors.awaiting_signoff(user=people["supervisor"])) == {
        member_item,
        committee_item,
        own,
    }
    assert list(selectors.awaiting_signoff(user=people["supervisor_other"])) == []
    assert list(selectors.awaiting_signoff(user=people["m1"].user)) == []


# --- check constraints --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"status": "signed_off"},  # no signed_off_at (nor done_at)
        {"status": "signed_off", "done_at": timezone.now(), "started_at": timezone.now()},
        {"status": "awaiting", "started_at": timezone.now()},  # no done_at
        {"status": "in_progress"},  # no started_at
        {"done_at": timezone.now()},  # done_at on a not-started item
        {"signed_off_at": timezone.now()},  # signed off time on an item not signed off
        {"is_committee": True},  # a committee item needs a lead and no owner
        {"owner": None},  # a member's item needs its owner
    ],
    ids=[
        "signed_off-without-times",
        "signed_off-without-signed_off_at",
        "awaiting-without-done_at",
        "in_progress-without-started_at",
        "done_at-while-not-started",
        "signed_off_at-while-open",
        "committee-with-owner",
        "member-item-without-owner",
    ],
)
def test_check_constraints_keep_status_and_timestamps_consistent(people, rect, change):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(**change)


def test_a_consistent_signed_off_row_passes_the_constraints(people, rect):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    now = timezone.now()
    RectificationItem.objects.filter(pk=item.pk).update(
        status="signed_off", started_at=now, done_at=now, signed_off_at=now
    )
    assert _fresh(item).status == ItemStatus.SIGNED_OFF


# --- editing: concurrency and deadlines ------------------------------------------------------------


def _edit(item, by, version, **changes):
    values = {
        "measure": item.measure,
        "deadline": item.deadline,
        "owner": item.owner,
        "lead": item.lead,
        "priority": item.priority,
        "difficulty": item.difficulty,
        **changes,
    }
    return item_services.item_update(item=item, by=by, version=version, **values)


def test_the_second_of_two_concurrent_edits_is_refused_with_the_first_ones_values(people, rect):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    loaded = item.version  # both editors loaded the form at this version
    _edit(item, sec(people), loaded, measure="每两周走访一次,6月底前形成调研报告")
    with pytest.raises(item_services.StaleItem) as refused:
        _edit(item, people["supervisor"], loaded, measure="每月走访一次", priority="urgent")
    stale = refused.value
    assert stale.item.measure == "每两周走访一次,6月底前形成调研报告"
    assert stale.changed_by == "甲书记"
    assert "该事项已被 甲书记 于" in stale.messages[0]
    item = _fresh(item)
    assert (item.measure, item.priority) == ("每两周走访一次,6月底前形成调研报告", "important")
    assert item.version == loaded + 1
    # with the current version, the supervisor's deliberate save goes through
    _edit(item, people["supervisor"], item.version, measure="每月走访一次")
    assert _fresh(item).measure == "每月走访一次"


def test_a_changed_deadline_keeps_the_original_and_moves_the_reminders(people, rect):
    first = TODAY() + datetime.timedelta(days=30)
    later = TODAY() + datetime.timedelta(days=60)
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people), deadline=first)
    _edit(item, sec(people), item.version, deadline=later, owner=people["m2"])
    item = _fresh(item)
    assert (item.deadline, item.original_deadline, item.owner) == (later, first, people["m2"])
    moved = item.events.get(kind=EventKind.DEADLINE)
    assert moved.detail == f"{first.isoformat()} → {later.isoformat()}"
    assert "责任人:张三 → 李四" in item.events.get(kind=EventKind.EDITED).detail
    pending = _pending(item)
    assert {r.recipient for r in pending if r.kind == "deadline_1d"} == {people["m2"].user}
    assert {r.due_on for r in pending if r.kind == "deadline_1d"} == {
        later - datetime.timedelta(days=1)
    }
    # an edit that changes nothing writes nothing
    _edit(item, sec(people), item.version)
    assert _fresh(item).version == item.version


def test_only_the_committee_and_supervisors_edit(people, rect):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    for who in (people["m1"].user, people["secretary_b"].user, people["supervisor_other"]):
        with pytest.raises(PermissionDenied):
            _edit(item, who, item.version, measure="改")


# --- evidence -------------------------------------------------------------------------------------


def _report(item, by, upload=None, text="已完成两个村的走访"):
    return item_services.progress_add(item=item, by=by, on=TODAY(), text=text, evidence=upload)


def test_progress_without_a_file_is_accepted(people, rect, media):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    progress = _report(item, people["m1"].user)
    assert not progress.evidence
    assert list(media.iterdir()) == []


def test_a_real_png_is_accepted_and_stored_by_its_type(people, rect, media):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    upload = SimpleUploadedFile("走访照片.JPG", tiny_png(), content_type="image/jpeg")
    progress = _report(item, people["m1"].user, upload)
    assert progress.evidence.name.endswith(".png")
    assert (media / progress.evidence.name).read_bytes() == tiny_png()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tiny.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ("report.docx", None),  # a real .docx, built below
        ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64),
    ],
)
def test_pdf_docx_and_jpeg_are_accepted(people, rect, media, name, content):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    content = content or tiny_docx()
    progress = _report(item, people["m1"].user, SimpleUploadedFile(name, content))
    assert progress.evidence.name.rsplit(".", 1)[-1] == name.rsplit(".", 1)[-1].replace(
        "jpeg", "jpg"
    )


def test_a_file_over_5_mb_is_refused(people, rect, media):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024))
    with pytest.raises(ValidationError, match="不能超过 5 MB") as refused:
        _report(item, people["m1"].user, big)
    assert "evidence" in refused.value.error_dict
    assert not item.progress.exists() and list(media.iterdir()) == []
    assert _fresh(item).status == ItemStatus.NOT_STARTED  # nothing happened


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("photo.png", b"GIF89a\x01\x00\x01\x00"),
        ("notes.docx", _zip({"evil.exe": b"MZ"})),  # a zip, but no Word document
        (
            "macro.docx",
            _zip(
                {
                    "[Content_Types].xml": b"application/vnd.openxmlformats-officedocument."
                    b"wordprocessingml.document.main+xml",
                    "word/document.xml": b"<w/>",
                    "word/vbaProject.bin": b"\x00",
                }
            ),
        ),
        ("notes.txt", "整改情况说明".encode()),
    ],
    ids=["exe-named-pdf", "html-named-pdf", "gif-named-png", "zip-named-docx", "macro", "text"],
)
def test_files_are_checked_by_content_not_by_name(people, rect, media, name, content):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    with pytest.raises(ValidationError, match="只能上传 PDF") as refused:
        _report(item, people["m1"].user, SimpleUploadedFile(name, content))
    assert "evidence" in refused.value.error_dict
    assert not item.progress.exists()


def test_progress_is_reported_by_the_owner_or_the_committee_only(people, rect, media):
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people))
    with pytest.raises(PermissionDenied):
        _report(item, people["m2"].user)
    _report(item, people["committee"].user, text="支委代为记录:已走访")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        item_services.progress_add(
            item=item, by=people["m1"].user, on=TODAY() + datetime.timedelta(days=1), text="x"
        )


# --- the recurring flag (屡改屡在) -------------------------------------------------------------------

OLD = "为群众办事时态度生硬,今年3月在窗口受理低保申请时两次被群众投诉到12345热线"
AGAIN = "为群众办事态度生硬,今年在窗口受理低保申请时又被群众投诉到12345热线两次"
OTHER = "组织开展主题党日活动次数偏少,全年只开展了四次,形式单一"


def _signed_off_earlier(people, owner, text, *, days_ago=400):
    earlier = rectifying_meeting(people["a"], days_ago=days_ago, theme="上年度组织生活会")
    item = ItemFactory(meeting=earlier, owner=owner, by=sec(people), text=text)
    responsible = owner or people["secretary"]
    item_services.item_mark_done(item=item, by=responsible.user)
    item_services.item_sign_off(item=item, by=people["supervisor"])
    return _fresh(item)


def test_a_problem_that_comes_back_after_sign_off_is_flagged_and_reported(people, rect):
    old = _signed_off_earlier(people, people["m1"], OLD)
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people), text=AGAIN)
    assert item.recurring_of == old
    rect.refresh_from_db()  # the mark the supervisor's 屡改屡在 list walks
    assert rect.has_recurring_items and not old.meeting.has_recurring_items
    flag = item.events.get(kind=EventKind.RECURRING)
    assert "已销号的问题相似" in flag.detail and flag.by is None
    told = Notification.objects.filter(key=f"problem:{item.problem_id}:recurring")
    assert {n.recipient for n in told} == {sec(people), people["supervisor"]}
    assert all(n.url == f"/rectification/items/{item.pk}/" for n in told)


def test_a_different_problem_or_another_members_is_not_flagged(people, rect):
    _signed_off_earlier(people, people["m1"], OLD)
    different = ItemFactory(meeting=rect, owner=people["m1"], by=sec(people), text=OTHER)
    someone_else = ItemFactory(meeting=rect, owner=people["m2"], by=sec(people), text=AGAIN)
    assert different.recurring_of is None and someone_else.recurring_of is None
    assert not ItemEvent.objects.filter(kind=EventKind.RECURRING).exists()
    assert not Notification.objects.filter(key__endswith=":recurring").exists()
    rect.refresh_from_db()
    assert not rect.has_recurring_items


def test_an_earlier_problem_not_yet_signed_off_is_not_a_recurrence(people, rect):
    earlier = rectifying_meeting(people["a"], days_ago=400)
    ItemFactory(meeting=earlier, owner=people["m1"], by=sec(people), text=OLD)  # still open
    assert (
        ItemFactory(meeting=rect, owner=people["m1"], by=sec(people), text=AGAIN).recurring_of
        is None
    )


def test_the_committees_recurring_problem_is_matched_within_the_branch(people, rect):
    old = _signed_off_earlier(people, None, "班子落实“三会一课”制度不严格,上半年少开两次支委会")
    item = ItemFactory(
        meeting=rect,
        owner=None,
        by=sec(people),
        text="班子落实“三会一课”制度不严格,下半年又少开两次支委会",
    )
    assert item.recurring_of == old


# --- the timeline ---------------------------------------------------------------------------------


def test_the_timeline_shows_every_change_in_order_with_who(people, rect, media):
    m1, secretary = people["m1"], sec(people)
    item = ItemFactory(meeting=rect, owner=m1, by=secretary)
    _report(item, m1.user, text="已走访两个村")
    item_services.item_mark_done(item=item, by=m1.user)
    item_services.item_send_back(item=item, by=people["supervisor"], reason="缺少调研报告")
    _report(item, m1.user, SimpleUploadedFile("r.png", tiny_png()), text="已补交调研报告")
    item_services.item_mark_done(item=item, by=m1.user)
    item_services.item_sign_off(item=item, by=secretary)

    detail = selectors.item_detail(item=_fresh(item))
    steps = [(e.kind, e.by) for e in detail.timeline]
    sup = user_label(people["supervisor"])
    assert steps == [
        ("created", "甲书记"),
        ("started", "张三"),
        ("progress", "张三"),
        ("done", "张三"),
        ("sent_back", sup),
        ("progress", "张三"),
        ("done", "张三"),
        ("signed_off", "甲书记"),
    ]
    assert [e.detail for e in detail.timeline if e.kind == "progress"] == [
        "已走访两个村",
        "已补交调研报告",
    ]
    assert detail.timeline[5].progress.evidence
    times = [e.at for e in detail.timeline]
    assert times == sorted(times)


# --- interviews (约谈) ------------------------------------------------------------------------------


@pytest.fixture
def overdue(people):
    """Branch A's meeting 100 days ago, with two of 张三's items overdue."""
    meeting = rectifying_meeting(people["a"], days_ago=100)
    past = TODAY() - datetime.timedelta(days=20)
    items = [
        ItemFactory(
            meeting=meeting, owner=people["m1"], by=sec(people), deadline=past, text=f"问题{i}"
        )
        for i in range(2)
    ]
    return meeting, items


def test_an_interview_records_the_talk_and_moves_the_deadlines(people, overdue):
    meeting, items = overdue
    new = TODAY() + datetime.timedelta(days=14)
    interview = interview_services.interview_record(
        branch=people["a"],
        by=sec(people),
        member=people["m1"],
        items=items,
        held_on=TODAY(),
        interviewer="甲书记",
        said="逾期原因是汛期抢险,本人表示两周内完成",
        new_deadline=new,
    )
    assert set(interview.items.all()) == set(items)
    for item in items:
        fresh = _fresh(item)
        assert fresh.deadline == new and fresh.original_deadline == item.deadline
        assert fresh.version == item.version + 1
        kinds = list(fresh.events.values_list("kind", flat=True))
        assert kinds[-2:] == [EventKind.INTERVIEW, EventKind.DEADLINE]
        assert "约谈商定" in fresh.events.get(kind=EventKind.DEADLINE).detail
        assert "汛期" not in fresh.events.get(kind=EventKind.INTERVIEW).detail  # said is private
        assert not fresh.is_overdue()


def test_an_interview_is_about_that_members_overdue_items_only(people, overdue):
    meeting, items = overdue
    not_due = ItemFactory(meeting=meeting, owner=people["m1"], by=sec(people), text="未到期")
    someone_elses = ItemFactory(
        meeting=meeting,
        owner=people["m2"],
        by=sec(people),
        deadline=items[0].deadline,
        text="李四的",
    )
    kwargs = {
        "branch": people["a"],
        "member": people["m1"],
        "held_on": TODAY(),
        "interviewer": "甲书记",
        "said": "督促",
    }
    with pytest.raises(ValidationError, match="没有逾期"):
        interview_services.interview_record(by=sec(people), items=[not_due], **kwargs)
    with pytest.raises(ValidationError, match="本人负责"):
        interview_services.interview_record(by=sec(people), items=[someone_elses], **kwargs)
    with pytest.raises(PermissionDenied):
        interview_services.interview_record(by=people["committee"].user, items=items, **kwargs)
    with pytest.raises(PermissionDenied):
        interview_services.interview_record(by=people["secretary_b"].user, items=items, **kwargs)
    # the supervisor above may interview; without a new deadline nothing moves
    interview_services.interview_record(by=people["supervisor"], items=items, **kwargs)
    assert _fresh(items[0]).deadline == items[0].deadline


# --- publicity ------------------------------------------------------------------------------------


def test_only_the_secretary_turns_publicity_on_and_each_time_is_a_new_link(people):
    branch = people["a"]
    for who in (people["committee"].user, people["m1"].user, people["supervisor"]):
        with pytest.raises(PermissionDenied):
            item_services.publicity_set(branch=branch, by=who, enabled=True)
    on = item_services.publicity_set(branch=branch, by=sec(people), enabled=True)
    assert on.enabled and len(on.token) >= 32
    off = item_services.publicity_set(branch=branch, by=sec(people), enabled=False)
    again = item_services.publicity_set(branch=branch, by=sec(people), enabled=True)
    assert (off.enabled, again.enabled) == (False, True)
    assert again.token != on.token  # the link handed out before stays dead
    assert LedgerPublicity.objects.count() == 1


# --- items from the drafts' measures at close -------------------------------------------------------


def test_closing_the_meeting_turns_the_drafts_measures_into_items(people, held):
    m1, secretary = people["m1"], people["secretary"]
    d1 = DraftFactory(
        meeting=held,
        author=m1,
        problems=[("style", "调研不深入", "下乡调研仅两次"), ("study", "学习不系统", "")],
    )
    dc = DraftFactory(
        meeting=held,
        author=secretary,
        problems=[("duty", "班子落实“三会一课”不严格", "")],
        is_committee=True,
    )
    p1, p2 = d1.problems.order_by("order")
    deadline = TODAY() + datetime.timedelta(days=45)
    DraftMeasure.objects.create(
        draft=d1, order=1, problem=p1, text="每月下乡一次", deadline=deadline
    )
    DraftMeasure.objects.create(draft=d1, order=2, problem=p1, text="形成调研报告")
    DraftMeasure.objects.create(draft=d1, order=3, problem=None, text="不针对具体问题的措施")
    DraftMeasure.objects.create(
        draft=dc, order=1, problem=dc.problems.get(), text="每月召开支委会", deadline=deadline
    )
    problem_services.problems_from_drafts(meeting=held)
    problem_services.problems_publish(meeting=held, by=secretary.user)
    lifecycle.meeting_report_send(meeting=held, by=secretary.user)
    lifecycle.meeting_close(meeting=held, by=secretary.user)

    items = list(RectificationItem.objects.filter(meeting=held).order_by("pk"))
    assert [(i.measure, i.owner, i.lead) for i in items] == [
        ("每月召开支委会", None, secretary),
        ("每月下乡一次", m1, None),
        ("形成调研报告", m1, None),
    ]
    day = timezone.localtime(held.starts_at).date()
    assert [i.deadline for i in items] == [deadline, deadline, day + datetime.timedelta(days=90)]
    assert all(i.original_deadline == i.deadline for i in items)
    assert all(i.events.filter(kind=EventKind.CREATED).exists() for i in items)
    # idempotent: a second run creates nothing
    assert item_services.items_from_measures(meeting=held, by=secretary.user) == 0
    # the problem without a measure is left for the committee to add one
    without = selectors.problems_without_items(user=secretary.user, branch=people["a"])
    assert [p.text for p in without] == ["学习不系统"]


def test_who_answers_for_an_item_without_an_owner_is_blank_not_none():
    """Lists and exports show nobody as nothing, never the word "None"."""
    from rectification.models.ledger import owner_label

    assert owner_label(is_committee=False, owner=None, lead=None) == ""
    assert owner_label(is_committee=False, owner="张三", lead=None) == "张三"
    assert owner_label(is_committee=True, owner=None, lead=None) == "支部班子(牵头:)"
    assert owner_label(is_committee=True, owner=None, lead="李四") == "支部班子(牵头:李四)"
