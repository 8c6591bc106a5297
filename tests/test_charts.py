"""Trend charts (viz/charts.py): the SVG's structure and text alternative, escaping, determinism,
gaps, axis ticks, the legend, the data table (HTML and Markdown), edge cases, and a property
test: any series gives well-formed XML with every coordinate finite and inside the viewBox."""

from __future__ import annotations

import calendar
import math
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import lxml.html
import pytest
from conftest import examples
from hypothesis import event, given, settings
from hypothesis import strategies as st

from goldenthread.viz import charts
from goldenthread.viz.charts import (
    SeriesPoint,
    TrendChart,
    format_value,
    markdown_escape,
    nice_ticks,
    trend_description,
    trend_svg,
    trend_table_html,
    trend_table_markdown,
    trend_table_rows,
)
from goldenthread.viz.report import md

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<img src=x onerror=alert(1)>"


# -- helpers ---------------------------------------------------------------------------------

def month(year: int, m: int, value: float | None) -> SeriesPoint:
    last = calendar.monthrange(year, m)[1]
    return SeriesPoint(f"{calendar.month_name[m]} {year}", date(year, m, 1), date(year, m, last), value)


def months(first: tuple[int, int], values: list[float | None]) -> list[SeriesPoint]:
    year, m = first
    out = []
    for v in values:
        out.append(month(year, m, v))
        year, m = (year + 1, 1) if m == 12 else (year, m + 1)
    return out


def claimant_chart(**changes) -> TrendChart:
    """Stockport's claimant count, April 2021 to April 2024 (37 months), 3.8% to 3.2%."""
    n = 37
    area = [round(3.8 - 0.6 * i / (n - 1), 1) for i in range(n)]
    fields = dict(
        title="Claimant count as a proportion of residents aged 16-64",
        unit="%",
        area_name="Stockport",
        area=months((2021, 4), area),
        england=months((2021, 4), [round(4.4 - 0.5 * i / (n - 1), 1) for i in range(n)]),
        group_low=months((2021, 4), [2.1] * n),
        group_high=months((2021, 4), [5.0] * n),
        group_name="Similar councils",
        desired="down",
    )
    fields.update(changes)
    return TrendChart(**fields)


def parse(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)  # raises on anything not well-formed


def view_box(root: ET.Element) -> tuple[float, float]:
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0)
    return w, h


def group(root: ET.Element, cls: str) -> ET.Element | None:
    return next((g for g in root.iter(f"{SVG}g") if g.get("class") == cls), None)


def texts(element: ET.Element | None) -> list[str]:
    return [] if element is None else ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def line_path(root: ET.Element, series: str) -> str | None:
    g = group(root, series)
    assert g is not None, f"no <g class={series!r}>"
    path = next((p for p in g.iter(f"{SVG}path") if p.get("class") == "line"), None)
    return None if path is None else path.get("d")


def subpaths(d: str | None) -> list[list[tuple[float, float]]]:
    """The points of each ``M…`` subpath of a path made of M and L commands."""
    if not d:
        return []
    out = []
    for part in re.findall(r"M[^M]*", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        out.append(list(zip(numbers[::2], numbers[1::2])))
    return out


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


# -- structure -------------------------------------------------------------------------------

def test_svg_is_an_image_named_by_its_title_and_desc():
    svg = trend_svg(claimant_chart(), id_prefix="measure-7")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "measure-7-title measure-7-desc"
    children = list(root)
    assert children[0].tag == f"{SVG}title" and children[0].get("id") == "measure-7-title"
    assert children[1].tag == f"{SVG}desc" and children[1].get("id") == "measure-7-desc"
    assert children[0].text == "Claimant count as a proportion of residents aged 16-64"
    assert children[1].text == trend_description(claimant_chart())
    # every id the label names exists, once
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert sorted(ids) == ["measure-7-desc", "measure-7-title"]
    # scales with its container
    assert root.get("width") == "100%" and root.get("height") is None
    w, h = view_box(root)
    assert (w, h) == (320, 160)
    assert "max-width:320.0px" in root.get("style", "") and "height:auto" in root.get("style", "")


def test_title_is_not_drawn():
    title = "A very long title " * 20
    root = parse(trend_svg(claimant_chart(title=title), id_prefix="t"))
    assert "".join(root.find(f"{SVG}title").itertext()) == " ".join(title.split())
    assert all("long title" not in t for t in texts(root))


@pytest.mark.parametrize(("prefix", "expected"), [
    ("m1", "m1"),
    ('a b"<x>&', "a-b--x--"),
    ("7-measure", "chart-7-measure"),
    ("", "chart-"),
    ("é", "chart--"),
])
def test_id_prefix_is_sanitised(prefix, expected):
    root = parse(trend_svg(claimant_chart(), id_prefix=prefix))
    assert root.get("aria-labelledby") == f"{expected}-title {expected}-desc"
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", e.get("id")) for e in root.iter() if e.get("id"))


def test_hostile_text_is_text():
    hostile_months = [SeriesPoint(f'{HOSTILE} "{i}" & \'q\'', date(2020 + i, 1, 1), date(2020 + i, 12, 31), v)
                      for i, v in enumerate([1.0, 2.0, None, 4.0])]
    chart = TrendChart(title=HOSTILE, unit=HOSTILE, area_name=HOSTILE, area=hostile_months,
                       england=hostile_months, group_low=hostile_months, group_high=hostile_months,
                       group_name="<script>alert('x')</script>")
    svg = trend_svg(chart, id_prefix=HOSTILE)
    root = parse(svg)
    tags = {e.tag for e in root.iter()}
    assert tags <= {f"{SVG}{t}" for t in ("svg", "title", "desc", "g", "path", "circle", "text")}
    assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)
    assert root.find(f"{SVG}title").text == HOSTILE
    assert HOSTILE in root.find(f"{SVG}desc").text
    assert "<script>alert('x')</script> (range)" in texts(group(root, "legend"))
    x_labels = texts(group(root, "x-labels"))
    assert x_labels and all(t.startswith("<img src=") for t in x_labels)  # as text, cut to fit
    assert "<img" not in svg and "<script" not in svg

    page = lxml.html.fromstring(trend_table_html(chart, caption=HOSTILE))
    assert not page.xpath("//img|//script")
    assert page.xpath("string(//caption)") == HOSTILE
    assert page.xpath("//thead/tr/th")[1].text_content() == HOSTILE


def test_characters_xml_cannot_hold_are_dropped():
    chart = claimant_chart(title="bad\x00\x0bchar\ufffe", area_name="Stock\x1fport")
    root = parse(trend_svg(chart, id_prefix="c"))
    assert root.find(f"{SVG}title").text == "badchar"
    assert "Stockport" in texts(group(root, "legend"))


def test_same_input_same_bytes():
    a, b = claimant_chart(), claimant_chart()
    assert trend_svg(a, id_prefix="x") == trend_svg(b, id_prefix="x")
    assert trend_table_html(a, "c") == trend_table_html(b, "c")
    assert trend_table_markdown(a) == trend_table_markdown(b)
    # coordinates are written with one decimal
    numbers = re.findall(r'\s(?:x|y|cx|cy|r)="([^"]+)"', trend_svg(a, id_prefix="x") or "")
    assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)


# -- the text alternative --------------------------------------------------------------------

def test_description_of_a_known_chart():
    chart = claimant_chart(england=months((2021, 4), [4.4] * 36 + [3.9]),
                           group_low=months((2021, 4), [2.1] * 37), group_high=months((2021, 4), [5.0] * 37))
    assert trend_description(chart) == (
        "Stockport: 3.2% in April 2024, down 0.6 percentage points since April 2021 (3.8%). "
        "England: 3.9% in April 2024. Similar councils ranged from 2.1% to 5.0% in April 2024. "
        "Lower is better.")
    root = parse(trend_svg(chart, id_prefix="d"))
    assert root.find(f"{SVG}desc").text == trend_description(chart)


def test_description_variants():
    up = TrendChart(title="t", unit="people", area_name="Northmere",
                    area=months((2020, 1), [1200, None, 1234]), desired="up")
    assert trend_description(up) == ("Northmere: 1,234 people in March 2020, up 34 people since January 2020 "
                                     "(1,200 people). Northmere has no value for 1 of 3 periods. Higher is better.")
    flat = TrendChart(title="t", unit="", area_name="A", area=months((2020, 1), [5, 5]))
    assert trend_description(flat) == "A: 5 in February 2020, unchanged since January 2020."
    one = TrendChart(title="t", unit="%", area_name="A", area=months((2020, 1), [None, 2.5]))
    assert trend_description(one).startswith("A: 2.5% in February 2020 (one period only).")
    none = TrendChart(title="t", unit="%", area_name="A", area=months((2020, 1), [None]),
                      england=months((2020, 1), [3.0]))
    assert trend_description(none) == "A: no values. England: 3% in January 2020."


@pytest.mark.parametrize(("value", "unit", "decimals", "text"), [
    (3.2, "%", None, "3.2%"),
    (67.6, "Percentage", None, "67.6%"),
    (3.0, "%", 1, "3.0%"),
    (1234, "people", None, "1,234 people"),
    (1234, "", None, "1,234"),
    (1234, "count", None, "1,234"),
    (1234567.25, "", 1, "1,234,567.2"),
    (-1.5, "%", None, "-1.5%"),
    (-0.04, "%", 1, "0.0%"),
    (1500, "£", None, "£1,500"),
    (-20, "£", None, "-£20"),
    (12.3, "per 100,000", None, "12.3 per 100,000"),
    (54.1, "% of pupils", None, "54.1% of pupils"),
])
def test_format_value(value, unit, decimals, text):
    assert format_value(value, unit, decimals) == text


# -- gaps ------------------------------------------------------------------------------------

def test_missing_values_break_the_line():
    values = [1.0, 2.0, None, 3.0, 4.0, 5.0, None, None, 6.0, None, 7.0, 8.0]
    chart = TrendChart(title="t", unit="%", area_name="A", area=months((2020, 1), values))
    root = parse(trend_svg(chart, id_prefix="g"))
    d = line_path(root, "area")
    segments = subpaths(d)
    # runs of two or more present values: [1,2], [3,4,5], [7,8]; the lone 6 is a marker only
    assert d is not None
    assert d.count("M") == 3
    assert [len(s) for s in segments] == [2, 3, 2]
    circles = group(root, "area").findall(f"{SVG}circle")
    assert len(circles) == sum(v is not None for v in values)
    # no segment spans a gap: consecutive points of a segment are neighbouring periods
    xs = sorted({float(c.get("cx")) for c in circles})
    step = xs[1] - xs[0]
    for seg in segments:
        assert all(b[0] - a[0] < 1.5 * step for a, b in zip(seg, seg[1:]))


def test_a_period_only_other_series_have_is_a_gap_too():
    area = months((2020, 1), [1.0, 2.0, 3.0, 4.0])
    del area[2]  # March 2020 missing from the area's data altogether
    chart = TrendChart(title="t", unit="%", area_name="A", area=area, england=months((2020, 1), [1.0] * 4))
    root = parse(trend_svg(chart, id_prefix="g"))
    assert [len(s) for s in subpaths(line_path(root, "area"))] == [2]
    assert [len(s) for s in subpaths(line_path(root, "england"))] == [4]
    assert "A has no value for 1 of 4 periods." in trend_description(chart)


# -- the y axis --------------------------------------------------------------------------------

def assert_nice(ticks: list[Decimal], low: float, high: float) -> None:
    assert 3 <= len(ticks) <= 5
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    step = steps.pop()
    assert step > 0
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in (1, 2, 5)
    assert all((t / step) == (t / step).to_integral_value() for t in ticks)  # multiples of the step
    assert ticks[0] <= Decimal(repr(low)) and ticks[-1] >= Decimal(repr(high))


@pytest.mark.parametrize(("low", "high", "expected"), [
    (2.1, 5.0, ["2", "3", "4", "5"]),
    (3.2, 3.8, ["3.2", "3.4", "3.6", "3.8"]),
    (0, 1234, ["0", "500", "1000", "1500"]),
    (-3.5, 2.0, ["-4", "-2", "0", "2"]),
    (67.6, 67.6, ["60", "65", "70", "75"]),  # flat: padded 10% either side
    (0, 0, ["0", "0.5", "1.0"]),
])
def test_nice_ticks_examples(low, high, expected):
    ticks = nice_ticks(low, high)
    assert ticks == [Decimal(e) for e in expected]
    assert_nice(ticks, low, high)


@given(st.floats(-1e12, 1e12), st.floats(-1e12, 1e12))
@settings(max_examples=examples(300), deadline=None)
def test_nice_ticks_cover_any_range(a, b):
    low, high = sorted((a, b))
    assert_nice(nice_ticks(low, high), low, high)


def test_y_axis_labels_are_the_ticks_with_the_unit():
    root = parse(trend_svg(claimant_chart(), id_prefix="y"))
    assert texts(group(root, "y-axis")) == ["2%", "3%", "4%", "5%"]
    people = TrendChart(title="t", unit="people", area_name="A", area=months((2020, 1), [0, 600, 1234]))
    root = parse(trend_svg(people, id_prefix="y"))
    assert texts(group(root, "y-axis")) == ["0", "500", "1,000", "1,500"]
    unit = [e for e in root.iter(f"{SVG}text") if e.get("class") == "unit"]
    assert [u.text for u in unit] == ["people"]


def test_negative_and_flat_series():
    neg = TrendChart(title="t", unit="", area_name="A", area=months((2020, 1), [-3.5, -1.0, 2.0]))
    root = parse(trend_svg(neg, id_prefix="n"))
    assert texts(group(root, "y-axis")) == ["-4", "-2", "0", "2"]
    flat = TrendChart(title="t", unit="%", area_name="A", area=months((2020, 1), [67.6] * 5))
    root = parse(trend_svg(flat, id_prefix="f"))
    assert texts(group(root, "y-axis")) == ["60%", "65%", "70%", "75%"]
    (seg,) = subpaths(line_path(root, "area"))
    _, h = view_box(root)
    assert len({y for _, y in seg}) == 1 and 0 < seg[0][1] < h  # a flat line inside the plot


# -- the legend, colours, marker shapes ---------------------------------------------------------

def test_legend_names_every_series_drawn():
    root = parse(trend_svg(claimant_chart(), id_prefix="l"))
    assert texts(group(root, "legend")) == ["Stockport", "England", "Similar councils (range)"]
    only_area = claimant_chart(england=[], group_low=[], group_high=[])
    root = parse(trend_svg(only_area, id_prefix="l"))
    assert texts(group(root, "legend")) == ["Stockport"]
    assert group(root, "england") is None and group(root, "band") is None
    unnamed = claimant_chart(group_name="")
    assert "Comparator group (range)" in texts(group(parse(trend_svg(unnamed, id_prefix="l")), "legend"))


def test_series_differ_by_more_than_colour():
    root = parse(trend_svg(claimant_chart(), id_prefix="s"))
    area, england, band = group(root, "area"), group(root, "england"), group(root, "band")
    area_line = next(p for p in area.iter(f"{SVG}path") if p.get("class") == "line")
    england_line = next(p for p in england.iter(f"{SVG}path") if p.get("class") == "line")
    assert area_line.get("stroke-dasharray") is None
    assert england_line.get("stroke-dasharray") == "6 3"
    assert area.findall(f"{SVG}circle") and not england.findall(f"{SVG}circle")  # circles vs diamonds
    diamonds = next(p for p in england.iter(f"{SVG}path") if p.get("class") == "markers")
    assert diamonds.get("d", "").count("Z") == 37
    edges = [p for p in band.iter(f"{SVG}path") if p.get("stroke")]
    assert [e.get("stroke-dasharray") for e in edges] == ["2 2"]


def test_colours_contrast_with_white():
    for colour in (charts.AREA_COLOUR, charts.ENGLAND_COLOUR, charts.BAND_EDGE_COLOUR, charts.AXIS_COLOUR):
        assert contrast_with_white(colour) >= 3, colour
    assert contrast_with_white(charts.TEXT_COLOUR) >= 4.5
    root = parse(trend_svg(claimant_chart(), id_prefix="k"))
    for g in root.iter(f"{SVG}g"):
        if g.findall(f"{SVG}text"):
            assert g.get("fill") == charts.TEXT_COLOUR
    for text in root.iter(f"{SVG}text"):
        assert text.get("fill") in (None, charts.TEXT_COLOUR)


# -- edge cases ------------------------------------------------------------------------------

def test_one_point():
    chart = TrendChart(title="t", unit="%", area_name="A", area=[month(2024, 4, 3.2)])
    root = parse(trend_svg(chart, id_prefix="o"))
    assert line_path(root, "area") is None
    (circle,) = group(root, "area").findall(f"{SVG}circle")
    w, _ = view_box(root)
    assert 0 < float(circle.get("cx")) < w
    assert texts(group(root, "x-labels")) == ["April 2024"]


def test_no_values_gives_none():
    assert trend_svg(TrendChart(title="t", unit="%", area_name="A", area=[]), id_prefix="z") is None
    empty = TrendChart(title="t", unit="%", area_name="A", area=months((2020, 1), [None, None]),
                       england=months((2020, 1), [None, float("nan")]))
    assert trend_svg(empty, id_prefix="z") is None
    assert [r.label for r in trend_table_rows(empty)] == ["January 2020", "February 2020"]
    assert "no data" in trend_table_html(empty, "c")


def test_not_finite_values_are_missing():
    chart = TrendChart(title="t", unit="", area_name="A",
                       area=months((2020, 1), [1.0, float("inf"), 3.0, float("nan"), 1e300]))
    assert [r.area for r in trend_table_rows(chart)] == [1.0, None, 3.0, None, None]
    parse(trend_svg(chart, id_prefix="i"))


def test_many_periods_thin_the_x_labels():
    root = parse(trend_svg(claimant_chart(), id_prefix="x"))
    labels = group(root, "x-labels").findall(f"{SVG}text")
    assert 2 <= len(labels) < 37
    assert labels[0].text == "April 2021" and labels[-1].text == "April 2024"
    assert (labels[0].get("text-anchor"), labels[-1].get("text-anchor")) == ("start", "end")
    # estimated extents do not overlap
    extents = []
    for t in labels:
        x, w = float(t.get("x")), len(t.text) * charts.CHAR_WIDTH
        anchor = t.get("text-anchor")
        extents.append((x, x + w) if anchor == "start" else (x - w, x) if anchor == "end" else (x - w / 2, x + w / 2))
    assert all(a[1] < b[0] for a, b in zip(extents, extents[1:]))
    # short labels: more of them fit
    short = TrendChart(title="t", unit="", area_name="A",
                       area=[SeriesPoint(str(2000 + i), date(2000 + i, 1, 1), date(2000 + i, 12, 31), i)
                             for i in range(37)])
    assert len(group(parse(trend_svg(short, id_prefix="s")), "x-labels").findall(f"{SVG}text")) > len(labels)


def test_duplicate_period_in_a_series_is_refused():
    with pytest.raises(ValueError, match="appears twice in area"):
        TrendChart(title="t", unit="", area_name="A", area=[month(2020, 1, 1), month(2020, 1, 2)])
    with pytest.raises(ValueError, match="ends"):
        SeriesPoint("x", date(2020, 2, 1), date(2020, 1, 1), 1.0)


# -- the data table ------------------------------------------------------------------------

def test_table_rows():
    chart = claimant_chart(group_low=months((2021, 4), [5.0] + [2.1] * 36),
                           group_high=months((2021, 4), [2.0] + [5.0] * 36))
    rows = trend_table_rows(chart)
    assert len(rows) == 37 and rows[0].label == "April 2021" and rows[-1].label == "April 2024"
    assert (rows[0].area, rows[0].england, rows[0].group_low, rows[0].group_high) == (3.8, 4.4, 2.0, 5.0)
    assert [r.start for r in rows] == sorted(r.start for r in rows)


def test_table_html():
    chart = claimant_chart()
    page = lxml.html.fromstring(trend_table_html(chart, caption="Claimant count, Stockport"))
    assert page.tag == "table"
    assert page.xpath("string(caption)") == "Claimant count, Stockport"
    head = page.xpath("thead/tr/th")
    assert [th.get("scope") for th in head] == ["col"] * 4
    assert [th.text_content() for th in head] == ["Period", "Stockport", "England",
                                                  "Similar councils (lowest to highest)"]
    body = page.xpath("tbody/tr")
    assert len(body) == 37
    first = body[0]
    assert first.xpath("th")[0].get("scope") == "row"
    assert [c.text_content() for c in first.xpath("th|td")] == ["April 2021", "3.8%", "4.4%", "2.1% to 5.0%"]


def test_table_markdown():
    chart = TrendChart(title="t", unit="%", area_name="Stockport | *North*", area=months((2020, 1), [1.5, None]),
                       group_low=months((2020, 1), [1.0, 2.0]), group_high=months((2020, 1), [2.0, 3.0]),
                       group_name="CIPFA_neighbours")
    text = trend_table_markdown(chart)
    assert text.splitlines() == [
        r"| Period | Stockport \| \*North\* | CIPFA\_neighbours (lowest to highest) |",
        "|---|---|---|",
        "| January 2020 | 1.5% | 1.0% to 2.0% |",
        "| February 2020 | no data | 2.0% to 3.0% |",
    ]
    # every row has as many unescaped pipes as the header
    assert len({len(re.findall(r"(?<!\\)\|", line)) for line in text.splitlines()}) == 1
    # the report's own escape gives the same here, and any escape callable is used
    assert trend_table_markdown(chart, escape=md) == text
    assert trend_table_markdown(chart, escape=str.upper).startswith("| PERIOD | STOCKPORT | *NORTH* |")
    assert markdown_escape("a <b> & c &amp; [x](y)") == r"a \<b> & c \&amp; \[x\](y)"


# -- any series ----------------------------------------------------------------------------

DAY0 = date(2015, 1, 1)
value = st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False), st.integers(-10**6, 10**6).map(float),
                  st.sampled_from([0.0, -0.0, 1e-7, float("nan"), float("inf")]))
label = st.text(min_size=0, max_size=30)


@st.composite
def series(draw, offsets: list[int]) -> list[SeriesPoint]:
    return [SeriesPoint(draw(label), DAY0 + timedelta(days=o), DAY0 + timedelta(days=o + draw(st.integers(0, 400))),
                        draw(value))
            for o in offsets]


@st.composite
def any_chart(draw) -> TrendChart:
    offsets = sorted(draw(st.sets(st.integers(0, 5000), max_size=60)))
    subset = st.lists(st.sampled_from(offsets), unique=True).map(sorted) if offsets else st.just([])
    return TrendChart(
        title=draw(label), unit=draw(st.sampled_from(["%", "", "people", "£", "per 1,000", "<&>"])),
        area_name=draw(label), area=draw(series(offsets)),
        england=draw(series(draw(subset))), group_low=draw(series(draw(subset))),
        group_high=draw(series(draw(subset))), group_name=draw(label),
        desired=draw(st.sampled_from(["up", "down", None])))


COORDINATES = {"x": 0, "cx": 0, "y": 1, "cy": 1}


@given(any_chart(), st.integers(160, 800), st.integers(100, 400))
@settings(max_examples=examples(200), deadline=None)
def test_any_series_gives_well_formed_svg_inside_its_view_box(chart, width, height):
    svg = trend_svg(chart, width=width, height=height, id_prefix="p")
    if not any(v is not None for r in trend_table_rows(chart)
               for v in (r.area, r.england, r.group_low, r.group_high)):
        assert svg is None
        event("no values: no chart")
        return
    event("chart drawn")
    root = parse(svg)
    w, h = view_box(root)
    assert w >= width - 0.05 and h >= height - 0.05
    for element in root.iter():
        for name, axis in COORDINATES.items():
            if name in element.attrib:
                v = float(element.get(name))
                assert math.isfinite(v) and 0 <= v <= (w, h)[axis], (element.tag, name, v)
        if "r" in element.attrib:
            assert 0 < float(element.get("r")) <= 3
        if element.tag == f"{SVG}path":
            d = element.get("d", "")
            assert re.fullmatch(r"(?:[MLZ]|-?\d+\.\d|\s)+", d), d
            numbers = [float(n) for n in re.findall(r"-?\d+\.\d", d)]
            assert len(numbers) % 2 == 0
            for x, y in zip(numbers[::2], numbers[1::2]):
                assert 0 <= x <= w and 0 <= y <= h, (x, y, w, h)
    assert svg == trend_svg(chart, width=width, height=height, id_prefix="p")
    assert root.find(f"{SVG}desc").text == " ".join(trend_description(chart).split())
    lxml.html.fromstring(trend_table_html(chart, chart.title))
