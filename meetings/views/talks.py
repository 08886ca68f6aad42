"""谈心谈话: the committee's coverage matrix and plan, a member's own talks, recording.

The meeting is loaded through ``Meeting.objects.visible_to(user)`` (the plan through
``manageable_by``); anything outside the user's scope is a 404. The branch committee and
the supervisors above see the whole matrix; a member of the branch sees their own part.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from meetings.forms.talks import TalkRecordForm
from meetings.models import Meeting
from meetings.selectors import talks as talk_selectors
from meetings.services import talks as talk_services
from members.querysets import scope_of
from members.selectors import can_manage_branch
from members.views import _attach


class TalksView(LoginRequiredMixin, TemplateView):
    """GET: the talks page — the matrix for the committee, one's own talks for a member."""

    @cached_property
    def meeting(self) -> Meeting:
        qs = Meeting.objects.visible_to(self.request.user).select_related("branch")
        return get_object_or_404(qs, pk=self.kwargs["meeting_pk"])

    @cached_property
    def can_manage(self) -> bool:
        return can_manage_branch(user=self.request.user, branch=self.meeting.branch)

    @cached_property
    def me(self):
        """The user as a member of this meeting's branch (None for a supervisor)."""
        scope = scope_of(self.request.user)
        if scope.member_id is None or scope.branch_id != self.meeting.branch_id:
            return None
        return next((m for m in self.people if m.pk == scope.member_id), None)

    @cached_property
    def people(self):
        if self.can_manage:
            return self.coverage.members
        return talk_selectors.expected_members(meeting=self.meeting)

    @cached_property
    def coverage(self):
        return talk_selectors.coverage_matrix(meeting=self.meeting)

    def get_template_names(self):
        return [
            "meetings/talks_committee.html" if self.can_manage else "meetings/talks_member.html"
        ]

    @property
    def can_record(self) -> bool:
        return self.meeting.is_open_for_preparation and (self.can_manage or self.me is not None)

    def make_form(self, data=None) -> TalkRecordForm:
        """The record form; ``?a=…&b=…`` (from a matrix cell or a pending list) fills it in."""
        keys = ("a", "b") if self.can_manage else ("b",)
        initial = {
            f"member_{key}": self.request.GET[key]
            for key in keys
            if self.request.GET.get(key, "").isdigit()
        }
        on = self.request.GET.get("on", "")
        if len(on) == 10 and on[4] == "-" and on.replace("-", "").isdigit():
            initial["held_on"] = on  # the date of the previous record: talks come in rounds
        me = None if self.can_manage else self.me
        return TalkRecordForm(data, people=self.people, me=me, initial=initial)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.meeting
        ctx.update(meeting=meeting, can_manage=self.can_manage, me=self.me)
        ctx["can_record"] = self.can_record
        if self.can_manage:
            ctx["coverage"] = self.coverage
        elif self.me is not None:
            ctx["own"] = talk_selectors.talks_of_member(
                user=self.request.user, meeting=meeting, member=self.me
            )
        if self.can_record and "form" not in ctx:
            ctx["form"] = self.make_form()
        return ctx


class TalkRecordView(TalksView):
    """POST: record a talk. Errors are shown on the talks page with what was typed."""

    http_method_names = ["post"]

    def post(self, request, meeting_pk):
        if not self.can_record:
            if self.meeting.is_open_for_preparation:
                messages.error(request, _("您不在本次组织生活会的应到人员中,不能登记谈话。"))
            else:
                messages.error(request, _("会议已不在筹备或会前准备阶段,不能再登记谈话。"))
            return redirect("meetings:talks", meeting_pk=self.meeting.pk)
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.service_kwargs()
            try:
                talk_services.talk_record(meeting=self.meeting, by=request.user, **data)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request,
                    _("已登记 %(a)s 与 %(b)s 的谈心谈话。")
                    % {"a": data["member_a"].name, "b": data["member_b"].name},
                )
                # The next record keeps what stays the same: who talks (谈话人), and the day.
                keep = {"on": data["held_on"].isoformat()}
                if self.can_manage:
                    keep["a"] = data["member_a"].pk
                url = reverse("meetings:talks", args=[self.meeting.pk])
                return redirect(f"{url}?{urlencode(keep)}")
        return self.render_to_response(self.get_context_data(form=form))


class TalkPlanView(LoginRequiredMixin, View):
    """POST: generate (or bring up to date) the plan of required talks. Committee only."""

    def post(self, request, meeting_pk):
        meeting = get_object_or_404(
            Meeting.objects.manageable_by(request.user).select_related("branch"), pk=meeting_pk
        )
        try:
            added = talk_services.talk_plan_generate(meeting=meeting, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("谈心谈话计划已按应到人员更新,新增 %(n)d 次必谈。") % {"n": added}
            )
        return redirect("meetings:talks", meeting_pk=meeting.pk)
