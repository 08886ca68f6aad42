"""Every .docx export in the layout of GB/T 9704-2012 《党政机关公文格式》.

Example (a whole export)::

    from documents.docx import GovDocument

    doc = GovDocument(title="A支部组织生活会情况报告")
    doc.heading(1, "基本情况")            # 一、基本情况
    doc.paragraph("主题:……")
    doc.heading(2, "书记 张三")           # (一)书记 张三
    doc.heading(3, "理论学习不够")        # 1.理论学习不够
    doc.heading(4, "具体事例")            # (1)具体事例
    doc.table(["姓名", "评定等次"], [["张三", "优秀"]])
    doc.signature("A支部", datetime.date(2026, 12, 2))
    content = doc.to_bytes()

What the layout is (the standard's numbers):

- A4 (210 × 297 mm); margins 37 mm top, 35 mm bottom, 28 mm left (订口), 26 mm right — a
  type area of 156 × 225 mm; 22 lines of 28 characters (a line grid with an exact line pitch
  of 28.95 pt, and 0.25 pt less character spacing so 28 characters of 16 pt fill 156 mm);
- the title in 2号 (22 pt) 小标宋-style, centred; the body in 3号 (16 pt) 仿宋-style, each
  paragraph indented two characters; headings by level: 一、 in 黑体, (一) in 楷体,
  1. and (1) in 仿宋 (the third level bold), all 3号 — ``heading(level, text)`` numbers them;
- page numbers "— 1 —" in 4号 (14 pt) 宋体, in the outer bottom corner: right on odd pages,
  left on even pages, one character in from the edge of the type area, 7 mm below it.

Fonts: each role names a chain (``FONTS``): the first name is set on the text (``w:eastAsia``
for Chinese; Latin and digits in Times New Roman), and the document's font table declares
every name in the chain with the next one as its alternative (``w:altName``) and the GB2312
character set and the serif/sans family, so Word and WPS substitute a Chinese font of the same
kind where the 方正 / 仿宋 faces are not installed, down to Noto CJK, which Linux ships.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TYPE_AREA_HEIGHT_MM, TYPE_AREA_WIDTH_MM = 225, 156
# 225 mm / 22 = 28.99 pt; 28.95 pt (the value 公文 templates use) keeps the 22nd line inside.
LINE_PITCH = Pt(28.95)
# 156 mm / 28 = 15.79 pt per character: 3号 (16 pt) less 0.25 pt of character spacing.
CHAR_SPACING_TWIPS = -5

# 字号 in points: 2号 22, 3号 16, 4号 14.
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = Pt(22), Pt(16), Pt(14)
LATIN_FONT = "Times New Roman"

# role → the fallback chain; the first name is the one set on the text.
FONTS: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "华文中宋", "宋体", "Noto Serif CJK SC"),
    "body": ("仿宋", "FangSong", "仿宋_GB2312", "Noto Serif CJK SC"),
    "heading1": ("黑体", "SimHei", "Noto Sans CJK SC"),
    "heading2": ("楷体", "KaiTi", "楷体_GB2312", "Noto Serif CJK SC"),
    "page_number": ("宋体", "SimSun", "Noto Serif CJK SC"),
}
_SANS = {"黑体", "SimHei", "Noto Sans CJK SC"}

CN_NUMERALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, up to 99 (enough for headings)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (
        (CN_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMERALS[ones - 1] if ones else "")
    )


def heading_number(level: int, n: int) -> str:
    """The standard's numbering: 一、 / (一) / 1. / (1) (full-width parentheses)."""
    return {1: f"{cn_number(n)}、", 2: f"({cn_number(n)})", 3: f"{n}.", 4: f"({n})"}[level]


def _set_fonts(target, role: str) -> None:
    """Name the role's font on a style or a run: East Asian text in the chain's first face,
    Latin and digits in Times New Roman; theme fonts removed so they do not win."""
    rpr = target.element.get_or_add_rPr() if hasattr(target, "element") else target
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:cs"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), FONTS[role][0])


def _style(style, role: str, size, *, bold: bool = False) -> None:
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), role)
    pf = style.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_PITCH


def _declare_fonts(document) -> None:
    """Add every chain to the font table, each face naming the next as its alternative."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    present = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for chain in FONTS.values():
        for i, name in enumerate(chain):
            if name in present:
                continue
            present.add(name)
            font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
            if i + 1 < len(chain):
                etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": chain[i + 1]})
            etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
            family = "swiss" if name in _SANS else "roman"
            etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": family})
            etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(paragraph) -> None:
    """ "— <PAGE> —" as a field, in 4号 宋体."""

    def run(text: str | None = None):
        r = paragraph.add_run(text)
        r.font.size = PAGE_NUMBER_SIZE
        _set_fonts(r._element.get_or_add_rPr(), "page_number")
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None)):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._element.append(fld)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r._element.append(it)
    run("1")
    end = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._element.append(fld)
    run(" —")


class GovDocument:
    """A document in 公文 layout; see the module's docstring for an example."""

    def __init__(self, *, title: str | Sequence[str] = "") -> None:
        self.document = docx.Document()
        self._counters = [0, 0, 0, 0]
        self._setup()
        if title:
            self.title(title)

    # --- layout ----------------------------------------------------------------------------

    def _setup(self) -> None:
        d = self.document
        section = d.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(15)
        # The number's top edge 7 mm below the type area: 35 − 7 − 5 (the 14 pt line) mm.
        section.footer_distance = Mm(23)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # A line grid (Word and LibreOffice agree on it); the 28 characters come from the
        # body's character spacing — LibreOffice spreads a "linesAndChars" grid's characters
        # far apart, so that grid type is not used.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))  # twips

        styles = d.styles
        _style(styles["Normal"], "body", BODY_SIZE)
        styles["Normal"].paragraph_format.widow_control = False  # every page holds 22 lines
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
        styles["Normal"].element.get_or_add_rPr().append(spacing)
        _style(styles["Title"], "title", TITLE_SIZE)
        styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The title may take two lines of the 22 pt face: a taller exact pitch.
        styles["Title"].paragraph_format.line_spacing = Pt(36)
        # The template's Title has a bottom border (a rule under it): not in a 公文.
        ppr = styles["Title"].element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
        for level, role, bold in (
            (1, "heading1", False),
            (2, "heading2", False),
            (3, "body", True),
            (4, "body", False),
        ):
            style = styles[f"Heading {level}"]
            _style(style, role, BODY_SIZE, bold=bold)
            style.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)
            style.paragraph_format.keep_with_next = True
        _declare_fonts(d)

        d.settings.odd_and_even_pages_header_footer = True
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE.pt)
        _page_number(odd)
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE.pt)
        _page_number(even)
        for p in (odd, even):
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.paragraph_format.first_line_indent = Pt(0)

    # --- content ---------------------------------------------------------------------------

    def title(self, text: str | Sequence[str]) -> None:
        """The title (2号 小标宋, centred), then one blank line as the standard asks."""
        lines = [text] if isinstance(text, str) else list(text)
        for line in lines:
            self.document.add_paragraph(line, style="Title")
        self.document.add_paragraph()

    def heading(self, level: int, text: str, *, numbered: bool = True):
        """A heading of level 1–4, numbered 一、(一)1.(1) unless ``numbered=False``;
        a heading restarts the numbering of the levels below it."""
        self._counters[level - 1] += 1
        for i in range(level, 4):
            self._counters[i] = 0
        number = heading_number(level, self._counters[level - 1]) if numbered else ""
        return self.document.add_paragraph(number + text, style=f"Heading {level}")

    def paragraph(self, text: str = "", *, indent: bool = True, align: str | None = None):
        """A body paragraph (3号 仿宋, two characters' indent); a text with line breaks
        becomes one paragraph per line. ``align``: "center" or "right"."""
        paragraphs = []
        for line in (text.splitlines() or [""]) if text else [""]:
            p = self.document.add_paragraph(line)
            if indent and align is None:
                p.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)
            if align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif align == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraphs.append(p)
        return paragraphs[-1]

    def runs(self, parts: Sequence[tuple[str, bool]], *, indent: bool = True):
        """One paragraph of runs: ``[(text, bold), …]``."""
        p = self.document.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)
        for text, bold in parts:
            p.add_run(text).bold = bold
        return p

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]):
        """A bordered table in the body font, header bold; centred on the page."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.first_line_indent = Pt(0)
        return table

    def signature(self, who: str, when: datetime.date | None) -> None:
        """The signing organization or person and the date, right-aligned, after a blank line
        (the date in Chinese: 2026年12月2日)."""
        self.document.add_paragraph()
        p = self.paragraph(who, align="right")
        p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)
        if when is not None:
            d = self.paragraph(f"{when.year}年{when.month}月{when.day}日", align="right")
            d.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
