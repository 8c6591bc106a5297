"""The audit report (viz/report.py): what it says about Stockport, that it says exactly what
the query API says, that document text is escaped, that it is deterministic, and that the
page is accessible and offline in a real browser."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from goldenthread.core.model import Blank, PlanGraph, Source
from goldenthread.graph.serialize import from_json, to_json
from goldenthread.queries.library import Workspace, coverage, drift, matrix, orphans
from goldenthread.viz.report import render_report

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert('x')</script>"


# -- a small HTML reader: every element with its attributes, and the text of data rows ---------

class Page(HTMLParser):
    """Collects tags, ``<tr data-*>`` rows (attributes, cell texts) and section ids."""

    VOID = {"meta", "br", "link", "img", "input", "hr", "path", "circle", "rect"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.rows: list[dict] = []
        self.sections: list[str] = []  # open <section id> stack
        self.headings: list[tuple[str, str]] = []
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._label: list[str] | None = None
        self._heading: list[str] | None = None
        self._depth: list[str] = []
        self.text = ""  # all the text the page shows, as one string
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "section":
            self.sections.append(a.get("id") or "")
        if tag == "tr" and "data-id" in a:
            self._row = {"attrs": a, "cells": [], "sections": [s for s in self.sections if s]}
        if self._row is not None and tag in ("td", "th"):
            self._cell = []
        if self._row is not None and "label" in (a.get("class") or "").split():
            self._label = []
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "section" and self.sections:
            self.sections.pop()
        if tag == "span" and self._row is not None and self._label is not None:
            self._row["label"] = " ".join("".join(self._label).split())
            self._label = None
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row["cells"].append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((tag, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data):
        self.text += data
        if self._cell is not None:
            self._cell.append(data)
        if self._label is not None:
            self._label.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def rows_in(self, section: str) -> list[dict]:
        return [r for r in self.rows if section in r["sections"]]


# -- Stockport ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ws(stockport) -> Workspace:
    return Workspace(stockport.graph)


@pytest.fixture(scope="module")
def report(ws) -> tuple[str, str]:
    return render_report(ws)


@pytest.fixture(scope="module")
def page(report) -> Page:
    return Page(report[0])


def _labels(rows: list[dict]) -> list[str]:
    return [r["label"] for r in rows]


def test_oversight_bodies_to_be_established(page, report):
    rows = page.rows_in("break-board_not_established")
    labels = sorted(_labels(rows))
    assert labels == ["Partnership steering group for Climate Friendly",
                      "Partnership steering group for Fair and Inclusive",
                      "Partnership steering group for Radically Digital",
                      "Partnership steering group for Strong and Supportive"]
    assert all("to be established" in r["cells"][2] for r in rows)
    heading = [t for tag, t in page.headings if t.startswith("Oversight bodies still to be established")]
    assert heading == ["Oversight bodies still to be established (4)"]
    assert "### Oversight bodies still to be established (4)" in report[1]
    assert "Partnership steering group for Radically Digital" in report[1]


def test_strategies_not_in_place(page, report):
    rows = {r["attrs"]["data-id"]: r for r in page.rows_in("break-strategy_not_in_place")}
    for sid, label, status in [("strategy/cultural-strategy", "Cultural Strategy", "to be developed"),
                               ("strategy/digital-strategy", "Digital Strategy", "to be developed"),
                               ("strategy/neighbourhoods-strategy", "Neighbourhoods Strategy", "to be developed"),
                               ("strategy/safer-strategy", "Safer Stockport Strategy", "to be refreshed")]:
        assert rows[sid]["label"] == label
        assert status in rows[sid]["cells"][2]
        assert re.search(r"\.txt lines? \d", rows[sid]["cells"][3]), rows[sid]["cells"][3]
    md = report[1]
    for label in ("Cultural Strategy", "Digital Strategy", "Neighbourhoods Strategy", "Safer Stockport Strategy"):
        assert f"**{label}**" in md


def test_blank_actions_and_oversight_cells_for_skilled_and_confident(page, report):
    rows = [r for r in page.rows_in("break-blank_in_table")
            if r["attrs"]["data-id"] == "borough-plan-2030/priority/skilled-confident"]
    assert [r["label"] for r in rows] == ["A skilled and confident Stockport"] * 2
    # both cells of its row in the slides' next-steps table are empty: immediate actions and oversight
    assert sorted(r["cells"][2] for r in rows) == [
        "Left blank in the 'key next steps' table: no board named.",
        "Left blank in the 'key next steps' table: no commitment named."]
    # cited at the table row that is blank, in the slides
    assert {r["cells"][3] for r in rows} == {"borough-plan-presentation-2021.txt line 348"}
    # and the thread table carries it as a finding of that priority
    thread = [r for r in page.rows_in("thread")
              if r["attrs"]["data-id"] == "borough-plan-2030/priority/skilled-confident"]
    assert thread[0]["attrs"]["data-status"] == "red"
    assert "no board named" in thread[0]["cells"][3]
    assert "A skilled and confident Stockport" in report[1]


def test_council_commitments_with_no_borough_counterpart(page, report):
    rows = page.rows_in("break-no_counterpart")
    ppe = [r for r in rows if "(PPE) hub" in r["cells"][0]]
    assert len(ppe) == 1
    assert "No counterpart found in One Stockport Borough Plan 2030" in ppe[0]["cells"][2]
    assert "(a link needs 0.22)" in ppe[0]["cells"][3]  # its nearest candidates, to review
    assert "council-plan-2021-22-consultation-draft.txt line" in ppe[0]["cells"][4]
    assert "personal protective equipment (PPE) hub" in report[1]


def test_aligned_commitments_are_not_orphans(ws, page, report):
    food = [n.id for n in ws.graph.nodes if n.kind == "commitment" and "Food Network" in n.text]
    assert len(food) >= 2  # the Council commitment and the Borough action it carries out
    listed = {r["attrs"]["data-id"] for r in page.rows_in("breaks")}
    assert not listed & set(food)
    assert not any("Food Network" in " ".join(r["cells"]) for r in page.rows_in("breaks"))
    breaks_md = report[1].split("## 3. Where the thread breaks")[1].split("## 4.")[0]
    assert "Food Network" not in breaks_md


def test_dropped_priority_in_drift(page, report):
    rows = page.rows_in("drift")
    dropped = [r for r in rows if r["attrs"]["data-reason"] == "dropped"]
    assert [r["attrs"]["data-id"] for r in dropped] == ["borough-plan-2030/priority/radically-digital"]
    assert dropped[0]["label"] == "A radically digital Stockport"
    assert dropped[0]["attrs"]["data-basis"] == "inferred"
    # the nearest One Future themes it was compared with, with their scores, then the source
    assert dropped[0]["cells"][3].startswith("Fairness and inclusion enabling everyone in Stockport")
    assert "(a link needs 0.12)" in dropped[0]["cells"][3]
    assert "borough-plan-2030-discussion-draft.txt lines" in dropped[0]["cells"][4]
    drift_md = report[1].split("## 5. Drift between plans")[1]
    assert "**A radically digital Stockport**" in drift_md


def test_every_orphan_row_matches_the_query(ws, page):
    expected = Counter((o["id"], o["reason"], o["detail"]) for o in orphans(ws))
    rows = page.rows_in("breaks")
    shown = Counter((r["attrs"]["data-id"], r["attrs"]["data-reason"], r["cells"][2]) for r in rows)
    assert shown == expected
    # each row sits under the heading of its reason
    for r in rows:
        assert f"break-{r['attrs']['data-reason']}" in r["sections"]


def test_thread_and_matrix_match_the_queries(ws, page):
    cov = coverage(ws)
    rows = page.rows_in("thread")
    assert [(r["attrs"]["data-id"], r["attrs"]["data-status"]) for r in rows] == \
        [(c["id"], c["status"]) for c in cov]
    for r, c in zip(rows, cov):
        assert r["cells"][1] == c["status"].capitalize()
        assert r["cells"][2] == f"{c['present']} of {c['applicable']}"
    m = matrix(ws)
    mrows = {r["attrs"]["data-id"]: r for r in page.rows_in("matrix")}
    assert sorted(mrows) == [r["id"] for r in m["rows"]]
    for rid, r in mrows.items():
        counts = [re.sub(r"\D", "", cell) for cell in r["cells"][1:-1]]
        assert counts == [str(m["cells"][rid][c["id"]] or "") for c in m["columns"]]
    d = drift(ws)
    drows = page.rows_in("drift")
    assert Counter((r["attrs"]["data-id"], r["attrs"]["data-reason"]) for r in drows) == \
        Counter((x["id"], x["direction"]) for x in d)


def test_headline_figures(report):
    html_text = report[0]
    assert "50 of 103" in html_text and "50 of 76" in html_text
    md = report[1]
    assert "| Oversight bodies still to be established | 4 |" in md
    assert "| Delivery strategies not yet in place | 5 |" in md
    assert "| Priorities dropped by a later plan | 1 |" in md
    assert "| One Stockport Borough Plan 2030 | 3 | 9 | 4 | 4 | 1 | 76 |" in md


def test_markdown_has_the_same_sections(report):
    html_text, md = report
    page = Page(html_text)
    h2 = [t for tag, t in page.headings if tag == "h2" and t != "Contents"]
    md_h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert h2 == md_h2
    h3 = [t for tag, t in page.headings if tag == "h3"]
    md_h3 = [line[4:].replace("\\", "") for line in md.splitlines() if line.startswith("### ")]
    assert [t for t in h3 if t not in ("Key findings", "Breaks at a glance")] == \
        [t for t in md_h3 if t not in ("Key findings", "Breaks at a glance", "Priorities by thread status, per plan",
                                       "Commitments with a counterpart in the other plan")]


def test_deterministic(stockport, report):
    graph = stockport.graph
    again = render_report(Workspace(from_json(to_json(graph))))
    assert again == report
    shuffled = PlanGraph.model_construct(documents=list(reversed(graph.documents)), nodes=list(reversed(graph.nodes)),
                                         edges=list(reversed(graph.edges)))
    assert render_report(Workspace(shuffled)) == report
    assert not re.search(r"\b20[2-9]\d-\d\d-\d\d\b", report[0])  # no dates stamped in


def _table_ok(md: str) -> None:
    """Every Markdown table row has as many unescaped pipes as its header."""
    width = None
    for line in md.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        if width is None:
            width = pipes
        assert pipes == width, line


def test_markdown_tables_are_well_formed(report):
    _table_ok(report[1])


# -- hostile text (no Stockport needed) ------------------------------------------------------------

def _hostile(graph: PlanGraph) -> PlanGraph:
    """The graph with markup, pipes and newlines in every label, text, quote and file name."""
    def src(s: Source) -> Source:
        return s.model_copy(update={"document": f"{HOSTILE_SCRIPT}|{s.document}",
                                    "quote": f"{s.quote} {HOSTILE_IMG}"})

    nodes = []
    for i, n in enumerate(graph.nodes):
        nodes.append(n.model_copy(update={
            "label": f"{n.label} {HOSTILE_IMG if i % 2 else HOSTILE_SCRIPT} a|b\nc & d",
            "text": f"{n.text} {HOSTILE_SCRIPT}\r\n{HOSTILE_IMG}",
            "sources": [src(s) for s in n.sources],
            "blanks": [Blank(table=f"{b.table}<b>", column=b.column, source=src(b.source)) for b in n.blanks],
        }))
    return PlanGraph(nodes=nodes, edges=graph.edges)


@pytest.fixture(scope="module")
def hostile(northmere) -> tuple[Workspace, str, str]:
    ws = Workspace(_hostile(northmere.graph))
    html_text, md = render_report(ws)
    return ws, html_text, md


def test_hostile_text_is_escaped(hostile):
    ws, html_text, md = hostile
    low = html_text.lower()
    assert "<img" not in low and "<script" not in low and "<b>" not in low
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_text
    assert "&lt;script&gt;" in html_text
    # the Markdown, rendered by a CommonMark reader (with tables, as GitHub shows it): the hostile
    # text is text, shown as written, never an element
    from markdown_it import MarkdownIt

    shown = Page(MarkdownIt("commonmark").enable("table").render(md))
    assert not shown.tags.keys() & {"img", "script", "iframe", "object", "embed", "link", "b"}
    assert HOSTILE_IMG in shown.text and HOSTILE_SCRIPT in shown.text and "c & d" in shown.text
    assert "&amp;" not in md  # an officer reading the .md file sees "&", not an entity
    page = Page(html_text)
    assert not page.tags.keys() & {"img", "script", "iframe", "object", "embed", "link", "b"}
    # the data is all there, escaped: every orphan is a row
    assert Counter((r["attrs"]["data-id"], r["attrs"]["data-reason"]) for r in page.rows_in("breaks")) == \
        Counter((o["id"], o["reason"]) for o in orphans(ws))
    # the priorities' hostile labels are shown as text in the thread table, each whole
    shown_labels = [r["label"] for r in page.rows_in("thread")]
    expected = [" ".join(ws.nodes[r["attrs"]["data-id"]].label.split()) for r in page.rows_in("thread")]
    assert shown_labels == expected and any(HOSTILE_IMG in label for label in shown_labels)
    _table_ok(md)
    assert not any("\r" in line for line in md.splitlines())


def test_template_syntax_and_quotes_in_document_text_are_text(northmere):
    """Document text reaches the templates as data: Jinja syntax in a label is never run, and
    quotes are escaped in HTML (as html.escape writes them) and left as written in Markdown."""
    odd = "{{ 7*7 }} {% if true %}shown{% endif %} {# kept #} 'single' \"double\""
    nodes = [n.model_copy(update={"label": odd}) if n.kind == "priority" else n for n in northmere.graph.nodes]
    html_text, md_text = render_report(Workspace(PlanGraph(nodes=nodes, edges=northmere.graph.edges)))
    assert "{{ 7*7 }} {% if true %}shown{% endif %} {# kept #} &#x27;single&#x27; &quot;double&quot;" in html_text
    assert "49 shown" not in html_text and "49 shown" not in md_text  # what running it would have written
    # Markdown: only what Markdown reads as markup is escaped ("*", "#"); quotes and braces as written
    assert "**{{ 7\\*7 }} {% if true %}shown{% endif %} {\\# kept \\#} 'single' \"double\"**" in md_text
    _table_ok(md_text)


def test_counterparts_are_counted_from_the_query_columns_not_its_wording(northmere):
    """The summary's counterpart shares count the orphans rows by their other_plan column; the
    columns orphan_findings adds are what each row's English detail names."""
    from goldenthread.queries.library import orphan_findings
    from goldenthread.viz.report import collect

    ws = Workspace(northmere.graph)
    found = orphan_findings(ws)
    assert [{k: v for k, v in r.items() if k not in ("other_plan", "table", "column")} for r in found] == orphans(ws)
    for r in found:
        if r["reason"] in ("no_counterpart", "not_carried_out"):
            assert ws.nodes[r["other_plan"]].label in r["detail"]
        else:
            assert r["other_plan"] == ""
        if r["reason"] == "blank_in_table":
            assert r["detail"] == f"Left blank in the '{r['table']}' table: no {r['column']} named."
        else:
            assert r["table"] == r["column"] == ""
    commitments = Counter(n.plan for n in ws.graph.nodes if n.kind == "commitment")
    shares = collect(ws).summary.shares
    assert shares and len(shares) % 2 == 0
    for lower, higher in zip(shares[::2], shares[1::2]):
        low, high = (next(n.id for n in ws.graph.nodes if n.kind == "plan" and n.label == s.plan)
                     for s in (lower, higher))
        assert (lower.total, higher.total) == (commitments[low], commitments[high])
        assert lower.total - lower.count == sum(
            1 for r in found if r["reason"] == "no_counterpart" and r["other_plan"] == high)
        assert higher.total - higher.count == sum(
            1 for r in found if r["reason"] == "not_carried_out" and r["other_plan"] == low)


def test_northmere_report(northmere):
    html_text, md = render_report(Workspace(northmere.graph))
    assert "Northmere Partnership Plan 2035" in html_text
    assert "Housing Partnership Board for Homes people can afford" in html_text
    _table_ok(md)


# -- in a real browser ------------------------------------------------------------------------

def _check_in_browser(path, html_text: str, axe: tuple[str, ...] = ("screen", "print")) -> None:
    """The page in Chromium: offline, no errors, status never by colour alone, print styles;
    axe-core finds nothing in each of the media ``axe`` names."""
    from browser import axe_violations, offline_requests, open_page

    path.write_text(html_text, encoding="utf-8")
    with open_page(path) as (pg, requests, errors):
        assert offline_requests(requests, path) == []
        assert errors == []
        assert pg.evaluate("document.querySelectorAll('img, script, iframe, object, embed').length") == 0
        # status is never colour alone: every status badge has a word and an icon
        badges = pg.evaluate("""[...document.querySelectorAll('.status')].map(
            b => [b.innerText.trim(), b.querySelectorAll('svg').length])""")
        assert badges and all(word in ("Green", "Amber", "Red") and icons == 1 for word, icons in badges)
        if "screen" in axe:
            assert axe_violations(pg) == []
        pg.emulate_media(media="print")
        if "print" in axe:
            assert axe_violations(pg) == []
        assert pg.evaluate("getComputedStyle(document.querySelector('thead')).display") == "table-header-group"
        assert pg.evaluate("getComputedStyle(document.querySelector('tbody tr')).breakInside") == "avoid"


def test_stockport_report_in_browser(report, tmp_path):
    """axe-core checks this report in print; on screen it checks the same report with its
    indicator section added (tests/test_indicator_views.py), every other section the same
    markup."""
    _check_in_browser(tmp_path / "report.html", report[0], axe=("print",))


def test_hostile_report_in_browser(hostile, tmp_path):
    _check_in_browser(tmp_path / "report.html", hostile[1])


@pytest.mark.parametrize("width", [320, 390])
def test_report_reflows_on_a_phone(report, tmp_path, width):
    """WCAG 1.4.10: at 320 px (and a common phone's 390) the page does not scroll sideways;
    wide tables scroll in their own keyboard-reachable, named regions instead. axe-core checks
    this report at laptop width (in print in test_stockport_report_in_browser, on screen with
    its indicator section in tests/test_indicator_views.py), and the example's report at 320 px
    (the same templates, tests/test_indicator_views.py)."""
    from browser import open_page

    path = tmp_path / "report.html"
    path.write_text(report[0], encoding="utf-8")
    with open_page(path, viewport=(width, 800)) as (pg, requests, errors):
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        regions = pg.evaluate("""[...document.querySelectorAll('table')].map(t => {
            const box = t.parentElement;
            return [box.getAttribute('role'), box.tabIndex,
                    document.getElementById(box.getAttribute('aria-labelledby')) === t.caption];
        })""")
        assert regions and all(r == ["region", 0, True] for r in regions)
        assert errors == []


def test_report_states_the_version_and_a_digest_of_its_documents(stockport, stockport_dir, report):
    """Which goldenthread made it, and from exactly which files: a digest, not a clock, so a
    rebuild from the same files is byte-identical and a changed file shows."""
    import hashlib

    from goldenthread.core.model import VERSION

    files = {d.name: hashlib.sha256((stockport_dir / d.name).read_bytes()).hexdigest()
             for d in stockport.graph.documents}
    assert sorted(files) == sorted(d.name for d in stockport.documents)
    combined = hashlib.sha256("".join(f"{n}\0{files[n]}\n" for n in sorted(files)).encode()).hexdigest()
    html_text, md = report
    for out in (html_text, md):
        assert f"Produced by goldenthread {VERSION} from the documents below" in out
        assert f"their digest is SHA-256 {combined}" in out
        for sha in files.values():
            assert sha in out


def test_a_build_of_several_councils_gets_one_report_each_and_an_index(tmp_path):
    """A hundred councils on one page would not open: each plan family (a council's plans)
    gets its own report, the same as the council's built alone, and report.html indexes them."""
    from many_councils import councils_corpus

    from goldenthread.graph.build import build_graph
    from goldenthread.viz.report import render_reports

    corpus = councils_corpus(tmp_path / "corpus", 3)
    files = render_reports(Workspace(build_graph(corpus).graph, store_spec="auto"))
    pages = sorted(f for f in files if f.startswith("report/") and f.endswith(".html"))
    assert pages == [f"report/c000{i}-council-plan-2025-26.html" for i in (1, 2, 3)]
    index = Page(files["report.html"])
    links = re.findall(r'<a href="(report/[^"]+\.html)">', files["report.html"])
    assert links == pages and "3 councils" in index.text
    # council 2's page says what council 2's own build says
    alone = tmp_path / "alone"
    alone.mkdir()
    for f in (corpus / "council-0002").rglob("*"):
        if f.is_file():
            target = alone / f.relative_to(corpus / "council-0002")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.read_bytes())
    own = build_graph(alone, profile_dirs=[alone / "profiles"])
    own_cov = coverage(Workspace(own.graph))
    page = Page(files["report/c0002-council-plan-2025-26.html"])
    assert [(r["attrs"]["data-id"], r["attrs"]["data-status"]) for r in page.rows_in("thread")] == \
        [(c["id"], c["status"]) for c in own_cov]
    assert "c0001" not in files["report/c0002-council-plan-2025-26.html"]
