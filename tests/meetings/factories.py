from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import Attendee, Meeting


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting in 会前准备 by default, with every active member of the branch expected."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    theme = "学党史、悟思想、办实事、开新局"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    place = "支部活动室"
    status = MeetingStatus.PREPARING
    scheduled_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_attendees(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Attendee.objects.bulk_create(
            Attendee(meeting=self, member=m) for m in self.branch.members.filter(is_active=True)
        )
