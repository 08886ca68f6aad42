"""Who may do what with a ledger item (整改事项) — the rules the services enforce and the
pages use to show buttons, so the two cannot disagree. Reads only.

- create or edit an item: the branch committee and the supervisors above;
- report progress: the owner (a committee item's lead) or the branch committee/supervisors;
- mark done (申请销号): the owner or lead — the branch committee only on behalf of one who
  has no login;
- sign off or send back: a member's item — the branch secretary (not her own item) or a
  supervisor above; a committee item — a supervisor above only;
- interview (约谈): the branch secretary or a supervisor above;
- publicity by a public link: the branch secretary.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from members.choices import Position
from members.models import Member, Organization
from members.querysets import scope_of
from members.selectors import can_manage_branch, can_supervise_branch, supervisor_users
from rectification.models import RectificationItem


def responsible_id(item: RectificationItem) -> int | None:
    """The member who answers for the item: the owner, or a committee item's lead."""
    return item.lead_id if item.is_committee else item.owner_id


def responsible(item: RectificationItem) -> Member | None:
    return item.lead if item.is_committee else item.owner


def is_responsible(*, user, item: RectificationItem) -> bool:
    scope = scope_of(user)
    return scope.member_id is not None and scope.member_id == responsible_id(item)


def can_edit_item(*, user, item: RectificationItem) -> bool:
    return can_manage_branch(user=user, branch=item.branch)


def can_report(*, user, item: RectificationItem) -> bool:
    return is_responsible(user=user, item=item) or can_manage_branch(user=user, branch=item.branch)


def can_mark_done(*, user, item: RectificationItem) -> bool:
    if is_responsible(user=user, item=item):
        return True
    member = responsible(item)
    no_login = member is None or member.user_id is None
    scope = scope_of(user)
    return no_login and (scope.everything or scope.managed_branch_id == item.branch_id)


def can_sign_off(*, user, item: RectificationItem) -> bool:
    """Committee items: a supervisor above. Members' items: also the branch secretary,
    except for her own item."""
    if can_supervise_branch(user=user, branch=item.branch):
        return True
    if item.is_committee:
        return False
    scope = scope_of(user)
    return scope.secretary_branch_id == item.branch_id and scope.member_id != item.owner_id


def can_interview(*, user, branch: Organization) -> bool:
    scope = scope_of(user)
    return scope.secretary_branch_id == branch.pk or can_supervise_branch(user=user, branch=branch)


def can_set_publicity(*, user, branch: Organization) -> bool:
    return scope_of(user).secretary_branch_id == branch.pk


def secretary_users(*, branch: Organization):
    return get_user_model().objects.filter(
        is_active=True,
        member__branch=branch,
        member__position=Position.SECRETARY,
        member__is_active=True,
    )


def user_of(member: Member | None):
    if member is None or member.user_id is None:
        return None
    return get_user_model().objects.filter(pk=member.user_id, is_active=True).first()


def item_signers(item: RectificationItem) -> list:
    """Who is asked to sign the item off: for a member's item the branch secretary (unless
    it is her own), else — and for committee items — the supervisors above the branch."""
    if not item.is_committee:
        secretaries = list(secretary_users(branch=item.branch).exclude(member__pk=item.owner_id))
        if secretaries:
            return secretaries
    return list(supervisor_users(branch=item.branch))
