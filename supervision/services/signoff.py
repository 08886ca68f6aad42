"""Writes from the supervisor's pages: signing off several items at once (批量销号)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from members.querysets import branch_supervise_q
from rectification.models import RectificationItem
from rectification.services.items import item_sign_off
from supervision.services.rollups import rollups_fold


@dataclass
class SignOffResult:
    signed: list[RectificationItem] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (item id, why)


@transaction.atomic
def items_sign_off(*, item_ids: Iterable[int], by) -> SignOffResult:
    """Sign off every listed item the user may sign off (``item_sign_off`` decides, item by
    item); the others are skipped with the reason. One transaction; each item in its own
    savepoint, so one refusal does not undo the rest. The items are locked first, in id
    order, so two overlapping batches cannot deadlock. The rollups are folded before the
    transaction ends, so the overview the supervisor returns to already counts them."""
    ids = sorted({int(i) for i in item_ids})
    result = SignOffResult()
    if not ids:
        return result
    mine = set(
        RectificationItem.objects.filter(branch_supervise_q(by, "branch"), pk__in=ids)
        .select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    items = {
        i.pk: i for i in RectificationItem.objects.filter(pk__in=mine).select_related("branch")
    }
    for pk in ids:
        item = items.get(pk)
        if item is None:
            result.skipped.append((pk, "not_found"))
            continue
        try:
            with transaction.atomic():
                result.signed.append(item_sign_off(item=item, by=by))
        except PermissionDenied:
            result.skipped.append((pk, "denied"))
        except ValidationError as exc:
            result.skipped.append((pk, " ".join(exc.messages)))
    if result.signed:
        rollups_fold(wait=True)
    return result
