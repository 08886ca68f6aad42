from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from audit.services import audit_export
from members import selectors, services
from members.filters import BranchFilter, RosterFilter
from members.forms import MemberCreateForm, MemberForm, RosterUploadForm
from members.importing import COLUMNS, parse_roster, roster_xlsx
from members.keyset import keyset_page
from members.models import Member, Organization
from members.querysets import scope_of


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "members/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["member"] = (
            Member.objects.select_related("branch").filter(user=user, is_active=True).first()
        )
        ctx["supervised"] = selectors.supervised_organizations(user=user)
        return ctx


class BranchListView(LoginRequiredMixin, TemplateView):
    """Branches in the user's scope (a supervisor's entry to the rosters), in tree order,
    a keyset page at a time: no count, whatever the size of the subtree."""

    template_name = "members/branch_list.html"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        ctx = super().get_context_data(**kwargs)
        filterset = BranchFilter(
            self.request.GET, queryset=selectors.branches_for(user=self.request.user)
        )
        page_obj = keyset_page(
            filterset.qs,
            keys=selectors.BRANCH_LIST_KEYS,
            per_page=settings.ORGLIFE_PAGE_SIZE,
            after=self.request.GET.get("after"),
            before=self.request.GET.get("before"),
        )
        ctx.update(filter=filterset, page_obj=page_obj, branches=page_obj.object_list)
        return ctx


class BranchMixin(LoginRequiredMixin):
    """Loads the branch from the URL through the user's scope: outside it is a 404."""

    manage = False

    @cached_property
    def branch(self) -> Organization:
        qs = Organization.objects.branches()
        qs = (
            qs.manageable_by(self.request.user) if self.manage else qs.visible_to(self.request.user)
        )
        return get_object_or_404(qs, pk=self.kwargs["branch_pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["branch"] = self.branch
        ctx["can_manage"] = selectors.can_manage_branch(user=self.request.user, branch=self.branch)
        return ctx


class RosterView(BranchMixin, ListView):
    template_name = "members/roster.html"
    context_object_name = "members"

    def get_paginate_by(self, queryset):
        from django.conf import settings

        return settings.ORGLIFE_PAGE_SIZE

    def get_queryset(self):
        self.filterset = RosterFilter(
            self.request.GET,
            queryset=selectors.roster_members(user=self.request.user, branch=self.branch),
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        return ctx


def my_roster(request):
    """/members/ — the user's own branch roster, or the branch list for a supervisor."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    scope = scope_of(request.user)
    if scope.branch_id and not scope.supervised_paths:
        return redirect("members:roster", branch_pk=scope.branch_id)
    return redirect("members:branches")


class MemberDetailView(LoginRequiredMixin, DetailView):
    template_name = "members/member_detail.html"
    context_object_name = "member"

    def get_queryset(self):
        return Member.objects.visible_to(self.request.user).select_related("branch", "user")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_manage"] = selectors.can_manage_branch(
            user=self.request.user, branch=self.object.branch
        )
        ctx["show_contact"] = ctx["can_manage"] or self.object.user_id == self.request.user.pk
        ctx["can_reset_password"] = services.can_reset_password(
            user=self.request.user, member=self.object
        )
        return ctx


class MemberCreateView(BranchMixin, FormView):
    manage = True
    template_name = "members/member_form.html"
    form_class = MemberCreateForm

    def form_valid(self, form):
        try:
            member = services.member_create(
                branch=self.branch, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已添加党员 %(name)s。") % {"name": member.name})
        return redirect("members:roster", branch_pk=self.branch.pk)


class MemberUpdateView(LoginRequiredMixin, UpdateView):
    template_name = "members/member_form.html"
    form_class = MemberForm
    context_object_name = "member"

    def get_queryset(self):
        return Member.objects.manageable_by(self.request.user).select_related("branch")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["branch"] = self.object.branch
        return ctx

    def form_valid(self, form):
        try:
            member = services.member_update(
                member=self.object, data=form.cleaned_data, by=self.request.user
            )
        except ValidationError as exc:
            _attach(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存 %(name)s 的信息。") % {"name": member.name})
        return redirect("members:detail", pk=member.pk)


class MemberActivationView(LoginRequiredMixin, View):
    """POST only: deactivate (停用) or reactivate (恢复) a member."""

    activate = False

    def post(self, request, pk):
        member = get_object_or_404(Member.objects.manageable_by(request.user), pk=pk)
        try:
            if self.activate:
                services.member_reactivate(member=member, by=request.user)
                messages.success(request, _("已恢复 %(name)s 的党员状态。") % {"name": member.name})
            else:
                services.member_deactivate(member=member, by=request.user)
                messages.success(
                    request, _("已停用 %(name)s,其历史记录保留。") % {"name": member.name}
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("members:detail", pk=member.pk)


_IMPORT_SALT = "members.roster-import"


class RosterImportView(BranchMixin, TemplateView):
    """Upload → preview (errors per row, nothing saved) → confirm (all rows or none)."""

    manage = True
    template_name = "members/roster_import.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", RosterUploadForm())
        ctx["headers"] = [h for _f, h in COLUMNS]
        return ctx

    def post(self, request, branch_pk):
        if "token" in request.POST:
            return self._confirm(request)
        form = RosterUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            rows = parse_roster(content=upload.read(), filename=upload.name)
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.render_to_response(self.get_context_data(form=form))
        from members.importing import validate_rows

        cleaned, errors = validate_rows(branch=self.branch, rows=rows)
        # A one-time key: the confirmation records it, so the token imports once.
        token = signing.dumps(
            {"branch": self.branch.pk, "rows": rows, "nonce": secrets.token_urlsafe(24)},
            salt=_IMPORT_SALT,
            compress=True,
        )
        preview = [
            Member(**{k: v for k, v in row.items() if k not in ("username", "password")})
            for row in cleaned
        ]
        for member, row in zip(preview, cleaned, strict=True):
            member.import_username = row.get("username", "")
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                errors=errors,
                token=None if errors else token,
                filename=upload.name,
            )
        )

    def _confirm(self, request):
        try:
            payload = signing.loads(request.POST["token"], salt=_IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("预览已过期,请重新上传文件。"))
            return redirect("members:roster-import", branch_pk=self.branch.pk)
        if payload.get("branch") != self.branch.pk or not payload.get("nonce"):
            messages.error(request, _("预览与当前支部不符,请重新上传文件。"))
            return redirect("members:roster-import", branch_pk=self.branch.pk)
        try:
            created = services.member_import(
                branch=self.branch,
                rows=payload["rows"],
                confirmation=payload["nonce"],
                by=request.user,
            )
        except services.ImportRejected as exc:
            return self.render_to_response(self.get_context_data(errors=exc.errors))
        except services.ImportAlreadyConfirmed:
            messages.info(request, _("这份名册已经导入过,没有重复导入。"))
            return redirect("members:roster", branch_pk=self.branch.pk)
        messages.success(request, _("已导入 %(n)d 名党员。") % {"n": len(created)})
        return redirect("members:roster", branch_pk=self.branch.pk)


class RosterExportView(BranchMixin, View):
    manage = True

    def get(self, request, branch_pk):
        members = selectors.roster_members(user=request.user, branch=self.branch)
        today = timezone.localdate()
        audit_export(request, what=_("党员名册"), organization=self.branch)
        stamp = today.strftime("%Y%m%d")
        response = HttpResponse(
            roster_xlsx(members, branch=self.branch.name, as_of=today),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        from urllib.parse import quote

        filename = quote(f"{self.branch.name}-党员名册-{stamp}.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
        return response


def roster_template(request):
    """An empty roster file with the import columns."""
    response = HttpResponse(
        roster_xlsx([], branch="", as_of=timezone.localdate()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename=roster-template.xlsx"
    return response


def _attach(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
