"""The retention period may not be set below the legal minimum (网络安全法 第二十一条: logs
kept no less than six months)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def retention_check(app_configs, **kwargs):
    days = settings.ORGLIFE_AUDIT_RETENTION_DAYS
    minimum = settings.ORGLIFE_AUDIT_MIN_RETENTION_DAYS
    if days < minimum:
        return [
            Error(
                f"ORGLIFE_AUDIT_RETENTION_DAYS={days}: the audit log must be kept at least "
                f"{minimum} days (网络安全法: no less than six months).",
                id="audit.E001",
            )
        ]
    return []
