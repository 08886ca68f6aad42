"""Realistic load data for the benchmark: committees → general branches → branches, their
members, one held meeting per branch now in 整改中 (with drafts, criticism, opinions, the
problem list and the ledger), some meetings being planned, look-backs — then the rollups.

Fast on purpose: ids are assigned here, rows are streamed a branch at a time into
per-table buffers and written with PostgreSQL ``COPY`` (other databases: ``executemany``),
all in one transaction. The organization tree's materialized paths are computed here as
django-treebeard would (steplen 5, base 36, first child ``00001``), ``depth`` and
``numchild`` included.

``reset`` removes exactly what a previous run made: the subtree of the root named
``LOAD_ROOT`` and the ``load-*`` logins, with every row that hangs on them.
"""

from __future__ import annotations

import datetime
import io
import math
import queue
import random
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from meetings.choices import DraftStatus, MeetingStatus, OpinionTarget, PlanStatus
from meetings.models import (
    Attendee,
    Criticism,
    Draft,
    DraftProblem,
    Meeting,
    Opinion,
    OpinionWindow,
)
from members.choices import OrganizationKind, Position
from members.models import Member, Organization, Supervisor
from rectification.choices import Difficulty, Priority, ProblemSource
from rectification.models import LookBack, Problem, RectificationItem

LOAD_ROOT = "压力测试党委"
USERNAMES = {
    "supervisor": "load-supervisor",
    "secretary": "load-secretary",
    "member": "load-member",
    "admin": "load-admin",
}
PASSWORD = "demo-pass-2026"
BRANCHES_PER_COMMITTEE = 500
BRANCHES_PER_GENERAL = 20
FLUSH_ROWS = 50_000
PROGRESS_EVERY = 10_000  # branches between two progress lines
PRIORITIES = tuple(Priority.values)
DIFFICULTIES = tuple(Difficulty.values)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌鹏辉宇浩然子轩欣怡思远俊杰晓东海燕春"
THEMES = (
    "学党史、悟思想、办实事、开新局",
    "学思想、强党性、重实践、建新功",
    "年度组织生活会暨民主评议党员",
)
PROBLEMS = {
    "politics": (
        "政治理论学习不够深入,对党的创新理论理解不透",
        "落实“第一议题”制度不够经常,学习后研究落实措施少",
        "政治敏锐性不强,对网上错误言论没有及时批驳",
    ),
    "study": (
        "理论学习停留在读原文、记笔记,联系工作实际不够",
        "个人自学计划执行不严,学习时间常被业务挤占",
        "参加支部集中学习研讨发言准备不充分",
    ),
    "discipline": (
        "执行请销假制度不严格,有一次外出未按时报备",
        "参加组织生活不够严肃,主题党日迟到",
        "按时足额交纳党费意识不强,曾两次逾期交纳",
    ),
    "duty": (
        "面对群众急难愁盼问题攻坚克难劲头不足",
        "对分管工作中的老大难问题推动不力,办结率不高",
        "工作标准不高,满足于完成上级交办任务",
    ),
    "style": (
        "调查研究不够深入,下基层次数少、时间短",
        "文山会海问题仍然存在,部分会议可开可不开",
        "服务意识不强,窗口办事群众等待时间长",
    ),
    "integrity": (
        "对身边同志的廉洁提醒不够经常",
        "公务接待标准执行不严,有一次超出规定人数",
        "对家属子女的廉洁教育不够经常",
    ),
    "masses": (
        "联系服务群众不够主动,走访联系户次数少",
        "对群众反映的问题跟踪回访不及时",
        "开展“我为群众办实事”实践活动事项偏少",
    ),
    "role": (
        "在岗位工作中先锋模范作用发挥不明显",
        "参加志愿服务活动次数少",
        "带动身边群众参与社区治理不够",
    ),
    "other": (
        "业务知识更新不及时,与岗位要求有差距",
        "运用信息化手段开展工作的能力不足",
    ),
}
CATEGORY_WEIGHTS = (14, 18, 10, 14, 16, 8, 10, 6, 4)
EXAMPLES = (
    "如:{m}月份支部集中学习缺席一次,事后未补学。",
    "如:{m}月份走访联系户仅 1 户,未建立问题台账。",
    "如:{m}月份群众反映的停车难问题至今未答复。",
    "如:{m}月份承办的两件群众来信超期办理。",
)
MEASURES = (
    "每月精读 1 篇理论文章并撰写不少于 500 字的心得,交支部书记审阅",
    "每季度走访联系户不少于 6 户,建立问题台账,逐项销号",
    "严格执行请销假制度,外出前向支部书记书面报备",
    "对群众反映的问题 3 个工作日内答复,每月回访一次",
    "牵头完成分管领域 2 项老大难问题,形成办结报告",
    "每月参加志愿服务不少于 1 次,全年不少于 12 次",
    "精简会议文件,本年度会议数量比上年减少 20%",
    "完成 2 门线上业务课程,取得结业证书",
)
SOURCES = (
    ProblemSource.DRAFT,
    ProblemSource.CRITICISM,
    ProblemSource.OPINION,
    ProblemSource.SUPERVISOR,
)
SOURCE_WEIGHTS = (55, 20, 15, 10)


# --- paths ------------------------------------------------------------------------------------


def path_step(position: int) -> str:
    """One step of a treebeard path: ``position`` (1-based) in base 36, five characters."""
    key = Organization._int2str(position)
    if len(key) > Organization.steplen:
        raise ValueError(f"too many siblings: {position}")
    return Organization.alphabet[0] * (Organization.steplen - len(key)) + key


def next_root_position() -> int:
    last = Organization.objects.filter(depth=1).order_by("-path").values_list("path", flat=True)
    last = last.first()
    return Organization._str2int(last) + 1 if last else 1


# --- writing ----------------------------------------------------------------------------------


def _text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


_COPY_FORMAT = {
    str: _text,
    int: str,
    bool: lambda v: "t" if v else "f",
    type(None): lambda v: r"\N",
    datetime.datetime: datetime.datetime.isoformat,
    datetime.date: datetime.date.isoformat,
}


def _any(value) -> str:
    for kind in (bool, str, int, datetime.datetime, datetime.date):  # subclasses (enums …)
        if isinstance(value, kind):
            return _COPY_FORMAT[kind](value)
    raise TypeError(f"cannot COPY {value!r}")


def copy_line(row: tuple) -> str:
    """One row in PostgreSQL's COPY text format."""
    get = _COPY_FORMAT.get
    return "\t".join([(get(type(v)) or _any)(v) for v in row]) + "\n"


class Writer(threading.Thread):
    """Sends COPY chunks to PostgreSQL from a second thread, on the same connection (and
    transaction), while the main thread goes on generating: the database and Python each
    keep one core busy."""

    def __init__(self, raw_connection):
        super().__init__(daemon=True)
        self.raw = raw_connection
        self.queue: queue.Queue = queue.Queue(maxsize=4)
        self.error: BaseException | None = None

    def run(self) -> None:
        cursor = self.raw.cursor()
        while True:
            job = self.queue.get()
            if job is None:
                return
            if self.error is None:
                sql, text = job
                try:
                    cursor.copy_expert(sql, io.StringIO(text))
                except BaseException as exc:  # re-raised in the main thread by close()
                    self.error = exc

    def send(self, sql: str, text: str) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((sql, text))

    def close(self) -> None:
        self.queue.put(None)
        self.join()
        if self.error is not None:
            raise self.error


class Table:
    """Rows for one table, flushed in chunks: COPY on PostgreSQL (through ``writer`` when
    given), executemany elsewhere."""

    writer: Writer | None = None

    def __init__(self, model, columns: tuple[str, ...]):
        self.model = model
        self.columns = columns
        self.rows: list[tuple] = []
        self.written = 0
        self.postgres = connection.vendor == "postgresql"
        self.fields = [model._meta.get_field(c) for c in columns]

    def add(self, *values) -> None:
        self.rows.append(values)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        qn = connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        cols = ", ".join(qn(f.column) for f in self.fields)
        if self.postgres:
            sql = f"COPY {table} ({cols}) FROM STDIN"
            text = "".join([copy_line(row) for row in self.rows])
            if Table.writer is not None:
                Table.writer.send(sql, text)
            else:
                with connection.cursor() as cursor:
                    cursor.copy_expert(sql, io.StringIO(text))
        else:
            marks = ", ".join(["%s"] * len(self.fields))
            prepped = [
                [f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True)]
                for row in self.rows
            ]
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", prepped)
        self.written += len(self.rows)
        self.rows = []


class Ids:
    """The next free primary key of each table (ids are assigned here, not by the database)."""

    def __init__(self, *models_):
        self.next = {m: (m.objects.aggregate(n=Max("pk"))["n"] or 0) + 1 for m in models_}

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


@contextmanager
def bulk_load(model_list):
    """PostgreSQL: drop the foreign keys and the plain (non-unique) indexes of the tables
    about to be loaded, and add them back at the end with the same names and definitions:
    an index built once by sorting is cheaper than a million insertions, and each foreign
    key is then checked by one set-based query instead of a trigger per row. Rows are sent
    by a second thread while this one generates. All inside the caller's transaction: on
    failure everything is as it was."""
    if connection.vendor != "postgresql":
        yield
        return
    qn = connection.ops.quote_name
    tables = [m._meta.db_table for m in model_list]
    with connection.cursor() as cursor:
        # Run the foreign-key checks still pending in this transaction (a reset's deletes):
        # a table with pending trigger events cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {qn(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    Table.writer = Writer(connection.connection)
    Table.writer.start()
    try:
        yield
    finally:
        writer, Table.writer = Table.writer, None
        writer.close()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}")


# --- reset ------------------------------------------------------------------------------------


def _reverse_fks(model):
    """(child model, its foreign key) for every foreign key pointing at ``model`` — hidden
    ones (``related_name="+"``) included."""
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            yield rel.related_model, rel.field


def load_rows_plan() -> list[tuple[type[models.Model], models.QuerySet]]:
    """(model, queryset) for every row that hangs on the load organizations and logins,
    found by following foreign keys backwards (breadth first)."""
    root = Organization.objects.filter(depth=1, name=LOAD_ROOT).first()
    doomed: dict[type[models.Model], models.QuerySet] = {}
    conditions: dict[type[models.Model], Q] = {}
    queue: deque = deque()
    if root is not None:
        doomed[Organization] = Organization.objects.filter(path__startswith=root.path)
        queue.append(Organization)
    user_model = get_user_model()
    doomed[user_model] = user_model.objects.filter(username__in=list(USERNAMES.values()))
    queue.append(user_model)
    while queue:
        parent = queue.popleft()
        for child, fk in _reverse_fks(parent):
            child = child._meta.concrete_model
            q = Q(**{f"{fk.name}__in": doomed[parent].values("pk")})
            if child in doomed:
                # OR the conditions side by side (not pk IN (the earlier set)): nesting each
                # time a model is reached again makes SQL too deep for SQLite's parser.
                conditions[child] |= q
                doomed[child] = child._base_manager.filter(conditions[child])
                continue
            conditions[child] = q
            doomed[child] = child._base_manager.filter(q)
            queue.append(child)
    for through in {
        f.remote_field.through
        for m in apps.get_models()
        for f in m._meta.many_to_many
        if f.remote_field.through._meta.auto_created
    }:
        q = Q()
        found = False
        for f in through._meta.fields:
            target = getattr(f.remote_field, "model", None)
            if target in doomed:
                q |= Q(**{f"{f.name}__in": doomed[target].values("pk")})
                found = True
        if found:
            doomed[through] = through._base_manager.filter(q)
    return list(doomed.items())


def load_reset(log: Callable[[str], None] = print) -> None:
    """Delete everything a previous run made (one transaction; foreign keys are checked at
    commit, so the order does not matter)."""
    plan = load_rows_plan()
    with transaction.atomic():
        # Resolve the sets before deleting anything: a later set may refer to an earlier one.
        fixed = []
        for model, qs in plan:
            ids = list(qs.values_list("pk", flat=True))
            if ids:
                fixed.append((model, ids))
        for model, ids in fixed:
            for start in range(0, len(ids), 50_000):
                chunk = model._base_manager.filter(pk__in=ids[start : start + 50_000])
                chunk._raw_delete(chunk.db)
            log(f"  deleted {len(ids):>9} {model._meta.label}")


# --- how big each branch is -------------------------------------------------------------------

MIN_MEMBERS, MAX_MEMBERS = 3, 200
MAX_ITEMS = 2_000
MEETINGS_PER_YEAR = 2  # every branch, when the skew is 0; 1 to 4 otherwise


@dataclass(frozen=True)
class BranchProfile:
    members: int
    items: int
    meetings_per_year: int


def _spread(total: int, weights: list[float], cap: int) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders), no share above
    ``cap``; a share that would pass the cap is capped and the rest split again."""
    out = [0] * len(weights)
    open_ = [i for i, w in enumerate(weights) if w > 0]
    left = total
    while left > 0 and open_:
        scale = left / sum(weights[i] for i in open_)
        exact = {i: weights[i] * scale for i in open_}
        capped = [i for i in open_ if out[i] + exact[i] >= cap]
        if capped:
            for i in capped:
                left -= cap - out[i]
                out[i] = cap
            open_ = [i for i in open_ if out[i] < cap]
            continue
        floors = {i: int(exact[i]) for i in open_}
        for i in open_:
            out[i] += floors[i]
        left -= sum(floors.values())
        for i in sorted(open_, key=lambda i: exact[i] - floors[i], reverse=True)[:left]:
            out[i] += 1
        left = 0
    if left > 0:
        raise ValueError(f"cannot place {total} items: at most {cap} per branch")
    return out


def branch_profiles(
    n: int, *, members: int, items: int, skew: float, rng: random.Random
) -> list[BranchProfile]:
    """Members, ledger items and meetings a year of each of ``n`` branches.

    ``skew`` 0: every branch has ``members`` members, ``items`` split evenly, two meetings
    a year — the uniform set. ``skew`` S > 0: member counts log-normal (σ = 0.9·S) scaled
    to the mean ``members``, kept within 3–200; a share min(0.5, 0.1·S) of the branches has
    no ledger items (nothing to rectify yet), the others share ``items`` in proportion to
    their members × a log-normal factor (σ = S), at most 2,000 each; 1 to 4 meetings a
    year. At S ≥ 1 the extremes are always present (a branch of 3 and one of 200 members;
    one with 0 items and, when ``items`` allows, one with 2,000). The first branch (the
    ``load-secretary``'s) is always a typical one: ``members`` members and the mean number
    of items, so its pages measure the same at every skew. Deterministic for a seeded
    ``rng``."""
    if n < 1:
        return []
    if skew <= 0:
        per, extra = divmod(items, n)
        if per + (extra > 0) > MAX_ITEMS:
            raise ValueError(f"cannot place {items} items: at most {MAX_ITEMS} per branch")
        return [
            BranchProfile(members, per + (1 if i < extra else 0), MEETINGS_PER_YEAR)
            for i in range(n)
        ]
    mean_items = min(MAX_ITEMS, round(items / n))
    raw = [math.exp(rng.gauss(0, 0.9 * skew)) for _ in range(n)]
    scale = members * n / sum(raw)
    sizes = [min(MAX_MEMBERS, max(MIN_MEMBERS, round(w * scale))) for w in raw]
    sizes[0] = members
    rest = list(range(1, n))
    if skew >= 1 and n >= 3:
        sizes[min(rest, key=raw.__getitem__)] = MIN_MEMBERS
        sizes[max(rest, key=raw.__getitem__)] = MAX_MEMBERS
    weights = [0.0] + [
        0.0 if rng.random() < min(0.5, 0.1 * skew) else sizes[i] * math.exp(rng.gauss(0, skew))
        for i in rest
    ]
    if not any(weights[1:]):
        weights = [0.0] + [float(sizes[i]) for i in rest]
    if skew >= 1 and n >= 3:
        # one branch with nothing, and the heaviest one full, when the total allows
        empty = min(rest, key=lambda i: (weights[i], i))
        weights[empty] = 0.0
        heavy = max(rest, key=lambda i: (weights[i], -i))
        if weights[heavy] and items - mean_items >= MAX_ITEMS:
            weights[heavy] = 1e12
    counts = [mean_items] + _spread(items - mean_items, weights[1:], MAX_ITEMS)
    yearly = [MEETINGS_PER_YEAR] + [
        min(4, max(1, round(MEETINGS_PER_YEAR + 0.5 + skew * rng.gauss(0, 1)))) for _ in rest
    ]
    return [BranchProfile(*row) for row in zip(sizes, counts, yearly, strict=True)]


# --- the generator ----------------------------------------------------------------------------


class LoadGenerator:
    def __init__(
        self,
        *,
        branches: int,
        members_per_branch: int,
        items: int | None = None,
        skew: float = 0.0,
        seed: int = 2026,
        log: Callable[[str], None] = print,
    ):
        """``items``: ledger items in all (default 100 a branch); ``members_per_branch``:
        the mean; ``skew``: how unequal the branches are (``branch_profiles``)."""
        if items is None:
            items = 100 * branches
        if branches < 1 or members_per_branch < MIN_MEMBERS or items < 0 or skew < 0:
            raise ValueError("need at least 1 branch, 3 members per branch and a skew ≥ 0")
        if members_per_branch > MAX_MEMBERS:
            raise ValueError(f"at most {MAX_MEMBERS} members per branch")
        self.n_branches = branches
        self.n_members = members_per_branch
        self.n_items = items
        self.skew = skew
        self.rng = random.Random(seed)
        self.log = log
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.stats: dict[str, float] = {}
        self.profiles = branch_profiles(
            branches, members=members_per_branch, items=items, skew=skew, rng=self.rng
        )

    # -- helpers --
    def _name(self) -> str:
        r = self.rng
        given = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
        return r.choice(SURNAMES) + given

    def _at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=self.tz)

    def _stage(self, name: str, started: float) -> float:
        now = time.monotonic()
        self.stats[name] = round(now - started, 1)
        self.log(f"  {name:<28} {now - started:7.1f} s")
        return now

    # -- the tree --
    def _tree(self, tables) -> list[dict]:
        """Organizations: the root, committees of ~500 branches, general branches of ~20
        branches (about 70%) and branches directly under the committee (the rest)."""
        org_t = tables["org"]
        now = self.now
        root_pos = next_root_position()
        root = {"pk": self.ids.take(Organization), "path": path_step(root_pos)}
        n_comm = max(1, round(self.n_branches / BRANCHES_PER_COMMITTEE))
        sizes = [
            self.n_branches // n_comm + (1 if i < self.n_branches % n_comm else 0)
            for i in range(n_comm)
        ]
        branches = []
        org_t.add(
            root["pk"], LOAD_ROOT, OrganizationKind.COMMITTEE.value, now, root["path"], 1, n_comm
        )
        for ci, size in enumerate(sizes, 1):
            c_path = root["path"] + path_step(ci)
            c_pk = self.ids.take(Organization)
            direct = size * 3 // 10 if size > 1 else size
            grouped = size - direct
            n_general = -(-grouped // BRANCHES_PER_GENERAL) if grouped else 0
            org_t.add(
                c_pk,
                f"压力测试第{ci}县(区)委",
                OrganizationKind.COMMITTEE.value,
                now,
                c_path,
                2,
                n_general + direct,
            )
            position = 0
            left = grouped
            for gi in range(1, n_general + 1):
                position += 1
                g_path = c_path + path_step(position)
                g_pk = self.ids.take(Organization)
                in_general = min(BRANCHES_PER_GENERAL, -(-left // (n_general - gi + 1)))
                left -= in_general
                org_t.add(
                    g_pk,
                    f"第{ci}县第{gi}党总支",
                    OrganizationKind.GENERAL_BRANCH.value,
                    now,
                    g_path,
                    3,
                    in_general,
                )
                for bi in range(1, in_general + 1):
                    b_pk = self.ids.take(Organization)
                    b_path = g_path + path_step(bi)
                    org_t.add(
                        b_pk,
                        f"第{ci}县第{gi}总支第{bi}党支部",
                        OrganizationKind.BRANCH.value,
                        now,
                        b_path,
                        4,
                        0,
                    )
                    branches.append({"pk": b_pk, "path": b_path})
            for di in range(1, direct + 1):
                position += 1
                b_pk = self.ids.take(Organization)
                b_path = c_path + path_step(position)
                org_t.add(
                    b_pk,
                    f"第{ci}县直属第{di}党支部",
                    OrganizationKind.BRANCH.value,
                    now,
                    b_path,
                    3,
                    0,
                )
                branches.append({"pk": b_pk, "path": b_path})
        self.root = root
        return branches

    # -- one branch --
    def _branch(self, tables, branch: dict, profile: BranchProfile, first: bool) -> None:
        r = self.rng
        now, today = self.now, self.today
        ids = self.ids
        b_pk = branch["pk"]
        items_here = profile.items
        # members: a secretary, a committee for larger branches, the rest ordinary
        committee = [Position.SECRETARY]
        if profile.members >= 5:
            committee += [Position.ORGANIZATION, Position.PUBLICITY]
        if profile.members >= 7:
            committee += [Position.DEPUTY_SECRETARY, Position.DISCIPLINE]
        members = []
        for i in range(profile.members):
            m_pk = ids.take(Member)
            position = committee[i].value if i < len(committee) else ""
            user_id = None
            if first and i == 0:
                user_id = self.users["secretary"]
            elif first and i == len(committee):
                user_id = self.users["member"]
            joined = datetime.date(r.randint(1985, 2023), r.randint(1, 12), r.randint(1, 28))
            tables["member"].add(
                m_pk,
                user_id,
                self._name(),
                r.choice(("male", "female")),
                "probationary" if r.random() < 0.06 else "full",
                joined,
                b_pk,
                position,
                "",
                "",
                True,
                now,
                now,
            )
            members.append(m_pk)
        secretary = members[0]

        # the year's meetings: the last one held (now 整改中), the earlier ones completed,
        # and, for some branches, the next one in preparation
        interval = 365 // profile.meetings_per_year
        held_day = today - datetime.timedelta(days=r.randint(30, 30 + interval))
        for k in range(1, profile.meetings_per_year):
            day = held_day - datetime.timedelta(days=k * interval + r.randint(-10, 10))
            self._earlier_meeting(tables, b_pk, members, day)
        starts = self._at(held_day, 14)
        m_pk = ids.take(Meeting)
        published = starts + datetime.timedelta(days=2)
        reported = starts + datetime.timedelta(days=3)
        tables["meeting"].add(
            m_pk,
            b_pk,
            "themed",
            r.choice(THEMES),
            starts,
            "支部活动室",
            r.random() < 0.4,
            "",
            1,
            3,
            MeetingStatus.RECTIFYING.value,
            PlanStatus.APPROVED.value,
            starts - datetime.timedelta(days=14),
            starts,
            "",
            published,
            reported,
            "",
            None,
            starts - datetime.timedelta(days=20),
            reported,
        )
        for mem in members:
            present = r.random() < 0.95
            tables["attendee"].add(m_pk, mem, present, "" if present else "因公出差")
        closed = reported + datetime.timedelta(days=1)
        for months in (1, 3):
            due = held_day + datetime.timedelta(days=30 * months + 4)
            done = due < today and r.random() < 0.85
            done_at = self._at(min(due + datetime.timedelta(days=r.randint(0, 5)), today), 16)
            tables["lookback"].add(
                m_pk,
                due,
                done_at if done else None,
                self.users["secretary"] if done else None,
                "各项整改按计划推进。" if done else "",
            )
        if r.random() < 0.3:
            self._next_meeting(tables, b_pk, members)

        # drafts of the held meeting: every member's and the committee's
        drafts = {}
        # each member's draft, then the committee's (written by the secretary, a day earlier)
        for mem, author, committee, days in [
            *((mem, mem, False, 7) for mem in members),
            (None, secretary, True, 8),
        ]:
            d_pk = ids.take(Draft)
            drafts[mem] = [d_pk, 0]
            submitted = starts - datetime.timedelta(days=days - 2)
            tables["draft"].add(
                d_pk,
                m_pk,
                author,
                committee,
                DraftStatus.APPROVED.value,
                False,
                *[""] * 6,
                1,
                starts - datetime.timedelta(days=days),
                submitted,
                None,
                submitted,
            )
        window = ids.take(OpinionWindow)
        tables["window"].add(
            window,
            m_pk,
            OpinionTarget.COMMITTEE.value,
            None,
            starts - datetime.timedelta(days=30),
            starts - datetime.timedelta(days=10),
            False,
            secrets.token_urlsafe(18),
            starts - datetime.timedelta(days=31),
        )

        # problems and their items
        n_problems = max(1, round(items_here / 1.1)) if items_here else 0
        categories = r.choices(list(PROBLEMS), weights=CATEGORY_WEIGHTS, k=n_problems)
        sources = r.choices(SOURCES, weights=SOURCE_WEIGHTS, k=n_problems)
        problems = []
        for k in range(n_problems):
            committee_problem = r.random() < 0.08
            owner = None if committee_problem else r.choice(members)
            category, source = categories[k], sources[k]
            if committee_problem and source == ProblemSource.CRITICISM:
                source = ProblemSource.OPINION
            text = r.choice(PROBLEMS[category])
            example = r.choice(EXAMPLES).format(m=r.randint(1, 12))
            p_pk = ids.take(Problem)
            draft_problem = criticism = opinion = None
            if source == ProblemSource.DRAFT:
                draft = drafts[owner]
                draft[1] += 1
                draft_problem = ids.take(DraftProblem)
                tables["draft_problem"].add(
                    draft_problem, draft[0], draft[1], category, text, example
                )
            elif source == ProblemSource.CRITICISM:
                critic = r.choice([m for m in members if m != owner])
                criticism = ids.take(Criticism)
                tables["criticism"].add(
                    criticism,
                    m_pk,
                    critic,
                    owner,
                    text,
                    "虚心接受,认真整改。",
                    True,  # marked 列入问题清单 at the meeting: the problem below came from it
                    category,
                    starts,
                    starts,
                )
            elif source == ProblemSource.OPINION:
                opinion = ids.take(Opinion)
                tables["opinion"].add(
                    opinion,
                    window,
                    r.choice(members),
                    text,
                    "kept",
                    "",
                    (starts - datetime.timedelta(days=15)).date(),
                )
            merged = None
            if problems and r.random() < 0.02:
                same = [p for p in problems[-8:] if p["owner"] == owner and p["merged"] is None]
                if same:
                    merged = same[-1]["pk"]
            tables["problem"].add(
                p_pk,
                m_pk,
                b_pk,
                owner,
                owner is None,
                category,
                text,
                example,
                "思想上放松了对自己的要求。",
                source.value,
                draft_problem,
                criticism,
                opinion,
                None,
                merged,
                published,
            )
            problems.append({"pk": p_pk, "owner": owner, "merged": merged})
        active = [p for p in problems if p["merged"] is None]
        signed_here: list[int] = []
        for k in range(items_here if active else 0):
            p = active[k % len(active)]
            self._item(tables, p, m_pk, b_pk, secretary, held_day, closed, signed_here)

    def _item(self, tables, problem, m_pk, b_pk, secretary, held_day, closed, signed_here):
        r = self.rng
        now, today = self.now, self.today
        i_pk = self.ids.take(RectificationItem)
        deadline = held_day + datetime.timedelta(days=r.randint(30, 540))
        original = deadline - datetime.timedelta(days=30) if r.random() < 0.05 else deadline
        roll = r.random()
        if deadline < today:
            status = (
                "signed_off"
                if roll < 0.62
                else "awaiting"
                if roll < 0.72
                else "in_progress"
                if roll < 0.86
                else "not_started"
            )
        else:
            status = (
                "signed_off"
                if roll < 0.25
                else "awaiting"
                if roll < 0.38
                else "in_progress"
                if roll < 0.83
                else "not_started"
            )
        created = closed
        started = done = signed = signed_by = None
        if status != "not_started":
            started = min(created + datetime.timedelta(days=r.randint(1, 30)), now)
        if status in ("awaiting", "signed_off"):
            latest = min(self._at(deadline + datetime.timedelta(days=20), 10), now)
            span = max(0, int((latest - started).total_seconds()))
            done = started + datetime.timedelta(seconds=r.randint(0, span))
        if status == "signed_off":
            signed = min(done + datetime.timedelta(days=r.randint(1, 20)), now)
            signed_by = self.users["supervisor"]
        recurring = None
        if signed_here and r.random() < 0.03:
            recurring = r.choice(signed_here)
        committee = problem["owner"] is None
        tables["item"].add(
            i_pk,
            problem["pk"],
            m_pk,
            b_pk,
            r.choice(MEASURES),
            problem["owner"],
            committee,
            secretary if committee else None,
            deadline,
            original,
            r.choice(PRIORITIES),
            r.choice(DIFFICULTIES),
            status,
            started,
            done,
            signed,
            signed_by,
            recurring,
            1,
            created,
            signed or done or started or created,
        )
        if status == "signed_off":
            signed_here.append(i_pk)

    def _earlier_meeting(self, tables, b_pk, members, day: datetime.date) -> None:
        """A meeting of the past year, held and completed (its ledger closed long ago: not
        generated), with its attendance."""
        r = self.rng
        starts = self._at(day, 14)
        m_pk = self.ids.take(Meeting)
        reported = starts + datetime.timedelta(days=3)
        tables["meeting"].add(
            m_pk,
            b_pk,
            "themed",
            r.choice(THEMES),
            starts,
            "支部活动室",
            r.random() < 0.4,
            "",
            1,
            3,
            MeetingStatus.COMPLETED.value,
            PlanStatus.APPROVED.value,
            starts - datetime.timedelta(days=14),
            starts,
            "",
            starts + datetime.timedelta(days=2),
            reported,
            "",
            None,
            starts - datetime.timedelta(days=20),
            reported + datetime.timedelta(days=90),
        )
        for mem in members:
            present = r.random() < 0.95
            tables["attendee"].add(m_pk, mem, present, "" if present else "因公出差")

    def _next_meeting(self, tables, b_pk, members) -> None:
        """A meeting being planned or prepared, with drafts on the way (some submitted for
        the supervisor's review: the committee's and the secretary's own)."""
        r = self.rng
        ids, now = self.ids, self.now
        starts = self._at(self.today + datetime.timedelta(days=r.randint(-10, 60)), 14)
        preparing = r.random() < 0.7
        m_pk = ids.take(Meeting)
        tables["meeting"].add(
            m_pk,
            b_pk,
            "themed",
            r.choice(THEMES),
            starts,
            "支部活动室",
            False,
            "",
            1,
            3,
            (MeetingStatus.PREPARING if preparing else MeetingStatus.PLANNING).value,
            (PlanStatus.APPROVED if preparing else PlanStatus.SUBMITTED).value,
            now - datetime.timedelta(days=3) if preparing else None,
            None,
            "",
            None,
            None,
            "",
            None,
            now - datetime.timedelta(days=10),
            now,
        )
        for mem in members:
            tables["attendee"].add(m_pk, mem, None, "")
        if not preparing:
            return
        secretary = members[0]
        for mem, committee in ((secretary, True), *((m, False) for m in members)):
            status = r.choice((DraftStatus.WRITING, DraftStatus.SUBMITTED, DraftStatus.APPROVED))
            submitted = now - datetime.timedelta(days=r.randint(0, 5))
            tables["draft"].add(
                ids.take(Draft),
                m_pk,
                mem,
                committee,
                status.value,
                False,
                "",
                "",
                "",
                "",
                "",
                "",
                0 if status == DraftStatus.WRITING else 1,
                None if status == DraftStatus.WRITING else submitted,
                submitted if status == DraftStatus.APPROVED else None,
                None,
                now,
            )

    # -- run --
    def _tables(self) -> dict[str, Table]:
        return {
            "org": Table(
                Organization, ("id", "name", "kind", "created_at", "path", "depth", "numchild")
            ),
            "member": Table(
                Member,
                (
                    "id",
                    "user_id",
                    "name",
                    "gender",
                    "category",
                    "joined_on",
                    "branch_id",
                    "position",
                    "phone",
                    "email",
                    "is_active",
                    "created_at",
                    "updated_at",
                ),
            ),
            "meeting": Table(
                Meeting,
                (
                    "id",
                    "branch_id",
                    "kind",
                    "theme",
                    "starts_at",
                    "place",
                    "upper_org_attends",
                    "upper_attendee",
                    "talk_peer_count",
                    "rectify_months",
                    "status",
                    "plan_status",
                    "scheduled_at",
                    "held_at",
                    "readiness_override_reason",
                    "problems_published_at",
                    "report_sent_at",
                    "cancelled_reason",
                    "created_by_id",
                    "created_at",
                    "updated_at",
                ),
            ),
            "attendee": Table(Attendee, ("meeting_id", "member_id", "present", "absence_reason")),
            "lookback": Table(
                LookBack, ("meeting_id", "due_on", "done_at", "done_by_id", "summary")
            ),
            "draft": Table(
                Draft,
                (
                    "id",
                    "meeting_id",
                    "author_id",
                    "is_committee",
                    "status",
                    "written_statement",
                    "gains",
                    "cause_thinking",
                    "cause_conduct",
                    "cause_family",
                    "cause_other",
                    "direction",
                    "version",
                    "submitted_at",
                    "approved_at",
                    "approved_by_id",
                    "updated_at",
                ),
            ),
            "window": Table(
                OpinionWindow,
                (
                    "id",
                    "meeting_id",
                    "target",
                    "target_member_id",
                    "starts_at",
                    "ends_at",
                    "public_enabled",
                    "public_token",
                    "created_at",
                ),
            ),
            "draft_problem": Table(
                DraftProblem, ("id", "draft_id", "order", "category", "text", "example")
            ),
            "criticism": Table(
                Criticism,
                (
                    "id",
                    "meeting_id",
                    "critic_id",
                    "target_id",
                    "text",
                    "reply",
                    "as_problem",
                    "problem_category",
                    "created_at",
                    "updated_at",
                ),
            ),
            "opinion": Table(
                Opinion,
                (
                    "id",
                    "window_id",
                    "author_id",
                    "text",
                    "disposition",
                    "note",
                    "received_on",
                ),
            ),
            "problem": Table(
                Problem,
                (
                    "id",
                    "meeting_id",
                    "branch_id",
                    "owner_id",
                    "is_committee",
                    "category",
                    "text",
                    "example",
                    "root_cause",
                    "source",
                    "draft_problem_id",
                    "criticism_id",
                    "opinion_id",
                    "anonymous_opinion_id",
                    "merged_into_id",
                    "created_at",
                ),
            ),
            "item": Table(
                RectificationItem,
                (
                    "id",
                    "problem_id",
                    "meeting_id",
                    "branch_id",
                    "measure",
                    "owner_id",
                    "is_committee",
                    "lead_id",
                    "deadline",
                    "original_deadline",
                    "priority",
                    "difficulty",
                    "status",
                    "started_at",
                    "done_at",
                    "signed_off_at",
                    "signed_off_by_id",
                    "recurring_of_id",
                    "version",
                    "created_at",
                    "updated_at",
                ),
            ),
        }

    def _users(self) -> dict[str, int]:
        user_model = get_user_model()
        password = make_password(PASSWORD)
        out = {}
        for role, username in USERNAMES.items():
            user = user_model.objects.create(
                username=username,
                password=password,
                is_staff=role == "admin",
                is_superuser=role == "admin",
            )
            out[role] = user.pk
        return out

    def run(self) -> dict[str, float]:
        started = t0 = time.monotonic()
        with transaction.atomic():
            self.ids = Ids(
                Organization,
                Member,
                Meeting,
                Draft,
                DraftProblem,
                OpinionWindow,
                Criticism,
                Opinion,
                Problem,
                RectificationItem,
            )
            self.users = self._users()
            tables = self._tables()
            written = [t.model for t in tables.values()]
            with bulk_load(written):
                branches = self._tree(tables)
                t0 = self._stage("organizations", t0)
                for i, (branch, profile) in enumerate(zip(branches, self.profiles, strict=True)):
                    self._branch(tables, branch, profile, first=i == 0)
                    if (i + 1) % PROGRESS_EVERY == 0 and i + 1 < len(branches):
                        rows = sum(t.written + len(t.rows) for t in tables.values())
                        self.log(
                            f"    … {i + 1} branches, {rows} rows, {time.monotonic() - t0:.0f} s"
                        )
                for table in tables.values():
                    table.flush()
                t0 = self._stage("members, meetings, ledger", t0)
            t0 = self._stage("indexes and foreign keys", t0)
            from rectification.services.items import meetings_mark_recurring

            meetings_mark_recurring()  # the items were written directly, not through services
            Supervisor.objects.create(
                user_id=self.users["supervisor"], organization_id=self.root["pk"]
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), written):
                        cursor.execute(sql)
                    for model in written:  # the rollups' aggregates need current statistics
                        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            t0 = self._stage("statistics", t0)
            from supervision.services.rollups import rollups_rebuild

            rollups_rebuild()
            t0 = self._stage("rollups", t0)
        t0 = self._stage("commit", t0)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            rollup_tables = [
                apps.get_model("supervision", name)._meta.db_table
                for name in ("Rollup", "RollupMonth")
            ]
            with connection.cursor() as cursor:  # and the visibility map, for index-only scans
                for table in [m._meta.db_table for m in written] + rollup_tables:
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            t0 = self._stage("vacuum analyze", t0)
        self.stats["total"] = round(time.monotonic() - started, 1)
        self.stats.update({f"rows_{k}": v.written for k, v in tables.items()})
        return self.stats
