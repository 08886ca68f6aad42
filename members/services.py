"""Writes for organizations, members and supervisors. Each is atomic and guards its own rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.changes import branch_changed
from members.choices import OrganizationKind, Position
from members.importing import RowError, validate_rows
from members.models import ImportConfirmation, Member, Organization, Supervisor
from members.querysets import forget_scope

User = get_user_model()


@transaction.atomic
def organization_create(
    *, name: str, kind: str, parent: Organization | None = None
) -> Organization:
    if parent is None:
        return Organization.objects.add_root({"name": name, "kind": kind})
    if parent.kind == OrganizationKind.BRANCH:
        raise ValidationError(_("党支部下不能再设下级组织。"))
    parent.refresh_from_db()  # treebeard needs the current numchild
    return Organization.objects.add_child(parent, {"name": name, "kind": kind})


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
) -> Member:
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
    member.save()
    return member


_EDITABLE = ("name", "gender", "category", "joined_on", "position", "phone", "email")


@transaction.atomic
def member_update(*, member: Member, data: Mapping[str, object]) -> Member:
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
    return member


def _figures_changed(member: Member) -> None:
    """The supervisors' rollups count the secretary's own draft while it waits for review:
    a change of position or of active state can change that count."""
    branch_changed(branch_id=member.branch_id)


@transaction.atomic
def member_deactivate(*, member: Member) -> Member:
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
    return member


@transaction.atomic
def member_reactivate(*, member: Member) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.is_active:
        return member
    _check_secretary(branch=member.branch, position=member.position, exclude_pk=member.pk)
    member.is_active = True
    member.save(update_fields=["is_active", "updated_at"])
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(is_active=True)
    _figures_changed(member)
    return member


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
    return [member_create(branch=branch, **row) for row in cleaned]


@transaction.atomic
def supervisor_assign(*, user, organization: Organization) -> Supervisor:
    supervisor, _created = Supervisor.objects.get_or_create(user=user, organization=organization)
    forget_scope(user)
    return supervisor
