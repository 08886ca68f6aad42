"""What follows every change to the ledger, inside the same transaction.

Ledger services call ``item_changed`` after any change to an item's deadline, status,
owner or lead (and after creating one), look-back services ``lookback_changed``: the
reminder schedule is brought in step and the branch's rollup rows are recomputed, so both
always match. Meeting, draft and member services call ``branch_changed`` (through
``meetings.services.meeting.figures_changed``) for what the rollups count of them.
"""

from __future__ import annotations

from rectification.services.reminders import item_reminders_sync, lookback_reminders_sync
from rectification.services.rollups import rollup_refresh


def item_changed(*, item) -> None:
    item_reminders_sync(item=item)
    branch_changed(branch_id=item.branch_id)


def branch_changed(*, branch_id: int) -> None:
    """Recompute the branch's rollup rows (problems and items) and the rows above it."""
    rollup_refresh(branch_id=branch_id)


def lookback_changed(*, lookback) -> None:
    lookback_reminders_sync(lookback=lookback)
    branch_changed(branch_id=lookback.meeting.branch_id)


def marks_changed(*, meeting_id: int) -> None:
    """Called by the meeting services when the secretary marks a source as a problem — an
    opinion sorted 采纳为问题 (or back), a criticism ticked 列入问题清单 (or not): while the
    meeting is 已召开, the problem list follows at once (at holding it takes them all)."""
    from rectification.services.problems import problems_follow_marks

    problems_follow_marks(meeting_id=meeting_id)
