"""Every form the app posts, for tests/security/test_fuzz_forms.py: URL name → who posts it,
the URL's arguments, its fields (a valid value and a kind each) and what a successful post
must have written in full.

``FORMS`` and ``EXEMPT`` together must name every URL whose view takes a POST; the coverage
test fails on any other, so a new form cannot go unfuzzed by accident.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import strategies as st

from meetings.choices import DraftPart, Grade, MeetingKind, OpinionTarget, ProblemCategory
from meetings.services import evaluation as evaluation_services
from rectification.services.lookbacks import open_items
from tests.rectification.test_ledger import tiny_docx, tiny_png
from tests.security.fuzz_strategies import (
    MISSING,
    NASTY_TEXT,
    Field,
    field_value,
    nasty_upload,
    nice_text,
    payload,
)
from tests.security.fuzz_world import AGENDA, World

PASSWORD = "pw-for-tests-2026"  # tests.members.factories.UserFactory's
CATEGORIES = tuple(ProblemCategory.values)
GRADES = tuple(Grade.values)


def _day(days: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _moment(days: float) -> str:
    when = timezone.localtime() + datetime.timedelta(days=days)
    return when.strftime("%Y-%m-%dT%H:%M")


def text(valid: str, *, min_size: int = 1, max_size: int = 40) -> Field:
    """A free-text field whose valid values include strange-but-acceptable unicode."""
    return Field(valid, "text", acceptable=nice_text(min_size, max_size))


def choice(valid: str, choices) -> Field:
    return Field(valid, "choice", tuple(choices), acceptable=st.sampled_from(tuple(choices)))


# --- what "complete" means for a successful post ----------------------------------------------


@dataclass
class Change:
    """What one request wrote: table → rows added / rows removed (each row a dict)."""

    added: dict[str, list[dict]] = field(default_factory=dict)
    removed: dict[str, list[dict]] = field(default_factory=dict)

    @classmethod
    def between(cls, before: dict[str, Counter], after: dict[str, Counter], ignore) -> Change:
        change = cls()
        for table in set(before) | set(after):
            if table in ignore:
                continue
            old, new = before.get(table, Counter()), after.get(table, Counter())
            plus, minus = new - old, old - new
            if plus:
                change.added[table] = [dict(row) for row in plus.elements()]
            if minus:
                change.removed[table] = [dict(row) for row in minus.elements()]
        return change

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def new(self, model) -> list[dict]:
        """Rows of ``model`` that are new (not changed versions of an existing row)."""
        table = model._meta.db_table
        old_ids = {r["id"] for r in self.removed.get(table, [])}
        return [r for r in self.added.get(table, []) if r["id"] not in old_ids]

    def changed(self, model) -> list[dict]:
        return self.added.get(model._meta.db_table, [])

    def summary(self) -> str:
        parts = [f"+{len(v)} {k}" for k, v in sorted(self.added.items())]
        parts += [f"-{len(v)} {k}" for k, v in sorted(self.removed.items())]
        return ", ".join(parts) or "nothing"


def _one(rows: list[dict], what: str) -> dict:
    assert len(rows) == 1, f"expected exactly one new {what}, got {len(rows)}"
    return rows[0]


def complete_member(w: World, change: Change, data: dict) -> None:
    from django.contrib.auth import get_user_model

    from members.models import Member

    row = _one(change.new(Member), "member")
    assert row["branch_id"] == w.pk["branch"]
    users = change.new(get_user_model())
    if row["user_id"] is not None:
        assert [u["id"] for u in users] == [row["user_id"]], "member points at no new account"
    else:
        assert not users, "an account was created without its member"


def complete_import(w: World, change: Change, data: dict) -> None:
    from members.models import Member

    if "token" not in data:
        assert not change, "the preview wrote something"
        return
    rows = signing.loads(data["token"], salt="members.roster-import")["rows"]
    rows = [r for r in rows if any(str(v).strip() for v in r.values())]
    assert len(change.new(Member)) == len(rows), "an import saved some rows but not all"


def complete_reset(w: World, change: Change, data: dict) -> None:
    """A one-time password: the account's hash and the member's flag change, with one audit
    row — nothing else."""
    from audit.models import AuditEvent
    from members.models import Member

    (row,) = change.new(AuditEvent)
    assert row["event"] == "password_temporary" and row["target_id"] == w.members["m3"].pk
    (member,) = change.changed(Member)
    assert member["must_change_password"] is True


def complete_meeting(w: World, change: Change, data: dict) -> None:
    from meetings.models import AgendaItem, Attendee, Meeting

    if change.new(Meeting):
        meeting = Meeting.objects.get(pk=_one(change.new(Meeting), "meeting")["id"])
    else:
        meeting = Meeting.objects.get(pk=w.pk["preparing"])
    assert AgendaItem.objects.filter(meeting=meeting).exists(), "a plan without an agenda"
    assert Attendee.objects.filter(meeting=meeting).exists(), "a plan without attendees"


def complete_opinion(w: World, change: Change, data: dict) -> None:
    from meetings.models import AnonymousOpinion, Opinion

    rows = change.new(Opinion) + change.new(AnonymousOpinion)
    row = _one(rows, "opinion")
    assert row["text"].strip(), "an empty opinion"


def complete_ballot(w: World, change: Change, data: dict) -> None:
    from meetings.models import Ballot, BallotMark, Evaluation, VoteReceipt

    evaluation = Evaluation.objects.get(meeting_id=w.pk["preparing"])
    ballots = Ballot.objects.filter(evaluation=evaluation)
    receipts = VoteReceipt.objects.filter(evaluation=evaluation).count()
    assert ballots.count() == receipts, "ballots and receipts differ"
    rated = len(evaluation_services.rated_member_ids(evaluation.meeting))
    for ballot in ballots:
        assert BallotMark.objects.filter(ballot=ballot).count() == rated, "a partial ballot"


def complete_proposal(w: World, change: Change, data: dict) -> None:
    from meetings.models import Evaluation, EvaluationResult

    evaluation = Evaluation.objects.get(meeting_id=w.pk["held"])
    rated = len(evaluation_services.rated_member_ids(evaluation.meeting))
    assert EvaluationResult.objects.filter(evaluation=evaluation).count() == rated


def complete_attendance(w: World, change: Change, data: dict) -> None:
    from meetings.models import Attendee

    rows = Attendee.objects.filter(meeting_id=w.pk["preparing"])
    assert not rows.filter(present__isnull=True).exists(), "attendance half recorded"
    assert not rows.filter(present=False, absence_reason="").exists(), "absent without reason"


def complete_item(w: World, change: Change, data: dict) -> None:
    from rectification.models import ItemEvent, RectificationItem

    rows = change.new(RectificationItem)
    if rows:
        row = _one(rows, "item")
        assert row["owner_id"] or row["lead_id"], "an item nobody answers for"
        assert row["original_deadline"] == row["deadline"]
        assert any(e["item_id"] == row["id"] for e in change.new(ItemEvent)), "no history"


def complete_progress(w: World, change: Change, data: dict) -> None:
    from django.core.files.storage import default_storage

    from rectification.models import ProgressUpdate

    row = _one(change.new(ProgressUpdate), "progress update")
    if row["evidence"]:
        assert default_storage.exists(row["evidence"]), "evidence row without its file"
        assert default_storage.size(row["evidence"]) > 0


def complete_interview(w: World, change: Change, data: dict) -> None:
    from rectification.models import Interview, ItemEvent

    _one(change.new(Interview), "interview")
    assert change.new(ItemEvent), "an interview without the items' history"


def complete_problem(w: World, change: Change, data: dict) -> None:
    from rectification.models import Problem

    rows = change.new(Problem)
    if rows:
        assert _one(rows, "problem")["text"].strip()


def complete_close(w: World, change: Change, data: dict) -> None:
    from rectification.models import LookBack, RectificationItem

    rows = int(data.get("items-TOTAL_FORMS") or 0)
    confirmed = sum(1 for i in range(rows) if (data.get(f"items-{i}-measure") or "").strip())
    items = RectificationItem.objects.filter(meeting_id=w.pk["held_ready"]).count()
    assert items == confirmed, "closed into 整改中 without an item for every confirmed row"
    assert LookBack.objects.filter(meeting_id=w.pk["held_ready"]).exists(), "no look-back"


def _close_fields(w: World) -> dict[str, Field]:
    """The closing page's one proposed item (the ready meeting has one problem)."""
    from rectification.models import Problem

    problem = Problem.objects.filter(meeting_id=w.pk["held_ready"]).order_by("pk").first()
    return {
        "items-TOTAL_FORMS": Field("1", "int"),
        "items-INITIAL_FORMS": Field("1", "int"),
        "items-0-problem": Field(str(problem.pk), "id"),
        "items-0-measure": text("每月读一本书", max_size=2000),
        "items-0-person": Field(str(w.members["m1"].pk), "id"),
        "items-0-deadline": Field(_day(60), "date"),
        "items-0-priority": choice("important", ["urgent", "important", "normal"]),
        "items-0-difficulty": choice("medium", ["hard", "medium", "easy"]),
    }


def complete_lookback(w: World, change: Change, data: dict) -> None:
    from rectification.models import LookBack, LookBackEntry

    lookback = LookBack.objects.filter(pk=w.pk["lookback"]).first()
    if lookback is not None and lookback.done_at is not None:
        entries = LookBackEntry.objects.filter(lookback=lookback).count()
        assert entries == len(open_items(lookback.meeting)), "a look-back with rows missing"


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    user: str  # a role of World.users; "anonymous" posts without logging in
    kwargs: Callable[[World], dict] = lambda w: {}
    fields: Callable[[World], dict[str, Field]] = lambda w: {}
    strategy: Callable[[World], st.SearchStrategy] | None = None  # instead of ``fields``
    complete: Callable[[World, Change, dict], None] | None = None
    quiet: bool = False  # a redirect that says nothing and writes nothing is a fine answer
    readonly: bool = False  # answers with a page and never writes (a preview, a live check)
    htmx: bool = False  # also posted as htmx (the answer is a fragment)
    prepare: Callable[[object, World], None] | None = None  # the client, before posting
    may_write_on_error: tuple[str, ...] = ()  # tables written even when the post is refused
    shown_as: dict = field(default_factory=dict)  # field → the message the page shows for it
    # An error message that says the post saved first, by design, before a second step was
    # refused (保存并提交: saved, then not submitted): the save must then be complete.
    saved_first: str = ""


def _member_fields(w: World) -> dict[str, Field]:
    return {
        "name": text("新党员", max_size=50),
        "gender": choice("female", ["male", "female"]),
        "category": choice("probationary", ["full", "probationary"]),
        "joined_on": Field("2015-07-01", "date"),
        "position": choice("", ["", "deputy_secretary", "publicity", "secretary"]),
        "phone": Field("139 0000-1111", "line"),
        "email": Field("new@example.org", "line"),
    }


def _meeting_fields(w: World) -> dict[str, Field]:
    ids = [str(m.pk) for k, m in w.members.items() if k != "gone"]
    return {
        "kind": choice("themed", MeetingKind.values),
        "theme": text("学党史、悟思想", max_size=200),
        "starts_at": Field(_moment(20), "datetime"),
        "place": text("支部活动室", max_size=200),
        "upper_org_attends": Field("on", "bool"),
        "agenda": Field("\n".join(AGENDA), "text"),
        "readings": text("《党章》"),
        "talk_peer_count": Field("1", "int"),
        "rectify_months": Field("3", "int"),
        "attendees": Field(ids, "ids"),
    }


@st.composite
def _roster_rows(draw, n_max: int = 4) -> list[dict]:
    clean = draw(st.integers(0, 2)) == 0
    rows = []
    for i in range(draw(st.integers(0, n_max))):
        spec = {
            "name": text(f"导入党员{i}", max_size=50),
            "gender": choice("男", ["男", "女", "male", "female"]),
            "category": choice("正式党员", ["正式党员", "预备党员", "full"]),
            "joined_on": Field("2012/07/01", "date"),
            "position": Field(  # the branch has its secretary: a second one is refused
                "", "choice", ("", "组织委员", "书记"), st.sampled_from(["", "宣传委员"])
            ),
            "phone": Field("13900001111", "line"),
            "email": Field("", "line"),
            "username": Field(f"fz-import-{i}", "line"),
        }
        row = {}
        for name, f in spec.items():
            value = draw(field_value(f, clean=clean))
            if value is MISSING:
                value = ""
            row[name] = value if not isinstance(value, list) else value[-1]
        rows.append(row)
    return rows


def _csv(rows: list[dict], encoding: str) -> bytes:
    from members.importing import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([h for _f, h in COLUMNS])
    for row in rows:
        writer.writerow([row[f] for f, _h in COLUMNS])
    return out.getvalue().encode(encoding, errors="replace")


def _xlsx(rows: list[dict]) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from members.importing import COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([h for _f, h in COLUMNS])
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", str(row[f]))[:32767] for f, _h in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def _roster_post(draw, w: World) -> dict:
    """Step 1 (a file: a real .csv/.xlsx with fuzzed cells, or a nasty upload) or step 2
    (the signed preview token, over fuzzed rows — or a forged one)."""
    mode = draw(st.sampled_from(["csv", "xlsx", "upload", "token", "token", "forged"]))
    if mode == "upload":
        return {"file": draw(nasty_upload())}
    if mode == "forged":
        forged = draw(
            st.sampled_from(NASTY_TEXT)
            | st.just(
                signing.dumps(
                    {"branch": w.pk["branch"] + 1, "rows": []},
                    salt="members.roster-import",
                    compress=True,
                )
            )
            | st.just(signing.dumps({"branch": w.pk["branch"], "rows": []}, salt="wrong"))
        )
        return {"token": forged}
    rows = draw(_roster_rows())
    if mode == "token":
        token = signing.dumps(
            {"branch": w.pk["branch"], "rows": rows}, salt="members.roster-import", compress=True
        )
        return {"token": token}
    if mode == "csv":
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
        return {"file": SimpleUploadedFile("名册.csv", _csv(rows, encoding))}
    return {"file": SimpleUploadedFile("名册.xlsx", _xlsx(rows))}


def _draft_fields(w: World) -> dict[str, Field]:
    from meetings.choices import CAUSE_FIELDS

    fields = {
        "gains": text("学习后对宗旨意识有了新的认识"),
        "direction": text("严格按党员标准要求自己"),
        "written_statement": Field("", "bool"),
        "action": choice("save", ["save", "submit"]),
    }
    for name, _label in CAUSE_FIELDS:
        fields[name] = text("放松了理论学习")
    for prefix, total in (("problems", "2"), ("measures", "2")):
        fields[f"{prefix}-TOTAL_FORMS"] = Field(total, "int")
        fields[f"{prefix}-INITIAL_FORMS"] = Field("0", "int")
        fields[f"{prefix}-MIN_NUM_FORMS"] = Field("0", "int")
        fields[f"{prefix}-MAX_NUM_FORMS"] = Field("50", "int")
    fields.update(
        {
            "problems-0-category": choice("study", CATEGORIES),
            "problems-0-text": text("理论学习不够深入"),
            "problems-0-example": text("全年只读了一本书"),
            "problems-1-category": choice("", ("", *CATEGORIES)),
            "problems-1-text": Field("", "text"),
            "measures-0-problem": choice("1", ["", "1", "2"]),
            "measures-0-text": text("每月读一本书并写心得"),
            "measures-0-deadline": Field(_day(90), "date"),
            "measures-1-text": Field("", "text"),
        }
    )
    return fields


def _ballot_fields(meeting_key: str, prefix: str, note: bool = False):
    def fields(w: World) -> dict[str, Field]:
        from meetings.models import Meeting

        meeting = Meeting.objects.get(pk=w.pk[meeting_key])
        out: dict[str, Field] = {}
        for pk in sorted(evaluation_services.rated_member_ids(meeting)):
            out[f"{prefix}{pk}"] = choice("qualified", GRADES)
            if note:
                out[f"n{pk}"] = text("表现良好", max_size=300)
        return out

    return fields


def _attendance_fields(w: World) -> dict[str, Field]:
    out: dict[str, Field] = {"upper_attendee": text("镇党委组织委员张某", max_size=100)}
    for role, member in w.members.items():
        if role == "gone":
            continue
        out[f"present_{member.pk}"] = Field("on", "bool")
        out[f"reason_{member.pk}"] = text("因公出差", max_size=200)
    return out


def _lookback_fields(w: World) -> dict[str, Field]:
    from rectification.models import LookBack

    lookback = LookBack.objects.get(pk=w.pk["lookback"])
    out: dict[str, Field] = {
        "action": choice("record", ["record", "move", "remove"]),
        "due_on": Field(_day(5), "date"),
        "summary": text("总体进展顺利", max_size=3000),
    }
    for item in open_items(lookback.meeting):
        out[f"progress_{item.pk}"] = text("已完成一半", max_size=500)
        out[f"difficulties_{item.pk}"] = Field("", "text")
        out[f"next_{item.pk}"] = text("月底前完成", max_size=500)
    return out


def _prepare_reset(client, w: World) -> None:
    """Put the reset token in the session, as following the e-mailed link does."""
    session = client.session
    session["_password_reset_token"] = default_token_generator.make_token(w.users["m3"])
    session.save()


def _progress_evidence() -> SimpleUploadedFile:
    return SimpleUploadedFile("进展.png", tiny_png(), content_type="image/png")


def _m(role: str) -> Callable[[World], int]:
    return lambda w: w.members[role].pk


FORMS: dict[str, Form] = {
    # --- accounts ------------------------------------------------------------------------
    "login": Form(
        "anonymous",
        fields=lambda w: {
            "username": Field("fz-m1", "line"),
            "password": Field(PASSWORD, "line"),
            "next": Field("/meetings/", "line"),
        },
        # a failed login is recorded: django-axes' counters and the audit log
        may_write_on_error=(
            "axes_accessattempt",
            "axes_accessfailurelog",
            "axes_accesslog",
            "audit_auditevent",
        ),
    ),
    "logout": Form("m1", quiet=True),
    "password_change": Form(
        "m1",
        fields=lambda w: {
            "old_password": Field(PASSWORD, "line"),
            "new_password1": Field("Zq7-long-enough-2026", "line"),
            "new_password2": Field("Zq7-long-enough-2026", "line"),
        },
    ),
    "password_reset": Form(
        "anonymous", fields=lambda w: {"email": Field("nobody@example.org", "line")}, quiet=True
    ),
    "password_reset_confirm": Form(
        "anonymous",
        kwargs=lambda w: {
            "uidb64": urlsafe_base64_encode(force_bytes(w.users["m3"].pk)),
            "token": "set-password",
        },
        fields=lambda w: {
            "new_password1": Field("Zq7-long-enough-2026", "line"),
            "new_password2": Field("Zq7-long-enough-2026", "line"),
        },
        prepare=_prepare_reset,
    ),
    "set_language": Form(
        "m1",
        fields=lambda w: {
            "language": choice("en", ["en", "zh-hans"]),
            "next": Field("/meetings/", "line"),
        },
        quiet=True,
    ),
    # --- members --------------------------------------------------------------------------
    "members:create": Form(
        "secretary",
        kwargs=lambda w: {"branch_pk": w.pk["branch"]},
        fields=lambda w: {
            **_member_fields(w),
            "username": Field("fz-newbie", "line"),
            "password": Field("Zq7-long-enough-2026", "line"),
        },
        complete=complete_member,
    ),
    "members:edit": Form(
        "secretary", kwargs=lambda w: {"pk": w.members["m3"].pk}, fields=_member_fields
    ),
    "members:deactivate": Form("secretary", kwargs=lambda w: {"pk": w.members["m3"].pk}),
    "members:reactivate": Form("secretary", kwargs=lambda w: {"pk": w.members["gone"].pk}),
    "members:password-reset": Form(
        "secretary", kwargs=lambda w: {"pk": w.members["m3"].pk}, complete=complete_reset
    ),
    "members:roster-import": Form(
        "secretary",
        kwargs=lambda w: {"branch_pk": w.pk["branch"]},
        strategy=_roster_post,
        complete=complete_import,
        readonly=True,
    ),
    # --- meetings: the plan ---------------------------------------------------------------
    "meetings:create": Form(
        "secretary",
        fields=lambda w: {"branch": Field(str(w.pk["branch"]), "id"), **_meeting_fields(w)},
        complete=complete_meeting,
    ),
    "meetings:edit": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["preparing"]},
        fields=_meeting_fields,
        complete=complete_meeting,
    ),
    "meetings:schedule": Form("secretary", kwargs=lambda w: {"pk": w.pk["planning"]}),
    "meetings:plan-submit": Form("secretary", kwargs=lambda w: {"pk": w.pk["planning"]}),
    "meetings:plan-decide": Form(
        "supervisor",
        kwargs=lambda w: {"pk": w.pk["preparing"]},
        fields=lambda w: {
            "decision": choice("approve", ["approve", "return"]),
            "comment": text("同意", max_size=2000),
        },
    ),
    "meetings:hold": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["preparing"]},
        fields=lambda w: {"reason": text("按计划召开", max_size=2000)},
    ),
    "meetings:cancel": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["preparing"]},
        fields=lambda w: {"reason": text("上级通知推迟", max_size=2000)},
    ),
    "meetings:study": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "held_on": Field(_day(-1), "date"),
            "topic": text("集中学习党章", max_size=200),
            "readings": Field([str(w.pk["reading"])], "ids"),
            "attendees": Field([str(w.members["m1"].pk)], "ids"),
            "notes": text("大家都做了发言", max_size=300),
        },
    ),
    "meetings:study-delete": Form("secretary", kwargs=lambda w: {"pk": w.pk["study"]}),
    # --- meetings: opinions ---------------------------------------------------------------
    "meetings:opinions": Form(
        "m1",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "window": Field(str(w.pk["window_open"]), "id"),
            "text": text("支委会开会不够规律,希望固定时间", min_size=5, max_size=2000),
            "anonymous": Field("on", "bool"),
        },
        complete=complete_opinion,
    ),
    "meetings:opinion-window-open": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "target": choice("member", OpinionTarget.values),
            "target_member": Field(str(w.members["m1"].pk), "id"),
            "starts_at": Field(_moment(0), "datetime"),
            "ends_at": Field(_moment(2), "datetime"),
            "public_enabled": Field("on", "bool"),
        },
    ),
    "meetings:opinion-window-close": Form(
        "secretary", kwargs=lambda w: {"pk": w.pk["window_open"]}
    ),
    "meetings:opinion-window-cancel": Form(
        "secretary", kwargs=lambda w: {"pk": w.pk["window_future"]}
    ),
    "meetings:opinion-sort": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["opinion"]},
        fields=lambda w: {
            "disposition": choice("kept", ["kept", "dismissed", "unsorted"]),
            "note": text("确有其事", max_size=300),
        },
        htmx=True,
    ),
    "meetings:anonymous-opinion-sort": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["anonymous_opinion"]},
        fields=lambda w: {
            "disposition": choice("dismissed", ["kept", "dismissed", "unsorted"]),
            "note": text("已说明情况", max_size=300),
        },
        htmx=True,
    ),
    "meetings:public-opinion": Form(
        "anonymous",
        kwargs=lambda w: {"token": w.pk["public_token"]},
        fields=lambda w: {"text": text("窗口办事排队时间太长", min_size=5, max_size=2000)},
        complete=complete_opinion,
    ),
    # --- meetings: talks -------------------------------------------------------------------
    "meetings:talk-record": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "member_a": Field(str(w.members["secretary"].pk), "id"),
            "member_b": Field(str(w.members["m1"].pk), "id"),
            "held_on": Field(_day(-1), "date"),
            "topic": text("交流学习体会", max_size=300),
            "outcome": text("互相指出不足", max_size=300),
        },
    ),
    "meetings:talk-plan": Form("secretary", kwargs=lambda w: {"meeting_pk": w.pk["preparing"]}),
    # --- meetings: the evaluation ------------------------------------------------------------
    "meetings:evaluation-open": Form(
        "secretary", kwargs=lambda w: {"meeting_pk": w.pk["preparing"]}
    ),
    "meetings:evaluation-self": Form(
        "m1",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "grade": choice("qualified", GRADES),
            "text": text("能按时参加组织生活", max_size=2000),
        },
    ),
    "meetings:evaluation-start": Form(
        "secretary", kwargs=lambda w: {"meeting_pk": w.pk["preparing"]}
    ),
    "meetings:ballot-cast": Form(
        "m1",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=_ballot_fields("preparing", "m"),
        complete=complete_ballot,
    ),
    "meetings:evaluation-close": Form(
        "secretary", kwargs=lambda w: {"meeting_pk": w.pk["preparing"]}
    ),
    "meetings:evaluation-reopen": Form("secretary", kwargs=lambda w: {"meeting_pk": w.pk["held"]}),
    "meetings:evaluation-closer": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {"closer": Field(str(w.members["m1"].pk), "id")},
    ),
    "meetings:evaluation-propose": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["held"]},
        fields=_ballot_fields("held", "g", note=True),
        complete=complete_proposal,
    ),
    "meetings:evaluation-finalize": Form(
        "secretary", kwargs=lambda w: {"meeting_pk": w.pk["held"]}
    ),
    # --- meetings: the day -----------------------------------------------------------------
    "meetings:attendance": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=_attendance_fields,
        complete=complete_attendance,
    ),
    "meetings:criticism": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"], "member_pk": w.members["m2"].pk},
        fields=lambda w: {
            "critic": Field(str(w.members["m3"].pk), "id"),
            "text": text("学习笔记不够认真", max_size=2000),
            "reply": text("虚心接受", max_size=2000),
            "as_problem": Field("on", "bool"),
            "problem_category": choice("style", ["", *CATEGORIES]),
            "criticism": Field("", "id"),
        },
        htmx=True,
    ),
    "meetings:criticism-delete": Form(
        "secretary",
        kwargs=lambda w: {
            "meeting_pk": w.pk["preparing"],
            "member_pk": w.members["m2"].pk,
            "pk": w.pk["criticism"],
        },
        htmx=True,
    ),
    "meetings:minutes": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {
            "host": Field(str(w.members["secretary"].pk), "id"),
            "recorder": Field(str(w.members["committee"].pk), "id"),
            "rectification_report": text("上次问题已全部整改", max_size=3000),
            "key_points": text("开展了批评和自我批评", max_size=5000),
            "upper_comments": Field("", "text"),
            "resolutions": text("形成问题清单", max_size=3000),
        },
    ),
    # --- meetings: drafts ------------------------------------------------------------------
    "meetings:draft-start": Form(
        "m1",
        kwargs=lambda w: {"meeting_pk": w.pk["preparing"]},
        fields=lambda w: {"committee": choice("", ["", "1"])},
    ),
    "meetings:draft-edit": Form(
        "m1",
        kwargs=lambda w: {"pk": w.pk["draft_writing"]},
        fields=_draft_fields,
        saved_first="已保存,但未能提交",
    ),
    "meetings:draft-check": Form(
        "m1", kwargs=lambda w: {"pk": w.pk["draft_writing"]}, fields=_draft_fields, readonly=True
    ),
    "meetings:draft-submit": Form("m1", kwargs=lambda w: {"pk": w.pk["draft_writing"]}),
    "meetings:draft-review": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["draft_submitted"]},
        fields=lambda w: {
            "decision": choice("return", ["approve", "return"]),
            **{part: text("请写得更具体", max_size=2000) for part in DraftPart.values},
        },
        shown_as={"decision": "请选择通过或退回修改。"},
    ),
    # --- notifications ----------------------------------------------------------------------
    "notifications:open": Form("m1", kwargs=lambda w: {"pk": w.pk["notification"]}, quiet=True),
    "notifications:read-all": Form("m1", quiet=True),
    # --- rectification: the problem list ---------------------------------------------------
    "rectification:problem-from-criticism": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["held"]},
        fields=lambda w: {
            "criticism-criticism": Field(str(w.pk["held_criticism"]), "id"),
            "criticism-category": choice("style", CATEGORIES),
            "criticism-text": text("工作作风不够扎实", max_size=1000),
            "criticism-root_cause": text("宗旨意识淡化", max_size=1000),
        },
        complete=complete_problem,
    ),
    "rectification:problem-from-opinion": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["held"]},
        fields=lambda w: {
            "opinion-opinion": choice(
                f"s-{w.pk['opinion_kept']}",
                [f"s-{w.pk['opinion_kept']}", f"a-{w.pk['anonymous_opinion']}"],
            ),
            "opinion-owner": choice(
                "suggested", ["suggested", "committee", str(w.members["m1"].pk)]
            ),
            "opinion-category": choice("masses", CATEGORIES),
            "opinion-text": Field("", "text"),
            "opinion-root_cause": text("服务意识不强", max_size=1000),
        },
        complete=complete_problem,
    ),
    "rectification:problem-from-supervisor": Form(
        "supervisor",
        kwargs=lambda w: {"meeting_pk": w.pk["held"]},
        fields=lambda w: {
            "supervisor-owner": choice("committee", ["committee", str(w.members["m2"].pk)]),
            "supervisor-category": choice("duty", CATEGORIES),
            "supervisor-text": text("班子抓落实不够有力", max_size=1000),
            "supervisor-root_cause": Field("", "text"),
        },
        complete=complete_problem,
    ),
    "rectification:merge": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["held"]},
        fields=lambda w: {
            "keep": Field(str(w.pk["problem"]), "id"),
            "merge": Field([str(w.pk["problem_other"])], "ids"),
        },
    ),
    "rectification:publish": Form("secretary", kwargs=lambda w: {"meeting_pk": w.pk["held"]}),
    "rectification:report-send": Form("secretary", kwargs=lambda w: {"meeting_pk": w.pk["held"]}),
    "rectification:close": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["held_ready"]},
        fields=_close_fields,
        complete=complete_close,
    ),
    "rectification:receipt": Form(
        "anonymous",
        fields=lambda w: {"code": text("ABCD-EFGH-JKMN-PQRS", max_size=40)},
        readonly=True,
    ),
    "rectification:complete": Form("secretary", kwargs=lambda w: {"meeting_pk": w.pk["rect_done"]}),
    "rectification:problem-edit": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["problem"]},
        fields=lambda w: {
            "owner": choice(str(w.members["m1"].pk), ["committee", str(w.members["m1"].pk)]),
            "category": choice("study", CATEGORIES),
            "text": text("理论学习不够深入系统", max_size=1000),
            "example": text("全年只读了一本书", max_size=1000),
            "root_cause": Field("", "text"),
        },
        complete=complete_problem,
    ),
    # --- rectification: the ledger ---------------------------------------------------------
    "rectification:ledger-publicity": Form(
        "secretary",
        kwargs=lambda w: {"branch_pk": w.pk["branch"]},
        fields=lambda w: {"enabled": Field("on", "bool")},
    ),
    "rectification:interview": Form(
        "secretary",
        kwargs=lambda w: {"branch_pk": w.pk["branch"]},
        fields=lambda w: {
            "member": Field(str(w.members["m3"].pk), "id"),
            "items": Field([str(w.pk["item_late"])], "ids"),
            "held_on": Field(_day(0), "date"),
            "interviewer": text("甲书记", max_size=100),
            "said": text("逾期原因是人手不足,承诺月底完成", max_size=3000),
            "new_deadline": Field(_day(20), "date"),
        },
        complete=complete_interview,
    ),
    "rectification:item-create": Form(
        "secretary",
        kwargs=lambda w: {"problem_pk": w.pk["rect_problem"]},
        fields=lambda w: {
            "measure": text("每月到联系村走访一次", max_size=2000),
            "owner": Field(str(w.members["m1"].pk), "id"),
            "deadline": Field(_day(45), "date"),
            "priority": choice("urgent", ["urgent", "important", "normal"]),
            "difficulty": choice("easy", ["hard", "medium", "easy"]),
            "version": Field("", "int"),
        },
        complete=complete_item,
    ),
    "rectification:item-edit": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["item"]},
        fields=lambda w: {
            "measure": text("每月到联系村走访两次", max_size=2000),
            "owner": Field(str(w.members["m1"].pk), "id"),
            "deadline": Field(_day(50), "date"),
            "priority": choice("normal", ["urgent", "important", "normal"]),
            "difficulty": choice("hard", ["hard", "medium", "easy"]),
            "version": Field("1", "int"),
        },
    ),
    "rectification:item-progress": Form(
        "m1",
        kwargs=lambda w: {"pk": w.pk["item"]},
        fields=lambda w: {
            "on": Field(_day(0), "date"),
            "text": text("已走访王家村", max_size=2000),
            "evidence": Field(
                _progress_evidence,
                "file",
                acceptable=st.sampled_from(
                    [
                        SimpleUploadedFile("报告.docx", tiny_docx()),
                        SimpleUploadedFile("x" * 300 + ".png", tiny_png()),
                    ]
                ).map(lambda f: SimpleUploadedFile(f.name, f.file.getvalue())),
            ),
        },
        complete=complete_progress,
    ),
    "rectification:item-done": Form("m1", kwargs=lambda w: {"pk": w.pk["item"]}),
    "rectification:item-signoff": Form("secretary", kwargs=lambda w: {"pk": w.pk["item_awaiting"]}),
    "rectification:item-sendback": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["item_awaiting"]},
        fields=lambda w: {"reason": text("佐证材料不足", max_size=500)},
    ),
    # --- rectification: look-backs ---------------------------------------------------------
    "rectification:lookbacks": Form(
        "secretary",
        kwargs=lambda w: {"meeting_pk": w.pk["rectifying"]},
        fields=lambda w: {"due_on": Field(_day(10), "date")},
    ),
    "rectification:lookback": Form(
        "secretary",
        kwargs=lambda w: {"pk": w.pk["lookback"]},
        fields=_lookback_fields,
        complete=complete_lookback,
    ),
    # --- supervision -----------------------------------------------------------------------
    "supervision:signoff": Form(
        "supervisor",
        fields=lambda w: {
            "items": Field([str(w.pk["item_awaiting"]), str(w.pk["item_committee"])], "ids")
        },
    ),
    # --- records ------------------------------------------------------------------------------
    "records:member-docx": Form("m1", kwargs=lambda w: {"pk": w.members["m1"].pk}),
}

EXEMPT: dict[str, str] = {
    "admin:*": "Django's own admin: superusers only, Django's forms, not an orglife screen",
    "members:mine": "a redirect to the user's roster; reads nothing from the request body",
    "members:roster-template": "a GET download of an empty .xlsx; writes nothing",
    "notifications:health": "a GET JSON health check for monitoring; writes nothing",
    "rectification:public-ledger": "the public GET page; a POST is answered as a GET",
    "supervision:ping": "a benchmark baseline: plain 'ok', writes nothing",
    "supervision:empty": "a benchmark baseline page, writes nothing",
}


def fields_strategy(form: Form, w: World) -> st.SearchStrategy[dict]:
    if form.strategy is not None:
        return form.strategy(w)
    return payload(form.fields(w))
