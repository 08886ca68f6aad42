"""A roster file cannot make the import read more than it will accept.

The outside probe uploaded a 516 KB .xlsx holding a million identical rows: the old import
read all of them (146 s, 564 MB) before answering "一次最多导入 2000 行". Now the zip's
declared uncompressed size and the sheet's declared dimension are checked before parsing,
and the rows are read streaming, stopping at the limit — whatever the file claims.
"""

from __future__ import annotations

import functools
import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.importing import MAX_ROWS, parse_roster
from members.models import Member
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
HEADERS = ("姓名", "性别", "入党日期")
TOO_MANY = f"一次最多导入 {MAX_ROWS} 行"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, values) -> str:
    cells = "".join(_cell(f"{col}{number}", v) for col, v in zip("ABC", values, strict=True))
    return f'<row r="{number}">{cells}</row>'


@functools.cache
def roster_xlsx(rows: int, *, dimension: str | None = "auto") -> bytes:
    """An .xlsx whose first sheet holds the headers and ``rows`` identical data rows,
    written streaming (a million rows compress to a few hundred KB, as in the probe)."""
    template = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info.filename))
        with target.open(SHEET, "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension == "auto":
                dimension = f"A1:C{rows + 1}"
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>" + _row(1, HEADERS).encode())
            # Rows and cells without their (optional) numbers: identical bytes, which is
            # how a million rows fit in a few hundred KB.
            cells = "".join(
                f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("张三", "男", "2010-07-01")
            )
            chunk = (f"<row>{cells}</row>" * 10_000).encode()
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(f"<row>{cells}</row>".encode() * (rows % 10_000))
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _measure(content: bytes):
    """parse_roster's answer, its time and the Python memory it took at its peak."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        try:
            result = parse_roster(content=content, filename="roster.xlsx")
        except ValidationError as exc:
            result = exc
        return result, time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_million_rows_in_half_a_megabyte_answer_at_once():
    content = roster_xlsx(1_000_000)
    assert len(content) < 2 * 1024 * 1024  # passes the upload form's size limit
    result, seconds, peak = _measure(content)
    assert isinstance(result, ValidationError)
    assert "解压后" in result.messages[0]
    assert seconds < 3, seconds
    assert peak < 10 * 1024 * 1024, peak


def test_a_declared_dimension_beyond_the_limit_is_refused_before_reading_rows():
    """A few rows that claim a million: the reader would pad up to the claim."""
    result, seconds, peak = _measure(roster_xlsx(3, dimension="A1:C1000001"))
    assert isinstance(result, ValidationError)
    assert "1000001 行" in result.messages[0] and TOO_MANY in result.messages[0]
    assert seconds < 3, seconds
    assert peak < 10 * 1024 * 1024, peak


@pytest.mark.parametrize("dimension", [None, "A1:C3"], ids=["no-dimension", "lying-dimension"])
def test_rows_past_the_limit_are_refused_whatever_the_dimension_says(dimension):
    """Without a dimension, or with one that claims three rows, the rows are still counted:
    the import stops at the limit instead of reading on — or silently dropping the rest."""
    result, _seconds, peak = _measure(roster_xlsx(MAX_ROWS + 500, dimension=dimension))
    assert isinstance(result, ValidationError), "rows were dropped or read past the limit"
    assert TOO_MANY in result.messages[0]
    assert peak < 10 * 1024 * 1024, peak


def test_the_limit_itself_is_accepted_and_blank_rows_do_not_count():
    rows = parse_roster(content=roster_xlsx(MAX_ROWS), filename="roster.xlsx")
    assert len(rows) == MAX_ROWS and rows[0]["name"] == "张三"
    body = "姓名,性别,入党日期\n" + "张三,男,2010-07-01\n" * MAX_ROWS + ",,\n" * 300
    assert len(parse_roster(content=body.encode(), filename="roster.csv")) == MAX_ROWS


def test_csv_past_the_limit_is_refused_while_reading():
    body = "姓名,性别,入党日期\n" + "张三,男,2010-07-01\n" * 100_000
    started = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        parse_roster(content=body.encode(), filename="roster.csv")
    assert TOO_MANY in exc.value.messages[0]
    assert time.monotonic() - started < 3


def test_the_page_answers_the_probe_quickly_in_chinese(client, org_tree):
    secretary = MemberFactory(branch=org_tree["a"], name="书记", position="secretary")
    client.force_login(secretary.user)
    content = roster_xlsx(1_000_000)
    before = Member.objects.count()
    started = time.monotonic()
    response = client.post(
        reverse("members:roster-import", kwargs={"branch_pk": org_tree["a"].pk}),
        {"file": SimpleUploadedFile("roster.xlsx", content)},
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    body = response.content.decode()
    assert "文件解压后超过" in body
    assert 'name="token"' not in body
    assert Member.objects.count() == before
