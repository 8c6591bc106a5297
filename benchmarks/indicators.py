"""Measure -> indicator link quality: precision and recall on the labelled measures.

Usage: python benchmarks/indicators.py [STOCKPORT_CORPUS] [INDICATOR_FOLDER]

- Stockport: the 75 measures of the Stockport plans against the Trafford Data Lab files
  (../shared/data/indicators/trafford-data-lab), labelled in tests/data/indicator-links.csv;
- Northmere: the 23 measures of the example against examples/northmere-indicators,
  labelled in tests/data/northmere-indicator-links.csv.

Prints one table per set: the default method (marked *), then each part of it taken away
(no topics; no gap and subgroup rules; no rate-over-count preference) and other thresholds,
so what each part contributes can be read. Precision: inferred links whose indicator the label
names / all inferred links; recall: labelled measures with an indicator that got a correct
link / all of them. The rules were written while reading the Stockport measures, so the
Stockport figures are those of the set the method was made on, not a held-out test.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from goldenthread.graph import indicator_links as links
from goldenthread.graph.build import build_graph
from goldenthread.graph.evaluate import Scores
from goldenthread.graph.indicator_evaluate import evaluate_links, mistakes, read_labels

ROOT = Path(__file__).resolve().parent.parent
STOCKPORT = ROOT.parent / "shared" / "corpus" / "stockport"
TRAFFORD = ROOT.parent / "shared" / "data" / "indicators" / "trafford-data-lab"
SETS = [
    ("Stockport (75 measures, Trafford Data Lab files; rules written on it)", "stockport", "trafford",
     "E08000007", ROOT / "tests" / "data" / "indicator-links.csv"),
    ("Northmere example (23 measures)", ROOT / "examples" / "northmere", ROOT / "examples" / "northmere-indicators",
     "X00000001", ROOT / "tests" / "data" / "northmere-indicator-links.csv"),
]


@contextmanager
def variant(**changes: object) -> Iterator[None]:
    """Module settings of ``indicator_links`` changed for the duration (``count_preference=False`` too)."""
    saved = {name: getattr(links, name) for name in changes if name != "count_preference"}
    original_is_count = links.is_count
    try:
        for name, value in changes.items():
            if name == "count_preference":
                if not value:
                    links.is_count = lambda node: False  # type: ignore[assignment]
                continue
            setattr(links, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(links, name, value)
        links.is_count = original_is_count


VARIANTS: list[tuple[str, dict[str, object]]] = [
    ("default *", {}),
    ("no topics", {"TOPICS": ()}),
    ("no gap or subgroup rule", {"GAP": re.compile(r"(?!x)x"), "SUBGROUPS": ()}),
    ("no rate-over-count preference", {"count_preference": False}),
    ("wording alone from 0.20", {"THRESHOLD": 0.20}),
    ("wording alone from 0.40", {"THRESHOLD": 0.40}),
    ("topic from 0.00", {"TOPIC_THRESHOLD": 0.0}),
    ("topic from 0.10", {"TOPIC_THRESHOLD": 0.10}),
    ("topic from 0.20", {"TOPIC_THRESHOLD": 0.20}),
]


def _row(name: str, s: Scores) -> str:
    """One table row."""
    return (f"| {name} | {s.precision:.3f} | {s.recall:.3f} ({s.found} of {s.gold}) | {s.f1:.3f} | "
            f"{s.predicted} ({s.correct} right) |")


def main(argv: list[str]) -> int:
    """Print the tables; 0, or 1 when a corpus or folder is missing."""
    stockport = Path(argv[0]) if argv else STOCKPORT
    trafford = Path(argv[1]) if len(argv) > 1 else TRAFFORD
    for title, corpus, folder, area, labelled in SETS:
        corpus = stockport if corpus == "stockport" else corpus
        folder = trafford if folder == "trafford" else folder
        assert isinstance(corpus, Path) and isinstance(folder, Path)
        if not corpus.is_dir() or not folder.is_dir():
            print(f"{title}: {corpus} or {folder} not found", file=sys.stderr)
            return 1
        labels = read_labels(labelled)
        print(f"\n{title}\n")
        print("| method | precision | recall | F1 | links inferred |")
        print("|---|---|---|---|---|")
        for name, changes in VARIANTS:
            with variant(**changes):
                graph = build_graph(corpus, indicators=folder, area=area).graph
            print(_row(name, evaluate_links(graph, labels)))
            if not changes:
                wrong, missed = mistakes(graph, labels)
                default = (wrong, missed)
        wrong, missed = default
        print("\nwith the default: wrong links " + (", ".join(f"{m} -> {i}" for m, i in wrong) or "none")
              + "; missed " + (", ".join(missed) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
