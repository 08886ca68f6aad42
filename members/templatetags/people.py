"""``{{ user|person }}``: a person's name as every page shows it (never a login name)."""

from django import template

from members.selectors import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)
