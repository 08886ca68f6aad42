"""Writes of the records app: the export log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from members.models import Member
from records.models import RecordExport
from records.querysets import record_q


@transaction.atomic
def record_export_log(*, member: Member, by, by_label: str) -> RecordExport:
    """Record that ``by`` exported ``member``'s record (who, whose, when). Refused for
    anyone who may not see the record."""
    if not Member.objects.filter(record_q(by), pk=member.pk).exists():
        raise PermissionDenied
    return RecordExport.objects.create(member=member, by=by, by_label=by_label[:150])
