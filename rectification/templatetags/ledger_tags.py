"""The member's home page card "我的整改事项", and small helpers for the ledger pages."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("rectification/ledger_my_items.html", takes_context=True)
def my_items(context, member):
    """The member's unfinished items (nearest deadline first, overdue in red) and, for a
    secretary, how many items wait for her sign-off."""
    from rectification.selectors.ledger import MY_ITEMS_SHOWN, awaiting_signoff
    from rectification.selectors.ledger import my_items as read_my_items

    items = read_my_items(member=member)
    awaiting = 0
    user = context.get("user")
    if member.position == "secretary" and user is not None and user.pk == member.user_id:
        awaiting = awaiting_signoff(user=user).filter(branch_id=member.branch_id).count()
    return {
        "member": member,
        "items": items,
        "more": len(items) >= MY_ITEMS_SHOWN,
        "awaiting": awaiting,
        "today": timezone.localdate(),
    }


@register.filter
def days_overdue(deadline: datetime.date) -> int:
    """Days past the deadline (0 when not past)."""
    return max((timezone.localdate() - deadline).days, 0) if deadline else 0


_BADGES = {
    "signed_off": "success",
    "awaiting": "warning",
    "in_progress": "primary",
    "not_started": "secondary",
}


@register.simple_tag
def item_status(item, overdue=None):
    """The status badge: the stored status, or 逾期 (computed) for an open item past its
    deadline. ``overdue`` may be passed when the caller has computed it already. A plain
    tag (no template of its own): the ledger draws it 50 times a page."""
    if overdue is None:
        overdue = item.is_overdue()
    if overdue:
        return format_html(
            '<span class="badge text-bg-danger" data-status="overdue">{}</span>', _("逾期")
        )
    status = item.status if item.status in _BADGES else "not_started"
    return format_html(
        '<span class="badge text-bg-{}" data-status="{}">{}</span>',
        _BADGES[status],
        status,
        getattr(item, "status_label", None) or item.get_status_display(),
    )
