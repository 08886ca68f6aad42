"""Every .ics export: an iCalendar stream that carries a VTIMEZONE for each TZID it names.

Example::

    from documents.ics import calendar_bytes
    from icalendar import Event

    event = Event()
    event.add("uid", "meeting-1@orglife")
    event.add("dtstart", timezone.localtime(meeting.starts_at))  # aware, Asia/Shanghai
    ...
    content = calendar_bytes([event])

RFC 5545 §3.2.19: a TZID parameter must name a VTIMEZONE in the same calendar; icalendar
builds it from the zoneinfo database (``add_missing_timezones``). DTSTAMP must be UTC
(§3.8.7.2): it is converted here when an event's is not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from icalendar import Calendar, Event

PRODID = "-//orglife//组织生活会//ZH"


def calendar_bytes(events: Iterable[Event], *, prodid: str = PRODID) -> bytes:
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for event in events:
        stamp = event.get("dtstamp")
        if stamp is not None and isinstance(stamp.dt, datetime.datetime) and stamp.dt.tzinfo:
            event.pop("dtstamp")
            event.add("dtstamp", stamp.dt.astimezone(datetime.UTC).replace(microsecond=0))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
