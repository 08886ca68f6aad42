"""The problem list (问题清单) of a meeting, its editing and merging, publishing (公示), the
report upward (上报: print page and .docx) and closing the meeting into 整改中.

Every meeting is loaded through ``Meeting.objects.visible_to/manageable_by(user)`` and
every problem through ``Problem.objects.manageable_by(user)``: outside them is a 404.
Each POST calls one service and goes back to the list with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from audit.services import audit_export
from meetings.choices import MeetingStatus
from meetings.views.meeting import MeetingMixin, TransitionView
from members.selectors import can_manage_branch
from members.views import _attach
from rectification.forms.problems import (
    SUGGESTED,
    CriticismProblemForm,
    ItemProposalFormSet,
    MergeForm,
    OpinionProblemForm,
    ProblemForm,
    SupervisorProblemForm,
)
from rectification.models import Problem
from rectification.selectors import problems as selectors
from rectification.services import lifecycle
from rectification.services import problems as services


def _problems_url(meeting_pk: int, problem: Problem | None = None) -> str:
    url = reverse("rectification:problems", kwargs={"meeting_pk": meeting_pk})
    return f"{url}#problem-{problem.pk}" if problem is not None else url


class ProblemListView(MeetingMixin, TemplateView):
    """The list: the committee and supervisors above work on it while the meeting is
    已召开; the branch's members read it once it is published."""

    template_name = "rectification/problems.html"

    @cached_property
    def can_manage(self) -> bool:
        return can_manage_branch(user=self.request.user, branch=self.meeting.branch)

    @cached_property
    def editable(self) -> bool:
        return self.can_manage and self.meeting.status == MeetingStatus.HELD

    @cached_property
    def members(self):
        return selectors.branch_members(meeting=self.meeting)

    def criticism_form(self, data=None) -> CriticismProblemForm:
        return CriticismProblemForm(data, criticisms=selectors.criticisms_of(meeting=self.meeting))

    def opinion_form(self, data=None) -> OpinionProblemForm:
        opinions = selectors.kept_opinions(user=self.request.user, meeting=self.meeting)
        return OpinionProblemForm(
            data, opinions=opinions, members=self.members, initial={"owner": SUGGESTED}
        )

    def supervisor_form(self, data=None) -> SupervisorProblemForm:
        return SupervisorProblemForm(data, members=self.members)

    def get_context_data(self, *, bound_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.meeting
        groups = selectors.problem_list(user=self.request.user, meeting=meeting)
        ctx.update(
            meeting=meeting,
            can_manage=self.can_manage,
            editable=self.editable,
            groups=groups,
            problem_count=sum(len(g.problems) for g in groups),
            openable_drafts=selectors.openable_draft_ids(user=self.request.user, meeting=meeting),
        )
        if self.editable:
            forms = {
                "criticism_form": self.criticism_form(),
                "opinion_form": self.opinion_form(),
                "supervisor_form": self.supervisor_form(),
            }
            if bound_form is not None:
                forms[f"{bound_form.prefix}_form"] = bound_form
            ctx.update(forms)
            # kept opinions join the list by themselves: the form is for what is left
            ctx["opinion_pending"] = any(
                not getattr(o, "listed", False) for o in forms["opinion_form"]._opinions.values()
            )
            ctx["candidates"] = selectors.merge_candidates(meeting=meeting)
            ctx["upper_comments"] = selectors.upper_comments(meeting=meeting)
        return ctx


class ProblemAddView(ProblemListView):
    """POST: add a problem from one source; an invalid form comes back on the list page
    with what was typed."""

    access = "manage"
    http_method_names = ["post"]

    def build_form(self, data):
        raise NotImplementedError

    def perform(self, data: dict) -> Problem:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if not self.editable:  # a stale page: the meeting has moved on
            messages.error(
                request,
                _("会议当前状态为“%(status)s”,不能添加问题。")
                % {"status": self.meeting.get_status_display()},
            )
            return redirect(_problems_url(self.meeting.pk))
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                problem = self.perform(form.cleaned_data)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("已列入问题清单。"))
                return redirect(_problems_url(self.meeting.pk, problem))
        return self.render_to_response(self.get_context_data(bound_form=form))


class ProblemFromCriticismView(ProblemAddView):
    def build_form(self, data):
        return self.criticism_form(data)

    def perform(self, data):
        return services.problem_from_criticism(by=self.request.user, **data)


class ProblemFromOpinionView(ProblemAddView):
    def build_form(self, data):
        return self.opinion_form(data)

    def perform(self, data):
        owner = data.pop("owner")
        if owner == SUGGESTED:
            owner = selectors.suggested_owner(data["opinion"])
        return services.problem_from_opinion(by=self.request.user, owner=owner, **data)


class ProblemFromSupervisorView(ProblemAddView):
    def build_form(self, data):
        return self.supervisor_form(data)

    def perform(self, data):
        return services.problem_add_supervisor(meeting=self.meeting, by=self.request.user, **data)


class ProblemsActionView(TransitionView):
    """POST on the meeting's list: one service call, then back to the list."""

    def done_url(self) -> str:
        return _problems_url(self.meeting.pk)


class MergeView(ProblemsActionView):
    form_class = MergeForm

    def perform(self, data):
        problems = Problem.objects.manageable_by(self.request.user).filter(meeting=self.meeting)
        keep = get_object_or_404(problems, pk=data["keep"])
        merge = list(problems.filter(pk__in=data["merge"]))
        if len(merge) != len(set(data["merge"])):
            raise ValidationError(_("要合并的问题不存在或已被删除。"))
        services.problem_merge(keep=keep, merge=merge, by=self.request.user)
        return _("已合并 %(n)d 个问题。") % {"n": len(merge)}


class PublishView(ProblemsActionView):
    def perform(self, data):
        services.problems_publish(meeting=self.meeting, by=self.request.user)
        return _("问题清单已在支部内公示,已通知全体党员。")


class ReportSendView(ProblemsActionView):
    def perform(self, data):
        lifecycle.meeting_report_send(meeting=self.meeting, by=self.request.user)
        return _("会议情况报告已上报上级党组织。")


class CloseView(MeetingMixin, TemplateView):
    """转入整改 on one page: every problem with its proposed item (the draft's measure where
    there is one, the problem's owner, the plan's default deadline), edited in place and
    confirmed with one submission — which moves the meeting into 整改中 and creates them."""

    access = "manage"
    template_name = "rectification/close.html"

    @cached_property
    def members(self):
        return selectors.branch_members(meeting=self.meeting)

    def formset(self, data=None) -> ItemProposalFormSet:
        proposals = selectors.item_proposals(meeting=self.meeting)
        initial = [
            {
                "problem": p.problem.pk,
                "measure": p.measure,
                "person": str(p.person.pk) if p.person else "",
                "deadline": p.deadline,
            }
            for p in proposals
        ]
        formset = ItemProposalFormSet(
            data,
            initial=initial,
            prefix="items",
            form_kwargs={"members": self.members},
        )
        problems = {p.problem.pk: p.problem for p in proposals}
        for form in formset.forms:
            pk = form.initial.get("problem") if data is None else None
            if pk is None:
                raw = form["problem"].value()
                pk = int(raw) if str(raw).isdigit() else None
            form.proposed_problem = problems.get(pk)
        return formset

    def get(self, request, *args, **kwargs):
        if self.meeting.status != MeetingStatus.HELD:
            return redirect(_problems_url(self.meeting.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, *, formset=None, error="", **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.meeting
        missing = []
        if meeting.problems_published_at is None:
            missing.append(_("问题清单尚未公示"))
        if meeting.report_sent_at is None:
            missing.append(_("会议情况尚未上报上级党组织"))
        ctx.update(
            meeting=meeting,
            formset=formset or self.formset(),
            missing=missing,
            error=error,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        from rectification.services.items import ItemProposal

        formset = self.formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        proposals = [
            ItemProposal(
                problem_id=f.cleaned_data["problem"],
                measure=f.cleaned_data["measure"],
                deadline=f.cleaned_data.get("deadline"),
                person=f.cleaned_data.get("person"),
                priority=f.cleaned_data.get("priority") or "",
                difficulty=f.cleaned_data.get("difficulty") or "",
            )
            for f in formset.forms
            if f.cleaned_data.get("measure")
        ]
        try:
            lifecycle.meeting_close(meeting=self.meeting, by=request.user, proposals=proposals)
        except ValidationError as exc:
            return self.render_to_response(
                self.get_context_data(formset=formset, error=" ".join(exc.messages))
            )
        messages.success(
            request,
            _("会议已转入整改中,已建立 %(n)d 项整改事项。") % {"n": len(proposals)},
        )
        url = reverse("rectification:ledger", args=[self.meeting.branch_id])
        return redirect(f"{url}?meeting={self.meeting.pk}")


class CompleteView(ProblemsActionView):
    def perform(self, data):
        lifecycle.meeting_complete(meeting=self.meeting, by=self.request.user)
        return _("整改已全部完成,会议已标记为已完成。")


class ProblemEditView(LoginRequiredMixin, FormView):
    """Edit one problem, or merge it into another of the same owner."""

    template_name = "rectification/problem_form.html"
    form_class = ProblemForm

    @cached_property
    def problem(self) -> Problem:
        qs = Problem.objects.manageable_by(self.request.user).select_related(
            "meeting", "meeting__branch", "owner"
        )
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.problem.meeting.status != MeetingStatus.HELD:
            messages.error(
                request,
                _("会议当前状态为“%(status)s”,问题清单不能再修改。")
                % {"status": self.problem.meeting.get_status_display()},
            )
            return redirect(_problems_url(self.problem.meeting_id))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        members = selectors.branch_members(meeting=self.problem.meeting)
        owner = self.problem.owner
        if owner is not None and owner not in members:  # since deactivated: keep them
            members.append(owner)
        kwargs["members"] = members
        return kwargs

    def get_initial(self):
        p = self.problem
        return {
            "owner": "committee" if p.is_committee else str(p.owner_id),
            "category": p.category,
            "text": p.text,
            "example": p.example,
            "root_cause": p.root_cause,
        }

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.problem
        siblings = Problem.objects.active().filter(
            meeting_id=p.meeting_id, is_committee=p.is_committee, owner_id=p.owner_id
        )
        ctx.update(
            problem=p,
            meeting=p.meeting,
            siblings=list(siblings.exclude(pk=p.pk).order_by("pk")),
            openable_drafts=selectors.openable_draft_ids(user=self.request.user, meeting=p.meeting),
        )
        return ctx

    def form_valid(self, form):
        try:
            problem = services.problem_update(
                problem=self.problem, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("问题已保存。"))
        return redirect(_problems_url(problem.meeting_id, problem))


class ReportView(MeetingMixin, TemplateView):
    """The report upward as a print page (the committee and the supervisors above)."""

    access = "manage"
    template_name = "rectification/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        from rectification.exports import report_blocks, report_title

        report = selectors.meeting_report(meeting=self.meeting)
        ctx.update(
            meeting=self.meeting,
            report=report,
            title=report_title(report),
            blocks=report_blocks(report),  # the same paragraphs as the .docx
            today=timezone.localdate(),
            can_manage=True,
        )
        return ctx


class ReportDocxView(MeetingMixin, View):
    access = "manage"

    def get(self, request, meeting_pk):
        from rectification.exports import meeting_report_docx

        content = meeting_report_docx(selectors.meeting_report(meeting=self.meeting))
        audit_export(
            request, what=_("情况报告"), organization=self.meeting.branch, target=self.meeting
        )
        response = HttpResponse(
            content,
            content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        )
        response["Content-Disposition"] = (
            f'attachment; filename="meeting-{self.meeting.pk}-report.docx"'
        )
        return response
