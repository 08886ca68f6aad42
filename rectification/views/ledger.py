"""The rectification ledger (整改台账): the branch ledger with filters, an item with its
timeline, progress, sign-off and send-back, editing (refused when someone saved in between),
interviews (约谈), the .xlsx export and print page, and publicity (公示) — in the branch
and, when the secretary turns it on, by a public link.

Every branch is loaded through ``Organization.objects.visible_to/manageable_by(user)``, every
item through ``RectificationItem.objects.visible_to/manageable_by(user)``, every problem
through ``Problem.objects.manageable_by(user)``: outside them is a 404. Who may press which
button inside the scope is decided by the service (``PermissionDenied`` → 403). Each POST
calls one service and redirects with a message.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from audit.services import audit_export
from meetings.choices import MeetingStatus
from members.choices import Position
from members.models import Member
from members.selectors import user_label
from members.views import BranchMixin, _attach
from rectification import evidence
from rectification.choices import ItemStatus
from rectification.forms.ledger import (
    InterviewForm,
    ItemForm,
    LedgerFilterForm,
    ProgressForm,
    PublicityForm,
    SendBackForm,
)
from rectification.models import LedgerPublicity, Problem, ProgressUpdate, RectificationItem
from rectification.selectors import item_rules
from rectification.selectors import ledger as selectors
from rectification.services import interviews as interview_services
from rectification.services import items as item_services

PUBLIC_RATE = "60/m"


def _item_url(item: RectificationItem) -> str:
    return reverse("rectification:item", args=[item.pk])


def _ledger_url(branch_pk: int, query: str = "") -> str:
    url = reverse("rectification:ledger", args=[branch_pk])
    return f"{url}?{query}" if query else url


def _person_choices(*, branch_id: int, committee: bool, current: Member | None) -> list[Member]:
    """Who may answer for an item: the branch's active members — for a committee item its
    committee members (支委) — plus the current one if since deactivated."""
    qs = Member.objects.filter(branch_id=branch_id, is_active=True)
    if committee:
        qs = qs.exclude(position=Position.NONE)
    members = list(qs.order_by("name", "pk"))
    if current is not None and current not in members:
        members.append(current)
    return members


# --- the branch ledger ---------------------------------------------------------------------------


class LedgerFiltersMixin(BranchMixin):
    """The branch (in the user's scope, else 404) and the ledger filters from the query."""

    @cached_property
    def members(self) -> list[Member]:
        return selectors.ledger_members(branch=self.branch)

    @cached_property
    def meetings(self):
        return selectors.ledger_meetings(branch=self.branch)

    @cached_property
    def filter_form(self) -> LedgerFilterForm:
        return LedgerFilterForm(
            self.request.GET or None, members=self.members, meetings=self.meetings
        )

    @cached_property
    def filters(self) -> dict:
        return self.filter_form.filters() if self.filter_form.is_bound else {}


_PLACEHOLDER_ID = 987654321


def _url_around_id(name: str) -> tuple[str, str]:
    """The URL of ``name`` for one id, split around the id: a row of a long list writes
    ``{{ url.0 }}{{ pk }}{{ url.1 }}`` instead of resolving the URL again for every row."""
    before, after = reverse(name, args=[_PLACEHOLDER_ID]).split(str(_PLACEHOLDER_ID))
    return before, after


def _choice_labels(model, name: str) -> dict[str, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def _with_labels(items: list) -> list:
    """Each item with its choices' labels as plain attributes, looked up in dicts made once
    per page (``get_FOO_display`` hashes the choices again on every call: 200 calls a page)."""
    if not items:
        return items
    category = _choice_labels(type(items[0].problem), "category")
    priority = _choice_labels(type(items[0]), "priority")
    difficulty = _choice_labels(type(items[0]), "difficulty")
    status = _choice_labels(type(items[0]), "status")
    for item in items:
        item.category_label = category.get(item.problem.category, item.problem.category)
        item.priority_label = priority.get(item.priority, item.priority)
        item.difficulty_label = difficulty.get(item.difficulty, item.difficulty)
        item.status_label = status.get(item.status, item.status)
    return items


class LedgerView(LedgerFiltersMixin, ListView):
    """The branch ledger: filter chips, overdue in red, the committee adds items per problem;
    members read it."""

    template_name = "rectification/ledger_list.html"
    context_object_name = "items"

    def get_paginate_by(self, queryset):
        return settings.ORGLIFE_PAGE_SIZE

    def get_queryset(self):
        return selectors.ledger(user=self.request.user, branch=self.branch, filters=self.filters)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, branch = self.request.user, self.branch
        counts = selectors.ledger_counts(user=user, branch=branch)
        current = self.filters.get("status")
        chips = [
            (None, _("全部"), "all"),
            *((value, label, value) for value, label in ItemStatus.choices),
            (selectors.OVERDUE, _("逾期"), selectors.OVERDUE),
        ]
        ctx.update(
            filter_form=self.filter_form,
            filters=self.filters,
            counts=counts,
            status_chips=[
                {"value": value, "label": label, "count": counts[key], "active": value == current}
                for value, label, key in chips
            ],
            can_interview=item_rules.can_interview(user=user, branch=branch),
            can_set_publicity=item_rules.can_set_publicity(user=user, branch=branch),
            awaiting_mine=selectors.awaiting_signoff(user=user).filter(branch=branch).count(),
            today=timezone.localdate(),
            items=_with_labels(list(ctx["items"])),
            first_index=ctx["page_obj"].start_index() if ctx.get("page_obj") else 1,
            item_url=_url_around_id("rectification:item"),
            add_url=_url_around_id("rectification:item-create"),
        )
        if ctx["can_manage"]:
            ctx["problems_without_items"] = selectors.problems_without_items(
                user=user, branch=branch
            )
            ctx["problems_shown"] = selectors.PROBLEMS_WITHOUT_ITEMS_SHOWN
        return ctx


class LedgerExportView(LedgerFiltersMixin, View):
    """The ledger as .xlsx (序号, 问题, 整改措施, 责任人, 整改时限, 完成情况, 销号情况), with the
    filters of the page it was asked from."""

    def get(self, request, branch_pk):
        from rectification.exports_ledger import ledger_xlsx

        rows = selectors.ledger_rows_for_export(
            user=request.user, branch=self.branch, filters=self.filters
        )
        today = timezone.localdate()
        content = ledger_xlsx(
            rows, branch=self.branch.name, as_of=today, filtered=bool(self.filters)
        )
        audit_export(
            request,
            what=_("整改台账"),
            organization=self.branch,
            detail=_("%(n)d 项 %(q)s") % {"n": len(rows), "q": request.GET.urlencode()[:200]},
        )
        stamp = today.strftime("%Y%m%d")
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = quote(f"{self.branch.name}-整改台账-{stamp}.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
        return response


class LedgerPrintView(LedgerFiltersMixin, TemplateView):
    template_name = "rectification/ledger_print.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            rows=selectors.ledger_rows_for_export(
                user=self.request.user, branch=self.branch, filters=self.filters
            ),
            filters=self.filters,
            today=timezone.localdate(),
        )
        return ctx


# --- one item ------------------------------------------------------------------------------------


class ItemMixin(LoginRequiredMixin):
    """Loads the item through the user's scope (``manage``: the committee and supervisors
    only); outside it is a 404."""

    manage = False

    @cached_property
    def item(self) -> RectificationItem:
        qs = RectificationItem.objects
        user = self.request.user
        qs = qs.manageable_by(user) if self.manage else qs.visible_to(user)
        qs = qs.select_related(
            "problem",
            "branch",
            "meeting",
            "owner",
            "lead",
            "signed_off_by__member",
            "recurring_of__problem",
            "recurring_of__meeting",
        )
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def item_form(self, data=None, **kwargs) -> ItemForm:
        item = self.item
        members = _person_choices(
            branch_id=item.branch_id,
            committee=item.is_committee,
            current=item.lead if item.is_committee else item.owner,
        )
        return ItemForm(data, members=members, committee=item.is_committee, **kwargs)


class ItemDetailView(ItemMixin, TemplateView):
    """The item, its original deadline when changed, the timeline, and the forms and buttons
    for the right people."""

    template_name = "rectification/item_detail.html"

    def get_context_data(self, *, progress_form=None, edit_form=None, sendback_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item, user = self.item, self.request.user
        open_ = item.status != ItemStatus.SIGNED_OFF
        perms = {
            "is_responsible": item_rules.is_responsible(user=user, item=item),
            "can_edit": item_rules.can_edit_item(user=user, item=item) and open_,
            "can_report": item_rules.can_report(user=user, item=item) and open_,
            "can_mark_done": item_rules.can_mark_done(user=user, item=item)
            and item.status in (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS),
            "can_sign_off": item_rules.can_sign_off(user=user, item=item)
            and item.status == ItemStatus.AWAITING_SIGNOFF,
            "can_interview": item_rules.can_interview(user=user, branch=item.branch)
            and item.is_overdue(),
        }
        ctx.update(perms)
        ctx.update(
            item=item,
            detail=selectors.item_detail(item=item),
            branch=item.branch,
            show_private=perms["is_responsible"] or item_rules.can_edit_item(user=user, item=item),
            recurring_visible=(
                item.recurring_of_id is not None
                and RectificationItem.objects.visible_to(user)
                .filter(pk=item.recurring_of_id)
                .exists()
            ),
        )
        if perms["can_report"]:
            ctx["progress_form"] = progress_form or ProgressForm()
        if perms["can_edit"]:
            ctx["edit_form"] = edit_form or self.item_form(initial=ItemForm.initial_for(item))
        if perms["can_sign_off"]:
            ctx["sendback_form"] = sendback_form or SendBackForm()
        return ctx


class ItemProgressView(ItemDetailView):
    """POST: report progress (an optional evidence file); errors come back on the page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        item = self.item
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                item_services.progress_add(item=item, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("进展已记录。"))
                return redirect(_item_url(item))
        return self.render_to_response(self.get_context_data(progress_form=form))


class ItemActionView(ItemMixin, View):
    """POST: one service on the item, then back to it with a message."""

    http_method_names = ["post"]

    def perform(self, request) -> str:
        raise NotImplementedError

    def post(self, request, pk):
        item = self.item  # out of scope is a 404 before anything else
        try:
            done = self.perform(request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect(_item_url(item))


class ItemDoneView(ItemActionView):
    def perform(self, request):
        item_services.item_mark_done(item=self.item, by=request.user)
        return _("已申请销号,等待审核。")


class ItemSignOffView(ItemActionView):
    def perform(self, request):
        item_services.item_sign_off(item=self.item, by=request.user)
        return _("已销号。")


class ItemSendBackView(ItemActionView):
    def perform(self, request):
        form = SendBackForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("退回时请写明理由。"))
        item_services.item_send_back(item=self.item, by=request.user, **form.cleaned_data)
        return _("已退回责任人继续整改。")


class ItemEditView(ItemMixin, TemplateView):
    """Edit an item (the committee and supervisors). If someone else saved since the form
    was loaded, the save is refused (409) and the page shows what they saved; the form keeps
    what this editor typed, now against the current version."""

    manage = True
    template_name = "rectification/item_form.html"

    def get_context_data(self, *, form=None, stale=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.item
        ctx.update(
            item=item,
            problem=item.problem,
            branch=item.branch,
            form=form or self.item_form(initial=ItemForm.initial_for(item)),
            stale=stale,
            editing=True,
        )
        return ctx

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.item.status == ItemStatus.SIGNED_OFF:
            messages.error(request, _("已销号的事项不能再修改。"))
            return redirect(_item_url(self.item))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        form = self.item_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            item_services.item_update(
                item=self.item,
                by=request.user,
                version=form.cleaned_data.get("version") or 0,
                **form.service_kwargs(),
            )
        except item_services.StaleItem as exc:
            data = request.POST.copy()
            data["version"] = str(exc.item.version)
            form = self.item_form(data)
            form.is_valid()
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form, stale=exc), status=409)
        except ValidationError as exc:
            _attach(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("整改事项已保存。"))
        return redirect(_item_url(self.item))


class ItemCreateView(LoginRequiredMixin, TemplateView):
    """Add an item (a measure with an owner and a deadline) to a problem."""

    template_name = "rectification/item_form.html"

    @cached_property
    def problem(self) -> Problem:
        qs = (
            Problem.objects.manageable_by(self.request.user)
            .active()
            .select_related("meeting", "branch", "owner")
        )
        return get_object_or_404(qs, pk=self.kwargs["problem_pk"])

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.problem.meeting.status != MeetingStatus.RECTIFYING
        ):
            messages.error(
                request,
                _("会议当前状态为“%(status)s”,转入整改后才能建立整改事项。")
                % {"status": self.problem.meeting.get_status_display()},
            )
            return redirect(_ledger_url(self.problem.branch_id))
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None) -> ItemForm:
        p = self.problem
        members = _person_choices(branch_id=p.branch_id, committee=p.is_committee, current=None)
        lead = next((m for m in members if m.position == Position.SECRETARY), None)
        day = selectors.meeting_day(p.meeting)
        initial = {
            "owner": str(p.owner_id or ""),
            "lead": str(lead.pk) if lead else "",
            "deadline": day + datetime.timedelta(days=item_services.DEFAULT_DAYS),
        }
        return ItemForm(data, members=members, committee=p.is_committee, initial=initial)

    def get_context_data(self, *, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            problem=self.problem,
            branch=self.problem.branch,
            form=form or self.form(),
            editing=False,
        )
        return ctx

    def post(self, request, problem_pk):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                item = item_services.item_create(
                    problem=self.problem, by=request.user, **form.service_kwargs()
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("整改事项已建立。"))
                return redirect(_item_url(item))
        return self.render_to_response(self.get_context_data(form=form))


# --- interviews (约谈) ---------------------------------------------------------------------------


class InterviewView(BranchMixin, TemplateView):
    """Record a talk with the owner of overdue items: pick the member (GET), then the items,
    what was said and the new deadline agreed (POST)."""

    manage = True
    template_name = "rectification/ledger_interview.html"

    @cached_property
    def overdue(self):
        return selectors.overdue_by_member(branch=self.branch)

    def _member(self, data) -> Member | None:
        pk = data.get("member")
        return next((m for m in self.overdue if str(m.pk) == pk), None)

    def _check(self) -> None:
        if not item_rules.can_interview(user=self.request.user, branch=self.branch):
            raise PermissionDenied

    def get_context_data(self, *, form=None, member=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(overdue=self.overdue, member=member, form=form)
        return ctx

    def get(self, request, branch_pk):
        self._check()
        member = self._member(request.GET)
        form = InterviewForm(
            overdue=self.overdue,
            member=member,
            initial={
                "member": str(member.pk) if member else "",
                "items": request.GET.getlist("item"),
                "held_on": timezone.localdate(),
                "interviewer": user_label(request.user),
            },
        )
        return self.render_to_response(self.get_context_data(form=form, member=member))

    def post(self, request, branch_pk):
        self._check()
        member = self._member(request.POST)
        if member is None:  # the form is shown only once a member with overdue items is picked
            messages.error(request, _("请先选择约谈对象。"))
            return redirect("rectification:interview", branch_pk=self.branch.pk)
        form = InterviewForm(request.POST, overdue=self.overdue, member=member)
        if form.is_valid():
            try:
                interview_services.interview_record(
                    branch=self.branch, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request,
                    _("约谈已记录。")
                    + (_("整改时限已按商定调整。") if form.cleaned_data["new_deadline"] else ""),
                )
                return redirect(_ledger_url(self.branch.pk, "status=overdue"))
        return self.render_to_response(self.get_context_data(form=form, member=member))


# --- publicity (公示) ----------------------------------------------------------------------------


class LedgerPublicityView(BranchMixin, TemplateView):
    """GET: the branch's publicity page (what the public link shows), with the secretary's
    switch and the link. POST: turn the public link on or off (the secretary)."""

    template_name = "rectification/ledger_publicity.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        publicity = LedgerPublicity.objects.filter(branch=self.branch).first()
        can_set = item_rules.can_set_publicity(user=self.request.user, branch=self.branch)
        public_url = ""
        if publicity is not None and publicity.enabled and ctx["can_manage"]:
            public_url = self.request.build_absolute_uri(
                reverse("rectification:public-ledger", args=[publicity.token])
            )
        ctx.update(
            rows=selectors.public_ledger(branch=self.branch),
            publicity=publicity,
            can_set_publicity=can_set,
            public_url=public_url,
        )
        return ctx

    def post(self, request, branch_pk):
        form = PublicityForm(request.POST)
        form.is_valid()
        enabled = bool(form.cleaned_data.get("enabled"))
        item_services.publicity_set(branch=self.branch, by=request.user, enabled=enabled)
        messages.success(
            request,
            _("已开启公开链接,群众可通过链接查看本支部整改台账。")
            if enabled
            else _("已关闭公开链接。"),
        )
        return redirect("rectification:ledger-publicity", branch_pk=self.branch.pk)


@never_cache  # no-store: no shared cache keeps a page, or a link after it was turned off
@ratelimit(key="ip", rate=PUBLIC_RATE, method="GET", block=False)
def public_ledger(request, token: str):
    """The public link (no login): problem, measure, owner, deadline and status — nothing
    private. 404 unless the secretary turned it on."""
    if getattr(request, "limited", False):
        return HttpResponse(
            _("访问过于频繁,请稍后再试。"), status=429, content_type="text/plain; charset=utf-8"
        )
    publicity = (
        LedgerPublicity.objects.filter(token=token, enabled=True).select_related("branch").first()
    )
    if publicity is None:
        raise Http404
    rows = selectors.public_ledger(branch=publicity.branch)
    page = Paginator(rows, settings.ORGLIFE_PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(
        request,
        "rectification/public_ledger.html",
        {"branch": publicity.branch, "page_obj": page, "rows": page.object_list},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- evidence ------------------------------------------------------------------------------------


class EvidenceView(LoginRequiredMixin, View):
    """An evidence file, only to those who can see the item; always a download.

    Behind nginx (``ORGLIFE_EVIDENCE_ACCEL_PREFIX`` set, see deploy/README.md) the answer,
    once the permission check has passed, is an empty response with ``X-Accel-Redirect``
    naming the file under nginx's ``internal`` location, and nginx sends the file — no
    gunicorn worker is tied up by a slow download. Without it, the file is streamed here."""

    def get(self, request, pk):
        visible = RectificationItem.objects.visible_to(request.user).values("pk")
        progress = get_object_or_404(
            ProgressUpdate.objects.filter(item_id__in=visible).exclude(evidence=""), pk=pk
        )
        name = progress.evidence.name
        ext = name.rsplit(".", 1)[-1].lower()
        filename = f"佐证材料-{progress.item_id}-{progress.pk}.{ext}"
        content_type = evidence.EVIDENCE_TYPES.get(ext, "application/octet-stream")
        prefix = settings.ORGLIFE_EVIDENCE_ACCEL_PREFIX
        if prefix:
            if not progress.evidence.storage.exists(name):
                raise Http404
            response = HttpResponse(content_type=content_type)
            # nginx expects the URI escaped; the stored name is the app's own
            # (evidence/<branch>/<uuid>.<ext>), never the uploader's.
            response["X-Accel-Redirect"] = prefix + quote(name, safe="/")
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=filename
            )
        else:
            try:
                handle = progress.evidence.open("rb")
            except FileNotFoundError as exc:
                raise Http404 from exc
            response = FileResponse(
                handle, as_attachment=True, filename=filename, content_type=content_type
            )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response
