"""The meeting's plan (方案) and its life: 筹备 → 会前准备 → 已召开 → 整改中 → 已完成 (or 已取消).

Each transition locks the row, refuses an illegal move with a Chinese message, and is a
no-op when the meeting is already where it was asked to go (so a retry is harmless).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.choices import AuditEventKind
from audit.services import audit_record
from meetings.choices import CRITICISM_KEYWORDS, MeetingStatus, PlanAction, PlanStatus
from meetings.models import AgendaItem, Attendee, Meeting, PlanReview, Reading
from meetings.selectors.meeting import plan_needs_approval
from members.changes import branch_changed
from members.models import Member, Organization
from members.selectors import committee_users, supervisor_users
from notifications.services import notification_send


def _clean_lines(lines: Sequence[str]) -> list[str]:
    return [line.strip() for line in lines if line and line.strip()]


def _check_plan(*, agenda: list[str], starts_at: datetime.datetime, theme: str) -> None:
    errors: dict[str, str] = {}
    if not theme.strip():
        errors["theme"] = _("请填写会议主题。")
    if not agenda:
        errors["agenda"] = _("请至少填写一项议程。")
    elif not any(k in item for item in agenda for k in CRITICISM_KEYWORDS):
        errors["agenda"] = _("议程必须包含批评和自我批评,组织生活会不能以业务会代替。")
    if errors:
        raise ValidationError(errors)


def _clean_months(months: int) -> int:
    if not 1 <= int(months) <= 24:
        raise ValidationError({"rectify_months": _("整改时限默认应在 1 至 24 个月之间。")})
    return int(months)


def _set_lines(meeting: Meeting, model, lines: list[str]) -> None:
    model.objects.filter(meeting=meeting).delete()
    model.objects.bulk_create(
        model(meeting=meeting, order=i, title=title[:200]) for i, title in enumerate(lines, 1)
    )


def _set_attendees(meeting: Meeting, member_ids: Sequence[int] | None) -> None:
    members = Member.objects.filter(branch=meeting.branch, is_active=True)
    if member_ids is not None:
        members = members.filter(pk__in=member_ids)
    wanted = set(members.values_list("pk", flat=True))
    if not wanted:
        raise ValidationError({"attendees": _("至少需要一名应到人员。")})
    current = set(meeting.attendees.values_list("member_id", flat=True))
    meeting.attendees.filter(member_id__in=current - wanted).delete()
    Attendee.objects.bulk_create(
        Attendee(meeting=meeting, member_id=pk) for pk in sorted(wanted - current)
    )


@transaction.atomic
def meeting_create(
    *,
    branch: Organization,
    by,
    theme: str,
    starts_at: datetime.datetime,
    place: str,
    kind: str = "themed",
    upper_org_attends: bool = False,
    talk_peer_count: int = 1,
    rectify_months: int = 3,
    agenda: Sequence[str] = (),
    readings: Sequence[str] = (),
    attendee_ids: Sequence[int] | None = None,
) -> Meeting:
    """Plan a meeting. Expected attendees default to every active member of the branch."""
    if not branch.is_branch:
        raise ValidationError(_("组织生活会只能由党支部召开。"))
    agenda_lines = _clean_lines(agenda)
    _check_plan(agenda=agenda_lines, starts_at=starts_at, theme=theme)
    meeting = Meeting.objects.create(
        branch=branch,
        created_by=by,
        theme=theme.strip(),
        starts_at=starts_at,
        place=place.strip(),
        kind=kind,
        upper_org_attends=upper_org_attends,
        talk_peer_count=talk_peer_count,
        rectify_months=_clean_months(rectify_months),
    )
    _set_lines(meeting, AgendaItem, agenda_lines)
    _set_lines(meeting, Reading, _clean_lines(readings))
    _set_attendees(meeting, attendee_ids)
    figures_changed(meeting)
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def figures_changed(meeting: Meeting) -> None:
    """Announce to the supervisors' rollups that the meeting's figures (held / planned in
    which quarter, drafts waiting for review, look-backs due) may have changed."""
    branch_changed(branch_id=meeting.branch_id)


def _refuse(meeting: Meeting, action: str) -> ValidationError:
    return ValidationError(
        _("会议当前状态为“%(status)s”,不能%(action)s。")
        % {"status": meeting.get_status_display(), "action": action}
    )


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by,
    theme: str,
    starts_at: datetime.datetime,
    place: str,
    kind: str,
    upper_org_attends: bool,
    talk_peer_count: int,
    agenda: Sequence[str],
    readings: Sequence[str],
    attendee_ids: Sequence[int] | None = None,
    rectify_months: int | None = None,
) -> Meeting:
    """Change the plan. A plan already approved or awaiting approval goes back to 未报送."""
    meeting = _lock(meeting)
    if not meeting.is_open_for_preparation:
        raise _refuse(meeting, _("修改方案"))
    agenda_lines = _clean_lines(agenda)
    _check_plan(agenda=agenda_lines, starts_at=starts_at, theme=theme)
    moved = meeting.starts_at != starts_at or meeting.place != place.strip()
    meeting.theme, meeting.starts_at, meeting.place = theme.strip(), starts_at, place.strip()
    meeting.kind, meeting.upper_org_attends = kind, upper_org_attends
    meeting.talk_peer_count = talk_peer_count
    if rectify_months is not None:
        meeting.rectify_months = _clean_months(rectify_months)
    if meeting.plan_status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
        meeting.plan_status = PlanStatus.DRAFT
    meeting.save()
    _set_lines(meeting, AgendaItem, agenda_lines)
    existing_readings = list(meeting.readings.values_list("title", flat=True))
    if existing_readings != _clean_lines(readings):
        _set_lines(meeting, Reading, _clean_lines(readings))
    _set_attendees(meeting, attendee_ids)
    figures_changed(meeting)
    if moved and meeting.status == MeetingStatus.PREPARING:
        _notify_attendees(
            meeting, key=f"meeting:{meeting.pk}:moved:{starts_at:%Y%m%d%H%M}", changed=True
        )
    return meeting


def _notify_attendees(meeting: Meeting, *, key: str, changed: bool = False) -> None:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        member__attendances__meeting=meeting, member__is_active=True
    )
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    title = (_("会议时间地点有变:%(theme)s") if changed else _("会议通知:%(theme)s")) % {
        "theme": meeting.theme
    }
    body = _("%(branch)s定于 %(when)s 在%(place)s召开%(kind)s,请按要求做好会前准备。") % {
        "branch": meeting.branch.name,
        "when": when,
        "place": meeting.place,
        "kind": meeting.get_kind_display(),
    }
    notification_send(
        recipients=users,
        key=key,
        title=title,
        body=body,
        url=reverse("meetings:detail", args=[meeting.pk]),
    )


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, by) -> Meeting:
    """筹备 → 会前准备: the plan is fixed enough to start preparing; every attendee is notified."""
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.PREPARING:
        return meeting
    if meeting.status != MeetingStatus.PLANNING:
        raise _refuse(meeting, _("发出会议通知"))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("召开时间已过,请先修改召开时间。"))
    if meeting.plan_status != PlanStatus.APPROVED and plan_needs_approval(meeting):
        raise ValidationError(
            _("方案尚未获上级党组织批准(当前为“%(s)s”),批准后才能发出会议通知。")
            % {"s": meeting.get_plan_status_display()}
        )
    meeting.status = MeetingStatus.PREPARING
    meeting.scheduled_at = timezone.now()
    meeting.save(update_fields=["status", "scheduled_at", "updated_at"])
    _notify_attendees(meeting, key=f"meeting:{meeting.pk}:scheduled")
    return meeting


@transaction.atomic
def plan_submit(*, meeting: Meeting, by) -> Meeting:
    """Send the plan (方案) to the upper organization for approval."""
    meeting = _lock(meeting)
    if meeting.plan_status == PlanStatus.SUBMITTED:
        return meeting
    if not meeting.is_open_for_preparation:
        raise _refuse(meeting, _("报送方案"))
    if meeting.plan_status == PlanStatus.APPROVED:
        raise ValidationError(_("方案已获批准,无需再次报送。"))
    meeting.plan_status = PlanStatus.SUBMITTED
    meeting.save(update_fields=["plan_status", "updated_at"])
    review = PlanReview.objects.create(meeting=meeting, action=PlanAction.SUBMIT, by=by)
    notification_send(
        recipients=supervisor_users(branch=meeting.branch),
        key=f"plan:{meeting.pk}:submitted:{review.pk}",
        title=_("待审批:%(branch)s组织生活会方案") % {"branch": meeting.branch.name},
        body=meeting.theme,
        url=reverse("meetings:detail", args=[meeting.pk]),
    )
    return meeting


def _plan_decide(*, meeting: Meeting, by, approve: bool, comment: str) -> Meeting:
    meeting = _lock(meeting)
    target = PlanStatus.APPROVED if approve else PlanStatus.RETURNED
    if meeting.plan_status == target:
        return meeting
    if meeting.plan_status != PlanStatus.SUBMITTED:
        raise ValidationError(
            _("方案当前为“%(s)s”,只有待审批的方案才能审批。")
            % {"s": meeting.get_plan_status_display()}
        )
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("退回方案时请写明修改意见。")})
    meeting.plan_status = target
    meeting.save(update_fields=["plan_status", "updated_at"])
    review = PlanReview.objects.create(
        meeting=meeting,
        action=PlanAction.APPROVE if approve else PlanAction.RETURN,
        comment=comment.strip(),
        by=by,
    )
    audit_record(
        event=AuditEventKind.PLAN_APPROVED if approve else AuditEventKind.PLAN_RETURNED,
        actor=by,
        organization=meeting.branch,
        target=meeting,
        target_label=meeting.theme,
        detail=comment,
    )
    title = _("方案已批准:%(theme)s") if approve else _("方案被退回:%(theme)s")
    notification_send(
        recipients=committee_users(branch=meeting.branch),
        key=f"plan:{meeting.pk}:decided:{review.pk}",
        title=title % {"theme": meeting.theme},
        body=comment.strip(),
        url=reverse("meetings:detail", args=[meeting.pk]),
    )
    return meeting


@transaction.atomic
def plan_approve(*, meeting: Meeting, by, comment: str = "") -> Meeting:
    return _plan_decide(meeting=meeting, by=by, approve=True, comment=comment)


@transaction.atomic
def plan_return(*, meeting: Meeting, by, comment: str) -> Meeting:
    return _plan_decide(meeting=meeting, by=by, approve=False, comment=comment)


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by, override_reason: str = "") -> Meeting:
    """会前准备 → 已召开. Refused while a readiness item is open, unless a reason is recorded
    (the reason is kept and shown to the supervisor). The problem list that follows is
    drawn up by ``rectification.services.lifecycle.meeting_hold``, which calls this: views,
    demo loaders and tests call that one."""
    from meetings.selectors.readiness import meeting_readiness

    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.HELD:
        return meeting
    if meeting.status != MeetingStatus.PREPARING:
        raise _refuse(meeting, _("标记为已召开"))
    planned = timezone.localdate(meeting.starts_at)
    if timezone.localdate() < planned:
        raise ValidationError(
            _(
                "会议定于 %(day)s 召开,不能提前标记为已召开;"
                "如召开日期有变,请先修改方案中的召开时间。"
            )
            % {"day": planned.isoformat()}
        )
    open_items = [item for item in meeting_readiness(meeting=meeting) if not item.done]
    reason = override_reason.strip()
    if open_items and not reason:
        raise ValidationError(
            _("会前准备尚未就绪:%(items)s。如确需召开,请填写理由。")
            % {"items": "、".join(str(i.label) for i in open_items)}
        )
    meeting.status = MeetingStatus.HELD
    meeting.held_at = timezone.now()  # when it was recorded; the meeting's time is starts_at
    meeting.readiness_override_reason = reason if open_items else ""
    meeting.save(update_fields=["status", "held_at", "readiness_override_reason", "updated_at"])
    figures_changed(meeting)
    if open_items:
        notification_send(
            recipients=supervisor_users(branch=meeting.branch),
            key=f"meeting:{meeting.pk}:held-unready",
            title=_("%(branch)s在准备未就绪时召开了组织生活会") % {"branch": meeting.branch.name},
            body=reason,
            url=reverse("meetings:detail", args=[meeting.pk]),
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    if not meeting.is_open_for_preparation:
        raise _refuse(meeting, _("取消"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写取消原因。")})
    was_scheduled = meeting.status == MeetingStatus.PREPARING
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()[:300]
    meeting.save(update_fields=["status", "cancelled_reason", "updated_at"])
    figures_changed(meeting)
    if was_scheduled:
        from django.contrib.auth import get_user_model

        notification_send(
            recipients=get_user_model().objects.filter(member__attendances__meeting=meeting),
            key=f"meeting:{meeting.pk}:cancelled",
            title=_("会议取消:%(theme)s") % {"theme": meeting.theme},
            body=reason.strip(),
            url=reverse("meetings:detail", args=[meeting.pk]),
        )
    return meeting
