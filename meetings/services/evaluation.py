"""民主评议党员 by secret ballot: 个人自评 → 投票中 → 投票结束 → 结果已确定.

Who is rated, who votes (one rule, ``meetings.evaluation_rules``):

- Rated (参评): every expected attendee of the meeting (``meeting.attendees``) still on the
  active roster — whether or not they came on the day.
- Voters (投票人): once attendance has been taken (any attendee row has ``present`` set),
  those marked present (实到); before that, every rated member. Checked when the ballot is
  cast, so attendance recorded during voting counts from then on.
- A voter rates every rated member, themself included, as the usual 民主评议 ballot lists
  the whole branch. Every ballot is complete, so all ballots carry the same members and a
  ballot's shape says nothing about who filled it in.

Secrecy (see also meetings/models/evaluation.py):

- :func:`ballot_cast` writes, in one transaction, a ``VoteReceipt`` (THAT the member voted)
  and a ``Ballot`` with its ``BallotMark`` rows (HOW), all under random UUID keys, with no
  timestamp, no log line, no notification and nothing in the reply that differs by voter.
- Mixing the box: every cast re-writes all the evaluation's ballots under fresh random keys
  in a random order. So the table's physical order (SQLite's hidden ``rowid``, PostgreSQL's
  ``ctid``) and PostgreSQL's per-row transaction id (``xmin``, the same for every ballot
  after a cast) never tell which ballot came in when — and so which receipt it goes with.
  Old row versions can linger on disk (dead tuples, free pages, WAL, backups) until the
  database overwrites them; that is beyond what an application can erase.
- The tally is read only after voting closes and only from at least three ballots
  (meetings/selectors/evaluation.py).

The committee (支委 of the branch) runs the evaluation; supervisors above read the results.
The evaluation itself (opening, self-assessment, voting) happens while the meeting is in
会前准备 or 已召开; closing, proposing and finalizing may follow later so that an evaluation
is never stranded, but not for a cancelled meeting. Each transition locks the evaluation
row, refuses an illegal move with a Chinese message, and is a no-op when the evaluation is
already where it was asked to go (so a retry is harmless).
"""

from __future__ import annotations

import secrets
import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.choices import EvaluationStatus, Grade, MeetingStatus
from meetings.evaluation_rules import (
    EVALUATION_MEETING_STATUSES,
    MIN_BALLOTS_FOR_TALLY,
    excellent_limit,
    is_voter,
    may_close,
    rated_attendees,
    rated_member_ids,
)
from meetings.models import (
    Ballot,
    BallotMark,
    Evaluation,
    EvaluationResult,
    Meeting,
    SelfAssessment,
    VoteReceipt,
)
from members.models import Member, Organization
from members.querysets import scope_of
from members.selectors import supervisor_users
from notifications.services import notification_send

SELF_TEXT_MAX = SelfAssessment._meta.get_field("text").max_length
NOTE_MAX = EvaluationResult._meta.get_field("note").max_length


# --- guards -------------------------------------------------------------------------------


def _lock(evaluation: Evaluation) -> Evaluation:
    """The evaluation row, locked: everything that changes one evaluation (every ballot cast
    included) runs one at a time."""
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("meeting", "meeting__branch")
        .get(pk=evaluation.pk)
    )


def _refuse(evaluation: Evaluation, action: str) -> ValidationError:
    return ValidationError(
        _("民主评议当前为“%(status)s”,不能%(action)s。")
        % {"status": evaluation.get_status_display(), "action": action}
    )


def _check_committee(*, by, branch: Organization, action: str) -> None:
    """Only the branch committee (支委) runs the evaluation; supervisors only read."""
    if scope_of(by).managed_branch_id != branch.pk:
        raise ValidationError(_("只有本支部委员会可以%(action)s。") % {"action": action})


def _check_meeting_open(meeting: Meeting, action: str) -> None:
    if meeting.status not in EVALUATION_MEETING_STATUSES:
        raise ValidationError(
            _("会议当前状态为“%(status)s”,不能%(action)s。民主评议在会前准备或会议召开时进行。")
            % {"status": meeting.get_status_display(), "action": action}
        )


def _check_not_cancelled(meeting: Meeting, action: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("会议已取消,不能%(action)s。") % {"action": action})


def _names(member_ids) -> str:
    names = Member.objects.filter(pk__in=member_ids).order_by("name", "pk")
    return "、".join(names.values_list("name", flat=True))


def _already_voted() -> ValidationError:
    return ValidationError(_("您已经投过票了,每人只能投一次。"))


def _check_grades(grades: Mapping[int, str], rated: set[int], *, what: str) -> dict[int, str]:
    """Every rated member has a valid grade, and nobody else is on the sheet."""
    grades = {int(pk): grade for pk, grade in grades.items() if grade}
    if set(grades) - rated:
        raise ValidationError(
            _("%(what)s上有不在参评人员中的人,请刷新页面后重新填写。") % {"what": what}
        )
    if any(grade not in Grade.values for grade in grades.values()):
        raise ValidationError(_("等次只能是优秀、合格、基本合格或不合格。"))
    missing = rated - set(grades)
    if missing:
        raise ValidationError(
            _("请为每一名参评党员选择等次,尚未选择:%(names)s。") % {"names": _names(missing)}
        )
    return grades


# --- the committee opens, starts and closes -----------------------------------------------


@transaction.atomic
def evaluation_open(*, meeting: Meeting, by) -> Evaluation:
    """Start 民主评议 for the meeting (members write their self-assessment first). A second
    call returns the existing evaluation."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("branch").get(pk=meeting.pk)
    )
    _check_committee(by=by, branch=meeting.branch, action=_("开展民主评议"))
    existing = Evaluation.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    _check_meeting_open(meeting, _("开展民主评议"))
    if not rated_attendees(meeting).exists():
        raise ValidationError(_("本次会议没有应到人员,无法开展民主评议。"))
    return Evaluation.objects.create(meeting=meeting)


@transaction.atomic
def voting_start(*, evaluation: Evaluation, by) -> Evaluation:
    """个人自评 → 投票中. Self-assessments may still be written while voting runs."""
    evaluation = _lock(evaluation)
    _check_committee(by=by, branch=evaluation.meeting.branch, action=_("开始投票"))
    if evaluation.status == EvaluationStatus.VOTING:
        return evaluation
    if evaluation.status != EvaluationStatus.SELF_ASSESSMENT:
        raise _refuse(evaluation, _("开始投票"))
    _check_meeting_open(evaluation.meeting, _("开始投票"))
    evaluation.status = EvaluationStatus.VOTING
    evaluation.save(update_fields=["status"])
    return evaluation


def _check_closer(*, evaluation: Evaluation, by, action: str) -> None:
    if not may_close(evaluation=evaluation, user=by):
        if evaluation.closer_id is not None:
            raise ValidationError(
                _("只有支委会指定的%(name)s可以%(action)s。")
                % {"name": evaluation.closer.name, "action": action}
            )
        raise ValidationError(
            _("只有支部书记(或支委会指定的人)可以%(action)s。") % {"action": action}
        )


def _ballot_count(evaluation: Evaluation) -> int:
    return Ballot.objects.filter(evaluation=evaluation).count()


@transaction.atomic
def closer_name(*, evaluation: Evaluation, by, closer: Member | None) -> Evaluation:
    """The committee names who closes the ballot (``None``: the branch secretary)."""
    evaluation = _lock(evaluation)
    _check_committee(by=by, branch=evaluation.meeting.branch, action=_("指定结束投票的人"))
    if evaluation.status not in (EvaluationStatus.SELF_ASSESSMENT, EvaluationStatus.VOTING):
        raise _refuse(evaluation, _("指定结束投票的人"))
    if closer is not None and (
        closer.branch_id != evaluation.meeting.branch_id or not closer.is_active
    ):
        raise ValidationError({"closer": _("只能指定本支部在册党员。")})
    new_id = closer.pk if closer is not None else None
    if evaluation.closer_id != new_id:
        evaluation.closer = closer
        evaluation.save(update_fields=["closer"])
    return evaluation


@transaction.atomic
def voting_close(*, evaluation: Evaluation, by) -> Evaluation:
    """投票中 → 投票结束. No more ballots; the tally may now be read. Only the secretary (or
    whoever the committee named) closes, and never with one or two ballots in the box: they
    could not be counted without giving a voter away, so closing would waste them. An empty
    box may be closed (nothing is lost) and reopened (``voting_reopen``)."""
    evaluation = _lock(evaluation)
    _check_closer(evaluation=evaluation, by=by, action=_("结束投票"))
    if evaluation.status == EvaluationStatus.CLOSED:
        return evaluation
    if evaluation.status != EvaluationStatus.VOTING:
        raise _refuse(evaluation, _("结束投票"))
    _check_not_cancelled(evaluation.meeting, _("结束投票"))
    count = _ballot_count(evaluation)
    if 0 < count < MIN_BALLOTS_FOR_TALLY:
        raise ValidationError(
            _(
                "已收回选票 %(n)d 张,不足 %(min)d 张,不能结束投票:少于 %(min)d 张选票时"
                "无法统计而不暴露投票人。请等其他党员投票后再结束。"
            )
            % {"n": count, "min": MIN_BALLOTS_FOR_TALLY}
        )
    evaluation.status = EvaluationStatus.CLOSED
    evaluation.save(update_fields=["status"])
    return evaluation


@transaction.atomic
def voting_reopen(*, evaluation: Evaluation, by) -> Evaluation:
    """投票结束 → 投票中, for a ballot closed by mistake before any ballot was cast. Once a
    ballot is in the box, closing is final."""
    evaluation = _lock(evaluation)
    _check_closer(evaluation=evaluation, by=by, action=_("重新开放投票"))
    if evaluation.status == EvaluationStatus.VOTING:
        return evaluation
    if evaluation.status != EvaluationStatus.CLOSED:
        raise _refuse(evaluation, _("重新开放投票"))
    _check_meeting_open(evaluation.meeting, _("重新开放投票"))
    if _ballot_count(evaluation):
        raise ValidationError(_("已经有人投票,投票结束后不能重新开放。"))
    evaluation.status = EvaluationStatus.VOTING
    evaluation.save(update_fields=["status"])
    return evaluation


# --- the member -----------------------------------------------------------------------------


@transaction.atomic
def self_assessment_save(
    *, evaluation: Evaluation, member: Member, grade: str, text: str = ""
) -> SelfAssessment:
    """The member's own self-assessment (个人自评); saving again replaces it. Open while
    members assess themselves and while voting runs."""
    evaluation = _lock(evaluation)
    action = _("填写个人自评")
    if evaluation.status not in (EvaluationStatus.SELF_ASSESSMENT, EvaluationStatus.VOTING):
        raise _refuse(evaluation, action)
    _check_meeting_open(evaluation.meeting, action)
    if member.pk not in rated_member_ids(evaluation.meeting):
        raise ValidationError(_("您不在本次民主评议的参评人员中。"))
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if grade not in Grade.values:
        errors["grade"] = _("请选择自评等次。")
    if len(text) > SELF_TEXT_MAX:
        errors["text"] = _("自评不能超过 %(n)d 字。") % {"n": SELF_TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    assessment, _created = SelfAssessment.objects.update_or_create(
        evaluation=evaluation, member=member, defaults={"grade": grade, "text": text}
    )
    return assessment


def _has_voted(*, evaluation: Evaluation, voter: Member) -> bool:
    return VoteReceipt.objects.filter(evaluation=evaluation, voter=voter).exists()


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """A plain multi-row INSERT. The whole box is written again at every cast (2,500 marks
    for a branch of 50); building that many model instances would cost several times more
    than the writing itself."""
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(f.column) for f in columns)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = 900 // len(columns)  # under SQLite's oldest limit of 999 parameters
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [
                field.get_db_prep_save(value, connection)
                for row in chunk
                for field, value in zip(columns, row, strict=True)
            ]
            values = ", ".join([one_row] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values}", params)


def _mix_in(evaluation: Evaluation, marks: dict[int, str]) -> None:
    """Put one ballot in the box and mix the box: every ballot of the evaluation is written
    again under fresh random keys, in a random order (see the module docstring)."""
    box: dict = defaultdict(dict)
    for ballot_id in Ballot.objects.filter(evaluation=evaluation).values_list("pk", flat=True):
        box[ballot_id] = {}
    rows = BallotMark.objects.filter(ballot__evaluation=evaluation).order_by()
    for ballot_id, member_id, grade in rows.values_list("ballot_id", "member_id", "grade"):
        box[ballot_id][member_id] = grade
    contents = [*box.values(), dict(marks)]
    secrets.SystemRandom().shuffle(contents)

    BallotMark.objects.filter(ballot__evaluation=evaluation).delete()
    Ballot.objects.filter(evaluation=evaluation).delete()
    keys = [uuid.uuid4() for _content in contents]
    _insert(Ballot, ("id", "evaluation"), [(key, evaluation.pk) for key in keys])
    _insert(
        BallotMark,
        ("id", "ballot", "member", "grade"),
        [
            (uuid.uuid4(), key, member_id, grade)
            for key, content in zip(keys, contents, strict=True)
            for member_id, grade in sorted(content.items())
        ],
    )
    # One ballot per receipt, always: a mixing that lost a ballot must not be committed.
    receipts = VoteReceipt.objects.filter(evaluation=evaluation).count()
    if Ballot.objects.filter(evaluation=evaluation).count() != receipts:
        raise ValidationError(_("投票未能保存,请重新提交。"))


@transaction.atomic
def ballot_cast(*, evaluation: Evaluation, voter: Member, marks: Mapping[int, str]) -> None:
    """Cast the voter's secret ballot: a grade for every rated member (themself included).

    Writes a receipt (who has voted) and a ballot (how), unlinkable; no log line, no
    notification, no timestamp. A second ballot from the same voter is refused — by the
    receipt check, and by the receipt's unique constraint should two submissions race past
    it — with the same message, and nothing of the second is saved.
    """
    evaluation = _lock(evaluation)
    action = _("投票")
    if evaluation.status != EvaluationStatus.VOTING:
        if evaluation.status == EvaluationStatus.SELF_ASSESSMENT:
            raise ValidationError(_("投票尚未开始。"))
        raise ValidationError(_("投票已经结束。"))
    _check_meeting_open(evaluation.meeting, action)
    if not is_voter(meeting=evaluation.meeting, member=voter):
        raise ValidationError(_("您不在本次民主评议的投票人中(以实到人员为准)。"))
    if _has_voted(evaluation=evaluation, voter=voter):
        raise _already_voted()
    clean = _check_grades(marks, rated_member_ids(evaluation.meeting), what=_("选票"))
    try:
        with transaction.atomic():
            VoteReceipt.objects.create(evaluation=evaluation, voter=voter)
            _mix_in(evaluation, clean)
    except IntegrityError:
        # ``from None``: the database's message names the voter; it must go nowhere.
        raise _already_voted() from None


# --- the committee proposes, then finalizes -----------------------------------------------


def _check_one_third(grades: Mapping[int, str], rated_count: int) -> None:
    limit = excellent_limit(rated_count)
    excellent = sum(1 for grade in grades.values() if grade == Grade.EXCELLENT)
    if excellent > limit:
        raise ValidationError(
            _(
                "评为“优秀”的不得超过参评党员的三分之一:本次参评 %(n)d 人,"
                "“优秀”最多 %(limit)d 人,现有 %(excellent)d 人。"
            )
            % {"n": rated_count, "limit": limit, "excellent": excellent}
        )


@transaction.atomic
def results_propose(
    *,
    evaluation: Evaluation,
    by,
    grades: Mapping[int, str],
    notes: Mapping[int, str] | None = None,
) -> list[EvaluationResult]:
    """The committee's proposed grade for every rated member, after voting closed (the
    votes inform it, they do not decide it). 优秀 at most one third of those rated. Proposing
    again replaces the proposal, until the result is finalized."""
    evaluation = _lock(evaluation)
    _check_committee(by=by, branch=evaluation.meeting.branch, action=_("提出评定意见"))
    if evaluation.status != EvaluationStatus.CLOSED:
        if evaluation.status == EvaluationStatus.FINALIZED:
            raise ValidationError(_("评议结果已经确定,不能再修改。"))
        raise ValidationError(_("投票结束后才能提出评定意见。"))
    _check_not_cancelled(evaluation.meeting, _("提出评定意见"))
    rated = rated_member_ids(evaluation.meeting)
    clean = _check_grades(grades, rated, what=_("评定意见"))
    _check_one_third(clean, len(rated))
    notes = {int(pk): (note or "").strip() for pk, note in (notes or {}).items()}
    too_long = [pk for pk, note in notes.items() if len(note) > NOTE_MAX]
    if too_long:
        raise ValidationError(
            _("说明不能超过 %(n)d 字:%(names)s。") % {"n": NOTE_MAX, "names": _names(too_long)}
        )
    EvaluationResult.objects.filter(evaluation=evaluation).delete()
    return EvaluationResult.objects.bulk_create(
        EvaluationResult(
            evaluation=evaluation,
            branch_id=evaluation.meeting.branch_id,
            member_id=pk,
            grade=grade,
            note=notes.get(pk, "")[:NOTE_MAX],
        )
        for pk, grade in sorted(clean.items())
    )


@transaction.atomic
def results_finalize(*, evaluation: Evaluation, by) -> Evaluation:
    """投票结束 (with a complete proposal) → 结果已确定. Each member is told their own grade;
    the supervisors above the branch are told the result is there to read."""
    evaluation = _lock(evaluation)
    _check_committee(by=by, branch=evaluation.meeting.branch, action=_("确定评议结果"))
    if evaluation.status == EvaluationStatus.FINALIZED:
        return evaluation
    if evaluation.status != EvaluationStatus.CLOSED:
        raise ValidationError(_("投票结束并提出评定意见后才能确定结果。"))
    meeting = evaluation.meeting
    _check_not_cancelled(meeting, _("确定评议结果"))
    rated = rated_member_ids(meeting)
    results = list(
        EvaluationResult.objects.filter(evaluation=evaluation).select_related("member__user")
    )
    proposed = {r.member_id: r.grade for r in results}
    if not rated or set(proposed) != rated:
        raise ValidationError(_("请先为每一名参评党员提出评定意见(参评人员有变化时请重新提出)。"))
    _check_one_third(proposed, len(rated))

    evaluation.status = EvaluationStatus.FINALIZED
    evaluation.finalized_by = by
    evaluation.save(update_fields=["status", "finalized_by"])

    url = reverse("meetings:evaluation", kwargs={"meeting_pk": meeting.pk})
    for result in results:
        body = _("您在“%(theme)s”民主评议中的评定等次为:%(grade)s。") % {
            "theme": meeting.theme,
            "grade": result.get_grade_display(),
        }
        if result.note:
            body = f"{body}\n{result.note}"
        notification_send(
            recipients=[result.member.user] if result.member.user_id else [],
            key=f"evaluation:{evaluation.pk}:result:{result.member_id}",
            title=_("民主评议结果已确定"),
            body=body,
            url=url,
        )
    counts = Counter(proposed.values())
    summary = "、".join(
        _("%(grade)s %(n)d 人") % {"grade": label, "n": counts[value]}
        for value, label in Grade.choices
    )
    notification_send(
        recipients=supervisor_users(branch=meeting.branch),
        key=f"evaluation:{evaluation.pk}:finalized",
        title=_("%(branch)s民主评议党员结果已确定") % {"branch": meeting.branch.name},
        body=summary,
        url=url,
    )
    return evaluation
