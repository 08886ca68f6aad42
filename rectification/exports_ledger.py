"""The ledger (整改台账) as an .xlsx workbook with the usual columns. (The print page is the
template ``rectification/ledger_print.html``, fed by the same rows.)

Row 1 is the header, exactly as offices expect it; one row per item follows, in the ledger's
order. Every text cell is written as text, so a measure that starts with "=" can never become
a formula when the file is opened (no spreadsheet injection).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from rectification.selectors.ledger import ExportRow

WIDTHS = (6, 36, 40, 14, 16, 36, 22)
OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")


def ledger_headers() -> list[str]:
    return [
        _("序号"),
        _("问题"),
        _("整改措施"),
        _("责任人"),
        _("整改时限"),
        _("完成情况"),
        _("销号情况"),
    ]


def ledger_xlsx(rows: Sequence[ExportRow], *, title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("整改台账")
    headers = ledger_headers()
    for col, header in enumerate(headers, 1):
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, 2):
        for col, value in enumerate(row.cells(), 1):
            cell = sheet.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = wrap
            if row.overdue:
                cell.fill = OVERDUE_FILL
    for col, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[chr(ord("A") + col - 1)].width = width
    sheet.freeze_panes = "A2"
    if title:
        workbook.properties.title = title
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
