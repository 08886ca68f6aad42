"""What the ledger puts on the reminder schedule (the outbox in notifications.reminders).

Called inside the transaction of every change to an item or a look-back, so the schedule
always matches the ledger: a moved deadline reschedules, a sign-off or a cancelled meeting
withdraws what is pending. ``reminders_plan`` (Celery beat, hourly) extends the weekly
reminders of items that stay overdue; it is idempotent.

For an item's owner (or a committee item's lead): 7 days and 1 day before the deadline, the
day it becomes overdue, then weekly while it stays overdue. For the supervisors above the
branch: an escalation when it is ``ORGLIFE_ESCALATE_AFTER_DAYS`` days overdue. For a
look-back: the secretary on its day; the supervisors when it is that many days late. For
an item awaiting sign-off (待销号): whoever signs it off, ``ORGLIFE_SIGNOFF_REMIND_DAYS``
days after it was reported done, then weekly while it waits (the owner's reminders stop:
their part is done).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus
from members.selectors import supervisor_users
from notifications.reminders import reminder_key, reminder_schedule, reminders_cancel
from rectification import deadlines
from rectification.choices import OPEN_STATUSES, ItemStatus
from rectification.models import LookBack, RectificationItem
from rectification.querysets import overdue_q
from rectification.selectors.item_rules import item_signers

WEEKLY_HORIZON_WEEKS = 8
LIVE_MEETING = (MeetingStatus.HELD, MeetingStatus.RECTIFYING)


def escalate_after() -> int:
    return settings.ORGLIFE_ESCALATE_AFTER_DAYS


def _owner_user(item: RectificationItem):
    member = item.lead if item.is_committee else item.owner
    if member is None or not member.is_active or member.user_id is None:
        return None
    return member.user if member.user.is_active else None


def _wanted_for_item(item: RectificationItem, today: datetime.date):
    """(kind, recipient, due_on, title) for every reminder the item should have now."""
    deadline = item.deadline
    measure = item.measure if len(item.measure) <= 30 else item.measure[:30] + "…"
    owner = _owner_user(item)
    if owner is not None:
        titles = {
            "deadline_7d": _("还有 7 天到期:%(m)s"),
            "deadline_1d": _("明天到期:%(m)s"),
            "overdue": _("已逾期:%(m)s"),
            "overdue_weekly": _("仍未完成(已逾期):%(m)s"),
        }
        for kind, due_on in deadlines.owner_reminder_days(
            deadline=deadline, today=today, horizon_weeks=WEEKLY_HORIZON_WEEKS
        ):
            yield kind, owner, due_on, titles[kind] % {"m": measure}
    escalation = deadlines.escalation_day(deadline=deadline, after_days=escalate_after())
    who = item.owner_label
    for supervisor in supervisor_users(branch=item.branch):
        yield (
            "escalation",
            supervisor,
            escalation,
            _("逾期 %(n)d 天未整改:%(branch)s %(who)s — %(m)s")
            % {"n": escalate_after(), "branch": item.branch.name, "who": who, "m": measure},
        )


def _wanted_for_signoff(item: RectificationItem, today: datetime.date):
    """(kind, recipient, due_on, title) while the item waits for sign-off."""
    asked = timezone.localdate(item.done_at) if item.done_at else today
    days = list(
        deadlines.signoff_reminder_days(
            asked=asked,
            today=today,
            after_days=settings.ORGLIFE_SIGNOFF_REMIND_DAYS,
            horizon_weeks=WEEKLY_HORIZON_WEEKS,
        )
    )
    measure = item.measure if len(item.measure) <= 30 else item.measure[:30] + "…"
    title = _("待您销号:%(branch)s %(who)s — %(m)s") % {
        "branch": item.branch.name,
        "who": item.owner_label,
        "m": measure,
    }
    for signer in item_signers(item):
        for day in days:
            yield "signoff_pending", signer, day, title


def item_reminders_sync(*, item: RectificationItem, today: datetime.date | None = None) -> None:
    """Make the item's schedule match its current deadline, status and owner."""
    today = today or timezone.localdate()
    subject = f"item:{item.pk}"
    item = RectificationItem.objects.select_related(
        "owner__user", "lead__user", "branch", "meeting"
    ).get(pk=item.pk)
    if item.meeting.status not in LIVE_MEETING:
        reminders_cancel(subject=subject)
        return
    if item.status in OPEN_STATUSES:
        wanted = _wanted_for_item(item, today)
    elif item.status == ItemStatus.AWAITING_SIGNOFF:
        wanted = _wanted_for_signoff(item, today)
    else:
        reminders_cancel(subject=subject)
        return
    url = reverse("rectification:item", args=[item.pk])
    keys = []
    for kind, recipient, due_on, title in wanted:
        key = reminder_key(subject=subject, kind=kind, recipient=recipient, due_on=due_on)
        keys.append(key)
        if due_on < today:
            continue  # already behind us; only what is still to come is scheduled
        reminder_schedule(
            subject=subject, kind=kind, recipient=recipient, due_on=due_on, title=title, url=url
        )
    reminders_cancel(subject=subject, exclude_keys=keys)


def lookback_reminders_sync(*, lookback: LookBack, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    subject = f"lookback:{lookback.pk}"
    meeting = lookback.meeting
    if lookback.done_at is not None or meeting.status != MeetingStatus.RECTIFYING:
        reminders_cancel(subject=subject)
        return
    url = reverse("rectification:lookback", args=[lookback.pk])
    keys = []
    secretaries = get_user_model().objects.filter(
        is_active=True,
        member__branch=meeting.branch,
        member__position="secretary",
        member__is_active=True,
    )
    wanted = [
        ("lookback_due", user, lookback.due_on, _("今天开展整改“回头看”:%(t)s"))
        for user in secretaries
    ]
    late_day = deadlines.lookback_late_day(due_on=lookback.due_on, after_days=escalate_after())
    wanted += [
        (
            "lookback_late",
            user,
            late_day,
            _("%(branch)s的整改“回头看”已逾期 %(n)d 天未开展:%(t)s")
            % {"branch": meeting.branch.name, "n": escalate_after(), "t": "%(t)s"},
        )
        for user in supervisor_users(branch=meeting.branch)
    ]
    for kind, recipient, due_on, title in wanted:
        key = reminder_key(subject=subject, kind=kind, recipient=recipient, due_on=due_on)
        keys.append(key)
        if due_on < today:
            continue
        reminder_schedule(
            subject=subject,
            kind=kind,
            recipient=recipient,
            due_on=due_on,
            title=title % {"t": meeting.theme},
            url=url,
        )
    reminders_cancel(subject=subject, exclude_keys=keys)


def meeting_reminders_cancel(*, meeting) -> int:
    """A cancelled (or completed) meeting withdraws everything pending for it."""
    n = 0
    for pk in RectificationItem.objects.filter(meeting=meeting).values_list("pk", flat=True):
        n += reminders_cancel(subject=f"item:{pk}")
    for pk in LookBack.objects.filter(meeting=meeting).values_list("pk", flat=True):
        n += reminders_cancel(subject=f"lookback:{pk}")
    return n


def reminders_plan(*, today: datetime.date | None = None) -> int:
    """Extend the weekly reminders of items that stay overdue, or wait for sign-off (beat,
    hourly; idempotent)."""
    today = today or timezone.localdate()
    n = 0
    waiting_since = today - datetime.timedelta(days=settings.ORGLIFE_SIGNOFF_REMIND_DAYS)
    overdue = RectificationItem.objects.filter(
        overdue_q(today) | Q(status=ItemStatus.AWAITING_SIGNOFF, done_at__date__lt=waiting_since),
        meeting__status__in=LIVE_MEETING,
    ).values_list("pk", flat=True)
    for pk in overdue.iterator(chunk_size=500):
        item_reminders_sync(item=RectificationItem(pk=pk), today=today)
        n += 1
    return n
