"""The supervisor's pages (上级督导): the overview, the drill-down by organization, the
lists behind each figure, the sign-off queue and the export.

Only supervisors (and superusers) get here: anyone else gets a 404, as does an
organization outside the user's subtree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from audit.services import audit_export
from members.forms import MAX_ID
from members.keyset import keyset_page
from rectification.selectors.rows import item_list_rows, lookback_rows
from supervision import charts, exports, selectors
from supervision.periods import Period
from supervision.services.signoff import items_sign_off

QUARTERS = (
    (1, gettext_lazy("一季度")),
    (2, gettext_lazy("二季度")),
    (3, gettext_lazy("三季度")),
    (4, gettext_lazy("四季度")),
)


def _int(value) -> int | None:
    """An id from the request, or None (not a number, or too large for the database)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if abs(number) <= MAX_ID else None


class SupervisorMixin(LoginRequiredMixin):
    """Supervisors only; the organization (``?org=`` or the URL's ``org_pk``) must lie in
    the user's subtree, else 404. Sets ``self.org``, ``self.roots`` and ``self.period``."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.is_supervisor(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def period(self) -> Period:
        return Period.parse(
            self.request.GET.get("year"), self.request.GET.get("quarter"), today=self.today
        )

    @cached_property
    def scoped(self):
        org_pk = self.kwargs.get("org_pk") or _int(self.request.GET.get("org"))
        roots, org = selectors.scoped_organizations(user=self.request.user, org_pk=org_pk)
        if org is None:
            raise Http404
        return roots, org

    @property
    def org(self):
        return self.scoped[1]

    @property
    def roots(self):
        return self.scoped[0]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            org=self.org,
            roots=self.roots,
            period=self.period,
            years=self.period.years(self.today),
            quarters=QUARTERS,
            today=self.today,
        )
        return ctx


@dataclass(frozen=True)
class Figure:
    """One card of the home's figures; every card drills down to ``href``."""

    id: str
    label: str
    value: object
    note: str
    href: str
    of: int | None = None  # shown as "value / of"
    alert: bool = False


def _figures(ov: selectors.Overview, org, period: Period) -> tuple[list[Figure], list[Figure]]:
    """The period's figures and the current ones (to do now, over every meeting)."""
    children = f"{reverse('supervision:org', args=[org.pk])}?{period.query}"
    m, totals, current = ov.meetings, ov.totals, ov.current
    in_period = [
        Figure(
            "fig-held",
            _("已召开组织生活会"),
            m.held,
            _("已计划 %(p)s · 未召开 %(n)s") % {"p": m.planned, "n": m.not_held},
            children,
            of=m.branches,
        ),
        Figure(
            "fig-problems",
            _("查摆问题"),
            totals["problems"],
            _("整改事项 %(n)s 项") % {"n": totals["items"]},
            children,
        ),
        Figure(
            "fig-completion",
            _("整改完成率"),
            f"{ov.completion}%",
            _("已销号 %(s)s / %(n)s") % {"s": totals["items_signed_off"], "n": totals["items"]},
            children,
        ),
        Figure(
            "fig-recurring",
            _("屡改屡在"),
            totals["items_recurring"],
            _("与已销号事项相似的新事项"),
            f"{reverse('supervision:recurring')}?org={org.pk}&{period.query}",
        ),
    ]
    now = [
        Figure(
            "fig-overdue",
            _("逾期未完成"),
            current["items_overdue"],
            _("整改事项(全部会议)"),
            f"{reverse('supervision:overdue')}?org={org.pk}",
            alert=True,
        ),
        Figure(
            "fig-awaiting",
            _("待我销号"),
            current["items_awaiting"],
            _("可批量销号"),
            f"{reverse('supervision:signoff')}?org={org.pk}",
        ),
        Figure(
            "fig-drafts",
            _("待审核材料"),
            ov.drafts_to_review,
            _("班子及书记对照检查材料"),
            f"{reverse('supervision:drafts')}?org={org.pk}",
        ),
        Figure(
            "fig-lookbacks",
            _("到期未开展的回头看"),
            ov.lookbacks_total,
            _("整改“回头看”"),
            reverse("rectification:supervision"),
        ),
    ]
    return in_period, now


class HomeView(SupervisorMixin, TemplateView):
    template_name = "supervision/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ov = selectors.overview(
            user=self.request.user, org=self.org, period=self.period, today=self.today
        )
        weakest = ov.weakest_children
        period_figures, current_figures = _figures(ov, self.org, self.period)
        href = selectors.child_href_maker(self.period)
        children = [
            charts.Bar(
                c.name,
                c.completion,
                href=href(c),
                note=f"{c.signed_off}/{c.items}",
            )
            for c in weakest
        ]
        categories = [charts.Bar(label, n) for _v, label, n in ov.categories]
        months = [f"{m:%Y-%m}"[2:] for m, _c, _s in ov.trend]
        trend = [
            charts.Series(_("新建"), [c for _m, c, _s in ov.trend]),
            charts.Series(_("销号"), [s for _m, _c, s in ov.trend]),
        ]
        # charts.py escapes every text it writes; each chart has a table with the same numbers
        ctx.update(
            ov=ov,
            overdue_rows=item_list_rows(ov.overdue_items, today=self.today),
            lookback_rows=lookback_rows(ov.lookbacks, today=self.today),
            period_figures=period_figures,
            current_figures=current_figures,
            chart_children=mark_safe(  # noqa: S308
                charts.bar_chart(
                    title=_("各下级组织整改完成率(由低到高)"),
                    bars=children,
                    unit="%",
                    max_value=100,
                    empty=_("本期暂无整改事项"),
                )
            ),
            table_children=mark_safe(  # noqa: S308
                charts.bar_table(
                    caption=_("各下级组织整改完成率(由低到高)"),
                    bars=children,
                    unit="%",
                    label_header=_("党组织"),
                    value_header=_("完成率(已销号/整改事项)"),
                )
            ),
            chart_categories=mark_safe(  # noqa: S308
                charts.bar_chart(title=_("问题类别分布"), bars=categories, empty=_("本期暂无问题"))
            ),
            table_categories=mark_safe(  # noqa: S308
                charts.bar_table(
                    caption=_("问题类别分布"),
                    bars=categories,
                    label_header=_("类别"),
                    value_header=_("问题数"),
                )
            ),
            chart_trend=mark_safe(  # noqa: S308
                charts.column_chart(
                    title=_("整改事项月度趋势:新建与销号"), labels=months, series=trend
                )
            ),
            table_trend=mark_safe(  # noqa: S308
                charts.column_table(
                    caption=_("整改事项月度趋势:新建与销号"),
                    labels=months,
                    series=trend,
                    label_header=_("月份"),
                )
            ),
        )
        return ctx


class OrgView(SupervisorMixin, TemplateView):
    """The children of an organization with their rolled-up figures, a page at a time."""

    template_name = "supervision/org.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page_obj, rows = selectors.children_page(
            org=self.org,
            period=self.period,
            page=self.request.GET.get("page"),
            per_page=settings.ORGLIFE_PAGE_SIZE,
            today=self.today,
        )
        ctx.update(
            page_obj=page_obj,
            rows=selectors.child_rows(rows, period=self.period),
            crumbs=selectors.breadcrumbs(user=self.request.user, org=self.org),
        )
        return ctx


class _ItemListView(SupervisorMixin, TemplateView):
    """A list behind one figure, its total told by the rollups, keyset-paged in the order
    of ``keys`` (``members.keyset``: a later page reads a page, never the rows before it)."""

    template_name = "supervision/items.html"
    heading = ""
    keys: tuple[str, ...] = ()

    def items(self):
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        total = self.count()
        page_obj = keyset_page(
            self.items(),
            keys=self.keys,
            per_page=settings.ORGLIFE_PAGE_SIZE,
            after=self.request.GET.get("after"),
            before=self.request.GET.get("before"),
        )
        ctx.update(
            page_obj=page_obj,
            items=item_list_rows(page_obj.object_list, today=self.today),
            heading=self.heading,
            total=total,
        )
        return ctx


class OverdueView(_ItemListView):
    heading = gettext_lazy("逾期未完成的整改事项")
    kind = "overdue"
    keys = selectors.OVERDUE_LIST_KEYS

    def items(self):
        return selectors.overdue_items(path=self.org.path, today=self.today)

    def count(self) -> int:
        return selectors.current_figure(org=self.org, field_name="items_overdue", today=self.today)


class RecurringView(_ItemListView):
    heading = gettext_lazy("屡改屡在:与已销号事项相似的整改事项")
    kind = "recurring"
    keys = selectors.RECURRING_LIST_KEYS

    def items(self):
        return selectors.recurring_items(path=self.org.path, period=self.period)

    def count(self) -> int:
        return selectors.period_figure(
            org=self.org, field_name="items_recurring", period=self.period
        )


class SignOffView(_ItemListView):
    """待我销号: the items awaiting sign-off in the subtree, with checkboxes; one POST signs
    off all the ticked ones it may."""

    template_name = "supervision/signoff.html"
    heading = gettext_lazy("待我销号")
    keys = selectors.AWAITING_LIST_KEYS

    def items(self):
        return selectors.awaiting_items(user=self.request.user, path=self.org.path)

    def count(self) -> int:
        return selectors.current_figure(org=self.org, field_name="items_awaiting")

    def post(self, request, *args, **kwargs):
        ids = [i for i in (_int(v) for v in request.POST.getlist("items")) if i is not None]
        back = reverse("supervision:signoff") + f"?org={self.org.pk}"
        if not ids:
            messages.warning(request, _("请先勾选要销号的事项。"))
            return redirect(back)
        result = items_sign_off(item_ids=ids, by=request.user)
        if result.signed:
            n = len(result.signed)
            messages.success(
                request, ngettext("已销号 %(n)d 项。", "已销号 %(n)d 项。", n) % {"n": n}
            )
        if result.skipped:
            n = len(result.skipped)
            messages.warning(
                request,
                ngettext(
                    "%(n)d 项未销号(无权销号、不在您的督导范围内或状态已变化)。",
                    "%(n)d 项未销号(无权销号、不在您的督导范围内或状态已变化)。",
                    n,
                )
                % {"n": n},
            )
        return redirect(back)


class DraftsView(SupervisorMixin, TemplateView):
    """Drafts waiting for the supervisor's review: committees' and secretaries' own."""

    template_name = "supervision/drafts.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page_obj = keyset_page(
            selectors.drafts_to_review(path=self.org.path),
            keys=selectors.DRAFT_LIST_KEYS,
            per_page=settings.ORGLIFE_PAGE_SIZE,
            after=self.request.GET.get("after"),
            before=self.request.GET.get("before"),
        )
        ctx.update(page_obj=page_obj, drafts=selectors.draft_rows(page_obj.object_list))
        return ctx


class ExportView(SupervisorMixin, View):
    def get(self, request, *args, **kwargs):
        ov = selectors.overview(
            user=request.user, org=self.org, period=self.period, today=self.today, lists=False
        )
        content = exports.overview_xlsx(
            ov, overdue=selectors.overdue_rows(path=self.org.path, today=self.today, limit=500)
        )
        audit_export(request, what=_("督导总览"), organization=self.org, detail=self.period.query)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"supervision-{self.org.pk}-{self.period.year}"
        name += f"-q{self.period.quarter}" if self.period.quarter else ""
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


@login_required
def ping(request):
    """The cheapest authenticated response (session, user, every middleware, no template):
    a baseline for bench/run.py."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@login_required
def empty(request):
    """The cheapest authenticated page: the site's frame (navigation, unread count) around
    one line — the other baseline for bench/run.py."""
    return render(request, "supervision/empty.html")
