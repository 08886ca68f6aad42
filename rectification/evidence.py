"""佐证材料: what an evidence upload is, from its content (magic bytes), never its name —
plain Python on the uploaded file, no database.
"""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OFFICE = {
    # the [Content_Types].xml main part, the part that must exist → extension
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "word/document.xml",
        "docx",
    ),
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "xl/workbook.xml",
        "xlsx",
    ),
}
EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _office_kind(upload) -> str | None:
    """docx or xlsx when the zip says so in its [Content_Types].xml (macro-enabled files and
    other zips are not accepted)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or any("vbaProject" in n for n in names):
                return None
            if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
                return None
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    for content_type, (part, ext) in _OFFICE.items():
        if content_type in types and part in names:
            return ext
    return None


def evidence_kind(upload) -> str:
    """The evidence file's type from its content (magic bytes), never from its name:
    pdf, png, jpg, docx or xlsx. Refuses anything else, and anything over 5 MB."""
    size = upload.size or 0
    if size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                "evidence": _(
                    "佐证材料不能超过 5 MB(该文件约 %(mb).1f MB),请压缩或截取关键页后再上传。"
                )
                % {"mb": size / 1024 / 1024}
            }
        )
    if size == 0:
        raise ValidationError({"evidence": _("上传的文件是空的。")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(_PDF):
        return "pdf"
    if head.startswith(_PNG):
        return "png"
    if head.startswith(_JPEG):
        return "jpg"
    if head.startswith(_ZIP):
        kind = _office_kind(upload)
        if kind is not None:
            return kind
    raise ValidationError(
        {
            "evidence": _(
                "只能上传 PDF、PNG 或 JPEG 图片、Word(.docx)、Excel(.xlsx)文件。"
                "该文件的内容不是这些格式(与文件名无关),请另存为上述格式后再上传。"
            )
        }
    )
