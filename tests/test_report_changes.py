"""The report's "What changed since <previous edition>" section (``build --previous``): counts per
change, a table per change citing both editions, and each Borough priority's Council commitments
gained and lost. The next edition here is the example's delivery plan with known edits."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import axe_violations

from goldenthread.graph.build import build_graph
from goldenthread.queries.editions import edition_changes, priority_shifts
from goldenthread.queries.library import Workspace
from goldenthread.viz.report import render_report, render_reports
from goldenthread.viz.report_model import Previous, collect

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "northmere"
PLAN = "northmere-council-delivery-plan-2025-26.txt"
HOSTILE = "<img src=x onerror=alert(1)>"
EDITS = [  # (old text, new text) in the delivery plan: each a change the section must show
    ("2025/26", "2026/27"),
    ("We shall offer 90 apprenticeships", "We shall offer 120 apprenticeships"),  # reworded
    ("> We shall raise the share of Council spending with Northmere-based businesses to 40%.\n", ""),  # dropped
    ("Focus area B2: Town centres\n",  # added, aligned with the Borough's town centres priority
     f"Focus area B2: Town centres\n> We shall bring empty shop units in Marfield back into use {HOSTILE}.\n"),
]


def _next_edition(folder: Path) -> Path:
    shutil.copytree(EXAMPLE, folder)
    text = (folder / PLAN).read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new)
    (folder / PLAN).unlink()
    (folder / PLAN.replace("2025-26", "2026-27")).write_text(text, encoding="utf-8")
    manifest = folder / "goldenthread.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2025-26", "2026-27"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def editions(tmp_path_factory, northmere):
    before = Workspace(northmere.graph)
    after = Workspace(build_graph(_next_edition(tmp_path_factory.mktemp("next") / "corpus"),
                                  previous=northmere.graph).graph)
    return before, after


@pytest.fixture(scope="module")
def section(editions):
    before, after = editions
    return collect(after, Previous.of(before, after)).changes


@pytest.fixture(scope="module")
def pages(editions):
    before, after = editions
    return render_report(after, Previous.of(before, after))


def test_the_section_names_the_previous_edition_and_counts_each_change(section, editions):
    assert section.since == "Northmere Council Delivery Plan 2025/26"
    counts = dict(section.counts)
    assert {k: counts.get(k, 0) for k in ("reworded", "dropped", "added")} == {"reworded": 1, "dropped": 1, "added": 1}
    # the same counts as `goldenthread diff` gives for the two builds
    assert counts == edition_changes(*editions).summary()
    # a plan whose text changed only in its edition is not reworded
    assert {g.heading: len(g.rows) for g in section.groups}["Reworded"] == 1
    assert "unchanged" not in {g.key for g in section.groups}


def test_a_reworded_commitment_shows_its_word_diff_and_both_editions_lines(section):
    row = next(r for g in section.groups if g.key == "reworded" for r in g.rows if r.kind == "commitment")
    assert "[-90-]{+120+}" in row.detail
    assert [doc for doc, _ in row.cite.parts] == [PLAN, PLAN.replace("2025-26", "2026-27")]


def test_a_dropped_commitment_says_where_it_was(section):
    (row,) = next(g.rows for g in section.groups if g.key == "dropped")
    assert row.label.startswith("Raise the share of Council spending")
    assert row.where == "Was in Northmere Council Delivery Plan 2025/26 › A fairer local economy › Jobs and skills"


def test_each_borough_priority_lists_the_council_commitments_gained_and_lost(section):
    shifts = {p.label: p for p in section.priorities}
    assert sorted(shifts) == ["Good jobs and skills for all", "Thriving town and district centres"]
    jobs = shifts["Good jobs and skills for all"]
    assert jobs.gained == []
    assert jobs.lost == ["Raise the share of Council spending with Northmere-based businesses to… (dropped)"]
    towns = shifts["Thriving town and district centres"]
    assert towns.gained == ["Bring empty shop units in Marfield back into use <img… (new commitment)"]
    assert towns.lost == []
    assert towns.where == "In Northmere Partnership Plan 2035 › A Fair and Growing Economy"


def test_shifts_follow_the_matching_not_the_ids(editions):
    """A reworded commitment that stays aligned is neither gained nor lost, although its text changed."""
    before, after = editions
    shifts = priority_shifts(before, after, edition_changes(before, after))
    moved = [c for s in shifts for c, _ in [*s.gained, *s.lost] if "apprenticeships" in c]
    assert moved == []


def test_html_and_markdown_show_the_section_with_document_text_escaped(pages):
    html_text, md = pages
    assert '<h2 id="changes-h">What changed since Northmere Council Delivery Plan 2025/26</h2>' in html_text
    assert '<a href="#changes">What changed since Northmere Council Delivery Plan 2025/26</a>' in html_text
    assert HOSTILE not in html_text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_text
    assert "## What changed since Northmere Council Delivery Plan 2025/26" in md
    assert re.search(r"^\| dropped \| 1 \|$", md, re.M)
    assert "### Commitments gained and lost, by priority" in md
    assert "&lt;br&gt;" not in md  # cell line breaks are written by the template, never escaped


def test_a_build_without_previous_has_no_such_section(northmere):
    html_text, md = render_report(Workspace(northmere.graph))
    assert 'id="changes"' not in html_text
    assert "What changed since" not in md


def test_the_build_command_writes_the_section(tmp_path, editions):
    from typer.testing import CliRunner

    from goldenthread.cli.main import app

    runner = CliRunner()
    corpus = _next_edition(tmp_path / "corpus")
    assert runner.invoke(app, ["build", str(EXAMPLE), "--out", str(tmp_path / "old")]).exit_code == 0
    done = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "new"),
                               "--previous", str(tmp_path / "old")])
    assert done.exit_code == 0, done.output
    md = (tmp_path / "new" / "report.md").read_text(encoding="utf-8")
    before, after = editions
    assert md == render_reports(after, before)["report.md"]


def test_the_section_in_a_browser(pages, tmp_path):
    from browser import axe_violations, open_page

    path = tmp_path / "report.html"
    path.write_text(pages[0], encoding="utf-8")
    with open_page(path) as (pg, requests, errors):
        assert errors == []
        assert pg.evaluate("document.querySelector('#change-dropped h3').innerText") == "Dropped (1)"
        assert pg.evaluate("document.querySelector('.change-counts a[href=\"#change-dropped\"]') !== null")
        assert axe_violations(pg) == []
    with open_page(path, viewport=(320, 800)) as (pg, requests, errors):
        assert pg.evaluate("document.documentElement.scrollWidth") <= 320
        assert axe_violations(pg) == []


@pytest.fixture(scope="module")
def suspect_build(tmp_path_factory):
    """The example built, a reviewer's accept on the apprenticeships commitment's inferred link, and the
    next edition (that commitment reworded) built with --previous and the decision: (new folder, link row)."""
    import csv

    from typer.testing import CliRunner

    from goldenthread.cli.main import app

    tmp = tmp_path_factory.mktemp("suspect")
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(EXAMPLE), "--out", str(tmp / "old")]).exit_code == 0
    listed = runner.invoke(app, ["links", "--graph", str(tmp / "old"), "--format", "csv"]).output
    rows = [r for r in csv.DictReader(listed.splitlines()) if "offer-90-apprenticeships" in r["source"]]
    assert len(rows) == 1
    decisions = tmp / "decisions.csv"
    with decisions.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow({**rows[0], "decision": "accept"})
    corpus = _next_edition(tmp / "corpus")
    done = runner.invoke(app, ["build", str(corpus), "--out", str(tmp / "new"), "--previous", str(tmp / "old"),
                               "--decisions", str(decisions)])
    assert done.exit_code == 0, done.output
    assert "[link-suspect]" in done.output
    return tmp / "new", rows[0]


def test_links_shows_why_a_reviewed_link_is_suspect_and_its_rdf_conforms(suspect_build):
    from typer.testing import CliRunner

    from goldenthread.cli.main import app
    from goldenthread.graph.rdf import to_rdf, validate
    from goldenthread.graph.serialize import from_json

    new, row = suspect_build
    listing = CliRunner().invoke(app, ["links", "--graph", str(new)]).output  # narrow: one block per link
    assert [line.split(":")[0].strip() for line in listing.splitlines()].count("suspect") == 1
    squeezed = re.sub(r"\s+", "", listing)  # the terminal's width decides where the block's lines wrap
    assert f"suspect:reworded:{row['source']}(match0.90)" in squeezed
    conforms, report = validate(to_rdf(from_json((new / "graph.json").read_text(encoding="utf-8"))))
    assert conforms, report


def test_the_explorer_says_to_look_at_a_suspect_link_again(suspect_build):
    from test_explorer import explorer_page

    new, row = suspect_build
    reason = "Offer 120 apprenticeships within the Council, towards the partnership target… reworded since the " \
             "previous edition (match 0.90)"
    with explorer_page(new / "explorer.html") as x:
        x.select(row["source"])
        x.details.unfold("links")
        marked = x.js("[...document.querySelectorAll('#details-links li[data-suspect]')].map(li => li.innerText)")
        assert len(marked) == 1
        assert "look at again: " + reason in marked[0]
        x.page.locator("#review").scroll_into_view_if_needed()
        cells = x.js("[...document.querySelectorAll('#review-body tr')].map(tr => tr.cells[2].innerText)"
                     ".filter(t => t.includes('look at again'))")
        assert cells == [f"carries out (curated); look at again: {reason}"]
        assert axe_violations(x.page) == []


def test_the_example_next_edition_lists_two_commitments_gained_by_one_priority(northmere, tmp_path):
    """examples/northmere-2026: in Markdown a cell's two commitments are two lines (<br>), in HTML a list."""
    after = Workspace(build_graph(EXAMPLE.parent / "northmere-2026", previous=northmere.graph).graph)
    html_text, md = render_report(after, Previous.of(Workspace(northmere.graph), after))
    row = next(line for line in md.splitlines() if line.startswith("| **Clean, green and safe neighbourhoods**<br>"))
    assert row.count("(new commitment)") + row.count("(split from") == 2
    assert row.count("<br>") == 2  # one before where the priority sits, one between the two commitments
    assert "&lt;br&gt;" not in md
    cell = re.search(r'<tr data-id="northmere-partnership-plan-2035/priority/clean-green-safe-neighbourhoods">'
                     r'.*?</th>\s*<td>(.*?)</td>', html_text, re.S)
    assert cell is not None
    assert cell.group(1).count("<li>") == 2
