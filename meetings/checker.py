"""The self-criticism draft checker (发言提纲 / 对照检查材料 的自动提示).

Pure Python, standard library only: no Django, no third-party packages, no database. The
Django side builds a :class:`Corpus` from the database and calls :func:`check_item`; the
``check_text`` management command and the tests call :func:`check_items` directly.

Findings *warn*, they never block. Every finding marks a span of the item's text
(``start``/``end`` are offsets into the original ``text``, end exclusive) and carries a Chinese
message that says what is wrong and what to do instead.

Rules
=====
``vague``        a measure (``kind="measure"``) worded as a soft commitment (尽量, 争取, 力争,
                 进一步, 努力, 逐步, 适当, 不断, 持续提升, 积极, 加强(理论)学习 …). One finding per
                 vague word. Legitimate uses are
                 not flagged: "努力方向" (the section name), "经过努力", "争取资金/项目/支持"
                 (争取 as "apply for"), "加强学习型党组织建设", and anything inside quotes or a
                 title (《关于进一步加强…的意见》, “能‘一定’就不说‘尽量’”).
``no_deadline``  a measure whose ``deadline`` is ``None`` and whose text names no time limit
                 (2026年12月底前, 12月31日前, 三个月内, 本季度内, 年底前, 下次组织生活会前,
                 立行立改, 长期坚持 …); or a measure whose ``owner`` is given but empty
                 (``owner=None`` means "not applicable", ``owner=""`` means "missing").
                 One finding, spanning the whole text.
``recycled``     a problem with the same substance as one the *same author* listed at an
                 *earlier* meeting (老问题翻来覆去提), in the same words or in others
                 ("只读原文、不谈体会" one year, "照本宣科,没有结合工作谈认识" the next).
                 ``ref`` is the earlier item's id.
``copied``       a problem that closely matches *another author's* problem at the *same*
                 meeting (轮流分配, 吃大锅饭). ``message`` (member-facing) does not say whose;
                 ``reviewer_message`` (for the secretary / reviewer) names the other author.
                 ``ref`` is the other item's id: a member-facing UI should not show it (or
                 anything it leads to) unless ids are opaque.
``boilerplate``  a problem with no concrete example anywhere in it (no number, date or time
                 word, title or quoted name, named place/unit/project, "例如/比如/有一次"
                 example, named person "X同志", consequence such as "被通报") and nothing
                 else concrete either: once standard formulations (两个确立, 四个意识, the
                 meeting's theme …), generic phrases, abstract nouns, degree words and the
                 setting of any trade (科室, 患者 …) are masked (:func:`_residue`), at most
                 :data:`MAX_ABSTRACT_RESIDUE` characters are left and no run of
                 :data:`MIN_NAMED_RUN` (which would name a task or a thing). With a generic
                 phrase (理论学习不够深入, 思想认识不到位 …): one finding per phrase. Without
                 one, a deficiency word (不够, 欠缺, 有所, 不敢 …) and at most
                 :data:`MAX_ABSTRACT_RESIDUE_NO_PHRASE` characters left: one finding over the
                 whole text. So is a problem of two or more clauses that all grade
                 oneself (短板, 心里没底, 有待加强, 关心得少, and figures of speech for it:
                 热乎劲淡了, 看得轻, 时紧时松, 隔着一层 …) with none telling of something
                 that happened, however specific its words, or of three or more such
                 clauses that are at least half of it, the rest only setting a scene
                 (:func:`_only_assessments`). A quoted formulation alone is never a
                 finding. The phrase list is a built-in seed (topic × deficiency patterns
                 plus fixed phrases) extended by phrases learned from earlier drafts with
                 :func:`learn_generic_phrases`.

Similarity (recycled / copied)
------------------------------
No word segmentation: texts are normalised (NFKC per character, so full-width letters,
digits and punctuation become half-width; lower-cased; whitespace removed), split into
clauses at punctuation, stripped of stop-ish characters (的, 了, 我, 在 …) and filler words
(存在, 问题, 方面, 个别 …) and turned into character bigrams. *Generic phrases are cut out
first*, so two problems that share only "理论学习不够深入" but describe different concrete
things do not match: heavy boilerplate overlap is the ``boilerplate`` rule's job.

Two problems match when the Dice coefficient of their residual bigram sets is at least
:data:`SIMILARITY_THRESHOLD` (both sets need :data:`MIN_RESIDUAL_GRAMS` bigrams or more), or
when their *whole* texts are near-verbatim copies (Dice on all bigrams at least
:data:`NEAR_DUPLICATE_THRESHOLD`) — the same boilerplate sentence pasted again a year later
or by the member at the next seat is still a copy.

:meth:`Corpus.similar` uses inverted indexes (bigram → item positions). A query probes only
the rarest bigrams that any match must share (prefix filtering: with Dice ≥ t, a match shares
at least k bigrams, so it must contain one of the a − k + 1 rarest of the query's a bigrams),
filters the candidates (``where``) and verifies the rest with set intersections; the result
equals a pairwise scan.

Substance (recycled, and reworded copies)
-----------------------------------------
For ``recycled`` a problem also becomes *substance features*: the concepts of a small synonym
table (:data:`_CONCEPTS` — objects such as 学习, 值班, 来文, whom members serve, newcomers;
failings such as 照本宣科 ≈ 只读原文, 脱岗 ≈ 离岗, 拖延 ≈ 搁置 ≈ 办得慢, 马虎 ≈ 不细致), the
character bigrams and the single characters of what is left once concept words, generic
phrases, numbers, years, dates and time words, pronouns, connectives, filler words and stop
characters are taken out (none of these counts as a difference). Features are weighted by
rarity (IDF over at most :data:`IDF_SAMPLE` of the corpus's problems, with :data:`IDF_PRIOR`
pseudo-problems; concepts × :data:`CONCEPT_WEIGHT`, single characters ×
:data:`UNIGRAM_WEIGHT`, so 教师 / 老师 share a little through 师). A run of shared bigrams (one
long term, 入党积极分子) counts about once (:data:`CHAIN_DISCOUNT`), and a single character
counts only where no shared bigram covers it. The same member's earlier problem is the same
problem when the two share an object *and* a failing concept and their weighted Dice is at
least :data:`RECYCLED_CONCEPT_FLOOR`, a failing concept and :data:`RECYCLED_FAILING_FLOOR`,
:data:`RECYCLED_MIN_TERMS` separate shared things and :data:`RECYCLED_TERMS_FLOOR`, two and
:data:`RECYCLED_THRESHOLD` — lower than ``copied``'s, since only the member's own problems
compete; one shared term alone is the topic, never the same problem — or when the ``copied``
score (above) matches — or when the two name the same *work area and failing* of the domain
thesaurus (meetings/thesaurus.py: some 1,800 words of these materials grouped into 50 work
areas such as 值班考勤, 网格联户, 信贷金融, 药品, 供水供能 and 32 failings such as 浮于表面,
拖延, 老好人, 把关不严, written from knowledge of the genre, not from the labelled cases; a
word that means two failings counts as both): a shared area outside
:data:`~meetings.thesaurus.BROAD_AREAS` (whom one serves) whose words are at least
:data:`AREA_OVERLAP` of the work-area words the two use (an area named once in passing is
outweighed by the one named again and again), and a shared failing; words inside a generic
phrase do not count.
``copied`` also takes a reworded copy: weighted Dice (long shared runs
counted in full: they are the evidence of copying) at least :data:`COPIED_THRESHOLD`, or
:data:`COPIED_CONCEPT_FLOOR` with a shared object and failing, with :data:`COPIED_MIN_SHARED`
shared bigrams; or, for two concrete problems, the same things told in the same order in other
words (今年4月 … 3次 … 补填 / 今年4月 … 3次 … 补写): ``difflib``'s ratio of their characters at
least :data:`COPIED_SEQUENCE_THRESHOLD`.

Measured (``bench/checker.py``): the vocabulary, not the arithmetic, is what finds a
paraphrase; on texts whose words neither table has, ``recycled`` still misses most of them.

``check_item`` compares a problem only with the same author's problems and the same
meeting's, so :class:`Corpus` groups items by author and by meeting and computes each item's
features when a query first needs them; the inverted indexes serve :meth:`Corpus.similar`
(any relation) and are built on its first call. Checking a draft of 10 problems + 10
measures against 100,000 earlier problems takes well under a second, building included (see
``bench/checker.py``).

Each of ``recycled`` and ``copied`` reports at most one finding per problem: the best match
(ties: the most recent meeting), spanning the whole text, with the evidence: ``spans`` (the
matching passages of this text), ``other_text`` and ``other_spans`` (of the other problem) —
for a UI that shows them side by side to whoever may read the other problem — and ``score``.

API
===
``Item(id, kind, text, author, meeting_date, deadline=None, owner=None, meeting=None)``
    ``meeting`` is an optional meeting id; when both items have one, "same meeting" means
    equal ``meeting``, otherwise equal ``meeting_date``.
``Finding(rule, start, end, ref, message, reviewer_message=None, spans=(), other_text=None,
other_spans=(), score=None)``; ``Finding.as_dict()`` gives the member-facing JSON shape
    (rule, start, end, ref, message: no reviewer message, no evidence).
``Corpus(items=(), *, generic_phrases=())``
    indexes the problems among ``items``; ``corpus.similar(text, *, where=None,
    exclude_id=None, limit=None) -> list[tuple[Item, float]]`` returns matching problems,
    best first.
``check_item(item, corpus=None, *, generic_phrases=None) -> list[Finding]``
    all rules for one item; recycled/copied look in ``corpus`` (the relation — same author &
    earlier meeting, other author & same meeting — is decided from the items themselves).
    ``generic_phrases`` defaults to the corpus's phrases; the seed list always applies.
``check_items(items, *, generic_phrases=()) -> dict[str, list[Finding]]``
    checks items only against each other (what ``manage.py check_text`` does).
``learn_generic_phrases(items, *, min_authors=5, min_len=4, max_len=12, limit=200)
    -> list[str]``  phrases (character n-grams) that recur across many distinct authors.
``find_generic_phrases(text, generic_phrases=()) -> list[tuple[int, int]]``,
``has_concrete_example(text) -> bool``, ``has_time_limit(text) -> bool``
    the building blocks, exposed for the UI (e.g. highlighting) and tests.
``parse_jsonl(lines) -> tuple[list[Item], list[str]]`` and ``finding_dicts(findings)``
    the JSON-lines format of the ``check_text`` command.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from meetings.thesaurus import AREA_OF_WORD, BROAD_AREAS, FAILING_OF_WORD

__all__ = [
    "BOILERPLATE",
    "COPIED",
    "NEAR_DUPLICATE_THRESHOLD",
    "NO_DEADLINE",
    "RECYCLED",
    "RULES",
    "SEED_GENERIC_PHRASES",
    "SIMILARITY_THRESHOLD",
    "VAGUE",
    "Corpus",
    "Finding",
    "Item",
    "check_item",
    "check_items",
    "find_generic_phrases",
    "finding_dicts",
    "has_concrete_example",
    "has_time_limit",
    "learn_generic_phrases",
    "parse_jsonl",
]

VAGUE = "vague"
NO_DEADLINE = "no_deadline"
RECYCLED = "recycled"
COPIED = "copied"
BOILERPLATE = "boilerplate"
RULES: tuple[str, ...] = (VAGUE, NO_DEADLINE, RECYCLED, COPIED, BOILERPLATE)

Kind = Literal["problem", "measure"]
KINDS: tuple[str, ...] = ("problem", "measure")

#: Dice on residual (generic phrases removed) character bigrams.
SIMILARITY_THRESHOLD = 0.5
#: Dice on all character bigrams of the whole text: near-verbatim copies.
NEAR_DUPLICATE_THRESHOLD = 0.8
#: Both residual bigram sets need at least this many bigrams to be compared.
MIN_RESIDUAL_GRAMS = 4
#: Both whole texts need at least this many bigrams for the near-duplicate path.
MIN_FULL_GRAMS = 6


@dataclass(frozen=True)
class Item:
    """One problem (查摆问题) or measure (整改措施) of a member's draft."""

    id: str
    kind: Kind
    text: str
    author: str
    meeting_date: datetime.date
    deadline: datetime.date | None = None
    owner: str | None = None
    meeting: str | None = None


@dataclass(frozen=True)
class Finding:
    """A warning about a span of an item's text."""

    rule: str
    start: int
    end: int
    ref: str | None
    message: str
    reviewer_message: str | None = None
    #: recycled / copied: the matching spans in this item's text and in the other item's
    #: text (``other_text``), for showing them side by side — to whoever may read the other.
    spans: tuple[tuple[int, int], ...] = ()
    other_text: str | None = None
    other_spans: tuple[tuple[int, int], ...] = ()
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The member-facing JSON shape (never includes ``reviewer_message``)."""
        return {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "ref": self.ref,
            "message": self.message,
        }


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_NUM = "0-9〇零一二两三四五六七八九十百千"


_FULL_WIDTH = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}
_NEEDS_SLOW_PATH = re.compile(r"[\sA-Z]")


def _normalize(text: str) -> tuple[str, list[int]]:
    """NFKC per character, lower-case, whitespace removed.

    Returns the compact text and, for each of its characters, the offset of the original
    character it came from (so spans found in the compact text map back to ``text``).
    """
    quick = text.translate(_FULL_WIDTH)  # one-to-one, so offsets are unchanged
    if unicodedata.is_normalized("NFKC", quick) and not _NEEDS_SLOW_PATH.search(quick):
        return quick, list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if "\u4e00" <= ch <= "\u9fff":
            out.append(ch)
            index.append(i)
            continue
        if ch.isspace():
            continue
        for c in unicodedata.normalize("NFKC", ch).lower():
            if not c.isspace():
                out.append(c)
                index.append(i)
    return "".join(out), index


def _to_original(index: list[int], start: int, end: int) -> tuple[int, int]:
    return index[start], index[end - 1] + 1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


_QUOTE_PAIRS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "「": "」",
    "『": "』",
    "〈": "〉",
    '"': '"',
    "'": "'",
}


def _quoted_ranges(compact: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of quoted/titled text in the compact string; nesting allowed."""
    ranges: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(compact):
        if stack and ch == _QUOTE_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            ranges.append((start, i + 1, compact[start + 1 : i]))
        elif ch in _QUOTE_PAIRS:
            stack.append((ch, i))
    return ranges


def _inside(ranges: Sequence[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s < start and end <= e for s, e, _ in ranges)


# --------------------------------------------------------------------------------------------
# Rule 1: vague measures
# --------------------------------------------------------------------------------------------

#: vague word pattern → what to write instead
_VAGUE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"尽可能|尽量|尽力", "用“一定”“确保”代替,并写明做到什么程度"),
    (r"尽快|尽早|早日", "写明具体完成日期,如“于X月X日前完成”"),
    (
        r"争取(?![^,.;:!?。;、]{0,6}?(?:资金|项目|经费|政策|指标|支持|资源|编制|理解|信任))",
        "用“确保”代替“争取”,并写明完成时限",
    ),
    (r"力争|力求", "用“确保”代替,并写明完成时限和标准"),
    (r"进一步", "写明具体做什么、做到什么程度,如“每月……不少于X次”"),
    (r"(?<!经过)(?<!通过)努力(?!方向)", "写明具体行动和完成标准,而不是表态"),
    (r"适当|适时|酌情|视情况|择机", "写明具体数量、频次或时间,如“每季度X次”"),
    (r"逐步", "写明分几步、每一步的完成时限"),
    (r"有待(?=加强|提高|提升|增强|改进|完善|进一步)", "写明要达到的具体目标和时限"),
    (r"不断(?!线|档)", "写明具体目标和检查节点"),
    (
        r"持续(?=提升|提高|加强|改进|深化|推进|优化|增强|改善)|积极(?!分子)",
        "写明具体做什么、做到什么程度、什么时候检查",
    ),
    (r"抽时间|抽空|有空时", "写明固定的时间安排,如“每周X晚学习X小时”"),
    (
        r"加强[^,.;:!?。;、]{0,4}?学习(?!型)",
        "写明学什么、学多少、什么时候学完,如“6月底前读完《……》并交流1次”",
    ),
)
_VAGUE_RE = re.compile("|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_VAGUE_PATTERNS)))


def _vague_findings(item: Item, compact: str, index: list[int]) -> list[Finding]:
    quoted = _quoted_ranges(compact)
    findings = []
    for m in _VAGUE_RE.finditer(compact):
        if _inside(quoted, m.start(), m.end()):
            continue
        group = m.lastgroup or "v0"
        advice = _VAGUE_PATTERNS[int(group[1:])][1]
        start, end = _to_original(index, m.start(), m.end())
        word = item.text[start:end]
        findings.append(
            Finding(
                rule=VAGUE,
                start=start,
                end=end,
                ref=None,
                message=(
                    f"整改措施中的“{word}”是弹性表述,做没做到无法检验"
                    f"(能“一定”就不说“尽量”,能“确保”就不写“争取”)。建议{advice}。"
                ),
            )
        )
    return findings


# --------------------------------------------------------------------------------------------
# Rule 2: measures without a deadline (or without an owner)
# --------------------------------------------------------------------------------------------

_N = f"[{_NUM}]"
_TIME_LIMIT_RE = re.compile(
    "|".join(
        (
            # 2026年 / 2026年12月底前 / 2026-06-30 / 2026.6.30 / 2026/6/30
            r"\d{4}年",
            r"\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?",
            # 12月31日前, 6月底, 十二月底前, 3月份
            rf"{_N}{{1,3}}月(?:份|{_N}{{1,3}}[日号]|底|末|初|中旬|上旬|下旬)",
            rf"{_N}{{1,3}}月(?:前|以前|之前|内|为止)",
            # 每月5日前, 每周五前 (a recurring deadline)
            rf"每(?:个?月|周|季度?|年)[^,.;:!?。;、]{{0,4}}?{_N}{{1,3}}[日号]?(?:前|以前|之前)",
            # 三个月内, 30个工作日内, 两周内, 1年内
            rf"[{_NUM}半]+个?(?:工作日|自然日|日|天|周|星期|月|季度|年|小时)(?:内|以内|之内)",
            # 年底前, 本季度内, 上半年, 第三季度
            r"年底|年末|年内|年中|年前|月底|月末|月内|季度末|季度内|本季度|本月|本周|本年度|年度内",
            r"上半年|下半年|第?[一二三四1-4]季度|元旦|春节|国庆|节前|汛前|开学前",
            r"下周|下个?月|下季度|明天|后天|当天|当日|今天|本周内|今年|本年",
            r"本学期|学期内|学期末|学期结束前|开学前|寒假|暑假|假期内|放假前",
            # 下次组织生活会前
            r"下一?次[^,.;:!?。;、]{0,10}?会议?(?:前|之前|召开前)",
            # fixed deadline wording in ledgers
            r"立行立改|立即|立查立改|即知即改|马上就改|长期坚持",
        )
    )
)


def has_time_limit(text: str) -> bool:
    """True when the text names a date or a time limit (年底前, 三个月内, 长期坚持 …)."""
    compact, _ = _normalize(text)
    return _TIME_LIMIT_RE.search(compact) is not None


def _text_span(text: str) -> tuple[int, int]:
    stripped = text.strip()
    if not stripped:
        return 0, len(text)
    start = text.index(stripped)
    return start, start + len(stripped)


def _no_deadline_findings(item: Item) -> list[Finding]:
    missing_deadline = item.deadline is None and not has_time_limit(item.text)
    missing_owner = item.owner is not None and not item.owner.strip()
    if not (missing_deadline or missing_owner):
        return []
    if missing_deadline and missing_owner:
        what = "既没有完成时限,也没有责任人"
    elif missing_deadline:
        what = "没有明确完成时限"
    else:
        what = "没有明确责任人"
    advice = []
    if missing_deadline:
        advice.append(
            "写明完成时限,如“2026年12月底前”“三个月内”“本季度内”;"
            "需要长期坚持的措施注明“长期坚持”并设定检查节点"
        )
    if missing_owner:
        advice.append("写明由谁负责落实")
    start, end = _text_span(item.text)
    return [
        Finding(
            rule=NO_DEADLINE,
            start=start,
            end=end,
            ref=None,
            message=f"这条整改措施{what},到期无法检查是否完成。请{';'.join(advice)}。",
        )
    ]


# --------------------------------------------------------------------------------------------
# Rule 5 building blocks: generic phrases and concrete examples
# --------------------------------------------------------------------------------------------

_P = r",.;:!?。;、()\[\]《》…—-"  # clause punctuation (after NFKC); quotes may sit in a phrase
_NOP = f"[^{_P}]"

_GENERIC_TOPICS = (
    "政治理论学习",
    "理论学习",
    "业务学习",
    "学习",
    "学用结合",
    "学以致用",
    "理论联系实际",
    "思想认识",
    "思想觉悟",
    "理想信念",
    "政治信仰",
    "政治站位",
    "政治敏锐性",
    "政治鉴别力",
    "政治判断力",
    "政治领悟力",
    "政治执行力",
    "宗旨观念",
    "群众观念",
    "群众观点",
    "群众感情",
    "担当精神",
    "责任担当",
    "斗争精神",
    "斗争本领",
    "进取精神",
    "开拓创新",
    "创新精神",
    "党性修养",
    "党性锻炼",
    "党性观念",
    "党员标准",
    "纪律规矩",
    "纪律观念",
    "规矩意识",
    "工作作风",
    "作风",
    "工作标准",
    "标准",
    "自我要求",
    "要求",
    "能力素质",
    "综合素质",
    "业务能力",
    "履职能力",
    "本领",
    "调查研究",
    "调研",
    "联系群众",
    "联系服务群众",
    "服务群众",
    "批评与自我批评",
    "批评和自我批评",
    "自我批评",
    "精神状态",
    "工作热情",
    "工作积极性",
    "积极性",
    "主动性",
    "统筹协调",
    "执行力",
    "廉洁自律",
    "艰苦奋斗",
    "勤俭节约",
    "底线思维",
    "抓落实",
    "落实",
)
_GENERIC_SUFFIX_NOUNS = "意识|观念|精神|思维|能力|本领|水平|素质|力度|深度|广度|自觉性|勇气|魄力|劲头|韧劲|干劲|闯劲|定力"
_ADJ = (
    "深入|深刻|系统|全面|扎实|到位|经常|主动|紧密|严格|及时|有力|规范|坚定|坚决|充分|自觉|"
    "强|高|牢|实|深|透|足|严|硬|细|好|够|广|准"
)
_DEFICIENCY = (
    rf"还?(?:(?:不够|不太|不是很|不)(?:{_ADJ})+|不够|不足|欠缺|缺失|较弱|薄弱|淡薄|不强)"
    r"|有所(?:弱化|淡化|松懈|放松|下降|减弱|减退|动摇)|弱化|淡化|松懈|放松|减退|动摇"
    r"|(?:还|仍)?(?:有|存在)(?:一定|较大)?差距|有待(?:加强|提高|提升|增强)|亟待(?:加强|提高|提升)"
)
_TOPIC_RE = "|".join(sorted(_GENERIC_TOPICS, key=len, reverse=True))

#: Fixed generic phrases (literal, normalised); the regex seeds below cover the variations.
SEED_GENERIC_PHRASES: tuple[str, ...] = (
    "理论学习不够",
    "理论学习不深入",
    "学习不够深入",
    "学用结合不够",
    "思想认识不到位",
    "政治站位不高",
    "工作作风不够扎实",
    "创新意识不强",
    "标准不够高",
    "宗旨意识淡化",
    "担当精神不足",
    "斗争精神不强",
    "党性修养有待加强",
    "以工作忙为由",
    "以工作忙为借口",
    "重业务轻学习",
    "重业务轻党建",
    "满足于完成任务",
    "满足于现状",
    "满足于过得去",
    "安于现状",
    "浅尝辄止",
    "不求甚解",
    "学而不思",
    "知行不一",
    "好人主义",
    "一团和气",
    "你好我好大家好",
    "怕得罪人",
    "求稳怕乱",
    "得过且过",
    "按部就班",
    "以干代学",
    "学习碎片化",
    "碎片化学习",
    "老办法老经验",
    "老办法、老经验",
    "缺乏新思路",
    "畏难情绪",
    "浮于表面",
    "停留在表面",
    "流于形式",
    "走过场",
    "重形式轻实效",
    "重痕迹轻实效",
)

_SEED_RE = re.compile(
    "|".join(
        (
            rf"(?:{_TOPIC_RE}){_NOP}{{0,4}}?(?:{_DEFICIENCY})",
            rf"[{_CJK}]{{0,4}}(?:{_GENERIC_SUFFIX_NOUNS}){_NOP}{{0,3}}?(?:{_DEFICIENCY})",
            # 重业务轻党建, 重部署轻落实, 重留痕、轻实效
            rf"重[{_CJK}]{{1,3}}[、,]?轻[{_CJK}]{{1,3}}",
            rf"(?:缺乏|欠缺|缺少){_NOP}{{0,3}}?(?:[{_CJK}]{{2,4}}(?:{_GENERIC_SUFFIX_NOUNS})"
            r"|新思路|新办法|新举措|主动性|积极性|系统性|钻研精神)",
            rf"满足于{_NOP}{{1,10}}",
            "|".join(
                re.escape(p)
                for p in sorted(
                    {_normalize(p)[0] for p in SEED_GENERIC_PHRASES}, key=len, reverse=True
                )
            ),
        )
    )
)


class _PhraseMatcher:
    """Literal multi-phrase matching on normalised text (phrases keyed by their first 2 chars)."""

    def __init__(self, phrases: Iterable[str]):
        by_head: dict[str, list[str]] = defaultdict(list)
        normalized = []
        for p in phrases:
            n, _ = _normalize(p)
            if len(n) >= 2:
                normalized.append(n)
        for n in sorted(set(normalized), key=len, reverse=True):
            by_head[n[:2]].append(n)
        self._by_head = dict(by_head)
        self.phrases: tuple[str, ...] = tuple(sorted(set(normalized)))

    def spans(self, compact: str) -> list[tuple[int, int]]:
        if not self._by_head:
            return []
        found = []
        for i in range(len(compact) - 1):
            for p in self._by_head.get(compact[i : i + 2], ()):
                if compact.startswith(p, i):
                    found.append((i, i + len(p)))
                    break
        return found


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _generic_spans_compact(compact: str, matcher: _PhraseMatcher | None) -> list[tuple[int, int]]:
    spans = [m.span() for m in _SEED_RE.finditer(compact)]
    if matcher is not None:
        spans.extend(matcher.spans(compact))
    return _merge(spans)


def find_generic_phrases(text: str, generic_phrases: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans (offsets into ``text``) of generic phrases: the seed list plus ``generic_phrases``."""
    compact, index = _normalize(text)
    matcher = _PhraseMatcher(generic_phrases)
    return [_to_original(index, s, e) for s, e in _generic_spans_compact(compact, matcher)]


# Political formulas that contain numerals but are not concrete examples.
_SLOGANS_RE = re.compile(
    r"两个维护|两个确立|四个意识|四个自信|四个全面|五位一体|三会一课|两学一做|三严三实|"
    r"习近平新时代中国特色社会主义思想|学党史、?悟思想、?办实事、?开新局|不忘初心、?牢记使命|"
    r"两个务必|三个务必|四个伟大|五个必由之路|两个结合|八项规定|四风|二十大|十九大|二十届|十九届|[一二三四五六七八九十]中全会|三重一大|一岗双责|"
    r"十分|万分|一些|一定|一直|一般|一贯|一度|一味|一时|一向|一切|一方面|一段时间|一个时期|"
    r"一年来|一年多来|一段时期|"
    r"三心二意|七上八下|三天打鱼|一刀切|一言堂|一阵风|一把手|一线"
)
_MEASURE_WORDS = (
    "次|回|篇|份|个|名|位|项|件|条|处|户|家|人|天|日|周|月|年|季度|场|本|节|课|小时|"
    "万|元|台|辆|起|批|轮|遍|期|趟|张|分|岁|所|栋|座|米|公里|亩|封|笔|单"
)
_CONCRETE_RES = (
    re.compile(r"\d"),
    re.compile(rf"[{_NUM}]*[二两三四五六七八九十百千][{_NUM}]*(?:{_MEASURE_WORDS})"),
    re.compile(r"一(?:次|回|件|项|篇|份)"),
    re.compile(
        rf"去年|今年|前年|年初|上半年|下半年|上个?月|上周|上季度|本季度|春节|国庆|元旦|"
        rf"汛期|(?<!上班)(?<!工作)(?<!在职)期间|[{_NUM}]+月|第[{_NUM}]+季度"
    ),
    re.compile(
        r"例如|比如|譬如|举例|有一次|有一回|有次|曾经|那次|当时|这次|上次|"
        r"(?:^|[,;:。;、])如(?![何实期果此同今常意愿约])"
    ),
    re.compile(r"被[^,.;:!?。;、]{0,8}?(?:通报|约谈|投诉|退回|点名|批评|问责|曝光|扣分|追责)"),
)
_PLACE_RE = re.compile(
    r"社区|小区|街道|村委会|居委会|公司|医院|学校|小学|中学|幼儿园|菜市场|市场|项目|工程|"
    r"园区|大厦|广场|乡|镇|村|同志"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GENERIC_PLACE_PREFIX = _words(
    "基层 所在 有关 相关 联系 分包 包联 辖区 我们 服务 各个 部分 个别 城乡 城市 周边 所属 "
    "全区 全市 全县 这个 那个 深入 走进 进入 下到 到了 走访 下沉 身边 其他 年轻 新来 有的 "
    "有些 一些 党员 广大 老同 同事 领导 机关 普通 群众 青年 入党 积极 先进 优秀 城镇 本职 "
    "乡镇 中心 建设 美丽 振兴 重点 招商 民生 惠民 各类 农村 山区 认为 觉得 以为"
)


_NUMBER_RE = re.compile(rf"\d+(?:\.\d+)?%?(?:{_MEASURE_WORDS})?")


def _has_named_place(compact: str) -> bool:
    for m in _PLACE_RE.finditer(compact):
        word = m.group()
        prev = compact[max(0, m.start() - 2) : m.start()]
        if len(prev) < 2 or not all(_is_word_char(c) for c in prev) or "的" in prev:
            continue
        if prev in _GENERIC_PLACE_PREFIX:
            continue
        # 农村, 乡村, 城镇, 村民, 村干部 … are not names.
        if word in ("乡", "镇", "村") and (
            prev[-1] in "农乡城山渔村镇"
            or compact[m.end() : m.end() + 1] in tuple("民里级干两组务庄规")
        ):
            continue
        if word == "同志" and (
            prev[-1] in "老小男女的位名给和与跟对向" or compact[m.end() : m.end() + 1] == "们"
        ):
            continue
        return True
    return False


def has_concrete_example(text: str) -> bool:
    """True when a problem gives a concrete example: a number, a date or time word, a title
    or a quoted name, "例如/比如/有一次", a named place, unit, project or person, or a
    consequence such as "被通报"."""
    compact, _ = _normalize(text)
    return _has_concrete_compact(compact)


def _has_concrete_compact(compact: str) -> bool:
    for start, _, content in _quoted_ranges(compact):
        # A title (《…》) names a document; a short quote is usually a colloquialism
        # (“守摊子”“差不多”), a longer one names an activity (“我为群众办实事”).
        long_enough = len(content) >= (2 if compact[start] == "《" else 5)
        if long_enough and not _SLOGANS_RE.fullmatch(content) and not _SEED_RE.search(content):
            return True
    stripped = _SLOGANS_RE.sub("、", compact)
    if any(r.search(stripped) for r in _CONCRETE_RES):
        return True
    return _has_named_place(stripped)


# A problem says nothing concrete when, besides what its "no concrete example" test finds
# (no number, date, title, place, person, event), all it holds are abstract nouns, degree
# words and the verbs of self-assessment. These words are masked; what is left over
# ("residue") is what the problem is concretely about (营业执照, 消防通道, 电梯 …).
_ABSTRACT_WORDS = (
    # thought, politics, Party spirit
    "思想|认识|意识|观念|观点|理念|信念|信仰|觉悟|境界|党性|宗旨|初心|使命|修养|站位|政治|理论|"
    "原理|马克思主义|创新理论|党的|忠诚|立场|方向|定力|敏锐性|鉴别力|判断力|领悟力|执行力|"
    "清醒|是非|大是大非|底线|红线|警惕性|风险|形势|"
    # work and its qualities
    "工作|事业|问题|事情|事务|任务|要求|标准|作风|纪律|规矩|制度|职责|责任|担当|作为|斗争|"
    "本领|本事|能力|水平|素质|功底|功夫|方法|办法|思路|举措|措施|手段|方式|态度|热情|激情|"
    "劲头|干劲|冲劲|闯劲|韧劲|锐气|精气神|精神|状态|动力|主动性|积极性|自觉性|创造性|系统性|"
    "实用主义|倾向|心态|念头|想法|思维|眼界|视野|格局|胸怀|担子|分内|分外|本职|岗位|"
    "全局|大局|局部|整体|长远|眼前|实际|实践|实效|实处|成效|效果|质量|效率|矛盾|困难|难题|"
    "难事|硬骨头|挑战|局面|情况|新情况|新问题|新技术|新方法|新知识|新事物|老一套|惯例|经验|"
    "先锋模范|模范|带头|表率|示范|榜样|标杆|先锋|作用|"
    # people in general
    "群众|人民|同志|同事|党员|干部|领导|上级|下级|组织|支部|班子|基层|一线|身边|别人|他人|"
    "学生|家长|老百姓|村民|居民|企业|服务对象|"
    # activities in general
    "服务|为民|联系|沟通|团结|协调|配合|落实|执行|贯彻|部署|决策|决定|安排|批评|自我批评|"
    "意见|建议|言论|廉洁|自律|清廉|腐败|创新|改革|开拓|进取|创业|干事|学习|学|思|践|悟|"
    "研究|思考|谋划|钻研|理解|领悟|把握|掌握|运用|发挥|树立|树牢|增强|提高|提升|加强|改进|"
    "锤炼|磨炼|锻炼|坚持|坚定|坚决|践行|做到|对照|检视|反思|剖析|"
    # self-assessment verbs and degree words
    "敢于|善于|勇于|乐于|甘于|习惯于|习惯|满足于|满足|停留|认为|觉得|总觉得|以为|感到|"
    "深入|深刻|深|透|系统|全面|扎实|到位|主动|积极|严格|及时|经常|牢固|牢|鲜明|明显|充分|"
    "不够|不足|不强|不高|不深|不实|不严|不细|不透|不牢|不明显|不多|不好|不够好|欠缺|缺乏|缺少|"
    "有所|有待|还需|还要|需要|亟需|亟待|差距|弱|淡|松|懈|降低|减退|消退|下降|放松|淡化|弱化|"
    "比较|较|还|仍|很|太|过|更|最|非常|十分|一些|有些|有的|个别|部分|一定|程度|方面|"
    "有时|有时候|往往|总是|经常|偶尔|常常|时候|很多|多|少|好|差|高|低|强|大|小|新|老|"
    "做|干|想|讲|说|看|抓|管|谋|用|学|办|抓好|做好|干好|办好|去|来|出|到|上|下|中|里|前|后|时|"
    "能|会|要|应|该|得|没有|不是|不能|不会|不愿|不敢|不想|不善|不|没|未|无|非|再|又|就|才|"
    "从|以|为|向|给|让|使|被|把|对|对于|关于|在|于|和|与|及|并|而|且|或|等|之|其|这|那|"
    "自己|本人|我们|我|作为|一名|一个|是|有|存在|表现|具体|"
    # more of the genre's general words
    "开展|相互|互相|成员|主观|客观|原因|感受|复杂|棘手|缺点|毛病|饱满|利益|本部门|本单位|诉求|"
    "麻烦|角度|层面|重视|辨别|错误|现象|思潮|西方|网络|网上|变通|打折扣|顾虑|预判|开阔|勇气|"
    "底气|求稳|政策法规|次数|家属|子女|急难愁盼|急事|难事|推诿|条件|管理|管理者|意识形态|"
    "读原文|记笔记|原文|原著|体会|心得|舒适区|惰性|惰性思想|面子|人情|和气|好人主义|动真碰硬|"
    "遵守|吃苦|艰苦|奋斗|带队伍|队伍|合力|凝聚力|战斗力|热点|判断|什么|怎么|哪些|容易|分工|"
    # where members work and whom they serve, in any trade: the setting, not an instance
    "单位|部门|科室|股室|处室|车间|班组|医院|学校|公司|机关|窗口|门诊|病区|课堂|班级|"
    "患者|病人|家属|客户|职工|员工|工人|教师|老师|医生|护士|医护|同学|孩子|老人|服务对象|"
    "业务|技术|专业|临床|教学|科研|生产|经营|管理|执法|监管|党建|发展|安全|"
    "负责人|骨干|年轻人|新人|资历|年纪|年龄|经验|成熟|正确|负面|舆论|体现|态度|冷淡|情面|"
    "全心全意|言行|约束|防线|考虑|团体|小团体|当成|可有可无|组织生活会|民主生活会|支部会|党小组会|"
    # how the genre says "in small things", "bad habits", "knowledge", "far from it"
    "小事小节|小节|细节|风气|不良风气|歪风|抵制|知识|零零碎碎|零碎|碎片化|指导|差得远|差距"
)
_ABSTRACT_RE = re.compile("|".join(sorted(set(_ABSTRACT_WORDS.split("|")), key=len, reverse=True)))
#: At most this many characters of residue (in runs of 2+) and a problem still says nothing
#: concrete: with a generic phrase in it, or (without one) with a deficiency word.
MAX_ABSTRACT_RESIDUE = 8
#: A residue run this long names something (a task, a thing, a place): not boilerplate.
MIN_NAMED_RUN = 5
MAX_ABSTRACT_RESIDUE_NO_PHRASE = 7
_DEFICIENT_RE = re.compile(
    r"不敢|不愿|不善于?|不想|回避|不充分|不成熟|怕|顾虑|只讲|只提|不够|不足|不强|不高|不深|不实|不严|不细|不透|不牢|不明显|不到位|欠缺|缺乏|缺少|有所|有待"
    r"|还需|亟需|亟待|差距|弱了|淡了|松了|降低|减退|消退|下降|放松|淡化|弱化|不如|偏少|偏低"
)


def _residue(compact: str, generic: list[tuple[int, int]]) -> list[str]:
    """What is left of a problem once formulations, generic phrases, abstract words, degree
    words and stop characters are masked: runs of two or more characters."""
    masked = list(compact)
    spans = list(generic)
    spans += [m.span() for m in _SLOGANS_RE.finditer(compact)]
    spans += [(s, e) for s, e, content in _quoted_ranges(compact) if _is_formulation(content)]
    spans += [m.span() for m in _ABSTRACT_RE.finditer(compact)]
    spans += [m.span() for m in _STOCK_FAILINGS_RE.finditer(compact)]
    for s, e in spans:
        masked[s:e] = [","] * (e - s)
    text = "".join(c if c not in _STOP_CHARS else "," for c in masked)
    return [run for run in re.findall(f"[{_CJK}a-z]+", text) if len(run) >= 2]


def _is_formulation(content: str) -> bool:
    """A quoted standard formulation (“两个确立”“四个意识”“双减”), not a named example."""
    return bool(_SLOGANS_RE.fullmatch(content)) or len(content) <= 4


def _boilerplate_findings(
    item: Item, compact: str, index: list[int], matcher: _PhraseMatcher | None
) -> list[Finding]:
    if _has_concrete_compact(compact):
        return []
    spans = _generic_spans_compact(compact, matcher)
    runs = _residue(compact, spans)
    named = any(len(run) >= MIN_NAMED_RUN for run in runs)  # a named task or thing (营业执照)
    residue = sum(map(len, runs))
    advice = "请写明具体表现:什么时间、什么事情、什么数字或造成了什么影响(如“X月在……工作中,……”)。"
    if spans and not named and residue <= MAX_ABSTRACT_RESIDUE:
        findings = []
        for s, e in spans:
            start, end = _to_original(index, s, e)
            phrase = item.text[start:end]
            findings.append(
                Finding(
                    rule=BOILERPLATE,
                    start=start,
                    end=end,
                    ref=None,
                    message=(
                        f"“{phrase}”是常见的套话,这条问题没有举出具体事例,"
                        f"容易年年提、年年改不了。{advice}"
                    ),
                )
            )
        return findings
    abstract = (
        not spans
        and not named
        and residue <= MAX_ABSTRACT_RESIDUE_NO_PHRASE
        and _DEFICIENT_RE.search(compact)
    )
    if not (abstract or _only_assessments(compact)):
        return []
    start, end = _text_span(item.text)
    return [
        Finding(
            rule=BOILERPLATE,
            start=start,
            end=end,
            ref=None,
            message=(
                "这条问题只有抽象的说法(没有数字、时间、地点、具体任务、人或事),"
                f"看不出问题出在哪件事上,容易年年提、年年改不了。{advice}"
            ),
        )
    ]


#: A clause that assesses rather than tells: a deficiency or degree word (不够, 有待, 欠缺 …),
#: the genre's other ways of grading oneself (短板, 没底, 一知半解, 重教书轻育人, 关心得少), and
#: its figures of speech for it: something has worn off (热乎劲淡了, 警觉心钝了), is taken
#: lightly (看得轻), comes and goes (时紧时松), is done more than its opposite (看流程多、看感受
#:少; 转的多 / 走的少), is one step removed (隔着一层, 两张皮) or has not yet taken hold
#: (硬气还没立起来).
_ASSESSMENT_RE = re.compile(
    _DEFICIENT_RE.pattern
    + r"|短板|弱项|没底|心里没数|心中无数|一知半解|停留在|重[^,.;:!?。]{1,5}轻|得少|得不够"
    r"|跟不上|不到家|有差距|不扎实|不牢固|不经常|不主动|不积极|不严格|不及时|不深入|不系统"
    r"|不全面|松懈|淡薄|懈怠"
    r"|(?:淡|松|钝|弱|少|浅|软|散|慢|差|冷|懒|虚|飘|浮)了|得(?:轻|浅|淡|松|粗|慢|虚|多)"
    r"|时(?:紧|冷|热|松|好)时(?:松|热|冷|紧|坏)|多[^,.;:!?。]{0,12}少|少[^,.;:!?。]{0,12}多"
    r"|隔着一层|隔了一层|两张皮|没[^,.;:!?。]{1,4}起来|的(?:多|少)$"
)
_CLAUSE_SPLIT_RE = re.compile(r"[,.;:!?。]+")
#: A text of more clauses is generic when at least this many of them, and at least half of
#: them, grade oneself and nothing in it is concrete (the settings around the grades — 平时
#: 穿上警服守住岗位, 坐在编辑部里做新闻 — tell no event either).
MIN_ASSESSING_CLAUSES = 3


def _only_assessments(compact: str) -> bool:
    """Two or more clauses, every one of them an assessment of oneself and none telling of
    something that happened: generic however new its words (…本领还有短板,面对新业态时心里
    没底,…担当精神不够). One clause that tells (…,检查时只看台账,…) is a concrete problem —
    unless the grades are most of a longer text (three or more, half the clauses or more) and
    the text has nothing concrete (the caller has checked): then the rest only sets the scene."""
    clauses = [c for c in _CLAUSE_SPLIT_RE.split(compact) if len(c) >= 2]
    grading = sum(1 for c in clauses if _ASSESSMENT_RE.search(c))
    if len(clauses) >= 2 and grading == len(clauses):
        return True
    return grading >= MIN_ASSESSING_CLAUSES and 2 * grading >= len(clauses)


# --------------------------------------------------------------------------------------------
# Similarity: residual character bigrams and an inverted index
# --------------------------------------------------------------------------------------------

_STOP_CHARS = frozenset(
    "的了地得着和与及并也都还就把被对于之其而且或我你他她们这那些个是在有又很较更等将已"
)
_FILLER_RE = re.compile(
    r"存在|问题|方面|情况|现象|有时候|有时|有些|一些|个别|部分|自身|本人|自己|比较|较为|相对|"
    r"主要|表现|具体|一定程度上|一定程度|程度|不够|不足|不到位|没有|未能|不能|能够|工作中|工作上"
)


_DROP_STOP_CHARS = dict.fromkeys(map(ord, _STOP_CHARS))


def _bigrams_of_segments(segments: Iterable[str]) -> frozenset[str]:
    grams: set[str] = set()
    for seg in segments:
        chars = seg.translate(_DROP_STOP_CHARS)
        grams.update(map(str.__add__, chars, chars[1:]))
    return frozenset(grams)


_SPLIT_RE = re.compile(r"[^0-9a-z" + _CJK + "]+")


def _full_grams(compact: str) -> frozenset[str]:
    return _bigrams_of_segments(_SPLIT_RE.split(compact))


def _residual_grams(compact: str, generic: list[tuple[int, int]]) -> frozenset[str]:
    parts = []
    pos = 0
    for s, e in generic:
        parts.append(compact[pos:s])
        pos = e
    parts.append(compact[pos:])
    segments = []
    for part in parts:
        for seg in _SPLIT_RE.split(part):
            segments.extend(_FILLER_RE.split(seg))
    return _bigrams_of_segments(segments)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _min_overlap(size: int, threshold: float, min_other: int) -> int:
    """Smallest intersection any set passing Dice >= threshold against a set of ``size`` has."""
    other = max(min_other, threshold * size / (2 - threshold))
    return max(1, math.ceil(threshold * (size + other) / 2 - 1e-9))


# --------------------------------------------------------------------------------------------
# Substance (recycled): what a problem is about and how it fails, whatever the words
# --------------------------------------------------------------------------------------------

#: Weighted Dice on substance features at or above which the same member's earlier problem is
#: "the same problem again". Lower than ``copied``'s: only the member's own problems compete.
RECYCLED_THRESHOLD = 0.28
#: Weighted substance Dice for ``copied`` (a copy reworded), with at least
#: ``COPIED_MIN_SHARED`` shared bigrams: higher than ``recycled``'s, since every other
#: member's problem competes.
COPIED_THRESHOLD = 0.49
COPIED_MIN_SHARED = 3
#: … or at least this when the two share an object and a failing of the synonym table.
COPIED_CONCEPT_FLOOR = 0.4
#: The Dice needed when the two problems share an object and a failing of the synonym table.
RECYCLED_CONCEPT_FLOOR = 0.15
#: … and when they share only a failing.
RECYCLED_FAILING_FLOOR = 0.25
#: … and when they share no failing of the table but :data:`RECYCLED_MIN_TERMS` separate
#: things (夜班, 离开, 病区, 护士): several shared terms, not one long one.
RECYCLED_TERMS_FLOOR = 0.2
RECYCLED_MIN_TERMS = 3
#: Concept features weigh this much more than a character bigram of the same rarity.
CONCEPT_WEIGHT = 2.0
#: Single characters (教师 / 老师 share 师, 验收 / 查验 share 验) weigh this much of a bigram
#: of the same rarity.
UNIGRAM_WEIGHT = 0.5
#: Document frequencies are counted on at most this many problems (evenly spaced).
IDF_SAMPLE = 2000
#: Pseudo-problems added to the document count (see Corpus._weights).
IDF_PRIOR = 20

#: The small synonym table: concept → the words members use for it. A concept is one
#: feature, so "照本宣科" and "只读原文" count as the same thing. Objects (what the problem is
#: about) and failings (what went wrong); the list covers the vocabulary of these materials,
#: not any one branch's work.
_CONCEPTS: tuple[tuple[str, str], ...] = (
    # objects
    ("学习", r"理论学习|政治学习|集中学习|专题学习|支部学习|自学|研读|读书班|学习"),
    ("笔记", r"学习笔记|读书笔记|笔记"),
    ("值班", r"值班|值守|带班|应急值守"),
    ("来文", r"上级来文|来文|收文|公文|上级文件|文件办理|督办件|督办事项|交办件|交办事项"),
    ("投诉", r"投诉|举报|诉求|来信来访|信访|热线|12345|12315"),
    ("走访", r"入户走访|走访|入户|上门|家访|走一走|联系户"),
    ("调研", r"调查研究|调研|下基层|到基层|基层所"),
    ("党费", r"党费"),
    ("文会", r"文山会海|会议多|文件多|发文|通知|开会"),
    ("批评", r"相互批评|自我批评|批评|提意见"),
    ("公开", r"公开栏|公示栏|公开|公示|张榜"),
    ("执法", r"执法办案|执法|办案|取证"),
    ("窗口", r"登记窗口|服务窗口|窗口|办照|营业执照|办事群众"),
    ("抽检", r"抽检|抽查|检测"),
    ("基层条件", r"办公条件|工作条件|生活条件"),
    ("班子", r"领导班子|班子成员|班子|两委|支委会|支委"),
    # whom members serve, in any trade (a word of each, so 群众 ≈ 老百姓 ≈ 办事人)
    (
        "服务对象",
        r"人民群众|群众|老百姓|百姓|居民|村民|办事人|来访者|患者|病人|病患|家属|学生|家长"
        r"|缴费人|用户|服务对象|当事人|报警人|企业主|老人|大爷|大妈",
    ),
    # newcomers and bringing them on (传帮带)
    (
        "新人",
        r"新入职|新招|新来|新进|新同志|新教师|新老师|新干部|新党员|年轻干部|青年干部"
        r"|年轻同志|年轻教师|青年教师|青年老师|年轻老师|年轻人|实习生|徒弟|见习",
    ),
    ("带教", r"传帮带|帮带|带教|师徒|结对|带徒|带新|传授|上岗前培训|岗前培训|培训"),
    ("查验", r"验收|查验|核验|核对|进货|到货|收货|入库|入了库|把关"),
    ("卷宗", r"卷宗|案卷|档案|归档|台账|笔录|原始记录"),
    ("签字", r"签字|签名|签章|盖章|签批"),
    ("随访", r"随访|回访|复诊|履约|跟踪服务"),
    ("巡查", r"巡逻|巡查|巡防|巡河|夜巡|巡检"),
    ("态度", r"态度|口气|说话|脸色|言语"),
    ("政策", r"政策|新政|法规|规章|文件精神|口径"),
    ("申请", r"申请|报装|审批|报批|办证|手续|材料报送"),
    ("会议", r"工作会|部署会|例会|办公会"),
    # failings (the first one is _FIRST_FAILING)
    ("形式", r"浮于表面|停留在表面|走过场|走形式|流于形式|形式主义|装样子|应付了事|应付"),
    (
        "照读",
        r"照本宣科|照着念|念稿子?|念材料|念一念|读原文|跟着读|只读|照着[^,。;]{0,4}读|读一遍|念一遍",
    ),
    ("研讨", r"讨论交流|交流讨论|讨论|研讨|发言|交流心得"),
    ("体会", r"谈体会|谈认识|谈感受|谈心得|谈收获|体会|感悟"),
    ("脱岗", r"脱岗|离岗|擅离岗?位?|不在岗|不在值班室|离开单位|离开岗位|溜号"),
    (
        "拖延",
        r"拖延|拖拉|拖沓|拖着|一拖再拖|拖了|积压|搁置|压在手里|超期|逾期|超过[^,。;]{0,4}时限"
        r"|不及时|滞后|迟缓|晚了|推迟|催办|超时|拖得|拖到|(?<!怠)慢(?![性病])|压了",
    ),
    ("造假", r"造假|弄虚作假|补填|补记|编造|虚报|做假"),
    ("推诿", r"推诿|推给|互相推|相互推|往外推|往上交|上交矛盾|踢皮球|绕着走|推来推去"),
    (
        "避重就轻",
        r"避重就轻|轻描淡写|不痛不痒|无关痛痒|蜻蜓点水|隔靴搔痒|点到为止|绕着?弯子|只提希望"
        r"|讲成绩多|指问题少|不敢动真碰硬|辣味不足|辣味不够|顾虑多|怕得罪人|一团和气|说好话|回避"
        r"|伤感情|伤和气|怕伤|碍于情面|抹不开面子",
    ),
    (
        "耐心",
        r"耐心|耐烦|态度生硬|态度不好|态度差|生硬|生冷|冷淡|冷漠|言语过激|过激|训斥|训了|训人"
        r"|呵斥|吼|呛|冲人|冷硬横推|门难进|脸难看|爱答不理|不客气|没好气",
    ),
    (
        "马虎",
        r"马虎|马马虎虎|粗心|草率|草草|不细致|不仔细|疏忽|疏漏|遗漏|漏查|漏检|漏收"
        r"|把关不严|审核不严|走马观花|没有核对|没有查看|不规范|不完整|缺少",
    ),
    (
        "虚设",
        r"名不副实|形同虚设|摆设|空架子|挂了?牌子?|只签不约|签而不约|只挂牌"
        r"|没有真正发挥|没有发挥|作用发挥不|发挥不明显|作用不明显|看不出|感受不到|感觉不到",
    ),
    (
        "违规",
        r"违章|违规|违反|不守|不遵守|不按规定|没按规定|没有按规定|未按规定|不按程序|执行不严"
        r"|不执行|省略|简化程序",
    ),
    ("省事", r"图省事|图方便|嫌麻烦|怕麻烦|偷懒|省事"),
    ("准备", r"准备不充分|准备不足|准备不够|准备工作|功课|事先|提前准备|临时抱佛脚|临时"),
    (
        "不精",
        r"吃透|吃不透|钻研不深|钻研不够|跟不上|理解有偏差|理解偏差|理解不准|一知半解|不熟悉"
        r"|不熟|生疏|不精通|不精|答复错|解答错|讲错|说错|前后不一",
    ),
    ("不上心", r"不上心|不用心|不够用心|不尽心|不当回事|没当回事|敷衍"),
    ("代替", r"代替|取代|替代|当成了|混同|一起开|合在一起"),
    ("告知", r"一次性告知|一退了之|只说不行|不讲怎么补|没有告知|未告知"),
    ("单人", r"单人执法|一名执法人员|双人执法|一人执法"),
    ("突击", r"突击|前松后紧|赶任务|赶进度|年底集中"),
    ("反复", r"反复出现|反复|反弹|回潮|屡禁不止|又出现"),
    ("吃苦", r"艰苦奋斗|吃苦|嫌远嫌累|怕苦怕累|讲究条件|讲究多|挑挑拣拣|能坐车"),
    ("底数", r"掌握不全|掌握不准|掌握不清|心中无数|底数不清|底数|说不清|不清楚|了解不深|实情"),
    ("欠交", r"拖欠|没交|未交|补交|欠交|没有按月交"),
    ("跟踪", r"跟踪不紧|没有及时提醒|跟踪|提醒|催交"),
    ("各自为政", r"各自为政|各管一摊|各干各的|单打独斗|各吹各的号"),
    ("合力", r"合力不强|凝聚力不够|凝聚力不强|凝聚力|战斗力|合力"),
    ("偏多", r"偏多|过多|太多|仍然偏多|没有合并"),
    (
        "偏少",
        r"很少|较少|偏少|不多|次数少|只到|只去|去得少|不到一次|只搞|只给|只和|寥寥|屈指可数",
    ),
)
_FIRST_FAILING = next(c for c in _CONCEPTS if c[0] == "形式")
#: Failings of the synonym table that are themselves stock phrases of the genre: what they
#: say is abstract (the boilerplate rule masks them with the abstract words).
_STOCK_FAILINGS_RE = re.compile(
    "|".join(p for name, p in _CONCEPTS if name in ("形式", "避重就轻", "推诿", "各自为政", "合力"))
)
# One alternation without groups (much faster to scan); a match is named by a dict lookup,
# or — for the few patterns that are not plain words — by trying each concept's pattern.
_CONCEPT_RE = re.compile("|".join(f"(?:{p})" for _, p in _CONCEPTS))
_CONCEPT_PATTERNS = tuple((name, re.compile(p)) for name, p in _CONCEPTS)
_CONCEPT_OF_WORD = {
    word: name
    for name, p in reversed(_CONCEPTS)
    for word in p.split("|")
    if re.fullmatch(f"[{_CJK}0-9]+", word)
}


def _concepts_in(compact: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """(concept, span) for each synonym-table word in ``compact``."""
    for m in _CONCEPT_RE.finditer(compact):
        word = m.group()
        name = _CONCEPT_OF_WORD.get(word)
        if name is None:
            name = next((n for n, r in _CONCEPT_PATTERNS if r.fullmatch(word)), "?")
        yield name, m.span()


#: What does not count as a difference in substance: numbers with their measure words,
#: years, dates and time words, pronouns, connectives and degree words.
_INSUBSTANTIAL_RE = re.compile(
    "|".join(
        (
            rf"[{_NUM}几多半]+(?:\.\d+)?%?(?:{_MEASURE_WORDS}|多|余|来)*",
            r"今年|去年|前年|明年|上半年|下半年|年初|年中|年底|年末|上个?月|本月|上周|本周|当晚"
            r"|当天|夜里|平时|日常|期间|以来|近年来|目前|现在|至今|到现在|后来|事后|事前|当时",
            r"我们|我|本人|自己|自身|他们|她们|他|她|大家|有的|有些|一些|个别|部分|其中|其",
            r"但是|但|而且|并且|同时|因此|所以|由于|导致|致使|以致|甚至|虽然|尽管|如果|只要|直到"
            r"|常常|经常|往往|总是|有时候|有时|偶尔|仍然|依然|还是|就是|只是|都是|也|都|就|才|又"
            r"|还|仍|很|太|较|更|最|比较|较为|一直|始终",
        )
    )
)


def _substance(compact: str, generic: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Substance features of a problem → where they occur in ``compact``.

    Concepts of the synonym table (``"#学习"``) are found in the whole text; character
    bigrams only outside generic phrases, concept words and what does not count (numbers,
    dates, pronouns, connectives, filler words, stop characters).
    """
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    mask = bytearray(len(compact))
    for name, (start, end) in _concepts_in(compact):
        found["#" + name].append((start, end))
        mask[start:end] = b"\x01" * (end - start)
    for s, e in generic:
        mask[s:e] = b"\x01" * (e - s)
    for regex in (_INSUBSTANTIAL_RE, _FILLER_RE):
        for m in regex.finditer(compact):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    kept = [
        (i, ch)
        for i, ch in enumerate(compact)
        if not mask[i] and ch not in _NOT_SUBSTANCE and ("\u3400" <= ch <= "\u9fff")
    ]
    for (i, a), (j, b) in zip(kept, kept[1:], strict=False):
        if j == i + 1:
            found[a + b].append((i, j + 1))
    for i, ch in kept:
        found["~" + ch].append((i, i + 1))
    return found


_NOT_SUBSTANCE = _STOP_CHARS | frozenset("不没未无时后前中上下里内外给让使向从以为")
_OBJECTS = frozenset("#" + name for name, _ in _CONCEPTS[: _CONCEPTS.index(_FIRST_FAILING)])


def _weighted_dice(a: Iterable[str], b: Iterable[str], weight: Callable[[str], float]) -> float:
    a, b = set(a), set(b)
    total = sum(map(weight, a)) + sum(map(weight, b))
    if not total:
        return 0.0
    return 2 * sum(map(weight, a & b)) / total


#: In a run of shared bigrams (one long shared term, 入党积极分子), every bigram after the
#: heaviest counts this much: a term is one piece of evidence, however many characters it has.
CHAIN_DISCOUNT = 0.35


def _substance_dice(
    a: dict[str, list[tuple[int, int]]],
    b: dict[str, list[tuple[int, int]]],
    weight: Callable[[str], float],
) -> float:
    """Rarity-weighted Dice of two problems' substance features, counting a long shared
    term about once (the bigrams of a run of shared bigrams after its heaviest one weigh
    :data:`CHAIN_DISCOUNT`) and a shared character only where no shared bigram covers it
    (教师 / 老师: 师 counts; 积极分子 / 积极分子: 积, 极 … do not count again)."""
    shared = a.keys() & b.keys()
    bigrams = [f for f in shared if f[0] not in "#~"]
    covered = {ch for g in bigrams for ch in g}
    scale: dict[str, float] = {}
    # Runs of shared bigrams in a's text: bigram positions that overlap by one character.
    starts = sorted((a[g][0][0], g) for g in bigrams)
    run: list[str] = []
    last = -2
    for start, g in [*starts, (-10, "")]:
        if run and start != last + 1:
            heaviest = max(run, key=weight)
            scale.update((f, CHAIN_DISCOUNT) for f in run if f != heaviest)
            run = []
        run.append(g)
        last = start
    for ch in covered:
        scale["~" + ch] = 0.0

    def w(f: str) -> float:
        return weight(f) * scale.get(f, 1.0)

    total = sum(map(w, a)) + sum(map(w, b))
    if not total:
        return 0.0
    return 2 * sum(map(w, shared)) / total


def _shared_terms(a: dict[str, list[tuple[int, int]]], b: dict[str, list[tuple[int, int]]]) -> int:
    """How many separate things two problems share: synonym-table concepts and runs of
    shared bigrams (one long term is one thing)."""
    shared = a.keys() & b.keys()
    concepts = sum(1 for f in shared if f[0] == "#")
    starts = sorted(a[g][0][0] for g in shared if g[0] not in "#~")
    runs = sum(1 for i, x in enumerate(starts) if i == 0 or x != starts[i - 1] + 1)
    return concepts + runs


def _spans_of(
    features: dict[str, list[tuple[int, int]]], shared: Iterable[str]
) -> list[tuple[int, int]]:
    """Where the shared features are (a single shared character only when it is all)."""
    shared = list(shared)
    words = [f for f in shared if f[0] != "~"] or shared
    return _merge(span for f in words for span in features.get(f, ()))


def _gram_spans(compact: str, grams: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for g in grams:
        start = compact.find(g)
        while start != -1:
            spans.append((start, start + len(g)))
            start = compact.find(g, start + 1)
    return _merge(spans)


def _merge_touching(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _df_keys(compact: str) -> set[str]:
    """A cheap superset of a problem's substance features, for counting document
    frequencies without computing the features: every bigram, character and concept."""
    keys = set(map(str.__add__, compact, compact[1:]))
    keys.update("~" + ch for ch in compact)
    keys.update("#" + name for name, _ in _concepts_in(compact))
    return keys


# --------------------------------------------------------------------------------------------
# Work area and failing (recycled): the domain thesaurus, meetings/thesaurus.py
# --------------------------------------------------------------------------------------------

_THESAURUS_RE = re.compile(
    "|".join(
        map(re.escape, sorted(AREA_OF_WORD.keys() | FAILING_OF_WORD.keys(), key=len, reverse=True))
    )
)


def _work_area_and_failing(
    compact: str, generic: list[tuple[int, int]]
) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    """The work areas (什么工作) and failings (出了什么毛病) of the domain thesaurus that a
    problem names, each with where its words are in ``compact``. Words inside a generic
    phrase (学习不够深入) do not count: a stock phrase says nothing about this problem."""
    areas: dict[str, list[tuple[int, int]]] = defaultdict(list)
    failings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _THESAURUS_RE.finditer(compact):
        word = m.group()
        if any(s < m.end() and m.start() < e for s, e in generic):
            continue
        for area in AREA_OF_WORD.get(word, ()):
            areas[area].append(m.span())
        for failing in FAILING_OF_WORD.get(word, ()):
            failings[failing].append(m.span())
    return areas, failings


class _Features:
    __slots__ = (
        "compact",
        "index",
        "generic",
        "residual",
        "full",
        "substance",
        "areas",
        "failings",
    )

    def __init__(self, text: str, matcher: _PhraseMatcher | None):
        self.compact, self.index = _normalize(text)
        self.generic = _generic_spans_compact(self.compact, matcher)
        self.residual = _residual_grams(self.compact, self.generic)
        self.full = _full_grams(self.compact)
        self.substance = _substance(self.compact, self.generic)
        self.areas, self.failings = _work_area_and_failing(self.compact, self.generic)


class _Index:
    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, pos: int, grams: frozenset[str]) -> None:
        for g in grams:
            self.postings[g].append(pos)

    def candidates(self, grams: frozenset[str], min_overlap: int) -> set[int]:
        postings = self.postings
        known = [g for g in grams if g in postings]
        if len(known) < min_overlap:
            return set()
        known.sort(key=lambda g: len(postings[g]))
        found: set[int] = set()
        for g in known[: len(known) - min_overlap + 1]:
            found.update(postings[g])
        return found


class Corpus:
    """Earlier / other problems, for :func:`check_item` and :meth:`similar` queries.

    Only items with ``kind == "problem"`` are kept. Building is cheap: items are grouped by
    author and by meeting, since ``check_item`` compares a problem only with the same author's
    earlier problems (recycled) and other authors' problems at the same meeting (copied);
    each item's features are computed the first time a query needs them. Document
    frequencies (for the rarity weights of ``recycled``) are counted once, on at most
    :data:`IDF_SAMPLE` evenly spaced problems; the inverted indexes that :meth:`similar`
    (any relation) needs are built on its first call. ``generic_phrases`` (e.g. from
    :func:`learn_generic_phrases`) are cut out of texts before comparing, in addition to the
    built-in seed list, and are the default extra phrases of :func:`check_item`.
    """

    def __init__(self, items: Iterable[Item] = (), *, generic_phrases: Iterable[str] = ()):
        self.generic_phrases: tuple[str, ...] = tuple(generic_phrases)
        self._matcher = _PhraseMatcher(self.generic_phrases)
        self._items: list[Item] = []
        self._features_at: list[_Features | None] = []
        self._by_author: dict[str, list[int]] = defaultdict(list)
        self._by_meeting: dict[str, list[int]] = defaultdict(list)
        self._by_date: dict[datetime.date, list[int]] = defaultdict(list)
        self._idf: dict[str, float] | None = None
        self._idf_default = 1.0
        self._indexed = 0  # items [0, _indexed) are in the inverted indexes
        self._residual_index = _Index()
        self._full_index = _Index()
        for item in items:
            self.add(item)
        if self._items:
            self._weights()  # part of building: the rarity weights

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items)

    def add(self, item: Item) -> None:
        """Add one more item (ignored unless it is a problem)."""
        if item.kind != "problem":
            return
        pos = len(self._items)
        self._items.append(item)
        self._features_at.append(None)
        self._by_author[item.author.strip()].append(pos)
        if item.meeting is not None:
            self._by_meeting[item.meeting].append(pos)
        self._by_date[item.meeting_date].append(pos)
        self._idf = None

    def _features(self, text: str) -> _Features:
        return _Features(text, self._matcher)

    def _features_of(self, pos: int) -> _Features:
        feats = self._features_at[pos]
        if feats is None:
            feats = self._features_at[pos] = self._features(self._items[pos].text)
        return feats

    # --- rarity weights ------------------------------------------------------------------

    def _weights(self) -> Callable[[str], float]:
        if self._idf is None:
            n = len(self._items)
            step = max(1, n // IDF_SAMPLE)
            sample = range(0, n, step)
            df: dict[str, int] = defaultdict(int)
            for pos in sample:
                feats = self._features_at[pos]
                if feats is not None:
                    keys: Iterable[str] = feats.substance
                else:
                    keys = _df_keys(_normalize(self._items[pos].text)[0])
                for key in keys:
                    df[key] += 1
            # As if IDF_PRIOR more problems had none of these features: a corpus of a few
            # problems (a member's own earlier ones) weighs all features about alike.
            total = len(sample) + IDF_PRIOR
            self._idf = {key: math.log(total / (count + 0.5)) for key, count in df.items()}
            self._idf_default = math.log(total / 0.5)
        idf, default = self._idf, self._idf_default

        def weight(feature: str) -> float:
            w = max(idf.get(feature, default), 0.1)
            if feature[0] == "#":
                return w * CONCEPT_WEIGHT
            return w * UNIGRAM_WEIGHT if feature[0] == "~" else w

        return weight

    # --- queries ---------------------------------------------------------------------------

    def _candidates(self, item: Item) -> set[int]:
        """Positions of items that can be related to ``item`` (same author, same meeting)."""
        found = set(self._by_author.get(item.author.strip(), ()))
        if item.meeting is not None:
            found.update(self._by_meeting.get(item.meeting, ()))
        found.update(self._by_date.get(item.meeting_date, ()))
        return found

    def _ensure_indexed(self) -> None:
        for pos in range(self._indexed, len(self._items)):
            feats = self._features_of(pos)
            if len(feats.residual) >= MIN_RESIDUAL_GRAMS:
                self._residual_index.add(pos, feats.residual)
            if len(feats.full) >= MIN_FULL_GRAMS:
                self._full_index.add(pos, feats.full)
        self._indexed = len(self._items)

    def similar(
        self,
        text: str,
        *,
        where: Callable[[Item], bool] | None = None,
        exclude_id: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Item, float]]:
        """Problems that closely match ``text`` (as ``copied`` decides), best first, with
        their scores, among all items whatever their author or meeting.

        ``where`` filters candidates (e.g. "same author, earlier meeting") before they are
        scored. The score is the residual Dice, or the whole-text Dice for near-verbatim
        copies, whichever is higher.
        """
        self._ensure_indexed()
        feats = self._features(text)
        residual, full = feats.residual, feats.full
        candidates: set[int] = set()
        if len(residual) >= MIN_RESIDUAL_GRAMS:
            k = _min_overlap(len(residual), SIMILARITY_THRESHOLD, MIN_RESIDUAL_GRAMS)
            candidates |= self._residual_index.candidates(residual, k)
        if len(full) >= MIN_FULL_GRAMS:
            k = _min_overlap(len(full), NEAR_DUPLICATE_THRESHOLD, MIN_FULL_GRAMS)
            candidates |= self._full_index.candidates(full, k)
        results = []
        for pos in candidates:
            item = self._items[pos]
            if exclude_id is not None and item.id == exclude_id:
                continue
            if where is not None and not where(item):
                continue
            score = _verbatim_score(feats, self._features_of(pos))
            if score > 0.0:
                results.append((item, score))
        results.sort(key=lambda r: (-r[1], -r[0].meeting_date.toordinal(), r[0].id))
        return results[:limit] if limit is not None else results


def _verbatim_score(a: _Features, b: _Features) -> float:
    """The ``copied`` score: residual Dice (generic phrases cut out) when at least
    :data:`SIMILARITY_THRESHOLD`, else whole-text Dice when at least
    :data:`NEAR_DUPLICATE_THRESHOLD`, else 0."""
    score = 0.0
    if len(a.residual) >= MIN_RESIDUAL_GRAMS and len(b.residual) >= MIN_RESIDUAL_GRAMS:
        score = _dice(a.residual, b.residual)
        if score < SIMILARITY_THRESHOLD:
            score = 0.0
    if score < NEAR_DUPLICATE_THRESHOLD and len(a.full) >= MIN_FULL_GRAMS <= len(b.full):
        near = _dice(a.full, b.full)
        if near >= NEAR_DUPLICATE_THRESHOLD:
            score = near
    return score


# --------------------------------------------------------------------------------------------
# Rules 3 and 4: recycled and copied
# --------------------------------------------------------------------------------------------


def _same_meeting(a: Item, b: Item) -> bool:
    if a.meeting is not None and b.meeting is not None:
        return a.meeting == b.meeting
    return a.meeting_date == b.meeting_date


def _relation(item: Item, other: Item) -> str | None:
    """``recycled`` when ``other`` is the same author's problem from an earlier meeting,
    ``copied`` when it is another author's problem from the same meeting, else None."""
    if other.author.strip() == item.author.strip():
        if other.meeting_date < item.meeting_date and not _same_meeting(item, other):
            return RECYCLED
        return None
    return COPIED if _same_meeting(item, other) else None


def _quote(text: str, width: int = 24) -> str:
    t = " ".join(text.split())
    return t if len(t) <= width else t[:width] + "…"


def _date_zh(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class _Match:
    other: Item
    score: float
    spans: tuple[tuple[int, int], ...]  # in the item's text
    other_spans: tuple[tuple[int, int], ...]  # in the other item's text


def _original_spans(feats: _Features, spans: Iterable[tuple[int, int]]) -> tuple:
    return tuple(_merge_touching([_to_original(feats.index, s, e) for s, e in spans]))


def _recycled_match(feats: _Features, other: _Features, weight) -> tuple[float, list[str]]:
    """(score, shared features): the same object and failing (a shared object concept and a
    shared failing concept of the synonym table) with some overlap besides, or rarity-weighted
    Dice at least :data:`RECYCLED_THRESHOLD`; the verbatim score (``copied``'s) as a floor."""
    shared = [f for f in feats.substance if f in other.substance]
    score = _substance_dice(feats.substance, other.substance, weight)
    concepts = {f for f in shared if f.startswith("#")}
    if concepts - _OBJECTS:  # the same failing …
        needed = RECYCLED_CONCEPT_FLOOR if concepts & _OBJECTS else RECYCLED_FAILING_FLOOR
    else:
        terms = _shared_terms(feats.substance, other.substance)
        if terms >= RECYCLED_MIN_TERMS:
            needed = RECYCLED_TERMS_FLOOR
        elif terms >= 2:
            needed = RECYCLED_THRESHOLD
        else:  # one shared term, however long, is the topic, not the same problem
            needed = math.inf
    if score < needed:
        score = 0.0
    verbatim = _verbatim_score(feats, other)
    if not score and not verbatim:
        pair = _same_area_and_failing(feats, other)
        if pair:
            dice = _substance_dice(feats.substance, other.substance, weight)
            return max(dice, AREA_AND_FAILING_SCORE), pair
    return max(score, verbatim), shared


#: The score of a recycled match found only by a shared work area and failing of the domain
#: thesaurus (so among several such matches the one with more in common wins).
AREA_AND_FAILING_SCORE = 0.2
#: The shared work areas' words must be at least this share of all the (non-broad) work-area
#: words the two use: a problem about 学习 that mentions 值班 in passing is not about 值班.
AREA_OVERLAP = 2 / 3


def _same_area_and_failing(feats: _Features, other: _Features) -> list[str]:
    """The shared (work area, failing) of the domain thesaurus, as feature names ("@area",
    "!failing"), or [] when the two problems do not share both (work areas in
    :data:`BROAD_AREAS` — whom one serves — do not count, and the words of the shared areas
    must be at least :data:`AREA_OVERLAP` of all the work-area words the two use)."""
    mine, theirs = feats.areas.keys() - BROAD_AREAS, other.areas.keys() - BROAD_AREAS
    areas = mine & theirs
    failings = feats.failings.keys() & other.failings.keys()
    if not areas or not failings:
        return []
    # How much of what the two say about work is the shared areas: their words' occurrences
    # (the area a problem is about is named again and again; one met in passing, once).
    said = sum(len(feats.areas[a]) for a in mine) + sum(len(other.areas[a]) for a in theirs)
    shared = sum(len(feats.areas[a]) + len(other.areas[a]) for a in areas)
    if shared < AREA_OVERLAP * said:
        return []
    return [*("@" + a for a in sorted(areas)), *("!" + f for f in sorted(failings))]


#: ``copied``: a copy reworded keeps the order of what it copies (the same month, the same
#: task, the same number of times, the same consequence, told in the same sequence). Two
#: concrete problems whose characters (stop characters and punctuation out) match in order —
#: ``difflib``'s ratio, 2 × the characters of its matching blocks ÷ both lengths — at least
#: this much are a copy: measured on the labelled cases, copies 0.57–0.93, other members'
#: concrete problems at the same meeting at most 0.36.
COPIED_SEQUENCE_THRESHOLD = 0.5
#: … compared only when their whole-text bigram Dice is at least this (set arithmetic first,
#: the quadratic sequence match for the few pairs left).
COPIED_SEQUENCE_PREFILTER = 0.2


def _sequence_text(feats: _Features) -> str:
    return "".join(ch for ch in feats.compact if ch not in _STOP_CHARS and _is_word_char(ch))


def _sequence_score(feats: _Features, other: _Features) -> float:
    """``difflib``'s ratio (2 × matched characters ÷ both lengths) of two concrete problems
    whose bigrams overlap enough, else 0. Generic sentences are left out: two members
    quoting the same stock phrases is the ``boilerplate`` rule's finding, not a copy."""
    if _dice(feats.full, other.full) < COPIED_SEQUENCE_PREFILTER:
        return 0.0
    if not (_has_concrete_compact(feats.compact) and _has_concrete_compact(other.compact)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, _sequence_text(feats), _sequence_text(other), False)
    if matcher.quick_ratio() < COPIED_SEQUENCE_THRESHOLD:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= COPIED_SEQUENCE_THRESHOLD else 0.0


def _copied_score(feats: _Features, other: _Features, weight) -> float:
    """The verbatim score, or — for a copy reworded — the rarity-weighted substance Dice when
    at least :data:`COPIED_THRESHOLD` (:data:`COPIED_CONCEPT_FLOOR` when the two share an
    object and a failing of the synonym table) with :data:`COPIED_MIN_SHARED` shared bigrams
    (so two generic sentences that share one concept are not a copy), or the sequence score
    (:func:`_sequence_score`)."""
    score = _verbatim_score(feats, other) or _sequence_score(feats, other)
    if score:
        return score
    shared = [f for f in feats.substance if f in other.substance]
    if sum(1 for f in shared if f[0] not in "#~") < COPIED_MIN_SHARED:
        return 0.0
    # Unlike recycled, a long shared run is evidence of copying: no discount for runs.
    dice = _weighted_dice(feats.substance, other.substance, weight)
    concepts = {f for f in shared if f[0] == "#"}
    needed = (
        COPIED_CONCEPT_FLOOR if concepts - _OBJECTS and concepts & _OBJECTS else COPIED_THRESHOLD
    )
    return dice if dice >= needed else 0.0


def _best_matches(item: Item, feats: _Features, corpus: Corpus) -> dict[str, _Match]:
    weight = corpus._weights()
    best: dict[str, _Match] = {}
    for pos in corpus._candidates(item):
        other = corpus._items[pos]
        if other.id == item.id:
            continue
        rule = _relation(item, other)
        if rule is None:
            continue
        other_feats = corpus._features_of(pos)
        if rule == RECYCLED:
            score, shared = _recycled_match(feats, other_feats, weight)
            spans = _spans_of(_evidence(feats), shared)
            other_spans = _spans_of(_evidence(other_feats), shared)
            if score and not spans:  # a verbatim match with no substance left: mark it all
                spans = _gram_spans(feats.compact, feats.full & other_feats.full)
                other_spans = _gram_spans(other_feats.compact, feats.full & other_feats.full)
        else:
            score = _copied_score(feats, other_feats, weight)
            grams = feats.full & other_feats.full
            spans = _gram_spans(feats.compact, grams)
            other_spans = _gram_spans(other_feats.compact, grams)
        if not score:
            continue
        current = best.get(rule)
        key = (score, other.meeting_date.toordinal(), _neg_id(other.id))
        if current is None or key > (
            current.score,
            current.other.meeting_date.toordinal(),
            _neg_id(current.other.id),
        ):
            best[rule] = _Match(
                other,
                score,
                _original_spans(feats, spans),
                _original_spans(other_feats, other_spans),
            )
    return best


def _evidence(feats: _Features) -> dict[str, list[tuple[int, int]]]:
    """Where each feature of a problem is: substance features, work areas ("@"), failings ("!")."""
    found = dict(feats.substance)
    found.update(("@" + a, spans) for a, spans in feats.areas.items())
    found.update(("!" + f, spans) for f, spans in feats.failings.items())
    return found


def _neg_id(value: str) -> tuple[int, ...]:
    """Sort key: the smaller id wins a tie."""
    return tuple(-ord(c) for c in value)


def _similarity_findings(item: Item, feats: _Features, corpus: Corpus) -> list[Finding]:
    findings = []
    start, end = _text_span(item.text)
    best = _best_matches(item, feats, corpus)
    if RECYCLED in best:
        match = best[RECYCLED]
        other = match.other
        findings.append(
            Finding(
                rule=RECYCLED,
                start=start,
                end=end,
                ref=other.id,
                message=(
                    f"这条问题与你在{_date_zh(other.meeting_date)}组织生活会上查摆的"
                    f"“{_quote(other.text)}”实质相同(说法不同,问题还是那个问题),"
                    "属于老问题翻来覆去提。"
                    "请说明上次整改为什么没有见效、这次有什么新的具体表现,或查摆新的问题。"
                ),
                reviewer_message=(
                    f"与该党员{_date_zh(other.meeting_date)}查摆的问题(编号{other.id}:"
                    f"“{_quote(other.text)}”)实质相同,请核实上次整改是否到位。"
                ),
                spans=match.spans,
                other_text=other.text,
                other_spans=match.other_spans,
                score=round(match.score, 3),
            )
        )
    if COPIED in best:
        match = best[COPIED]
        other = match.other
        findings.append(
            Finding(
                rule=COPIED,
                start=start,
                end=end,
                ref=other.id,
                message=(
                    "这条问题与本次会议另一名党员发言提纲中的问题高度相似,"
                    "可能存在轮流分配、千篇一律的情况。请对照自己的思想和工作实际,"
                    "写出自己身上的具体问题和事例。"
                ),
                reviewer_message=(
                    f"与{other.author}的问题(编号{other.id}:“{_quote(other.text)}”)"
                    "高度相似,请审核时核实是否存在轮流分配、吃“大锅饭”的情况。"
                ),
                spans=match.spans,
                other_text=other.text,
                other_spans=match.other_spans,
                score=round(match.score, 3),
            )
        )
    return findings


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def check_item(
    item: Item, corpus: Corpus | None = None, *, generic_phrases: Iterable[str] | None = None
) -> list[Finding]:
    """All findings for one item, sorted by position.

    Problems get ``recycled``/``copied`` (against ``corpus``) and ``boilerplate``; measures
    get ``vague`` and ``no_deadline``. ``generic_phrases`` are extra phrases for the
    boilerplate rule (the seed list always applies); ``None`` means the corpus's phrases.
    """
    if generic_phrases is None:
        phrases: tuple[str, ...] = corpus.generic_phrases if corpus is not None else ()
    else:
        phrases = tuple(generic_phrases)
    if corpus is not None and phrases == corpus.generic_phrases:
        matcher = corpus._matcher
    else:
        matcher = _PhraseMatcher(phrases)

    findings: list[Finding] = []
    if item.kind == "measure":
        compact, index = _normalize(item.text)
        findings.extend(_vague_findings(item, compact, index))
        findings.extend(_no_deadline_findings(item))
    elif item.kind == "problem":
        if corpus is not None and len(corpus):
            feats = corpus._features(item.text)
            findings.extend(_similarity_findings(item, feats, corpus))
            compact, index = feats.compact, feats.index
        else:
            compact, index = _normalize(item.text)
        findings.extend(_boilerplate_findings(item, compact, index, matcher))
    else:
        raise ValueError(f"unknown kind: {item.kind!r}")
    findings.sort(key=lambda f: (f.start, f.end, RULES.index(f.rule)))
    return findings


def check_items(
    items: Sequence[Item], *, generic_phrases: Iterable[str] = ()
) -> dict[str, list[Finding]]:
    """Check items only against each other (same author & earlier date → recycled, other
    author & same meeting → copied). Keys are item ids in input order; ids should be unique."""
    corpus = Corpus(items, generic_phrases=generic_phrases)
    return {item.id: check_item(item, corpus) for item in items}


# --------------------------------------------------------------------------------------------
# Learning generic phrases from a corpus
# --------------------------------------------------------------------------------------------


def learn_generic_phrases(
    items: Iterable[Item],
    *,
    min_authors: int = 5,
    min_len: int = 4,
    max_len: int = 12,
    limit: int = 200,
) -> list[str]:
    """Phrases that recur across at least ``min_authors`` distinct authors' problems.

    Character n-grams of ``min_len``..``max_len`` characters (normalised, never crossing
    punctuation, quotes or digits, never right next to a number) are counted once per author;
    an n-gram is kept when enough authors use it. Overlapping ``max_len`` windows of the same
    longer phrase are joined back into it. A phrase is dropped when it is only a piece of a
    longer kept phrase used by (almost) as many authors, or when it is itself concrete (a
    place or unit everybody in the branch mentions, such as "幸福里社区"). Returned most
    widely used first. Pass the result as ``generic_phrases`` to :class:`Corpus` or
    :func:`check_item`.
    """
    if min_len < 2 or max_len < min_len:
        raise ValueError("need 2 <= min_len <= max_len")
    by_author: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.kind != "problem":
            continue
        compact, _ = _normalize(item.text)
        for s, e, _ in _quoted_ranges(compact):
            compact = compact[:s] + "," * (e - s) + compact[e:]
        # A number with its measure word becomes "#": what touches it is a concrete example.
        compact = _NUMBER_RE.sub("#", compact)
        segments = re.split(f"[^#{_CJK}]+", compact)
        by_author[item.author.strip()].update(seg for seg in segments if len(seg) >= min_len)

    # Apriori over lengths: an n-gram is frequent only if both its (n-1)-grams are.
    # ``counts`` has every frequent n-gram; ``free`` those used often enough away from numbers.
    counts: dict[str, int] = {}
    free: set[str] = set()
    frequent_prev: set[str] | None = None
    for n in range(min_len, max_len + 1):
        authors_of: dict[str, int] = defaultdict(int)
        free_authors_of: dict[str, int] = defaultdict(int)
        for segments in by_author.values():
            seen: set[str] = set()
            seen_free: set[str] = set()
            for seg in segments:
                for i in range(len(seg) - n + 1):
                    g = seg[i : i + n]
                    if "#" in g:
                        continue
                    if frequent_prev is not None and (
                        g[:-1] not in frequent_prev or g[1:] not in frequent_prev
                    ):
                        continue
                    seen.add(g)
                    if seg[i - 1 : i] != "#" and seg[i + n : i + n + 1] != "#":
                        seen_free.add(g)
            for g in seen:
                authors_of[g] += 1
            for g in seen_free:
                free_authors_of[g] += 1
        frequent = {g for g, c in authors_of.items() if c >= min_authors}
        if not frequent:
            break
        counts.update((g, authors_of[g]) for g in frequent)
        free.update(g for g, c in free_authors_of.items() if c >= min_authors)
        frequent_prev = frequent

    # Windows of max_len that chain into a longer phrase are replaced by it.
    windows = {g: c for g, c in counts.items() if len(g) == max_len}
    for phrase, (count, chain) in _join_windows(windows).items():
        counts[phrase] = count
        if all(w in free for w in chain):
            free.add(phrase)
        for w in chain:
            if count >= 0.8 * counts[w]:
                free.discard(w)

    # Keep maximal phrases: drop g when a one-character extension of it (frequent, so
    # counted) is used by >= 80% of g's authors. That covers every longer phrase, since an
    # extension inside a longer phrase is used at least as often as the phrase.
    extensions: dict[str, int] = defaultdict(int)
    for g, c in counts.items():
        for sub in (g[1:], g[:-1]):
            extensions[sub] = max(extensions[sub], c)
    kept = [
        g
        for g in free
        if extensions.get(g, 0) < 0.8 * counts[g]
        and not all(c in _STOP_CHARS for c in g)
        and not _has_concrete_compact(g)  # a place or unit everybody mentions
    ]
    kept.sort(key=lambda g: (-counts[g], -len(g), g))
    return kept[:limit]


def _join_windows(windows: dict[str, int]) -> dict[str, tuple[int, list[str]]]:
    """Chain n-grams that overlap by n-1 characters (the sliding windows of one longer
    phrase) into that phrase. Returns phrase -> (smallest count along the chain, chain)."""
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for g in windows:
        by_prefix[g[:-1]].append(g)
    successor = {}
    for g, count in windows.items():
        nxt = [q for q in by_prefix.get(g[1:], ()) if windows[q] >= 0.8 * count]
        if len(nxt) == 1:
            successor[g] = nxt[0]
    has_predecessor = set(successor.values())
    joined = {}
    for g in windows:
        if g in has_predecessor or g not in successor:
            continue
        phrase, chain, cur = g, [g], g
        while cur in successor and successor[cur] not in chain:
            cur = successor[cur]
            chain.append(cur)
            phrase += cur[-1]
        joined[phrase] = (min(windows[w] for w in chain), chain)
    return joined


# --------------------------------------------------------------------------------------------
# JSON lines (the check_text command)
# --------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REQUIRED = ("id", "kind", "text", "author", "meeting_date")


def _parse_date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise ValueError(f"字段“{field}”应为 YYYY-MM-DD 格式的日期,实际是 {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"字段“{field}”不是有效日期:{value}") from None


def _parse_record(record: Any) -> Item:
    if not isinstance(record, dict):
        raise ValueError("每行应是一个 JSON 对象")
    missing = [f for f in _REQUIRED if f not in record]
    if missing:
        raise ValueError("缺少字段:" + "、".join(f"“{f}”" for f in missing))
    for f in ("id", "text", "author"):
        if not isinstance(record[f], str):
            raise ValueError(f"字段“{f}”应为字符串")
    if not record["id"]:
        raise ValueError("字段“id”不能为空")
    if record["kind"] not in KINDS:
        raise ValueError(f'字段“kind”应为 "problem" 或 "measure",实际是 {record["kind"]!r}')
    deadline = record.get("deadline")
    owner = record.get("owner")
    if owner is not None and not isinstance(owner, str):
        raise ValueError("字段“owner”应为字符串或 null")
    return Item(
        id=record["id"],
        kind=record["kind"],
        text=record["text"],
        author=record["author"],
        meeting_date=_parse_date(record["meeting_date"], "meeting_date"),
        deadline=None if deadline is None else _parse_date(deadline, "deadline"),
        owner=owner,
    )


def parse_jsonl(lines: Iterable[str]) -> tuple[list[Item], list[str]]:
    """Parse the command's input. Returns (items, errors); blank lines are skipped.

    Each error is a Chinese sentence naming the 1-based line number. Required fields: id,
    kind, text, author, meeting_date; optional: deadline (null when absent), owner.
    Duplicate ids are errors (the output is keyed by id).
    """
    items: list[Item] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.strip())
        except json.JSONDecodeError as exc:
            errors.append(f"第{lineno}行:不是有效的 JSON(第{exc.pos + 1}个字符处:{exc.msg})")
            continue
        try:
            item = _parse_record(record)
        except ValueError as exc:
            errors.append(f"第{lineno}行:{exc}")
            continue
        if item.id in seen:
            errors.append(f"第{lineno}行:编号“{item.id}”与第{seen[item.id]}行重复")
            continue
        seen[item.id] = lineno
        items.append(item)
    return items, errors


def finding_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Member-facing dicts (rule, start, end, ref, message) for JSON output."""
    return [f.as_dict() for f in findings]
