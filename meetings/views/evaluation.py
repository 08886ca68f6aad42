"""民主评议党员: one page for everyone, and one POST per step.

The meeting is loaded through ``Meeting.objects.visible_to(user)`` (the committee's steps
through ``manageable_by``); anything outside the user's scope is a 404. What each person
sees is decided by meetings/selectors/evaluation.py.

Secrecy: the ballot is posted to one fixed URL (the meeting's, never a ballot's), answered
with the same redirect and the same message for every voter and every ballot, and nothing
here logs or notifies anything about it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from meetings.choices import EvaluationStatus, Grade
from meetings.forms.evaluation import BallotForm, CloserForm, ProposalForm, SelfAssessmentForm
from meetings.models import Evaluation
from meetings.selectors import evaluation as selectors
from meetings.services import evaluation as services
from meetings.views.meeting import MeetingMixin
from members.views import _attach


def _back(meeting_pk: int):
    return redirect("meetings:evaluation", meeting_pk=meeting_pk)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class EvaluationView(MeetingMixin, TemplateView):
    """GET: the evaluation page — the committee's panel, a member's self-assessment and
    ballot, a supervisor's read-only results."""

    template_name = "meetings/evaluation_page.html"

    @cached_property
    def page(self) -> selectors.EvaluationPage:
        return selectors.evaluation_page(meeting=self.meeting, user=self.request.user)

    def get_context_data(self, *, self_form=None, ballot_form=None, proposal_form=None, **kw):
        ctx = super().get_context_data(**kw)
        page = self.page
        ctx.update(meeting=self.meeting, page=page, evaluation=page.evaluation)
        ctx["grades"] = Grade.choices
        if page.may_self_assess:
            mine = page.my_self_assessment
            initial = {"grade": mine.grade, "text": mine.text} if mine else {}
            ctx["self_form"] = self_form or SelfAssessmentForm(initial=initial)
        if page.may_vote:
            ctx["ballot_form"] = ballot_form or BallotForm(members=page.members)
        if page.is_committee and page.status == EvaluationStatus.CLOSED:
            initial = {}
            for row in page.rows:
                if row.result is not None:
                    initial[f"g{row.member.pk}"] = row.result.grade
                    initial[f"n{row.member.pk}"] = row.result.note
            form = proposal_form or ProposalForm(members=page.members, initial=initial)
            fields = form.field_pairs()
            ctx["proposal_form"] = form
            ctx["proposal_rows"] = [(row, *fields[row.member.pk]) for row in page.rows]
        return ctx


class _EvaluationPostView(EvaluationView):
    """A POST that may show the page again with a bound form (what was typed is kept)."""

    http_method_names = ["post"]

    @cached_property
    def evaluation(self) -> Evaluation:
        return get_object_or_404(Evaluation, meeting=self.meeting)

    def member_or_refuse(self):
        """The user as a rated member; None (with a message) for a member of the branch who is
        not rated; a 404 for anyone else."""
        if not self.page.member_of_branch:
            raise Http404
        if self.page.me is None:
            messages.error(self.request, _("您不在本次民主评议的参评人员中。"))
        return self.page.me


class SelfAssessmentView(_EvaluationPostView):
    """POST: the member saves their own self-assessment."""

    def post(self, request, meeting_pk):
        evaluation, me = self.evaluation, self.member_or_refuse()
        if me is None:
            return _back(meeting_pk)
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.self_assessment_save(evaluation=evaluation, member=me, **form.cleaned_data)
            except ValidationError as exc:
                if not self.page.may_self_assess:
                    messages.error(request, _error_text(exc))
                    return _back(meeting_pk)
                _attach(form, exc)
            else:
                messages.success(request, _("个人自评已保存。"))
                return _back(meeting_pk)
        elif not self.page.may_self_assess:
            messages.error(request, _("现在不能填写个人自评。"))
            return _back(meeting_pk)
        return self.render_to_response(self.get_context_data(self_form=form))


class BallotCastView(_EvaluationPostView):
    """POST: the member casts their secret ballot. Whatever is on it, the answer is the same
    redirect to the meeting's evaluation page with the same message."""

    def post(self, request, meeting_pk):
        evaluation, me = self.evaluation, self.member_or_refuse()
        if me is None:
            return _back(meeting_pk)
        form = BallotForm(request.POST, members=self.page.members)
        if not form.is_valid() and self.page.may_vote:
            return self.render_to_response(self.get_context_data(ballot_form=form))
        try:
            services.ballot_cast(evaluation=evaluation, voter=me, marks=form.marks())
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("您的选票已投出。投票不记名,任何人都查不到您的选择。"))
        return _back(meeting_pk)


class ProposalView(_EvaluationPostView):
    """POST: the committee proposes every member's grade (after voting closed)."""

    access = "manage"

    def post(self, request, meeting_pk):
        evaluation = self.evaluation
        form = ProposalForm(request.POST, members=self.page.members)
        showing_form = self.page.is_committee and self.page.status == EvaluationStatus.CLOSED
        valid = form.is_valid()
        if valid or not showing_form:
            try:
                services.results_propose(
                    evaluation=evaluation,
                    by=request.user,
                    grades=form.grades(),
                    notes=form.notes(),
                )
            except ValidationError as exc:
                if not showing_form:
                    messages.error(request, _error_text(exc))
                    return _back(meeting_pk)
                _attach(form, exc)
            else:
                messages.success(request, _("评定意见已保存。核对无误后,请确定评议结果。"))
                return _back(meeting_pk)
        return self.render_to_response(self.get_context_data(proposal_form=form))


class _StepView(MeetingMixin, View):
    """POST: one step of the committee's — call one service, go back with a message."""

    access = "manage"

    def perform(self) -> str:
        raise NotImplementedError

    @cached_property
    def evaluation(self) -> Evaluation:
        return get_object_or_404(Evaluation, meeting=self.meeting)

    def post(self, request, meeting_pk):
        self.meeting  # noqa: B018 — out of scope is a 404 before anything else
        try:
            done = self.perform()
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, done)
        return _back(meeting_pk)


class EvaluationOpenView(_StepView):
    def perform(self) -> str:
        services.evaluation_open(meeting=self.meeting, by=self.request.user)
        return _("民主评议已开始,请参评党员先填写个人自评。")


class VotingStartView(_StepView):
    def perform(self) -> str:
        services.voting_start(evaluation=self.evaluation, by=self.request.user)
        return _("投票已开始,参加投票的党员现在可以无记名投票。")


class VotingCloseView(_StepView):
    access = "visible"  # the secretary, or whom the committee named (the service checks)

    def perform(self) -> str:
        services.voting_close(evaluation=self.evaluation, by=self.request.user)
        return _("投票已结束。")


class VotingReopenView(_StepView):
    access = "visible"

    def perform(self) -> str:
        services.voting_reopen(evaluation=self.evaluation, by=self.request.user)
        return _("投票已重新开放。")


class CloserView(_StepView):
    """POST: the committee names who closes the ballot (empty: the branch secretary)."""

    def perform(self) -> str:
        form = CloserForm(self.request.POST, meeting=self.meeting)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.closer_name(
            evaluation=self.evaluation, by=self.request.user, closer=form.cleaned_data["closer"]
        )
        return _("已指定负责结束投票的人。")


class FinalizeView(_StepView):
    def perform(self) -> str:
        services.results_finalize(evaluation=self.evaluation, by=self.request.user)
        return _("评议结果已确定,已通知党员本人和上级党组织。")
