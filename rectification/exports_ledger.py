"""The ledger (整改台账) as an .xlsx workbook with the usual columns, built by
``documents.xlsx``. (The print page is the template ``rectification/ledger_print.html``, fed by
the same rows.)

Row 1 is the title (the branch, 整改台账, as of today), row 2 the header exactly as offices
expect it, repeated on every printed page; one row per item follows, in the ledger's order,
overdue ones shaded. The deadline is a date (with "(原定 …)" shown after it when it moved).
Every text is written as text: a measure that starts with "=" never becomes a formula.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.translation import gettext as _

from documents.xlsx import Cell, Column, Table, title_line, xlsx_bytes
from rectification.selectors.ledger import ExportRow

OVERDUE_FILL = "F8D7DA"


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


def _cells(row: ExportRow) -> list:
    values = row.cells()
    if row.due is not None:
        values[4] = Cell(row.due, note=row.due_note)
    if not row.overdue:
        return values
    return [
        Cell(v.value, note=v.note, fill=OVERDUE_FILL)
        if isinstance(v, Cell)
        else Cell(v, fill=OVERDUE_FILL)
        for v in values
    ]


def ledger_xlsx(
    rows: Sequence[ExportRow],
    *,
    branch: str,
    as_of: datetime.date,
    filtered: bool = False,
) -> bytes:
    headers = ledger_headers()
    columns = [Column(headers[0], max_width=6), *headers[1:]]
    title = title_line(
        org=branch, what=_("整改台账"), as_of=as_of, note=_("按筛选条件") if filtered else ""
    )
    table = Table(sheet=_("整改台账"), title=title, columns=columns, rows=[_cells(r) for r in rows])
    return xlsx_bytes(table, title=_("%(b)s整改台账") % {"b": branch})
