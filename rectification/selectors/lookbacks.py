from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from meetings.choices import MeetingStatus
from members.querysets import branch_supervise_q
from rectification import deadlines
from rectification.models import LookBack, RectificationItem


def lookbacks_of_meeting(*, meeting) -> list[LookBack]:
    return list(LookBack.objects.filter(meeting=meeting).select_related("done_by__member"))


def due_or_late_lookbacks(*, user, today: datetime.date | None = None) -> QuerySet[LookBack]:
    """Look-backs in the supervisor's subtree that are due (today or earlier) and not done."""
    today = today or timezone.localdate()
    return (
        LookBack.objects.filter(
            branch_supervise_q(user, "meeting__branch"),
            done_at__isnull=True,
            due_on__lte=today,
            meeting__status=MeetingStatus.RECTIFYING,
        )
        .select_related("meeting__branch")
        .order_by("due_on", "pk")
    )


def escalated_items(*, user, today: datetime.date | None = None) -> QuerySet[RectificationItem]:
    """Items in the supervisor's subtree overdue by the escalation threshold or more."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=settings.ORGLIFE_ESCALATE_AFTER_DAYS)
    return (
        RectificationItem.objects.filter(
            branch_supervise_q(user, "branch"),
            status__in=deadlines.OPEN,
            deadline__lte=limit,
            meeting__status=MeetingStatus.RECTIFYING,
        )
        .select_related("branch", "owner", "lead", "problem")
        .order_by("deadline", "pk")
    )
