"""约谈: the branch secretary or a supervisor above talks with the owner of overdue items;
the talk is recorded with the items it covered, and a deadline agreed there moves each of
them (the original deadline stays visible).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.changes import branch_changed
from members.models import Member, Organization
from rectification.choices import EventKind
from rectification.models import Interview, RectificationItem
from rectification.selectors.item_rules import can_interview, responsible_id
from rectification.services.items import clean_text, move_deadline, record_event, shorten
from rectification.services.reminders import item_reminders_sync

SAID_MAX = 3000  # Interview.said
INTERVIEWER_MAX = 100


@transaction.atomic
def interview_record(
    *,
    branch: Organization,
    by,
    member: Member,
    items: Sequence[RectificationItem],
    held_on: datetime.date,
    interviewer: str,
    said: str,
    new_deadline: datetime.date | None = None,
) -> Interview:
    """Record a talk with the owner of overdue items (the branch secretary or a supervisor
    above). ``items`` must be that member's overdue items; a ``new_deadline`` moves each of
    them (the original deadline stays visible)."""
    if not can_interview(user=by, branch=branch):
        raise PermissionDenied
    if member.branch_id != branch.pk:
        raise ValidationError({"member": _("约谈对象必须是本支部的党员。")})
    ids = sorted({i.pk for i in items})
    if not ids:
        raise ValidationError({"items": _("请选择约谈涉及的逾期事项。")})
    locked = list(
        RectificationItem.objects.select_for_update(of=("self",))
        .select_related("branch", "meeting", "owner", "lead")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    today = timezone.localdate()
    if len(locked) != len(ids):
        raise ValidationError({"items": _("所选事项不存在。")})
    for it in locked:
        if it.branch_id != branch.pk or responsible_id(it) != member.pk:
            raise ValidationError({"items": _("只能选择该党员本人负责的事项。")})
        if not it.is_overdue(today):
            raise ValidationError(
                {"items": _("事项“%(m)s”没有逾期,不需要约谈。") % {"m": shorten(it.measure, 30)}}
            )
    if not held_on:
        raise ValidationError({"held_on": _("请填写约谈日期。")})
    if held_on > today:
        raise ValidationError({"held_on": _("约谈日期不能晚于今天。")})
    interviewer = clean_text(
        interviewer, field="interviewer", limit=INTERVIEWER_MAX, missing=_("请填写约谈人。")
    )
    said = clean_text(said, field="said", limit=SAID_MAX, missing=_("请记录谈话的主要内容。"))
    if new_deadline is not None and new_deadline < today:
        raise ValidationError({"new_deadline": _("商定的新时限不能早于今天。")})
    interview = Interview.objects.create(
        branch=branch,
        member=member,
        held_on=held_on,
        interviewer=interviewer,
        said=said,
        new_deadline=new_deadline,
        by=by,
    )
    interview.items.set(locked)
    for it in locked:
        detail = _("约谈人:%(who)s,约谈日期:%(d)s") % {
            "who": interviewer,
            "d": held_on.isoformat(),
        }
        if new_deadline is not None:
            detail += _(",商定新时限:%(d)s") % {"d": new_deadline.isoformat()}
        record_event(it, EventKind.INTERVIEW, by, detail)
        if new_deadline is not None and new_deadline != it.deadline:
            move_deadline(it, by=by, deadline=new_deadline, why=_("约谈商定"))
        item_reminders_sync(item=it)
    branch_changed(branch_id=branch.pk)
    return interview
