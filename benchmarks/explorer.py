"""How fast is the explorer (goldenthread.viz.explorer) with one council, ten, a hundred?

Run: ``python benchmarks/explorer.py [--councils 1 10 100] [--runs 3] [--no-browser] [--stockport DIR]``

For each size N it writes N generated councils (benchmarks/generate_corpus.py, seed 0) into
ONE corpus (each council's documents and profiles in its own folder, one manifest naming
them all: ``councils_corpus``), builds it with ``build_graph`` and renders the explorer on a
workspace with the store ``auto`` (Oxigraph), as ``goldenthread build`` does. The Stockport
graph (when the corpus is present) is measured too. One row per graph:

  nodes, links, plan families (councils), HTML size; Python: ``render_explorer`` seconds
  (of which the orphans query and the RDF projection it needs); browser (Debian Chromium,
  headless, 1440x900, medians of ``--runs`` fresh browsers):
  - first view: navigation start to the first usable view (the council index for several
    councils, the overview of plans, themes and priorities for one) drawn;
  - parsed: navigation start to the load event (every council's data parsed by the HTML
    parser; the page is usable before);
  - open: opening the first council (its data parsed, laid out, drawn), ms;
  - thread: selecting a priority and showing its golden thread (laid out, drawn, details,
    table), ms;  orphans: ticking Orphans only in that council, ms;
  - all: Show all nodes of that council, ms;  frame: one redraw of the graph (a pan or zoom
    frame) with every node of the council drawn, ms;
  - search: the first search across every council (every council's data parsed and
    indexed), ms;
  - orphan list: listing the orphans of every council in the table (the index's Orphans only
    and "List every council's nodes": every council's data parsed), ms.
Each browser measure but the first two is taken on a page just loaded.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import councils_corpus  # noqa: E402 - after the path it lives on

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def render(graph) -> tuple[str, float, float, float]:
    """(html, seconds for render_explorer, of which the RDF projection, of which the orphans query)."""
    from goldenthread.queries.library import Workspace, orphans
    from goldenthread.viz import explorer

    probe = Workspace(graph, store_spec="auto")
    t0 = time.perf_counter()
    _ = probe.store  # the RDF projection, loaded into the store
    rdf_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    orphans(probe)
    orphan_s = time.perf_counter() - t0
    ws = Workspace(graph, store_spec="auto")
    t0 = time.perf_counter()
    page = explorer.render_explorer(ws)
    return page, time.perf_counter() - t0, rdf_s, orphan_s


_JS_SETUP = """() => {
  const X = goldenthreadExplorer;
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const out = {};
  if (data.families.length > 1) out.open = X.time(() => X.openFamily(data.families[0].id));
  const pri = X.drawnIds().filter(i => i.includes('/priority/'))[0] || X.drawnIds()[0];
  out.thread = X.time(() => { X.select(pri); X.showThread(true); });
  X.showThread(false);
  const box = document.getElementById('orphans-only');
  out.orphans = X.time(() => box.click());
  box.click();
  out.all = X.time(() => document.getElementById('all-button').click());
  X.redrawTime(3);
  out.frame = X.redrawTime(10);
  out.drawn = X.drawnIds().length;
  return out;
}"""

_JS_SEARCH = """() => {
  const X = goldenthreadExplorer;
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  if (data.families.length < 2) return {};
  const input = document.getElementById('search-input');
  return { search: X.time(() => { input.value = 'housing'; input.dispatchEvent(new Event('input')); }) };
}"""

_JS_ORPHAN_LIST = """() => {
  const X = goldenthreadExplorer;
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  if (data.families.length < 2) return {};
  document.getElementById('orphans-only').click();
  return { orphanList: X.time(() => document.getElementById('table-load-all').click()) };
}"""


def _reload(page, path: Path) -> None:
    page.goto("about:blank")
    page.goto(path.resolve().as_uri(), timeout=300_000)
    page.wait_for_load_state("load", timeout=300_000)


def browser_times(path: Path, runs: int) -> dict[str, float]:
    """Medians over ``runs`` fresh headless Chromiums (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {}
    with sync_playwright() as p:
        for _ in range(runs):
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(path.resolve().as_uri(), timeout=300_000)
                page.wait_for_selector("html[data-ready]", timeout=300_000)
                first = page.evaluate("window.__explorerFirstRender")
                page.wait_for_load_state("load", timeout=300_000)
                parsed = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
                got = {"first": first, "parsed": parsed, **page.evaluate(_JS_SEARCH)}
                _reload(page, path)  # each measure on a page just loaded: nothing parsed beforehand
                got.update(page.evaluate(_JS_ORPHAN_LIST))
                _reload(page, path)
                got.update(page.evaluate(_JS_SETUP))
                for key, value in got.items():
                    samples.setdefault(key, []).append(float(value))
            finally:
                browser.close()
    return {k: median(v) for k, v in samples.items()}


def machine() -> str:
    try:
        chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except OSError:
        chromium = "no chromium"
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.machine()} ({cpu}), {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, "
            f"{chromium}; load average before the run: {load}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, nargs="*", default=[1, 10, 100])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stockport", type=Path, default=ROOT.parent / "shared" / "corpus" / "stockport")
    ap.add_argument("--no-browser", action="store_true", help="skip the browser timings")
    ap.add_argument("--keep", type=Path, help="keep the corpora and pages in this folder")
    args = ap.parse_args()
    use_browser = not args.no_browser and CHROMIUM.exists()

    from goldenthread.graph.build import build_graph
    from goldenthread.viz.explorer import plan_families

    print(machine(), flush=True)
    cols = ["graph", "nodes", "links", "councils", "HTML MB", "build s", "render s", "RDF s", "orphans s",
            "first view ms", "parsed ms", "open ms", "thread ms", "orphans ms", "all ms", "frame ms", "drawn",
            "search ms", "orphan list ms"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        graphs: list[tuple[str, Path]] = []
        if args.stockport.is_dir():
            graphs.append(("Stockport", args.stockport))
        for n in args.councils:
            graphs.append((f"{n} councils", councils_corpus(base / f"councils-{n}", n)))
        for name, corpus in graphs:
            t0 = time.perf_counter()
            graph = build_graph(corpus).graph
            build_s = time.perf_counter() - t0
            page, render_s, rdf_s, orphan_s = render(graph)
            path = base / f"{name.replace(' ', '-')}.html"
            path.write_text(page, encoding="utf-8")
            times = browser_times(path, args.runs) if use_browser else {}
            ms = [f"{times[k]:.0f}" if k in times else "–"
                  for k in ("first", "parsed", "open", "thread", "orphans", "all")]
            row = [name, f"{len(graph.nodes):,}", f"{len(graph.edges):,}", f"{len(plan_families(graph)):,}",
                   f"{len(page.encode('utf-8')) / 1e6:.1f}", f"{build_s:.1f}", f"{render_s:.1f}", f"{rdf_s:.1f}",
                   f"{orphan_s:.2f}", *ms, f"{times['frame']:.1f}" if "frame" in times else "–",
                   f"{times.get('drawn', 0):.0f}",
                   *[f"{times[k]:.0f}" if k in times else "–" for k in ("search", "orphanList")]]
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
