"""会中: what the meeting-day pages share (``DayMixin``) and attendance. The hub, criticism
of each other (one screen per member, typed during the meeting) and the minutes show the
report on the last rectification or mark criticism as problems, so they are
``rectification.views.lifecycle``'s, built on ``DayMixin``.

The meeting is loaded through ``Meeting.objects.visible_to(user)`` for reading — members
of the branch read the day's record (criticism is said openly in the meeting), supervisors
above read everything — and through ``manageable_by(user)`` for every POST, so a member
who posts, like anyone outside the branch, gets a 404. Recording is open while the
meeting is in 会前准备 or 已召开 (``services.day.is_recordable``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from meetings.forms.day import AttendanceForm
from meetings.models import Meeting
from meetings.selectors import day as day_selectors
from meetings.services import day as day_services
from members.selectors import can_manage_branch
from members.views import _attach


class DayMixin(LoginRequiredMixin):
    """The meeting in the user's scope (``manageable_by`` for a POST), and who may record."""

    @cached_property
    def meeting(self) -> Meeting:
        qs = Meeting.objects.select_related("branch")
        qs = qs.manageable_by if self.request.method == "POST" else qs.visible_to
        return get_object_or_404(qs(self.request.user), pk=self.kwargs["meeting_pk"])

    @cached_property
    def can_manage(self) -> bool:
        return can_manage_branch(user=self.request.user, branch=self.meeting.branch)

    @cached_property
    def can_record(self) -> bool:
        return self.can_manage and day_services.is_recordable(self.meeting)

    @cached_property
    def speakers(self) -> list[day_selectors.Speaker]:
        return day_selectors.speaking_order(meeting=self.meeting)

    def base_context(self) -> dict:
        return {
            "meeting": self.meeting,
            "can_manage": self.can_manage,
            "can_record": self.can_record,
        }


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class AttendanceView(DayMixin, TemplateView):
    """GET: the attendance form (read-only list for members); POST: record it."""

    template_name = "meetings/day_attendance.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.base_context())
        ctx["speakers"] = self.speakers
        if self.can_record and "form" not in ctx:
            ctx["form"] = AttendanceForm(
                speakers=self.speakers, initial={"upper_attendee": self.meeting.upper_attendee}
            )
        return ctx

    def post(self, request, meeting_pk):
        form = AttendanceForm(request.POST, speakers=self.speakers)
        if form.is_valid():
            try:
                day_services.attendance_record(
                    meeting=self.meeting, by=request.user, **form.service_kwargs()
                )
            except day_services.AbsenceReasonMissing as exc:
                for pk in exc.member_ids:
                    form.add_error(f"reason_{pk}", _("请填写缺席原因。"))
                form.add_error(None, _error_text(exc))
            except ValidationError as exc:
                if not day_services.is_recordable(self.meeting):
                    messages.error(request, _error_text(exc))
                    return redirect("meetings:day", meeting_pk=meeting_pk)
                _attach(form, exc)
            else:
                messages.success(request, _("考勤已保存。"))
                return redirect("meetings:day", meeting_pk=meeting_pk)
        return self.render_to_response(self.get_context_data(form=form))
