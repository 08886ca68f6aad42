"""The meeting's pages whose actions reach into rectification, routed under ``/meetings/``
with their ``meetings:…`` names (``rectification.urls.meeting_urlpatterns``, included by
``config/urls.py`` in the meetings namespace): holding the meeting (the problem list is
drawn up), sorting an opinion (采纳为问题 puts it on the list), the meeting day — its hub
and the minutes show the report on the last rectification, and criticism marked 列入问题
清单 joins the list. Each POST calls one step of ``rectification.services.lifecycle``;
the rest of the meeting's pages stay in ``meetings.views``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from meetings.forms.day import CriticismForm, MinutesForm
from meetings.forms.meeting import OptionalReasonForm
from meetings.forms.opinions import OpinionSortForm
from meetings.models import AnonymousOpinion, Criticism, Opinion
from meetings.selectors import day as day_selectors
from meetings.selectors import opinions as opinion_selectors
from meetings.services import day as day_services
from meetings.views.day import DayMixin, _error_text
from meetings.views.meeting import TransitionView
from members.views import _attach
from rectification.selectors import last_report
from rectification.services import lifecycle

# --- holding the meeting ------------------------------------------------------------------


class HoldView(TransitionView):
    form_class = OptionalReasonForm

    def perform(self, data):
        lifecycle.meeting_hold(
            meeting=self.meeting, by=self.request.user, override_reason=data["reason"]
        )
        return _("已标记为已召开。")


# --- sorting the opinions (梳理) ---------------------------------------------------------


class OpinionSortView(LoginRequiredMixin, View):
    """POST: sort one opinion (采纳为问题 / 不予采纳). An htmx request gets the row back."""

    model: type[Opinion] | type[AnonymousOpinion] = Opinion

    def post(self, request, pk):
        qs = self.model.objects.manageable_by(request.user).select_related("window")
        if self.model is Opinion:
            qs = qs.select_related("author")
        opinion = get_object_or_404(qs, pk=pk)
        form = OpinionSortForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                opinion = lifecycle.opinion_sort(
                    opinion=opinion, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                error = _error_text(exc)
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
        if request.htmx:
            row = opinion_selectors.opinion_row(opinion)
            return render(
                request,
                "meetings/opinions_row.html",
                {"row": row, "error": error, "can_manage": True},
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request,
                _("已梳理为“%(d)s”。") % {"d": opinion.get_disposition_display()},
            )
        url = reverse("meetings:opinion-window", args=[opinion.window_id])
        return redirect(f"{url}#{opinion_selectors.opinion_row(opinion).key}")


# --- the meeting day (会中) ----------------------------------------------------------------


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
        ctx["report"] = last_report.last_rectification_report(meeting=meeting)
        ctx["openable"] = day_selectors.openable_draft_ids(user=self.request.user, meeting=meeting)
        ctx["minutes"] = day_selectors.minutes_of(meeting=meeting)
        return ctx


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
                    saved = lifecycle.criticism_save(
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
            lifecycle.criticism_delete(criticism=criticism, by=request.user)
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
            report = last_report.rectification_report_text(
                last_report.last_rectification_report(meeting=self.meeting)
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
