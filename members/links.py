"""Links to many objects of one kind, made fast: ``link_maker(name)`` reverses the URL once and
fills in each primary key — a list of 50 rows with two links each would otherwise call
``reverse`` 100 times (about 30 µs each)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# 2**62: a number no other part of our URLs spells
_MARK = str(2**62)


def link_maker(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` as a function of ``pk`` (an integer), the URL pattern
    reversed only here; a pattern that does not take the marker is reversed each time."""
    head, found, tail = reverse(name, args=[int(_MARK)]).partition(_MARK)
    if not found or _MARK in tail:
        return lambda pk: reverse(name, args=[pk])
    return lambda pk: f"{head}{int(pk)}{tail}"
