"""The interactive explorer (goldenthread.viz.explorer): one offline HTML file, tried in a
real browser (Debian Chromium through Playwright; see tests/browser.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import axe_violations, offline_requests, open_page
from conftest import EXAMPLE, ROOT

from goldenthread.graph.build import build_graph
from goldenthread.graph.model import Link, Node, PlanGraph, Source
from goldenthread.queries.library import Workspace, orphans, thread
from goldenthread.viz import explorer
from goldenthread.viz.explorer import render_explorer, thread_members

XSS_IMG = "<img src=x onerror=window.__xss=1>"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_JS_URL = "javascript:window.__xss=1"


def write_page(ws: Workspace, folder: Path, name: str = "explorer.html") -> Path:
    path = folder / name
    path.write_text(render_explorer(ws), encoding="utf-8")
    return path


@contextmanager
def explorer_page(path: Path, viewport=(1280, 900)):
    """The page, loaded and drawn; on leaving, no request left the file and no error happened."""
    with open_page(path, viewport=viewport) as (page, requests, errors):
        page.wait_for_selector("html[data-ready]", timeout=30_000)
        yield page
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


def visible_ids(page) -> set[str]:
    return set(page.evaluate("goldenthreadExplorer.visibleNodeIds()"))


def text_view_ids(page) -> list[str]:
    return page.eval_on_selector_all("#textview-body tr", "rows => rows.map(r => r.dataset.id)")


def search_and_enter(page, text: str) -> None:
    page.fill("#search-input", text)
    page.press("#search-input", "Enter")


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


# -- Python side: threads, determinism, the file itself ----------------------------------

@pytest.mark.parametrize("corpus", ["northmere", "stockport"])
def test_precomputed_threads_equal_the_thread_api_for_every_node(corpus, request):
    ws = Workspace(request.getfixturevalue(corpus).graph)
    members = thread_members(ws.graph)
    assert set(members) == set(ws.nodes)
    for node_id, ids in members.items():
        api = sorted(n["id"] for n in thread(ws, node_id)["nodes"])
        assert ids == api, node_id


def test_same_workspace_gives_byte_identical_html(northmere_ws, tmp_path):
    first = render_explorer(northmere_ws)
    assert render_explorer(Workspace(northmere_ws.graph)) == first
    # and in another process, with another hash seed
    script = (f"from goldenthread.graph.build import build_graph\n"
              f"from goldenthread.queries.library import Workspace\n"
              f"from goldenthread.viz.explorer import render_explorer\n"
              f"import sys\n"
              f"sys.stdout.buffer.write(render_explorer(Workspace(build_graph({str(EXAMPLE)!r}).graph)).encode())\n")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True, cwd=tmp_path)
    assert out.stdout.decode("utf-8") == first


def test_html_is_self_contained_and_the_data_cannot_close_its_script(northmere_ws):
    page = render_explorer(northmere_ws)
    tags = start_tags(page)
    assert [a for t, a in tags if t == "script"] == [{"type": "application/json", "id": "graph-data"}, {}, {}]
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
    with explorer_page(path) as p:
        assert p.evaluate("window.__xss") is None
        assert p.locator("script").count() == 3


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
              Link(source="b", target="a", kind="part_of"), Link(source="c", target="c", kind="aligns_with", origin="curated")])
    ws = Workspace(odd)
    members = thread_members(odd)
    for node in odd.nodes:
        assert members[node.id] == sorted(n["id"] for n in thread(ws, node.id)["nodes"])
    for name, graph in (("empty", PlanGraph(nodes=[], edges=[])), ("odd", odd)):
        path = write_page(Workspace(graph), tmp_path, f"{name}.html")
        with explorer_page(path) as page:
            assert visible_ids(page) == {n.id for n in graph.nodes}
            assert axe_violations(page) == []


def test_vis_network_is_the_copy_shipped_with_pyvis():
    import pyvis

    js, css = explorer.vis_assets()
    shipped = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    assert js.startswith(shipped.read_text(encoding="utf-8")[:2000])
    assert "@version 9.1.2" in js and "@license" in js
    assert "div.vis-tooltip" in css


# -- in the browser -----------------------------------------------------------------------

@pytest.mark.parametrize("corpus", ["northmere", "stockport"])
def test_page_opens_offline_with_every_node_in_the_data_and_the_text_view(corpus, request):
    ws = request.getfixturevalue(f"{corpus}_ws")
    path = request.getfixturevalue(f"{corpus}_page")
    ids = {n.id for n in ws.graph.nodes}
    assert len(ids) <= explorer.COLLAPSE_ABOVE, "these graphs open fully expanded"
    with explorer_page(path) as page:
        data_ids = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).nodes.map(n => n.id)")
        assert set(data_ids) == ids
        assert visible_ids(page) == ids
        rows = text_view_ids(page)
        assert sorted(rows) == sorted(ids)
        assert page.evaluate("goldenthreadExplorer.visibleEdgeCount()") == len(ws.graph.edges)
        assert page.evaluate("goldenthreadExplorer.network.physics.options.enabled") is False
        # the text view shows kind, plan, status and the orphan marker
        orphan_ids = {o["id"] for o in orphans(ws)}
        some_orphan = sorted(orphan_ids)[0]
        row = page.locator(f'#textview-body tr[data-id="{some_orphan}"]')
        assert "⚠" in row.locator("td").nth(4).inner_text()
        assert ws.nodes[some_orphan].kind in row.locator("td").nth(1).inner_text().lower()
        assert axe_violations(page) == []


def test_search_enter_selects_the_best_match_and_fills_the_details(stockport_ws, stockport_page):
    node = stockport_ws.nodes["borough-plan-2030/priority/climate-friendly"]
    with explorer_page(stockport_page) as page:
        search_and_enter(page, "climate friendly")
        assert page.evaluate("goldenthreadExplorer.selectedId()") == node.id
        details = page.locator("#details")
        assert page.inner_text("#details-kind").strip().lower() == "priority"
        assert page.inner_text("#details-title").strip() == node.label
        assert page.inner_text("#details-text").strip() == node.text
        sources = page.locator("#details-sources > li")
        assert sources.count() == len(node.sources)
        for i, src in enumerate(node.sources):
            item = sources.nth(i)
            assert item.locator(".doc").inner_text() == src.document
            lines = item.locator(".lines").inner_text()
            assert str(src.line_start) in lines and str(src.line_end) in lines
            assert item.locator("blockquote").inner_text() == src.quote
        orphan_reasons = {o["reason"] for o in orphans(stockport_ws) if o["id"] == node.id}
        assert {li.get_attribute("data-reason") for li in details.locator("#details-orphans li").all()} == orphan_reasons
        links = [e for e in stockport_ws.graph.edges if node.id in (e.source, e.target)]
        assert details.locator("#details-links > li").count() == len(links)
        assert axe_violations(page) == []  # with the panel open


def test_details_show_each_finding_basis_nearest_candidates_and_thread_status(stockport_ws, stockport_page):
    """An inferred absence says so and lists what it was compared with, as buttons; a priority
    shows its RAG status by the same rule as the report, in words and a symbol."""
    from goldenthread.queries.library import RAG_RULE, coverage, drift

    theme = "council-plan-2021-22/theme/we-are-council-that-uses-digital"
    nearest = next(d for d in drift(stockport_ws) if d["id"] == theme)["candidates"]
    skilled = next(r for r in coverage(stockport_ws) if r["label"] == "A skilled and confident Stockport")
    with explorer_page(stockport_page) as page:
        weak = next(o for o in orphans(stockport_ws) if o["basis"] == "inferred" and o["candidates"])
        page.evaluate(f"goldenthreadExplorer.select({json.dumps(weak['id'])})")
        item = page.locator(f"#details-orphans li[data-reason='{weak['reason']}']")
        assert item.get_attribute("data-basis") == "inferred"
        assert "(inferred from wording: to review)" in item.inner_text()
        buttons = item.locator("ol.nearest button.nodelink")
        assert [buttons.nth(i).get_attribute("data-id") for i in range(buttons.count())] == \
            [c["id"] for c in weak["candidates"]]
        first = weak["candidates"][0]
        assert f"score {first['score']:.2f} (a link needs {first['threshold']:.2f})" in item.inner_text()
        buttons.first.click()
        assert page.evaluate("goldenthreadExplorer.selectedId()") == first["id"]

        page.evaluate(f"goldenthreadExplorer.select({json.dumps(skilled['id'])})")
        rag = page.locator("#details-rag")
        assert rag.get_attribute("data-status") == "red"
        assert rag.inner_text().startswith("✖ Red — " + RAG_RULE["red"])
        assert "Missing: delivery strategy." in rag.inner_text()
        stated = page.locator("#details-orphans li[data-basis='stated']").first
        assert "(stated by the documents)" in stated.inner_text()
        assert axe_violations(page) == []
    assert nearest[0]["label"] == "A radically digital Stockport"


def test_search_results_and_panel_links_work_from_the_keyboard(stockport_ws, stockport_page):
    with explorer_page(stockport_page) as page:
        page.focus("#search-input")
        page.keyboard.type("strategy")
        assert page.locator("#search-results button").count() > 2
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        second = page.evaluate("document.activeElement.dataset.id")
        assert second == page.locator("#search-results button").nth(1).get_attribute("data-id")
        assert axe_violations(page) == []  # with the result list open
        page.keyboard.press("Enter")
        assert page.evaluate("goldenthreadExplorer.selectedId()") == second
        assert page.evaluate("document.activeElement.id") == "details-title"
        # a link in the panel moves to that node
        link = page.locator("#details-links button.nodelink").first
        target = link.get_attribute("data-id")
        link.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("goldenthreadExplorer.selectedId()") == target
        assert page.inner_text("#details-title").strip().lstrip("⚠ ") == stockport_ws.nodes[target].label
        # on the canvas: N selects the next node, T shows its golden thread
        page.focus("#canvas")
        page.keyboard.press("n")
        chosen = page.evaluate("goldenthreadExplorer.selectedId()")
        assert chosen and chosen != target
        page.keyboard.press("t")
        assert page.evaluate("goldenthreadExplorer.threadIds()") == thread_members(stockport_ws.graph)[chosen]


def test_golden_thread_highlight_is_the_thread_api_result(stockport_ws, stockport_page):
    # a Council Plan priority whose thread reaches into the Borough Plan
    council = sorted(n.id for n in stockport_ws.graph.nodes
                     if n.kind == "priority" and n.plan == "council-plan-2021-22")
    threads = {p: sorted(n["id"] for n in thread(stockport_ws, p)["nodes"]) for p in council}
    focus = max(council, key=lambda p: (sum(i.startswith("borough-plan-2030/") for i in threads[p]), p))
    api = threads[focus]
    assert any(i.startswith("borough-plan-2030/") for i in api) and len(api) > 5
    with explorer_page(stockport_page) as page:
        page.evaluate(f"goldenthreadExplorer.select({json.dumps(focus)})")
        page.click("#thread-button")
        assert page.get_attribute("#thread-button", "aria-pressed") == "true"
        assert page.evaluate("goldenthreadExplorer.threadIds()") == api
        listed = page.eval_on_selector_all("#thread-list li", "items => items.map(i => i.dataset.id)")
        assert sorted(listed) == api
        dimmed = set(page.evaluate("goldenthreadExplorer.dimmedIds()"))
        assert dimmed == set(stockport_ws.nodes) - set(api)
        in_thread_rows = page.eval_on_selector_all("#textview-body tr.in-thread", "rows => rows.map(r => r.dataset.id)")
        assert sorted(in_thread_rows) == api
        assert axe_violations(page) == []
        page.click("#thread-button")
        assert page.evaluate("goldenthreadExplorer.threadIds()") == []
        assert page.evaluate("goldenthreadExplorer.dimmedIds()") == []


def test_each_filter_changes_what_is_shown(stockport_ws, stockport_page):
    graph = stockport_ws.graph
    all_ids = {n.id for n in graph.nodes}
    with explorer_page(stockport_page) as page:
        # kind
        page.click("#filter-kind summary")
        page.uncheck('#kind-options input[value="commitment"]')
        without = {n.id for n in graph.nodes if n.kind != "commitment"}
        assert visible_ids(page) == without
        assert sorted(text_view_ids(page)) == sorted(without)
        page.click("#reset-filters")
        assert visible_ids(page) == all_ids
        # plan
        page.click("#filter-plan summary")
        page.uncheck('#plan-options input[value="council-plan-2021-22"]')
        assert visible_ids(page) == {n.id for n in graph.nodes if n.plan != "council-plan-2021-22"}
        page.click("#reset-filters")
        # link origin
        page.click("#filter-origin summary")
        page.uncheck('#origin-options input[value="inferred"]')
        inferred = sum(1 for e in graph.edges if e.origin == "inferred")
        assert inferred > 0
        assert page.evaluate("goldenthreadExplorer.visibleEdgeCount()") == len(graph.edges) - inferred
        assert visible_ids(page) == all_ids
        page.click("#reset-filters")
        assert page.evaluate("goldenthreadExplorer.visibleEdgeCount()") == len(graph.edges)
        # orphans only
        page.check("#orphans-only")
        expected = {o["id"] for o in orphans(stockport_ws)}
        assert visible_ids(page) == expected
        assert sorted(text_view_ids(page)) == sorted(expected)
        assert all("⚠" in t for t in page.eval_on_selector_all("#textview-body td:nth-child(5)", "c => c.map(x => x.textContent)"))
        assert f"Showing {len(expected)} of {len(all_ids)} nodes" in page.inner_text("#status")
        assert axe_violations(page) == []


def test_large_graphs_open_collapsed_and_expand_on_enter(northmere_ws, tmp_path, monkeypatch):
    monkeypatch.setattr(explorer, "COLLAPSE_ABOVE", 10)
    path = write_page(northmere_ws, tmp_path)
    top = {n.id for n in northmere_ws.graph.nodes if n.kind in ("plan", "theme", "priority")}
    priority = sorted(i for i in top if "/priority/" in i)[0]
    inside = {e.source for e in northmere_ws.graph.edges if e.target == priority} | \
             {e.target for e in northmere_ws.graph.edges if e.source == priority}
    with explorer_page(path) as page:
        assert visible_ids(page) == top
        assert sorted(text_view_ids(page)) == sorted(top)
        page.evaluate(f"goldenthreadExplorer.select({json.dumps(priority)})")
        page.focus("#canvas")
        page.keyboard.press("Enter")
        assert visible_ids(page) == top | inside
        page.click("#expand-all")
        assert visible_ids(page) == set(northmere_ws.nodes)
        assert axe_violations(page) == []


# -- hostile documents ----------------------------------------------------------------------

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


def test_hostile_text_is_shown_literally_and_never_runs(hostile):
    ws, path, nodes = hostile
    with explorer_page(path) as page:
        assert page.evaluate("window.__xss") is None
        for key, node in nodes.items():
            page.evaluate(f"goldenthreadExplorer.select({json.dumps(node.id)})")
            title = page.inner_text("#details-title")
            assert node.label in title, key
            assert page.inner_text("#details-text") == node.text
            quotes = page.eval_on_selector_all("#details-sources blockquote", "b => b.map(x => x.textContent)")
            assert quotes == [s.quote for s in node.sources]
            page.click("#thread-button")
            page.click("#thread-button")
        search_and_enter(page, "onerror")
        assert page.evaluate("goldenthreadExplorer.selectedId()") == nodes["img"].id
        # the canvas tooltip: a DOM element whose text is the label, not HTML
        for key in ("img", "href"):
            node = nodes[key]
            page.evaluate(f"goldenthreadExplorer.network.focus({ws.graph.nodes.index(node)}, {{scale: 1.5}})")
            box = page.locator("#canvas").bounding_box()
            at = page.evaluate(f"goldenthreadExplorer.network.canvasToDOM("
                               f"goldenthreadExplorer.network.getPosition({ws.graph.nodes.index(node)}))")
            page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
            tip = page.locator("div.vis-tooltip")
            assert node.label in tip.inner_text()
            assert tip.locator("img, script, a, b").count() == 0
            page.mouse.move(1, 1)
            page.wait_for_timeout(100)
        # nothing from the data became an element or a link
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 3
        assert page.locator("a[href^='javascript:'], [onerror], [onmouseover]").count() == 0
        assert page.evaluate("window.__xss") is None
        assert axe_violations(page) == []


def test_screenshot_script_runs(tmp_path):
    out = tmp_path / "shot.png"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot_explorer.py"), str(out), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
