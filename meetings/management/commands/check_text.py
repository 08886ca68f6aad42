"""``manage.py check_text``: run the draft checker over JSON lines from stdin.

Input, one JSON object per line::

    {"id": "p1", "kind": "problem", "text": "…", "author": "张三",
     "meeting_date": "2025-12-19", "deadline": null}

``deadline`` (YYYY-MM-DD or null) and ``owner`` (string, "" meaning missing) are optional.
Lines are checked only against each other, never against the database: an earlier
``meeting_date`` with the same author is "an earlier meeting", the same date with another
author is "the same meeting".

Output, one JSON line per input line, in input order (blank input lines are skipped)::

    {"id": "p1", "findings": [{"rule": "…", "start": 0, "end": 8, "ref": null, "message": "…"}]}

Messages are the member-facing ones (a ``copied`` finding never names the other member).

Bad input is all-or-nothing: if any line is invalid (not JSON, a missing field, a bad date, a
duplicate id), every bad line is reported on stderr with its line number, nothing is printed
on stdout and the command fails. Partial output would not line up with the input, and the
findings of the good lines could be wrong without the lines that were dropped.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from meetings.checker import check_items, finding_dicts, parse_jsonl


class Command(BaseCommand):
    help = "检查发言提纲中的问题和整改措施(从标准输入读取 JSON Lines,每行输出一个结果)。"
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        items, errors = parse_jsonl(stdin)
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"输入有 {len(errors)} 行无效,未输出任何检查结果。")
        results = check_items(items)
        for item in items:
            record = {"id": item.id, "findings": finding_dicts(results[item.id])}
            self.stdout.write(json.dumps(record, ensure_ascii=False))
