from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def days_since(day: datetime.date | None, today: datetime.date | None) -> int:
    """Whole days from ``day`` to ``today`` (0 if either is missing or ``day`` is later)."""
    if not day or not today:
        return 0
    return max(0, (today - day).days)
