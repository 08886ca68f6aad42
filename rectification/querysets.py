from __future__ import annotations

from django.db import models
from django.db.models import Q

from members.querysets import branch_manage_q, branch_q


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

        today = today or timezone.localdate()
        return self.filter(status__in=["not_started", "in_progress"], deadline__lt=today)

    def unfinished(self) -> RectificationItemQuerySet:
        return self.exclude(status="signed_off")
