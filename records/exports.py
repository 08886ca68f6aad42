"""The record's files: ``record_docx`` — one member's 党员组织生活纪实表 (.docx, python-docx);
``matches_xlsx`` — the supervisor's subtree query (.xlsx, through ``documents.xlsx`` like
every export: a title row, the header repeated on each printed page, text never a formula)."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.xlsx import Column, Table, title_line, xlsx_bytes
from records.selectors import Match, Record, attendance_label


def matches_xlsx(
    rows: list[Match], *, title: str, org_name: str, truncated_at: int | None = None
) -> bytes:
    """The members matching the query, as a print-ready sheet (``documents.xlsx``: title row,
    header repeated on every page, every text written as text)."""
    note = _("仅导出前 %(n)d 人,请缩小范围后再导出") % {"n": truncated_at} if truncated_at else ""
    return xlsx_bytes(
        Table(
            sheet=_("纪实查询"),
            title=title_line(org=org_name, what=title, as_of=timezone.localdate(), note=note),
            columns=[Column(_("序号"), max_width=8), _("党支部"), _("姓名"), _("原因")],
            rows=[
                [n, row.branch_name, row.member.name, row.reason] for n, row in enumerate(rows, 1)
            ],
        ),
        title=title,
    )


def _date(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value:%Y-%m-%d}"


def record_docx(record: Record, *, exported_by: str, at: datetime.datetime) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    for name, font in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 2", "黑体")):
        style = doc.styles[name]
        style.font.name = "Times New Roman"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    doc.styles["Normal"].font.size = Pt(11)
    member = record.member
    doc.add_heading(_("党员组织生活纪实表"), level=0)

    info = doc.add_table(rows=0, cols=4)
    info.style = "Table Grid"
    for a, b, c, d in (
        (_("姓名"), member.name, _("所在党支部"), member.branch.name),
        (_("党员类别"), member.get_category_display(), _("入党日期"), _date(member.joined_on)),
        (
            _("支委职务"),
            member.get_position_display() or "—",
            _("在册"),
            _("是") if member.is_active else _("否"),
        ),
    ):
        cells = info.add_row().cells
        for cell, text in zip(cells, (a, b, c, d), strict=True):
            cell.text = str(text)

    if record.transfers:
        doc.add_heading(_("组织关系转接"), level=2)
        for t in record.transfers:
            doc.add_paragraph(
                _("%(d)s 由 %(a)s 转入 %(b)s")
                % {"d": _date(t.transferred_on), "a": t.from_branch.name, "b": t.to_branch.name}
            )

    doc.add_heading(_("年度小结"), level=2)
    if record.years:
        for y in record.years:
            doc.add_paragraph(y.line)
    else:
        doc.add_paragraph(_("尚无已召开的组织生活会。"))

    doc.add_heading(_("历次组织生活会"), level=2)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (_("会议"), _("出席"), _("对照检查材料"), _("民主评议"), _("查摆问题"), _("谈心谈话")),
        strict=True,
    ):
        cell.text = str(text)
    for m in record.meetings:
        cells = table.add_row().cells
        cells[0].text = f"{_date(m.meeting.starts_at)} {m.meeting.theme}"
        if m.elsewhere:
            cells[0].text += f"({m.meeting.branch.name})"
        cells[1].text = attendance_label(m.attendance, held=m.held)
        cells[2].text = _draft_text(m.draft)
        cells[3].text = m.grade.get_grade_display() if m.grade else "—"
        cells[4].text = (
            "\n".join(
                f"[{p.problem.get_source_display()}·{p.problem.get_category_display()}] "
                f"{p.text if p.text is not None else _('(来自无记名意见,内容不收入纪实)')}"
                for p in m.problems
            )
            or "—"
        )
        cells[5].text = "\n".join(f"{t.held_on:%Y-%m-%d} {t.other}" for t in m.talks) or "—"

    doc.add_heading(_("整改事项"), level=2)
    items = doc.add_table(rows=1, cols=6)
    items.style = "Table Grid"
    for cell, text in zip(
        items.rows[0].cells,
        (_("整改措施"), _("整改时限"), _("状态"), _("逾期天数"), _("约谈"), _("销号")),
        strict=True,
    ):
        cell.text = str(text)
    for r in record.items:
        cells = items.add_row().cells
        measure = r.item.measure
        if r.as_lead:
            measure += _("(班子整改事项,本人牵头)")
        if r.recurring:
            measure += _("(屡改屡在)")
        cells[0].text = measure
        cells[1].text = _date(r.item.deadline)
        cells[2].text = r.item.get_status_display()
        cells[3].text = str(r.overdue_days) if r.overdue_days else "—"
        cells[4].text = (
            _("%(n)d 次,最近 %(d)s") % {"n": r.interviews, "d": _date(r.last_interview)}
            if r.interviews
            else "—"
        )
        cells[5].text = (
            f"{_date(r.item.signed_off_at)} {r.signed_off_by}" if r.item.signed_off_at else "—"
        )
    doc.add_paragraph()
    doc.add_paragraph(
        _("导出人:%(who)s  导出时间:%(at)s")
        % {"who": exported_by, "at": f"{timezone.localtime(at):%Y-%m-%d %H:%M}"}
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _draft_text(draft) -> str:
    if draft is None:
        return "—"
    parts = [draft.status_label]
    if draft.on_time is True:
        parts.append(_("按时提交"))
    elif draft.on_time is False:
        parts.append(_("逾期提交"))
    if draft.returned:
        parts.append(_("退回 %(n)d 次") % {"n": draft.returned})
    return ",".join(str(p) for p in parts)
