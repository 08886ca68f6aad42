from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventKind(models.TextChoices):
    """What the audit log records (等保 2.0 level 2: 身份鉴别, 访问控制, 安全审计).

    Never anything on the anonymous paths: an anonymous opinion, the public opinion link, the
    public ledger link, a secret ballot."""

    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGIN_LOCKED = "login_locked", _("登录锁定")
    LOGOUT = "logout", _("退出登录")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PASSWORD_RESET = "password_reset", _("通过邮件重置密码")
    PASSWORD_TEMPORARY = "password_temporary", _("书记重置为一次性密码")
    ACCOUNT_CREATED = "account_created", _("创建登录账号")
    POSITION_CHANGED = "position_changed", _("支委职务变更")
    SUPERVISOR_ASSIGNED = "supervisor_assigned", _("指定上级督导人员")
    SUPERVISOR_REMOVED = "supervisor_removed", _("撤销上级督导人员")
    ROSTER_IMPORTED = "roster_imported", _("导入党员名册")
    MEMBER_DEACTIVATED = "member_deactivated", _("停用党员")
    MEMBER_REACTIVATED = "member_reactivated", _("恢复党员")
    PLAN_APPROVED = "plan_approved", _("批准方案")
    PLAN_RETURNED = "plan_returned", _("退回方案")
    ITEM_SIGNED_OFF = "item_signed_off", _("整改事项销号")
    ITEM_SENT_BACK = "item_sent_back", _("整改事项退回")
    PUBLICITY_ON = "publicity_on", _("开启台账公示")
    PUBLICITY_OFF = "publicity_off", _("关闭台账公示")
    EXPORT = "export", _("导出")


LOGIN_EVENTS = (AuditEventKind.LOGIN, AuditEventKind.LOGIN_FAILED, AuditEventKind.LOGIN_LOCKED)
