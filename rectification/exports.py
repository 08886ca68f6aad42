"""The report upward (组织生活会情况报告) as a Word file in 公文 layout (``documents.docx``:
GB/T 9704-2012 — A4, 3号 仿宋 body, 2号 小标宋 title, headings 一、(一), "— 1 —" page numbers).

The print page (``rectification/report.html``) shows the same paragraphs, built from the same
``MeetingReport``: ``report_paragraphs`` is the one list both use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.docx import GovDocument, heading_number
from rectification.selectors.problems import MeetingReport


@dataclass(frozen=True)
class Block:
    """One piece of the report: a heading (level 1/2), a paragraph, or a table."""

    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    level: int = 0
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    html_id: str = ""


def report_title(report: MeetingReport) -> str:
    meeting = report.meeting
    return _("%(branch)s%(kind)s情况报告") % {
        "branch": meeting.branch.name,
        "kind": meeting.get_kind_display(),
    }


def _when(value) -> str:
    local = timezone.localtime(value)
    return _("%(y)d年%(m)d月%(d)d日 %(t)s") % {
        "y": local.year,
        "m": local.month,
        "d": local.day,
        "t": f"{local:%H:%M}",
    }


def report_blocks(report: MeetingReport) -> list[Block]:
    """The report's content in order — the .docx and the print page render this list."""
    meeting = report.meeting
    out: list[Block] = []
    counters = [0, 0]

    def heading(level: int, text: str) -> None:
        counters[level - 1] += 1
        if level == 1:
            counters[1] = 0
        out.append(Block("heading", heading_number(level, counters[level - 1]) + text, level))

    def para(text: str, html_id: str = "") -> None:
        out.append(Block("paragraph", text, html_id=html_id))

    heading(1, _("基本情况"))
    para(_("主题:%(theme)s") % {"theme": meeting.theme})
    held = meeting.starts_at  # the records keep the planned time
    para(_("时间:%(when)s;地点:%(place)s") % {"when": _when(held), "place": meeting.place})
    attendance = _("应到 %(e)d 人,实到 %(p)d 人,缺席 %(a)d 人") % {
        "e": report.expected_count,
        "p": report.present_count,
        "a": report.absent_count,
    }
    if report.unrecorded:
        attendance += _(",未登记 %(n)d 人") % {"n": len(report.unrecorded)}
    para(_("出席情况:%(a)s。") % {"a": attendance}, html_id="attendance")
    for a in report.absent:
        para(
            _("缺席:%(name)s(%(reason)s)")
            % {"name": a.member.name, "reason": a.absence_reason or _("未说明原因")}
        )
    if meeting.upper_attendee:
        para(_("上级党组织列席人员:%(who)s") % {"who": meeting.upper_attendee})
    elif meeting.upper_org_attends:
        para(_("上级党组织派人列席指导。"))
    if meeting.readiness_override_reason:
        para(
            _("会前准备未全部就绪即召开,理由:%(r)s") % {"r": meeting.readiness_override_reason},
            html_id="override-reason",
        )

    heading(1, _("查摆问题"))
    para(_("共查摆问题 %(n)d 个。") % {"n": report.problem_count})
    if report.by_category:
        out.append(
            Block(
                "table",
                header=(_("类别"), _("问题数")),
                rows=tuple((str(c.label), str(c.count)) for c in report.by_category),
                html_id="by-category",
            )
        )
    for group in report.groups:
        heading(2, _("%(owner)s(%(n)d 个)") % {"owner": group.label, "n": len(group.problems)})
        for i, p in enumerate(group.problems, 1):
            para(f"{i}.【{p.get_category_display()}】{p.text}")
            if p.root_cause:
                para(_("根源:%(c)s") % {"c": p.root_cause})

    heading(1, _("民主评议党员"))
    if report.evaluation_finalized:
        para(
            ";".join(
                _("%(grade)s %(n)d 人") % {"grade": g.label, "n": g.count}
                for g in report.grade_counts
            )
            + "。"
        )
        out.append(
            Block(
                "table",
                header=(_("姓名"), _("评定等次")),
                rows=tuple(
                    (r.member.name, str(r.get_grade_display())) for r in report.evaluation_results
                ),
                html_id="evaluation",
            )
        )
    else:
        para(_("评议结果尚未确定。"))

    minutes = report.minutes
    if minutes is not None and (minutes.key_points or minutes.upper_comments):
        heading(1, _("会议要点与上级点评"))
        if minutes.key_points:
            para(minutes.key_points)
        if minutes.upper_comments:
            para(_("上级党组织点评:%(c)s") % {"c": minutes.upper_comments})
    return out


def meeting_report_docx(report: MeetingReport) -> bytes:
    doc = GovDocument(title=report_title(report))
    for block in report_blocks(report):
        if block.kind == "heading":
            doc.heading(block.level, block.text, numbered=False)
        elif block.kind == "table":
            doc.table(block.header, block.rows)
        else:
            doc.paragraph(block.text)
    doc.signature(report.meeting.branch.name, timezone.localdate())
    return doc.to_bytes()
