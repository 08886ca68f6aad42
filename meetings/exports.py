"""Meeting details as an iCalendar file (icalendar; ``documents.ics`` adds the VTIMEZONE)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Event

from documents.ics import calendar_bytes
from meetings.models import Meeting

DEFAULT_DURATION = datetime.timedelta(hours=3)


def meeting_ics(meeting: Meeting) -> bytes:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@orglife")
    event.add("summary", f"{meeting.get_kind_display()}:{meeting.theme}")
    starts = timezone.localtime(meeting.starts_at).replace(microsecond=0)
    event.add("dtstart", starts)
    event.add("dtend", starts + DEFAULT_DURATION)
    event.add("dtstamp", meeting.updated_at)
    event.add("location", meeting.place)
    agenda = "\n".join(f"{item.order}. {item.title}" for item in meeting.agenda_items.all())
    event.add("description", f"{meeting.branch.name}\n{agenda}")
    event.add("url", settings.ORGLIFE_BASE_URL + reverse("meetings:detail", args=[meeting.pk]))
    return calendar_bytes([event])
