"""Benchmark of the draft checker (meetings.checker).

Builds 10,000 and 100,000 realistic-ish earlier problems (fragments combined deterministically
with ``random.Random(42)``), checks one draft of 10 problems + 10 measures against them, and
prints: the index build time, the first and the repeated per-draft check time, phrase learning
time; the per-rule precision/recall on the labelled set in tests/meetings/checker_cases.py —
the held-out half, what the checker was tuned on, and all; recycled on the held-out half with
parts of the method switched off; and, when jieba is installed, what word segmentation costs.

Run from the project root:  python bench/checker.py
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetings.checker import (  # noqa: E402
    COPIED,
    RECYCLED,
    RULES,
    Corpus,
    Item,
    check_item,
    check_items,
    learn_generic_phrases,
)
from tests.meetings.checker_cases import (  # noqa: E402
    CASES,
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
    HELD_OUT_6,
    HELD_OUT_7,
    HELD_OUT_8,
    HELD_OUT_9,
    HELD_OUT_10,
    HELD_OUT_11,
    HELD_OUT_12,
    HELD_OUT_13,
    HELD_OUT_14,
    HELD_OUT_ALL,
    TUNED,
    evaluate,
)

RUNS = 5
NOW = datetime.date(2025, 12, 19)

GENERIC = [
    "理论学习不够深入",
    "理论学习不够系统",
    "学用结合不够紧密",
    "思想认识不到位",
    "政治站位不够高",
    "工作作风不够扎实",
    "创新意识不强",
    "宗旨意识有所淡化",
    "担当精神不足",
    "斗争精神不强",
    "标准不够高",
    "纪律规矩意识有所松懈",
    "批评与自我批评开展得不够经常",
    "联系服务群众不够主动",
    "调查研究不够深入",
    "服务意识有待提高",
    "党性修养有待加强",
    "业务能力不强",
]
VAGUE_TAILS = [
    "满足于完成任务",
    "存在好人主义思想",
    "有时以工作忙为由放松学习",
    "习惯于按老办法、老经验办事",
    "遇到难题有畏难情绪",
    "对自己要求不够严格",
    "学习碎片化,浅尝辄止",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
PLACE_HEADS = [
    "幸福",
    "阳光",
    "和平",
    "东风",
    "新华",
    "滨河",
    "红旗",
    "建设",
    "光明",
    "团结",
    "振兴",
]
PLACE_TAILS = ["里社区", "花园小区", "村", "街道", "菜市场", "小学", "家园小区", "新村"]
TASKS = [
    "入户走访",
    "矛盾纠纷调解",
    "垃圾分类宣传",
    "消防安全检查",
    "防汛值班",
    "党费收缴",
    "志愿服务",
    "低保复核",
    "老旧小区改造",
    "加装电梯协调",
    "网格化管理",
    "河长制巡河",
    "食品安全检查",
    "信访接待",
    "疫苗接种动员",
    "困难群众帮扶",
    "主题党日",
    "集中学习",
]
FAILURES = [
    "有{n}次没有按要求做好记录",
    "{n}件群众诉求超期办结",
    "走访记录有{n}户是补填的",
    "只召开了{n}次座谈会,没有入户听取意见",
    "有{n}处问题到现在还没有整改",
    "因出差请假{n}次,事后没有补学",
    "群众反映的问题拖了{n}个月才解决",
    "被区里通报{n}次",
    "方案公示后有{n}户提出异议",
    "{n}名网格员没有按时上报情况",
]
MEASURES = [
    "尽量抽时间加强理论学习,进一步提高政治站位。",
    "2026年6月底前,通读《习近平谈治国理政》第五卷,每月交流1次心得。",
    "力争在年底前完成包联社区3处破损路灯的维修。",
    "逐步建立健全联系服务群众长效机制。",
    "本季度内完成辖区43家小餐饮店燃气安全入户检查,确保不漏一户。",
    "努力提升业务能力,适当增加下基层调研次数。",
    "在下次组织生活会前,把本次查摆的5个问题整改情况逐一向支部报告。",
    "对分管科室的请销假制度执行情况开展一次专项检查。",
    "3个月内对联系的12户困难群众逐户走访一遍,建立走访台账。",
    "争取早日完成整改。",
]


def make_problem(rng: random.Random) -> str:
    if rng.random() < 0.3:  # pure boilerplate
        parts = rng.sample(GENERIC, 2) + [rng.choice(VAGUE_TAILS)]
        return ",".join(parts) + "。"
    place = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
    failure = rng.choice(FAILURES).format(n=rng.randint(2, 30))
    month = rng.randint(1, 12)
    return f"{rng.choice(GENERIC)},{month}月在{place}{rng.choice(TASKS)}工作中,{failure}。"


def make_corpus(rng: random.Random, n: int) -> list[Item]:
    """``n`` earlier problems of a county: branches of 20 members, about 15 problems per
    member over the years, each meeting identified (branch, date)."""
    members = max(20, n // 15)
    authors = [
        f"{rng.choice(SURNAMES)}{rng.choice('明华强伟芳丽军静磊涛敏凯燕超')}{i}"
        for i in range(members)
    ]
    items = []
    for i in range(n):
        a = rng.randrange(members)
        date = datetime.date(rng.randint(2015, 2024), 12, 10 + a // 20 % 18)
        items.append(
            Item(
                f"e{i}",
                "problem",
                make_problem(rng),
                authors[a],
                date,
                meeting=f"b{a // 20}-{date.year}",
            )
        )
    # this year's meeting of branch 0: the other members have handed in their drafts
    for i in range(100):
        a = 1 + i % 19
        items.append(Item(f"s{i}", "problem", make_problem(rng), authors[a], NOW, meeting="b0-now"))
    return items


def make_draft(rng: random.Random, corpus: list[Item]) -> list[Item]:
    author = corpus[0].author
    own_earlier = [i for i in corpus if i.author == author]
    draft = []
    for n in range(10):
        if n < 2 and own_earlier:  # two recycled problems, reworded
            text = own_earlier[n % len(own_earlier)].text.replace("不够", "还不够", 1)
        else:
            text = make_problem(rng)
        draft.append(Item(f"d{n}", "problem", text, author, NOW, meeting="b0-now"))
    for n, text in enumerate(MEASURES):
        draft.append(Item(f"m{n}", "measure", text, author, NOW, meeting="b0-now"))
    return draft


def timed(fn):
    """(result, seconds). Seconds of this process's CPU: the machine the figures come from is
    shared, so wall-clock time measures the neighbours too (printed once, below, for scale)."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def speed(n: int) -> None:
    rng = random.Random(42)
    earlier = make_corpus(rng, n)
    draft = make_draft(rng, earlier)
    wall = time.perf_counter()
    corpus, build_s = timed(lambda: Corpus(earlier))
    findings, cold_s = timed(lambda: [check_item(item, corpus) for item in draft])
    wall = time.perf_counter() - wall
    warm = [timed(lambda: [check_item(i, corpus) for i in draft])[1] for _ in range(RUNS)]
    fired = {rule: sum(f.rule == rule for fs in findings for f in fs) for rule in RULES}
    print(
        f"{n:>8,} earlier problems: index build {build_s * 1000:7.1f} ms; one draft "
        f"(10 problems + 10 measures) first check {cold_s * 1000:6.1f} ms, again (median of "
        f"{RUNS}) {statistics.median(warm) * 1000:6.1f} ms; build + first check "
        f"{(build_s + cold_s) * 1000:7.1f} ms CPU ({wall * 1000:.0f} ms wall-clock)"
    )
    print(f"          findings {fired}")


def scores_table(title: str, cases, results) -> None:
    scores, mistakes = evaluate(cases, results=results)
    print(f"{title}: {len(cases)} cases")
    for rule in RULES:
        s = scores[rule]
        print(
            f"  {rule:12} precision {s.precision:.3f}  recall {s.recall:.3f}"
            f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})"
        )
    for m in mistakes:
        print("    mistake:", m)


def variants(results_of) -> None:
    """Recycled and copied with parts of the method switched off or swapped (measure and
    choose): no synonym table, unweighted, no single characters, long shared terms counted
    in full, and — when jieba is installed — jieba words instead of character bigrams."""
    import meetings.checker as c

    original_substance = c._substance

    def no_concepts(compact):
        return iter(())

    def no_pairs(feats, other):
        return []

    def unweighted(self):
        return lambda f: (
            c.CONCEPT_WEIGHT if f[0] == "#" else (c.UNIGRAM_WEIGHT if f[0] == "~" else 1.0)
        )

    def one_group_per_word(compact, generic):
        first = {w: g[:1] for w, g in c.FAILING_OF_WORD.items()}
        saved = dict(c.FAILING_OF_WORD)
        c.FAILING_OF_WORD.update(first)
        try:
            return original_thesaurus(compact, generic)
        finally:
            c.FAILING_OF_WORD.update(saved)

    original_thesaurus = c._work_area_and_failing

    def no_characters(compact, generic):
        return {f: v for f, v in original_substance(compact, generic).items() if f[0] != "~"}

    rows = [
        ("chosen: synonyms + rarity-weighted grams + area & failing", {}),
        ("no domain thesaurus (work area & failing)", {"_same_area_and_failing": no_pairs}),
        (
            "work areas counted, not weighed (before issue 16)",
            {"_same_area_and_failing": _areas_counted},
        ),
        (
            "a word in two failings counts as its first",
            {"_work_area_and_failing": one_group_per_word},
        ),
        ("no synonym table", {"_concepts_in": no_concepts}),
        ("unweighted (no rarity weights)", {"Corpus._weights": unweighted}),
        ("no single characters", {"_substance": no_characters}),
        ("long shared terms counted in full (no run discount)", {"CHAIN_DISCOUNT": 1.0}),
    ]
    jieba_patch = _jieba_patch(c, original_substance)
    if jieba_patch:
        rows.append(("jieba words instead of character bigrams", jieba_patch))
    for label, patch in rows:
        saved = {}
        for name, value in patch.items():
            owner, attr = (c.Corpus, name[7:]) if name.startswith("Corpus.") else (c, name)
            saved[(owner, attr)] = getattr(owner, attr)
            setattr(owner, attr, value)
        try:
            results = results_of()
        finally:
            for (owner, attr), value in saved.items():
                setattr(owner, attr, value)
        line = f"  {label:54}"
        for name, cases in (
            ("tuned", TUNED),
            ("held-out", HELD_OUT_ALL),
            ("HO5", HELD_OUT_5),
            ("HO6", HELD_OUT_6),
            ("HO7", HELD_OUT_7),
            ("HO8", HELD_OUT_8),
            ("HO9", HELD_OUT_9),
            ("HO10", HELD_OUT_10),
            ("HO11", HELD_OUT_11),
            ("HO12", HELD_OUT_12),
            ("HO13", HELD_OUT_13),
            ("HO14", HELD_OUT_14),
        ):
            line += f"  {name}"
            for rule in (RECYCLED, COPIED):
                s = evaluate(cases, results=results)[0][rule]
                line += f" {rule[:4]} P {s.precision:.2f} R {s.recall:.2f}"
        print(line)


def _areas_counted(feats, other):
    """The area & failing rule as it was before issue 16: the shared work areas at least half
    of the distinct (non-broad) areas the two name, however often each is named."""
    from meetings.thesaurus import BROAD_AREAS  # noqa: PLC0415

    mine, theirs = feats.areas.keys() - BROAD_AREAS, other.areas.keys() - BROAD_AREAS
    areas = mine & theirs
    failings = feats.failings.keys() & other.failings.keys()
    if not areas or not failings or len(areas) < 0.5 * len(mine | theirs):
        return []
    return [*("@" + a for a in sorted(areas)), *("!" + f for f in sorted(failings))]


def _jieba_patch(c, original_substance):
    """Substance features with jieba's words (2+ characters, outside what does not count)
    in place of character bigrams; concepts and single characters kept. None without jieba."""
    try:
        import jieba  # noqa: PLC0415
    except ImportError:
        return None
    jieba.setLogLevel(60)

    def words_substance(compact, generic):
        base = original_substance(compact, generic)
        found = {f: v for f, v in base.items() if f[0] in "#~"}
        kept = {v[0][0] for f, v in base.items() if f[0] == "~"}
        pos = 0
        for word in jieba.lcut(compact):
            span = (pos, pos + len(word))
            pos += len(word)
            if len(word) >= 2 and all(i in kept for i in range(*span)):
                found.setdefault(word, []).append(span)
        return found

    def df_keys(compact):
        keys = {w for w in jieba.lcut(compact) if len(w) >= 2}
        keys.update("~" + ch for ch in compact)
        keys.update("#" + name for name, _ in c._concepts_in(compact))
        return keys

    return {"_substance": words_substance, "_df_keys": df_keys}


def jieba_measure() -> None:
    """Word segmentation (jieba) instead of character bigrams: its dictionary load and its
    speed. Skipped when jieba is not installed (it is not a dependency)."""
    try:
        start = time.perf_counter()
        import jieba  # noqa: PLC0415
    except ImportError:
        print("  jieba not installed: skipped (pip install jieba to measure)")
        return
    jieba.setLogLevel(60)
    imported = time.perf_counter() - start
    _, load_s = timed(jieba.initialize)
    texts = [c.item.text for c in CASES if c.item.kind == "problem"]
    _, seg_s = timed(lambda: [jieba.lcut(t) for t in texts])
    from meetings.checker import _Features  # noqa: PLC0415

    _, ngram_s = timed(lambda: [_Features(t, None) for t in texts])
    print(
        f"  jieba: import {imported * 1000:.0f} ms, dictionary load {load_s * 1000:.0f} ms, "
        f"segmentation {seg_s / len(texts) * 1e6:.0f} µs per problem; this checker's "
        f"features (normalise, generic phrases, synonyms, bigrams) "
        f"{ngram_s / len(texts) * 1e6:.0f} µs per problem"
    )


def coincidences() -> None:
    """A precision check with no labels: pairs of problems by *different* members (nearly all
    different problems) that ``recycled``'s area & failing rule would call the same, beyond
    those its score already matches — how often the coarse rule fires by coincidence."""
    import itertools  # noqa: PLC0415

    import meetings.checker as c  # noqa: PLC0415

    problems = [case.item for case in CASES if case.item.kind == "problem"]
    corpus = Corpus(problems)
    weight = corpus._weights()
    feats = {p.id: c._Features(p.text, None) for p in problems}
    rule = c._same_area_and_failing
    pairs = score_only = area_only = counted_only = 0
    try:
        for a, b in itertools.combinations(problems, 2):
            if a.author == b.author:
                continue
            pairs += 1
            c._same_area_and_failing = rule
            by_area = bool(rule(feats[a.id], feats[b.id]))
            c._same_area_and_failing = lambda *_: []
            by_score = bool(c._recycled_match(feats[a.id], feats[b.id], weight)[0])
            score_only += by_score
            area_only += by_area and not by_score
            counted_only += bool(_areas_counted(feats[a.id], feats[b.id])) and not by_score
    finally:
        c._same_area_and_failing = rule
    print(
        f"  different members' problem pairs: {pairs:,}; matched by the score "
        f"{score_only} ({score_only / pairs:.2%}), by area & failing alone {area_only} "
        f"({area_only / pairs:.2%}) — per new problem against 15 earlier ones about "
        f"{15 * (score_only + area_only) / pairs:.0%} chance of a coincidental match"
    )
    print(
        f"  (with the work areas counted, not weighed, as before issue 16: by area & failing "
        f"alone {counted_only} ({counted_only / pairs:.2%}))"
    )


def main() -> None:
    print("== speed (one draft against N earlier problems; build = grouping + rarity weights; CPU)")
    for n in (10_000, 100_000):
        speed(n)

    rng = random.Random(42)
    earlier = make_corpus(rng, 10_000)
    phrases, learn_s = timed(lambda: learn_generic_phrases(earlier, min_authors=20))
    print(
        f"learn_generic_phrases on 10,000: {learn_s * 1000:.1f} ms, {len(phrases)} phrases, "
        f"e.g. {phrases[:5]}"
    )

    print("\n== labelled set (all cases checked together, as check_text does)")

    def results_of():
        return check_items([c.item for c in CASES])

    results = results_of()
    scores_table("held-out half (HELD_OUT + HELD_OUT_2 … HELD_OUT_14)", HELD_OUT_ALL, results)
    scores_table(
        "  of which HELD_OUT_14 (by a writer who had read neither the checker nor any case; the "
        "blind batch for the recycled pair model)",
        HELD_OUT_14,
        results,
    )
    scores_table(
        "  of which HELD_OUT_13 (by a writer who had read neither the checker nor any case; "
        "measured once, after every change, never studied)",
        HELD_OUT_13,
        results,
    )
    scores_table(
        "  of which HELD_OUT_12 (by a writer who had read neither the checker nor any case; the "
        "blind batch for the boilerplate change after HELD_OUT_11)",
        HELD_OUT_12,
        results,
    )
    scores_table(
        "  of which HELD_OUT_11 (by a writer who had read neither the checker nor any case; the "
        "blind batch for recycled by meaning, a rule not taken; studied for boilerplate)",
        HELD_OUT_11,
        results,
    )
    scores_table(
        "  of which HELD_OUT_10 (standard headings, by a writer who had read neither the checker "
        "nor any case; measured once, after every change, never studied)",
        HELD_OUT_10,
        results,
    )
    scores_table(
        "  of which HELD_OUT_9 (by a writer who had read neither the checker nor any case; the "
        "blind batch for the copied and boilerplate changes after HELD_OUT_8)",
        HELD_OUT_9,
        results,
    )
    scores_table(
        "  of which HELD_OUT_8 (by a writer who had read neither the checker nor any case; blind "
        "for a lexicon of 1,136 failing words, not taken; studied for the copied and boilerplate "
        "changes)",
        HELD_OUT_8,
        results,
    )
    scores_table(
        "  of which HELD_OUT_7 (the blind batch in common settings: written and committed before "
        "the change that followed)",
        HELD_OUT_7,
        results,
    )
    scores_table(
        "  of which HELD_OUT_6 (the blind batch for issue 16: written and committed before the "
        "change)",
        HELD_OUT_6,
        results,
    )
    scores_table(
        "  of which HELD_OUT_5 (the blind batch: written and committed before the domain "
        "thesaurus, by its author)",
        HELD_OUT_5,
        results,
    )
    scores_table(
        "  of which HELD_OUT_4 (written before the thesaurus by someone else; its texts never "
        "read while writing it)",
        HELD_OUT_4,
        results,
    )
    scores_table(
        "  of which HELD_OUT + HELD_OUT_2 + HELD_OUT_3 (their misses were studied as classes)",
        HELD_OUT + HELD_OUT_2 + HELD_OUT_3,
        results,
    )
    scores_table("tuned on (the earlier cases + TUNE + TUNE_2 + TUNE_3)", TUNED, results)
    scores_table("all", CASES, results)
    print(
        "\n== measure and choose: recycled and copied, tuned-on cases, held-out half, HELD_OUT_5, "
        "HELD_OUT_6 … HELD_OUT_14"
    )
    jieba_measure()  # first: it times jieba's import and dictionary load
    variants(results_of)
    coincidences()


if __name__ == "__main__":
    main()
