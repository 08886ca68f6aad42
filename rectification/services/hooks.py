"""What follows every change to an item or a look-back, inside the same transaction.

Ledger services call ``item_changed`` after any change to an item's deadline, status,
owner or lead (and after creating one), look-back services ``lookback_changed``: the
reminder schedule is brought in step, and the change is announced to the supervisors'
rollups (``members.changes.branch_changed``), so both always follow.
"""

from __future__ import annotations

from members.changes import branch_changed
from rectification.services.reminders import item_reminders_sync, lookback_reminders_sync


def item_changed(*, item) -> None:
    item_reminders_sync(item=item)
    branch_changed(branch_id=item.branch_id)


def lookback_changed(*, lookback) -> None:
    lookback_reminders_sync(lookback=lookback)
    branch_changed(branch_id=lookback.meeting.branch_id)
