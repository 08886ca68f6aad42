"""会中 — recording the meeting on the day: attendance, criticism of each other, minutes.

Who: the branch committee and the supervisors above (``can_manage_branch``). When: while
the meeting is in 会前准备 (on the day, before it is marked held) or 已召开; any other
state is refused with a Chinese message. Every write locks the meeting row, so two
secretaries typing at once are serialized and a retry is harmless.

The expected attendees (应到) are the meeting's ``Attendee`` rows as planned; the plan's
edit keeps them in line with the active roster while the meeting is prepared.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, ProblemCategory
from meetings.models import Attendee, Criticism, Meeting, Minutes
from members.models import Member
from members.selectors import can_manage_branch

RECORDABLE_STATUSES = (MeetingStatus.PREPARING, MeetingStatus.HELD)


def is_recordable(meeting: Meeting) -> bool:
    """Whether the day's record may be written now (会前准备 or 已召开)."""
    return meeting.status in RECORDABLE_STATUSES


class AbsenceReasonMissing(ValidationError):
    """Raised when absent members have no reason; ``member_ids`` names them for the form."""

    def __init__(self, members: list[Member]):
        self.member_ids = [m.pk for m in members]
        super().__init__(
            {
                "reasons": _("请填写缺席原因:%(names)s。")
                % {"names": "、".join(m.name for m in members)}
            }
        )


def _locked(meeting: Meeting, *, by) -> Meeting:
    """The meeting row, locked, after checking who records and when."""
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("branch").get(pk=meeting.pk)
    )
    if not can_manage_branch(user=by, branch=locked.branch):
        raise ValidationError(_("只有支部委员会或上级党组织可以记录会议情况。"))
    if not is_recordable(locked):
        raise ValidationError(
            _("会议当前状态为“%(status)s”,只有会前准备或已召开的会议才能记录会议情况。")
            % {"status": locked.get_status_display()}
        )
    return locked


def _expected_ids(meeting: Meeting, member_ids) -> set[int]:
    return set(
        Attendee.objects.filter(meeting=meeting, member_id__in=member_ids).values_list(
            "member_id", flat=True
        )
    )


def _check_length(errors: dict, field: str, value: str, model=Criticism) -> None:
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        errors[field] = _("不能超过 %(n)d 字。") % {"n": limit}


# --- attendance ------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    by,
    present: Mapping[int, bool],
    reasons: Mapping[int, str],
    upper_attendee: str,
) -> Meeting:
    """Record who came (实到) and why the others did not, and the upper organization's
    attendee. ``present`` maps expected attendees' member ids to True/False; an attendee
    left out keeps what was recorded. An absent member needs a reason."""
    meeting = _locked(meeting, by=by)
    attendees = {
        a.member_id: a
        for a in Attendee.objects.filter(meeting=meeting).select_related("member").order_by()
    }
    unknown = set(present) - set(attendees)
    if unknown:
        raise ValidationError(_("所选人员不在本次组织生活会的应到人员中。"))
    upper_attendee = (upper_attendee or "").strip()
    if len(upper_attendee) > Meeting._meta.get_field("upper_attendee").max_length:
        raise ValidationError({"upper_attendee": _("上级列席人员不能超过 100 字。")})

    changed: list[Attendee] = []
    missing: list[Member] = []
    limit = Attendee._meta.get_field("absence_reason").max_length
    for member_id, attendee in attendees.items():
        if member_id not in present:
            continue
        came = bool(present[member_id])
        reason = "" if came else (reasons.get(member_id) or "").strip()[:limit]
        if not came and not reason:
            missing.append(attendee.member)
            continue
        if (attendee.present, attendee.absence_reason) != (came, reason):
            attendee.present, attendee.absence_reason = came, reason
            changed.append(attendee)
    if missing:
        missing.sort(key=lambda m: (m.name, m.pk))
        raise AbsenceReasonMissing(missing)
    if changed:
        Attendee.objects.bulk_update(changed, ["present", "absence_reason"])
    if meeting.upper_attendee != upper_attendee:
        meeting.upper_attendee = upper_attendee
        meeting.save(update_fields=["upper_attendee", "updated_at"])
    return meeting


# --- criticism of each other (相互批评) ----------------------------------------------------


@transaction.atomic
def criticism_save(
    *,
    meeting: Meeting,
    by,
    critic: Member,
    target: Member,
    text: str,
    reply: str = "",
    criticism: Criticism | None = None,
    as_problem: bool = False,
    problem_category: str = "",
) -> Criticism:
    """Record one criticism (who criticised whom, what was said, the reply), or correct
    ``criticism``. The same critic saying the same words to the same target again (a
    double submit) updates the existing row instead of adding another."""
    meeting = _locked(meeting, by=by)
    text, reply = (text or "").strip(), (reply or "").strip()
    if critic.pk == target.pk:
        raise ValidationError({"critic": _("批评人和被批评人不能是同一个人。")})
    expected = _expected_ids(meeting, (critic.pk, target.pk))
    for field, person in (("critic", critic), ("target", target)):
        if person.pk not in expected:
            raise ValidationError(
                {field: _("%(name)s 不在本次组织生活会的应到人员中。") % {"name": person.name}}
            )
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("请填写批评意见。")
    _check_length(errors, "text", text)
    _check_length(errors, "reply", reply)
    if errors:
        raise ValidationError(errors)

    if criticism is not None:
        criticism = Criticism.objects.filter(pk=criticism.pk, meeting=meeting).first()
        if criticism is None:
            raise ValidationError(_("这条批评意见已被删除或不属于本次会议。"))
    else:
        criticism = Criticism.objects.filter(
            meeting=meeting, critic=critic, target=target, text=text
        ).first() or Criticism(meeting=meeting)
    if (
        criticism.critic_id != critic.pk
        and Attendee.objects.filter(meeting=meeting, member=critic, present=False).exists()
    ):
        raise ValidationError(
            {"critic": _("%(name)s 已登记为缺席,不能记为批评人。") % {"name": critic.name}}
        )
    if problem_category and problem_category not in ProblemCategory.values:
        raise ValidationError({"problem_category": _("请选择问题类别。")})
    problem_category = problem_category if as_problem else ""
    current = (
        criticism.critic_id,
        criticism.target_id,
        criticism.text,
        criticism.reply,
        criticism.as_problem,
        criticism.problem_category,
    )
    if criticism.pk and current == (
        critic.pk,
        target.pk,
        text,
        reply,
        as_problem,
        problem_category,
    ):
        return criticism  # a retry
    criticism.critic, criticism.target, criticism.text, criticism.reply = (
        critic,
        target,
        text,
        reply,
    )
    criticism.as_problem, criticism.problem_category = as_problem, problem_category
    criticism.save()
    return criticism


@transaction.atomic
def criticism_unmark(*, criticism: Criticism, by) -> bool:
    """Withdraw the mark 列入问题清单 (before deleting the criticism); True if it was set."""
    _locked(criticism.meeting, by=by)
    return bool(Criticism.objects.filter(pk=criticism.pk, as_problem=True).update(as_problem=False))


@transaction.atomic
def criticism_delete(*, criticism: Criticism, by) -> None:
    """Delete a criticism entered by mistake. Refused once the problem list uses it (the
    problem list follows the marks in ``rectification.services.lifecycle``, which withdraws
    the mark and lets the list follow before calling this)."""
    _locked(criticism.meeting, by=by)
    Criticism.objects.filter(pk=criticism.pk, as_problem=True).update(as_problem=False)
    try:
        Criticism.objects.filter(pk=criticism.pk).delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("这条批评意见已列入问题清单,不能删除;如需更正,请直接修改。")
        ) from exc


# --- minutes (会议记录) -------------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    by,
    host: Member | None,
    recorder: Member | None,
    rectification_report: str,
    key_points: str,
    upper_comments: str,
    resolutions: str,
) -> Minutes:
    """Write the minutes: who chaired and who recorded (expected attendees), and four
    short parts. Saving the same again changes nothing but the time."""
    meeting = _locked(meeting, by=by)
    people = {m.pk for m in (host, recorder) if m is not None}
    expected = _expected_ids(meeting, people) if people else set()
    errors: dict[str, str] = {}
    for field, person in (("host", host), ("recorder", recorder)):
        if person is not None and person.pk not in expected:
            errors[field] = _("%(name)s 不在本次组织生活会的应到人员中。") % {"name": person.name}
    texts = {
        "rectification_report": (rectification_report or "").strip(),
        "key_points": (key_points or "").strip(),
        "upper_comments": (upper_comments or "").strip(),
        "resolutions": (resolutions or "").strip(),
    }
    for field, value in texts.items():
        _check_length(errors, field, value, model=Minutes)
    if errors:
        raise ValidationError(errors)
    minutes, _created = Minutes.objects.update_or_create(
        meeting=meeting,
        defaults={"host": host, "recorder": recorder, "updated_by": by, **texts},
    )
    return minutes
