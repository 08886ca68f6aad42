"""Rectification items and look-backs as the lists of supervisors show them — the overview's
most overdue, the overdue, recurring and sign-off lists, the late look-backs and escalations:
each row's texts and links made here once, so that a template only prints them (a page of 50
rows with a ``{% url %}``, a filter and a translation a cell renders in several times the
time)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from members.links import link_maker
from rectification.choices import ItemStatus
from rectification.models import LookBack, RectificationItem
from rectification.models.ledger import owner_label


def cut(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters with an ellipsis (``Truncator``), when longer."""
    return text if len(text) <= length else Truncator(text).chars(length)


@dataclass(frozen=True)
class ItemListRow:
    """One rectification item in a supervisor's list."""

    pk: int
    branch: str
    ledger_url: str
    measure: str  # cut to the list's length
    item_url: str
    recurring: bool
    owner: str
    deadline: str
    late: str  # "(逾期 n 天)" for an overdue item, else ""
    status: str


def item_list_rows(
    items: Iterable[RectificationItem], *, today: datetime.date, measure_chars: int = 60
) -> list[ItemListRow]:
    """``items`` (with their branch, owner and lead) as the rows of a supervisor's list."""
    statuses = dict(ItemStatus.choices)
    late = _("(逾期 %(n)s 天)")
    ledger_url, item_url = link_maker("rectification:ledger"), link_maker("rectification:item")
    return [
        ItemListRow(
            pk=item.pk,
            branch=item.branch.name,
            ledger_url=ledger_url(item.branch_id),
            measure=cut(item.measure, measure_chars),
            item_url=item_url(item.pk),
            recurring=item.recurring_of_id is not None,
            owner=owner_label(is_committee=item.is_committee, owner=item.owner, lead=item.lead),
            deadline=f"{item.deadline:%Y-%m-%d}",
            late=late % {"n": (today - item.deadline).days} if item.is_overdue(today) else "",
            status=str(statuses.get(item.status, item.status)),
        )
        for item in items
    ]


@dataclass(frozen=True)
class LookbackRow:
    """One look-back due or late."""

    branch: str
    theme: str  # its meeting's
    url: str
    due: str  # "应于 2026-11-30"
    late: bool


def lookback_rows(lookbacks: Iterable[LookBack], *, today: datetime.date) -> list[LookbackRow]:
    """``lookbacks`` (with their meeting's theme and branch) as a supervisor's list."""
    due = _("应于 %(d)s")
    url = link_maker("rectification:lookback")
    return [
        LookbackRow(
            branch=lb.meeting.branch.name,
            theme=lb.meeting.theme,
            url=url(lb.pk),
            due=due % {"d": f"{lb.due_on:%Y-%m-%d}"},
            late=lb.due_on < today,
        )
        for lb in lookbacks
    ]
