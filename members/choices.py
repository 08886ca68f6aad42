from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class MemberCategory(models.TextChoices):
    FULL = "full", _("正式党员")
    PROBATIONARY = "probationary", _("预备党员")


class Position(models.TextChoices):
    """支委职务 — a member's seat on the branch committee, if any."""

    NONE = "", _("无")
    SECRETARY = "secretary", _("书记")
    DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
    ORGANIZATION = "organization", _("组织委员")
    PUBLICITY = "publicity", _("宣传委员")
    DISCIPLINE = "discipline", _("纪检委员")


COMMITTEE_POSITIONS = frozenset(p for p in Position.values if p)
