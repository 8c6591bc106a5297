"""Trend charts (viz/charts.py) in a real browser: two charts with their data tables in a
minimal page, checked by axe-core (WCAG 2.2 A/AA), through the accessibility tree (an image
named by its title and description), for text that overlaps or leaves the chart, and at
320 CSS px for reflow. Chromium as in tests/browser.py (skips without it, fails under CI=true).
"""

from __future__ import annotations

import html
from datetime import date

import pytest
from browser import axe_violations, offline_requests, open_page
from test_charts import HOSTILE, claimant_chart, months

from goldenthread.viz.charts import (
    SeriesPoint,
    TrendChart,
    trend_description,
    trend_svg,
    trend_table_html,
)

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; margin: 0; padding: 0 0.5rem; line-height: 1.4; color: #0b0c0c; }
.trend { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.trend .chart { flex: 1 1 16rem; max-width: 320px; min-width: 0; }
.trend table { flex: 1 1 16rem; border-collapse: collapse; font-size: 0.875rem; }
.trend th, .trend td { border-bottom: 1px solid #b1b4b6; padding: 0.25rem 0.5rem 0.25rem 0; text-align: left; }
"""


def charts() -> list[tuple[str, TrendChart]]:
    people = TrendChart(
        title=f"Households in temporary accommodation {HOSTILE}", unit="households", area_name="Northmere",
        area=[SeriesPoint(f"{y}/{str(y + 1)[2:]}", date(y, 4, 1), date(y + 1, 3, 31), v)
              for y, v in zip(range(2015, 2024), [-120, 340, None, 1234, 1500, None, 980, 1020, 1100])],
        england=[], group_low=[], group_high=[], desired="down")
    return [("claimant", claimant_chart()), ("households", people)]


def page_html() -> str:
    sections = []
    for prefix, chart in charts():
        svg = trend_svg(chart, id_prefix=prefix)
        assert svg is not None
        sections.append(
            f"<section><h2>{html.escape(chart.title)}</h2><div class=\"trend\">"
            f"<div class=\"chart\">{svg}</div>"
            f"{trend_table_html(chart, caption=f'{chart.title}: the data')}</div></section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Indicator trends</title><style>{STYLE}</style></head>"
            f"<body><main><h1>Indicator trends</h1>{''.join(sections)}</main></body></html>")


@pytest.fixture
def page_path(tmp_path):
    path = tmp_path / "charts.html"
    path.write_text(page_html(), encoding="utf-8")
    return path


# the chart's text, as drawn: each <text>'s box in the SVG's own units, and the viewBox
TEXT_BOXES = """svg => {
  const vb = svg.viewBox.baseVal;
  return {w: vb.width, h: vb.height, boxes: [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {group: t.parentNode.getAttribute('class') || t.getAttribute('class'), text: t.textContent,
            x: b.x, y: b.y, w: b.width, h: b.height};
  })};
}"""


def test_charts_in_a_page_are_accessible_and_reflow(page_path):
    with open_page(page_path) as (page, requests, errors):
        from playwright.sync_api import expect  # after open_page: it skips without Playwright

        assert axe_violations(page) == []
        for prefix, chart in charts():
            image = page.get_by_role("img", name=chart.title)
            expect(image).to_have_count(1)
            expect(image).to_have_accessible_name(f"{chart.title} {trend_description(chart)}")
            assert image.evaluate("e => e.tagName") == "svg"
            assert image.get_attribute("aria-labelledby") == f"{prefix}-title {prefix}-desc"
            # the hostile title is the name's text, never markup
            assert page.locator("img").count() == 0 and page.locator("script").count() == 0

            # drawn text stays inside the chart, and x labels and legend entries never overlap
            found = image.evaluate(TEXT_BOXES)
            for box in found["boxes"]:
                assert box["x"] >= -0.5 and box["x"] + box["w"] <= found["w"] + 0.5, box
                assert box["y"] >= -0.5 and box["y"] + box["h"] <= found["h"] + 0.5, box
            for cls in ("x-labels", "legend"):
                boxes = sorted((b for b in found["boxes"] if b["group"] == cls), key=lambda b: (b["y"], b["x"]))
                assert boxes, cls
                for a, b in zip(boxes, boxes[1:]):
                    if abs(a["y"] - b["y"]) < 1:  # two labels on one line never overlap
                        assert a["x"] + a["w"] <= b["x"], (a, b)

            # keeps its aspect ratio as it scales
            size = image.bounding_box()
            assert size is not None and size["width"] == pytest.approx(320, abs=1)
            assert size["height"] == pytest.approx(size["width"] * found["h"] / found["w"], abs=1)
        assert offline_requests(requests, page_path) == []
        assert errors == []

    with open_page(page_path, viewport=(320, 640)) as (page, _requests, _errors):
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for _prefix, chart in charts():
            image = page.get_by_role("img", name=chart.title)
            size = image.bounding_box()
            assert size is not None and 0 < size["width"] <= 320
        assert axe_violations(page) == []


def test_a_chart_with_gaps_renders_each_run(tmp_path):
    """The line's gaps survive rendering: the area path has one subpath per run."""
    chart = TrendChart(title="Gaps", unit="%", area_name="A",
                       area=months((2020, 1), [1.0, 2.0, None, 3.0, 4.0, None, 5.0]))
    path = tmp_path / "gaps.html"
    path.write_text(f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gaps</title></head>"
                    f"<body><main><h1>Gaps</h1>{trend_svg(chart, id_prefix='g')}</main></body></html>",
                    encoding="utf-8")
    with open_page(path) as (page, _requests, errors):
        segments = page.evaluate("""() => {
          const d = document.querySelector('g.area path.line').getAttribute('d');
          return d.split('M').filter(Boolean).length;
        }""")
        assert segments == 2
        assert page.locator("g.area circle").count() == 5
        assert errors == []
