"""Writing the audit log (``audit_record``) and the retention job (``audit_purge``).

``audit_record`` is called explicitly where an event happens — the services that approve a
plan or sign off an item, the views that export a file, the login hooks — inside the same
transaction, so an event that is rolled back leaves no row. It is never called on the
anonymous paths (anonymous opinions, the public links, the secret ballot).
"""

from __future__ import annotations

import datetime
import ipaddress

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from audit.choices import AuditEventKind
from audit.models import AuditEvent

PURGE_BATCH = 5_000


def actor_label(user) -> str:
    """The name people know the user by: the member's name, else the account's full name,
    else the login (an account with no member and no name: an administrator)."""
    if user is None:
        return ""
    member = getattr(user, "member", None)
    name = getattr(member, "name", "") if member is not None else ""
    return name or user.get_full_name() or user.get_username()


def client_ip(request) -> str | None:
    """The client's address as the throttling sees it (behind the proxy: the header named by
    RATELIMIT_IP_META_KEY), or None when it is not a valid address."""
    if request is None:
        return None
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    raw = (request.META.get(key) or "").split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _cut(value, limit: int) -> str:
    """One line of printable text (no NUL or control characters), at most ``limit`` long."""
    text = "".join(c if c.isprintable() else " " for c in str(value or ""))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit_record(
    *,
    event: str,
    actor=None,
    actor_name: str | None = None,
    organization=None,
    target=None,
    target_label: str | None = None,
    detail: str = "",
    request=None,
) -> AuditEvent:
    """Append one row. ``actor``: the user who acted (None: the system or an unknown login).
    ``organization``: the organization the event belongs to (its id, name and path are
    copied). ``target``: the object acted on (its type, id and text are copied). The client
    address is kept only when the deployment says so (ORGLIFE_AUDIT_KEEP_IP)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    keep_ip = getattr(settings, "ORGLIFE_AUDIT_KEEP_IP", False)
    return AuditEvent.objects.create(
        event=event,
        actor_id=actor.pk if actor is not None else None,
        actor_name=_cut(actor_name if actor_name is not None else actor_label(actor), 150),
        organization_id=organization.pk if organization is not None else None,
        organization_path=organization.path if organization is not None else "",
        organization_name=_cut(organization.name, 100) if organization is not None else "",
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        target_label=_cut(target_label if target_label is not None else target or "", 200),
        detail=_cut(detail, 500),
        ip=client_ip(request) if keep_ip else None,
    )


def audit_export(
    request,
    *,
    what: str,
    organization=None,
    target=None,
    target_label: str | None = None,
    detail: str = "",
) -> AuditEvent:
    """Record that the requesting user exported a file: ``what`` names it (党员名册, 整改台账…),
    ``detail`` the filters or the period it covered."""
    return audit_record(
        event=AuditEventKind.EXPORT,
        actor=request.user,
        organization=organization,
        target=target,
        target_label=target_label,
        detail=f"{what} {detail}".strip(),
        request=request,
    )


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    days = max(settings.ORGLIFE_AUDIT_RETENTION_DAYS, settings.ORGLIFE_AUDIT_MIN_RETENTION_DAYS)
    return (now or timezone.now()) - datetime.timedelta(days=days)


def audit_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove rows older than the retention period (never fewer than 180 days: 网络安全法
    asks for six months). The only code that deletes audit rows; the beat runs it daily.
    Deletes in batches so the table is never locked for long. Returns how many went."""
    cutoff = retention_cutoff(now)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    total = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN "  # noqa: S608 (the table name is ours)
                f"(SELECT id FROM {table} WHERE at < %s ORDER BY id LIMIT %s)",
                [cutoff, PURGE_BATCH],
            )
            deleted = cursor.rowcount
        total += deleted
        if deleted < PURGE_BATCH:
            return total
