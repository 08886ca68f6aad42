from django.db import models
from django.utils.translation import gettext_lazy as _

from rectification import deadlines


class ProblemSource(models.TextChoices):
    DRAFT = "draft", _("对照检查查摆")
    CRITICISM = "criticism", _("相互批评")
    OPINION = "opinion", _("征求意见")
    SUPERVISOR = "supervisor", _("上级点评")


class ItemStatus(models.TextChoices):
    """Stored status. 逾期 (overdue) is computed from the deadline, never stored."""

    NOT_STARTED = deadlines.NOT_STARTED, _("未开始")
    IN_PROGRESS = deadlines.IN_PROGRESS, _("整改中")
    AWAITING_SIGNOFF = deadlines.AWAITING_SIGNOFF, _("待销号")
    SIGNED_OFF = deadlines.SIGNED_OFF, _("已销号")


OPEN_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)
UNFINISHED_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.AWAITING_SIGNOFF)


class Priority(models.TextChoices):
    """轻重缓急."""

    URGENT = "urgent", _("急")
    IMPORTANT = "important", _("重")
    NORMAL = "normal", _("缓")


class Difficulty(models.TextChoices):
    """难易程度."""

    HARD = "hard", _("难")
    MEDIUM = "medium", _("较难")
    EASY = "easy", _("易")


class EventKind(models.TextChoices):
    CREATED = "created", _("建立整改事项")
    EDITED = "edited", _("修改")
    STARTED = "started", _("开始整改")
    PROGRESS = "progress", _("报告进展")
    DONE = "done", _("完成并申请销号")
    SIGNED_OFF = "signed_off", _("销号")
    SENT_BACK = "sent_back", _("退回重新整改")
    DEADLINE = "deadline", _("调整整改时限")
    INTERVIEW = "interview", _("约谈")
    RECURRING = "recurring", _("标记屡改屡在")
