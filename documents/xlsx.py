"""Every .xlsx export goes through here, so each one prints and reads the same way.

Example (a whole export)::

    from documents.xlsx import Cell, Column, Table, title_line, xlsx_bytes

    content = xlsx_bytes(
        Table(
            sheet="整改台账",
            title=title_line(org=branch.name, what="整改台账", as_of=today),
            columns=["序号", "问题", Column("整改时限", max_width=14)],
            rows=[[1, "理论学习不够", datetime.date(2026, 6, 30)],
                  [2, "=HYPERLINK(…)", Cell(datetime.date(2026, 7, 1), fill="F8D7DA")]],
        ),
        title="A支部整改台账",  # the file's document title (optional)
    )

What every sheet gets:

- row 1: the title (``title_line``: the organization, what the table is, "截至 <date>"),
  merged across the table; row 2: the header, bold, repeated at the top of every printed page
  (print titles) and frozen on screen; the rows follow from row 3;
- A4 landscape, fitted to one page wide (as many pages tall as needed), page numbers in
  the footer, thin borders, wrapped text aligned to the top;
- column widths fitted to the longest line of each column (a CJK character counts as two),
  between ``Column.min_width`` and ``Column.max_width``; when the columns together are wider
  than a landscape page, the widest ones give way first (their text wraps);
- ``datetime.date`` / ``datetime.datetime`` values are written as dates (yyyy-mm-dd), numbers
  as numbers; ``Cell(value, note=...)`` keeps a date a date and shows a note after it;
- every ``str`` is written as text (``write_cell``): a text starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a line break (or ``＝ ＋ － ＠``) is stored as a string with Excel's
  "quote prefix", so neither Excel, WPS nor LibreOffice turns it into a formula — not on
  opening, not when the cell is edited. Control characters a workbook cannot hold are dropped.

Reading a file back (the roster import): the header is row 2; ``HEADER_ROW`` says so.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3

# Characters that make a spreadsheet read a cell as a formula (or as DDE), in ASCII and in
# their full-width forms (WPS reads "＝" as "=" when a cell is edited).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# What a workbook cannot store (XML 1.0 forbids them); a tab and line breaks stay.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# A4 landscape: 297 mm less 2 × 10 mm margins ≈ 150 units of Excel's column width (the width
# of a "0" in Calibri 11, ≈ 1.85 mm). Columns wider than this together are narrowed first.
PAGE_WIDTH_UNITS = 150
PADDING = 2
SHORT = 24  # a column this narrow is never narrowed to fit the page
# Row heights are set from the wrapped text (LibreOffice keeps the default height of a row
# that has none): a CJK character of 11 pt takes ≈ 2 width units in Excel (≈ 1.5 in LibreOffice),
# a line ≈ 15 pt: the estimate errs towards room to spare.
WIDE = 2.0
LINE_POINTS = 15

_WIDE_CLASSES = frozenset(("W", "F"))  # unicodedata.east_asian_width: wide, full-width

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")


@dataclass(frozen=True)
class Column:
    """A column: its header and, optionally, width bounds (Excel units, ≈ one Latin char)."""

    header: str
    min_width: float = 6
    max_width: float = 60
    width: float | None = None  # a fixed width instead of the fitted one


@dataclass(frozen=True)
class Cell:
    """A value with its own look: ``note`` is shown after a date or number (the value stays
    a date, sortable), ``fill`` is a background colour (``"F8D7DA"``), ``bold``."""

    value: object
    note: str = ""
    fill: str | None = None
    bold: bool = False


@dataclass
class Table:
    """One sheet: ``sheet`` is the tab's name, ``title`` the title row (see ``title_line``),
    ``columns`` headers or ``Column``s, ``rows`` sequences of values or ``Cell``s."""

    sheet: str
    title: str
    columns: Sequence[str | Column]
    rows: Iterable[Sequence[object]] = field(default_factory=list)


# --- text ------------------------------------------------------------------------------------


def _wide_count(line: str) -> int:
    """How many wide (CJK, full-width) characters ``line`` has."""
    if line.isascii():
        return 0
    width = unicodedata.east_asian_width
    return sum(1 for ch in line if width(ch) in _WIDE_CLASSES)


def display_width(text: str) -> int:
    """The width of the longest line, a wide (CJK, full-width) character counting two."""
    return max(len(line) + _wide_count(line) for line in str(text).splitlines() or [""])


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula if it were typed into a cell?"""
    return text.lstrip(" ")[:1] in FORMULA_STARTS or text[:1] in FORMULA_STARTS


def safe_text(value: object) -> str:
    """User text as a workbook can hold it (control characters dropped). Writing it with
    ``write_cell`` is what keeps it from becoming a formula."""
    return _ILLEGAL.sub("", str(value))


def title_line(*, org: str, what: str, as_of: datetime.date, note: str = "") -> str:
    """The title row: "A支部 整改台账(截至 2026年12月2日)", with an optional note."""
    if isinstance(as_of, datetime.datetime):
        as_of = timezone.localtime(as_of).date() if timezone.is_aware(as_of) else as_of.date()
    when = _("截至 %(y)d年%(m)d月%(d)d日") % {"y": as_of.year, "m": as_of.month, "d": as_of.day}
    text = f"{org} {what}({when}" + (f" · {note}" if note else "") + ")"
    return text.strip()


# --- cells -----------------------------------------------------------------------------------


def _naive(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


class _Styles:
    """A sheet's cell styles, each made once and then copied (a plain array of indexes).
    openpyxl looks a style up by hashing it whenever one is assigned: assigned cell by cell,
    that was most of an export's time."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.made: dict[tuple, StyleArray] = {}

    def get(self, role: str, number_format: str | None, fill, bold, quote: bool) -> StyleArray:
        key = (role, number_format, fill, bold, quote)
        style = self.made.get(key)
        if style is None:
            cell = XlCell(self.ws, row=1, column=1)
            if role == "title":
                cell.font = Font(bold=True, size=14)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif role == "header":
                cell.font = Font(bold=True)
                cell.fill = _HEADER_FILL
                cell.border = _BORDER
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            else:
                cell.border = _BORDER
                cell.alignment = _WRAP
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            if bold:
                cell.font = Font(bold=True)
            if number_format:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            style = self.made[key] = cell._style
        return style


def write_cell(
    ws: WriteOnlyWorksheet, styles: _Styles, value: object, role: str = "body"
) -> XlCell:
    """One value as a cell to append, formula-safe: a ``str`` is always stored as text (with
    the quote prefix when it looks like a formula); dates as dates; ``None`` as an empty
    cell. ``role`` is the look: ``"title"``, ``"header"`` or ``"body"``."""
    fill = bold = None
    note = ""
    if isinstance(value, Cell):
        fill, bold, note = value.fill, value.bold or None, value.note.replace('"', "'")
        value = value.value
    number_format = None
    text = None
    quote = False
    if value is None:
        pass
    elif isinstance(value, bool):
        text = _("是") if value else _("否")
    elif isinstance(value, datetime.datetime):
        value = _naive(value)
        number_format = DATETIME_FORMAT + (f'"{note}"' if note else "")
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT + (f'"{note}"' if note else "")
    elif isinstance(value, int | float):
        if note:
            number_format = f'General"{note}"'
    else:
        text = safe_text(value) + note
        quote = is_formula_like(text)  # Excel/WPS/LibreOffice keep it text when it is edited
    cell = XlCell(ws, 1, 1, style_array=styles.get(role, number_format, fill, bold, quote))
    if text is not None:
        cell._value = text  # openpyxl would take "=…" for a formula if it were assigned …
        cell.data_type = "s"  # … so it is stored as text, whatever the text is
    elif value is not None:
        cell.value = value
    return cell


def _shown(value: object) -> str:
    """The text a cell shows, for fitting its column."""
    note = ""
    if isinstance(value, Cell):
        note, value = value.note, value.value
    if value is None:
        return note
    if isinstance(value, datetime.datetime):
        return "0000-00-00 00:00" + note
    if isinstance(value, datetime.date):
        return "0000-00-00" + note
    return str(value) + note


def _fit(columns: Sequence[Column], shown: Sequence[Sequence[str]]) -> list[float]:
    """The columns' widths for the texts the cells show (``_shown``), row by row."""
    natural = []
    for i, col in enumerate(columns):
        if col.width is not None:
            natural.append(col.width)
            continue
        longest = max(
            [display_width(col.header)] + [display_width(r[i]) for r in shown if i < len(r)]
        )
        natural.append(min(col.max_width, max(col.min_width, longest + PADDING)))
    # Too wide for a landscape page: the short columns keep their width (they stay on one
    # line), the long ones share what is left in proportion, never below their header's width
    # or their minimum; fitToWidth scales whatever is still too wide.
    if sum(natural) <= PAGE_WIDTH_UNITS:
        return natural
    fixed = [c.width is not None or w <= SHORT for c, w in zip(columns, natural, strict=True)]
    room = PAGE_WIDTH_UNITS - sum(w for w, f in zip(natural, fixed, strict=True) if f)
    long_total = sum(w for w, f in zip(natural, fixed, strict=True) if not f)
    widths = []
    for col, width, keep in zip(columns, natural, fixed, strict=True):
        if keep:
            widths.append(width)
        else:
            floor = max(col.min_width, min(display_width(col.header) + PADDING, SHORT))
            widths.append(max(floor, round(width * room / long_total, 1)))
    return widths


def _line_count(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (overestimated
    slightly, so nothing is cut)."""
    room = max(width - 1, 1)
    count = 0
    for line in text.splitlines() or [""]:
        if len(line) + (WIDE - 1) * _wide_count(line) <= room:  # fits on one line
            count += 1
            continue
        lines, used = 1, 0.0
        for ch in line:
            w = WIDE if unicodedata.east_asian_width(ch) in _WIDE_CLASSES else 1.0
            if used + w > room:
                lines, used = lines + 1, 0.0
            used += w
        count += lines
    return count


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", " ", safe_text(name)).strip() or "Sheet"
    clean = clean[:31]
    base, n = clean, 2
    while clean in taken:
        suffix = f"({n})"
        clean = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(clean)
    return clean


def add_table(wb: Workbook, table: Table) -> WriteOnlyWorksheet:
    """Add ``table`` as a sheet of the write-only workbook ``wb``: the layout first (widths,
    heights, panes, print setup — a streamed sheet writes them ahead of its rows), then the
    rows, appended once each."""
    ws = wb.create_sheet(_sheet_name(table.sheet, {s.title for s in wb.worksheets}))
    columns = [c if isinstance(c, Column) else Column(str(c)) for c in table.columns]
    rows = [list(r) for r in table.rows]
    n = max(len(columns), 1)
    shown = [[_shown(v) for v in row] for row in rows]

    widths = _fit(columns, shown)
    for j, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = width
    # The title (14 pt: ≈ 1.3 times as wide and tall as the body) across the whole table.
    title_lines = _line_count(safe_text(table.title), sum(widths) / 1.3)
    ws.row_dimensions[TITLE_ROW].height = title_lines * LINE_POINTS * 1.3 + 8
    header_lines = max(_line_count(c.header, w) for c, w in zip(columns, widths, strict=True))
    ws.row_dimensions[HEADER_ROW].height = header_lines * LINE_POINTS + 4
    for i, texts in enumerate(shown, FIRST_ROW):
        lines = max(
            [1] + [_line_count(t, w) for t, w in zip(texts, widths, strict=False) if t != ""]
        )
        ws.row_dimensions[i].height = lines * LINE_POINTS + 4

    if n > 1:
        ws.merged_cells.add(CellRange(min_row=TITLE_ROW, min_col=1, max_row=TITLE_ROW, max_col=n))
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.HeaderFooter.oddFooter.center.text = _("第 &P 页,共 &N 页")

    styles = _Styles(ws)
    ws.append([write_cell(ws, styles, table.title, "title")])
    ws.append([write_cell(ws, styles, c.header, "header") for c in columns])
    blank = [None] * n
    for row in rows:
        if len(row) < n:
            row = row + blank[len(row) :]
        ws.append([write_cell(ws, styles, v) for v in row[:n]])
    return ws


def xlsx_bytes(*tables: Table, title: str = "") -> bytes:
    """The workbook holding ``tables`` (one sheet each, in order), as bytes. Written
    streaming (openpyxl's write-only workbook): each row once, no cell kept."""
    wb = Workbook(write_only=True)
    for table in tables:
        add_table(wb, table)
    if not tables:
        wb.create_sheet("Sheet")
    if title:
        wb.properties.title = safe_text(title)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
