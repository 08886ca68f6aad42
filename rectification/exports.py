"""The report upward (组织生活会情况报告) as a Word file (python-docx).

The text is set in 宋体 through the East Asian font slot (``w:eastAsia``), so Chinese shows
in the intended face in Word and WPS instead of a fallback.
"""

from __future__ import annotations

import io

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from rectification.selectors.problems import MeetingReport

FONT = "宋体"


def _set_east_asian_font(style, name: str = FONT) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _document() -> Document:
    document = docx.Document()
    normal = document.styles["Normal"]
    _set_east_asian_font(normal)
    normal.font.size = Pt(12)
    for name in ("Title", "Heading 1", "Heading 2"):
        _set_east_asian_font(document.styles[name], "黑体")
    return document


def _table(document: Document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def meeting_report_docx(report: MeetingReport) -> bytes:
    meeting = report.meeting
    document = _document()
    title = document.add_heading(
        _("%(branch)s%(kind)s情况报告")
        % {"branch": meeting.branch.name, "kind": meeting.get_kind_display()},
        level=0,
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading(_("一、基本情况"), level=1)
    held = timezone.localtime(meeting.starts_at)
    document.add_paragraph(_("主题:%(theme)s") % {"theme": meeting.theme})
    document.add_paragraph(
        _("时间:%(when)s;地点:%(place)s")
        % {"when": held.strftime("%Y-%m-%d %H:%M"), "place": meeting.place}
    )
    attendance = _("应到 %(e)d 人,实到 %(p)d 人,缺席 %(a)d 人") % {
        "e": report.expected_count,
        "p": report.present_count,
        "a": report.absent_count,
    }
    if report.unrecorded:
        attendance += _(",未登记 %(n)d 人") % {"n": len(report.unrecorded)}
    document.add_paragraph(_("出席情况:%(a)s。") % {"a": attendance})
    for a in report.absent:
        document.add_paragraph(
            _("缺席:%(name)s(%(reason)s)")
            % {"name": a.member.name, "reason": a.absence_reason or _("未说明原因")},
            style="List Bullet",
        )
    if meeting.upper_attendee:
        document.add_paragraph(_("上级党组织列席人员:%(who)s") % {"who": meeting.upper_attendee})
    elif meeting.upper_org_attends:
        document.add_paragraph(_("上级党组织派人列席指导。"))
    if meeting.readiness_override_reason:
        document.add_paragraph(
            _("会前准备未全部就绪即召开,理由:%(r)s") % {"r": meeting.readiness_override_reason}
        )

    document.add_heading(_("二、查摆问题"), level=1)
    document.add_paragraph(_("共查摆问题 %(n)d 个。") % {"n": report.problem_count})
    if report.by_category:
        _table(
            document,
            [_("类别"), _("问题数")],
            [[c.label, str(c.count)] for c in report.by_category],
        )
    for group in report.groups:
        document.add_heading(
            _("%(owner)s(%(n)d 个)") % {"owner": group.label, "n": len(group.problems)},
            level=2,
        )
        for i, p in enumerate(group.problems, 1):
            line = f"{i}.【{p.get_category_display()}】{p.text}"
            if p.root_cause:
                line += "\n" + _("根源:%(c)s") % {"c": p.root_cause}
            document.add_paragraph(line)

    document.add_heading(_("三、民主评议党员"), level=1)
    if report.evaluation_finalized:
        document.add_paragraph(
            ";".join(
                _("%(grade)s %(n)d 人") % {"grade": g.label, "n": g.count}
                for g in report.grade_counts
            )
            + "。"
        )
        _table(
            document,
            [_("姓名"), _("评定等次")],
            [[r.member.name, r.get_grade_display()] for r in report.evaluation_results],
        )
    else:
        document.add_paragraph(_("评议结果尚未确定。"))

    minutes = report.minutes
    if minutes is not None and (minutes.key_points or minutes.upper_comments):
        document.add_heading(_("四、会议要点与上级点评"), level=1)
        if minutes.key_points:
            document.add_paragraph(minutes.key_points)
        if minutes.upper_comments:
            document.add_paragraph(_("上级党组织点评:%(c)s") % {"c": minutes.upper_comments})

    closing = document.add_paragraph(f"{meeting.branch.name}\n{timezone.localdate():%Y年%m月%d日}")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
