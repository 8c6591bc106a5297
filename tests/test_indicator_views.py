"""Indicator tracking where officers read it: the audit report's section "Measures and indicator
data" (HTML and Markdown) and the explorer's details panel and table, on the Stockport plans with
the Trafford Data Lab files (``--area E08000007``; skips without them, fails under CI=true) and on
the Northmere example with its own data; hostile indicator names stay text in both pages.

The figures expected are those of tests/test_indicator_tracking.py (read by hand from the files):
unemployment 5.8 % in April 2021, 3.2 % in April 2024, England 3.9 %, 5th of 15 CIPFA neighbours.
Browser checks use Debian Chromium (tests/browser.py) and the explorer's page objects
(tests/explorer_page.py).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from browser import axe_violations, offline_requests, open_page
from conftest import EXAMPLE
from explorer_page import ExplorerPage
from indicator_fixtures import (
    CLAIMANT_RATE,
    NORTHMERE_AREA,
    NORTHMERE_DATA,
    measure,
    northmere_with_indicators,
    require_stockport_data,
    stockport_with_indicators,
)

from goldenthread.graph.build import build_graph
from goldenthread.graph.review import COLUMNS
from goldenthread.graph.tracking import STATUS_RULE
from goldenthread.queries.library import Workspace
from goldenthread.viz.explorer import explorer_data, render_explorer
from goldenthread.viz.report import render_report

BP_UNEMPLOYMENT = "enterprising-thriving/measure-3-reduced-unemployment"
HOSTILE = "<img src=x onerror=alert(1)>"
LAPTOP = (1440, 900)
NARROW = (320, 700)


# -- builds and pages, made once per test process ------------------------------------------------
# (session-scoped: a worker that runs this module's tests in two stretches, between other
# modules' tests, would otherwise render the pages twice)

@pytest.fixture(scope="session")
def sp():
    require_stockport_data()
    return stockport_with_indicators()


@pytest.fixture(scope="session")
def sp_report(sp) -> tuple[str, str]:
    return render_report(Workspace(sp.graph))


@pytest.fixture(scope="session")
def nm_report() -> tuple[str, str]:
    return render_report(Workspace(northmere_with_indicators().graph))


@pytest.fixture(scope="session")
def sp_pages(sp, sp_report, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("stockport-indicators")
    (folder / "report.html").write_text(sp_report[0], encoding="utf-8")
    (folder / "explorer.html").write_text(render_explorer(Workspace(sp.graph)), encoding="utf-8")
    return {"report": folder / "report.html", "explorer": folder / "explorer.html"}


def anchor_of(graph, measure_id: str, indicator_id: str) -> str:
    """The id the pages give one tracking summary: its place in ``graph.tracking``."""
    k = next(k for k, t in enumerate(graph.tracking, start=1) if (t.measure, t.indicator) == (measure_id, indicator_id))
    return f"track-{k}"


def article(page: str, anchor: str) -> str:
    """The report's entry of one tracked measure (its <article>)."""
    found = re.search(rf'<article class="tracked" id="{anchor}".*?</article>', page, re.S)
    assert found, anchor
    return found.group(0)


def section(page: str, section_id: str) -> str:
    start = page.index(f'<section id="{section_id}"')
    return page[start:page.index('<section id="about"', start)]


# -- the report, HTML ------------------------------------------------------------------------------

def test_report_shows_each_tracked_measure_with_its_chart_and_table(sp, sp_report):
    page = sp_report[0]
    measures = section(page, "measures")
    assert '<h2 id="measures-h">6. Measures and indicator data</h2>' in measures
    assert '<li><a href="#measures">Measures and indicator data</a></li>' in page
    # one chart per tracked measure and indicator, an image named by its title and description,
    # each with its data table in a named scrolling region
    svgs = re.findall(r"<svg [^>]*class=\"trend-chart\"[^>]*>", measures)
    assert len(svgs) == len(sp.graph.tracking) == 8
    assert all('role="img"' in s and "aria-labelledby=" in s for s in svgs)
    tables = re.findall(r'<div class="scroll" role="region" tabindex="0" aria-labelledby="(table-\d+)">'
                        r'<table class="trend-table">\n<caption id="(table-\d+)">', measures)
    assert len(tables) == 8 and all(a == b for a, b in tables)

    entry = article(page, anchor_of(sp.graph, measure(sp, BP_UNEMPLOYMENT), CLAIMANT_RATE))
    assert "<h4" in entry and ">Reduced unemployment</h4>" in entry
    desc = re.search(r'<desc id="[^"]+">([^<]*)</desc>', entry).group(1)
    assert desc.startswith("Stockport: 3.2% in April 2024, down 2.6 percentage points since April 2021 (5.8%).")
    assert "England: 3.9% in April 2024." in desc and desc.endswith("Lower is better.")
    assert '<th scope="row">April 2024</th><td>3.2%</td><td>3.9%</td>' in entry  # the data beside it
    assert "<dt>Latest</dt><dd>3.2% in April 2024</dd>" in entry
    assert ("Improving: down 2.6 percentage points since April 2021 (5.8%); lower is better "
            "(the measure says “Reduced”)") in entry
    assert '<span class="mark" aria-hidden="true">↗</span>' in entry  # travel by icon and word
    assert "3.9% in April 2024: Stockport&#x27;s value is better" in entry
    assert "5th of 15 similar councils (cipfa2021, Stockport included) in April 2024" in entry
    # status by word and icon, with the one rule's wording and a link to it
    assert '<span class="status status-green"><svg class="icon"' in entry and "<span>Green</span>" in entry
    assert f"when {STATUS_RULE['green']} (<a href=\"#measures-rule-h\">the rule</a>)" in entry
    # the link's evidence: inferred, its score, and the two passages compared
    assert "Inferred from wording: score 0.15" in entry
    assert "borough-plan-2030-discussion-draft.txt line 709</span> <q>- Reduced unemployment</q>" in entry
    assert "indicators/claimant_count.csv line 3" in entry


def test_report_groups_measures_by_what_they_measure_and_states_the_rule(sp, sp_report):
    page = sp_report[0]
    measures = section(page, "measures")
    for status, rule in STATUS_RULE.items():
        assert f"<dd>{rule.replace(chr(39), '&#x27;')}</dd>" in measures, status
    headings = re.findall(r'<h3 id="measures-\d+-h">([^<]*)</h3>', measures)
    assert headings == ["Priority: A caring and growing Stockport", "Priority: An enterprising and thriving Stockport",
                        "Priority: A skilled and confident Stockport",
                        "Theme: Stockport to benefit from a thriving economy",
                        "Theme: Stockport people to be able to make positive choices and…"]
    # a theme's measures are its priorities' (the thread table's rule): the group says which
    assert "Measures the theme, and so each of its 6 priorities" in measures
    statuses = re.findall(r'<article class="tracked"[^>]*data-status="([^"]+)"', measures)
    assert sorted(statuses) == sorted(t.status for t in sp.graph.tracking)
    assert {"Green", "Amber", "Red", "No direction"} <= set(re.findall(r"<span>([A-Z][a-z]+(?: [a-z]+)?)</span>",
                                                                        measures))


def test_report_headline_and_measure_findings(sp, sp_report):
    page = sp_report[0]
    headline = "7 tracked measures (8 indicator series): 4 green, 1 amber, 2 red, 1 no direction"
    assert f"Measures tracked by indicator data, per status: {headline}</caption>" in page
    assert f"<strong>{headline}.</strong>" in page  # a key finding
    # the audit rules about measures, reported like the breaks: a group each, every item cited
    counts = {key: len(re.findall(r'<tr data-id="[^"]+" data-reason="' + key + '"', page))
              for key in ("wrong-way", "vague", "no-data")}
    assert counts == {"wrong-way": 2, "vague": 51, "no-data": 68}  # as `goldenthread audit` finds them
    assert '<h3 id="measures-rule-no-data-h">Measures with no indicator data (no data) (68)</h3>' in page
    no_data = section(page, "measures-rule-no-data")
    assert '<th scope="col">Nearest indicators</th>' in no_data
    assert "School readiness: percentage of children achieving a good level of development" in no_data


def test_report_markdown_has_the_same_section(sp, sp_report):
    md = sp_report[1]
    part = md[md.index("## 6. Measures and indicator data"):md.index("## About this report")]
    assert "7 tracked measures (8 indicator series): 4 green, 1 amber, 2 red, 1 no direction." in part
    assert part.count("Chart, in words: ") == 8
    assert ("Chart, in words: Stockport: 3.2% in April 2024, down 2.6 percentage points since April 2021 (5.8%). "
            "England: 3.9% in April 2024.") in part
    assert part.count("| Period | Stockport | England | Similar councils (lowest to highest) |") == 8
    assert "| April 2024 | 3.2% | 3.9% | 1.8% to 5.7% |" in part
    assert "- Status: ✔ Green when improving since the baseline and better than England." in part
    assert "### Measures too vague to track as written (51)" in part
    assert "| Tracked measures | Indicator series | ✔ Green | ▲ Amber | ✖ Red | ? No direction | – No data |" in md


def test_northmere_report_with_indicator_data(nm_report):
    page, md = nm_report
    graph = northmere_with_indicators().graph
    measures = section(page, "measures")
    assert len(re.findall(r'<svg [^>]*class="trend-chart" role="img"', measures)) == len(graph.tracking) == 6
    assert "4 tracked measures (6 indicator series): 2 green, 4 amber." in measures
    assert "Theme: Healthy and happy lives" in measures
    assert "301 homes in 2024/25" in measures and "(not compared: a count" not in measures  # no England row
    assert "## 6. Measures and indicator data" in md and md.count("Chart, in words: Northmere: ") == 6
    about = page[page.index('<section id="about"'):]  # the indicator files read, with their digests
    assert re.search(r'<th scope="row">indicators/employment-rate\.csv</th><td>–</td><td class="digest">[0-9a-f]{64}<',
                     about)


def test_no_section_without_indicator_data(northmere):
    page, md = render_report(Workspace(northmere.graph))
    assert 'id="measures"' not in page and "Measures and indicator data" not in page
    assert "## 6." not in md and "trend-chart" not in page
    index, chunks = explorer_data(Workspace(northmere.graph))
    assert "statusRule" not in index and all("tracking" not in c for c in chunks)


# -- hostile indicator names ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The example with its affordable-homes indicator named ``HOSTILE`` (the file's constant in
    indicators.toml), linked to its measure by a reviewer's decision: the graph holds it literally."""
    folder = tmp_path_factory.mktemp("hostile-indicators")
    data = folder / "data"
    shutil.copytree(NORTHMERE_DATA, data)
    toml = data / "indicators.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count('indicator = "Affordable homes completed"') == 1
    toml.write_text(text.replace('indicator = "Affordable homes completed"',
                                 f'indicator = "Affordable homes completed {HOSTILE}"'), encoding="utf-8")
    first = build_graph(EXAMPLE, indicators=data, area=NORTHMERE_AREA).graph
    indicator = next(n.id for n in first.nodes if n.kind == "indicator" and HOSTILE in n.label)
    homes = next(n.id for n in first.nodes if n.kind == "measure" and n.label == "Number of affordable homes completed")
    decisions = folder / "decisions.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow({c: {"decision": "add", "source": homes, "target": indicator, "kind": "tracked_by",
                         "note": f"reviewer {HOSTILE}"}.get(c, "") for c in COLUMNS})
    decisions.write_text(out.getvalue(), encoding="utf-8")
    graph = build_graph(EXAMPLE, decision_files=[decisions], indicators=data, area=NORTHMERE_AREA).graph
    assert any(t.indicator == indicator and t.measure == homes for t in graph.tracking)
    ws = Workspace(graph)
    html, md = render_report(ws)
    (folder / "report.html").write_text(html, encoding="utf-8")
    (folder / "explorer.html").write_text(render_explorer(ws), encoding="utf-8")
    return {"graph": graph, "measure": homes, "indicator": indicator, "html": html, "md": md, "folder": folder}


def test_hostile_indicator_names_are_escaped_in_the_report(hostile):
    html, md = hostile["html"], hostile["md"]
    assert HOSTILE not in html and "<img" not in html
    assert "Affordable homes completed &lt;img src=x onerror=alert(1)&gt;" in html
    entry = article(html, anchor_of(hostile["graph"], hostile["measure"], hostile["indicator"]))
    assert "<title id=" in entry and "&lt;img src=x onerror=alert(1)&gt;, Northmere</title>" in entry
    assert "Curated: accepted or added by a reviewer" in entry  # a curated link says so
    assert not re.search(r"(?<!\\)<img", md)  # Markdown: "<" escaped where it would open HTML
    assert r"Affordable homes completed \<img src=x onerror=alert(1)>" in md


def test_hostile_indicator_names_are_escaped_in_the_explorer(hostile):
    page_text = (hostile["folder"] / "explorer.html").read_text(encoding="utf-8")
    assert HOSTILE not in page_text and "\\u003cimg src=x onerror=alert(1)\\u003e" in page_text
    dialogs: list[str] = []
    with open_page(hostile["folder"] / "explorer.html", viewport=LAPTOP) as (page, requests, errors):
        def on_dialog(dialog):
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)  # taken off again in any case: the page is reused by the next test
        try:
            page.wait_for_selector("html[data-ready]", timeout=60_000)
            x = ExplorerPage(page)
            x.select(hostile["measure"])
            (tracked,) = [t for t in x.details.tracked() if t["indicator"] == hostile["indicator"]]
            assert HOSTILE in tracked["text"]
            assert any(HOSTILE in name for name in x.details.chart_names())
            anchor = anchor_of(hostile["graph"], hostile["measure"], hostile["indicator"])
            assert HOSTILE in x.details.chart_caption(anchor)
            x.select(hostile["indicator"])
            assert HOSTILE in x.details.title()
            x.table.show("measures")
            assert HOSTILE in " ".join(x.table.column("indicator"))
            assert page.locator("img, [onerror]").count() == 0 and dialogs == []
        finally:
            page.remove_listener("dialog", on_dialog)
        assert axe_violations(page) == []
        assert offline_requests(requests, hostile["folder"] / "explorer.html") == [] and errors == []


# -- the explorer, in Chromium -------------------------------------------------------------------

def _explorer(path: Path, viewport):
    return open_page(path, viewport=viewport)


@pytest.mark.parametrize("viewport", [LAPTOP, NARROW], ids=["laptop", "320px"])
def test_explorer_details_say_how_a_measure_is_tracked(sp, sp_pages, viewport):
    path = sp_pages["explorer"]
    bp_unemployment = measure(sp, BP_UNEMPLOYMENT)
    anchor = anchor_of(sp.graph, bp_unemployment, CLAIMANT_RATE)
    with _explorer(path, viewport) as (page, requests, errors):
        page.wait_for_selector("html[data-ready]", timeout=60_000)
        x = ExplorerPage(page)
        x.select(bp_unemployment)
        assert x.details.title() == "Reduced unemployment"
        answer = x.details.answer("tracked")
        assert "Claimants as a proportion of residents aged 16-64" in answer
        (tracked,) = x.details.tracked()
        assert tracked["indicator"] == CLAIMANT_RATE and tracked["status"] == "green"
        for words in ("✔ Green", "Latest: 3.2% in April 2024", "Improving: down 2.6 percentage points since April 2021",
                      "England: 3.9% in April 2024", "5th of 15 similar councils", STATUS_RULE["green"]):
            assert words in tracked["text"], words
        # the chart: an image named by its title and described by its text alternative
        assert x.details.charts().count() == 1
        (name,) = x.details.chart_names()
        assert name.startswith("Claimants as a proportion of residents aged 16-64, Stockport Stockport: 3.2% in April")
        assert x.details.charts_named(re.compile("Claimants as a proportion")) == 1
        assert x.details.charts().first.get_attribute("style") is None  # the page's CSP allows no style attribute
        table = x.details.chart_table(anchor)
        assert table[0] == ["Period", "Stockport", "England", "Similar councils (lowest to highest)"]
        assert table[-1] == ["April 2024", "3.2%", "3.9%", "1.8% to 5.7%"] and len(table) == 38
        assert "score 0.15" in x.details.why_tracked(anchor)
        # an indicator: what it tracks and its latest value; no oversight or measures asked of it
        x.select(CLAIMANT_RATE)
        assert x.details.kind() == "indicator"
        assert "Reduced unemployment" in x.details.answer("reverse")
        assert "3.2% in April 2024" in x.details.answer("latest")
        assert not x.details.has_answer("overseen") and not x.details.has_answer("measured")
        assert "Indicator data (11)" in x.filters.plan_groups()
        assert x.page_width() <= viewport[0]
        assert x.js("[...document.querySelectorAll('main *, header *')].filter(e => !e.closest('.table-wrap') && "
                    "e.getBoundingClientRect().right > innerWidth + 0.5 && e.getClientRects().length).length") == 0
        x.select(bp_unemployment)
        assert axe_violations(page) == []
        assert offline_requests(requests, path) == [] and errors == []


def test_explorer_table_lists_measures_and_indicators_with_csv(sp, sp_pages, tmp_path):
    path = sp_pages["explorer"]
    with _explorer(path, LAPTOP) as (page, requests, errors):
        page.wait_for_selector("html[data-ready]", timeout=60_000)
        x = ExplorerPage(page)
        x.table.show("measures")
        assert x.table.headers() == ["Measure", "Indicator", "Plan", "Latest", "Travel", "England",
                                     "Rank among similar councils", "Status"]
        assert len(x.table.all_rows()) == len(sp.graph.tracking)
        rows = x.table.download_csv(tmp_path)
        assert rows[0] == x.table.headers()
        unemployment = [r for r in rows[1:] if r[0] == "Reduced unemployment"]
        assert len(unemployment) == 2 and unemployment[0][3:] == [
            "3.2% in April 2024", "↗ improving", "3.9% (better)", "5th of 15", "✔ Green"]
        assert sorted(r[-1] for r in rows[1:]) == sorted(["✔ Green"] * 4 + ["▲ Amber"] + ["✖ Red"] * 2
                                                         + ["? No direction"])
        assert "table=measures" in x.hash()
        assert axe_violations(page) == []
        assert errors == []


def test_report_with_indicator_data_in_a_browser(sp_pages):
    """axe-core on Stockport's report with its indicator section, on a laptop screen: every
    section of Stockport's report (tests/test_report.py checks the report without it in print,
    and the rest of what a browser shows)."""
    path = sp_pages["report"]
    with open_page(path) as (page, requests, errors):
        assert page.locator("#measures svg.trend-chart").count() == 8
        assert axe_violations(page) == []
        assert offline_requests(requests, path) == [] and errors == []


def test_report_with_indicator_data_passes_axe_at_320_px(nm_report, tmp_path):
    """axe-core at 320 px on the example's report with its indicator section: the same
    templates as Stockport's, whose reflow at 320 px the next test checks (axe-core on
    Stockport's at 320 px took 10 s, most of it colour contrast over its 27 tables)."""
    path = tmp_path / "report.html"
    path.write_text(nm_report[0], encoding="utf-8")
    with open_page(path, viewport=NARROW) as (page, requests, errors):
        assert page.locator("#measures svg.trend-chart").count() == 6
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW[0]
        assert axe_violations(page) == []
        assert offline_requests(requests, path) == [] and errors == []


def test_report_reflows_at_320_px_with_its_charts(sp_pages):
    path = sp_pages["report"]
    with open_page(path, viewport=NARROW) as (page, requests, errors):
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW[0]
        regions = page.evaluate("""[...document.querySelectorAll('table')].map(t => {
            const box = t.parentElement;
            return [box.getAttribute('role'), box.tabIndex,
                    document.getElementById(box.getAttribute('aria-labelledby')) === t.caption];
        })""")
        assert regions and all(r == ["region", 0, True] for r in regions)
        charts = page.locator("#measures svg.trend-chart")
        assert charts.count() == 8
        assert all(box["width"] <= NARROW[0] for box in (charts.nth(k).bounding_box() for k in range(8)))
        named = page.get_by_role("img", name=re.compile(r"Claimants as a proportion .* 3\.2% in April 2024"))
        assert named.count() == 3  # the three measures tracked by the claimant proportion
        assert offline_requests(requests, path) == [] and errors == []
