"""谈心谈话 — who must talk with whom: the pairing rules, pure (no database).

Who must talk with whom (the people are the meeting's expected attendees who are still on
the active roster; the committee are those with a ``position``):

- ``TalkRule.SECRETARY`` — the secretary (书记) with every other person, committee or not.
- ``TalkRule.COMMITTEE`` — every two committee members other than the secretary.
- ``TalkRule.MEMBERS`` — ordinary (non-committee) members among themselves: each has at
  least ``Meeting.talk_peer_count`` (N) peer partners. A committee member ↔ ordinary member
  talk does **not** count toward an ordinary member's N: the secretary already talks with
  everyone, and the rule "党员之间" is about members talking with each other, so the peer
  plan only looks at ordinary members. In a tiny branch N is capped at the number of other
  ordinary members (one ordinary member alone has no peer talk to hold).
- ``TalkRule.OPTIONAL`` — a talk people held beyond the plan (``required=False``).

The peer pairs are a circulant graph over the ordinary members in a stable order (by id):
offsets 1..⌊N/2⌋ give everyone 2·⌊N/2⌋ partners; when N is odd a matching adds one more
(neighbours (0,1), (2,3)… for N = 1, "across the circle" for larger N). That is exactly
⌈n·N/2⌉ talks, the fewest that give n members N partners each. :func:`peer_pairs` is pure.

Regenerating the plan (``plan_changes``) is idempotent: missing required pairs are added,
required pairs the roster no longer calls for are removed while they are not yet held, and
held talks are never deleted. The services (``meetings.services.talks``) and the reads
(``meetings.selectors.talks``) both use these rules, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from meetings.choices import TalkRule
from members.choices import Position

if TYPE_CHECKING:
    from meetings.models import Talk

Pair = tuple[int, int]


def pair_key(x: int, y: int) -> Pair:
    """The stored order of a pair: the smaller id first (``member_a_id < member_b_id``)."""
    return (x, y) if x < y else (y, x)


def peer_pairs(member_ids: Sequence[int], peer_count: int) -> set[Pair]:
    """Pairs giving each of ``member_ids`` at least ``peer_count`` partners among them
    (capped at ``len(member_ids) - 1``), in ⌈n·N/2⌉ pairs. Pure; depends only on the ids."""
    ids = sorted(member_ids)
    n = len(ids)
    need = min(max(peer_count, 0), n - 1)
    if need <= 0:
        return set()
    pairs: set[Pair] = set()
    for offset in range(1, need // 2 + 1):  # offset < n/2 here, so 2 partners per offset
        for i in range(n):
            pairs.add(pair_key(ids[i], ids[(i + offset) % n]))
    if need % 2:
        if need == 1:
            # neighbours (0,1), (2,3) …; an odd one out joins the last pair.
            for i in range(0, n - 1, 2):
                pairs.add(pair_key(ids[i], ids[i + 1]))
            if n % 2:
                pairs.add(pair_key(ids[n - 2], ids[n - 1]))
        elif n % 2 == 0:
            # across the circle: offset n/2, one partner each, never a ring offset.
            half = n // 2
            for i in range(half):
                pairs.add(pair_key(ids[i], ids[i + half]))
        else:
            # n odd (so need ≤ n-2): offset m = (n-1)/2 > need//2 for 0..n-2, the last
            # member joins m-1, which is at circular distance m too.
            m = (n - 1) // 2
            for i in range(m):
                pairs.add(pair_key(ids[i], ids[i + m]))
            pairs.add(pair_key(ids[m - 1], ids[n - 1]))
    return pairs


@dataclass(frozen=True)
class Person:
    """What the rule needs to know about an expected attendee."""

    id: int
    position: str


def required_pairs(people: Sequence[Person], peer_count: int) -> dict[Pair, str]:
    """Every required pair with its rule. Pure: the whole rule in one place."""
    secretary = next((p.id for p in people if p.position == Position.SECRETARY), None)
    committee = sorted(p.id for p in people if p.position and p.id != secretary)
    ordinary = sorted(p.id for p in people if not p.position)
    wanted: dict[Pair, str] = {}
    for pair in peer_pairs(ordinary, peer_count):
        wanted[pair] = TalkRule.MEMBERS
    for i, x in enumerate(committee):
        for y in committee[i + 1 :]:
            wanted[pair_key(x, y)] = TalkRule.COMMITTEE
    if secretary is not None:
        for p in people:
            if p.id != secretary:
                wanted[pair_key(secretary, p.id)] = TalkRule.SECRETARY
    return wanted


@dataclass(frozen=True)
class PlanChanges:
    """What regenerating the plan would do, given the wanted pairs and the existing rows."""

    add: list[tuple[Pair, str]]
    remove: list[Talk]
    relabel: list[tuple[Talk, str]]

    def __bool__(self) -> bool:
        return bool(self.add or self.remove or self.relabel)


def plan_changes(*, wanted: dict[Pair, str], existing: dict[Pair, Talk]) -> PlanChanges:
    """Pure: add the missing pairs; remove required pairs no longer wanted unless held;
    relabel a wanted pair's row whose rule changed (not yet held) or that was optional."""
    remove = [
        t for pair, t in existing.items() if pair not in wanted and t.required and not t.is_held
    ]
    relabel = [
        (t, wanted[pair])
        for pair, t in existing.items()
        if pair in wanted and (not t.required or (t.rule != wanted[pair] and not t.is_held))
    ]
    add = [(pair, rule) for pair, rule in sorted(wanted.items()) if pair not in existing]
    return PlanChanges(add=add, remove=remove, relabel=relabel)
