"""Roster files (.xlsx / .csv) in and out: the columns, parsing and row-by-row validation.

Import reads streaming (openpyxl read-only, the csv module) and stops at the row limit (see
``parse_roster``); the export goes through ``documents.xlsx`` (a title row above the header,
which parsing skips). Each row is validated by
``MemberRowForm`` so the errors are the same Chinese messages the add form shows.
Nothing here writes: ``members.services.member_import`` saves all rows or none.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import openpyxl
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from members.choices import Gender, MemberCategory, Position

# (field, header). Headers are the file format, always Chinese, so that an exported
# roster can be edited in a spreadsheet and imported again.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "姓名"),
    ("gender", "性别"),
    ("category", "党员类别"),
    ("joined_on", "入党日期"),
    ("position", "支委职务"),
    ("phone", "联系电话"),
    ("email", "电子邮箱"),
    ("username", "登录名"),
)
REQUIRED_HEADERS = ("姓名", "性别", "入党日期")
MAX_ROWS = 2000
#: Blank rows tolerated besides (a sheet often carries some below its data).
MAX_BLANK_ROWS = 1000
#: Columns read from each row: the roster has eight; extra ones are ignored.
MAX_COLUMNS = 50
#: What an .xlsx may unpack to. 2,000 rows of eight columns with Excel's styles take well
#: under 2 MB; the probe's million rows in half a megabyte of zip unpacked to ~100 MB.
MAX_UNCOMPRESSED_BYTES = 8 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 200
FIRST_DATA_ROW = 2  # row 1 holds the headers, as a spreadsheet user counts


class RosterRows(list):
    """The parsed rows; ``first_row`` is the spreadsheet row of the first one (3 when the
    file has a title row above the header, as the export does), for the error messages."""

    first_row: int = FIRST_DATA_ROW


@dataclass(frozen=True)
class RowError:
    row: int
    messages: tuple[str, ...]


def _choice_lookup(choices) -> dict[str, str]:
    table: dict[str, str] = {}
    for value, label in choices.choices:
        table[str(value).lower()] = value
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                table[str(label).strip().lower()] = value
    return table


CHOICE_FIELDS = {
    "gender": _choice_lookup(Gender),
    "category": _choice_lookup(MemberCategory),
    "position": _choice_lookup(Position),
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _TooManyRows(Exception):
    pass


def _too_many_rows() -> ValidationError:
    return ValidationError(_("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})


def _check_archive(content: bytes) -> None:
    """Refuse an .xlsx whose parts would unpack to more than a roster can need, before any
    XML is parsed. A zip entry never yields more than the size it declares (zipfile stops
    there), so the declared sizes bound what the parser can be made to read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("无法读取该文件,请确认是有效的 .xlsx 或 .csv 文件。")) from exc
    if len(entries) > MAX_ARCHIVE_ENTRIES or (
        sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES
    ):
        raise ValidationError(
            _(
                "文件解压后超过 %(mb)d MB,不像是一份名册。请只保留名册数据(最多 %(n)d 行)后重新上传。"
            )
            % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024), "n": MAX_ROWS}
        )


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    """The first sheet's rows, read streaming (openpyxl read-only): one row in memory at a
    time. The sheet's declared dimension is refused when it claims more rows than allowed,
    and then not trusted for reading (the reader would pad up to it, or stop at it)."""
    _check_archive(content)
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book.active
        declared = sheet.max_row
        if declared is not None and declared > MAX_ROWS + 1 + MAX_BLANK_ROWS:
            raise ValidationError(
                _("工作表声明有 %(rows)d 行;一次最多导入 %(n)d 行。请删除多余的行后重新上传。")
                % {"rows": declared, "n": MAX_ROWS}
            )
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        book.close()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030")  # Excel in Chinese saves CSV in GBK
    for row in csv.reader(io.StringIO(text, newline="")):
        yield row[:MAX_COLUMNS]


def _take_rows(rows: Iterator) -> tuple[list[str], list[Sequence]]:
    """The header row and the data rows, stopping as soon as the file is over the limit:
    more than MAX_ROWS rows with data, or more than MAX_BLANK_ROWS blank ones besides."""
    headers: list[str] = []
    data: list[Sequence] = []
    blank = 0
    for index, raw in enumerate(rows):
        if index == 0:
            headers = [_cell(h) for h in raw]
            continue
        if not any(_cell(v) for v in raw):
            blank += 1
            if blank > MAX_BLANK_ROWS:
                raise _TooManyRows
            continue
        if len(data) == MAX_ROWS:
            raise _TooManyRows
        data.append(raw)
    return headers, data


def parse_roster(*, content: bytes, filename: str) -> list[dict[str, str]]:
    """Read an uploaded roster into rows of strings keyed by field name (blank rows dropped).

    Reads streaming and stops at the row limit; an .xlsx is checked for its unpacked size
    and its declared dimension before its rows are parsed, so a small file cannot make the
    import read a million rows. Raises ValidationError (Chinese) when the file cannot be
    read, is over the limits or lacks columns.
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        reader = _xlsx_rows
    elif name.endswith(".csv"):
        reader = _csv_rows
    else:
        raise ValidationError(_("只支持 .xlsx 或 .csv 文件。"))
    rows_read = reader(content)
    try:
        headers, data = _take_rows(rows_read)
    except ValidationError:
        raise
    except _TooManyRows:
        raise _too_many_rows() from None
    except Exception as exc:  # a corrupt file can fail anywhere inside the parser
        raise ValidationError(_("无法读取该文件,请确认是有效的 .xlsx 或 .csv 文件。")) from exc
    finally:
        rows_read.close()  # closes the workbook at once, not when garbage collected

    by_header = {header: field for field, header in COLUMNS}
    by_header.update({field: field for field, _h in COLUMNS})
    body = list(data)
    out = RosterRows()
    if "姓名" not in headers and "name" not in headers and body:
        # An exported roster has a title row above the header (documents.xlsx).
        second = [_cell(h) for h in body[0]]
        if "姓名" in second or "name" in second:
            headers, body = second, body[1:]
            out.first_row = FIRST_DATA_ROW + 1
    missing = [h for h in REQUIRED_HEADERS if h not in headers and by_header[h] not in headers]
    if missing:
        raise ValidationError(_("缺少必需的列:%(cols)s。") % {"cols": "、".join(missing)})
    if len(body) > MAX_ROWS:
        raise ValidationError(_("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})

    rows = out
    for raw in body:
        row = {field: "" for field, _h in COLUMNS}
        for header, value in zip(headers, raw, strict=False):
            if header in by_header:
                row[by_header[header]] = _cell(value)
        rows.append(row)
    return rows


def _normalise(row: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {k: _cell(v) for k, v in row.items()}
    for field, table in CHOICE_FIELDS.items():
        raw = str(out.get(field, "")).strip()
        out[field] = table.get(raw.lower(), raw) if raw else ""
    if not out.get("category"):
        out["category"] = MemberCategory.FULL
    joined = str(out.get("joined_on", ""))
    out["joined_on"] = joined.replace("/", "-").replace(".", "-")
    return out


def validate_rows(
    *, branch, rows: Iterable[Mapping[str, object]]
) -> tuple[list[dict], list[RowError]]:
    """Validate every row; return the cleaned rows and the errors, each naming its row."""
    from members.forms import MemberRowForm
    from members.models import Member

    cleaned: list[dict] = []
    errors: list[RowError] = []
    seen_usernames: dict[str, int] = {}
    secretary_rows: list[int] = []
    first_row = getattr(rows, "first_row", FIRST_DATA_ROW)
    rows = [r for r in rows if any(_cell(v) for v in r.values())]
    if not rows:
        return [], [RowError(row=first_row, messages=(_("文件中没有数据行。"),))]

    for index, raw in enumerate(rows, start=first_row):
        form = MemberRowForm(data=_normalise(raw))
        messages: list[str] = []
        if not form.is_valid():
            for field, field_errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for message in field_errors:
                    messages.append(f"{label}:{message}" if label else message)
        else:
            data = form.cleaned_data
            username = data.get("username", "")
            if username:
                key = username.lower()
                if key in seen_usernames:
                    messages.append(
                        _("登录名“%(u)s”与第 %(r)d 行重复。")
                        % {"u": username, "r": seen_usernames[key]}
                    )
                seen_usernames.setdefault(key, index)
            if data.get("position") == Position.SECRETARY:
                secretary_rows.append(index)
        if messages:
            errors.append(RowError(row=index, messages=tuple(messages)))
        else:
            cleaned.append(dict(form.cleaned_data))

    from django.contrib.auth import get_user_model

    taken = set(
        get_user_model()
        .objects.annotate(lowered=Lower("username"))
        .filter(lowered__in=list(seen_usernames))
        .values_list("lowered", flat=True)
    )
    for username, row in seen_usernames.items():
        if username in taken:
            errors.append(
                RowError(row=row, messages=(_("登录名“%(u)s”已被使用。") % {"u": username},))
            )
    has_secretary = Member.objects.filter(
        branch=branch, position=Position.SECRETARY, is_active=True
    ).exists()
    for row in secretary_rows[1:] if not has_secretary else secretary_rows:
        errors.append(RowError(row=row, messages=(_("本支部只能有一名在任书记。"),)))
    errors.sort(key=lambda e: e.row)
    return (cleaned if not errors else []), errors


def roster_xlsx(members: Iterable, *, branch: str, as_of: datetime.date) -> bytes:
    """The roster as .xlsx with the import columns, so an export imports again: a title row
    (which ``parse_roster`` skips), the header, one row per member; 入党日期 as a date."""
    from documents.xlsx import Table, title_line, xlsx_bytes

    rows = []
    with translation.override("zh-hans"):
        for m in members:
            rows.append(
                [
                    m.name,
                    str(m.get_gender_display()),
                    str(m.get_category_display()),
                    m.joined_on,
                    str(m.get_position_display()) if m.position else "",
                    m.phone,
                    m.email,
                    m.user.username if m.user_id else "",
                ]
            )
    what = "党员名册" if branch else "党员名册导入模板"
    title = title_line(org=branch, what=what, as_of=as_of)
    return xlsx_bytes(
        Table(sheet="党员名册", title=title, columns=[h for _f, h in COLUMNS], rows=rows),
        title=f"{branch}{what}",
    )
