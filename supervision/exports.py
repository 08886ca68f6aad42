"""The supervisor's overview as an .xlsx workbook (``documents.xlsx``): the figures, the
children, problems by category and source, the monthly trend and the overdue items — each
sheet with its title row (the organization, what, as of when), widths fitted to the labels."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from documents.xlsx import Table, title_line, xlsx_bytes
from supervision.selectors import OverdueRow, Overview, figures_table


def _period(ov: Overview) -> str:
    if ov.period.quarter:
        return _("%(y)d年第%(q)d季度") % {"y": ov.period.year, "q": ov.period.quarter}
    return _("%(y)d年") % {"y": ov.period.year}


def overview_xlsx(ov: Overview, *, overdue: Sequence[OverdueRow]) -> bytes:
    org = ov.org.name

    def title(what: str) -> str:
        return title_line(org=org, what=what, as_of=ov.today, note=_period(ov))

    tables = [
        Table(_("概况"), title(_("督导概况")), [_("项目"), _("数值")], figures_table(ov)),
        Table(
            _("下级组织"),
            title(_("下级组织整改情况")),
            [
                _("党组织"),
                _("问题数"),
                _("整改事项"),
                _("已销号"),
                _("完成率(%)"),
                _("待销号"),
                _("逾期(截至汇总日)"),
                _("屡改屡在"),
            ],
            [
                (
                    c.name,
                    c.problems,
                    c.items,
                    c.signed_off,
                    c.completion,
                    c.awaiting,
                    c.overdue,
                    c.recurring,
                )
                for c in sorted(ov.children, key=lambda c: c.path)
            ],
        ),
        Table(
            _("问题类别与来源"),
            title(_("问题类别与来源")),
            [_("分类"), _("名称"), _("问题数")],
            [
                *((_("类别"), label, n) for _v, label, n in ov.categories),
                *((_("来源"), label, n) for _v, label, n in ov.sources),
            ],
        ),
        Table(
            _("月度趋势"),
            title(_("月度趋势")),
            [_("月份"), _("新建整改事项"), _("销号整改事项")],
            [(f"{m:%Y-%m}", c, s) for m, c, s in ov.trend],
        ),
        Table(
            _("逾期事项"),
            title(_("逾期事项")),
            [_("党支部"), _("整改措施"), _("责任人"), _("整改时限"), _("逾期天数")],
            [
                (i.branch, i.measure, i.owner, i.deadline, (ov.today - i.deadline).days)
                for i in overdue
            ],
        ),
    ]
    return xlsx_bytes(*tables, title=title(_("督导概况")))
