"""Screenshot of the explorer page, for the README (docs/explorer.png).

Run: ``python scripts/screenshot_explorer.py OUT_PNG [CORPUS] [--select TEXT] [--thread] [--width W --height H]``

Builds CORPUS (default: the Stockport corpus in ../shared/corpus/stockport), renders its
explorer (goldenthread.viz.explorer.render_explorer) to a temporary file, opens it in
Debian's Chromium (/usr/bin/chromium, driven by Playwright; no browser is downloaded) and
saves the window as a PNG: by default the page as it opens (the first view: plans, themes
and priorities, legible, and the start of the details panel). ``--select`` types TEXT in
Find and presses Enter (the details then answer for the best match); ``--thread`` also
shows that node's golden thread.
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="PNG file to write")
    ap.add_argument("corpus", type=Path, nargs="?", default=ROOT.parent / "shared" / "corpus" / "stockport")
    ap.add_argument("--select", help="search text for a node to select (default: nothing selected, the first view)")
    ap.add_argument("--thread", action="store_true", help="with --select: show the node's golden thread")
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

    ws = Workspace(build_graph(args.corpus).graph, store_spec="auto")
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
                if args.select:
                    page.fill("#search-input", args.select)
                    page.press("#search-input", "Enter")
                    if args.thread:
                        page.click("#thread-button")
                    page.locator("#search-input").blur()
                page.wait_for_timeout(500)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                if errors:
                    print("page errors: " + "; ".join(errors), file=sys.stderr)
                    return 1
            finally:
                browser.close()
    print(f"wrote {args.out}" + (f" (selected: {args.select})" if args.select else " (the first view)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
