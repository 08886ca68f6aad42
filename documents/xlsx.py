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

How it is written: the SpreadsheetML parts (workbook, styles, one XML part per sheet) are
written here as text and zipped (deflate level 1), each cell's XML once, each cell format made
once per workbook — what openpyxl wrote before, cell for cell (the same values, types, number
formats, fonts, fills, borders, alignment, widths, heights, merged title, frozen panes, print
titles and page setup), at a tenth of the CPU time: openpyxl spent most of an export on
per-cell objects and style look-ups (bench/xlsx_build.py; issue 21). openpyxl still reads
(the roster import, the tests).

Reading a file back (the roster import): the header is row 2; ``HEADER_ROW`` says so.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3

# Characters that make a spreadsheet read a cell as a formula (or as DDE), in ASCII and in
# their full-width forms (WPS reads "＝" as "=" when a cell is edited).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# What a workbook cannot store (XML 1.0 forbids them); a tab and line breaks stay.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A text whose first character is none of these is not formula-like (see is_formula_like).
_RISKY_FIRST = frozenset((*FORMULA_STARTS, " "))

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
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # beyond the Basic Multilingual Plane

_HEADER_FILL = "E9ECEF"
# Deflate's fastest level: the parts are a few hundred kB of repetitive XML at most, and level 1
# packs them within a few per cent of the default level for a fraction of its time.
ZIP_LEVEL = 1
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


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


@functools.cache
def _wide_bmp() -> re.Pattern[str]:
    """The wide and full-width characters of the Basic Multilingual Plane as one character
    class, from ``unicodedata`` (built once per process: 65,536 look-ups, a few ms)."""
    ranges, start = [], None
    for cp in range(0x10001):
        wide = cp < 0x10000 and unicodedata.east_asian_width(chr(cp)) in _WIDE_CLASSES
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


def _wide_count(line: str) -> int:
    """How many wide (CJK, full-width) characters ``line`` has."""
    if line.isascii():
        return 0
    count = len(line) - len(_wide_bmp().sub("", line))
    if _ASTRAL.search(line):  # beyond the BMP (rare): one by one
        width = unicodedata.east_asian_width
        count += sum(1 for ch in line if ch > "\uffff" and width(ch) in _WIDE_CLASSES)
    return count


def display_width(text: str) -> int:
    """The width of the longest line, a wide (CJK, full-width) character counting two."""
    if type(text) is str and text.isprintable():  # one line
        return len(text) + _wide_count(text)
    return max(len(line) + _wide_count(line) for line in str(text).splitlines() or [""])


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula if it were typed into a cell?"""
    return text.lstrip(" ")[:1] in FORMULA_STARTS or text[:1] in FORMULA_STARTS


def safe_text(value: object) -> str:
    """User text as a workbook can hold it (control characters dropped). Writing it with
    ``write_cell`` is what keeps it from becoming a formula."""
    text = str(value)
    return text if text.isprintable() else _ILLEGAL.sub("", text)


def title_line(*, org: str, what: str, as_of: datetime.date, note: str = "") -> str:
    """The title row: "A支部 整改台账(截至 2026年12月2日)", with an optional note."""
    if isinstance(as_of, datetime.datetime):
        as_of = timezone.localtime(as_of).date() if timezone.is_aware(as_of) else as_of.date()
    when = _("截至 %(y)d年%(m)d月%(d)d日") % {"y": as_of.year, "m": as_of.month, "d": as_of.day}
    text = f"{org} {what}({when}" + (f" · {note}" if note else "") + ")"
    return text.strip()


# --- cells -----------------------------------------------------------------------------------

_EPOCH = datetime.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system (day 60 skipped)
_TO_ESCAPE = re.compile('[&<>"\r]')
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


def _escape(text: str) -> str:
    """Text as XML character data or an attribute value."""
    return text.translate(_ESCAPE) if _TO_ESCAPE.search(text) else text


def _naive(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def _serial(value: datetime.date) -> str:
    """A date as Excel stores it: days since 1899-12-30, the time of day as the fraction."""
    if isinstance(value, datetime.datetime):
        delta = value - _EPOCH
        return repr(delta.days + delta.seconds / 86400)
    return str((value - _EPOCH.date()).days)


class _Styles:
    """The workbook's cell formats (styles.xml), each made once: a cell names its format by
    number. ``role``: ``"title"`` (14 pt bold, centred), ``"header"`` (bold, grey, bordered,
    centred) or ``"body"`` (bordered, wrapped, aligned to the top)."""

    def __init__(self) -> None:
        self.xfs: dict[tuple, int] = {}
        self.formats: dict[str, int] = {}  # custom number formats, from id 164
        self.fills: dict[str, int] = {_HEADER_FILL: 2}  # 0 none, 1 gray125 (both required)

    def get(self, role: str, number_format: str | None, fill, bold, quote: bool) -> int:
        key = (role, number_format, fill, bold, quote)
        xf = self.xfs.get(key)
        if xf is None:
            if number_format:
                self.formats.setdefault(number_format, 164 + len(self.formats))
            if fill:
                self.fills.setdefault(fill.upper(), len(self.fills) + 2)
            xf = self.xfs[key] = len(self.xfs) + 1  # 0 is the default format
        return xf

    def xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{code.translate(_ESCAPE)}"/>'
            for code, i in self.formats.items()
        )
        fills = "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="00{rgb}"/>'
            '<bgColor rgb="00000000"/></patternFill></fill>'
            for rgb in self.fills
        )
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for role, number_format, fill, bold, quote in self.xfs:
            font = 2 if role == "title" else 1 if role == "header" or bold else 0
            fill_id = self.fills[fill.upper()] if fill else 2 if role == "header" else 0
            border = 0 if role == "title" else 1
            fmt = self.formats[number_format] if number_format else 0
            if role == "body":
                align = '<alignment vertical="top" wrapText="1"/>'
            else:
                align = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
            xfs.append(
                f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill_id}" borderId="{border}"'
                f' xfId="0" applyNumberFormat="{int(bool(fmt))}" applyFont="{int(bool(font))}"'
                f' applyFill="{int(bool(fill_id))}" applyBorder="{border}" applyAlignment="1"'
                + (' quotePrefix="1"' if quote else "")
                + f">{align}</xf>"
            )
        side = '<{0} style="thin"><color rgb="00808080"/></{0}>'
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else "")
            + '<fonts count="3">'
            '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b val="1"/></font><font><b val="1"/><sz val="14"/></font>'
            "</fonts>"
            f'<fills count="{len(self.fills) + 2}">'
            '<fill><patternFill patternType="none"/></fill>'
            f'<fill><patternFill patternType="gray125"/></fill>{fills}</fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "<border>"
            + "".join(side.format(s) for s in ("left", "right", "top", "bottom"))
            + "<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def write_cell(ref: str, value: object, styles: _Styles, role: str = "body") -> str:
    """One value as the XML of cell ``ref`` ("B3"), formula-safe: a ``str`` is always stored
    as text — never as a formula, with the quote prefix when it looks like one, so it stays
    text when edited; dates as dates; ``None`` as an empty cell (with its borders)."""
    kind = type(value)
    if kind is int:  # most cells of a table of figures
        return f'<c r="{ref}" s="{styles.get(role, None, None, None, False)}"><v>{value}</v></c>'
    if kind is str:  # most of the others
        value = safe_text(value)
        s = styles.get(role, None, None, None, is_formula_like(value))
        return _text_cell(ref, s, value)
    fill = bold = None
    note = ""
    if isinstance(value, Cell):
        fill, bold, note = value.fill, value.bold or None, value.note.replace('"', "'")
        value = value.value
    if value is None:
        return f'<c r="{ref}" s="{styles.get(role, None, fill, bold, False)}"/>'
    if isinstance(value, bool):
        value = _("是") if value else _("否")
    elif isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            value, number_format = _naive(value), DATETIME_FORMAT
        else:
            number_format = DATE_FORMAT
        number_format += f'"{note}"' if note else ""
        s = styles.get(role, number_format, fill, bold, False)
        return f'<c r="{ref}" s="{s}"><v>{_serial(value)}</v></c>'
    elif isinstance(value, int | float):
        s = styles.get(role, f'General"{note}"' if note else None, fill, bold, False)
        number = repr(float(value)) if isinstance(value, float) else str(int(value))
        return f'<c r="{ref}" s="{s}"><v>{number}</v></c>'
    else:
        value = safe_text(value) + note
    s = styles.get(role, None, fill, bold, is_formula_like(value))
    return _text_cell(ref, s, value)


def _text_cell(ref: str, s: int, value: str) -> str:
    if not value:  # an empty text: a text cell with nothing in it, as openpyxl wrote it
        return f'<c r="{ref}" s="{s}" t="inlineStr"/>'
    return (
        f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">'
        f"{_escape(value)}</t></is></c>"
    )


def _shown(value: object) -> str:
    """The text a cell shows, for fitting its column."""
    if type(value) is str:
        return value
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


def _widest(texts: list[str]) -> int:
    """The largest ``display_width`` among ``texts``, measuring only the texts that could be
    the widest: a text is never wider than twice its length, so once the widest measured is
    at least that, the shorter texts need no look."""
    every = "".join(texts)
    if every.isascii() and every.isprintable():  # figures, codes: one unit a character
        return max(map(len, texts), default=0)
    widest = 0
    for text in sorted(set(texts), key=len, reverse=True):
        if 2 * len(text) <= widest:
            break
        widest = max(widest, display_width(text))
    return widest


def _fit(
    columns: Sequence[Column], shown: Sequence[Sequence[str]]
) -> tuple[list[float], list[bool]]:
    """The columns' widths for the ``display_width`` of each cell's text, row by row, and
    for each column whether every line of its cells fits on one line of that width."""
    natural, widest = [], []
    for i, col in enumerate(columns):
        longest = max(display_width(col.header), _widest([r[i] for r in shown if i < len(r)]))
        widest.append(longest)
        if col.width is not None:
            natural.append(col.width)
            continue
        natural.append(min(col.max_width, max(col.min_width, longest + PADDING)))
    widths = _narrowed(columns, natural)
    return widths, [w - 1 >= longest for w, longest in zip(widths, widest, strict=True)]


def _narrowed(columns: Sequence[Column], natural: list[float]) -> list[float]:
    """The columns' natural widths, narrowed to fit a landscape page."""
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


def _line_count(text: str, width: float, widest: int | None = None) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (overestimated
    slightly, so nothing is cut). ``widest``: its ``display_width``, when known."""
    room = max(width - 1, 1)
    if widest is not None and widest <= room and WIDE == 2:  # every line fits
        return max(len(text.splitlines()), 1)
    count = 0
    for line in text.splitlines() or [""]:
        if room >= 2 and WIDE == 2 and line.isprintable() and not _ASTRAL.search(line):
            cells = _wide_bmp().sub("\x01\x02", line)  # one position a unit of width
            count += 1 if len(cells) <= room else _wrapped_lines(cells, int(room))
        elif len(line) + (WIDE - 1) * _wide_count(line) <= room:  # fits on one line
            count += 1
        else:
            lines, used = 1, 0.0
            for ch in line:
                w = WIDE if unicodedata.east_asian_width(ch) in _WIDE_CLASSES else 1.0
                if used + w > room:
                    lines, used = lines + 1, 0.0
                used += w
            count += lines
    return count


def _may_not_fit(text: str, width: float) -> bool:
    """Could this one-line text be too wide for a column ``width`` wide? Its width is its
    length if it is ASCII and at most twice its length otherwise, so most texts need no
    measuring."""
    return len(text) > width - 1 or (2 * len(text) > width - 1 and not text.isascii())


def _wrapped_lines(cells: str, room: int) -> int:
    """The lines one line of printable text wraps to, ``room`` ≥ 2 units wide, a wide
    character never split: ``cells`` is the text spelled one position a unit of width (a wide
    character as "\\x01\\x02": a printable text has neither), cut every ``room`` positions —
    one position earlier where the cut would split a character."""
    pos, lines, n = 0, 1, len(cells)
    while pos + room < n:
        end = pos + room
        pos = end - 1 if cells[end] == "\x02" else end
        lines += 1
    return lines


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


def _column_letters(n: int) -> list[str]:
    letters = []
    for j in range(1, n + 1):
        name = ""
        while j:
            j, rest = divmod(j - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _number(x: float) -> str:
    return f"{x:g}" if x == round(x, 4) else f"{x:.4f}"


def _sheet_xml(table: Table, styles: _Styles, *, selected: bool) -> str:
    """One worksheet's XML: the layout (widths, frozen panes, print setup), then the title
    row, the header row and the rows, each cell written once."""
    columns = [c if isinstance(c, Column) else Column(str(c)) for c in table.columns]
    rows = [list(r) for r in table.rows]
    n = max(len(columns), 1)
    shown = [
        [v if type(v) is str else str(v) if type(v) is int else _shown(v) for v in row]
        for row in rows
    ]
    widths, fits = _fit(columns, shown)
    letters = _column_letters(n)
    last = f"{letters[-1]}{FIRST_ROW + len(rows) - 1 if rows else HEADER_ROW}"

    # The title (14 pt: ≈ 1.3 times as wide and tall as the body) across the whole table.
    title_lines = _line_count(safe_text(table.title), sum(widths) / 1.3)
    header_lines = max(_line_count(c.header, w) for c, w in zip(columns, widths, strict=True))
    tab = ' tabSelected="1"' if selected else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/>'
        f'</sheetPr><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{tab}>'
        f'<pane ySplit="{FIRST_ROW - 1}" topLeftCell="A{FIRST_ROW}" activePane="bottomLeft"'
        ' state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="A{FIRST_ROW}" sqref="A{FIRST_ROW}"/>'
        '</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>',
        *(
            f'<col min="{j}" max="{j}" width="{_number(w)}" customWidth="1"/>'
            for j, w in enumerate(widths, 1)
        ),
        "</cols><sheetData>",
        f'<row r="{TITLE_ROW}" ht="{_number(title_lines * LINE_POINTS * 1.3 + 8)}"'
        f' customHeight="1">{write_cell(f"A{TITLE_ROW}", table.title, styles, "title")}</row>',
        f'<row r="{HEADER_ROW}" ht="{_number(header_lines * LINE_POINTS + 4)}" customHeight="1">',
        *(
            write_cell(f"{letter}{HEADER_ROW}", c.header, styles, "header")
            for letter, c in zip(letters, columns, strict=False)
        ),
        "</row>",
    ]
    plain = styles.get("body", None, None, None, False)
    dated = None  # the date cells' format, made when the first one is written
    blank = [None] * n
    # The columns whose texts may not fit on one line (the others need counting only for a
    # text of several lines).
    narrow = [(j, w) for j, (w, fit) in enumerate(zip(widths, fits, strict=True)) if not fit]
    for i, (row, texts) in enumerate(zip(rows, shown, strict=True), FIRST_ROW):
        every = "".join(texts)
        # plain: every text of the row printable with nothing to escape (a text cell's shown
        # text is its value), so its text cells need only the formula test, done here
        printable = every.isprintable()
        plain_row = printable and not _TO_ESCAPE.search(every)
        if printable:  # no text of several lines in the row
            counted = [(texts[j], w) for j, w in narrow if j < len(texts)]
            counted = [(t, w) for t, w in counted if _may_not_fit(t, w)]
        else:
            counted = [
                (t, w)
                for t, w, fit in zip(texts, widths, fits, strict=False)
                if t != "" and (not t.isprintable() or not fit and _may_not_fit(t, w))
            ]
        lines = max([1] + [_line_count(t, w) for t, w in counted])
        out.append(f'<row r="{i}" ht="{lines * LINE_POINTS + 4}" customHeight="1">')
        r = str(i)
        for letter, value in zip(letters, row + blank if len(row) < n else row, strict=False):
            kind = type(value)
            # the commonest cells written here as write_cell would, without the call
            if kind is int:
                out.append(f'<c r="{letter}{r}" s="{plain}"><v>{value}</v></c>')
            elif kind is str and plain_row and value and value[0] not in _RISKY_FIRST:
                out.append(
                    f'<c r="{letter}{r}" s="{plain}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{value}</t></is></c>"
                )
            elif kind is str and value.isprintable() and not is_formula_like(value):
                out.append(_text_cell(letter + r, plain, value))
            elif kind is float:
                out.append(f'<c r="{letter}{r}" s="{plain}"><v>{value!r}</v></c>')
            elif kind is datetime.date:
                if dated is None:
                    dated = styles.get("body", DATE_FORMAT, None, None, False)
                out.append(f'<c r="{letter}{r}" s="{dated}"><v>{_serial(value)}</v></c>')
            else:
                out.append(write_cell(letter + r, value, styles))
        out.append("</row>")
    out.append("</sheetData>")
    if n > 1:
        out.append(f'<mergeCells count="1"><mergeCell ref="A1:{letters[-1]}1"/></mergeCells>')
    out.append(
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>"
        + ("&C" + _("第 &P 页,共 &N 页")).translate(_ESCAPE)
        + "</oddFooter></headerFooter></worksheet>"
    )
    return "".join(out)


def xlsx_bytes(*tables: Table, title: str = "") -> bytes:
    """The workbook holding ``tables`` (one sheet each, in order), as bytes: SpreadsheetML
    written directly, each cell once (see "What every sheet gets" above)."""
    tables = tables or (Table("Sheet", "", []),)
    styles = _Styles()
    taken: set[str] = set()
    names = [_sheet_name(t.sheet, taken) for t in tables]
    sheets = [_sheet_xml(t, styles, selected=i == 0) for i, t in enumerate(tables)]
    k = len(tables)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    quoted = ["'" + name.replace("'", "''") + "'" for name in names]
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, k + 1)
            )
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties"'
            ' Target="docProps/app.xml"/></Relationships>'
        ),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>orglife</Application></Properties>'
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + (f"<dc:title>{safe_text(title).translate(_ESCAPE)}</dc:title>" if title else "")
            + f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
            + "".join(
                f'<sheet name="{name.translate(_ESCAPE)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(names, 1)
            )
            + "</sheets><definedNames>"
            + "".join(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                f"{q.translate(_ESCAPE)}!${HEADER_ROW}:${HEADER_ROW}</definedName>"
                for i, q in enumerate(quoted)
            )
            + "</definedNames></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet"'
                f' Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, k + 1)
            )
            + f'<Relationship Id="rId{k + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": styles.xml(),
        **{f"xl/worksheets/sheet{i}.xml": xml for i, xml in enumerate(sheets, 1)},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml.encode())
    return out.getvalue()
