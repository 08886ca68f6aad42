"""The outbox: scheduled in the database, swept, delivered exactly once, folded into digests."""

import datetime

import pytest
from django.utils import timezone

from notifications import reminders
from notifications.models import Notification, Reminder, ReminderStatus
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
MORNING = reminders.due_at_for(TODAY) + datetime.timedelta(minutes=1)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """A sweep whose deliveries (enqueued on commit, run eagerly) happen before it returns."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.reminders_sweep(now=now)

    return run


def _schedule(user, n=1, day=TODAY, subject="item:1", kind="deadline_7d"):
    for i in range(n):
        reminders.reminder_schedule(
            subject=f"{subject}{i}" if n > 1 else subject,
            kind=kind,
            recipient=user,
            due_on=day,
            title=f"整改事项 {i} 还有 7 天到期",
            url="/rectification/",
        )


def test_scheduling_is_idempotent_by_key():
    user = UserFactory()
    _schedule(user)
    _schedule(user)
    assert Reminder.objects.count() == 1


def test_nothing_is_sent_before_it_is_due(sweep):
    user = UserFactory()
    _schedule(user, day=TODAY + datetime.timedelta(days=1))
    sweep(now=MORNING)
    assert not Notification.objects.exists()


def test_due_reminders_become_one_digest_per_recipient(sweep):
    alice, bob = UserFactory(), UserFactory()
    _schedule(alice, n=3)
    _schedule(bob, n=1)
    enqueued = sweep(now=MORNING)  # eager: delivered on commit
    assert enqueued == 2
    assert Notification.objects.filter(recipient=alice).count() == 1
    digest = Notification.objects.get(recipient=alice)
    assert "3 项" in digest.title and digest.body.count("·") == 3
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 4


def test_a_second_sweep_and_a_redelivery_change_nothing(sweep):
    user = UserFactory()
    _schedule(user, n=2)
    sweep(now=MORNING)
    token = Reminder.objects.first().claim_token
    assert reminders.reminders_deliver(recipient_id=user.pk, token=token) == 0
    assert sweep(now=MORNING) == 0
    assert Notification.objects.count() == 1


def test_catch_up_after_days_down_is_one_digest_not_a_flood(sweep):
    user = UserFactory()
    for days_ago in range(5):
        _schedule(user, day=TODAY - datetime.timedelta(days=days_ago), subject=f"item:{days_ago}")
    sweep(now=MORNING)
    assert Notification.objects.filter(recipient=user).count() == 1
    assert "5 项" in Notification.objects.get().title


def test_a_lost_delivery_is_claimed_again_after_the_lease(
    sweep, django_capture_on_commit_callbacks
):
    user = UserFactory()
    _schedule(user)
    # The claim commits but the delivery message is lost (callbacks not executed).
    with django_capture_on_commit_callbacks(execute=False):
        reminders.reminders_sweep(now=MORNING)
    row = Reminder.objects.get()
    assert row.status == ReminderStatus.CLAIMED and not Notification.objects.exists()
    # Within the lease, nothing happens; after it, the row is claimed anew and delivered.
    assert sweep(now=MORNING + datetime.timedelta(minutes=1)) == 0
    sweep(now=MORNING + reminders.claim_lease() + datetime.timedelta(minutes=2))
    row.refresh_from_db()
    assert row.status == ReminderStatus.SENT
    assert Notification.objects.count() == 1
    # The stale first claim, if its message ever arrives, finds nothing to do.
    assert reminders.reminders_deliver(recipient_id=user.pk, token=row.claim_token) == 0


def test_cancelled_reminders_are_not_sent_and_can_come_back(sweep):
    user = UserFactory()
    _schedule(user)
    assert reminders.reminders_cancel(subject="item:1") == 1
    sweep(now=MORNING)
    assert not Notification.objects.exists()
    _schedule(user)  # rescheduled for the same day (e.g. a sign-off was undone)
    sweep(now=MORNING)
    assert Notification.objects.count() == 1


def test_status_reports_counts_and_lag(client, sweep):
    user = UserFactory()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _schedule(user, day=yesterday)
    # Written a day ago for yesterday morning: deliverable since then.
    Reminder.objects.update(created_at=reminders.due_at_for(yesterday))
    status = reminders.reminders_status(
        now=reminders.due_at_for(yesterday) + datetime.timedelta(days=1, minutes=1)
    )
    assert status["pending"] == status["due"] == 1
    assert status["lag_seconds"] == 24 * 3600 + 60
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/inbox/health/")
    assert response.status_code == 503 and response.json()["pending"] == 1
    assert "no-store" in response["Cache-Control"]
    sweep(now=timezone.now())
    response = client.get("/inbox/health/")
    assert response.status_code == 200 and response.json()["sent"] == 1


def test_health_tells_only_staff_the_figures(client):
    """A load balancer (no login) and a member get one word; staff get the counts."""
    _schedule(UserFactory(), day=timezone.localdate() - datetime.timedelta(days=1))
    Reminder.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    for user in (None, UserFactory()):
        if user:
            client.force_login(user)
        response = client.get("/inbox/health/")
        assert response.status_code == 503
        assert response.content == b"unhealthy" and response["Content-Type"].startswith(
            "text/plain"
        )
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/inbox/health/")
    assert response.status_code == 503 and response.json()["pending"] == 1
    Reminder.objects.all().delete()
    client.logout()
    response = client.get("/inbox/health/")
    assert response.status_code == 200 and response.content == b"healthy"


def test_deactivation_through_the_service_cancels_with_the_reason(sweep, org_tree):
    from members.services import member_deactivate
    from tests.members.factories import MemberFactory

    member = MemberFactory(branch=org_tree["a"])
    _schedule(member.user, n=2)
    member_deactivate(member=member)
    assert set(Reminder.objects.values_list("status", "cancel_reason")) == {
        ("cancelled", "recipient_inactive")
    }
    member.user.refresh_from_db()
    _schedule(member.user, subject="item:5")  # nothing new for an inactive account
    assert Reminder.objects.get(subject="item:5").status == ReminderStatus.CANCELLED
    sweep(now=MORNING)
    assert not Notification.objects.exists()
    other = UserFactory()
    _schedule(other, subject="item:9")
    reminders.reminders_cancel(subject="item:9")
    assert Reminder.objects.get(subject="item:9").cancel_reason == "withdrawn"
    _schedule(other, subject="item:9")  # back on the schedule, without a reason
    assert Reminder.objects.get(subject="item:9").cancel_reason == ""
