"""Navigation to the record from other apps' templates (a link, never an import)."""

from django import template

from records.querysets import may_see_record as _may_see_record

register = template.Library()


@register.filter
def may_see_record(user, member) -> bool:
    """``{% if user|may_see_record:member %}`` — the member must have ``branch`` loaded."""
    return _may_see_record(user, member)
