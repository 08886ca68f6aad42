"""The ledger's date arithmetic, without a database (rectification/deadlines.py imports no
Django): what is overdue, and on which days reminders fall."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

from rectification import deadlines

D = datetime.date


def test_overdue_starts_the_day_after_the_deadline_and_only_for_open_items():
    deadline = D(2026, 12, 10)
    assert not deadlines.is_overdue(status="in_progress", deadline=deadline, today=deadline)
    assert deadlines.is_overdue(status="in_progress", deadline=deadline, today=D(2026, 12, 11))
    assert deadlines.is_overdue(status="not_started", deadline=deadline, today=D(2027, 1, 1))
    for done in ("awaiting", "signed_off"):
        assert not deadlines.is_overdue(status=done, deadline=deadline, today=D(2027, 1, 1))
    assert deadlines.days_overdue(deadline=deadline, today=D(2026, 12, 13)) == 3
    assert deadlines.days_overdue(deadline=deadline, today=D(2026, 12, 1)) == 0


def test_the_owner_is_reminded_before_on_and_weekly_after_the_deadline():
    days = list(
        deadlines.owner_reminder_days(
            deadline=D(2026, 12, 10), today=D(2026, 12, 1), horizon_weeks=2
        )
    )
    assert days[:3] == [
        ("deadline_7d", D(2026, 12, 3)),
        ("deadline_1d", D(2026, 12, 9)),
        ("overdue", D(2026, 12, 11)),
    ]
    # weekly from eight days after the deadline, up to two weeks past it (12-24)
    assert days[3:] == [("overdue_weekly", D(2026, 12, 18))]


def test_the_weekly_reminders_follow_today_when_the_deadline_is_long_past():
    days = list(
        deadlines.owner_reminder_days(deadline=D(2026, 1, 1), today=D(2026, 6, 1), horizon_weeks=1)
    )
    weekly = [d for kind, d in days if kind == "overdue_weekly"]
    assert (
        weekly[0] == D(2026, 1, 9) and weekly[-1] <= D(2026, 6, 8) < weekly[-1] + 7 * deadlines.DAY
    )
    assert all((b - a).days == 7 for a, b in zip(weekly, weekly[1:], strict=False))


def test_escalation_signoff_and_lookback_days():
    assert deadlines.escalation_day(deadline=D(2026, 12, 10), after_days=7) == D(2026, 12, 18)
    assert list(
        deadlines.signoff_reminder_days(
            asked=D(2026, 12, 1), today=D(2026, 12, 1), after_days=3, horizon_weeks=1
        )
    ) == [D(2026, 12, 4), D(2026, 12, 11)]
    assert deadlines.lookback_late_day(due_on=D(2026, 12, 1), after_days=7) == D(2026, 12, 8)


def test_the_module_imports_no_django():
    source = Path(deadlines.__file__).read_text(encoding="utf-8")
    names = {
        (n.module if isinstance(n, ast.ImportFrom) else a.name).split(".")[0]
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }
    assert names <= {"__future__", "datetime", "collections"}
