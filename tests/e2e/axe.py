"""axe-core in the browser tests: WCAG 2.0 / 2.1 / 2.2 A and AA rules on the page as it is.

axe-core ships inside the ``axe-playwright-python`` package (``axe.min.js``), so nothing is
downloaded at run time. ``scan`` runs it on the page at its current width and at the other
one (desktop 1280 px ↔ phone 390 px), restoring the viewport after; the page is not
reloaded, so what an action left on it (errors, htmx findings, an open menu) is scanned too.
``assert_accessible`` fails on any serious or critical violation with one line per element:
rule, impact, target, page and width. ``tests/e2e/conftest.py`` calls it from
``assert_chinese``, i.e. on every page a browser test checks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # reported by the `browser` mark's probe (tests/conftest.py)
    Axe = None

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
BLOCKING = ("critical", "serious")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

_axe = Axe() if Axe is not None else None


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    target: str
    url: str
    width: int
    html: str
    help: str

    def line(self) -> str:
        return (
            f"{self.rule} ({self.impact}) at {self.width}px on {self.url}: {self.target}\n"
            f"    {self.help}\n    {self.html[:200]}"
        )


def _run(page) -> list[dict]:
    # axe.min.js defines window.axe once per document; a second injection is cheap.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate("options => axe.run(document, options)", OPTIONS)["violations"]


def _settle(page) -> None:
    """Two animation frames (media queries and layout have caught up with a resize), then every
    running CSS transition has ended: a button clicked just before the scan fades its colours
    for 0.15 s, and axe would measure the contrast of a frame half-way."""
    page.evaluate(
        """() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))
             .then(() => Promise.all(document.getAnimations()
                 .filter(a => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
                 .map(a => a.finished.catch(() => null))))"""
    )


def scan(page, *, both_widths: bool = True) -> list[Violation]:
    """Every violation of the WCAG A/AA rules, at the page's width and (by default) the other."""
    original = page.viewport_size or DESKTOP
    widths = [original]
    if both_widths:
        widths.append(PHONE if original["width"] > PHONE["width"] else DESKTOP)
    found: list[Violation] = []
    try:
        for size in widths:
            if size != page.viewport_size:
                page.set_viewport_size(size)
            _settle(page)
            for v in _run(page):
                for node in v["nodes"]:
                    found.append(
                        Violation(
                            rule=v["id"],
                            impact=node.get("impact") or v.get("impact") or "unknown",
                            target=" ".join(map(str, node["target"])),
                            url=page.url,
                            width=size["width"],
                            html=" ".join(node.get("html", "").split()),
                            help=v.get("help", ""),
                        )
                    )
    finally:
        if page.viewport_size != original:
            page.set_viewport_size(original)
            _settle(page)
    return found


def by_impact(violations: list[Violation]) -> Counter:
    return Counter(v.impact for v in violations)


def assert_accessible(page) -> None:
    """No serious or critical violation on this page, at desktop and at phone width."""
    if _axe is None:
        raise AssertionError("axe-playwright-python is not installed (pip install '.[dev]')")
    blocking = [v for v in scan(page) if v.impact in BLOCKING]
    assert not blocking, f"axe-core: {len(blocking)} serious/critical violation(s):\n" + "\n".join(
        v.line() for v in blocking
    )
