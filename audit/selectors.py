"""Reads of the audit log: a keyset-paginated page (newest first), and a user's own logins."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from audit.models import AuditEvent


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditEvent]
    next_before: int | None  # the id to continue from (older rows), or None at the end


def audit_page(qs: QuerySet[AuditEvent], *, before: int | None, size: int) -> AuditPage:
    """One page of ``qs`` newest first, continuing below the id ``before``. A keyset, not an
    offset: page 1,000 costs what page 1 costs, and rows appended meanwhile shift nothing."""
    if before is not None:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.order_by("-pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return AuditPage(rows=rows, next_before=rows[-1].pk if more else None)


def recent_logins(*, user_id: int, limit: int = 10) -> list[AuditEvent]:
    return list(AuditEvent.objects.logins_of(user_id)[:limit])
