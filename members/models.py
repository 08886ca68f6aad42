from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from members.choices import Gender, MemberCategory, OrganizationKind, Position
from members.querysets import MemberQuerySet, OrganizationManager


class Organization(MP_Node):
    """党委 → 党总支 → 党支部, any depth, stored as a materialized path (django-treebeard)."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=OrganizationKind.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    steplen = 5
    objects = OrganizationManager()

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        indexes = [
            models.Index(fields=["kind", "path"], name="org_kind_path"),
            # An organization's children as a range (depth = d + 1, path in the parent's
            # range), walked in path order: a page of them reads that page, not the
            # descendants between them.
            models.Index(fields=["depth", "path"], name="org_depth_path"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_branch(self) -> bool:
        return self.kind == OrganizationKind.BRANCH


class Member(models.Model):
    """A Party member (党员) of one branch. Members with history are deactivated, never deleted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member",
    )
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices)
    category = models.CharField(
        _("党员类别"), max_length=20, choices=MemberCategory.choices, default=MemberCategory.FULL
    )
    joined_on = models.DateField(_("入党日期"))
    branch = models.ForeignKey(
        Organization,
        verbose_name=_("所在党支部"),
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": OrganizationKind.BRANCH},
    )
    position = models.CharField(
        _("支委职务"), max_length=20, choices=Position.choices, blank=True, default=Position.NONE
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    # 组织关系转接: a transfer closes this row and opens one in the new branch (see
    # ``MemberTransfer``). Every later row of the same person points at the first row here,
    # so "all the rows of this person" is one indexed read; null for a first row.
    origin = models.ForeignKey(
        "self",
        verbose_name=_("最初的党员记录"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Set when someone else gave the account its password (created by a secretary or a roster
    # import, or reset to a one-time password): the next login must change it first.
    must_change_password = models.BooleanField(_("须修改密码"), default=False, db_default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["branch", "is_active", "name"], name="member_roster"),
            # "is this member an active secretary, of which branch": one probe of a small
            # index (one entry per branch) — the supervisor's list of drafts asks it of every
            # submitted draft it walks (meetings.selectors.drafts, SECRETARY_OWN_DRAFT)
            models.Index(
                fields=["id", "branch"],
                condition=Q(position=Position.SECRETARY, is_active=True),
                name="active_secretary_by_id",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["branch"],
                condition=Q(position=Position.SECRETARY, is_active=True),
                name="one_active_secretary_per_branch",
                violation_error_message=_("一个党支部只能有一名在任书记。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_committee(self) -> bool:
        return bool(self.position)


class MemberTransfer(models.Model):
    """组织关系转接: a member moved from one branch to another (``members.services.member_transfer``).

    The row in the old branch (``earlier``) is closed — taken off the active roster, its login
    moved to the new row — and stays with everything that happened there (attendance, drafts,
    problems, items, grades, talks), so the old branch's meetings and ledger are unchanged.
    ``member`` is the new row. The record (``records``) reads the person's earlier rows
    through ``Member.origin``. Never edited, never deleted."""

    member = models.ForeignKey(
        Member, verbose_name=_("转入后的党员记录"), on_delete=models.PROTECT, related_name="+"
    )
    earlier = models.OneToOneField(
        Member,
        verbose_name=_("转出前的党员记录"),
        on_delete=models.PROTECT,
        related_name="transfer_out",
    )
    from_branch = models.ForeignKey(
        Organization, verbose_name=_("转出党支部"), on_delete=models.PROTECT, related_name="+"
    )
    to_branch = models.ForeignKey(
        Organization, verbose_name=_("转入党支部"), on_delete=models.PROTECT, related_name="+"
    )
    transferred_on = models.DateField(_("转接日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["transferred_on", "pk"]
        indexes = [
            models.Index(fields=["member"], name="transfer_member"),
            models.Index(fields=["from_branch"], name="transfer_from_branch"),
        ]

    def __str__(self) -> str:
        return f"{self.earlier} {self.from_branch} → {self.to_branch} {self.transferred_on}"


class Supervisor(models.Model):
    """A user of the upper organization (上级党组织) who oversees every branch beneath it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="supervisions",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所督导的党组织"),
        on_delete=models.CASCADE,
        related_name="supervisors",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("上级督导人员")
        verbose_name_plural = _("上级督导人员")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_supervision_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"


class BranchChange(models.Model):
    """The journal of changes to what the supervisors' figures count (支部数据变更记录).

    A service that changes what the supervision rollups count — a problem, an item, a
    meeting's date or status, a draft awaiting the supervisor, a look-back, a secretary's
    position — appends one row naming the branch, inside its own transaction
    (``members.changes.branch_changed``). That is a plain INSERT: no shared row is locked,
    so writers in different branches never wait for each other, and no app has to know who
    reads the figures. ``supervision`` folds the journal into its rollups and deletes the
    rows it folded (``supervision.services.rollups.rollups_fold``).
    """

    branch = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("支部数据变更记录")
        verbose_name_plural = _("支部数据变更记录")

    def __str__(self) -> str:
        return f"{self.branch_id}"


class ImportConfirmation(models.Model):
    """A roster-import preview that has been confirmed. Its one-time key travels in the
    signed preview token; recording it (unique) in the import's own transaction makes a
    confirmation count once — a replayed token or a double click imports nothing more."""

    nonce = models.CharField(max_length=64, unique=True)
    branch = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("名册导入确认")
        verbose_name_plural = _("名册导入确认")

    def __str__(self) -> str:
        return self.nonce
