"""The member's record (党员组织生活纪实), its .docx export, and the supervisor's subtree
query with its .xlsx export. Thin: the querysets start from ``record_members(user)`` and
the supervisor's scope; anything outside is a 404."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from members.forms import MAX_ID
from members.querysets import scope_of
from records import exports, selectors, services
from records.forms import QueryForm
from supervision.selectors import is_supervisor, scoped_organizations

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 5000


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class MemberMixin(LoginRequiredMixin):
    @cached_property
    def member(self):
        return get_object_or_404(
            selectors.record_members(user=self.request.user).select_related("branch"),
            pk=self.kwargs["pk"],
        )


class MyRecordView(LoginRequiredMixin, View):
    """The logged-in member's own record."""

    def get(self, request):
        member_id = scope_of(request.user).member_id
        if member_id is None:
            raise Http404
        return redirect("records:member", pk=member_id)


class RecordView(MemberMixin, TemplateView):
    template_name = "records/record.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["record"] = selectors.member_record(member=self.member, viewer=self.request.user)
        ctx["member"] = self.member
        ctx["is_own"] = self.member.pk == scope_of(self.request.user).member_id
        return ctx


class RecordDocxView(MemberMixin, View):
    """POST: the record as a .docx (党员组织生活纪实表); the export is recorded."""

    def post(self, request, pk):
        member = self.member
        record = selectors.member_record(member=member, viewer=request.user)
        label = selectors.person_label(request.user)
        with transaction.atomic():
            log = services.record_export_log(member=member, by=request.user, by_label=label)
            content = exports.record_docx(record, exported_by=label, at=log.at)
        filename = _("党员组织生活纪实表-%(name)s-%(d)s.docx") % {
            "name": member.name,
            "d": f"{timezone.localdate():%Y%m%d}",
        }
        return _attachment(content, DOCX, filename)


class QueryMixin(LoginRequiredMixin):
    """Supervisors only; ``?org=`` must lie in the user's subtree, else 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_supervisor(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def scoped(self):
        raw = self.request.GET.get("org")
        try:
            org_pk = int(raw) if raw else None
        except ValueError:
            raise Http404 from None
        if org_pk is not None and not 0 < org_pk <= MAX_ID:
            raise Http404
        roots, org = scoped_organizations(user=self.request.user, org_pk=org_pk)
        if org is None:
            raise Http404
        return roots, org

    @cached_property
    def form(self) -> QueryForm:
        data = self.request.GET if "condition" in self.request.GET else None
        return QueryForm(data)

    def query_string(self, **extra) -> str:
        form = self.form
        params = {
            "org": self.scoped[1].pk,
            "condition": form.cleaned_data["condition"],
            "days": form.cleaned_data["days"],
            **extra,
        }
        return urlencode(params)

    def title(self) -> str:
        labels = dict(selectors.condition_choices())
        condition = self.form.cleaned_data["condition"]
        label = labels[condition]
        if condition == selectors.Condition.OPEN_OLDER:
            label = label.replace("N", str(self.form.cleaned_data["days"]))
        return label


class QueryView(QueryMixin, TemplateView):
    template_name = "records/query.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        roots, org = self.scoped
        ctx.update(org=org, roots=roots, form=self.form)
        if self.form.is_bound and self.form.is_valid():
            after = selectors.Cursor.decode(self.request.GET.get("after"))
            page = selectors.subtree_matches(
                org=org,
                condition=self.form.cleaned_data["condition"],
                days=self.form.cleaned_data["days"],
                after=after,
                limit=settings.ORGLIFE_PAGE_SIZE,
            )
            ctx.update(
                page=page,
                title=self.title(),
                first_url="?" + self.query_string(),
                export_url=reverse("records:query-export") + "?" + self.query_string(),
                next_url=(
                    "?" + self.query_string(after=page.next_cursor.encode())
                    if page.next_cursor
                    else None
                ),
                is_continued=after is not None,
            )
        return ctx


class QueryExportView(QueryMixin, View):
    def get(self, request):
        if not (self.form.is_bound and self.form.is_valid()):
            return redirect("records:query")
        _roots, org = self.scoped
        rows, after = [], None
        while len(rows) < EXPORT_LIMIT:
            page = selectors.subtree_matches(
                org=org,
                condition=self.form.cleaned_data["condition"],
                days=self.form.cleaned_data["days"],
                after=after,
                limit=min(1000, EXPORT_LIMIT - len(rows)),
            )
            rows.extend(page.rows)
            after = page.next_cursor
            if after is None:
                break
        content = exports.matches_xlsx(
            rows,
            title=self.title(),
            org_name=org.name,
            truncated_at=EXPORT_LIMIT if after is not None else None,
        )
        filename = _("纪实查询-%(org)s-%(d)s.xlsx") % {
            "org": org.name,
            "d": f"{timezone.localdate():%Y%m%d}",
        }
        return _attachment(content, XLSX, filename)
