"""Alignment quality on the labelled Stockport sample: precision and recall per threshold.

Usage: python benchmarks/alignment.py [STOCKPORT_CORPUS]

Builds the Stockport graph, scores the Council Plan -> Borough Plan alignment
against tests/data/alignment-gold.csv (103 hand-labelled Council commitments),
and prints a table for a range of thresholds; the row marked * is the default
(goldenthread.graph.align.THRESHOLD).
"""

from __future__ import annotations

import sys
from pathlib import Path

from goldenthread.graph import align
from goldenthread.graph.build import build_graph
from goldenthread.graph.evaluate import evaluate, read_gold

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "stockport"
    result = build_graph(corpus)
    gold = read_gold(ROOT / "tests" / "data" / "alignment-gold.csv")
    stop = result.stopwords
    print(f"gold: {len(gold)} council commitments, {sum(1 for v in gold.values() if v)} with a counterpart\n")
    print("| threshold | commitment P | commitment R | F1 | links | priority P | priority R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for t in sorted({0.10, 0.15, 0.18, 0.20, align.THRESHOLD, 0.25, 0.30, 0.35, 0.40}):
        c, p = evaluate(result.graph, gold, "council-plan-2021-22", "borough-plan-2030", t, stop)
        mark = " *" if t == align.THRESHOLD else ""
        print(f"| {t:.2f}{mark} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.predicted} "
              f"| {p.precision:.3f} | {p.recall:.3f} | {p.f1:.3f} |")


if __name__ == "__main__":
    main()
