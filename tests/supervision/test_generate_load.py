"""generate_load with tiny numbers: a valid tree, consistent rows, rollups equal to live."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from meetings.models import Meeting
from members.models import Member, Organization, Supervisor
from rectification.models import Problem, RectificationItem
from supervision.loadgen import LOAD_ROOT, USERNAMES, path_step
from tests.supervision.rollup_check import assert_parents_match, assert_rollups_match_live

pytestmark = pytest.mark.django_db

TINY = {"branches": 5, "members_per_branch": 3, "items": 100}


def _run(**extra):
    call_command("generate_load", **TINY, **extra, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_paths_are_those_treebeard_would_give():
    assert path_step(1) == "00001"
    assert path_step(36) == "00010"
    assert path_step(36**2 + 5) == "00105"


def test_tiny_load_is_consistent(org_tree):
    """Generated beside existing data (the org_tree fixture): a new root, nothing else
    touched."""
    before = set(Organization.objects.values_list("pk", "path"))
    _run()
    root = Organization.objects.get(depth=1, name=LOAD_ROOT)
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    assert before <= set(Organization.objects.values_list("pk", "path"))
    subtree = Organization.objects.filter(path__startswith=root.path)
    assert subtree.filter(kind="branch").count() == 5
    assert Member.objects.filter(branch__path__startswith=root.path).count() == 15
    assert RectificationItem.objects.filter(branch__path__startswith=root.path).count() == 100
    branches = subtree.filter(kind="branch")
    held = Meeting.objects.filter(branch__in=branches, status="rectifying")
    assert held.count() == 5
    assert (
        not RectificationItem.objects.exclude(meeting__in=held).filter(branch__in=branches).exists()
    )
    assert Problem.objects.filter(branch__in=branches).count() >= 5
    statuses = set(RectificationItem.objects.values_list("status", flat=True))
    assert {"signed_off", "in_progress"} <= statuses
    # every item is its problem's owner's (or the committee's, led by the secretary)
    for item in RectificationItem.objects.select_related("problem", "lead"):
        assert item.owner_id == item.problem.owner_id
        assert item.is_committee == item.problem.is_committee
        assert (item.lead is not None) == item.is_committee
    users = get_user_model().objects.filter(username__in=USERNAMES.values())
    assert users.count() == 4
    assert Supervisor.objects.get(user__username="load-supervisor").organization == root
    secretary = Member.objects.get(user__username="load-secretary")
    assert secretary.position == "secretary"
    assert Member.objects.get(user__username="load-member").branch == secretary.branch
    assert_rollups_match_live()
    assert_parents_match()


def test_a_second_run_refuses_unless_reset():
    _run()
    with pytest.raises(CommandError, match="--reset"):
        _run()
    _run(reset=True)
    assert Organization.objects.filter(name=LOAD_ROOT).count() == 1
    assert RectificationItem.objects.count() == 100
    assert get_user_model().objects.filter(username__in=USERNAMES.values()).count() == 4
    assert_rollups_match_live()


def test_reset_leaves_other_data_alone(org_tree):
    from tests.members.factories import MemberFactory

    other = MemberFactory(branch=org_tree["a"], name="别人")
    _run()
    _run(reset=True)
    assert Member.objects.filter(pk=other.pk).exists()
    assert Organization.objects.filter(pk=org_tree["c"].pk).exists()
    assert Organization.objects.find_problems() == ([], [], [], [], [])
