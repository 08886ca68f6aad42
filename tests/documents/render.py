"""Render an export the way a secretary prints it: LibreOffice headless to PDF, then read the
PDF back with poppler (pdftotext, pdfinfo). Used by the ``office`` tests."""

from __future__ import annotations

import os
import re
import subprocess  # nosec B404 — fixed argument lists, no shell
import tempfile
from dataclasses import dataclass
from pathlib import Path

# One LibreOffice profile per test process: two soffice processes on one profile hand their
# work to each other (or refuse), as with pytest -n.
_PROFILE = Path(tempfile.gettempdir()) / f"orglife-test-soffice-{os.getpid()}"


@dataclass
class Pdf:
    path: Path
    pages: list[str]  # pdftotext -layout, one string per page
    size: tuple[float, float]  # points

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def words(self, page: int = 1) -> list[tuple[float, float, float, float, str]]:
        """(xMin, yMin, xMax, yMax, word) in points, from ``pdftotext -bbox``."""
        out = subprocess.run(  # nosec B603 B607
            ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(self.path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pattern = (
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
        )
        return [
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(pattern, out)
        ]


def to_pdf(content: bytes, suffix: str, workdir: Path) -> Pdf:
    source = workdir / f"export{suffix}"
    source.write_bytes(content)
    subprocess.run(  # nosec B603 B607
        [
            "soffice",
            f"-env:UserInstallation=file://{_PROFILE}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    info = subprocess.run(  # nosec B603 B607
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    pages = [
        subprocess.run(  # nosec B603 B607
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, count + 1)
    ]
    return Pdf(path=pdf, pages=pages, size=(w, h))


def to_csv(content: bytes, workdir: Path) -> str:
    """The first sheet as LibreOffice shows it (formulas evaluated), as CSV text."""
    source = workdir / "export.xlsx"
    source.write_bytes(content)
    subprocess.run(  # nosec B603 B607
        [
            "soffice",
            f"-env:UserInstallation=file://{_PROFILE}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return source.with_suffix(".csv").read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Text without any whitespace: how a wrapped cell is compared with what it holds."""
    return re.sub(r"\s+", "", text)


MM = 72 / 25.4  # points per millimetre
