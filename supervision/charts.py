"""Server-rendered SVG charts: pure Python, no JavaScript, nothing from a CDN.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (read out by
screen readers), text labels on every bar, and only presentation attributes (no ``style``
attributes, so a strict Content-Security-Policy is fine). A picture holds nothing
interactive (an ``<a>`` inside ``role="img"`` is hidden from screen readers and keyboards
alike): a bar that leads somewhere carries ``data-href`` for a pointer's click
(static/js/supervision.js), and ``bar_table`` / ``column_table`` give the same numbers as an
HTML table whose links are the way there by keyboard. Colours come from a CSS class *and* a
``fill`` attribute, so the page's stylesheet can restyle them and a saved file still reads.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

PALETTE = ("#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f")
_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None
    note: str = ""  # shown after the value, e.g. "12/40"


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float] = field(default_factory=list)


def _fmt(value: float, unit: str) -> str:
    text = f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"
    return f"{text}{unit}"


def _clip(text: str, width: int) -> str:
    """Shorten a label to about ``width`` half-width characters (CJK counts double)."""
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0x2E7F else 1
        if used > width:
            return "".join(out) + "…"
        out.append(ch)
    return text


def _open(uid: str, width: int, height: int, title: str, desc: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]


def bar_chart(
    *,
    title: str,
    bars: list[Bar],
    unit: str = "",
    max_value: float | None = None,
    width: int = 640,
    bar_height: int = 22,
    label_width: int = 200,
    empty: str = "—",
) -> str:
    """Horizontal bars, one per row: label on the left, the value after the bar."""
    uid = f"c{next(_ids)}"
    gap = 8
    height = max(1, len(bars)) * (bar_height + gap) + gap
    desc = "; ".join(f"{b.label}: {_fmt(b.value, unit)}" for b in bars) or empty
    out = _open(uid, width, height, title, desc, "chart-bars")
    if not bars:
        out.append(
            f'<text class="chart-empty" x="{width / 2:.0f}" y="{height / 2 + 5:.0f}" '
            f'text-anchor="middle" fill="#6c757d">{escape(empty)}</text>'
        )
        out.append("</svg>")
        return "".join(out)
    top = max_value if max_value is not None else max((b.value for b in bars), default=0)
    top = top or 1
    plot = width - label_width - 90
    for i, bar in enumerate(bars):
        y = gap + i * (bar_height + gap)
        w = max(0.0, min(1.0, bar.value / top)) * plot
        mid = y + bar_height / 2 + 5
        value_text = _fmt(bar.value, unit) + (f" ({bar.note})" if bar.note else "")
        row = [
            f'<text class="chart-label" x="{label_width - 6}" y="{mid:.0f}" '
            f'text-anchor="end" fill="#212529">{escape(_clip(bar.label, 26))}</text>',
            f'<rect class="chart-bar" x="{label_width}" y="{y}" width="{w:.1f}" '
            f'height="{bar_height}" rx="2" fill="{PALETTE[0]}"/>',
            f'<text class="chart-value" x="{label_width + w + 6:.1f}" y="{mid:.0f}" '
            f'fill="#212529">{escape(value_text)}</text>',
        ]
        if bar.href:
            out.append(f'<g class="chart-link" data-href="{escape(bar.href)}">')
            out.extend(row)
            out.append("</g>")
        else:
            out.extend(row)
    out.append("</svg>")
    return "".join(out)


def column_chart(
    *,
    title: str,
    labels: list[str],
    series: list[Series],
    width: int = 960,
    height: int = 240,
    empty: str = "—",
) -> str:
    """Grouped columns by label (e.g. month), one colour per series, with a legend."""
    uid = f"c{next(_ids)}"
    left, right, top, bottom = 44, 10, 30, 40
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{lab} {v:g}" for lab, v in zip(labels, s.values, strict=False))
        for s in series
    )
    out = _open(uid, width, height, title, desc or empty, "chart-columns")
    peak = max((v for s in series for v in s.values), default=0) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    # legend
    x = left
    for k, s in enumerate(series):
        colour = PALETTE[(k + 1) % len(PALETTE)]
        out.append(
            f'<rect class="chart-legend-{k}" x="{x}" y="8" width="12" height="12" fill="{colour}"/>'
        )
        out.append(f'<text x="{x + 16}" y="19" fill="#212529">{escape(s.label)}</text>')
        x += 24 + 14 * len(s.label) + 20
    # axis and gridline at the peak
    out.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#adb5bd"/>')
    out.append(
        f'<text class="chart-axis" x="{left - 4}" y="{top + 4}" text-anchor="end" '
        f'fill="#6c757d">{peak:g}</text>'
    )
    out.append(
        f'<text class="chart-axis" x="{left - 4}" y="{base}" text-anchor="end" '
        f'fill="#6c757d">0</text>'
    )
    if not labels or not series:
        out.append("</svg>")
        return "".join(out)
    slot = plot_w / len(labels)
    col = max(2.0, (slot - 6) / len(series))
    for i, label in enumerate(labels):
        x0 = left + i * slot + 3
        for k, s in enumerate(series):
            value = s.values[i] if i < len(s.values) else 0
            h = value / peak * plot_h
            colour = PALETTE[(k + 1) % len(PALETTE)]
            out.append(
                f'<rect class="chart-series-{k}" x="{x0 + k * col:.1f}" y="{base - h:.1f}" '
                f'width="{col - 1:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(label)} {escape(s.label)}: {value:g}</title></rect>"
            )
        out.append(
            f'<text class="chart-axis" x="{x0 + (slot - 6) / 2:.1f}" y="{base + 16}" '
            f'text-anchor="middle" fill="#6c757d">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_table(
    *, caption: str, bars: list[Bar], unit: str = "", label_header: str, value_header: str
) -> str:
    """The bars' numbers as a table (the chart's text alternative); a bar's link is here."""
    rows = []
    for bar in bars:
        label = escape(bar.label)
        if bar.href:
            label = f'<a href="{escape(bar.href)}">{label}</a>'
        value = escape(_fmt(bar.value, unit) + (f" ({bar.note})" if bar.note else ""))
        rows.append(
            f'<tr><th scope="row" class="fw-normal">{label}</th>'
            f'<td class="text-end">{value}</td></tr>'
        )
    return (
        '<table class="table table-sm mb-0 chart-table">'
        f'<caption class="visually-hidden">{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(label_header)}</th>'
        f'<th scope="col" class="text-end">{escape(value_header)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def column_table(
    *, caption: str, labels: list[str], series: list[Series], label_header: str
) -> str:
    """The columns' numbers as a table: one row per label, one column per series."""
    head = "".join(f'<th scope="col" class="text-end">{escape(s.label)}</th>' for s in series)
    rows = []
    for i, label in enumerate(labels):
        cells = "".join(
            f'<td class="text-end">{(s.values[i] if i < len(s.values) else 0):g}</td>'
            for s in series
        )
        rows.append(f'<tr><th scope="row" class="fw-normal">{escape(label)}</th>{cells}</tr>')
    return (
        '<table class="table table-sm mb-0 chart-table">'
        f'<caption class="visually-hidden">{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(label_header)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
