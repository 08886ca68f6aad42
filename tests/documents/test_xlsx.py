"""documents.xlsx: every text stays text (formula injection), the print setup, the widths —
and the ledger with 50 items rendered by LibreOffice: every column of each row on one page,
no text cut."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from documents.xlsx import FORMULA_STARTS, Cell, Column, Table, display_width, xlsx_bytes
from rectification.exports_ledger import ledger_headers, ledger_xlsx
from rectification.selectors.ledger import ExportRow
from tests.documents.render import squash, to_csv, to_pdf

INJECTIONS = [
    '=HYPERLINK("http://evil.example","名")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(1)",
    "=cmd|' /C calc'!A0",
]


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_text_that_looks_like_a_formula_is_stored_as_text():
    content = xlsx_bytes(Table("s", "t", ["文本"], [[text] for text in INJECTIONS]))
    sheet = _sheet(content)
    cells = [sheet.cell(row=3 + i, column=1) for i in range(len(INJECTIONS))]
    assert [c.value for c in cells] == INJECTIONS  # unchanged: an export imports again
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)  # stays text when edited in Excel / WPS
    assert set(FORMULA_STARTS) >= {t[0] for t in INJECTIONS}


def test_texts_side_by_side_in_a_row_are_each_written_as_themselves():
    """A row of plain texts next to a formula-like one (after spaces too) and one with the
    characters XML escapes: each cell is its own text, only the formula-like ones marked."""
    rows = [["甲", " =1+1", 'a&b<c>"d"'], ["乙", "@x", "丙"], ["", "丁", "  "]]
    sheet = _sheet(xlsx_bytes(Table("s", "t", ["a", "b", "c"], rows)))
    shown = [[c.value or "" for c in r] for r in sheet.iter_rows(min_row=3)]
    assert shown == rows
    prefixed = {c.coordinate for r in sheet.iter_rows(min_row=3) for c in r if c.quotePrefix}
    assert prefixed == {"B3", "B4"}


def test_dates_are_dates_and_numbers_numbers_and_control_characters_dropped():
    day = datetime.date(2026, 6, 30)
    content = xlsx_bytes(
        Table(
            "s", "t", ["a", "b", "c"], [[day, 7, "甲\x01乙"], [Cell(day, note="(原定)"), 1.5, ""]]
        )
    )
    sheet = _sheet(content)
    assert sheet["A3"].value == datetime.datetime(2026, 6, 30)
    assert sheet["A3"].number_format == "yyyy-mm-dd"
    assert sheet["A4"].number_format == 'yyyy-mm-dd"(原定)"'
    assert sheet["B3"].value == 7 and sheet["C3"].value == "甲乙"


def test_print_setup_title_header_and_widths():
    content = xlsx_bytes(
        Table(
            "台账",
            "A支部 整改台账(截至 2026年12月2日)",
            [Column("序号", max_width=6), "问题", "x"],
            [[1, "已计划未召开的党支部", "abc"]],
        )
    )
    sheet = _sheet(content)
    assert sheet["A1"].value.startswith("A支部 整改台账")
    assert "A1:C1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[2]] == ["序号", "问题", "x"]
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["B3"].alignment.wrap_text
    # the CJK label counts double: 10 characters → at least 20 units wide
    assert display_width("已计划未召开的党支部") == 20
    assert sheet.column_dimensions["B"].width >= 20


def _ledger_rows(n: int) -> list[ExportRow]:
    rows = []
    for i in range(1, n + 1):
        long = "联系服务群众不够深入,下基层调研次数少,对群众反映的问题跟踪解决不及时," * (1 + i % 3)
        rows.append(
            ExportRow(
                number=i,
                problem=f"问题P{i:02d}:{long}终P{i:02d}",
                measure=f"措施M{i:02d}:每月到联系村走访一次,建立问题台账,逐项销号,终M{i:02d}",
                owner=f"责任人O{i:02d}(牵头:甲书记)终O{i:02d}",
                deadline="",
                progress=f"进展G{i:02d}:进行中;最近进展(2026-05-01):已走访王家村终G{i:02d}",
                sign_off=f"销号S{i:02d}终S{i:02d}",
                overdue=i % 5 == 0,
                due=datetime.date(2026, 6, 30),
                due_note="(原定 2026-05-31)" if i % 4 == 0 else "",
            )
        )
    return rows


@pytest.mark.office
def test_the_ledger_with_50_items_prints_each_row_whole_on_one_page(tmp_path):
    rows = _ledger_rows(50)
    content = ledger_xlsx(rows, branch="城关镇机关第一党支部", as_of=datetime.date(2026, 12, 2))
    pdf = to_pdf(content, ".xlsx", tmp_path)
    assert pdf.size[0] > pdf.size[1] and round(pdf.size[0]) == 842  # A4 landscape
    assert len(pdf.pages) < 50  # not a page per column or per row
    for page in pdf.pages:  # the header on every page
        assert all(h in page for h in ledger_headers())
    for row in rows:
        n = row.number
        page = next(p for p in pdf.pages if f"问题P{n:02d}" in p)
        for mark in ("P", "M", "O", "G", "S"):
            # each column's text starts and ends on the row's page: no column on another
            # page, no text cut at a cell's edge (the end mark would be missing)
            assert f"{mark}{n:02d}" in page and f"终{mark}{n:02d}" in page, (n, mark)
        flat = squash(page)
        for text in (row.problem, row.measure, row.owner, row.progress, row.sign_off):
            assert _in_order(squash(text), flat), text  # every character printed, in order
        assert _in_order(squash("2026-06-30" + row.due_note), flat)  # the date, whole


def _in_order(needle: str, haystack: str) -> bool:
    """Wrapped lines of one cell are interleaved with its neighbours' in the text layer."""
    it = iter(haystack)
    return all(ch in it for ch in needle)


@pytest.mark.office
def test_libreoffice_shows_injected_text_and_computes_no_formula(tmp_path):
    content = xlsx_bytes(Table("s", "t", ["文本"], [[text] for text in INJECTIONS]))
    shown = to_csv(content, tmp_path)
    assert 'HYPERLINK(""http://evil.example"",""名"")' in shown  # the text, quoted as CSV
    assert "＝1+1" in shown and "@SUM(1,1)" in shown
    assert "\n2\n" not in shown  # "+1+1" was not computed
