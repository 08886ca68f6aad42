"""Writes for organizations, members and supervisors. Each is atomic and guards its own rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.choices import AuditEventKind
from audit.services import audit_record
from members.changes import branch_changed
from members.choices import OrganizationKind, Position
from members.importing import RowError, validate_rows
from members.models import ImportConfirmation, Member, MemberTransfer, Organization, Supervisor
from members.passwords import one_time_password
from members.querysets import forget_scope, scope_of

User = get_user_model()


@transaction.atomic
def organization_create(
    *, name: str, kind: str, parent: Organization | None = None
) -> Organization:
    """A new organization; a new branch is announced (``branch_changed``), so the
    supervisors' branch counts (supervision's rollups) include it after the next fold."""
    if parent is None:
        org = Organization.objects.add_root({"name": name, "kind": kind})
    elif parent.kind == OrganizationKind.BRANCH:
        raise ValidationError(_("党支部下不能再设下级组织。"))
    else:
        parent.refresh_from_db()  # treebeard needs the current numchild
        org = Organization.objects.add_child(parent, {"name": name, "kind": kind})
    if org.kind == OrganizationKind.BRANCH:
        branch_changed(branch_id=org.pk)
    return org


def _check_branch(branch: Organization) -> None:
    if branch.kind != OrganizationKind.BRANCH:
        raise ValidationError({"branch": _("党员只能编入党支部。")})


def _check_secretary(*, branch: Organization, position: str, exclude_pk: int | None) -> None:
    if position != Position.SECRETARY:
        return
    others = Member.objects.filter(branch=branch, position=Position.SECRETARY, is_active=True)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    holder = others.first()
    if holder is not None:
        raise ValidationError(
            {"position": _("本支部已有在任书记(%(name)s),请先调整其职务。") % {"name": holder.name}}
        )


def _create_account(*, username: str, password: str, email: str = "") -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("登录名“%(u)s”已被使用。") % {"u": username}})
    user = User(username=username, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def member_create(
    *,
    branch: Organization,
    name: str,
    gender: str,
    joined_on: datetime.date,
    category: str = "full",
    position: str = "",
    phone: str = "",
    email: str = "",
    username: str = "",
    password: str = "",
    by=None,
    password_temporary: bool = True,
) -> Member:
    """Add a member, with a login when ``username`` is given. A password set by someone else
    is temporary (``password_temporary``): the member changes it at the first login."""
    _check_branch(branch)
    _check_secretary(branch=branch, position=position, exclude_pk=None)
    member = Member(
        branch=branch,
        name=name.strip(),
        gender=gender,
        joined_on=joined_on,
        category=category,
        position=position,
        phone=phone.strip(),
        email=email.strip(),
    )
    member.full_clean(exclude=["user"])
    if username:
        member.user = _create_account(username=username.strip(), password=password, email=email)
        member.must_change_password = password_temporary
    member.save()
    if member.user_id and by is not None:
        audit_record(
            event=AuditEventKind.ACCOUNT_CREATED, actor=by, organization=branch, target=member
        )
    return member


_EDITABLE = ("name", "gender", "category", "joined_on", "position", "phone", "email")


@transaction.atomic
def member_update(*, member: Member, data: Mapping[str, object], by=None) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    position = member.position
    for field in _EDITABLE:
        if field in data:
            setattr(member, field, data[field])
    _check_secretary(branch=member.branch, position=member.position, exclude_pk=member.pk)
    member.full_clean(exclude=["user"])
    member.save()
    if member.user_id:
        forget_scope(member.user)
    if member.position != position:
        _figures_changed(member)
        audit_record(
            event=AuditEventKind.POSITION_CHANGED,
            actor=by,
            organization=member.branch,
            target=member,
            detail=f"{Position(position).label} → {Position(member.position).label}",
        )
    return member


def _figures_changed(member: Member) -> None:
    """The supervisors' rollups count the secretary's own draft while it waits for review:
    a change of position or of active state can change that count."""
    branch_changed(branch_id=member.branch_id)


@transaction.atomic
def member_deactivate(*, member: Member, by=None) -> Member:
    """Take a member off the active roster (and disable their login). Idempotent."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        return member
    member.is_active = False
    member.save(update_fields=["is_active", "updated_at"])
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(is_active=False)
        from notifications.reminders import reminders_cancel

        reminders_cancel(recipient=member.user)
    _figures_changed(member)
    audit_record(
        event=AuditEventKind.MEMBER_DEACTIVATED, actor=by, organization=member.branch, target=member
    )
    return member


@transaction.atomic
def member_reactivate(*, member: Member, by=None) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.is_active:
        return member
    _check_secretary(branch=member.branch, position=member.position, exclude_pk=member.pk)
    member.is_active = True
    member.save(update_fields=["is_active", "updated_at"])
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(is_active=True)
    _figures_changed(member)
    audit_record(
        event=AuditEventKind.MEMBER_REACTIVATED, actor=by, organization=member.branch, target=member
    )
    return member


def can_transfer(*, user, member: Member) -> bool:
    """Who may record a transfer out of the member's branch (组织关系转出): the branch
    secretary, a supervisor above the branch, a superuser."""
    scope = scope_of(user)
    if scope.everything or scope.secretary_branch_id == member.branch_id:
        return True
    return any(member.branch.path.startswith(p) for p in scope.supervised_paths)


@transaction.atomic
def member_transfer(
    *,
    member: Member,
    to_branch: Organization,
    transferred_on: datetime.date | None = None,
    note: str = "",
    by=None,
) -> MemberTransfer:
    """组织关系转接: move ``member`` to ``to_branch``.

    The row in the old branch is closed (off the active roster, so the old branch's meetings,
    talks, drafts and evaluations stop counting them, as for any member who leaves) and keeps
    its history; a new row in the new branch takes the login, the personal fields and no
    committee post (posts belong to a branch). ``MemberTransfer`` records who, from where, to
    where and when. Transferring again to the same branch (a retry) changes nothing and
    returns the same transfer. ``by=None`` is the system (an import or a shell)."""
    member = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    to_branch = Organization.objects.get(pk=to_branch.pk)
    done = MemberTransfer.objects.filter(earlier=member).select_related("member").first()
    if done is not None:
        if done.to_branch_id == to_branch.pk:
            return done
        raise ValidationError(_("该党员的组织关系已经转出,请在转入后的党支部办理。"))
    if by is not None and not can_transfer(user=by, member=member):
        raise PermissionDenied
    _check_branch(to_branch)
    if to_branch.pk == member.branch_id:
        raise ValidationError({"to_branch": _("转入党支部与所在党支部相同。")})
    if not member.is_active:
        raise ValidationError(_("该党员已停用,不能办理组织关系转接。"))
    account = member.user
    new = Member(
        branch=to_branch,
        name=member.name,
        gender=member.gender,
        category=member.category,
        joined_on=member.joined_on,
        phone=member.phone,
        email=member.email,
        must_change_password=member.must_change_password,
        origin_id=member.origin_id or member.pk,
    )
    member.is_active = False
    member.user = None
    member.save(update_fields=["is_active", "user", "updated_at"])
    new.user = account
    new.save()
    transfer = MemberTransfer.objects.create(
        member=new,
        earlier=member,
        from_branch_id=member.branch_id,
        to_branch=to_branch,
        transferred_on=transferred_on or timezone.localdate(),
        note=note.strip()[:200],
        by=by,
    )
    if account is not None:
        forget_scope(account)
        from notifications.reminders import reminders_cancel

        reminders_cancel(recipient=account)  # they were about the old branch
    _figures_changed(member)
    _figures_changed(new)
    return transfer


class ImportRejected(Exception):
    """Nothing was saved: the file has bad rows. ``errors`` names each one."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


class ImportAlreadyConfirmed(Exception):
    """This preview was imported already (a replayed token, a double click): nothing new."""


@transaction.atomic
def member_import(
    *,
    branch: Organization,
    rows: Iterable[Mapping[str, object]],
    confirmation: str | None = None,
    by=None,
) -> list[Member]:
    """Add every row to the branch, or none of them.

    ``confirmation`` is the preview's one-time key: recorded (unique) in this transaction,
    so a second confirmation of the same preview — replayed, or racing the first — raises
    ImportAlreadyConfirmed and saves nothing."""
    _check_branch(branch)
    if confirmation is not None:
        try:
            with transaction.atomic():
                ImportConfirmation.objects.create(nonce=confirmation, branch=branch)
        except IntegrityError:
            raise ImportAlreadyConfirmed from None
    cleaned, errors = validate_rows(branch=branch, rows=list(rows))
    if errors:
        raise ImportRejected(errors)
    created = [member_create(branch=branch, **row) for row in cleaned]
    audit_record(
        event=AuditEventKind.ROSTER_IMPORTED,
        actor=by,
        organization=branch,
        detail=_("导入 %(n)d 名党员,其中 %(a)d 人有登录账号")
        % {"n": len(created), "a": sum(1 for m in created if m.user_id)},
    )
    return created


@transaction.atomic
def supervisor_assign(*, user, organization: Organization, by=None) -> Supervisor:
    supervisor, created = Supervisor.objects.get_or_create(user=user, organization=organization)
    forget_scope(user)
    if created:
        audit_record(
            event=AuditEventKind.SUPERVISOR_ASSIGNED,
            actor=by,
            organization=organization,
            target=user,
            target_label=user.get_full_name() or user.get_username(),
        )
    return supervisor


# --- passwords ---------------------------------------------------------------------------


def can_reset_password(*, user, member: Member) -> bool:
    """The branch secretary (or a superuser) may give a member of the branch a one-time
    password — not their own (that is 修改密码), not an administrator's."""
    scope = scope_of(user)
    if member.user_id is None or member.user_id == user.pk:
        return False
    return scope.everything or scope.secretary_branch_id == member.branch_id


@transaction.atomic
def member_password_reset(*, member: Member, by, request=None) -> str:
    """Give the member's login a one-time password and return it (shown once, stored only as
    a hash). The member must change it at the next login; their open sessions end (the
    password hash changed). Recorded in the audit log."""
    member = (
        Member.objects.select_for_update(of=("self",))
        .select_related("user", "branch")
        .get(pk=member.pk)
    )
    if not can_reset_password(user=by, member=member):
        raise PermissionDenied
    account = member.user
    if account.is_superuser or account.is_staff:
        raise PermissionDenied
    if not account.is_active or not member.is_active:
        raise ValidationError(_("该党员已停用,不能重置密码。"))
    password = one_time_password()
    account.set_password(password)
    account.save(update_fields=["password"])
    member.must_change_password = True
    member.save(update_fields=["must_change_password", "updated_at"])
    audit_record(
        event=AuditEventKind.PASSWORD_TEMPORARY,
        actor=by,
        organization=member.branch,
        target=member,
        request=request,
    )
    return password


@transaction.atomic
def account_password_changed(*, user, by_reset_link: bool = False, request=None) -> None:
    """After the user set a new password themselves (修改密码, or the e-mailed reset link):
    the temporary-password flag goes, and the audit log records it."""
    member = Member.objects.select_related("branch").filter(user=user).first()
    if member is not None and member.must_change_password:
        Member.objects.filter(pk=member.pk).update(must_change_password=False)
    audit_record(
        event=AuditEventKind.PASSWORD_RESET if by_reset_link else AuditEventKind.PASSWORD_CHANGED,
        actor=user,
        organization=member.branch if member is not None else None,
        request=request,
    )
