"""``manage.py check_text``: JSON lines in, one JSON line of findings out per input line.

No database: the command checks the lines only against each other.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def line(**fields) -> str:
    record = {"kind": "problem", "author": "张三", "meeting_date": "2025-12-19", "deadline": None}
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


def run(*lines: str) -> tuple[list[dict], str]:
    out, err = StringIO(), StringIO()
    call_command("check_text", stdin=StringIO("\n".join(lines) + "\n"), stdout=out, stderr=err)
    return [json.loads(raw) for raw in out.getvalue().splitlines()], err.getvalue()


def test_prints_one_result_per_line_in_input_order():
    results, err = run(
        line(id="m1", kind="measure", text="尽量抽时间加强理论学习。"),
        line(id="p1", text="在城东菜市场占道经营整治中,两次把协调会推给别人主持。"),
        line(id="m2", kind="measure", text="争取早日完成整改。", deadline="2026-03-31"),
    )
    assert err == ""
    assert [r["id"] for r in results] == ["m1", "p1", "m2"]
    m1 = results[0]["findings"]
    assert {f["rule"] for f in m1} == {"vague", "no_deadline"}
    vague = [f for f in m1 if f["rule"] == "vague"]
    assert [(f["start"], f["end"]) for f in vague] == [(0, 2), (2, 5), (5, 11)]
    assert set(m1[0]) == {"rule", "start", "end", "ref", "message"}
    assert results[1]["findings"] == []
    assert [f["rule"] for f in results[2]["findings"]] == ["vague", "vague"]  # deadline given


def test_output_is_utf8_json_not_escaped():
    out, err = StringIO(), StringIO()
    call_command(
        "check_text",
        stdin=StringIO(line(id="m", kind="measure", text="进一步压实责任。") + "\n"),
        stdout=out,
        stderr=err,
    )
    assert "进一步" in out.getvalue() and "\\u" not in out.getvalue()


def test_recycled_and_copied_are_found_among_the_lines_themselves():
    old = "落实“三会一课”制度不够严格,有2次支部委员会因人员不齐推迟召开。"
    new = "落实“三会一课”制度还不够严格,今年有两次支委会因人员不齐推迟召开。"
    mine = "为民服务意识不强,对群众反映的幸福里小区停车难问题,只是登记转办,没有跟踪办理结果。"
    theirs = "服务群众意识不够强,对幸福里小区居民反映的停车难问题仅作登记转办,没有跟踪办理结果。"
    results, _ = run(
        line(id="old", text=old, author="李娜", meeting_date="2024-12-26"),
        line(id="new", text=new, author="李娜"),
        line(id="mine", text=mine, author="陈静"),
        line(id="theirs", text=theirs, author="赵磊"),
    )
    by_id = {r["id"]: r["findings"] for r in results}
    assert by_id["old"] == []
    assert [(f["rule"], f["ref"]) for f in by_id["new"]] == [("recycled", "old")]
    assert [(f["rule"], f["ref"]) for f in by_id["mine"]] == [("copied", "theirs")]
    # The member-facing message is printed: it does not name the other member.
    assert "赵磊" not in by_id["mine"][0]["message"]


def test_bad_lines_are_all_reported_and_nothing_is_printed():
    out, err = StringIO(), StringIO()
    stdin = StringIO(
        "\n".join(
            [
                line(id="ok", text="理论学习不够深入。"),
                "{not json",
                json.dumps({"id": "x", "kind": "problem", "text": "t", "author": "张三"}),
                line(id="bad-date", text="t", meeting_date="2025-02-30"),
            ]
        )
    )
    with pytest.raises(CommandError, match="3 行无效"):
        call_command("check_text", stdin=stdin, stdout=out, stderr=err)
    assert out.getvalue() == ""
    errors = err.getvalue().splitlines()
    assert [e.split(":", 1)[0] for e in errors] == ["第2行", "第3行", "第4行"]
    assert "JSON" in errors[0]
    assert "meeting_date" in errors[1] and "缺少" in errors[1]
    assert "日期" in errors[2]


def test_empty_input_prints_nothing():
    results, err = run()
    assert results == [] and err == ""
