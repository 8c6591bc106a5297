"""Edition matching quality: precision and recall per change on labelled next editions.

Usage: python benchmarks/editions.py [STOCKPORT_CORPUS]

- Northmere: the example (examples/northmere, Council Delivery Plan 2025/26) against its next edition
  (examples/northmere-2026: the Delivery Plan 2026/27, and the Partnership Plan 2035 with its lead
  strategies and oversight updated), labelled by hand in tests/data/northmere-2026-changes.csv;
- Stockport (when the corpus is there): the Council Plan 2021-22 against the 2022-23 edition
  tests/test_editions.py makes from it, labelled in tests/data/stockport-2022-23-changes.csv.

Both editions are built in memory (nothing is written) and compared with
``goldenthread.graph.editions.compare``; ``goldenthread.graph.evaluate_editions`` scores the diff. Per
change: expected (gold rows; every node in no row is expected unchanged), found, correct, precision and
recall, beside the goal (>= 0.95 each). The counts are machine-independent: no timing here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from goldenthread.graph.build import build_graph
from goldenthread.graph.editions import compare
from goldenthread.graph.evaluate_editions import Evaluation, evaluate
from goldenthread.queries.library import Workspace, coverage

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.95
NORTHMERE_GOLD = ROOT / "tests" / "data" / "northmere-2026-changes.csv"
STOCKPORT_GOLD = ROOT / "tests" / "data" / "stockport-2022-23-changes.csv"


def _ratio(value: float, count: int) -> str:
    return f"{value:.3f}" if count else "-"


def report(title: str, old_corpus: Path, new_corpus: Path, gold: Path) -> Evaluation:
    """Build both corpora, compare them, score the diff against ``gold`` and print the tables; the scores."""
    old, new = build_graph(old_corpus).graph, build_graph(new_corpus).graph
    threads = [{row["id"]: row for row in coverage(Workspace(g))} for g in (old, new)]
    diff = compare(old, new, *threads)
    result = evaluate(old, new, diff, gold)
    print(f"## {title}\n\n{gold.relative_to(ROOT)}; {len(old.nodes)} nodes in the old build, {len(new.nodes)} in "
          f"the new\n")
    print("| change | expected | found | correct | precision | recall | goal |")
    print("|---|---|---|---|---|---|---|")
    for s in result.scores:
        if not (s.expected or s.found):
            continue
        met = "met" if min(s.precision, s.recall) >= GOAL else "MISSED"
        print(f"| {s.change} | {s.expected} | {s.found} | {s.correct} | {_ratio(s.precision, s.found)} | "
              f"{_ratio(s.recall, s.expected)} | >= {GOAL} {met} |")
    labelled = sum(s.expected for s in result.scores if s.change != "unchanged")
    print(f"\nlabelled changes {labelled}, expected unchanged {result.score('unchanged').expected}; "
          f"unchanged reported changed: {len(result.unchanged_reported_changed)}; rewordings shown as a drop "
          f"plus an add: {len(result.reworded_as_drop_add)}")
    others = ", ".join(f"{n} {c}" for c, n in result.not_assessed.items()) or "none"
    print(f"not assessed (alignment links, threads): {others}")
    for what, rows in (("missed", result.missed), ("found, not expected", result.extra)):
        for change, kind, before, after in rows:
            print(f"- {what}: {change} {kind} {', '.join(before) or '-'} -> {', '.join(after) or '-'}")
    print()
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stockport", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "stockport")
    args = ap.parse_args(argv)
    report("Northmere: Council Delivery Plan 2025/26 -> 2026/27", ROOT / "examples" / "northmere",
           ROOT / "examples" / "northmere-2026", NORTHMERE_GOLD)
    if not args.stockport.is_dir():
        print(f"Stockport corpus not found at {args.stockport}: skipped")
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from test_editions import make_next_corpus  # the edits that make 2022-23, in one place

    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_next_corpus(args.stockport, Path(tmp) / "stockport-2022-23")
        report("Stockport: Council Plan 2021-22 -> 2022-23 (made by tests/test_editions.py)", args.stockport,
               corpus, STOCKPORT_GOLD)


if __name__ == "__main__":
    main()
