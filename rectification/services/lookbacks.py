"""回头看: scheduled when the meeting closes into 整改中 (default one and three months
after the meeting; the branch can move, add or remove dates), recorded per open item."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus
from meetings.models import Meeting
from members.changes import branch_changed
from members.selectors import can_manage_branch
from rectification.choices import UNFINISHED_STATUSES
from rectification.models import LookBack, LookBackEntry, RectificationItem
from rectification.services.hooks import lookback_changed


@transaction.atomic
def lookbacks_schedule(*, meeting: Meeting, months: list[int] | None = None) -> list[LookBack]:
    """Create the meeting's look-backs (idempotent) and put them on the reminder schedule."""
    months = months if months is not None else list(settings.ORGLIFE_LOOKBACK_MONTHS)
    held = timezone.localdate(meeting.starts_at)
    created = []
    for m in sorted(set(months)):
        lookback, _new = LookBack.objects.get_or_create(
            meeting=meeting, due_on=held + relativedelta(months=m)
        )
        lookback_changed(lookback=lookback)
        created.append(lookback)
    return created


def _check(meeting: Meeting, by) -> None:
    if not can_manage_branch(user=by, branch=meeting.branch):
        raise PermissionDenied
    if meeting.status != MeetingStatus.RECTIFYING:
        raise ValidationError(_("只有整改中的会议才能安排或开展“回头看”。"))


@transaction.atomic
def lookback_add(*, meeting: Meeting, by, due_on: datetime.date) -> LookBack:
    _check(meeting, by)
    if LookBack.objects.filter(meeting=meeting, due_on=due_on).exists():
        raise ValidationError({"due_on": _("这一天已经安排了“回头看”。")})
    lookback = LookBack.objects.create(meeting=meeting, due_on=due_on)
    lookback_changed(lookback=lookback)
    return lookback


@transaction.atomic
def lookback_move(*, lookback: LookBack, by, due_on: datetime.date) -> LookBack:
    lookback = (
        LookBack.objects.select_for_update().select_related("meeting__branch").get(pk=lookback.pk)
    )
    _check(lookback.meeting, by)
    if lookback.done_at is not None:
        raise ValidationError(_("已完成的“回头看”不能再改日期。"))
    if (
        LookBack.objects.filter(meeting=lookback.meeting, due_on=due_on)
        .exclude(pk=lookback.pk)
        .exists()
    ):
        raise ValidationError({"due_on": _("这一天已经安排了“回头看”。")})
    lookback.due_on = due_on
    lookback.save(update_fields=["due_on"])
    lookback_changed(lookback=lookback)
    return lookback


@transaction.atomic
def lookback_remove(*, lookback: LookBack, by) -> None:
    lookback = (
        LookBack.objects.select_for_update().select_related("meeting__branch").get(pk=lookback.pk)
    )
    _check(lookback.meeting, by)
    if lookback.done_at is not None:
        raise ValidationError(_("已完成的“回头看”不能删除。"))
    from notifications.reminders import reminders_cancel

    reminders_cancel(subject=f"lookback:{lookback.pk}")
    lookback.delete()
    branch_changed(branch_id=lookback.meeting.branch_id)


def open_items(meeting: Meeting):
    return (
        RectificationItem.objects.filter(meeting=meeting, status__in=UNFINISHED_STATUSES)
        .select_related("owner", "lead", "problem")
        .order_by("deadline", "pk")
    )


@transaction.atomic
def lookback_record(
    *, lookback: LookBack, by, entries: Mapping[int, Mapping[str, str]], summary: str = ""
) -> LookBack:
    """Record the look-back: for EVERY open item, its progress and next step (difficulties
    optional). Nothing is saved unless every open item is covered."""
    lookback = (
        LookBack.objects.select_for_update().select_related("meeting__branch").get(pk=lookback.pk)
    )
    _check(lookback.meeting, by)
    if lookback.done_at is not None:
        return lookback
    items = list(open_items(lookback.meeting))
    missing = []
    for item in items:
        row = entries.get(item.pk) or {}
        if not (row.get("progress") or "").strip() or not (row.get("next_step") or "").strip():
            missing.append(item.measure[:20])
    if missing:
        raise ValidationError(
            _("以下事项尚未填写进展和下一步:%(items)s") % {"items": "、".join(missing)}
        )
    LookBackEntry.objects.bulk_create(
        LookBackEntry(
            lookback=lookback,
            item=item,
            progress=entries[item.pk]["progress"].strip()[:500],
            difficulties=(entries[item.pk].get("difficulties") or "").strip()[:500],
            next_step=entries[item.pk]["next_step"].strip()[:500],
        )
        for item in items
    )
    lookback.done_at = timezone.now()
    lookback.done_by = by
    lookback.summary = summary.strip()
    lookback.save(update_fields=["done_at", "done_by", "summary"])
    lookback_changed(lookback=lookback)
    return lookback
