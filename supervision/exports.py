"""The supervisor's overview as an .xlsx workbook (openpyxl): the figures, the children,
problems by category and source, the monthly trend and the overdue items."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rectification.models import RectificationItem
from supervision.selectors import Overview, figures_table


def _sheet(wb: Workbook, title: str, header: list[str], rows, *, first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
    for i, name in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(48, 2 * len(name) + 4))
    ws.freeze_panes = "A2"
    return ws


def _safe(value):
    """Text that a spreadsheet would read as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def overview_xlsx(ov: Overview, *, overdue: list[RectificationItem]) -> bytes:
    wb = Workbook()
    _sheet(wb, _("概况"), [_("项目"), _("数值")], figures_table(ov), first=True)
    _sheet(
        wb,
        _("下级组织"),
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
        (
            (
                _safe(c.name),
                c.problems,
                c.items,
                c.signed_off,
                c.completion,
                c.awaiting,
                c.overdue,
                c.recurring,
            )
            for c in sorted(ov.children, key=lambda c: c.path)
        ),
    )
    _sheet(
        wb,
        _("问题类别与来源"),
        [_("分类"), _("名称"), _("问题数")],
        [
            *((_("类别"), label, n) for _v, label, n in ov.categories),
            *((_("来源"), label, n) for _v, label, n in ov.sources),
        ],
    )
    _sheet(
        wb,
        _("月度趋势"),
        [_("月份"), _("新建整改事项"), _("销号整改事项")],
        ((f"{m:%Y-%m}", c, s) for m, c, s in ov.trend),
    )
    _sheet(
        wb,
        _("逾期事项"),
        [_("党支部"), _("整改措施"), _("责任人"), _("整改时限"), _("逾期天数")],
        (
            (
                _safe(i.branch.name),
                _safe(i.measure),
                _safe(i.owner_label),
                i.deadline,
                (ov.today - i.deadline).days,
            )
            for i in overdue
        ),
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
