"""Deadline and reminder-date arithmetic for the ledger — plain Python, no Django, so the
rules can be read and tested without a database (tests/rectification/test_deadlines.py).

The one rule for "overdue": an item is overdue when it is still open (未开始 / 整改中) and
its deadline lies before today — the deadline day itself is not late. The database side of
the same rule is ``rectification.querysets.overdue_q``, built from ``OPEN`` below.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

# Item statuses, as stored (rectification.choices.ItemStatus is built on these values).
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
AWAITING_SIGNOFF = "awaiting"
SIGNED_OFF = "signed_off"
OPEN = (NOT_STARTED, IN_PROGRESS)  # the owner still has work to do
UNFINISHED = (NOT_STARTED, IN_PROGRESS, AWAITING_SIGNOFF)  # not yet signed off

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)


def is_overdue(*, status: str, deadline: datetime.date, today: datetime.date) -> bool:
    return status in OPEN and deadline < today


def days_overdue(*, deadline: datetime.date, today: datetime.date) -> int:
    """Whole days past the deadline (0 on or before it)."""
    return max((today - deadline).days, 0)


def owner_reminder_days(
    *, deadline: datetime.date, today: datetime.date, horizon_weeks: int
) -> Iterator[tuple[str, datetime.date]]:
    """(kind, day) of the owner's reminders for an open item: 7 days and 1 day before the
    deadline, the day it becomes overdue, then weekly while it stays overdue, up to
    ``horizon_weeks`` past today (or past the deadline, whichever is later)."""
    yield "deadline_7d", deadline - 7 * DAY
    yield "deadline_1d", deadline - DAY
    yield "overdue", deadline + DAY
    last = max(today, deadline) + horizon_weeks * WEEK
    week = deadline + 8 * DAY
    while week <= last:
        yield "overdue_weekly", week
        week += WEEK


def escalation_day(*, deadline: datetime.date, after_days: int) -> datetime.date:
    """The day the supervisors are told: ``after_days`` whole days overdue."""
    return deadline + (after_days + 1) * DAY


def signoff_reminder_days(
    *, asked: datetime.date, today: datetime.date, after_days: int, horizon_weeks: int
) -> Iterator[datetime.date]:
    """Days to remind whoever signs off an item reported done on ``asked``: ``after_days``
    later, then weekly while it waits, up to ``horizon_weeks`` past today."""
    day = asked + after_days * DAY
    last = max(today, day) + horizon_weeks * WEEK
    while day <= last:
        yield day
        day += WEEK


def lookback_late_day(*, due_on: datetime.date, after_days: int) -> datetime.date:
    """The day the supervisors are told a look-back has not been held."""
    return due_on + after_days * DAY
