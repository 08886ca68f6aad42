"""The period a supervisor looks at: a year, or one quarter of it. Pure Python."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

QUARTER_MONTHS = {1: 1, 2: 4, 3: 7, 4: 10}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # 1–4, or None for the whole year

    @classmethod
    def parse(cls, year: str | None, quarter: str | None, *, today: datetime.date) -> Period:
        """From query parameters; anything unreadable falls back to this year."""
        try:
            y = int(year) if year else today.year
        except ValueError:
            y = today.year
        if not 2000 <= y <= today.year + 1:
            y = today.year
        try:
            q = int(quarter) if quarter else None
        except ValueError:
            q = None
        return cls(y, q if q in QUARTER_MONTHS else None)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, QUARTER_MONTHS[self.quarter] if self.quarter else 1, 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the period."""
        return _add_months(self.start, 3 if self.quarter else 12)

    @property
    def quarters(self) -> list[datetime.date]:
        """First days of the quarters in the period (how rollup rows are keyed)."""
        if self.quarter:
            return [self.start]
        return [datetime.date(self.year, m, 1) for m in QUARTER_MONTHS.values()]

    def trend_months(self, count: int = 12) -> list[datetime.date]:
        """The ``count`` months ending with the period's last month."""
        last = _add_months(self.end, -1)
        return [_add_months(last, -i) for i in range(count - 1, -1, -1)]

    @property
    def query(self) -> str:
        return f"year={self.year}" + (f"&quarter={self.quarter}" if self.quarter else "")

    def years(self, today: datetime.date, back: int = 4) -> list[int]:
        return list(range(today.year, today.year - back - 1, -1))
