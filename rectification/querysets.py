from __future__ import annotations

from django.db import models
from django.db.models import Q

from members.querysets import branch_manage_q, branch_q
from rectification import deadlines


def overdue_q(today, *, prefix: str = "") -> Q:
    """Items overdue on ``today`` (the rule of ``rectification.deadlines.is_overdue``);
    ``prefix`` reaches the item through a relation (``"items__"``)."""
    return Q(**{f"{prefix}status__in": deadlines.OPEN, f"{prefix}deadline__lt": today})


def overdue_between_q(low, high, *, prefix: str = "") -> Q:
    """Open items that became overdue as the day moved from ``low`` to ``high``: deadline
    in [low, high) — what the rollups' overdue clock adds when it moves."""
    return Q(
        **{
            f"{prefix}status__in": deadlines.OPEN,
            f"{prefix}deadline__gte": low,
            f"{prefix}deadline__lt": high,
        }
    )


class ProblemQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProblemQuerySet:
        """The committee and supervisors see the list as it is built; the branch's members
        once it has been published (公示)."""
        return self.filter(
            branch_manage_q(user, "branch")
            | (branch_q(user, "branch") & Q(meeting__problems_published_at__isnull=False))
        )

    def manageable_by(self, user) -> ProblemQuerySet:
        return self.filter(branch_manage_q(user, "branch"))

    def active(self) -> ProblemQuerySet:
        """Problems not merged into another."""
        return self.filter(merged_into__isnull=True)


class RectificationItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> RectificationItemQuerySet:
        """The ledger is published within the branch: members see their branch's items
        (once the meeting's problem list is published); committee and supervisors all."""
        return self.filter(
            branch_manage_q(user, "branch")
            | (branch_q(user, "branch") & Q(meeting__problems_published_at__isnull=False))
        )

    def manageable_by(self, user) -> RectificationItemQuerySet:
        return self.filter(branch_manage_q(user, "branch"))

    def overdue(self, today=None) -> RectificationItemQuerySet:
        from django.utils import timezone

        return self.filter(overdue_q(today or timezone.localdate()))

    def unfinished(self) -> RectificationItemQuerySet:
        return self.exclude(status=deadlines.SIGNED_OFF)
