"""会中: the meeting-day hub, attendance, criticism of each other (one screen per member,
typed during the meeting) and the minutes.

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
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from meetings.forms.day import AttendanceForm, CriticismForm, MinutesForm
from meetings.models import Criticism, Meeting
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


class DayView(DayMixin, TemplateView):
    """GET: the meeting-day hub."""

    template_name = "meetings/day.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.meeting
        ctx.update(self.base_context())
        counts = day_selectors.criticism_counts(meeting=meeting)
        ctx["speakers"] = [(s, counts.get(s.member.pk, 0)) for s in self.speakers]
        ctx["attendance"] = day_selectors.attendance_summary(
            meeting=meeting, speakers=self.speakers
        )
        ctx["report"] = day_selectors.last_rectification_report(meeting=meeting)
        ctx["openable"] = day_selectors.openable_draft_ids(user=self.request.user, meeting=meeting)
        ctx["minutes"] = day_selectors.minutes_of(meeting=meeting)
        return ctx


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


class CriticismView(DayMixin, TemplateView):
    """One screen per member being criticised. GET: their draft, the criticisms entered so
    far and the quick-entry form (``?edit=<pk>`` loads one to correct). POST: save one; an
    htmx request gets the list and a fresh form back (``day_criticism_entry.html``)."""

    template_name = "meetings/day_criticism.html"
    entry_template = "meetings/day_criticism_entry.html"

    @cached_property
    def position(self) -> int:
        pk = self.kwargs["member_pk"]
        index = next((i for i, s in enumerate(self.speakers) if s.member.pk == pk), None)
        if index is None:
            raise Http404
        return index

    @property
    def speaker(self) -> day_selectors.Speaker:
        return self.speakers[self.position]

    @cached_property
    def criticisms(self) -> list[Criticism]:
        return day_selectors.criticisms_of(meeting=self.meeting, target=self.speaker.member)

    def fresh_form(self) -> CriticismForm:
        critic = day_selectors.next_critic(
            order=self.speakers,
            target_id=self.speaker.member.pk,
            done_ids=[c.critic_id for c in self.criticisms],
            last_id=self.criticisms[-1].critic_id if self.criticisms else None,
        )
        return CriticismForm(
            speakers=self.speakers, target=self.speaker.member, initial={"critic": critic}
        )

    def edit_form(self, pk: str) -> CriticismForm | None:
        found = next((c for c in self.criticisms if str(c.pk) == pk), None)
        if found is None:
            return None
        return CriticismForm(
            speakers=self.speakers,
            target=self.speaker.member,
            initial={
                "critic": found.critic_id,
                "text": found.text,
                "reply": found.reply,
                "as_problem": found.as_problem,
                "problem_category": found.problem_category,
                "criticism": found.pk,
            },
        )

    def entry_context(self, form=None, error: str = "", saved: Criticism | None = None) -> dict:
        ctx = self.base_context()
        ctx.update(
            speaker=self.speaker,
            target=self.speaker.member,
            criticisms=self.criticisms,
            error=error,
            saved=saved,
        )
        if self.can_record:
            ctx["form"] = form or self.fresh_form()
        return ctx

    def get(self, request, *args, **kwargs):
        self.speaker  # noqa: B018 — someone not expected at the meeting is a 404
        form = None
        if self.can_record and request.GET.get("edit"):
            form = self.edit_form(request.GET["edit"])
        if request.htmx:
            return render(request, self.entry_template, self.entry_context(form=form))
        extra = {"form": form} if form is not None else {}
        return self.render_to_response(self.get_context_data(**extra))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.entry_context(form=kwargs.get("form")))
        i, speakers = self.position, self.speakers
        ctx["speakers"] = speakers
        ctx["previous"] = speakers[i - 1] if i > 0 else None
        ctx["next"] = speakers[i + 1] if i + 1 < len(speakers) else None
        draft = self.speaker.draft
        openable = day_selectors.openable_draft_ids(user=self.request.user, meeting=self.meeting)
        ctx["draft_openable"] = draft is not None and draft.pk in openable
        return ctx

    def post(self, request, meeting_pk, member_pk):
        self.speaker  # noqa: B018
        form = CriticismForm(request.POST, speakers=self.speakers, target=self.speaker.member)
        error, saved = "", None
        if form.is_valid():
            existing = None
            if form.cleaned_data.get("criticism"):
                existing = next(
                    (c for c in self.criticisms if c.pk == form.cleaned_data["criticism"]), None
                )
                if existing is None:
                    error = _("这条批评意见已被删除或不属于本次会议。")
            if not error:
                try:
                    saved = day_services.criticism_save(
                        meeting=self.meeting,
                        by=request.user,
                        target=self.speaker.member,
                        criticism=existing,
                        **form.service_kwargs(),
                    )
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        _attach(form, exc)
                    else:
                        error = _error_text(exc)
        if saved is not None:
            self.__dict__.pop("criticisms", None)  # reload the list with the new row
            if request.htmx:
                return render(request, self.entry_template, self.entry_context(saved=saved))
            messages.success(
                request, _("已保存 %(name)s 的批评意见。") % {"name": saved.critic.name}
            )
            return redirect(self.request.path)
        if request.htmx:
            return render(request, self.entry_template, self.entry_context(form=form, error=error))
        if error:
            messages.error(request, error)
        return self.render_to_response(self.get_context_data(form=form))


class CriticismDeleteView(CriticismView):
    """POST: delete one criticism entered by mistake; htmx gets the entry fragment back."""

    http_method_names = ["post"]

    def post(self, request, meeting_pk, member_pk, pk):
        self.speaker  # noqa: B018
        criticism = next((c for c in self.criticisms if c.pk == pk), None)
        if criticism is None:
            raise Http404
        error = ""
        try:
            day_services.criticism_delete(criticism=criticism, by=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            self.__dict__.pop("criticisms", None)
        if request.htmx:
            return render(request, self.entry_template, self.entry_context(error=error))
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("已删除该条批评意见。"))
        return redirect("meetings:criticism", meeting_pk=meeting_pk, member_pk=member_pk)


class MinutesView(DayMixin, TemplateView):
    """GET: the minutes (a form for the committee while recording is open); POST: save."""

    template_name = "meetings/day_minutes.html"

    @cached_property
    def minutes(self):
        return day_selectors.minutes_of(meeting=self.meeting)

    def make_form(self, data=None) -> MinutesForm:
        minutes = self.minutes
        report = ""
        if minutes is None or not minutes.rectification_report:
            report = day_selectors.rectification_report_text(
                day_selectors.last_rectification_report(meeting=self.meeting)
            )
        if minutes is None:
            secretary = next(
                (s.member.pk for s in self.speakers if s.member.position == "secretary"), None
            )
            initial = {"host": secretary, "rectification_report": report}
        else:
            initial = {
                "host": minutes.host_id,
                "recorder": minutes.recorder_id,
                "rectification_report": minutes.rectification_report or report,
                "key_points": minutes.key_points,
                "upper_comments": minutes.upper_comments,
                "resolutions": minutes.resolutions,
            }
        return MinutesForm(data, speakers=self.speakers, initial=initial)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.base_context())
        ctx["minutes"] = self.minutes
        grouped = day_selectors.criticisms_by_target(meeting=self.meeting)
        ctx["criticisms"] = [
            (s, grouped[s.member.pk]) for s in self.speakers if s.member.pk in grouped
        ]
        if self.can_record and "form" not in ctx:
            ctx["form"] = self.make_form()
        return ctx

    def post(self, request, meeting_pk):
        form = MinutesForm(request.POST, speakers=self.speakers)
        if form.is_valid():
            try:
                day_services.minutes_save(
                    meeting=self.meeting, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                if not day_services.is_recordable(self.meeting):
                    messages.error(request, _error_text(exc))
                    return redirect("meetings:day", meeting_pk=meeting_pk)
                _attach(form, exc)
            else:
                messages.success(request, _("会议记录已保存。"))
                return redirect("meetings:day", meeting_pk=meeting_pk)
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("<int:meeting_pk>/day/", DayView.as_view(), name="day"),
    path("<int:meeting_pk>/day/attendance/", AttendanceView.as_view(), name="attendance"),
    path(
        "<int:meeting_pk>/day/criticism/<int:member_pk>/",
        CriticismView.as_view(),
        name="criticism",
    ),
    path(
        "<int:meeting_pk>/day/criticism/<int:member_pk>/<int:pk>/delete/",
        CriticismDeleteView.as_view(),
        name="criticism-delete",
    ),
    path("<int:meeting_pk>/day/minutes/", MinutesView.as_view(), name="minutes"),
]
