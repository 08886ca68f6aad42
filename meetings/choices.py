from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    THEMED = "themed", _("专题组织生活会")
    ANNUAL = "annual", _("年度组织生活会")


class MeetingStatus(models.TextChoices):
    PLANNING = "planning", _("筹备")
    PREPARING = "preparing", _("会前准备")
    HELD = "held", _("已召开")
    RECTIFYING = "rectifying", _("整改中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("未报送")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已批准")
    RETURNED = "returned", _("已退回")


class PlanAction(models.TextChoices):
    SUBMIT = "submit", _("报送审批")
    APPROVE = "approve", _("批准")
    RETURN = "return", _("退回")


class OpinionTarget(models.TextChoices):
    COMMITTEE = "committee", _("支部委员会")
    MEMBER = "member", _("党员个人")
    BRANCH = "branch", _("支部整体")


class OpinionSource(models.TextChoices):
    MEMBER = "member", _("党员")
    PUBLIC = "public", _("群众")


class OpinionDisposition(models.TextChoices):
    UNSORTED = "unsorted", _("待梳理")
    KEPT = "kept", _("采纳为问题")
    DISMISSED = "dismissed", _("不予采纳")


class TalkRule(models.TextChoices):
    SECRETARY = "secretary", _("书记与党员")
    COMMITTEE = "committee", _("支委之间")
    MEMBERS = "members", _("党员之间")
    OPTIONAL = "optional", _("自主谈话")


DEFAULT_AGENDA = (
    "通报上次组织生活会整改情况",
    "支部书记代表支委会作对照检查",
    "党员逐个进行自我批评,开展相互批评",
    "民主评议党员",
    "上级党组织点评",
)
CRITICISM_KEYWORDS = ("批评",)


class DraftStatus(models.TextChoices):
    WRITING = "writing", _("撰写中")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("已通过")


class ProblemCategory(models.TextChoices):
    """查摆问题的类别 — also used by the problem list and the ledger."""

    POLITICS = "politics", _("政治信仰")
    STUDY = "study", _("理论学习")
    DISCIPLINE = "discipline", _("纪律规矩")
    DUTY = "duty", _("担当作为")
    STYLE = "style", _("工作作风")
    INTEGRITY = "integrity", _("廉洁自律")
    MASSES = "masses", _("联系群众")
    ROLE = "role", _("先锋模范作用")
    OTHER = "other", _("其他")


class DraftPart(models.TextChoices):
    """The standard parts of a draft; comments are attached per part."""

    GAINS = "gains", _("学习收获")
    PROBLEMS = "problems", _("查摆问题")
    CAUSES = "causes", _("剖析根源")
    MEASURES = "measures", _("整改措施")
    DIRECTION = "direction", _("努力方向")
    GENERAL = "general", _("总体意见")


CAUSE_FIELDS = (
    ("cause_thinking", _("思想意识")),
    ("cause_conduct", _("能力作风")),
    ("cause_family", _("家风环境")),
    ("cause_other", _("其他")),
)


class Grade(models.TextChoices):
    """民主评议党员的等次."""

    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class EvaluationStatus(models.TextChoices):
    SELF_ASSESSMENT = "self", _("个人自评")
    VOTING = "voting", _("投票中")
    CLOSED = "closed", _("投票结束")
    FINALIZED = "finalized", _("结果已确定")
