"""The audit log: one row per security-relevant event, written once, never changed.

No foreign keys: who acted and where are kept as plain values *as they were* (the user's id
and the name people knew them by, the organization's id, name and materialized path), so a
row outlives renames, moves and deactivations, and this app imports no other project app.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.choices import AuditEventKind
from audit.querysets import AppendOnly, AuditEventManager


class AuditEvent(models.Model):
    at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)
    event = models.CharField(_("事件"), max_length=32, choices=AuditEventKind.choices)
    actor_id = models.PositiveBigIntegerField(_("操作人账号ID"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    organization_id = models.PositiveBigIntegerField(_("党组织ID"), null=True, blank=True)
    organization_path = models.CharField(_("党组织路径"), max_length=255, blank=True)
    organization_name = models.CharField(_("党组织"), max_length=100, blank=True)
    target_type = models.CharField(_("对象类型"), max_length=40, blank=True)
    target_id = models.PositiveBigIntegerField(_("对象ID"), null=True, blank=True)
    target_label = models.CharField(_("对象"), max_length=200, blank=True)
    detail = models.CharField(_("详情"), max_length=500, blank=True)
    # Only when the deployment keeps addresses (ORGLIFE_AUDIT_KEEP_IP, default off).
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    objects = AuditEventManager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-pk"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["at"], name="audit_at"),
            models.Index(fields=["actor_id", "event", "at"], name="audit_actor_event"),
            # The supervisor's subtree: organization_path LIKE 'prefix%' (PostgreSQL needs the
            # pattern operator class for LIKE under a non-C collation; elsewhere it is ignored).
            models.Index(
                fields=["organization_path"],
                name="audit_org_path",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_event_display()} {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit rows are removed only by audit_purge after the retention period")
