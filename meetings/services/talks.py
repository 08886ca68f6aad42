"""谈心谈话: the plan of required pairs, and recording a talk.

Who must talk with whom is ``meetings.talk_rules`` (pure: the secretary with everyone, the
committee among themselves, each ordinary member with N peers); these services apply it.

Regenerating the plan is idempotent: missing required pairs are added, required pairs the
roster no longer calls for are removed while they are not yet held, and held talks are
never deleted and their record (date, what about, outcome, who recorded) never changed. A
held *optional* talk whose pair the plan now requires is marked required under that rule,
so it counts as done instead of being asked for again.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import TalkRule
from meetings.models import Attendee, Meeting, Talk
from meetings.selectors.talks import expected_people
from meetings.talk_rules import Pair, pair_key, plan_changes, required_pairs
from members.models import Member
from members.querysets import scope_of
from members.selectors import can_manage_branch


def _locked_meeting(meeting: Meeting) -> Meeting:
    """The meeting row, locked: plan generation and recording for one meeting run one at
    a time, so two clicks (or a retry) cannot create the same pair twice."""
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("branch").get(pk=meeting.pk)
    )
    if not locked.is_open_for_preparation:
        raise ValidationError(
            _("会议已处于“%(status)s”状态,不能再调整谈心谈话。")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def talk_plan_generate(*, meeting: Meeting, by) -> int:
    """Bring the required pairs in line with the roster; return how many were added."""
    meeting = _locked_meeting(meeting)
    if not can_manage_branch(user=by, branch=meeting.branch):
        raise ValidationError(_("只有支部委员会或上级党组织可以生成谈心谈话计划。"))
    wanted = required_pairs(expected_people(meeting), meeting.talk_peer_count)

    existing = {
        (t.member_a_id, t.member_b_id): t for t in Talk.objects.filter(meeting=meeting).order_by()
    }
    changes = plan_changes(wanted=wanted, existing=existing)
    for rule in {rule for _talk, rule in changes.relabel}:
        pks = [t.pk for t, r in changes.relabel if r == rule]
        Talk.objects.filter(pk__in=pks).update(rule=rule, required=True)
    if changes.remove:
        Talk.objects.filter(pk__in=[t.pk for t in changes.remove], held_on__isnull=True).delete()
    Talk.objects.bulk_create(
        Talk(meeting=meeting, member_a_id=a, member_b_id=b, rule=rule, required=True)
        for (a, b), rule in changes.add
    )
    return len(changes.add)


def _check_may_record(*, by, meeting: Meeting, member_ids: Pair) -> None:
    if can_manage_branch(user=by, branch=meeting.branch):
        return
    scope = scope_of(by)
    if scope.branch_id == meeting.branch_id and scope.member_id in member_ids:
        return
    raise ValidationError(_("您只能登记本人参加的谈心谈话。"))


@transaction.atomic
def talk_record(
    *,
    meeting: Meeting,
    by,
    member_a: Member,
    member_b: Member,
    held_on: datetime.date,
    topic: str,
    outcome: str = "",
) -> Talk:
    """Record a held talk on its pair's row (creating an optional one beyond the plan).

    The same record twice is a no-op; a different record for the same pair corrects it.
    """
    topic, outcome = (topic or "").strip(), (outcome or "").strip()
    if member_a.pk == member_b.pk:
        raise ValidationError({"member_b": _("谈话双方不能是同一个人。")})
    meeting = _locked_meeting(meeting)
    a_id, b_id = pair_key(member_a.pk, member_b.pk)
    _check_may_record(by=by, meeting=meeting, member_ids=(a_id, b_id))

    expected = set(
        Attendee.objects.filter(
            meeting=meeting, member_id__in=(a_id, b_id), member__is_active=True
        ).values_list("member_id", flat=True)
    )
    for field, person in (("member_a", member_a), ("member_b", member_b)):
        if person.pk not in expected:
            raise ValidationError(
                {field: _("%(name)s 不在本次组织生活会的应到人员中。") % {"name": person.name}}
            )

    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = _("请填写谈话日期。")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("谈话日期不能晚于今天。")
    if not topic:
        errors["topic"] = _("请填写谈了什么。")
    elif len(topic) > Talk._meta.get_field("topic").max_length:
        errors["topic"] = _("谈话内容不能超过 300 字。")
    if len(outcome) > Talk._meta.get_field("outcome").max_length:
        errors["outcome"] = _("谈话结果不能超过 300 字。")
    if errors:
        raise ValidationError(errors)

    talk = Talk.objects.filter(meeting=meeting, member_a_id=a_id, member_b_id=b_id).first()
    if talk is None:
        talk = Talk(
            meeting=meeting,
            member_a_id=a_id,
            member_b_id=b_id,
            rule=TalkRule.OPTIONAL,
            required=False,
        )
    elif (talk.held_on, talk.topic, talk.outcome) == (held_on, topic, outcome):
        return talk  # a retry
    talk.held_on, talk.topic, talk.outcome = held_on, topic, outcome
    talk.recorded_by = by
    talk.recorded_at = timezone.now()
    talk.save()
    return talk
