"""A meeting's life cycle after its preparation, in one place: hold it (已召开) — its problem
list is drawn up —, report it upward (上报), close it into rectification (整改中, the list
becomes the ledger's items) and complete it (已完成, every item signed off).

The meetings app moves a meeting through 筹备 → 会前准备 → 已召开 and records the day
(criticism, opinions sorted) without reaching forward; what follows in rectification is
called from here, in the same transaction:

- ``meeting_hold``: ``meetings.services.meeting.meeting_hold``, then the problem list from
  the drafts, the kept opinions and the criticism marked as problems;
- ``criticism_save`` / ``criticism_delete`` / ``opinion_sort``: the meetings service, then
  the problem list follows the marks (采纳为问题, 列入问题清单) while the meeting is 已召开;
- ``meeting_report_send``, ``meeting_close``, ``meeting_complete``: rectification's own
  steps.

Views, tasks, demo loaders and tests call these, never the meetings services they wrap.
Each locks the meeting row, refuses an illegal move with a Chinese message, and is a
no-op when asked to do what is already done (so a retry — a double click — is harmless).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus
from meetings.models import AnonymousOpinion, Criticism, Meeting, Opinion
from meetings.services import day as day_services
from meetings.services import meeting as meeting_services
from meetings.services import opinions as opinion_services
from members.changes import branch_changed
from members.selectors import supervisor_users
from notifications.services import notification_send
from rectification import deadlines
from rectification.models import RectificationItem
from rectification.services.items import items_confirm, items_from_measures
from rectification.services.lookbacks import lookbacks_schedule
from rectification.services.problems import (
    check_manager,
    check_open,
    lock_meeting,
    problems_follow_marks,
    problems_from_drafts,
    refuse,
)
from rectification.services.reminders import meeting_reminders_cancel

# --- holding the meeting, and the marks made on the day -------------------------------------


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by, override_reason: str = "") -> Meeting:
    """会前准备 → 已召开 (``meetings.services.meeting.meeting_hold``: refused while a
    readiness item is open, unless a reason is recorded), then the problem list is drawn
    up from the drafts and the marks. Holding a meeting already held changes nothing."""
    was_held = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.HELD).exists()
    meeting = meeting_services.meeting_hold(meeting=meeting, by=by, override_reason=override_reason)
    if not was_held:
        problems_from_drafts(meeting=meeting)
    return meeting


@transaction.atomic
def criticism_save(*, meeting: Meeting, by, **fields) -> Criticism:
    """Record or correct one criticism (``meetings.services.day.criticism_save``); ticked
    列入问题清单 (or unticked) while the meeting is 已召开, the problem list follows."""
    criticism = day_services.criticism_save(meeting=meeting, by=by, **fields)
    problems_follow_marks(meeting_id=meeting.pk)
    return criticism


@transaction.atomic
def criticism_delete(*, criticism: Criticism, by) -> None:
    """Delete a criticism entered by mistake (``meetings.services.day.criticism_delete``):
    its mark is withdrawn first, so a problem taken from it that nobody has worked on
    leaves the list; one already worked on keeps the criticism (the delete is refused)."""
    if day_services.criticism_unmark(criticism=criticism, by=by):
        problems_follow_marks(meeting_id=criticism.meeting_id)
    day_services.criticism_delete(criticism=criticism, by=by)


@transaction.atomic
def opinion_sort(
    *, opinion: Opinion | AnonymousOpinion, by, disposition: str, note: str = ""
) -> Opinion | AnonymousOpinion:
    """梳理 an opinion (``meetings.services.opinions.opinion_sort``); 采纳为问题 puts it on
    the problem list once the meeting is held, and changing it back takes it off."""
    opinion = opinion_services.opinion_sort(
        opinion=opinion, by=by, disposition=disposition, note=note
    )
    problems_follow_marks(meeting_id=opinion.window.meeting_id)
    return opinion


# --- the report upward, closing into rectification, completing -----------------------------


@transaction.atomic
def meeting_report_send(*, meeting: Meeting, by) -> Meeting:
    """Report the meeting upward (上报): the supervisors above the branch get a message
    linking to the report page, which always shows the current figures."""
    meeting = lock_meeting(meeting.pk)
    check_manager(meeting=meeting, by=by)
    if meeting.report_sent_at is not None:
        return meeting
    check_open(meeting, _("上报会议情况"))
    supervisors = list(supervisor_users(branch=meeting.branch))
    if not supervisors:
        raise ValidationError(
            _("上级党组织还没有督导人员账号,报告无法送达。请联系上级党组织开通账号。")
        )
    meeting.report_sent_at = timezone.now()
    meeting.save(update_fields=["report_sent_at", "updated_at"])
    notification_send(
        recipients=supervisors,
        key=f"meeting:{meeting.pk}:report-sent",
        title=_("%(branch)s组织生活会情况报告") % {"branch": meeting.branch.name},
        body=meeting.theme,
        url=reverse("rectification:report", args=[meeting.pk]),
    )
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, by, proposals=None) -> Meeting:
    """已召开 → 整改中: the problem list is handed to the ledger. Requires the list
    published (公示) and the report sent upward (上报).

    ``proposals`` (``items.ItemProposal`` rows, as the secretary confirmed them on the
    closing page) become the ledger's items in the same transaction; without them, one
    item is made per draft measure (``items_from_measures``)."""
    meeting = lock_meeting(meeting.pk)
    check_manager(meeting=meeting, by=by)
    if meeting.status == MeetingStatus.RECTIFYING:
        return meeting
    check_open(meeting, _("转入整改"))
    missing = []
    if meeting.problems_published_at is None:
        missing.append(_("问题清单尚未公示"))
    if meeting.report_sent_at is None:
        missing.append(_("会议情况尚未上报上级党组织"))
    if missing:
        raise ValidationError(_("还不能转入整改:%(items)s。") % {"items": "、".join(missing)})
    meeting.status = MeetingStatus.RECTIFYING
    meeting.save(update_fields=["status", "updated_at"])
    lookbacks_schedule(meeting=meeting)
    if proposals is None:
        items_from_measures(meeting=meeting, by=by)
    else:
        items_confirm(meeting=meeting, by=by, proposals=proposals)
    branch_changed(branch_id=meeting.branch_id)
    return meeting


@transaction.atomic
def meeting_complete(*, meeting: Meeting, by) -> Meeting:
    """整改中 → 已完成, once every rectification item has been signed off (销号). Whatever is
    still scheduled for the meeting (look-backs not yet due) is withdrawn."""
    meeting = lock_meeting(meeting.pk)
    check_manager(meeting=meeting, by=by)
    if meeting.status == MeetingStatus.COMPLETED:
        return meeting
    if meeting.status != MeetingStatus.RECTIFYING:
        raise refuse(meeting, _("标记整改完成"))
    left = (
        RectificationItem.objects.filter(meeting=meeting)
        .exclude(status=deadlines.SIGNED_OFF)
        .count()
    )
    if left:
        raise ValidationError(
            _("还有 %(n)d 项整改事项未销号,全部销号后才能标记整改完成。") % {"n": left}
        )
    meeting.status = MeetingStatus.COMPLETED
    meeting.save(update_fields=["status", "updated_at"])
    meeting_reminders_cancel(meeting=meeting)
    branch_changed(branch_id=meeting.branch_id)
    return meeting
