"""对照检查材料 (self-criticism drafts): the meeting's list, writing with live checker
findings, submitting, the reviewer's diff and decision, .docx export and a print page.

Privacy: every draft is loaded through ``Draft.objects.visible_to(user)`` (its rows through
``DraftProblem/DraftMeasure/DraftVersion/DraftComment.objects.visible_to``); anything
outside is a 404 — for superusers too. Writing (edit, check, submit) narrows that further to
the author's own drafts. The author's pages never get reviewer-facing findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from audit.services import audit_export
from documents.docx import heading_number
from meetings.choices import CAUSE_FIELDS, DraftPart, DraftStatus
from meetings.forms.drafts import DraftEditForms, DraftReviewForm
from meetings.models import (
    Draft,
    DraftComment,
    DraftMeasure,
    DraftProblem,
    DraftVersion,
    Meeting,
)
from meetings.selectors import drafts as draft_selectors
from meetings.selectors.talks import expected_members
from meetings.services import drafts as draft_services
from members.models import Member
from members.querysets import scope_of
from members.selectors import person_name
from members.views import _attach

# --- loading ----------------------------------------------------------------------------


class DraftMixin(LoginRequiredMixin):
    """Loads the draft through the user's visibility; ``own_only`` narrows it to the
    author's own drafts (writing). Anything else is a 404."""

    own_only = False

    @cached_property
    def draft(self) -> Draft:
        qs = Draft.objects.visible_to(self.request.user).select_related("meeting__branch", "author")
        if self.own_only:
            qs = qs.filter(author__user=self.request.user)
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    @cached_property
    def is_author(self) -> bool:
        return self.draft.author.user_id == self.request.user.pk

    @cached_property
    def problems(self) -> list[DraftProblem]:
        return list(DraftProblem.objects.visible_to(self.request.user).filter(draft=self.draft))

    @cached_property
    def measures(self) -> list[DraftMeasure]:
        by_pk = {p.pk: p for p in self.problems}
        measures = list(DraftMeasure.objects.visible_to(self.request.user).filter(draft=self.draft))
        for m in measures:  # the problems are loaded already: no query per measure
            m.problem = by_pk.get(m.problem_id)
        return measures

    def content(self) -> dict:
        """What the draft's text (``drafts_body.html``) needs."""
        draft = self.draft
        return {
            "draft": draft,
            "meeting": draft.meeting,
            "problems": self.problems,
            "measures": self.measures,
            # numbered (一)(二)… as in the .docx: the filled-in parts only
            "causes": [
                (heading_number(2, i) + str(label), text)
                for i, (label, text) in enumerate(
                    [
                        (label, getattr(draft, name))
                        for name, label in CAUSE_FIELDS
                        if getattr(draft, name).strip()
                    ],
                    1,
                )
            ],
            "title": _draft_title(draft),
        }


def _draft_title(draft: Draft) -> str:
    from meetings.exports_drafts import draft_title

    return draft_title(draft)


# --- comments, grouped ------------------------------------------------------------------


@dataclass
class Review:
    """One review (审核): the comments made on one version, in the order of the parts."""

    version: int
    by: str
    at: object
    parts: list[tuple[str, str, str]] = field(default_factory=list)  # (part, label, text)


def _reviews(*, user, draft: Draft) -> list[Review]:
    """The reviews of the draft, newest first, each with its comments in part order."""
    labels = dict(DraftPart.choices)
    order = {part: i for i, part in enumerate(DraftPart.values)}
    comments = (
        DraftComment.objects.visible_to(user).filter(draft=draft).select_related("by__member")
    )
    by_version: dict[int, Review] = {}
    for c in comments:
        review = by_version.setdefault(
            c.version, Review(version=c.version, by=person_name(c.by), at=c.at)
        )
        review.parts.append((c.part, str(labels.get(c.part, c.part)), c.text))
    for review in by_version.values():
        review.parts.sort(key=lambda p: order.get(p[0], 99))
    return sorted(by_version.values(), key=lambda r: -r.version)


def _latest_comments(reviews: list[Review], draft: Draft) -> dict[str, str]:
    """Part → comment of the last review, while the member is revising after it."""
    if draft.status != DraftStatus.RETURNED or not reviews:
        return {}
    return {part: text for part, _label, text in reviews[0].parts}


# --- the reviewer's findings, minus what the reviewer may not read -------------------------

# --- the meeting's drafts -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One expected attendee in the secretary's table: name and status only."""

    member: Member
    status: str  # a DraftStatus value, or "" for 未开始
    status_label: str
    draft: Draft | None  # only when the secretary may open it (submitted at least once)


def _statuses(meeting: Meeting) -> dict[int, str]:
    """Author → status of each member's draft. Status only, never content: the secretary
    sees who has not started or not submitted, as the readiness line does."""
    return dict(
        Draft.objects.filter(meeting=meeting, is_committee=False).values_list("author_id", "status")
    )


class DraftListView(LoginRequiredMixin, TemplateView):
    """The meeting's drafts: one's own (and the committee's, for the secretary); for the
    secretary every attendee's status; for a supervisor the drafts it reviews."""

    template_name = "meetings/drafts_list.html"

    @cached_property
    def meeting(self) -> Meeting:
        qs = Meeting.objects.visible_to(self.request.user).select_related("branch")
        return get_object_or_404(qs, pk=self.kwargs["meeting_pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.meeting
        scope = scope_of(user)
        drafts = list(draft_selectors.drafts_of_meeting(user=user, meeting=meeting))
        for d in drafts:
            d.meeting = meeting  # known already: no query per draft below
        is_secretary = scope.secretary_branch_id == meeting.branch_id
        in_branch = scope.member_id is not None and scope.branch_id == meeting.branch_id
        ctx.update(meeting=meeting, is_secretary=is_secretary)
        ctx["own"] = next(
            (d for d in drafts if d.author_id == scope.member_id and not d.is_committee), None
        )
        ctx["committee"] = next((d for d in drafts if d.is_committee), None)
        ctx["can_start"] = (
            in_branch
            and meeting.is_open_for_preparation
            and meeting.attendees.filter(member_id=scope.member_id).exists()
        )
        ctx["in_branch"] = in_branch
        reviewable = {
            d.pk
            for d in drafts
            if d.status == DraftStatus.SUBMITTED and draft_selectors.can_review(user=user, draft=d)
        }
        ctx["reviewable"] = reviewable
        if is_secretary:
            visible = {d.author_id: d for d in drafts if not d.is_committee}
            statuses = _statuses(meeting)
            labels = dict(DraftStatus.choices)
            ctx["rows"] = [
                Row(
                    member=m,
                    status=statuses.get(m.pk, ""),
                    status_label=str(labels.get(statuses.get(m.pk), _("未开始"))),
                    draft=visible.get(m.pk),
                )
                for m in expected_members(meeting=meeting)
            ]
            ctx["approved_count"] = sum(r.status == DraftStatus.APPROVED for r in ctx["rows"])
        ctx["supervised"] = [
            d
            for d in drafts
            if draft_selectors.reviewed_by_supervisor(d)
            and draft_selectors.can_review(user=user, draft=d)
        ]
        if is_secretary or ctx["supervised"]:
            ctx["readiness"] = draft_selectors.drafts_readiness(meeting=meeting)[1]
        return ctx


class DraftStartView(LoginRequiredMixin, View):
    """POST: open (or create) one's draft for the meeting; ``committee=1`` for the joint
    draft, which the secretary writes."""

    def post(self, request, meeting_pk):
        meeting = get_object_or_404(
            Meeting.objects.visible_to(request.user).select_related("branch"), pk=meeting_pk
        )
        scope = scope_of(request.user)
        member = Member.objects.filter(pk=scope.member_id, branch=meeting.branch).first()
        if member is None:
            messages.error(request, _("只有本支部党员可以撰写对照检查材料。"))
            return redirect("meetings:drafts", meeting_pk=meeting.pk)
        try:
            draft = draft_services.draft_start(
                meeting=meeting, member=member, committee=request.POST.get("committee") == "1"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("meetings:drafts", meeting_pk=meeting.pk)
        if not draft.editable:
            return redirect("meetings:draft", pk=draft.pk)
        messages.info(request, _("请逐项撰写;填写时系统会即时提示需要注意的地方。"))
        return redirect("meetings:draft-edit", pk=draft.pk)


# --- the author's pages -----------------------------------------------------------------


class DraftDetailView(DraftMixin, TemplateView):
    """The author's page: the draft, its status, the reviewers' comments, the findings."""

    template_name = "meetings/drafts_detail.html"

    def get(self, request, *args, **kwargs):
        if not self.is_author:  # a reviewer who may read it works on the review page
            return redirect("meetings:draft-review", pk=self.draft.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.content())
        ctx["reviews"] = _reviews(user=self.request.user, draft=self.draft)
        ctx["findings"] = draft_selectors.draft_findings(
            draft=self.draft, for_reviewer=False, viewer=self.request.user
        )
        ctx["reviewed_above"] = draft_selectors.reviewed_by_supervisor(self.draft)
        return ctx


class DraftEditView(DraftMixin, TemplateView):
    """Write the draft. 保存 calls draft_save; 保存并提交 saves, then calls draft_submit."""

    own_only = True
    template_name = "meetings/drafts_edit.html"

    def get(self, request, *args, **kwargs):
        if not self.draft.editable:
            messages.error(
                request,
                _("材料当前为“%(s)s”,不能修改。") % {"s": self.draft.get_status_display()},
            )
            return redirect("meetings:draft", pk=self.draft.pk)
        return super().get(request, *args, **kwargs)

    def forms(self, data=None) -> DraftEditForms:
        return DraftEditForms(
            data, draft=self.draft, problems=self.problems, measures=self.measures
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.draft
        forms = kwargs.get("forms") or self.forms()
        if "findings" not in ctx:
            ctx["findings"] = draft_selectors.draft_findings(
                draft=draft, for_reviewer=False, viewer=self.request.user
            )
        reviews = _reviews(user=self.request.user, draft=draft)
        ctx.update(
            draft=draft,
            meeting=draft.meeting,
            forms=forms,
            title=_draft_title(draft),
            latest=_latest_comments(reviews, draft),
            reviews=reviews,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        draft = self.draft
        forms = self.forms(request.POST)
        if not forms.is_valid():
            return self._invalid(forms)
        try:
            draft_services.draft_save(draft=draft, by=request.user, **forms.service_kwargs())
        except ValidationError as exc:
            _attach(forms.text, exc)
            return self._invalid(forms)
        if request.POST.get("action") != "submit":
            messages.success(request, _("已保存。提交前,书记看不到您的材料。"))
            return redirect("meetings:draft-edit", pk=draft.pk)
        return _submit(request, draft, saved=True)

    def _invalid(self, forms: DraftEditForms):
        problems, measures = forms.as_typed()
        findings = draft_selectors.check_draft_content(
            draft=self.draft,
            problems=problems,
            measures=measures,
            for_reviewer=False,
            viewer=self.request.user,
        )
        return self.render_to_response(self.get_context_data(forms=forms, findings=findings))


def _submit(request, draft: Draft, *, saved: bool = False):
    try:
        draft = draft_services.draft_submit(draft=draft, by=request.user)
    except ValidationError as exc:
        text = " ".join(exc.messages)
        messages.error(request, _("已保存,但未能提交:%(e)s") % {"e": text} if saved else text)
        return redirect("meetings:draft-edit" if draft.editable else "meetings:draft", pk=draft.pk)
    who = _("上级党组织") if draft_selectors.reviewed_by_supervisor(draft) else _("支部书记")
    messages.success(
        request,
        _("已提交第 %(v)d 稿,等待%(who)s审核。") % {"v": draft.version, "who": who},
    )
    return redirect("meetings:draft", pk=draft.pk)


class DraftSubmitView(DraftMixin, View):
    """POST: submit the draft as it was last saved."""

    own_only = True

    def post(self, request, pk):
        return _submit(request, self.draft)


#: Live checks per member: ample for typing (one check per pause), too few to probe
#: sentence by sentence whether other members' handed-in drafts contain something.
CHECK_RATE_PER_MINUTE = "30/m"
CHECK_RATE_PER_HOUR = "300/h"


@method_decorator(
    ratelimit(key="user", rate=CHECK_RATE_PER_MINUTE, method="POST", block=False), name="post"
)
@method_decorator(
    ratelimit(key="user", rate=CHECK_RATE_PER_HOUR, method="POST", block=False), name="post"
)
class DraftCheckView(DraftMixin, View):
    """POST (htmx, while typing): the findings for the content as typed. Saves nothing.
    Throttled per member (429 with a short note; saving and the pages are not throttled)."""

    own_only = True

    def post(self, request, pk):
        self.draft  # noqa: B018 - 404 before anything else, throttled or not
        if getattr(request, "limited", False):
            return render(request, "meetings/drafts_findings_throttled.html", status=429)
        forms = DraftEditForms(request.POST, draft=self.draft)
        problems, measures = forms.as_typed()
        findings = draft_selectors.check_draft_content(
            draft=self.draft,
            problems=problems,
            measures=measures,
            for_reviewer=False,
            viewer=request.user,
        )
        return render(
            request, "meetings/drafts_findings.html", {"findings": findings, "live": True}
        )


# --- the reviewer's page ------------------------------------------------------------------


class DraftReviewView(DraftMixin, TemplateView):
    """The diff since the last version, the findings, one comment box per part, 通过 /
    退回修改. Only a reviewer (``can_review``) gets the form; others who may read the draft
    (its author) see the page read-only, with member-facing findings."""

    template_name = "meetings/drafts_review.html"

    @cached_property
    def can_review(self) -> bool:
        return not self.is_author and draft_selectors.can_review(
            user=self.request.user, draft=self.draft
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, draft = self.request.user, self.draft
        ctx.update(self.content())
        previous, parts = draft_selectors.draft_diff(draft=draft)
        ctx.update(previous=previous, parts=parts, can_review=self.can_review)
        ctx["versions"] = list(
            DraftVersion.objects.visible_to(user)
            .filter(draft=draft)
            .order_by("-number")
            .values("number", "submitted_at")
        )
        ctx["reviews"] = _reviews(user=user, draft=draft)
        ctx["findings"] = (
            draft_selectors.reviewer_findings(draft=draft, viewer=user)
            if self.can_review
            else draft_selectors.draft_findings(draft=draft, for_reviewer=False, viewer=user)
        )
        ctx["reviewed_above"] = draft_selectors.reviewed_by_supervisor(draft)
        if self.can_review:
            ctx["last_time"] = draft_selectors.previous_problems(draft=draft, viewer=user)
        if self.can_review and draft.status == DraftStatus.SUBMITTED:
            ctx.setdefault("form", DraftReviewForm())
        if "form" in ctx:
            ctx["rows"] = [(p, ctx["form"][p.part]) for p in parts if p.part in ctx["form"].fields]
            ctx["general"] = ctx["form"][DraftPart.GENERAL]
        return ctx

    def post(self, request, pk):
        draft = self.draft
        form = DraftReviewForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            decide = draft_services.draft_approve if approve else draft_services.draft_return
            try:
                decide(draft=draft, by=request.user, comments=form.comments())
            except ValidationError as exc:
                _attach(form, exc)
            else:
                done = _("已通过该材料。") if approve else _("已退回修改,审核意见已发给撰写人。")
                messages.success(request, done)
                return redirect("meetings:drafts", meeting_pk=draft.meeting_id)
        return self.render_to_response(self.get_context_data(form=form))


# --- export ------------------------------------------------------------------------------


class DraftDocxView(DraftMixin, View):
    def get(self, request, pk):
        from meetings.exports_drafts import draft_docx

        draft = self.draft
        content = draft_docx(draft, problems=self.problems, measures=self.measures)
        audit_export(
            request,
            what=_("对照检查材料"),
            organization=draft.meeting.branch,
            target=draft,
            target_label=_draft_title(draft) if draft.is_committee else draft.author.name,
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        who = (
            _draft_title(draft)
            if draft.is_committee
            else f"{draft.author.name}-{_draft_title(draft)}"
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{who}.docx"
        )
        return response


class DraftPrintView(DraftMixin, TemplateView):
    template_name = "meetings/drafts_print.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.content(), "is_author": self.is_author}
