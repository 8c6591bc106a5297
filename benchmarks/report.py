"""How fast the audit report opens, from one council to a hundred in one build.

Builds N generated councils into one corpus (``councils_corpus`` of benchmarks/generate_corpus.py),
renders the report files (one page per council and an index when there are several), and
opens the first page a reader opens (the report, or the index) and one council's page in
headless Debian Chromium, timing the browser's load event. Prints a Markdown table.

    python benchmarks/report.py [--councils 1 10 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _load_ms(page_path: Path, runs: int) -> float:
    from browser import open_page

    times = []
    for _ in range(runs):
        with open_page(page_path) as (page, _requests, _errors):
            times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    from generate_corpus import councils_corpus

    from goldenthread.graph.build import build_graph
    from goldenthread.queries.library import Workspace
    from goldenthread.viz.report import render_reports

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--councils", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print("| councils | files | first page | its size | load | a council's page | its size | load | render s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.councils:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = councils_corpus(Path(tmp) / "corpus", n)
            graph = build_graph(corpus).graph
            started = time.perf_counter()
            files = render_reports(Workspace(graph, store_spec="auto"))
            render = time.perf_counter() - started
            out = Path(tmp) / "out"
            for name, text in files.items():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (out / name).write_text(text, encoding="utf-8")
            first = out / "report.html"
            pages = sorted((out / "report").glob("*.html")) or [first]
            one = pages[0]
            print(f"| {n} | {len(files)} | {first.name} | {first.stat().st_size / 1e6:.2f} MB | "
                  f"{_load_ms(first, args.runs):.0f} ms | {one.name} | {one.stat().st_size / 1e6:.2f} MB | "
                  f"{_load_ms(one, args.runs):.0f} ms | {render:.1f} |", flush=True)


if __name__ == "__main__":
    main()
