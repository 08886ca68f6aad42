"""Hypothesis strategies for bad, huge and strange form input.

A form is described by its fields (name → :class:`Field`: a valid value and a kind). A
payload keeps each field valid, replaces it with something nasty for its kind, leaves it
out, or sends it twice — so an example is sometimes a success with strange-but-acceptable
text and sometimes an error, and both paths are exercised.

Lone surrogates are left out: they cannot be sent over HTTP (UTF-8 cannot encode them).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

HUGE = 100_000

# CJK, emoji (with a ZWJ sequence and a flag), right-to-left text and marks, combining
# marks, full-width digits, NUL and other control characters, zero-width and BOM.
STRANGE_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"),
)
NICE_ALPHABET = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x00"
)

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "整改\x00措施",
    "\x00" * 20,
    "\t\r\n\x0b\x0c",
    "\x1b[31mred\x1b[0m",
    "\u202eتقرير\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "👩\u200d👩\u200d👧\u200d👦🇨🇳🏳️\u200d🌈",
    "\ufeff\u200b\u200c\u200d",
    "Z\u0351\u0364\u036b\u0303\u0310a\u0337l\u0354g\u0327o",  # combining marks
    "１２３４５",  # full-width digits
    "٣",  # Arabic-Indic digit three
    "' OR '1'='1' --",
    "1; DROP TABLE members_member; --",
    '"; SELECT pg_sleep(5); --',
    "%s%s%s%n",
    "{{ 7*7 }}{% debug %}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<!--",
    "]]>",
    "../../../../etc/passwd",
    "C:\\Windows\\win.ini",
    "NaN",
    "Infinity",
    "-0",
    "None",
    "null",
    "true",
    "[]",
    "{}",
]
NASTY_NUMBER = [
    "-1",
    "0",
    "1.5",
    "1e9",
    " 7 ",
    "+1",
    "0x10",
    "1_000",
    "99999999999999999999",
    str(2**63),
    str(-(2**63) - 1),
    str(2**31),
    "٣",
    "１",
    "NaN",
    "inf",
]
NASTY_DATE = [
    "2026-02-30",
    "2026-02-29",
    "2024-02-29",
    "9999-99-99",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "1900-01-01",
    "1921-06-30",
    "2026-13-01",
    "2026-1-1",
    "20260101",
    "2026年1月1日",
    "２０２６-０１-０１",
    "-2026-01-01",
    "10000-01-01",
    "2026-01-01T00:00",
    "today",
]
NASTY_DATETIME = [
    "2026-02-30T10:00",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "0001-01-01 00:00",
    "2026-03-08T25:61",
    "2026-03-08T24:00",
    "2026-03-08",
    "2026-03-08T10:00:00+99:00",
    "9999-99-99T99:99",
    "1970-01-01T00:00",
    "2038-01-19T03:14",
]


def huge_text() -> st.SearchStrategy[str]:
    """Long strings: around common column limits and far beyond them."""
    sizes = st.sampled_from([99, 100, 101, 199, 200, 201, 299, 300, 301, 500, 501, 1000, 1001])
    sizes = sizes | st.sampled_from([2000, 2001, 3000, 3001, 5000, 5001, HUGE])
    chars = st.sampled_from(["字", "a", "😀", "\u0301", "\x00", "<"])
    return st.builds(lambda n, c: c * n, sizes, chars)


def strange_text(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.text(STRANGE_ALPHABET, max_size=max_size)


def nice_text(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Strange but acceptable: any letters, emoji, marks, no control characters, not blank."""
    return st.text(NICE_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda s: len(s.strip()) >= min_size
    )


@dataclass(frozen=True)
class Field:
    """One form field: a valid value (a string, a list for a multi-value field, or an
    upload) and a kind that picks the nasty values."""

    valid: object
    kind: str = "text"  # text, line, int, id, date, datetime, choice, bool, ids, file
    choices: tuple = ()
    acceptable: st.SearchStrategy | None = None  # other valid values (strange but fine)


def _nasty_for(f: Field) -> st.SearchStrategy:
    common = st.sampled_from(NASTY_TEXT) | strange_text() | huge_text()
    kind = f.kind
    if kind in ("int", "id", "ids"):
        extra = st.sampled_from(NASTY_NUMBER) | st.integers(-(2**70), 2**70).map(str)
    elif kind == "date":
        extra = st.sampled_from(NASTY_DATE) | st.dates().map(lambda d: d.isoformat())
    elif kind == "datetime":
        extra = st.sampled_from(NASTY_DATETIME) | st.datetimes().map(
            lambda d: d.strftime("%Y-%m-%dT%H:%M")
        )
    elif kind == "choice":
        extra = st.sampled_from([*f.choices, "", "other", "EXCELLENT", "优秀", "approve "])
    elif kind == "bool":
        extra = st.sampled_from(["on", "off", "true", "false", "0", "1", "", "yes"])
    elif kind == "file":
        return nasty_upload()
    else:
        extra = st.nothing()
    return st.one_of(extra, extra, common)


MISSING = object()


def _fresh(value):
    """A valid upload is given as a function (a file is read once); call it."""
    return value() if callable(value) else value


@st.composite
def field_value(draw, f: Field, *, clean: bool = False):
    """``clean``: only valid or strange-but-acceptable values (a post that should succeed)."""
    modes = ["valid"] if clean else ["valid"] * 5 + ["nasty"] * 4 + ["missing", "repeat"]
    mode = draw(st.sampled_from(modes))
    if mode == "valid":
        if f.acceptable is not None and draw(st.booleans()):
            return draw(f.acceptable)
        return _fresh(f.valid)
    if mode == "missing":
        return MISSING
    if mode == "repeat":
        if f.kind == "file":
            return [_fresh(f.valid), _fresh(f.valid)]
        first = f.valid if not isinstance(f.valid, list) else (f.valid or ["1"])[0]
        return [first, draw(_nasty_for(f))]
    value = draw(_nasty_for(f))
    if f.kind == "ids" and not isinstance(value, list):
        value = [value]
    return value


@st.composite
def payload(draw, fields: dict[str, Field]) -> dict:
    """A POST body for ``fields``: each field valid, nasty, missing or repeated; sometimes
    with stray fields a browser would never send. One in three is valid throughout (with
    strange-but-acceptable text), so the success path is fuzzed too."""
    clean = draw(st.integers(0, 2)) == 0
    data = {}
    for name, f in fields.items():
        value = draw(field_value(f, clean=clean))
        if value is not MISSING:
            data[name] = value
    if draw(st.integers(0, 9)) == 0:
        for junk in draw(
            st.lists(st.sampled_from(NASTY_TEXT[:12] + ["x", "id", "pk"]), max_size=3)
        ):
            data[junk or "_"] = draw(st.sampled_from(NASTY_TEXT))
    return data


# --- uploads -------------------------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-1.4\n"
ZIP_MAGIC = b"PK\x03\x04"
HUGE_NAME = "佐证" * 200


def _zip_with(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


FILE_NAMES = st.sampled_from(
    [
        "evidence.png",
        "x.pdf",
        "名册.xlsx",
        "名册.csv",
        "a.PNG",
        "no-extension",
        ".png",
        "a.png.exe",
        "a.exe",
        "../../etc/passwd.csv",
        "..\\..\\boot.ini.xlsx",
        HUGE_NAME + ".png",
        HUGE_NAME + ".csv",
        "emoji😀.xlsx",
        "\u202egnp.exe",
        "a b c.docx",
        'a;b".pdf',
    ]
)
FILE_CONTENTS = st.one_of(
    st.just(b""),
    st.binary(max_size=2048),
    st.binary(max_size=256).map(lambda b: PNG_MAGIC + b),  # a PNG header, garbage after
    st.binary(max_size=256).map(lambda b: PDF_MAGIC + b),
    st.binary(max_size=256).map(lambda b: ZIP_MAGIC + b),  # a broken zip (xlsx/docx)
    st.just(_zip_with(["[Content_Types].xml", "word/document.xml"])),  # a hollow docx
    st.just(_zip_with(["[Content_Types].xml", "xl/workbook.xml"])),  # a hollow xlsx
    st.just(_zip_with(["../../evil.txt"])),
    st.just(b"GIF89a" + b"\x00" * 20),
    st.just(b"MZ\x90\x00" + b"\x00" * 60),  # an .exe
    st.just(b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    st.just("姓名,性别,入党日期\n张三,男,2010-07-01\n".encode("gb18030")),
    st.just(b"\xef\xbb\xbf" + "姓名,性别\n".encode()),
    st.just(b"\xff\xfe\x00\x00" * 10),
)


@st.composite
def nasty_upload(draw) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        draw(FILE_NAMES), draw(FILE_CONTENTS), content_type="application/octet-stream"
    )
