from __future__ import annotations

import datetime

from supervision.periods import Period

TODAY = datetime.date(2026, 5, 20)


def test_parse_defaults_to_this_year_and_ignores_nonsense():
    assert Period.parse(None, None, today=TODAY) == Period(2026, None)
    assert Period.parse("2025", "3", today=TODAY) == Period(2025, 3)
    assert Period.parse("abc", "9", today=TODAY) == Period(2026, None)
    assert Period.parse("1900", "", today=TODAY) == Period(2026, None)


def test_a_year_and_a_quarter():
    year, q = Period(2025), Period(2025, 4)
    assert (year.start, year.end) == (datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    assert year.quarters == [datetime.date(2025, m, 1) for m in (1, 4, 7, 10)]
    assert (q.start, q.end, q.quarters) == (
        datetime.date(2025, 10, 1),
        datetime.date(2026, 1, 1),
        [datetime.date(2025, 10, 1)],
    )
    assert q.query == "year=2025&quarter=4" and year.query == "year=2025"


def test_the_trend_is_the_twelve_months_ending_with_the_period():
    months = Period(2025, 2).trend_months()
    assert months[0] == datetime.date(2024, 7, 1) and months[-1] == datetime.date(2025, 6, 1)
    assert len(months) == 12 == len(set(months))
