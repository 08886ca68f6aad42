"""Reads of the audit log, and the refusal that keeps it append-only.

Scoping needs no other app: each row carries the organization's materialized path as it was,
so "everything beneath the organizations a supervisor oversees" is a path-prefix filter on
this table alone (``within``); the caller says which paths (``members.querysets.scope_of``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Q


class AppendOnly(Exception):
    """The audit log is append-only: rows are never changed, and removed only by the
    retention job (``audit.services.audit_purge``)."""


class AuditEventQuerySet(models.QuerySet):
    # --- append-only: no update or delete through the ORM ------------------------------
    def update(self, **kwargs):
        raise AppendOnly("audit rows cannot be changed")

    def delete(self):
        raise AppendOnly("audit rows are removed only by audit_purge after the retention period")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly("audit rows cannot be changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnly("audit rows cannot be changed")

    # --- reads ---------------------------------------------------------------------------
    def within(self, paths: Iterable[str]) -> AuditEventQuerySet:
        """Rows of the organizations at or beneath any of ``paths`` (materialized paths)."""
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(organization_path__startswith=path)
        return self.filter(q)

    def search(
        self,
        *,
        event: str = "",
        actor: str = "",
        since: datetime.datetime | None = None,
        until: datetime.datetime | None = None,
    ) -> AuditEventQuerySet:
        qs = self
        if event:
            qs = qs.filter(event=event)
        if actor:
            qs = qs.filter(actor_name__icontains=actor)
        if since is not None:
            qs = qs.filter(at__gte=since)
        if until is not None:
            qs = qs.filter(at__lt=until)
        return qs

    def logins_of(self, user_id: int) -> AuditEventQuerySet:
        """The user's logins, and failed or locked attempts on their login, newest first."""
        from audit.choices import LOGIN_EVENTS

        return self.filter(actor_id=user_id, event__in=LOGIN_EVENTS).order_by("-at", "-pk")


AuditEventManager = models.Manager.from_queryset(AuditEventQuerySet)
