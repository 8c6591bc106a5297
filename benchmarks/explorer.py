"""How fast is the explorer (goldenthread.viz.explorer) on large graphs?

Run: ``python benchmarks/explorer.py [--sizes 1000 3000 5000] [--no-browser] [--stockport DIR]``

For the Stockport graph (when the corpus is present) and for synthetic plan graphs of the
given sizes (built here as PlanGraph objects, with Stockport's proportions: three plans,
themes, priorities with commitments and measures, shared strategies and boards, inferred
commitment and priority alignments), it prints one row per graph and view:

  nodes, links, HTML size, Python render time (``render_explorer``: orphans query, thread
  of every node, layout, JSON), and of that the orphans query alone (on the workspace's
  store: ``auto``, so rdflib for Stockport and Oxigraph above 20k triples) and the golden
  threads alone, the SPARQL ``thread`` API per node (what precomputing in Python saves),
  browser time to first render (navigation start to vis-network's first drawn frame,
  Debian Chromium, headless, 1280x900) and the time of one redraw (a pan or zoom frame).

``view`` is ``full`` (every node drawn) or ``collapsed`` (plans, themes, priorities only,
as the page opens above ``COLLAPSE_ABOVE`` nodes). The threshold in
goldenthread/viz/explorer.py cites this benchmark's output.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from goldenthread.graph.model import Link, Node, PlanGraph, Source  # noqa: E402
from goldenthread.queries.library import Workspace, orphans, thread  # noqa: E402
from goldenthread.viz import explorer  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORDS = ("housing health climate skills transport community children carers jobs parks safety "
         "digital culture town centre homes energy youth ageing inclusion waste air schools").split()


def _src(doc: str, line: int, text: str) -> list[Source]:
    return [Source(document=doc, line_start=line, line_end=line, quote=text)]


def synthetic_graph(target: int, seed: int = 7) -> PlanGraph:
    """A plan graph of about ``target`` nodes shaped like Stockport's (deterministic)."""
    rnd = random.Random(seed)
    nodes: list[Node] = []
    edges: list[Link] = []
    per_plan = target // 3
    priorities_per_plan = max(1, per_plan // 11)
    themes_per_plan = max(1, priorities_per_plan // 4)
    line = 0

    def text(n: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(n))

    def add(node_id: str, kind: str, label: str, plan: str | None, doc: str, status=None) -> str:
        nonlocal line
        line += 1
        nodes.append(Node(id=node_id, kind=kind, label=label, text=label + " " + text(12), plan=plan,
                          status=status, sources=_src(doc, line, label)))
        return node_id

    strategies = [add(f"strategy/s{i}", "strategy", f"{text(3).title()} Strategy {i}", "plan-0", "plan-0.txt",
                      status="to be developed" if i % 9 == 0 else None)
                  for i in range(max(2, target // 15))]
    boards = [add(f"board/b{i}", "board", f"{text(2).title()} Board {i}", "plan-0", "plan-0.txt",
                  status="to be established" if i % 7 == 0 else None)
              for i in range(max(2, target // 30))]
    commitments_of: dict[int, list[str]] = {}
    priorities_of: dict[int, list[str]] = {}
    for p in range(3):
        plan = add(f"plan-{p}", "plan", f"Synthetic Plan {p}", f"plan-{p}", f"plan-{p}.txt")
        commitments_of[p], priorities_of[p] = [], []
        for t in range(themes_per_plan):
            theme = add(f"plan-{p}/theme/t{t}", "theme", f"Theme {t}: {text(4)}", plan, f"plan-{p}.txt")
            edges.append(Link(source=theme, target=plan, kind="part_of"))
            if t % 2 == 0:
                edges.append(Link(source=theme, target=rnd.choice(strategies), kind="delivered_through"))
        for q in range(priorities_per_plan):
            theme = f"plan-{p}/theme/t{q % themes_per_plan}"
            pri = add(f"{theme}/priority/q{q}", "priority", f"Priority {q}: {text(5)}", plan, f"plan-{p}.txt")
            priorities_of[p].append(pri)
            edges.append(Link(source=pri, target=theme, kind="part_of"))
            if q % 3:
                edges.append(Link(source=pri, target=rnd.choice(strategies), kind="delivered_through"))
            if q % 4:
                edges.append(Link(source=pri, target=rnd.choice(boards), kind="overseen_by"))
            for c in range(7):
                com = add(f"{pri}/commitment-{c}", "commitment", text(7).capitalize(), plan, f"plan-{p}.txt")
                commitments_of[p].append(com)
                edges.append(Link(source=com, target=pri, kind="part_of"))
            for m in range(2 if q % 5 else 0):
                mea = add(f"{pri}/measure-{m}", "measure", "Increase in " + text(5), plan, f"plan-{p}.txt")
                edges.append(Link(source=pri, target=mea, kind="measured_by"))
        if p:
            edges.append(Link(source=plan, target="plan-0", kind="aligns_with", origin="curated"))
    for p in (1, 2):
        for com in commitments_of[p]:
            if rnd.random() < 0.4:
                edges.append(Link(source=com, target=rnd.choice(commitments_of[0]), kind="aligns_with",
                                  origin="inferred", confidence=round(rnd.uniform(0.22, 0.9), 3)))
        for pri in priorities_of[p]:
            if rnd.random() < 0.6:
                edges.append(Link(source=pri, target=rnd.choice(priorities_of[0]), kind="aligns_with",
                                  origin="inferred", confidence=round(rnd.uniform(0.3, 1.0), 3)))
    unique = {(e.source, e.kind, e.target): e for e in edges}
    edges = [unique[k] for k in sorted(unique)]
    return PlanGraph(nodes=sorted(nodes, key=lambda n: n.id), edges=edges)


def render(graph: PlanGraph, collapse_above: int) -> tuple[str, float, float, float]:
    """(html, seconds for render_explorer on a fresh workspace, of which orphans, of which threads)."""
    saved = explorer.COLLAPSE_ABOVE
    explorer.COLLAPSE_ABOVE = collapse_above
    try:
        t0 = time.perf_counter()
        explorer.thread_members(graph)
        threads = time.perf_counter() - t0
        probe = Workspace(graph, store_spec="auto")
        t0 = time.perf_counter()
        orphans(probe)
        orphan_s = time.perf_counter() - t0
        ws = Workspace(graph, store_spec="auto")
        t0 = time.perf_counter()
        page = explorer.render_explorer(ws)
        return page, time.perf_counter() - t0, orphan_s, threads
    finally:
        explorer.COLLAPSE_ABOVE = saved


def browser_times(path: Path, runs: int = 3) -> tuple[float, float]:
    """(ms to first drawn frame, ms per redraw), medians of ``runs`` fresh headless Chromiums."""
    from statistics import median

    from playwright.sync_api import sync_playwright

    firsts, redraws = [], []
    with sync_playwright() as p:
        for _ in range(runs):
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(path.resolve().as_uri())
                page.wait_for_selector("html[data-ready]", timeout=120_000)
                firsts.append(page.evaluate("window.__explorerFirstRender"))
                page.evaluate("goldenthreadExplorer.redrawTime(3)")  # warm up
                redraws.append(page.evaluate("goldenthreadExplorer.redrawTime(10)"))
            finally:
                browser.close()
    return median(firsts), median(redraws)


def api_thread_seconds(ws: Workspace, sample: int = 20) -> float:
    """Seconds per node for the SPARQL-backed ``thread`` API (a sample of nodes)."""
    ids = [n.id for n in ws.graph.nodes][:: max(1, len(ws.graph.nodes) // sample)][:sample]
    t0 = time.perf_counter()
    for i in ids:
        thread(ws, i)
    return (time.perf_counter() - t0) / len(ids)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 3000, 5000])
    ap.add_argument("--stockport", type=Path, default=ROOT.parent / "shared" / "corpus" / "stockport")
    ap.add_argument("--no-browser", action="store_true", help="skip the browser timings")
    args = ap.parse_args()
    use_browser = not args.no_browser and CHROMIUM.exists()

    graphs: list[tuple[str, PlanGraph]] = []
    if args.stockport.is_dir():
        from goldenthread.graph.build import build_graph
        graphs.append(("stockport", build_graph(args.stockport).graph))
    for size in args.sizes:
        graphs.append((f"synthetic-{size}", synthetic_graph(size)))

    header = (f"{'graph':<16} {'view':<9} {'nodes':>6} {'links':>6} {'HTML MB':>8} {'render s':>9} "
              f"{'orphans s':>9} {'threads s':>9} {'API s/node':>10} {'first render ms':>15} {'redraw ms':>9}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for name, graph in graphs:
            api = api_thread_seconds(Workspace(graph, store_spec="auto"))
            views = [("full", 10**9)] + ([("collapsed", 0)] if len(graph.nodes) > 500 else [])
            for view, limit in views:
                page, seconds, orphan_s, threads = render(graph, limit)
                path = Path(tmp) / f"{name}-{view}.html"
                path.write_text(page, encoding="utf-8")
                first, redraw = browser_times(path) if use_browser else (float("nan"), float("nan"))
                print(f"{name:<16} {view:<9} {len(graph.nodes):>6} {len(graph.edges):>6} "
                      f"{len(page.encode('utf-8')) / 1e6:>8.2f} {seconds:>9.2f} {orphan_s:>9.2f} {threads:>9.3f} {api:>10.4f} "
                      f"{first:>15.0f} {redraw:>9.1f}", flush=True)
    print(f"\nCOLLAPSE_ABOVE = {explorer.COLLAPSE_ABOVE} (the page opens collapsed above this many nodes)")


if __name__ == "__main__":
    main()
