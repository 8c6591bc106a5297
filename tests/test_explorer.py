"""The interactive explorer (goldenthread.viz.explorer): one offline HTML file, tried in a
real browser (Debian Chromium through Playwright; see tests/browser.py) as a council
officer uses it, at 1440x900 (a laptop), 390x844 (a phone) and 320 px wide. The page's
parts are driven through the page objects in tests/explorer_page.py.

Every page opened here must make no request beyond its own file and log no error; axe-core
must find no WCAG 2.2 A/AA violation in every state checked.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import axe_violations, axe_violations_within, offline_requests, open_page, require_browser
from conftest import EXAMPLE, ROOT
from explorer_page import ExplorerPage, wait_until

from goldenthread.core.model import Link, Node, PlanGraph, Source
from goldenthread.graph.build import build_graph
from goldenthread.graph.review import COLUMNS, review_rows
from goldenthread.queries.library import Workspace, coverage, orphans, thread
from goldenthread.viz import explorer
from goldenthread.viz.explorer import node_answers, plan_families, render_explorer, thread_members

LAPTOP = (1440, 900)
PHONE = (390, 844)
NARROW = (320, 700)
LEGIBLE_PX = 12  # the smallest text drawn in the first view, in CSS px

XSS_IMG = "<img src=x onerror=window.__xss=1>"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_JS_URL = "javascript:window.__xss=1"

FLOURISHING = "borough-plan-2030/priority/flourishing-creative"  # holds housing; its label never says so
HOMES = "council-plan-2021-22/theme/be-place-that-people-want-live/priority/developing-homes-we-need"
SKILLED = "borough-plan-2030/priority/skilled-confident"
HWB = "board/health-wellbeing-board"


def write_page(ws: Workspace, folder: Path, name: str = "explorer.html") -> Path:
    path = folder / name
    path.write_text(render_explorer(ws), encoding="utf-8")
    return path


@contextmanager
def explorer_page(path: Path, viewport=LAPTOP, fragment: str = ""):
    """The page, loaded and drawn (at ``#fragment``, as a link would open it); on leaving, no
    request left the file and no error happened."""
    with open_page(path, viewport=viewport, fragment=fragment) as (page, requests, errors):
        page.wait_for_selector("html[data-ready]", timeout=60_000)
        yield ExplorerPage(page)
        assert offline_requests(requests, path) == []
        assert errors == []


def start_tags(page: str) -> list[tuple[str, dict[str, str]]]:
    """The elements of an HTML text as the browser's parser sees them (script text is not markup)."""
    from html.parser import HTMLParser

    tags: list[tuple[str, dict[str, str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, {k: v or "" for k, v in attrs}))

    Collect(convert_charrefs=True).feed(page)
    return tags


def top_ids(graph: PlanGraph) -> set[str]:
    return {n.id for n in graph.nodes if n.kind in ("plan", "theme", "priority")}


def descendants(graph: PlanGraph, node_id: str) -> set[str]:
    inside = defaultdict(set)
    for e in graph.edges:
        if e.kind == "part_of":
            inside[e.target].add(e.source)
    out, todo = set(), [node_id]
    while todo:
        for c in inside[todo.pop()]:
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
        a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


def benchmark_module():
    spec = importlib.util.spec_from_file_location("explorer_benchmark", ROOT / "benchmarks" / "explorer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stockport_ws(stockport) -> Workspace:
    return Workspace(stockport.graph)


@pytest.fixture(scope="module")
def stockport_page(stockport_ws, tmp_path_factory) -> Path:
    return write_page(stockport_ws, tmp_path_factory.mktemp("stockport"))


@pytest.fixture(scope="module")
def northmere_ws(northmere) -> Workspace:
    return Workspace(northmere.graph)


@pytest.fixture(scope="module")
def northmere_page(northmere_ws, tmp_path_factory) -> Path:
    return write_page(northmere_ws, tmp_path_factory.mktemp("northmere"))


@pytest.fixture(scope="module")
def councils(tmp_path_factory):
    """Three generated councils in one corpus (benchmarks/explorer.py councils_corpus): the
    graph, its workspace and its page."""
    folder = tmp_path_factory.mktemp("councils")
    corpus = benchmark_module().councils_corpus(folder, 3)
    ws = Workspace(build_graph(corpus).graph, store_spec="auto")
    return corpus, ws, write_page(ws, folder)


# -- Python side: threads, answers, determinism, the file itself ---------------------------

@pytest.mark.parametrize("corpus", ["northmere", "stockport"])
def test_precomputed_threads_equal_the_thread_api_for_every_node(corpus, request):
    ws = Workspace(request.getfixturevalue(corpus).graph)
    members = thread_members(ws.graph)
    assert set(members) == set(ws.nodes)
    for node_id, ids in members.items():
        api = sorted(n["id"] for n in thread(ws, node_id)["nodes"])
        assert ids == api, node_id


@pytest.mark.parametrize("corpus", ["northmere", "stockport"])
def test_answers_follow_the_coverage_rule_for_every_priority(corpus, request):
    """A priority has a board, a strategy, a measure in its answers exactly when the coverage
    query says so (inherited from its theme included), and every answer names a real link."""
    ws = Workspace(request.getfixturevalue(corpus).graph)
    answers = node_answers(ws.graph)
    edges = {(e.source, e.kind, e.target) for e in ws.graph.edges}
    for row in coverage(ws):
        a = answers[row["id"]]
        assert bool(a.get("over")) == row["board"], row["label"]
        assert bool(a.get("deliv")) == row["strategy"], row["label"]
        own_measures = [m for m, via in a.get("meas", []) if via is None or via in a["path"]]
        assert bool(own_measures) == row["measure"], row["label"]
        for board, via, through in a.get("over", []):
            holder = via or row["id"]
            assert ((holder, "overseen_by", board) in edges if through is None
                    else {(holder, "delivered_through", through), (through, "overseen_by", board)} <= edges)
    # a Council key priority whose oversight sits on its theme says where it comes from
    if corpus == "stockport":
        (board, via, through), = answers[HOMES]["over"]
        assert ws.nodes[board].label == "Communities and Housing Scrutiny Committee"
        assert via == answers[HOMES]["path"][-1] and ws.nodes[via].kind == "theme" and through is None
        assert answers[HWB]["rev"] == [["borough-plan-2030/priority/healthy-happy", None]]


def test_abbreviations_come_from_definitions_and_names(stockport_ws):
    index, _ = explorer.explorer_data(stockport_ws)
    abbr = index["abbreviations"]
    assert abbr["HWB"] == ["Health and Wellbeing Board"]  # the board's name spells it
    assert abbr["SEND"] == ["special educational needs and disabilities", "special educational needs or disabilities"]
    assert abbr["CIN"] == ["children in need"] and abbr["EIA"] == ["equality impact assessments"]  # "(ABBR)" in a text
    assert explorer.abbreviations(["the Voluntary, Community, Faith and Social Enterprise (VCFSE) Forum"]) == \
        {"VCFSE": ["Voluntary, Community, Faith and Social Enterprise"]}
    assert explorer.abbreviations(["a plan (see below)", "(NOPE) alone"]) == {}


def test_same_workspace_gives_byte_identical_html(northmere_ws, councils, tmp_path):
    first = render_explorer(northmere_ws)
    assert render_explorer(Workspace(northmere_ws.graph)) == first
    _corpus, ws, path = councils
    assert render_explorer(Workspace(ws.graph, store_spec="auto")) == path.read_text(encoding="utf-8")
    # and in another process, with another hash seed
    script = (f"from goldenthread.graph.build import build_graph\n"
              f"from goldenthread.queries.library import Workspace\n"
              f"from goldenthread.viz.explorer import render_explorer\n"
              f"import sys\n"
              f"sys.stdout.buffer.write(render_explorer(Workspace(build_graph({str(EXAMPLE)!r}).graph)).encode())\n")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True, cwd=tmp_path)
    assert out.stdout.decode("utf-8") == first


def test_html_is_self_contained_and_the_data_cannot_close_its_script(northmere_ws, councils):
    page = render_explorer(northmere_ws)
    tags = start_tags(page)
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "graph-data"}] + [{}] * (1 + len(explorer.SCRIPTS))
    assert [a for t, a in tags if t == "link"] == [{"rel": "icon", "href": "data:,"}]
    assert not [a for _t, a in tags if "src" in a], "nothing is loaded from elsewhere"
    assert all(a["href"].startswith(("#", "data:")) for _t, a in tags if "href" in a)
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "vis.js is dual licensed" in page  # vis-network's licence comment is kept
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    body = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(body)
    data = json.loads(body)
    assert [n["id"] for n in data["nodes"]] == [n.id for n in northmere_ws.graph.nodes]
    # several councils: the index first, then each council's data in its own element
    _corpus, ws, path = councils
    many = path.read_text(encoding="utf-8")
    blocks = [a for t, a in start_tags(many) if t == "script" and a.get("type") == "application/json"]
    assert [b["id"] for b in blocks] == ["graph-data"] + [f"graph-family-{k}" for k in range(3)]
    index = json.loads(re.search(r'id="graph-data">(.*?)</script>', many, re.S).group(1))
    assert "nodes" not in index and len(index["families"]) == 3
    held = set()
    for k in range(3):
        chunk = json.loads(re.search(rf'id="graph-family-{k}">(.*?)</script>', many, re.S).group(1))
        held |= {n["id"] for n in chunk["nodes"] if not n.get("guest")}
    assert held == set(ws.nodes), "every node is some council's own"


def test_hostile_strings_are_escaped_in_the_embedded_json(tmp_path):
    nasty = "</script><script>window.__xss=1</script>\u2028<!--&amp;"
    src = [Source(document=nasty + ".txt", line_start=1, line_end=1, quote=nasty)]
    graph = PlanGraph(nodes=[
        Node(id="p", kind="plan", label=nasty, text=nasty, plan="p", sources=src),
        Node(id="p/t", kind="theme", label="Theme " + nasty, text=nasty, plan="p", aliases=[nasty], sources=src),
    ], edges=[Link(source="p/t", target="p", kind="part_of")])
    page = render_explorer(Workspace(graph))
    body = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(body)
    assert json.loads(body)["nodes"][0]["label"] == nasty
    path = tmp_path / "explorer.html"
    path.write_text(page, encoding="utf-8")
    with explorer_page(path) as x:
        assert x.js("window.__xss") is None
        assert x.page.locator("script").count() == 2 + len(explorer.SCRIPTS)
        assert x.graph.card("p")["lines"][0].startswith("</script><script>"), "drawn as text"


def test_odd_graphs_render_and_their_threads_match_the_api(tmp_path):
    """No nodes at all; nodes of no plan; a part_of cycle; a link from a node to itself."""
    src = [Source(document="d.txt", line_start=1, line_end=1, quote="q")]
    odd = PlanGraph(nodes=[
        Node(id="a", kind="theme", label="A", text="A", plan="p", sources=src),
        Node(id="b", kind="theme", label="B", text="B", plan="p", sources=src),
        Node(id="c", kind="commitment", label="C", text="C", sources=src),
        Node(id="m", kind="measure", label="M", text="M", sources=src),
        Node(id="p", kind="plan", label="P", text="P", plan="p", sources=src),
        Node(id="s", kind="strategy", label="S", text="S", status="to be developed", sources=src),
    ], edges=[Link(source="a", target="b", kind="part_of"), Link(source="a", target="s", kind="delivered_through"),
              Link(source="b", target="a", kind="part_of"),
              Link(source="c", target="c", kind="aligns_with", origin="curated")])
    ws = Workspace(odd)
    members = thread_members(odd)
    for node in odd.nodes:
        assert members[node.id] == sorted(n["id"] for n in thread(ws, node.id)["nodes"])
    for name, graph in (("empty", PlanGraph(nodes=[], edges=[])), ("odd", odd)):
        path = write_page(Workspace(graph), tmp_path, f"{name}.html")
        with explorer_page(path) as x:
            x.filters.show_all()
            assert x.drawn() == {n.id for n in graph.nodes}
            assert sorted(x.table.all_rows()) == sorted(n.id for n in graph.nodes)
            assert axe_violations(x.page) == []


def test_vis_network_is_the_copy_shipped_with_pyvis():
    import pyvis

    js, css = explorer.vis_assets()
    shipped = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    assert js.startswith(shipped.read_text(encoding="utf-8")[:2000])
    assert "@version 9.1.2" in js and "@license" in js
    # the style rules of the parts the explorer uses, as shipped; those of the parts it leaves
    # off (navigation buttons, editing, the configurator) are left out
    shipped_css = (shipped.parent / "vis-network.css").read_text(encoding="utf-8")
    rules = re.findall(r"[^{}]+\{[^{}]*\}", css)
    assert [r.split("{")[0] for r in rules] == [".vis-overlay", ".vis-active", ".vis [class*=span]", "div.vis-tooltip"]
    assert all(rule in shipped_css for rule in rules)
    assert len(css) < len(shipped_css) / 100
    for part in ("vis-navigation", "vis-manipulation", "vis-configuration", "vis-color-picker", "data:"):
        assert part not in css


def test_vis_css_of_another_shape_is_refused():
    with pytest.raises(RuntimeError, match="not the plain list of rules"):
        explorer._used_vis_css(".vis-tooltip{color:red}@media print{.vis-network{display:none}}")


def test_plan_families_are_councils(councils):
    _corpus, ws, _path = councils
    families = plan_families(ws.graph)
    assert len(families) == 3 and all(len(f) == 2 for f in families)
    assert all(p.split("-")[0] == f[0].split("-")[0] for f in families for p in f), "a family is one council's plans"


# -- 2. the first view reads ------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [LAPTOP, PHONE, NARROW])
def test_first_view_draws_plans_themes_and_priorities_legibly(stockport_ws, stockport_page, viewport):
    """Every plan, theme and priority is drawn at the opening zoom with text of 12 px or more,
    no two cards (band titles are the plans' cards) overlap, and the page is no wider than
    the window; the text view lists every node, saying how many are drawn."""
    graph = stockport_ws.graph
    with explorer_page(stockport_page, viewport) as x:
        assert x.drawn() == top_ids(graph)
        cards = x.graph.cards()
        assert {c["id"] for c in cards} == top_ids(graph)
        assert x.graph.scale() == pytest.approx(1.0)
        for c in cards:
            assert c["labelPx"] >= LEGIBLE_PX, c["id"]
            if c["subPx"] is not None:  # a card with a second line draws it legibly too
                assert c["subPx"] >= LEGIBLE_PX, c["id"]
            assert c["lines"] and all(line.strip() for line in c["lines"]), c["id"]
            assert c["left"] >= 0 and c["right"] <= viewport[0], c["id"]
        assert any(c["subPx"] is not None for c in cards), "some cards have a second line"
        for k, a in enumerate(cards):
            for b in cards[k + 1:]:
                assert not overlaps(a, b), (a["id"], b["id"])
        plans = sorted((c for c in cards if c["kind"] == "plan"), key=lambda c: c["top"])
        assert [p["id"] for p in plans] == explorer.plan_order(graph)
        # on a laptop the first screen already shows a plan's priorities, whole
        if viewport == LAPTOP:
            first = [c for c in cards if c["kind"] == "priority" and c["bottom"] <= viewport[1]]
            assert len(first) >= 9
        assert x.page_width() <= viewport[0]
        if viewport != PHONE:  # axe-core checks the narrow layout at 320 px, its narrowest
            assert axe_violations(x.page) == []  # the first view, as it opens
        rows = x.table.all_rows()
        assert sorted(rows) == sorted(n.id for n in graph.nodes), "the table lists every node, drawn or not"
        assert f"{len(graph.nodes)} nodes match the filters; {len(top_ids(graph))} of them drawn" in x.table.summary()


def test_a_priority_opens_into_its_commitments(northmere_ws, northmere_page):
    graph = northmere_ws.graph
    priority = sorted(n.id for n in graph.nodes if n.kind == "priority")[0]
    inside = descendants(graph, priority)
    attached = {e.target for e in graph.edges if e.source in inside | {priority}
                and e.kind in explorer.ATTACH_KINDS}
    with explorer_page(northmere_page) as x:
        x.graph.click(priority)
        assert x.selected() == priority
        assert inside | attached <= x.drawn()
        assert x.details.page.get_attribute("#panel-open", "aria-expanded") == "true"
        # Enter on the graph closes it again; the focus stays on the graph
        x.graph.focus()
        x.page.keyboard.press("Enter")
        assert not (inside & x.drawn()) and x.focused() == "canvas"
        x.filters.show_all()
        assert x.drawn() == set(northmere_ws.nodes)
        assert axe_violations(x.page) == []


# -- 1. answers first -----------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [LAPTOP, PHONE])
def test_the_details_answer_first_in_one_screen(stockport_ws, stockport_page, viewport):
    """"Which board oversees this priority?" and "Which Council commitments support the
    housing priority?": two actions (type, Enter), and the answer is on the screen."""
    graph = stockport_ws.graph
    council = "council-plan-2021-22"
    inside = descendants(graph, FLOURISHING) | {FLOURISHING}
    supporting = {e.source for e in graph.edges if e.kind == "aligns_with" and e.target in inside
                  and stockport_ws.nodes[e.source].kind == "commitment"
                  and stockport_ws.nodes[e.source].plan == council}
    assert len(supporting) >= 3
    with explorer_page(stockport_page, viewport) as x:
        x.search.find("flourishing")
        assert x.selected() == FLOURISHING
        assert x.focused() == "details-title"
        vh = viewport[1]
        over = x.details.answer_rect("overseen")
        assert 0 <= over["y"] and over["y"] + over["height"] <= vh, "who oversees it is on the screen"
        if viewport == LAPTOP:
            assert x.details.answers_bottom() - x.details.title_top() <= vh, "the summary is one screen"
        assert x.details.answer_ids("overseen") == ["board/cultural-network"]
        assert x.details.path_ids() == ["borough-plan-2030", "borough-plan-2030/theme/one-home"]
        assert x.details.rag() == "green"
        assert "None found here" in x.details.answer("breaks")
        aligned = x.details.answer_ids("aligned")
        assert supporting <= set(aligned), "the Council commitments that carry it out are listed"
        assert f"carried out by {stockport_ws.nodes[council].label}" in x.details.answer("aligned")
        # the full record follows, folded
        for fold in ("text", "sources", "links"):
            assert x.details.folded(fold).evaluate("d => !d.open"), fold
        order = x.js("[...document.querySelectorAll('#details-answers, #fold-text, #fold-sources, #fold-links')]"
                     ".map(e => e.id)")
        assert order == ["details-answers", "fold-text", "fold-sources", "fold-links"]
        if viewport != PHONE:  # axe-core checks the narrow layout at 320 px (test_the_page_reflows_at_320_px)
            assert axe_violations(x.page) == []


def test_every_priority_summary_fits_a_laptop_screen(stockport_ws, stockport_page):
    priorities = sorted(n.id for n in stockport_ws.graph.nodes if n.kind == "priority")
    with explorer_page(stockport_page, LAPTOP) as x:
        heights = x.details.summary_heights(priorities)
    assert len(heights) == len(priorities) == 32
    assert {p: h for p, h in heights.items() if h > LAPTOP[1]} == {}


def test_inherited_oversight_says_where_it_comes_from(stockport_ws, stockport_page):
    """A Council key priority's board sits on its theme: the summary names it and says so."""
    theme = node_answers(stockport_ws.graph)[HOMES]["path"][-1]
    with explorer_page(stockport_page) as x:
        x.select(HOMES)
        text = x.details.answer("overseen")
        assert "Communities and Housing Scrutiny Committee" in text
        assert f"from its theme “{stockport_ws.nodes[theme].label[:40]}" in text
        assert x.details.answer_ids("overseen") == ["board/communities-housing-scrutiny-committee"]
        assert "Housing Strategy" in x.details.answer("delivered")


START_WELL = "borough-plan-2030/priority/caring-growing/action-1-start-well-increase-school"


def test_a_path_that_wraps_keeps_its_links_large_enough_to_press(stockport_page):
    """WCAG 2.5.8 (target size): a Borough Plan action's path (plan › theme › priority) takes
    two rows of the details panel on a laptop; each of its links is 24 px high, so the rows'
    links are not too close to press (at 16 px, 41 of Stockport's 350 nodes failed)."""
    with explorer_page(stockport_page) as x:
        x.select(START_WELL)
        boxes = x.page.eval_on_selector_all("#details-path a", "as => as.map(a => a.getBoundingClientRect())"
                                            ".map(b => [Math.round(b.top), b.height])")
        assert len(boxes) == 3 and len({top for top, _ in boxes}) == 2, boxes
        assert min(height for _, height in boxes) >= 24, boxes
        assert axe_violations(x.page) == []


@pytest.mark.slow  # 350 checks, about a minute and a half: run by .ci/run after the README's command
@pytest.mark.timeout(900)
def test_every_nodes_details_pass_axe_core(stockport_ws, stockport_page):
    """axe-core on the details panel of each of Stockport's nodes, every fold open and every
    list in full, on a laptop screen: the panel in every state it takes, where the other tests
    check a few (a wrapped path's links were too small to press for 41 nodes, none of which
    they selected). The tables below the workspace are hidden first: the panel's layout does
    not depend on them, and axe-core lays its grid over every element on the page each time."""
    nodes = sorted(n.id for n in stockport_ws.graph.nodes)
    with explorer_page(stockport_page) as x:
        x.js("document.querySelectorAll('#textview-section, #review')"
             ".forEach(e => e.style.setProperty('display', 'none', 'important'))")
        found = {}
        for node in nodes:
            x.select(node)
            x.details.open_everything()
            found[node] = axe_violations_within(x.page, "#details")
        assert len(found) == len(nodes) == 350
        assert {node: v for node, v in found.items() if v} == {}


def test_details_show_each_finding_basis_nearest_candidates_and_thread_status(stockport_ws, stockport_page):
    """An inferred absence says so and lists what it was compared with, as links; a priority
    shows its RAG status by the same rule as the report, in words and a symbol."""
    from goldenthread.queries.library import RAG_RULE

    skilled = next(r for r in coverage(stockport_ws) if r["id"] == SKILLED)
    with explorer_page(stockport_page) as x:
        weak = next(o for o in orphans(stockport_ws) if o["basis"] == "inferred" and o["candidates"])
        x.select(weak["id"])
        item = x.page.locator(f"#details-orphans li[data-reason='{weak['reason']}']")
        assert item.get_attribute("data-basis") == "inferred"
        assert "(inferred from wording: to review)" in item.inner_text()
        links = item.locator("ol.nearest a.nodelink")
        nearest = [links.nth(i).get_attribute("data-id") for i in range(links.count())]
        assert nearest == [c["id"] for c in weak["candidates"]]
        first = weak["candidates"][0]
        assert f"score {first['score']:.2f} (a link needs {first['threshold']:.2f})" in item.inner_text()
        links.first.click()
        assert x.selected() == first["id"]

        x.select(SKILLED)
        assert x.details.rag() == "red" == skilled["status"]
        status = x.details.answer("status")  # the rule shows on asking "why red?"
        assert status.startswith("✖ Red — missing: delivery strategy.")
        assert f"Red when {RAG_RULE['red']}." in status
        assert "No delivery strategy named" in x.details.answer("delivered")
        stated = x.page.locator("#details-orphans li[data-basis='stated']").first
        assert "(stated by the documents)" in stated.inner_text()
        assert axe_violations(x.page) == []


# -- 3. search ------------------------------------------------------------------------------------

def test_search_finds_what_officers_type(stockport_ws, stockport_page):
    with explorer_page(stockport_page) as x:
        x.search.type("housing")
        housing = x.search.results()
        assert FLOURISHING in housing, "its source quote says housing"
        assert housing.index(FLOURISHING) < 12
        assert housing[0] == "strategy/housing-strategy"
        assert "In its source quote" in x.page.locator(f'#search-results button[data-id="{FLOURISHING}"]').inner_text()
        x.search.type("house")  # a word stem: house, houses, housing
        assert {"strategy/housing-strategy", FLOURISHING} <= set(x.search.results())
        x.search.type("HWB")  # an abbreviation the board's name spells
        assert x.search.results()[0] == HWB
        assert "HWB = Health and Wellbeing Board" in x.search.count_text()
        x.search.type("VCFSE")
        assert "borough-plan-2030/priority/strong-supportive" in x.search.results()
        x.search.type("work and skills partnership")  # another name of the board
        assert x.search.results()[0] == "board/work-skills-board"
        x.search.type("zzqx nothing")
        assert x.search.results() == [] and "No node matches" in x.search.count_text()
        # ranked results you can step through
        x.search.find("climate")
        ranked = x.search.results()
        assert x.selected() == ranked[0] and x.search.position() == f"Match 1 of {len(ranked)}"
        x.search.next()
        assert x.selected() == ranked[1] and x.search.position() == f"Match 2 of {len(ranked)}"
        assert x.focused() == "search-next"
        x.search.previous()
        assert x.selected() == ranked[0]
        assert axe_violations(x.page) == []


def test_search_results_and_panel_links_work_from_the_keyboard(stockport_ws, stockport_page):
    with explorer_page(stockport_page) as x:
        page = x.page
        page.focus("#search-input")
        page.keyboard.type("strategy")
        assert page.locator("#search-results button").count() > 2
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        second = x.js("document.activeElement.dataset.id")
        assert second == x.search.results()[1]
        assert axe_violations(page) == []  # with the result list open
        page.keyboard.press("Enter")
        assert x.selected() == second and x.focused() == "details-title"
        link = page.locator("#details-answers a.nodelink").first
        target = link.get_attribute("data-id")
        link.focus()
        page.keyboard.press("Enter")
        assert x.selected() == target and x.details.title() == stockport_ws.nodes[target].label
        # on the graph: N selects the next node, T shows its golden thread
        x.graph.focus()
        page.keyboard.press("n")
        chosen = x.selected()
        assert chosen and chosen != target
        page.keyboard.press("t")
        assert x.thread() == thread_members(stockport_ws.graph)[chosen]
        assert x.focused() == "canvas"


# -- 4. one state, always true -------------------------------------------------------------------

def test_golden_thread_is_the_thread_api_result(stockport_ws, stockport_page):
    council = sorted(n.id for n in stockport_ws.graph.nodes
                     if n.kind == "priority" and n.plan == "council-plan-2021-22")
    threads = {p: sorted(n["id"] for n in thread(stockport_ws, p)["nodes"]) for p in council}
    focus = max(council, key=lambda p: (sum(i.startswith("borough-plan-2030/") for i in threads[p]), p))
    api = threads[focus]
    assert any(i.startswith("borough-plan-2030/") for i in api) and len(api) > 5
    with explorer_page(stockport_page) as x:
        x.select(focus)
        x.page.click("#thread-button")
        assert x.graph.thread_button().get_attribute("aria-pressed") == "true"
        assert x.thread() == api
        assert x.drawn() == set(api), "the thread is what is drawn"
        x.details.unfold("thread")
        assert sorted(x.js("[...document.querySelectorAll('#thread-list li')].map(i => i.dataset.id)")) == api
        assert sorted(x.table.all_rows()) == api, "the table lists the thread"
        assert "Golden thread of" in x.status() and f"{len(api)} nodes" in x.status()
        assert axe_violations(x.page) == []
        x.page.click("#thread-button")
        assert x.thread() == [] and x.drawn() == top_ids(stockport_ws.graph) | {focus}


def test_one_state_thread_follows_selection_reset_and_filters(stockport_ws, stockport_page):
    members = thread_members(stockport_ws.graph)
    breaks = {o["id"] for o in orphans(stockport_ws)}
    with explorer_page(stockport_page) as x:
        button = x.graph.thread_button()
        x.select(FLOURISHING)
        assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == "Show golden thread"
        button.click()
        assert x.thread() == members[FLOURISHING]
        assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "Hide golden thread"
        # selecting another node recomputes the thread: what is drawn is always its thread
        x.select(SKILLED)
        assert x.thread() == members[SKILLED] and x.drawn() == set(members[SKILLED])
        assert button.get_attribute("aria-pressed") == "true"
        assert x.details.thread_button().get_attribute("aria-pressed") == "true"
        # a filter recomputes it: orphans only shows where this thread breaks
        x.filters.orphans_only(True)
        assert x.drawn() == set(members[SKILLED]) & breaks
        assert sorted(x.table.all_rows()) == sorted(set(members[SKILLED]) & breaks)
        assert not x.drawn() - breaks, "nothing else is drawn"
        # Reset clears the thread and the filters, and says so
        x.filters.reset()
        assert x.thread() == [] and button.get_attribute("aria-pressed") == "false"
        assert button.inner_text() == "Show golden thread" and not x.page.is_checked("#orphans-only")
        assert x.drawn() == top_ids(stockport_ws.graph)
        # Escape hides the thread, then clears the selection (documented beside the graph)
        assert "Escape hides the thread" in x.page.locator("#canvas-help").text_content()
        button.click()
        x.graph.focus()
        x.page.keyboard.press("Escape")
        assert x.thread() == [] and x.selected() == SKILLED
        x.page.keyboard.press("Escape")
        assert x.selected() is None and button.is_disabled()


def test_filters_and_the_table_cover_every_matching_node(stockport_ws, stockport_page):
    graph = stockport_ws.graph
    all_ids = {n.id for n in graph.nodes}
    breaks = {o["id"] for o in orphans(stockport_ws)}
    with explorer_page(stockport_page) as x:
        # kind: the table lists every matching node, drawn or not
        x.filters.kind("commitment", False)
        without = {n.id for n in graph.nodes if n.kind != "commitment"}
        assert sorted(x.table.all_rows()) == sorted(without) and x.matching() == without
        x.filters.reset()
        # plan
        x.filters.plan("council-plan-2021-22", False)
        assert x.matching() == {n.id for n in graph.nodes if n.plan != "council-plan-2021-22"}
        assert not {i for i in x.drawn() if stockport_ws.nodes[i].plan == "council-plan-2021-22"}
        x.filters.reset()
        # link origin: the selected node's inferred links are not drawn
        x.select(FLOURISHING)
        drawn_links = x.js("goldenthreadExplorer.visibleEdgeCount()")
        x.filters.origin("inferred", False)
        assert x.js("goldenthreadExplorer.visibleEdgeCount()") < drawn_links
        x.filters.reset()
        # orphans only: every break, drawn, with the plans, themes and priorities they sit in faint
        x.filters.orphans_only(True)
        assert x.drawn() == breaks and x.matching() == breaks
        assert x.context() and not x.context() & breaks and all(c in top_ids(graph) for c in x.context())
        assert sorted(x.table.all_rows()) == sorted(breaks)
        assert f"{len(breaks)} nodes match the filters; {len(breaks)} of them drawn" in x.table.summary()
        assert all("⚠" in t for t in x.table.column("breaks"))
        assert f"Orphans only: {len(breaks)} nodes match the filters, all drawn." in x.status()
        assert axe_violations(x.page) == []
        x.filters.reset()
        assert x.matching() == all_ids


def test_the_table_follows_the_selection_the_thread_and_what_is_drawn(stockport_ws, stockport_page):
    """The table marks the selected node's row and no other, and the rows of its golden thread;
    its cells say what is drawn now (opening a priority draws its commitments)."""
    graph = stockport_ws.graph
    members = thread_members(graph)
    inside = sorted(descendants(graph, FLOURISHING) - {FLOURISHING})
    with explorer_page(stockport_page) as x:
        x.table.show("priorities")
        x.select(FLOURISHING)
        assert x.table.marked("selected") == [FLOURISHING]
        x.select(SKILLED)
        assert x.table.marked("selected") == [SKILLED]
        x.graph.thread_button().click()
        thread = set(members[SKILLED]) & set(x.table.all_rows())
        assert thread and set(x.table.marked("in-thread")) == thread
        x.table.show("nodes")
        x.filters.reset()
        x.table.filter(stockport_ws.nodes[inside[0]].label)
        row = x.table.all_rows().index(inside[0])
        assert x.table.column("drawn")[row] == "not drawn"
        x.graph.click(FLOURISHING)
        assert x.table.column("drawn")[row] == "drawn"
        assert x.table.marked("selected") == []  # the selected priority is not among these rows


# -- 5. views officers ask for -----------------------------------------------------------------

def test_what_a_board_oversees_and_a_strategy_delivers(stockport_ws, stockport_page, tmp_path):
    answers = node_answers(stockport_ws.graph)
    strategy = "strategy/housing-strategy"
    with explorer_page(stockport_page) as x:
        x.select(HWB)
        assert x.details.answer_ids("reverse") == [r[0] for r in answers[HWB]["rev"]]
        x.select(strategy)
        assert "Delivers" in x.page.inner_text("#details-answers")
        assert x.details.answer_ids("reverse") == [r[0] for r in answers[strategy]["rev"]]
        # the table: boards and what each oversees, sortable, filterable, as CSV
        x.table.show("boards")
        boards = sorted(n.id for n in stockport_ws.graph.nodes if n.kind == "board")
        assert sorted(x.table.all_rows()) == boards
        x.table.sort_by("Oversees")
        counts = [int(c) for c in x.table.column("count")]
        assert counts == sorted(counts)
        x.table.sort_by("Oversees")
        assert [int(c) for c in x.table.column("count")] == sorted(counts, reverse=True)
        x.table.filter("scrutiny")
        shown = x.table.all_rows()
        assert shown and all("scrutiny" in stockport_ws.nodes[i].label.lower() for i in shown)
        rows = x.table.download_csv(tmp_path)
        assert rows[0] == x.table.headers() and [r[0] for r in rows[1:]] == [stockport_ws.nodes[i].label for i in shown]
        x.table.filter("")
        x.table.show("priorities")
        assert "Overseen by" in x.table.headers()
        over = dict(zip(x.table.all_rows(), x.table.column("over")))
        assert over[HOMES].startswith("Communities and Housing Scrutiny Committee (from its theme)")
        x.table.show("strategies")
        assert strategy in x.table.all_rows()
        assert axe_violations(x.page) == []


def test_printable_thread_table(stockport_ws, stockport_page):
    members = thread_members(stockport_ws.graph)[SKILLED]
    with explorer_page(stockport_page) as x:
        x.select(SKILLED)
        x.details.press("panel-table")
        assert x.focused() == "thread-table-title"
        rows = x.js("[...document.querySelectorAll('#thread-table-body tr')].map(r => r.dataset.id)")
        assert sorted(rows) == members
        assert rows[:3] == ["borough-plan-2030", "borough-plan-2030/theme/one-future", SKILLED]
        assert axe_violations(x.page) == []
        x.page.emulate_media(media="print")
        assert x.page.is_visible("#thread-table")
        for hidden in ("#graph-area", "#details", ".toolbar", "#textview-section", "#review", ".tt-actions"):
            assert not x.page.is_visible(hidden), hidden
        x.page.emulate_media(media="screen")
        x.page.click("#thread-close")
        x.page.emulate_media(media="print")
        assert x.page.is_visible("#details") and not x.page.is_visible("#graph-area")
        x.page.emulate_media(media="screen")


def test_deep_links_open_the_exact_view(stockport_ws, stockport_page):
    members = thread_members(stockport_ws.graph)
    breaks = {o["id"] for o in orphans(stockport_ws)}
    with explorer_page(stockport_page) as x:
        x.select(SKILLED)
        x.graph.thread_button().click()
        x.filters.orphans_only(True)
        x.table.show("breaks")
        link = x.hash()
        assert link.startswith(f"#node={SKILLED}&thread=1") and "orphans=1" in link and "table=breaks" in link
    with explorer_page(stockport_page, fragment=link[1:]) as x:
        assert x.selected() == SKILLED and x.thread() == members[SKILLED]
        assert x.drawn() == set(members[SKILLED]) & breaks
        assert x.page.input_value("#table-view") == "breaks"
        assert x.details.title() == stockport_ws.nodes[SKILLED].label
        # a colleague's link to a node, and one with filters only
    with explorer_page(stockport_page, fragment=f"node={HOMES}") as x:
        assert x.selected() == HOMES and x.thread() == []
    theme = node_answers(stockport_ws.graph)[HOMES]["path"][-1]
    with explorer_page(stockport_page, fragment=f"kinds=plan,theme,priority,board&open={theme}") as x:
        assert x.selected() is None
        assert x.drawn() == top_ids(stockport_ws.graph) | {"board/communities-housing-scrutiny-committee"}
        x.page.evaluate("location.hash = '#node=" + FLOURISHING + "'")
        wait_until(x.page, "id => goldenthreadExplorer.selectedId() === id", FLOURISHING)
    with explorer_page(stockport_page, fragment="node=no/such/node") as x:
        assert x.selected() is None and "not in this graph" in x.page.inner_text("#live")


# -- 6. review inferred links ---------------------------------------------------------------------

def test_review_decisions_download_and_build_with_them(northmere, northmere_ws, northmere_page, tmp_path):
    rows = review_rows(northmere_ws.graph)
    expected = io.StringIO()
    writer = csv.DictWriter(expected, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    inferred = [r for r in rows if r["origin"] == "inferred"]
    accepted, rejected = inferred[0], inferred[1]
    plans = {n.id: n.plan for n in northmere_ws.graph.nodes}
    lower, higher = plans[accepted["source"]], plans[accepted["target"]]
    council_commitments = sorted(n.id for n in northmere_ws.graph.nodes if n.kind == "commitment" and n.plan == lower)
    partnership = sorted(n.id for n in northmere_ws.graph.nodes if n.kind == "commitment" and n.plan == higher)
    linked = {(e.source, e.target) for e in northmere_ws.graph.edges}
    add_from, add_to = next((s, t) for s in council_commitments for t in partnership if (s, t) not in linked)
    with explorer_page(northmere_page) as x:
        assert x.js("goldenthreadExplorer.decisionsCsv()") == expected.getvalue(), \
            "undecided, the file is what `goldenthread links --format csv` writes"
        assert sorted(x.review.rows()) == sorted((r["source"], r["kind"], r["target"]) for r in rows)
        x.review.accept(accepted["source"], accepted["kind"], accepted["target"])
        x.review.reject(rejected["source"], rejected["kind"], rejected["target"])
        assert x.review.decision(accepted["source"], accepted["kind"], accepted["target"]) == "accept"
        # the names offered to pick from: every node but the plans, once a field has the focus
        x.page.focus("#add-source")
        offered = x.page.eval_on_selector_all("#review-nodes option", "o => o.map(x => x.value)")
        assert sorted(offered) == sorted(n.id for n in northmere_ws.graph.nodes if n.kind != "plan")
        assert "Added" in x.review.add(add_from, add_to, note="same family hubs")
        assert x.review.added() == [f"{add_from}|aligns_with|{add_to}"]
        assert "1 accepted, 1 rejected, 1 added" in x.page.inner_text("#review-summary")
        assert axe_violations(x.page) == []
        path = x.review.download(tmp_path)
        assert path.name == "decisions.csv"
        assert "goldenthread build CORPUS --decisions decisions.csv" in x.page.inner_text("#review-status")
    got = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert list(got[0]) == COLUMNS
    assert {(r["decision"], r["source"], r["target"]) for r in got if r["decision"]} == {
        ("accept", accepted["source"], accepted["target"]), ("reject", rejected["source"], rejected["target"]),
        ("add", add_from, add_to)}
    # the build reads the file: decisions applied
    graph = build_graph(EXAMPLE, decision_files=(path,)).graph
    edges = {(e.source, e.kind, e.target): e for e in graph.edges}
    assert (rejected["source"], rejected["kind"], rejected["target"]) not in edges
    assert edges[(accepted["source"], accepted["kind"], accepted["target"])].origin == "curated"
    added = edges[(add_from, "aligns_with", add_to)]
    assert added.origin == "curated" and "same family hubs" in added.evidence.note
    assert plans[add_from] != plans[add_to]


def test_a_missing_link_can_be_added_from_the_nearest_candidates(stockport_ws, stockport_page, tmp_path):
    weak = next(o for o in orphans(stockport_ws) if o["reason"] == "no_counterpart" and o["candidates"])
    with explorer_page(stockport_page) as x:
        x.select(weak["id"])
        first = "#details-orphans li[data-reason='no_counterpart'] ol.nearest li:first-child button"
        x.page.locator(first).click()
        assert x.page.locator(first).get_attribute("aria-pressed") == "true"
        assert x.js("document.activeElement.dataset.key") == x.page.locator(first).get_attribute("data-key"), \
            "the focus stays on the button pressed"
        assert x.review.added() == [f"{weak['id']}|aligns_with|{weak['candidates'][0]['id']}"]
        rows = list(csv.DictReader(io.StringIO(x.js("goldenthreadExplorer.decisionsCsv()"))))
        assert rows[-1]["decision"] == "add" and rows[-1]["source"] == weak["id"]


# -- 7. phones and keyboards ---------------------------------------------------------------------

def test_phone_details_come_before_the_graph_and_the_page_scrolls_over_it(stockport_page):
    with explorer_page(stockport_page, PHONE) as x:
        page = x.page
        details = page.locator("#details").bounding_box()
        canvas = page.locator("#canvas").bounding_box()
        assert details["y"] + details["height"] <= canvas["y"], "the details are above the graph"
        x.search.find("flourishing")
        title = page.locator("#details-title").bounding_box()
        assert 0 <= title["y"] < PHONE[1] / 3, "the answer opens on the screen"
        # a wheel (or a swipe) over the graph scrolls the page; it does not zoom
        page.evaluate("window.scrollTo(0, document.getElementById('canvas').getBoundingClientRect().top"
                      " + scrollY - 100)")
        before, scale = page.evaluate("scrollY"), x.graph.scale()
        page.mouse.move(PHONE[0] / 2, 300)
        page.mouse.wheel(0, 400)
        wait_until(page, "y => scrollY > y", before)
        assert x.graph.scale() == scale
        assert page.evaluate("getComputedStyle(document.querySelector('#canvas canvas')).touchAction") == "pan-y"
        page.keyboard.down("Control")
        page.mouse.wheel(0, -200)
        page.keyboard.up("Control")
        assert x.graph.scale() > scale, "Ctrl + wheel (a pinch) zooms"


@pytest.mark.parametrize("state", ["start", "selected", "thread", "orphans", "table", "review", "index"])
def test_the_page_reflows_at_320_px(stockport_page, councils, state):
    path = councils[2] if state == "index" else stockport_page
    with explorer_page(path, NARROW) as x:
        if state in ("selected", "thread", "table"):
            x.search.find("skilled")
        if state == "thread":
            x.graph.thread_button().click()
        if state == "orphans":
            x.filters.orphans_only(True)
        if state == "table":
            x.table.show("priorities")
            x.page.locator("#textview").scroll_into_view_if_needed()
        if state == "review":
            x.page.locator("#review").scroll_into_view_if_needed()
        assert x.page_width() <= NARROW[0]
        assert x.js("[...document.querySelectorAll('main *, header *')].filter(e => !e.closest('.table-wrap') && "
                    "e.getBoundingClientRect().right > innerWidth + 0.5 && e.getClientRects().length).length") == 0
        assert axe_violations(x.page) == []


def test_the_text_view_never_breaks_a_word(stockport_page):
    with explorer_page(stockport_page, PHONE) as x:
        split = x.js("""(() => {
          const out = [];
          for (const cell of document.querySelectorAll('#textview-body td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              for (const m of t.data.matchAll(/[A-Za-z]{4,}/g)) {
                const r = document.createRange(); r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
                const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
                if (lines.size > 1) out.push(m[0]);
              }
            }
          }
          return out;
        })()""")
        assert split == [], "words split across lines, like 'Stock port'"
        assert x.js("document.querySelectorAll('#textview-body td').length") > 100


def test_the_graph_has_a_visible_focus_ring_and_no_unnamed_tab_stop(stockport_page, tmp_path):
    from PIL import Image

    with explorer_page(stockport_page) as x:
        page = x.page
        seen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            seen.append(x.js("""(() => { const e = document.activeElement;
              const name = (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) ||
                e.textContent || e.title || '').trim();
              return [e.id, e.className, name]; })()"""))
            if seen[-1][0] == "canvas":
                break
        assert seen[-1][0] == "canvas", "the graph is reached by Tab"
        assert all(name for _id, _cls, name in seen), seen
        assert not [s for s in seen if "vis-network" in s[1]]
        assert x.js("document.querySelector('.vis-network').tabIndex") == -1
        # the ring: the focus colour is painted around the graph, above the canvas
        page.locator("#canvas-wrap").scroll_into_view_if_needed()
        box = page.locator("#canvas-wrap").bounding_box()
        shot = tmp_path / "focus.png"
        page.screenshot(path=str(shot))
        image = Image.open(shot).convert("RGB")
        focus = (0xC2, 0x41, 0x0C)
        edge = [image.getpixel((int(box["x"] + box["width"] / 2), int(box["y"] + 1))),
                image.getpixel((int(box["x"] + 1), int(box["y"] + 40)))]
        assert all(max(abs(a - b) for a, b in zip(px, focus)) < 40 for px in edge), edge


def test_pressed_buttons_keep_the_focus(stockport_page):
    with explorer_page(stockport_page) as x:
        x.search.find("climate friendly")
        panel = x.details.thread_button()
        panel.focus()
        x.page.keyboard.press("Enter")
        assert x.focused() == "panel-thread" and x.details.thread_button().get_attribute("aria-pressed") == "true"
        x.page.keyboard.press("Space")
        assert x.focused() == "panel-thread" and x.thread() == []
        x.page.focus("#thread-button")
        x.page.keyboard.press("Enter")
        assert x.focused() == "thread-button" and x.thread()
        more = x.page.locator("#details-answers button.more-inline").first
        key = more.get_attribute("data-key")
        more.focus()
        x.page.keyboard.press("Enter")
        assert x.js("document.activeElement.dataset.key") == key


# -- 8. many councils ----------------------------------------------------------------------------

def test_many_councils_open_on_an_index_and_load_a_council_on_demand(councils):
    _corpus, ws, path = councils
    graph = ws.graph
    families = plan_families(graph)
    own = {n.id: n.plan for n in graph.nodes}
    with explorer_page(path) as x:
        page = x.page
        assert page.is_visible("#council-index") and not page.is_visible("#canvas")
        assert page.locator("#council-body tr").count() == 3
        assert x.js("goldenthreadExplorer.familyId()") is None
        assert axe_violations(page) == []
        # a council opens on its own plans, themes and priorities
        page.locator("#council-body tr").nth(1).locator("a").click()
        second = families[1]
        assert x.js("goldenthreadExplorer.familyId()") == second[0]
        assert x.drawn() == {i for i in top_ids(graph) if own[i] in second}
        assert x.hash() == f"#council={second[0]}"
        orphans_here = {o["id"] for o in orphans(ws) if own[o["id"]] in second}
        x.filters.orphans_only(True)
        assert {i for i in x.table.all_rows() if own[i] in second} == orphans_here
        x.filters.reset()
        assert axe_violations(page) == []
        # search finds nodes in every council from the index, and opens the right one
        page.click("#back-to-index")
        labels = defaultdict(int)
        for n in graph.nodes:
            labels[n.label] += 1
        third = sorted(n.id for n in graph.nodes if own[n.id] in families[2] and labels[n.label] == 1
                       and n.kind in ("priority", "commitment"))[0]
        x.search.find(ws.nodes[third].label)
        assert x.js("goldenthreadExplorer.familyId()") == families[2][0] and x.selected() == third
        x.graph.thread_button().click()
        assert x.thread() == [m for m in thread_members(graph)[third] if own[m] in families[2]]
        # the table of every council, from the index
        page.click("#back-to-index")
        x.filters.orphans_only(True)
        page.click("#table-load-all")
        assert sorted(x.table.all_rows()) == sorted({o["id"] for o in orphans(ws)})
        assert axe_violations(page) == []
    # a link to a node opens its council
    node = sorted(n.id for n in graph.nodes if own[n.id] == families[0][1] and n.kind == "commitment")[0]
    with explorer_page(path, fragment=f"node={node}") as x:
        assert x.js("goldenthreadExplorer.familyId()") == families[0][0] and x.selected() == node


# -- hostile documents ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The example corpus with markup and script in a priority, a commitment and a strategy.

    The loader turns entities into characters (and strips real tags), so the hostile text
    is written with entities: the graph holds it literally.
    """
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(EXAMPLE, corpus)
    plan = corpus / "northmere-partnership-plan-2035.txt"
    text = plan.read_text(encoding="utf-8")
    swaps = {
        "Priority 1.1 - Best start for every child":
            "Priority 1.1 - Best start &lt;img src=x onerror=window.__xss=1&gt; for every child href<i></i>",
        "(a) Open family hubs in Kelderbridge":
            "(a) &lt;script&gt;window.__xss=1&lt;/script&gt; Open family hubs (see javascript:window.__xss=1 "
            "and &lt;a href=\"javascript:window.__xss=1\"&gt;this&lt;/a&gt;)<i></i> in Kelderbridge",
        "Lead strategy: Northmere Best Start Strategy 2024-2029":
            "Lead strategy: Northmere Best Start href=\"javascript:window.__xss=1\" Strategy 2024-2029",
    }
    for old, new in swaps.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    ws = Workspace(build_graph(corpus).graph)
    by_text = {
        "img": next(n for n in ws.graph.nodes if XSS_IMG in n.label),
        "script": next(n for n in ws.graph.nodes if XSS_SCRIPT in n.label),
        "href": next(n for n in ws.graph.nodes if n.kind == "strategy" and "href" in n.label),
    }
    assert XSS_JS_URL in by_text["script"].text
    return ws, write_page(ws, corpus.parent), by_text


def test_hostile_text_is_shown_literally_and_never_runs(hostile, tmp_path):
    ws, path, nodes = hostile
    with explorer_page(path) as x:
        page = x.page
        assert x.js("window.__xss") is None
        for key, node in nodes.items():
            x.select(node.id)
            assert node.label in page.inner_text("#details-title"), key
            x.details.unfold("text")
            assert page.inner_text("#details-text") == node.text
            x.details.unfold("sources")
            quotes = page.eval_on_selector_all("#details-sources blockquote", "b => b.map(x => x.textContent)")
            assert quotes == [s.quote for s in node.sources]
            x.graph.thread_button().click()
            assert node.id in x.drawn()
            drawn = re.sub(r"\s|…", "", "".join(x.graph.card(node.id)["lines"]))
            assert re.sub(r"\s", "", node.label).startswith(drawn), "the card draws the label as text"
            x.graph.thread_button().click()
        x.search.find("onerror")
        assert x.selected() == nodes["img"].id
        # the canvas tooltip: a DOM element whose text is the label, not HTML
        for key in ("img", "href"):
            node = nodes[key]
            x.select(node.id)
            box = x.graph.card(node.id)
            page.mouse.move((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2)
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
            tip = page.locator("div.vis-tooltip")
            assert node.label in tip.inner_text()
            assert tip.locator("img, script, a, b").count() == 0
            page.mouse.move(1, 1)
            page.wait_for_timeout(100)
        # the table, the review and the CSV carry it as text
        x.table.filter("onerror")
        assert x.table.all_rows() == [nodes["img"].id]
        rows = x.table.download_csv(tmp_path)
        assert rows[1][0] == nodes["img"].label
        # nothing from the data became an element or a link
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 2 + len(explorer.SCRIPTS)
        assert page.locator("a[href^='javascript:'], [onerror], [onmouseover]").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "a => a.map(x => x.getAttribute('href'))")
        assert all(h.startswith("#") for h in hrefs)
        assert x.js("window.__xss") is None
        assert axe_violations(page) == []


@pytest.mark.slow  # a Python and a Chromium of its own: run by .ci/run after the README's command
def test_screenshot_script_runs(tmp_path):
    require_browser()  # the script drives Chromium
    out = tmp_path / "shot.png"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot_explorer.py"), str(out), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
