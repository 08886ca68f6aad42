"""`manage.py load_demo`: every screen has something real on it, and a second run changes
nothing."""

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from meetings.models import AnonymousOpinion, Draft, Meeting, Talk
from members.models import Member
from notifications.models import Reminder
from rectification.models import Interview, LookBack, Problem, RectificationItem

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Member,
            Meeting,
            Draft,
            AnonymousOpinion,
            Talk,
            Problem,
            RectificationItem,
            LookBack,
            Interview,
            Reminder,
        )
    }


def test_demo_covers_the_cycle_and_is_idempotent(client):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first

    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert {"planning", "preparing", "rectifying", "completed"} <= statuses
    assert set(Draft.objects.values_list("status", flat=True)) >= {
        "writing",
        "submitted",
        "returned",
        "approved",
    }
    items = RectificationItem.objects.all()
    assert {"not_started", "in_progress", "awaiting", "signed_off"} <= set(
        items.values_list("status", flat=True)
    )
    assert any(item.is_overdue() for item in items)
    assert items.filter(recurring_of__isnull=False).exists()
    assert Interview.objects.exists()

    for username in ("secretary1", "member1", "secretary2", "supervisor", "admin"):
        assert client.login(request=HttpRequest(), username=username, password="demo-pass-2026")
    client.force_login(Member.objects.get(user__username="member1").user)
    home = client.get("/").content.decode()
    assert "本次组织生活会我要做的事" in home
