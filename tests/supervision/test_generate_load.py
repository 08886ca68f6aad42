"""generate_load with tiny numbers: a valid tree, consistent rows, rollups equal to live."""

from __future__ import annotations

import random
from statistics import mean

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

from bench.loadgen import LOAD_ROOT, USERNAMES, branch_profiles, path_step
from meetings.models import Meeting
from members.models import Member, Organization, Supervisor
from rectification.models import Problem, RectificationItem
from tests.supervision.rollup_check import assert_parents_match, assert_rollups_match_live

TINY = {"branches": 5, "members_per_branch": 3, "items": 100}


def _run(**extra):
    call_command("generate_load", **TINY, **extra, stdout=open("/dev/null", "w"))  # noqa: SIM115


def _profiles(n=3000, items=300_000, skew=1.0, seed=7):
    return branch_profiles(n, members=30, items=items, skew=skew, rng=random.Random(seed))


def test_skew_0_is_the_uniform_set():
    profiles = _profiles(n=7, items=100, skew=0)
    assert {p.members for p in profiles} == {30}
    assert sorted(p.items for p in profiles) == [14] * 5 + [15] * 2
    assert {p.meetings_per_year for p in profiles} == {2}


def test_skew_1_spreads_members_items_and_meetings_like_a_province():
    profiles = _profiles()
    members = [p.members for p in profiles]
    items = [p.items for p in profiles]
    assert (min(members), max(members)) == (3, 200)
    assert 27 <= mean(members) <= 33  # --members-per-branch stays the mean
    assert sorted(members)[len(members) // 2] < 30  # most branches are small
    assert (min(items), max(items)) == (0, 2000)
    assert sum(items) == 300_000
    assert 0.05 < items.count(0) / len(items) < 0.2
    assert {p.meetings_per_year for p in profiles} == {1, 2, 3, 4}
    # the load-secretary's branch is a typical one at every skew
    assert (profiles[0].members, profiles[0].items) == (30, 100)


def test_the_spread_is_deterministic_for_a_seed_and_grows_with_the_skew():
    assert _profiles() == _profiles()
    assert _profiles() != _profiles(seed=8)
    mild = [p.members for p in _profiles(skew=0.3)]
    wild = [p.members for p in _profiles(skew=1.5)]
    assert max(mild) - min(mild) < max(wild) - min(wild)


def test_the_extremes_are_there_even_in_a_small_skewed_set():
    profiles = _profiles(n=10, items=3000)
    assert {3, 200} <= {p.members for p in profiles}
    assert {0, 2000} <= {p.items for p in profiles}
    assert sum(p.items for p in profiles) == 3000


def test_items_that_cannot_fit_are_refused():
    with pytest.raises(ValueError, match="2000"):
        _profiles(n=2, items=5000, skew=0)
    with pytest.raises(ValueError, match="2000"):
        _profiles(n=2, items=5000)


def test_paths_are_those_treebeard_would_give():
    assert path_step(1) == "00001"
    assert path_step(36) == "00010"
    assert path_step(36**2 + 5) == "00105"


@pytest.mark.django_db
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
    # the meetings with a recurring item are marked for the supervisor's 屡改屡在, and only they
    recurring = set(
        RectificationItem.objects.filter(recurring_of__isnull=False).values_list(
            "meeting_id", flat=True
        )
    )
    assert set(Meeting.objects.filter(has_recurring_items=True).values_list("pk", flat=True)) == (
        recurring
    )
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


@pytest.mark.django_db
def test_a_skewed_load_has_small_and_large_branches_and_exact_rollups():
    call_command(
        "generate_load",
        branches=30,
        members_per_branch=20,
        items=4000,
        skew=1,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    root = Organization.objects.get(depth=1, name=LOAD_ROOT)
    branches = Organization.objects.filter(path__startswith=root.path, kind="branch")
    sizes = branches.annotate(n=Count("members", distinct=True)).values_list("n", flat=True)
    assert {3, 200} <= set(sizes)
    items = branches.annotate(n=Count("rectification_items", distinct=True))
    assert {0, 2000} <= set(items.values_list("n", flat=True))
    assert RectificationItem.objects.filter(branch__in=branches).count() == 4000
    per_branch = Meeting.objects.filter(branch__in=branches, status__in=["completed", "rectifying"])
    yearly = per_branch.values("branch").annotate(n=Count("pk")).values_list("n", flat=True)
    assert max(yearly) >= 3 and min(yearly) >= 1
    assert Meeting.objects.filter(branch__in=branches, status="rectifying").count() == 30
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    assert_rollups_match_live()
    assert_parents_match()


@pytest.mark.django_db
def test_a_second_run_refuses_unless_reset():
    _run()
    with pytest.raises(CommandError, match="--reset"):
        _run()
    _run(reset=True)
    assert Organization.objects.filter(name=LOAD_ROOT).count() == 1
    assert RectificationItem.objects.count() == 100
    assert get_user_model().objects.filter(username__in=USERNAMES.values()).count() == 4
    assert_rollups_match_live()


@pytest.mark.django_db
def test_reset_leaves_other_data_alone(org_tree):
    from tests.members.factories import MemberFactory

    other = MemberFactory(branch=org_tree["a"], name="别人")
    _run()
    _run(reset=True)
    assert Member.objects.filter(pk=other.pk).exists()
    assert Organization.objects.filter(pk=org_tree["c"].pk).exists()
    assert Organization.objects.find_problems() == ([], [], [], [], [])
