"""members.links: one reverse for a list's links, the same URLs as ``reverse``."""

from __future__ import annotations

import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from members.links import link_maker


@pytest.mark.parametrize(
    "name",
    ["meetings:detail", "meetings:draft-review", "rectification:item", "rectification:ledger"],
)
def test_a_link_maker_makes_what_reverse_makes(name):
    make = link_maker(name)
    for pk in (1, 7, 40, 123456789, 4611686018427387903):
        assert make(pk) == reverse(name, args=[pk])


def test_links_carry_the_script_prefix():
    """Served under a path (SCRIPT_NAME), the links start with it, as ``reverse``'s do."""
    before = get_script_prefix()
    set_script_prefix("/orglife/")
    try:
        link = link_maker("rectification:item")(5)
        assert link == reverse("rectification:item", args=[5])
        assert link.startswith("/orglife/")
    finally:
        set_script_prefix(before)
