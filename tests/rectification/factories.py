"""Problems and rectification items for tests.

``ItemFactory`` goes through the service (``item_create``: permission, state, reminders and
the timeline event), as the secretary's form does; ``by`` (the user creating it) is required.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from rectification.choices import ProblemSource
from rectification.models import Problem, RectificationItem
from rectification.services import items as item_services
from tests.meetings.factories import MeetingFactory

PROBLEM_TEXT = "工作作风不够扎实,下基层调研次数少"


class ProblemFactory(factory.django.DjangoModelFactory):
    """A problem the supervisor raised, in the meeting's branch; ``owner=None`` (the default)
    is the branch committee's."""

    class Meta:
        model = Problem

    meeting = factory.SubFactory(MeetingFactory)
    branch = factory.LazyAttribute(lambda p: p.meeting.branch)
    owner = None
    is_committee = factory.LazyAttribute(lambda p: p.owner is None)
    category = "style"
    text = PROBLEM_TEXT
    source = ProblemSource.SUPERVISOR


class ItemFactory(factory.django.DjangoModelFactory):
    """An item for ``problem`` (by default a new problem of ``meeting`` for ``owner``, with
    ``text``), due in 30 days."""

    class Meta:
        model = RectificationItem
        exclude = ("meeting", "text")

    meeting = None
    owner = None
    text = PROBLEM_TEXT
    problem = factory.SubFactory(
        ProblemFactory,
        meeting=factory.SelfAttribute("..meeting"),
        owner=factory.SelfAttribute("..owner"),
        text=factory.SelfAttribute("..text"),
    )
    lead = None
    measure = "每月到联系村开展一次走访,年底前形成调研报告"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    priority = "important"
    difficulty = "medium"

    @classmethod
    def _create(cls, model_class, *, by, **fields):
        return item_services.item_create(by=by, **fields)
