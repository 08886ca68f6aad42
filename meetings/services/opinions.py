"""征求意见: windows, signed and anonymous opinions, and their sorting (梳理).

Anonymity rule for the anonymous paths (``opinion_give(anonymous=True)`` and
``opinion_give_public``): they write exactly one ``AnonymousOpinion`` row (with the keyed
hash of the giver's receipt code, meetings/receipts.py) and nothing else — no notification, no log line, no session or cache entry, no receipt of who gave
it. Keep it that way: do not add logging, signals or "has given" bookkeeping here.

Each function locks the row it guards, refuses an illegal move with a Chinese message and
is a no-op when asked to do what is already done (so a retry is harmless).
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.choices import OpinionDisposition, OpinionSource, OpinionTarget
from meetings.models import AnonymousOpinion, Meeting, Opinion, OpinionWindow
from meetings.receipts import receipt_digest
from members.models import Member
from members.selectors import can_manage_branch
from notifications.services import notification_send

TEXT_MIN = 5
TEXT_MAX = 2000
NOTE_MAX = 300
SORTED_DISPOSITIONS = (OpinionDisposition.KEPT, OpinionDisposition.DISMISSED)


def _when(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def _check_manager(*, meeting: Meeting, by) -> None:
    if not can_manage_branch(user=by, branch=meeting.branch):
        raise ValidationError(_("只有支部委员会或上级党组织可以管理征求意见。"))


def _check_preparing(meeting: Meeting) -> None:
    if not meeting.is_open_for_preparation:
        raise ValidationError(
            _("会议当前状态为“%(status)s”,已不在筹备或会前准备阶段,不能再征求意见。")
            % {"status": meeting.get_status_display()}
        )


def _check_accepting(window: OpinionWindow) -> None:
    """The window takes opinions now: its meeting is still being prepared and it is open."""
    _check_preparing(window.meeting)
    now = timezone.now()
    if window.starts_at > now:
        raise ValidationError(
            _("本次征求意见尚未开始,将于 %(when)s 开始。") % {"when": _when(window.starts_at)}
        )
    if window.ends_at <= now:
        raise ValidationError(
            _("本次征求意见已于 %(when)s 截止,不能再提意见。") % {"when": _when(window.ends_at)}
        )


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) < TEXT_MIN:
        raise ValidationError(
            {"text": _("意见内容至少 %(n)d 个字,请写具体一些。") % {"n": TEXT_MIN}}
        )
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("意见内容不能超过 %(n)d 个字。") % {"n": TEXT_MAX}})
    return text


def _lock_window(window: OpinionWindow) -> OpinionWindow:
    """Re-read the window under a row lock (its meeting joined, not locked)."""
    return (
        OpinionWindow.objects.select_related("meeting", "meeting__branch")
        .select_for_update(of=("self",))
        .get(pk=window.pk)
    )


@transaction.atomic
def window_open(
    *,
    meeting: Meeting,
    by,
    target: str,
    target_member: Member | None = None,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    public_enabled: bool = False,
) -> OpinionWindow:
    """Open a window (start, end) for opinions on the committee, a member or the branch.

    The branch's members are told (once). Asking again for the same window returns it."""
    meeting = (
        Meeting.objects.select_related("branch").select_for_update(of=("self",)).get(pk=meeting.pk)
    )
    _check_manager(meeting=meeting, by=by)
    _check_preparing(meeting)
    if target not in OpinionTarget.values:
        raise ValidationError({"target": _("请选择征求意见的对象。")})
    if target == OpinionTarget.MEMBER:
        if target_member is None:
            raise ValidationError({"target_member": _("请选择针对哪名党员征求意见。")})
        if target_member.branch_id != meeting.branch_id or not target_member.is_active:
            raise ValidationError({"target_member": _("只能针对本支部在册党员征求意见。")})
    elif target_member is not None:
        raise ValidationError({"target_member": _("只有针对党员个人征求意见时才选择党员。")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("截止时间必须晚于开始时间。")})

    same_target = OpinionWindow.objects.filter(
        meeting=meeting, target=target, target_member=target_member
    )
    existing = same_target.filter(starts_at=starts_at, ends_at=ends_at).first()
    if existing is not None:
        return existing  # a retry of the same request
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("截止时间必须晚于现在。")})
    if ends_at > meeting.starts_at:
        raise ValidationError(
            {
                "ends_at": _("截止时间不能晚于会议召开时间(%(when)s)。")
                % {"when": _when(meeting.starts_at)}
            }
        )
    overlap = same_target.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if overlap is not None:
        raise ValidationError(
            _("该对象已有一个时间重叠的征求意见(%(start)s 至 %(end)s)。")
            % {"start": _when(overlap.starts_at), "end": _when(overlap.ends_at)}
        )

    window = OpinionWindow.objects.create(
        meeting=meeting,
        target=target,
        target_member=target_member,
        starts_at=starts_at,
        ends_at=ends_at,
        public_enabled=public_enabled,
    )
    _notify_members(window)
    return window


def _notify_members(window: OpinionWindow) -> None:
    from django.contrib.auth import get_user_model

    recipients = get_user_model().objects.filter(
        is_active=True, member__branch_id=window.meeting.branch_id, member__is_active=True
    )
    if window.target_member_id:
        recipients = recipients.exclude(member__pk=window.target_member_id)
    notification_send(
        recipients=recipients,
        key=f"opinion-window:{window.pk}:opened",
        title=_("征求意见:请对“%(target)s”提出意见") % {"target": window},
        body=_("%(start)s 至 %(end)s,可署名,也可无记名。")
        % {"start": _when(window.starts_at), "end": _when(window.ends_at)},
        url=reverse("meetings:opinions", args=[window.meeting_id]),
    )


@transaction.atomic
def window_close(*, window: OpinionWindow, by) -> OpinionWindow:
    """Close a running window now (提前截止). Closing a closed window changes nothing."""
    window = _lock_window(window)
    _check_manager(meeting=window.meeting, by=by)
    now = timezone.now()
    if window.ends_at <= now:
        return window
    if window.starts_at > now:
        raise ValidationError(_("本次征求意见尚未开始,不能截止;如不再需要,请撤销。"))
    window.ends_at = now
    window.save(update_fields=["ends_at"])
    return window


@transaction.atomic
def window_cancel(*, window: OpinionWindow, by) -> None:
    """Withdraw a window that has not started yet (so it holds no opinion). Idempotent."""
    locked = (
        OpinionWindow.objects.select_related("meeting", "meeting__branch")
        .select_for_update(of=("self",))
        .filter(pk=window.pk)
        .first()
    )
    if locked is None:
        return
    _check_manager(meeting=locked.meeting, by=by)
    if locked.starts_at <= timezone.now():
        raise ValidationError(_("本次征求意见已经开始,不能撤销;可以提前截止。"))
    locked.delete()


@transaction.atomic
def opinion_give(
    *, window: OpinionWindow, member: Member, text: str, anonymous: bool, receipt: str = ""
) -> Opinion | AnonymousOpinion:
    """A member gives an opinion, signed (署名) or anonymous (无记名).

    Anonymous: one ``AnonymousOpinion`` row (source 党员, today's date) and nothing else.
    The same text given twice in a window (a double submit) is stored once."""
    window = _lock_window(window)
    _check_accepting(window)
    if not member.is_active or member.branch_id != window.meeting.branch_id:
        raise ValidationError(_("只有本支部在册党员可以提意见。"))
    if window.target_member_id is not None and window.target_member_id == member.pk:
        raise ValidationError(_("不能对自己提意见;请在对照检查材料中开展自我批评。"))
    text = _clean_text(text)
    if anonymous:
        return _anonymous_create(
            window=window, source=OpinionSource.MEMBER, text=text, receipt=receipt
        )
    existing = Opinion.objects.filter(window=window, author=member, text=text).first()
    if existing is not None:
        return existing
    return Opinion.objects.create(
        window=window, author=member, text=text, receipt=receipt_digest(receipt)
    )


@transaction.atomic
def opinion_give_public(*, window: OpinionWindow, text: str, receipt: str = "") -> AnonymousOpinion:
    """The public (群众) give an opinion through the window's link: always anonymous."""
    window = _lock_window(window)
    if not window.public_enabled:
        raise ValidationError(_("本次征求意见未向群众开放。"))
    _check_accepting(window)
    text = _clean_text(text)
    return _anonymous_create(window=window, source=OpinionSource.PUBLIC, text=text, receipt=receipt)


def _anonymous_create(
    *, window: OpinionWindow, source: str, text: str, receipt: str = ""
) -> AnonymousOpinion:
    """The one write of the anonymous paths. A byte-identical opinion received in the same
    window the same day is taken as a resubmission and not stored twice."""
    today = timezone.localdate()
    existing = AnonymousOpinion.objects.filter(
        window=window, source=source, text=text, received_on=today
    ).first()
    if existing is not None:
        return existing
    opinion = AnonymousOpinion(
        window=window,
        source=source,
        text=text,
        received_on=today,
        receipt=receipt_digest(receipt),
    )
    _mix_in(window=window, opinion=opinion)
    return opinion


def _mix_in(*, window: OpinionWindow, opinion: AnonymousOpinion) -> None:
    """Add the opinion and mix the window's anonymous opinions, as the ballot box is mixed
    (meetings/services/evaluation.py): every row of the window is written again, in a random
    order, in this transaction. So the table's physical order (SQLite's ``rowid``,
    PostgreSQL's ``ctid``) and PostgreSQL's ``xmin`` — the same for the whole window after
    each opinion — no longer tell which opinion came when, and so not from whom (the n-th
    row would otherwise be the n-th opinion given, matched against who was seen posting).

    The random keys stay: they already say nothing about order, and problems (问题清单)
    and the sorting links refer to them. The window is locked by the caller, and the
    foreign keys to these rows are checked at commit, so removing and re-inserting the same
    keys in one transaction is safe. Old row versions can linger on disk until the database
    reuses the space; that is beyond what an application can erase (see the README)."""
    rows = list(AnonymousOpinion.objects.filter(window=window).order_by())
    rows.append(opinion)
    secrets.SystemRandom().shuffle(rows)
    table = connection.ops.quote_name(AnonymousOpinion._meta.db_table)
    column = connection.ops.quote_name(AnonymousOpinion._meta.get_field("window").column)
    with connection.cursor() as cursor:
        # Raw: the ORM's delete would refuse (a problem PROTECTs the opinion it came from)
        # although the very same rows are back before the transaction ends.
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [window.pk])
    AnonymousOpinion.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def opinion_sort(
    *, opinion: Opinion | AnonymousOpinion, by, disposition: str, note: str = ""
) -> Opinion | AnonymousOpinion:
    """梳理: keep the opinion as the seed of a problem (采纳为问题) or dismiss it (不予采纳).

    Only once its window has closed. A sorted opinion may be sorted again (a correction)."""
    model = type(opinion)
    if model not in (Opinion, AnonymousOpinion):
        raise TypeError(f"not an opinion: {model!r}")
    if model is AnonymousOpinion:
        # Its window's rows are rewritten under the window's lock whenever an opinion comes
        # in (_mix_in): take that lock first, so the row is never met half-rewritten.
        OpinionWindow.objects.select_for_update().filter(
            pk=AnonymousOpinion.objects.filter(pk=opinion.pk).values("window_id")[:1]
        ).first()
    opinion = (
        model.objects.select_related("window", "window__meeting", "window__meeting__branch")
        .select_for_update(of=("self",))
        .get(pk=opinion.pk)
    )
    window = opinion.window
    _check_manager(meeting=window.meeting, by=by)
    if window.ends_at > timezone.now():
        raise ValidationError(_("征求意见截止后才能梳理意见。"))
    if disposition not in SORTED_DISPOSITIONS:
        raise ValidationError({"disposition": _("请选择“采纳为问题”或“不予采纳”。")})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("梳理说明不能超过 %(n)d 个字。") % {"n": NOTE_MAX}})
    if opinion.disposition == disposition and opinion.note == note:
        return opinion
    opinion.disposition = disposition
    opinion.note = note
    opinion.save(update_fields=["disposition", "note"])
    # 采纳为问题 puts it on the problem list once the meeting is held (and changing it
    # back takes it off): rectification.services.lifecycle.opinion_sort calls this first.
    return opinion
