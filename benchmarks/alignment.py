"""Alignment quality: precision, recall and F1 per threshold, on the tuning set and on held-out sets.

Usage: python benchmarks/alignment.py [STOCKPORT_CORPUS] [--councils N] [--seed S]

- tuning set: the Stockport Council Plan -> Borough Plan alignment against
  tests/data/alignment-gold.csv (103 hand-labelled Council commitments); the method's
  thresholds were chosen on it;
- held-out, never tuned on: the Northmere example (tests/data/northmere-alignment-gold.csv,
  21 council commitments labelled with the documents) and N generated councils
  (benchmarks/generate_corpus.py, seed S; each council's .generator.json records which
  council commitment paraphrases which partnership commitment), micro-averaged.

Each table has a row per threshold (``THRESHOLD``; the corroborated passes use
``min(LOW_THRESHOLD, threshold)``); the row marked * is the default
(goldenthread.graph.align.THRESHOLD). The Stockport table also gives the priority level.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from goldenthread.graph import align
from goldenthread.graph.build import build_graph
from goldenthread.graph.evaluate import Scores, add, evaluate, read_generated_gold, read_gold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402

THRESHOLDS = sorted({0.10, 0.15, 0.18, 0.20, align.THRESHOLD, 0.25, 0.30, 0.35, 0.40})
GOLD = ROOT / "tests" / "data" / "alignment-gold.csv"
NORTHMERE_GOLD = ROOT / "tests" / "data" / "northmere-alignment-gold.csv"


def _row(t: float, s: Scores) -> str:
    mark = " *" if t == align.THRESHOLD else ""
    return f"| {t:.2f}{mark} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.predicted} | {s.found}/{s.gold} |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "stockport")
    ap.add_argument("--councils", type=int, default=10, help="generated councils in the held-out set")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    result = build_graph(args.corpus)
    gold = read_gold(GOLD)
    print(f"## Tuning set: Stockport, {len(gold)} council commitments, "
          f"{sum(1 for v in gold.values() if v)} with a counterpart\n")
    print("| threshold | commitment P | commitment R | F1 | links | found | priority P | priority R | F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for t in THRESHOLDS:
        c, p = evaluate(result.graph, gold, "council-plan-2021-22", "borough-plan-2030", t, result.stopwords)
        print(f"{_row(t, c)} {p.precision:.3f} | {p.recall:.3f} | {p.f1:.3f} |")

    northmere = build_graph(ROOT / "examples" / "northmere")
    n_gold = read_gold(NORTHMERE_GOLD)
    print(f"\n## Held out: Northmere, {len(n_gold)} council commitments, "
          f"{sum(1 for v in n_gold.values() if v)} with a counterpart\n")
    print("| threshold | P | R | F1 | links | found |")
    print("|---|---|---|---|---|---|")
    for t in THRESHOLDS:
        c, _ = evaluate(northmere.graph, n_gold, "northmere-council-plan-2025-26", "northmere-partnership-plan-2035",
                        t, northmere.stopwords)
        print(_row(t, c))

    with tempfile.TemporaryDirectory() as tmp:
        councils = []
        for folder in generate(Path(tmp), args.councils, seed=args.seed):
            built = build_graph(folder)
            councils.append((built, *read_generated_gold(folder, built.graph)))
        n = sum(len(g) for _, g, _, _ in councils)
        print(f"\n## Held out: {len(councils)} generated councils (seed {args.seed}), {n} council commitments, "
              f"{sum(1 for _, g, _, _ in councils for v in g.values() if v)} with a counterpart\n")
        print("| threshold | P | R | F1 | links | found |")
        print("|---|---|---|---|---|---|")
        for t in THRESHOLDS:
            total = add([evaluate(b.graph, g, lower, higher, t, b.stopwords)[0] for b, g, lower, higher in councils])
            print(_row(t, total))


if __name__ == "__main__":
    main()
