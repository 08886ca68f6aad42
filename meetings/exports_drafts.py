"""A draft as a Word document (.docx) in 公文 layout (``documents.docx``, GB/T 9704-2012),
in the usual order of 对照检查材料: the title, who and which branch, the meeting, then
一、学习收获 二、查摆问题 三、剖析根源 四、整改措施 五、努力方向, and the signature.
The print page (``meetings/drafts_print.html``) shows the same parts."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.docx import GovDocument
from meetings.choices import CAUSE_FIELDS
from meetings.models import Draft, DraftMeasure, DraftProblem


def _paragraphs(doc: GovDocument, text: str, *, empty: str) -> None:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        doc.paragraph(empty)
        return
    for line in lines:
        doc.paragraph(line)


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
    doc = GovDocument(title=draft_title(draft))
    empty = _("(未填写)")

    if draft.written_statement:
        doc.paragraph(_("(书面发言)"), align="center")
    if draft.is_committee:
        doc.paragraph(_("%(branch)s委员会") % {"branch": meeting.branch.name}, align="center")
    else:
        doc.paragraph(
            _("党支部:%(branch)s") % {"branch": meeting.branch.name}
            + "    "
            + _("姓名:%(name)s") % {"name": draft.author.name},
            align="center",
        )
    doc.paragraph(
        _("(%(kind)s · %(theme)s · %(date)s)")
        % {
            "kind": meeting.get_kind_display(),
            "theme": meeting.theme,
            "date": _date_zh(timezone.localtime(meeting.starts_at)),
        },
        align="center",
    )

    doc.heading(1, _("学习收获"))
    _paragraphs(doc, draft.gains, empty=empty)

    doc.heading(1, _("查摆问题"))
    if not problems:
        doc.paragraph(empty)
    for p in problems:
        doc.runs(
            [
                (f"{p.order}.", True),
                (_("【%(c)s】") % {"c": p.get_category_display()}, True),
                (p.text, False),
            ]
        )
        if p.example:
            doc.runs([(_("具体事例:"), True), (p.example, False)])

    doc.heading(1, _("剖析根源"))
    causes = [(label, getattr(draft, name)) for name, label in CAUSE_FIELDS]
    causes = [(label, text) for label, text in causes if text.strip()]
    if not causes:
        doc.paragraph(empty)
    for label, text in causes:
        doc.heading(2, str(label))
        _paragraphs(doc, text, empty=empty)

    doc.heading(1, _("整改措施"))
    if not measures:
        doc.paragraph(empty)
    for m in measures:
        notes = []
        if m.problem_id and m.problem is not None:
            notes.append(_("针对问题 %(n)d") % {"n": m.problem.order})
        notes.append(
            _("完成时限:%(d)s") % {"d": _date_zh(m.deadline)}
            if m.deadline
            else _("完成时限:未填写")
        )
        doc.runs([(f"{m.order}.", True), (m.text + "(" + ";".join(notes) + ")", False)])

    doc.heading(1, _("努力方向"))
    _paragraphs(doc, draft.direction, empty=empty)

    when = draft.submitted_at or draft.updated_at
    doc.signature(
        _("%(branch)s委员会") % {"branch": meeting.branch.name}
        if draft.is_committee
        else draft.author.name,
        timezone.localtime(when).date() if when else None,
    )
    return doc.to_bytes()
