"""The notification centre: inbox exactly once per key, unread count, e-mail at least once."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications import services
from notifications.models import EmailState, Notification
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_same_key_is_delivered_once(django_capture_on_commit_callbacks):
    user = UserFactory(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notification_send(recipients=[user, user], key="k1", title="标题")
        again = services.notification_send(recipients=[user], key="k1", title="标题")
    assert len(first) == 1 and again == []
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get().email_state == EmailState.SENT


def test_no_address_means_no_mail():
    user = UserFactory(email="")
    services.notification_send(recipients=[user], key="k", title="t")
    assert Notification.objects.get().email_state == EmailState.NONE


def test_failed_mail_is_marked_and_kept_for_staff(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.notifications.broken_backend.BrokenBackend"
    user = UserFactory(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(recipients=[user], key="k", title="t")
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.FAILED
    assert "SMTP down" in notification.email_error
    assert notification.email_attempts == 1


def test_an_email_whose_task_was_lost_is_queued_again_once(django_capture_on_commit_callbacks):
    """The broker lost the task (flushed Redis): the message stays pending until the hourly
    requeue sends it; one that is only waiting for its task is left alone."""
    import datetime

    from django.utils import timezone

    user = UserFactory(email="a@example.org")
    # the commit callbacks (the tasks) are never run: as if Redis lost them
    lost = services.notification_send(recipients=[user], key="lost", title="丢失的邮件")[0]
    waiting = services.notification_send(recipients=[user], key="waiting", title="排队的邮件")[0]
    now = timezone.now()
    Notification.objects.filter(pk=lost.pk).update(
        email_queued_at=now - datetime.timedelta(hours=2)
    )
    Notification.objects.filter(pk=waiting.pk).update(
        email_queued_at=now - datetime.timedelta(minutes=10)
    )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.emails_requeue(now=now) == 1
    assert [m.subject for m in mail.outbox] == ["丢失的邮件"]
    assert Notification.objects.get(pk=lost.pk).email_state == EmailState.SENT
    assert Notification.objects.get(pk=waiting.pk).email_state == EmailState.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert services.emails_requeue(now=now) == 0  # sent: never again
    assert len(mail.outbox) == 1


def test_inbox_is_private_and_opening_marks_read(client):
    alice, bob = UserFactory(), UserFactory()
    services.notification_send(recipients=[alice], key="k", title="给甲的消息", url="/members/")
    client.force_login(bob)
    assert "给甲的消息" not in client.get(reverse("notifications:inbox")).content.decode()
    note = Notification.objects.get()
    assert client.post(reverse("notifications:open", args=[note.pk])).status_code == 404

    client.force_login(alice)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "给甲的消息" in page and 'id="unread-count">1<' in page
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == "/members/"
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'id="unread-count"' not in page


def test_open_never_redirects_off_site(client):
    user = UserFactory()
    services.notification_send(recipients=[user], key="k", title="t", url="https://evil.example/")
    client.force_login(user)
    note = Notification.objects.get()
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:inbox")
