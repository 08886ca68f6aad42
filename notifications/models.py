from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailState(models.TextChoices):
    NONE = "none", _("无需邮件")
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NotificationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message in one user's inbox. ``key`` makes delivery idempotent: the same
    (recipient, key) is stored once, however often it is sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    # When its e-mail was last handed to the queue (see services.emails_requeue).
    email_queued_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]

    def __str__(self) -> str:
        return self.title


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    CLAIMED = "claimed", _("发送中")
    SENT = "sent", _("已送达")
    CANCELLED = "cancelled", _("已取消")


class CancelReason(models.TextChoices):
    """Why a reminder will never be delivered (a cancelled row keeps its reason)."""

    WITHDRAWN = "withdrawn", _("已撤回")  # its cause went away (signed off, rescheduled…)
    RECIPIENT_INACTIVE = "recipient_inactive", _("收件人账号已停用")
    UNDELIVERABLE = "undeliverable", _("多次投递失败")


class Reminder(models.Model):
    """The outbox: a reminder row is written in the same transaction as the change that
    causes it. The database is the schedule; Celery beat's sweep claims due rows
    (FOR UPDATE SKIP LOCKED), and delivery marks them sent in the same transaction that
    puts the digest in the inbox."""

    key = models.CharField(max_length=250, unique=True)
    subject = models.CharField(max_length=100)  # e.g. "item:42", "lookback:7"
    kind = models.CharField(max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    due_on = models.DateField()
    due_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=20, choices=CancelReason.choices, blank=True)
    # Deliveries of this row that failed with an error (not lost messages or a dead worker):
    # after reminders.MAX_ATTEMPTS the row is cancelled as undeliverable, with the last error.
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        indexes = [
            # The sweep reads only due rows: its cost follows them, not the whole table.
            models.Index(
                fields=["due_at"], name="reminder_pending_due", condition=Q(status="pending")
            ),
            models.Index(
                fields=["claimed_at"], name="reminder_claimed", condition=Q(status="claimed")
            ),
            # A delivery reads its claim by token: the claimed rows only, not every row of
            # the recipient's schedule (which grows with the ledger).
            models.Index(
                fields=["claim_token"],
                name="reminder_claim_token",
                condition=Q(status="claimed"),
            ),
            models.Index(fields=["subject", "status"], name="reminder_subject"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="claimed", claim_token__isnull=False, claimed_at__isnull=False)
                | ~Q(status="claimed"),
                name="reminder_claim_has_token",
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled") & ~Q(cancel_reason="")
                | ~Q(status="cancelled") & Q(cancel_reason=""),
                name="reminder_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False, notification__isnull=False)
                | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="reminder_sent_has_notification",
            ),
        ]

    def __str__(self) -> str:
        return self.key
