"""Look-backs (回头看): the meeting's schedule, the secretary's review screen, and the
supervisor's list of late look-backs and escalated items."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from meetings.models import Meeting
from members.selectors import can_manage_branch
from rectification.forms.lookbacks import LookBackDateForm, LookBackRecordForm
from rectification.models import LookBack
from rectification.selectors import lookbacks as selectors
from rectification.selectors.rows import item_list_rows, lookback_rows
from rectification.services import lookbacks as services


class MeetingLookBacksView(LoginRequiredMixin, TemplateView):
    template_name = "rectification/lookbacks.html"

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(
            Meeting.objects.visible_to(self.request.user).select_related("branch"),
            pk=self.kwargs["meeting_pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["meeting"] = self.meeting
        ctx["lookbacks"] = selectors.lookbacks_of_meeting(meeting=self.meeting)
        ctx["can_manage"] = can_manage_branch(user=self.request.user, branch=self.meeting.branch)
        ctx["today"] = timezone.localdate()
        ctx["form"] = kwargs.get("form") or LookBackDateForm()
        return ctx

    def post(self, request, meeting_pk):
        meeting = get_object_or_404(Meeting.objects.manageable_by(request.user), pk=meeting_pk)
        form = LookBackDateForm(request.POST)
        if form.is_valid():
            try:
                services.lookback_add(meeting=meeting, by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("已安排“回头看”。"))
        else:
            messages.error(request, _("请填写有效的日期。"))
        return redirect("rectification:lookbacks", meeting_pk=meeting.pk)


class LookBackView(LoginRequiredMixin, TemplateView):
    """The secretary reviews every open item: progress, difficulties, next step."""

    template_name = "rectification/lookback.html"

    @cached_property
    def lookback(self) -> LookBack:
        return get_object_or_404(
            LookBack.objects.visible_to(self.request.user).select_related("meeting__branch"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lookback = self.lookback
        ctx["lookback"] = lookback
        ctx["meeting"] = lookback.meeting
        ctx["can_manage"] = can_manage_branch(
            user=self.request.user, branch=lookback.meeting.branch
        )
        if lookback.done_at is None:
            items = list(services.open_items(lookback.meeting))
            ctx["form"] = kwargs.get("form") or LookBackRecordForm(items=items)
        else:
            ctx["entries"] = list(
                lookback.entries.select_related("item__owner", "item__lead").order_by(
                    "item__deadline"
                )
            )
        ctx["date_form"] = LookBackDateForm(initial={"due_on": lookback.due_on})
        return ctx

    def post(self, request, pk):
        lookback = get_object_or_404(LookBack.objects.manageable_by(request.user), pk=pk)
        action = request.POST.get("action", "record")
        try:
            if action == "move":
                form = LookBackDateForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("请填写有效的日期。"))
                services.lookback_move(lookback=lookback, by=request.user, **form.cleaned_data)
                messages.success(request, _("已调整“回头看”日期。"))
            elif action == "remove":
                meeting_pk = lookback.meeting_id
                services.lookback_remove(lookback=lookback, by=request.user)
                messages.success(request, _("已取消这次“回头看”。"))
                return redirect("rectification:lookbacks", meeting_pk=meeting_pk)
            else:
                items = list(services.open_items(lookback.meeting))
                form = LookBackRecordForm(request.POST, items=items)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                try:
                    services.lookback_record(
                        lookback=lookback,
                        by=request.user,
                        entries=form.entries(),
                        summary=form.cleaned_data["summary"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                    return self.render_to_response(self.get_context_data(form=form))
                messages.success(request, _("“回头看”已记录。"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("rectification:lookback", pk=pk)


class SupervisionView(LoginRequiredMixin, TemplateView):
    """For supervisors: look-backs due or late, and items escalated for being overdue."""

    template_name = "rectification/supervision.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        ctx["today"] = today
        # the first page of each, by date, and whether there are more: the page costs the
        # same for a county and a province (the overdue list pages through all of them)
        shown = settings.ORGLIFE_PAGE_SIZE
        lookbacks = list(selectors.due_or_late_lookbacks(user=user, today=today)[: shown + 1])
        escalated = list(selectors.escalated_items(user=user, today=today)[: shown + 1])
        ctx.update(
            lookbacks=lookback_rows(lookbacks[:shown], today=today),
            escalated=item_list_rows(escalated[:shown], today=today, measure_chars=40),
            more_lookbacks=len(lookbacks) > shown,
            more_escalated=len(escalated) > shown,
            shown=shown,
        )
        return ctx
