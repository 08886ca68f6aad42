"""Look-backs and the reminder schedule that follows the ledger."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus
from notifications.models import Notification, Reminder, ReminderStatus
from notifications.reminders import reminders_sweep
from rectification.models import LookBack, Problem, RectificationItem
from rectification.services import lookbacks as lookback_services
from rectification.services.reminders import item_reminders_sync, reminders_plan
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rectifying(people):
    now = timezone.now()
    return MeetingFactory(
        branch=people["a"],
        status=MeetingStatus.RECTIFYING,
        held_at=now - datetime.timedelta(days=10),
        starts_at=now - datetime.timedelta(days=10),
        problems_published_at=now,
    )


def _item(meeting, owner, deadline, **extra):
    from meetings.models import Criticism

    criticism = Criticism.objects.create(
        meeting=meeting, critic=extra.pop("critic"), target=owner, text="批评意见"
    )
    problem = Problem.objects.create(
        meeting=meeting,
        branch=meeting.branch,
        owner=owner,
        category="style",
        text="办事拖沓",
        source="criticism",
        criticism=criticism,
    )
    return RectificationItem.objects.create(
        problem=problem,
        meeting=meeting,
        branch=meeting.branch,
        owner=owner,
        measure="对群众来件实行当日登记、三日答复",
        deadline=deadline,
        original_deadline=deadline,
        **extra,
    )


def _keys(item):
    return set(
        Reminder.objects.filter(
            subject=f"item:{item.pk}", status=ReminderStatus.PENDING
        ).values_list("kind", "due_on")
    )


def test_item_schedule_follows_deadline_and_status(people, rectifying):
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=20)
    item = _item(rectifying, people["m1"], deadline, critic=people["m2"])
    item_reminders_sync(item=item)
    kinds = _keys(item)
    assert ("deadline_7d", deadline - datetime.timedelta(days=7)) in kinds
    assert ("deadline_1d", deadline - datetime.timedelta(days=1)) in kinds
    assert ("overdue", deadline + datetime.timedelta(days=1)) in kinds
    assert ("overdue_weekly", deadline + datetime.timedelta(days=8)) in kinds
    assert ("escalation", deadline + datetime.timedelta(days=8)) in kinds  # to the supervisor
    escalation = Reminder.objects.get(subject=f"item:{item.pk}", kind="escalation")
    assert escalation.recipient == people["supervisor"]

    # A moved deadline reschedules: nothing pending is left for the old dates.
    new = deadline + datetime.timedelta(days=10)
    RectificationItem.objects.filter(pk=item.pk).update(deadline=new)
    item_reminders_sync(item=item)
    kinds = _keys(item)
    assert ("deadline_7d", new - datetime.timedelta(days=7)) in kinds
    assert ("deadline_7d", deadline - datetime.timedelta(days=7)) not in kinds

    # Signed off: everything pending is withdrawn.
    now = timezone.now()
    RectificationItem.objects.filter(pk=item.pk).update(
        status="signed_off", started_at=now, done_at=now, signed_off_at=now
    )
    item_reminders_sync(item=item)
    assert _keys(item) == set()


def test_overdue_item_reaches_owner_once_and_supervisor_after_n_days(
    people, rectifying, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=2)
    item = _item(rectifying, people["m1"], deadline, critic=people["m2"])
    item_reminders_sync(item=item)
    owner = people["m1"].user
    # Time moves on (a test clock, not sleeping): the day after the deadline …
    day_after = deadline + datetime.timedelta(days=1)
    morning = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time(9)))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(now=morning)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(now=morning)  # a second sweep adds nothing
    got = Notification.objects.filter(recipient=owner, key__startswith="reminders:")
    assert got.count() == 1
    assert "已逾期" in got.get().body or "已逾期" in got.get().title
    assert not Notification.objects.filter(recipient=people["supervisor"]).exists()
    # … and N days later the supervisor is told.
    later = morning + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(now=later)
    escalation = Notification.objects.get(recipient=people["supervisor"])
    assert "逾期 7 天" in escalation.title + escalation.body


def test_weekly_reminders_are_extended_while_overdue(people, rectifying):
    today = timezone.localdate()
    item = _item(
        rectifying, people["m1"], today - datetime.timedelta(days=100), critic=people["m2"]
    )
    assert reminders_plan(today=today) == 1
    weekly = [d for k, d in _keys(item) if k == "overdue_weekly"]
    assert weekly and min(weekly) >= today and max(weekly) > today + datetime.timedelta(weeks=7)


def test_deactivated_member_gets_nothing_more(people, rectifying):
    from members.services import member_deactivate

    item = _item(
        rectifying,
        people["m1"],
        timezone.localdate() + datetime.timedelta(days=20),
        critic=people["m2"],
    )
    item_reminders_sync(item=item)
    member_deactivate(member=people["m1"])
    assert not Reminder.objects.filter(
        recipient=people["m1"].user, status=ReminderStatus.PENDING
    ).exists()


def test_lookbacks_scheduled_recorded_and_reminded(client, people, rectifying):
    lookbacks = lookback_services.lookbacks_schedule(meeting=rectifying)
    held = timezone.localdate(rectifying.held_at)
    assert [lb.due_on.month for lb in lookbacks] == [
        (held.month % 12) + 1,
        ((held.month + 2) % 12) + 1,
    ]
    first = lookbacks[0]
    due = Reminder.objects.filter(subject=f"lookback:{first.pk}")
    assert {r.kind for r in due} == {"lookback_due", "lookback_late"}
    item = _item(
        rectifying,
        people["m1"],
        timezone.localdate() + datetime.timedelta(days=20),
        critic=people["m2"],
    )
    with pytest.raises(ValidationError) as exc:
        lookback_services.lookback_record(lookback=first, by=people["secretary"].user, entries={})
    assert "尚未填写进展" in exc.value.messages[0]

    client.force_login(people["secretary"].user)
    url = reverse("rectification:lookback", args=[first.pk])
    page = client.get(url).content.decode()
    assert item.measure in page
    client.post(
        url,
        {
            "action": "record",
            f"progress_{item.pk}": "已制定台账,完成一半",
            f"next_{item.pk}": "月底前全部办结",
            "summary": "总体按计划推进",
        },
    )
    first.refresh_from_db()
    assert first.done_at and first.entries.count() == 1
    assert not Reminder.objects.filter(
        subject=f"lookback:{first.pk}", status=ReminderStatus.PENDING
    ).exists()


def test_supervisor_sees_late_lookbacks_and_escalations(client, people, rectifying):
    today = timezone.localdate()
    late = LookBack.objects.create(meeting=rectifying, due_on=today - datetime.timedelta(days=3))
    _item(rectifying, people["m1"], today - datetime.timedelta(days=30), critic=people["m2"])
    client.force_login(people["supervisor"])
    page = client.get(reverse("rectification:supervision")).content.decode()
    assert reverse("rectification:lookback", args=[late.pk]) in page
    assert "对群众来件实行当日登记" in page
    client.force_login(people["supervisor_other"])
    page = client.get(reverse("rectification:supervision")).content.decode()
    assert "对群众来件实行当日登记" not in page
    assert client.get(reverse("rectification:lookback", args=[late.pk])).status_code == 404


def test_meeting_completes_only_when_every_item_is_signed_off(people, rectifying):
    from rectification.services.lifecycle import meeting_complete

    lookbacks = lookback_services.lookbacks_schedule(meeting=rectifying)
    item = _item(
        rectifying,
        people["m1"],
        timezone.localdate() + datetime.timedelta(days=20),
        critic=people["m2"],
    )
    with pytest.raises(ValidationError) as exc:
        meeting_complete(meeting=rectifying, by=people["secretary"].user)
    assert "1 项整改事项未销号" in exc.value.messages[0]
    now = timezone.now()
    RectificationItem.objects.filter(pk=item.pk).update(
        status="signed_off", started_at=now, done_at=now, signed_off_at=now
    )
    meeting_complete(meeting=rectifying, by=people["secretary"].user)
    rectifying.refresh_from_db()
    assert rectifying.status == MeetingStatus.COMPLETED
    assert not Reminder.objects.filter(
        subject__in=[f"lookback:{lb.pk}" for lb in lookbacks], status=ReminderStatus.PENDING
    ).exists()


def test_the_late_page_shows_a_page_of_each_list_and_says_there_is_more(
    client, people, rectifying, settings
):
    """The supervisor's 逾期督办 costs the same for a county and a province: the first page of
    escalated items (the longest overdue first) and a note that there are more."""
    settings.ORGLIFE_PAGE_SIZE = 3
    today = timezone.localdate()
    items = [
        _item(
            rectifying, people["m1"], today - datetime.timedelta(days=40 + i), critic=people["m2"]
        )
        for i in range(4)
    ]
    client.force_login(people["supervisor"])
    page = client.get(reverse("rectification:supervision")).content.decode()
    shown = [i for i in items if reverse("rectification:item", args=[i.pk]) in page]
    assert shown == items[1:]  # the three longest overdue
    assert 'id="more-escalated"' in page and 'id="more-lookbacks"' not in page
