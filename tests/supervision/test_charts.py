"""The SVG charts: pure Python, valid XML, labelled for people and screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from supervision.charts import Bar, Series, bar_chart, bar_table, column_chart, column_table

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_valid_svg_with_a_title_and_a_label_per_bar():
    svg = bar_chart(
        title="各下级组织整改完成率",
        bars=[Bar("A支部", 40.0, href="/x/?a=1&b=2", note="2/5"), Bar("B支部", 100)],
        unit="%",
        max_value=100,
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "各下级组织整改完成率"
    assert root.get("aria-labelledby") == f"{title.get('id')} {root.find(f'{SVG}desc').get('id')}"
    texts = _texts(root)
    assert "A支部" in texts and "B支部" in texts
    assert "40%(2/5)" in texts or "40% (2/5)" in texts
    assert "100%" in texts
    # Nothing interactive inside role="img" (axe: nested-interactive): a bar that leads
    # somewhere says where for a pointer's click; the table below the chart holds the link.
    assert not list(root.iter(f"{SVG}a"))
    linked = root.find(f"{SVG}g[@data-href]")
    assert linked.get("data-href") == "/x/?a=1&b=2"  # escaped in the markup, intact when parsed
    assert "&amp;" in svg


def test_a_bar_table_gives_the_same_numbers_with_the_links():
    bars = [Bar("A支部<1>", 40.0, href="/x/?a=1&b=2", note="2/5"), Bar("B支部", 100)]
    table = ET.fromstring(
        bar_table(caption="完成率", bars=bars, unit="%", label_header="组织", value_header="完成率")
    )
    assert [th.text for th in table.iter("th") if th.get("scope") == "col"] == ["组织", "完成率"]
    rows = table.find("tbody").findall("tr")
    assert rows[0].find("th/a").get("href") == "/x/?a=1&b=2"
    assert rows[0].find("th/a").text == "A支部<1>"
    assert rows[0].find("td").text == "40% (2/5)"
    assert rows[1].find("th").text == "B支部" and rows[1].find("td").text == "100%"


def test_a_column_table_has_a_row_per_label_and_a_column_per_series():
    table = ET.fromstring(
        column_table(
            caption="趋势",
            labels=["25-01", "25-02"],
            series=[Series("新建", [3, 0]), Series("销号", [1, 2])],
            label_header="月份",
        )
    )
    rows = [[c.text for c in tr] for tr in table.find("tbody").findall("tr")]
    assert rows == [["25-01", "3", "1"], ["25-02", "0", "2"]]


def test_bar_lengths_follow_the_values():
    root = _parse(bar_chart(title="t", bars=[Bar("a", 10), Bar("b", 20), Bar("c", 0)]))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[1] == 2 * widths[0] > 0
    assert widths[2] == 0


def test_text_is_escaped_and_no_style_attribute_is_written():
    svg = bar_chart(title='<script>alert("x")</script>', bars=[Bar("a<b & c>", 1)])
    root = _parse(svg)
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script>'
    assert "a<b & c>" in _texts(root)
    assert all("style" not in el.attrib for el in root.iter())


def test_an_empty_chart_says_so():
    root = _parse(bar_chart(title="问题类别", bars=[], empty="暂无数据"))
    assert _texts(root) == ["暂无数据"]


def test_long_labels_are_shortened():
    root = _parse(bar_chart(title="t", bars=[Bar("很长的党组织名称" * 5, 3)]))
    label = _texts(root)[0]
    assert label.endswith("…") and len(label) < 20


def test_a_column_chart_has_a_legend_a_label_per_month_and_a_title_per_column():
    months = ["25-01", "25-02", "25-03"]
    svg = column_chart(
        title="整改事项月度趋势",
        labels=months,
        series=[Series("新建", [3, 0, 5]), Series("销号", [1, 2, 4])],
    )
    root = _parse(svg)
    texts = _texts(root)
    for label in [*months, "新建", "销号"]:
        assert label in texts
    columns = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(columns) == 6
    assert columns[0].find(f"{SVG}title").text == "25-01 新建: 3"
    heights = {c.find(f"{SVG}title").text: float(c.get("height")) for c in columns}
    assert heights["25-03 新建: 5"] > heights["25-03 销号: 4"] > heights["25-01 销号: 1"]
    assert heights["25-02 新建: 0"] == 0


def test_a_column_chart_without_data_is_still_valid():
    _parse(column_chart(title="t", labels=[], series=[]))
    _parse(column_chart(title="t", labels=["a"], series=[Series("s", [0])]))
