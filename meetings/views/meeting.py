"""The meeting: list, plan (create/edit), detail with the readiness checklist, transitions,
plan approval, calendar file and printable notice; study sessions. Holding the meeting
(its problem list is drawn up) is ``rectification.views.lifecycle.HoldView``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from meetings.forms.meeting import (
    MeetingForm,
    OptionalReasonForm,
    PlanDecisionForm,
    ReasonForm,
    StudyForm,
)
from meetings.models import Meeting, StudySession
from meetings.selectors import meeting as meeting_selectors
from meetings.services import meeting as meeting_services
from meetings.services import study as study_services
from members.keyset import keyset_page
from members.models import Organization
from members.selectors import can_manage_branch, can_supervise_branch
from members.views import _attach


class MeetingListView(LoginRequiredMixin, TemplateView):
    """The meetings the user may see, newest first, a keyset page at a time (a province's
    supervisor sees a million: no count, no offset)."""

    template_name = "meetings/meeting_list.html"
    per_page = 30

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page_obj = keyset_page(
            meeting_selectors.meeting_list(user=self.request.user),
            keys=meeting_selectors.MEETING_LIST_KEYS,
            per_page=self.per_page,
            after=self.request.GET.get("after"),
            before=self.request.GET.get("before"),
        )
        ctx["page_obj"] = page_obj
        ctx["meetings"] = page_obj.object_list
        ctx["plannable_branches"] = Organization.objects.branches().manageable_by(
            self.request.user
        )[:2]
        return ctx


class MeetingCreateView(LoginRequiredMixin, FormView):
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    @cached_property
    def branch(self) -> Organization:
        branches = Organization.objects.branches().manageable_by(self.request.user)
        pk = self.request.GET.get("branch") or self.request.POST.get("branch")
        if pk:
            if not (pk.isascii() and pk.isdigit()):
                raise Http404
            return get_object_or_404(branches, pk=pk)
        first = branches.first()
        if first is None:
            raise Http404
        return first

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "branch": self.branch}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "branch": self.branch}

    def form_valid(self, form):
        try:
            meeting = meeting_services.meeting_create(
                branch=self.branch, by=self.request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        if meeting_selectors.plan_needs_approval(meeting):
            messages.success(self.request, _("方案已保存。下一步:报送上级审批。"))
        else:
            messages.success(self.request, _("方案已保存。下一步:发出会议通知。"))
        return redirect("meetings:detail", pk=meeting.pk)


class MeetingMixin(LoginRequiredMixin):
    """Loads the meeting through the user's scope. ``access`` picks the queryset."""

    access = "visible"  # or "manage" or "supervise"

    @cached_property
    def meeting(self) -> Meeting:
        qs = Meeting.objects.select_related("branch")
        qs = {
            "visible": qs.visible_to,
            "manage": qs.manageable_by,
            "supervise": qs.supervised_by,
        }[self.access](self.request.user)
        return get_object_or_404(qs, pk=self.kwargs.get("meeting_pk") or self.kwargs.get("pk"))


class MeetingUpdateView(MeetingMixin, FormView):
    access = "manage"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_initial(self):
        m = self.meeting
        return {
            "kind": m.kind,
            "theme": m.theme,
            "starts_at": m.starts_at,
            "place": m.place,
            "upper_org_attends": m.upper_org_attends,
            "talk_peer_count": m.talk_peer_count,
            "rectify_months": m.rectify_months,
            "agenda": "\n".join(m.agenda_items.values_list("title", flat=True)),
            "readings": "\n".join(m.readings.values_list("title", flat=True)),
            "attendees": list(m.branch.members.filter(attendances__meeting=m)),
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "branch": self.meeting.branch}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        return {**ctx, "branch": self.meeting.branch, "meeting": self.meeting}

    def form_valid(self, form):
        try:
            meeting_services.meeting_update(
                meeting=self.meeting, by=self.request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("方案已更新。"))
        return redirect("meetings:detail", pk=self.meeting.pk)


class MeetingDetailView(MeetingMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return self.meeting

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.meeting
        ctx["can_manage"] = can_manage_branch(user=user, branch=meeting.branch)
        ctx["can_supervise"] = can_supervise_branch(user=user, branch=meeting.branch)
        ctx.update(meeting_selectors.meeting_page(meeting=meeting))
        if ctx["can_manage"]:
            needs_approval = meeting_selectors.plan_needs_approval(meeting)
            ctx["needs_approval"] = needs_approval
            ctx["may_schedule"] = meeting.plan_status == "approved" or not needs_approval
            ctx["planned_day"] = timezone.localdate(meeting.starts_at)
            ctx["may_hold"] = timezone.localdate() >= ctx["planned_day"]
        if ctx["can_manage"] or ctx["can_supervise"]:
            from meetings.selectors.readiness import meeting_readiness

            ctx["readiness"] = meeting_readiness(meeting=meeting)
            ctx["ready"] = all(item.done for item in ctx["readiness"])
        ctx["hold_form"] = OptionalReasonForm()
        ctx["cancel_form"] = ReasonForm()
        ctx["decision_form"] = PlanDecisionForm()
        return ctx


class TransitionView(MeetingMixin, View):
    """POST: validate the small form (if any), call one service, go back with a message."""

    access = "manage"
    form_class = None

    def perform(self, data: dict) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def done_url(self) -> str:
        return reverse("meetings:detail", args=[self.meeting.pk])

    def post(self, request, *args, **kwargs):
        self.meeting  # noqa: B018 — out of scope is a 404 before anything else
        data: dict = {}
        if self.form_class is not None:
            form = self.form_class(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
                return redirect(self.done_url())
            data = form.cleaned_data
        try:
            done = self.perform(data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect(self.done_url())


class ScheduleView(TransitionView):
    def perform(self, data):
        meeting_services.meeting_schedule(meeting=self.meeting, by=self.request.user)
        return _("会议通知已发给全体应到人员,进入会前准备。")


class PlanSubmitView(TransitionView):
    def perform(self, data):
        meeting_services.plan_submit(meeting=self.meeting, by=self.request.user)
        return _("方案已报送上级党组织审批。")


class PlanDecisionView(TransitionView):
    access = "supervise"
    form_class = PlanDecisionForm

    def perform(self, data):
        if data["decision"] == "approve":
            meeting_services.plan_approve(
                meeting=self.meeting, by=self.request.user, comment=data["comment"]
            )
            return _("已批准该方案。")
        meeting_services.plan_return(
            meeting=self.meeting, by=self.request.user, comment=data["comment"]
        )
        return _("已退回该方案。")


class CancelView(TransitionView):
    form_class = ReasonForm

    def perform(self, data):
        meeting_services.meeting_cancel(
            meeting=self.meeting, by=self.request.user, reason=data["reason"]
        )
        return _("会议已取消。")


class CalendarView(MeetingMixin, View):
    def get(self, request, pk):
        from meetings.exports import meeting_ics

        response = HttpResponse(
            meeting_ics(self.meeting), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="meeting-{self.meeting.pk}.ics"'
        return response


class NoticeView(MeetingMixin, DetailView):
    """A printable notice (会议通知)."""

    template_name = "meetings/meeting_notice.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return self.meeting

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(meeting_selectors.meeting_page(meeting=self.meeting))
        return ctx


class StudyView(MeetingMixin, FormView):
    """Study sessions of a meeting; the committee records new ones here."""

    template_name = "meetings/study.html"
    form_class = StudyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["meeting"] = self.meeting
        ctx["can_manage"] = can_manage_branch(user=self.request.user, branch=self.meeting.branch)
        ctx["sessions"] = meeting_selectors.study_sessions(meeting=self.meeting)
        return ctx

    def post(self, request, *args, **kwargs):
        if not can_manage_branch(user=request.user, branch=self.meeting.branch):
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            study_services.study_record(
                meeting=self.meeting, by=self.request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("学习记录已保存。"))
        return redirect("meetings:study", meeting_pk=self.meeting.pk)


class StudyDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        session = get_object_or_404(StudySession.objects.manageable_by(request.user), pk=pk)
        try:
            study_services.study_delete(session=session, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("学习记录已删除。"))
        return redirect("meetings:study", meeting_pk=session.meeting_id)
