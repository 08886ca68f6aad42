"""The meeting day's report on the last rectification (通报上次整改情况), generated, never
typed: the previous meeting's problems per owner and — once its ledger (整改台账) exists —
how many of them are done, open and overdue (``_ledger_progress``). The meeting-day pages
(``rectification.views.meeting_day``) compose it with the meetings' own reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from meetings.selectors.day import previous_meeting
from members.choices import Position
from rectification import deadlines
from rectification.models import Problem, RectificationItem
from rectification.querysets import overdue_q

_POSITION_ORDER = {value: i for i, value in enumerate(Position.values)}


@dataclass(frozen=True)
class ReportRow:
    """One owner's problems from the last meeting. ``done``/``open``/``overdue`` come from
    the ledger and are None until it exists."""

    owner_label: str
    total: int
    done: int | None = None
    open: int | None = None
    overdue: int | None = None
    owner_id: int | None = None  # None for the committee (支部班子)


@dataclass(frozen=True)
class RectificationReport:
    previous: Meeting | None
    rows: list[ReportRow]
    from_ledger: bool

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


OwnerKey = int | None  # a member's id; None for the committee


def _ledger_progress(previous: Meeting) -> dict[OwnerKey, tuple[int, int, int]] | None:
    """Per owner (done, open, overdue) items of the previous meeting's rectification ledger
    (整改台账), in one aggregate query. None when the previous meeting has no ledger yet
    (then the report shows the problem counts alone)."""
    today = timezone.localdate()
    rows = (
        RectificationItem.objects.filter(meeting=previous)
        .values("is_committee", "owner_id")
        .annotate(
            done=Count("pk", filter=Q(status=deadlines.SIGNED_OFF)),
            open=Count("pk", filter=~Q(status=deadlines.SIGNED_OFF)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        .order_by()
    )
    progress = {
        (None if r["is_committee"] else r["owner_id"]): (r["done"], r["open"], r["overdue"])
        for r in rows
    }
    return progress or None


def last_rectification_report(*, meeting: Meeting) -> RectificationReport:
    """The last meeting's problems per owner (the committee first, then members in
    speaking order), merged duplicates left out; with the ledger's progress when it
    exists. Two queries (three once the ledger lands)."""
    previous = previous_meeting(meeting=meeting)
    if previous is None:
        return RectificationReport(previous=None, rows=[], from_ledger=False)
    groups = (
        Problem.objects.filter(meeting=previous, merged_into__isnull=True)
        .values("is_committee", "owner_id", "owner__name", "owner__position")
        .annotate(total=Count("pk"))
        .order_by()
    )
    progress = _ledger_progress(previous)
    rows = []
    for g in sorted(
        groups,
        key=lambda g: (
            not g["is_committee"],
            0 if g["owner__position"] else 1,
            _POSITION_ORDER.get(g["owner__position"] or "", 99),
            g["owner__name"] or "",
            g["owner_id"] or 0,
        ),
    ):
        key = None if g["is_committee"] else g["owner_id"]
        done = open_ = overdue = None
        if progress is not None:
            done, open_, overdue = progress.get(key, (0, 0, 0))
        rows.append(
            ReportRow(
                owner_label=str(_("支部班子")) if g["is_committee"] else g["owner__name"],
                total=g["total"],
                done=done,
                open=open_,
                overdue=overdue,
                owner_id=key,
            )
        )
    return RectificationReport(previous=previous, rows=rows, from_ledger=progress is not None)


def rectification_report_text(report: RectificationReport) -> str:
    """The report as a few lines for the minutes (会议记录 · 上次整改情况通报要点)."""
    if report.previous is None:
        return _("本支部此前没有已召开的组织生活会,无上次整改情况。")
    when = timezone.localtime(report.previous.starts_at).strftime("%Y-%m-%d")
    head = _("上次组织生活会(%(when)s,%(theme)s)") % {
        "when": when,
        "theme": report.previous.theme,
    }
    if not report.rows:
        return head + _("未形成问题清单。")
    lines = [head + _("问题清单共 %(n)d 个问题:") % {"n": report.total}]
    for row in report.rows:
        if report.from_ledger:
            lines.append(
                _(
                    "%(owner)s:问题 %(total)d 个,已完成 %(done)d 个,未完成 %(open)d 个,逾期 %(overdue)d 个。"
                )
                % {
                    "owner": row.owner_label,
                    "total": row.total,
                    "done": row.done,
                    "open": row.open,
                    "overdue": row.overdue,
                }
            )
        else:
            lines.append(
                _("%(owner)s:问题 %(total)d 个。") % {"owner": row.owner_label, "total": row.total}
            )
    if not report.from_ledger:
        lines.append(_("整改完成情况将由整改台账自动生成。"))
    return "\n".join(lines)
