from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from meetings.choices import DraftStatus, MeetingStatus, OpinionTarget
from meetings.models import (
    AnonymousOpinion,
    Attendee,
    Criticism,
    Draft,
    DraftProblem,
    Meeting,
    Opinion,
    OpinionWindow,
)


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


class DraftFactory(factory.django.DjangoModelFactory):
    """A member's 对照检查材料, approved (``version=0``: still being written).

    ``problems``: ``(category, text, example)`` triples, stored as its numbered problems."""

    class Meta:
        model = Draft
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    is_committee = False
    version = 1
    status = factory.LazyAttribute(
        lambda d: DraftStatus.APPROVED if d.version else DraftStatus.WRITING
    )
    approved_at = factory.LazyAttribute(lambda d: timezone.now() if d.version else None)

    @factory.post_generation
    def problems(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        DraftProblem.objects.bulk_create(
            DraftProblem(draft=self, order=order, category=category, text=text, example=example)
            for order, (category, text, example) in enumerate(extracted, 1)
        )


class OpinionWindowFactory(factory.django.DjangoModelFactory):
    """A window for opinions on the branch committee (``target="member"`` with
    ``target_member``: on one member), closed: it ran from ten days ago to three days ago."""

    class Meta:
        model = OpinionWindow

    meeting = factory.SubFactory(MeetingFactory)
    target = OpinionTarget.COMMITTEE
    target_member = None
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda w: w.starts_at + datetime.timedelta(days=7))


class OpinionFactory(factory.django.DjangoModelFactory):
    """A member's opinion in a window, kept for the meeting."""

    class Meta:
        model = Opinion

    window = factory.SubFactory(OpinionWindowFactory)
    text = "支委会议事不公开,事后才知道"
    disposition = "kept"


class AnonymousOpinionFactory(factory.django.DjangoModelFactory):
    """An opinion received without a name (from a member, today), kept for the meeting."""

    class Meta:
        model = AnonymousOpinion

    window = factory.SubFactory(OpinionWindowFactory)
    source = "member"
    text = "党员活动形式单一"
    disposition = "kept"
    received_on = factory.LazyFunction(timezone.localdate)


class CriticismFactory(factory.django.DjangoModelFactory):
    """What ``critic`` said about ``target`` at the meeting."""

    class Meta:
        model = Criticism

    meeting = factory.SubFactory(MeetingFactory)
    text = "联系群众不够紧密"
