"""The audit log as an .xlsx workbook (openpyxl, write-only). Every cell is text written as
text: a value starting with = + - @ (or their full-width forms), a tab or a carriage return
can never become a formula in Excel, WPS or LibreOffice."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from audit.models import AuditEvent
from documents.xlsx import is_formula_like, safe_text


def text_cell(sheet, value) -> WriteOnlyCell:
    """A cell that holds ``value`` as plain text, never as a formula (the rule of every
    export, ``documents.xlsx.is_formula_like``). Written streaming (write-only workbook, for
    a long log), so the text carries a leading apostrophe instead of a cell style."""
    text = "" if value is None else safe_text(value)
    if is_formula_like(text):
        text = "'" + text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def audit_xlsx(rows: Iterable[AuditEvent], *, keep_ip: bool) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("审计日志"))
    headers = [_("时间"), _("事件"), _("操作人"), _("党组织"), _("对象"), _("详情")]
    if keep_ip:
        headers.append(_("IP 地址"))
    sheet.append([text_cell(sheet, h) for h in headers])
    for row in rows:
        values = [
            timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
            row.get_event_display(),
            row.actor_name,
            row.organization_name,
            row.target_label,
            row.detail,
        ]
        if keep_ip:
            values.append(row.ip or "")
        sheet.append([text_cell(sheet, v) for v in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
