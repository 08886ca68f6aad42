"""A draft as a Word document (.docx, python-docx), in the usual layout of 对照检查材料:
the title, who and which branch, the meeting, then 一、学习收获 二、查摆问题 三、剖析根源
四、整改措施 五、努力方向, and the signature.

East Asian text uses 宋体 (headings 黑体): the fonts are named on ``w:eastAsia`` of each
style, so Word and WPS pick a CJK font instead of falling back to the Latin one."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from meetings.choices import CAUSE_FIELDS
from meetings.models import Draft, DraftMeasure, DraftProblem

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
NUMERALS = "一二三四五六七八九十"


def _set_fonts(style, east_asia: str, *, size: int | None = None, bold: bool | None = None):
    style.font.name = LATIN_FONT
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _paragraphs(doc, text: str, *, empty: str) -> None:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        p = doc.add_paragraph(empty)
        p.runs[0].italic = True
        return
    for line in lines:
        p = doc.add_paragraph(line)
        p.paragraph_format.first_line_indent = Pt(24)


def _date_zh(value) -> str:
    return _("%(y)d年%(m)d月%(d)d日") % {"y": value.year, "m": value.month, "d": value.day}


def draft_title(draft: Draft) -> str:
    return _("班子对照检查材料") if draft.is_committee else _("个人对照检查材料")


def draft_docx(
    draft: Draft,
    *,
    problems: Sequence[DraftProblem],
    measures: Sequence[DraftMeasure],
) -> bytes:
    """The draft as .docx bytes. ``problems`` and ``measures`` are the draft's rows, loaded
    by the caller (through ``visible_to``); a measure's ``problem`` should be selected."""
    meeting = draft.meeting
    doc = Document()
    _set_fonts(doc.styles["Normal"], BODY_FONT, size=14)
    _set_fonts(doc.styles["Title"], HEADING_FONT, size=22, bold=True)
    _set_fonts(doc.styles["Heading 1"], HEADING_FONT, size=16, bold=True)
    _set_fonts(doc.styles["Heading 2"], HEADING_FONT, size=14, bold=True)
    empty = _("(未填写)")

    title = doc.add_paragraph(draft_title(draft), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if draft.written_statement:
        p = doc.add_paragraph(_("(书面发言)"))
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    who = doc.add_paragraph()
    who.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if draft.is_committee:
        who.add_run(_("%(branch)s委员会") % {"branch": meeting.branch.name})
    else:
        who.add_run(_("党支部:%(branch)s") % {"branch": meeting.branch.name})
        who.add_run("    ")
        who.add_run(_("姓名:%(name)s") % {"name": draft.author.name})
    about = doc.add_paragraph(
        _("(%(kind)s · %(theme)s · %(date)s)")
        % {
            "kind": meeting.get_kind_display(),
            "theme": meeting.theme,
            "date": _date_zh(timezone.localtime(meeting.starts_at)),
        }
    )
    about.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading(_("一、学习收获"), level=1)
    _paragraphs(doc, draft.gains, empty=empty)

    doc.add_heading(_("二、查摆问题"), level=1)
    if not problems:
        doc.add_paragraph(empty)
    for p in problems:
        para = doc.add_paragraph()
        para.add_run(f"{p.order}. ").bold = True
        para.add_run(_("【%(c)s】") % {"c": p.get_category_display()}).bold = True
        para.add_run(p.text)
        if p.example:
            ex = doc.add_paragraph()
            ex.paragraph_format.left_indent = Pt(24)
            ex.add_run(_("具体事例:")).bold = True
            ex.add_run(p.example)

    doc.add_heading(_("三、剖析根源"), level=1)
    causes = [(label, getattr(draft, name)) for name, label in CAUSE_FIELDS]
    causes = [(label, text) for label, text in causes if text.strip()]
    if not causes:
        doc.add_paragraph(empty)
    for i, (label, text) in enumerate(causes):
        doc.add_heading(f"({NUMERALS[i]}){label}", level=2)
        _paragraphs(doc, text, empty=empty)

    doc.add_heading(_("四、整改措施"), level=1)
    if not measures:
        doc.add_paragraph(empty)
    for m in measures:
        para = doc.add_paragraph()
        para.add_run(f"{m.order}. ").bold = True
        para.add_run(m.text)
        notes = []
        if m.problem_id and m.problem is not None:
            notes.append(_("针对问题 %(n)d") % {"n": m.problem.order})
        notes.append(
            _("完成时限:%(d)s") % {"d": _date_zh(m.deadline)}
            if m.deadline
            else _("完成时限:未填写")
        )
        para.add_run("(" + ";".join(notes) + ")")

    doc.add_heading(_("五、努力方向"), level=1)
    _paragraphs(doc, draft.direction, empty=empty)

    doc.add_paragraph()
    sign = doc.add_paragraph(
        _("%(branch)s委员会") % {"branch": meeting.branch.name}
        if draft.is_committee
        else draft.author.name
    )
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    when = draft.submitted_at or draft.updated_at
    if when:
        dated = doc.add_paragraph(_date_zh(timezone.localtime(when)))
        dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
