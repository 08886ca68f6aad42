"""The audit log's pages (审计日志): search, a keyset-paginated list and the .xlsx export.

The superuser sees every row; a supervisor the rows of the organizations beneath those they
oversee (a path-prefix filter on the log's own copy of the organization's path); nobody
else (404). The export is itself recorded.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from audit.exports import audit_xlsx
from audit.forms import AuditSearchForm
from audit.models import AuditEvent
from audit.selectors import audit_page
from audit.services import audit_export
from members.models import Organization
from members.querysets import scope_of

EXPORT_MAX_ROWS = 50_000


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            scope = scope_of(request.user)
            if not (scope.everything or scope.supervised_paths):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self) -> AuditSearchForm:
        form = AuditSearchForm(self.request.GET or None)
        form.is_valid()
        return form

    def rows(self):
        """The rows the user may see, searched as the form says."""
        scope = scope_of(self.request.user)
        qs = AuditEvent.objects.all()
        if not scope.everything:
            qs = qs.within(scope.supervised_paths)
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        since, until = data.get("since"), data.get("until")
        return qs.search(
            event=data.get("event", ""),
            actor=data.get("actor", ""),
            since=_day_start(since) if since else None,
            until=_day_start(until + datetime.timedelta(days=1)) if until else None,
        )


class AuditLogView(AuditMixin, TemplateView):
    template_name = "supervision/audit_log.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        raw = self.request.GET.get("before", "")
        before = int(raw) if raw.isdigit() and len(raw) < 19 else None
        page = audit_page(self.rows(), before=before, size=settings.ORGLIFE_PAGE_SIZE)
        query = self.request.GET.copy()
        query.pop("before", None)
        ctx.update(
            form=self.form,
            rows=page.rows,
            next_before=page.next_before,
            query=query.urlencode(),
            show_ip=settings.ORGLIFE_AUDIT_KEEP_IP,
            retention_days=settings.ORGLIFE_AUDIT_RETENTION_DAYS,
        )
        return ctx


class AuditExportView(AuditMixin, View):
    def get(self, request):
        rows = self.rows().order_by("-pk")[:EXPORT_MAX_ROWS]
        content = audit_xlsx(rows.iterator(chunk_size=2000), keep_ip=settings.ORGLIFE_AUDIT_KEEP_IP)
        scope = scope_of(request.user)
        org = (
            None
            if scope.everything
            else Organization.objects.filter(path__in=scope.supervised_paths)
            .order_by("path")
            .first()
        )
        audit_export(
            request, what=_("审计日志"), organization=org, detail=request.GET.urlencode()[:200]
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
