"""Announcing that a branch's counted figures changed — the one mechanism by which the lower
apps (members, meetings, rectification) tell the supervisors' rollups, which live above them
in ``supervision``, without importing it.

Call ``branch_changed(branch_id=…)`` inside the transaction that changes what the rollups
count (see ``supervision.models`` for what they count). It appends a row to the journal
(``members.models.BranchChange``) and nothing else: it commits or rolls back with the
change itself, locks no shared row, and leaves the arithmetic to supervision, which folds
the journal into its rollups (on Celery beat every ``ROLLUP_FOLD_SECONDS``, and at once
after the supervisor's own writes).
"""

from __future__ import annotations

from members.models import BranchChange


def branch_changed(*, branch_id: int) -> None:
    """Record that the figures of branch ``branch_id`` may have changed."""
    BranchChange.objects.create(branch_id=branch_id)
