"""Screenshot of the explorer page, for the README (docs/explorer.png).

Run: ``python scripts/screenshot_explorer.py OUT_PNG [CORPUS] [--select TEXT] [--initial]``

Builds CORPUS (default: the Stockport corpus in ../shared/corpus/stockport), renders its
explorer (goldenthread.viz.explorer.render_explorer) to a temporary file, opens it in
Debian's Chromium (/usr/bin/chromium, driven by Playwright; no browser is downloaded),
selects a priority with the search box (``--select``, default: a priority whose golden
thread reaches another plan), shows its golden thread and saves the window as a PNG.
``--initial`` saves the page as it opens instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def default_focus(ws) -> str:
    """A priority whose thread reaches into another plan, with a thread of readable size."""
    from goldenthread.viz.explorer import thread_members

    members = thread_members(ws.graph)
    plan_of = {n.id: n.plan for n in ws.graph.nodes}
    best = None
    for n in ws.graph.nodes:
        if n.kind != "priority":
            continue
        plans = {plan_of[m] for m in members[n.id] if plan_of[m]}
        size = len(members[n.id])
        key = (len(plans) < 2, abs(size - 24), n.id)
        if best is None or key < best[0]:
            best = (key, n)
    if best is None:
        raise SystemExit("no priority to select; use --initial")
    return best[1].label


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="PNG file to write")
    ap.add_argument("corpus", type=Path, nargs="?", default=ROOT.parent / "shared" / "corpus" / "stockport")
    ap.add_argument("--select", help="search text for the node to select (default: a priority)")
    ap.add_argument("--initial", action="store_true", help="the page as it opens, nothing selected")
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args()

    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from goldenthread.graph.build import build_graph
    from goldenthread.queries.library import Workspace
    from goldenthread.viz.explorer import render_explorer

    ws = Workspace(build_graph(args.corpus).graph)
    query = None if args.initial else (args.select or default_focus(ws))
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "explorer.html"
        page_path.write_text(render_explorer(ws), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(page_path.resolve().as_uri())
                page.wait_for_selector("html[data-ready]", timeout=60_000)
                if query:
                    page.fill("#search-input", query)
                    page.press("#search-input", "Enter")
                    page.click("#thread-button")
                    page.locator("#search-input").blur()
                page.wait_for_timeout(900)  # let the zoom animation finish
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                if errors:
                    print("page errors: " + "; ".join(errors), file=sys.stderr)
                    return 1
            finally:
                browser.close()
    print(f"wrote {args.out}" + (f" (selected: {query})" if query else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
