from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, StudySession


@transaction.atomic
def study_record(
    *,
    meeting: Meeting,
    by,
    held_on: datetime.date,
    topic: str,
    reading_ids: Sequence[int] = (),
    attendee_ids: Sequence[int] = (),
    notes: str = "",
) -> StudySession:
    """Record a study session lightly: date, topic, readings covered, who came, one line."""
    if not meeting.is_open_for_preparation:
        raise ValidationError(_("会议已召开或已取消,不能再记录会前学习。"))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("学习日期不能晚于今天。")})
    if not topic.strip():
        raise ValidationError({"topic": _("请填写学习主题。")})
    readings = list(meeting.readings.filter(pk__in=reading_ids))
    members = list(meeting.branch.members.filter(pk__in=attendee_ids, attendances__meeting=meeting))
    session = StudySession.objects.create(
        meeting=meeting, held_on=held_on, topic=topic.strip(), notes=notes.strip(), created_by=by
    )
    session.readings.set(readings)
    session.attendees.set(members)
    return session


@transaction.atomic
def study_delete(*, session: StudySession, by) -> None:
    if not session.meeting.is_open_for_preparation:
        raise ValidationError(_("会议已召开或已取消,学习记录不能再删除。"))
    session.delete()
