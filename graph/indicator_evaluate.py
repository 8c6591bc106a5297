"""Precision and recall of the inferred ``tracked_by`` links against a hand-labelled set of measures.

Inputs: a built ``PlanGraph`` (with indicator data) and a labelled CSV
(``measure,text,expected,note``: ``expected`` holds the indicator node ids that track the
measure, separated by ``;``, or ``none``; lines starting with ``#`` are comments), such as
tests/data/indicator-links.csv.
Outputs: ``Scores`` (``goldenthread.graph.evaluate``): precision = inferred ``tracked_by`` links
whose indicator is one the label names / all inferred ``tracked_by`` links of labelled
measures; recall = labelled measures with an indicator that got at least one correct link /
all labelled measures with an indicator; and ``mistakes``: the wrong links and the measures
missed, for reading.
"""

from __future__ import annotations

import csv
from pathlib import Path

from goldenthread.core.errors import LoadError
from goldenthread.core.model import PlanGraph
from goldenthread.graph.evaluate import Scores


def read_labels(path: Path) -> dict[str, set[str]]:
    """Measure id -> the indicator ids that track it (empty for ``none``)."""
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    out: dict[str, set[str]] = {}
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if not row.get("measure") or row.get("expected") is None:
            raise LoadError("a labelled row needs a measure and an expected value", path, number)
        expected = row["expected"].strip()
        out[row["measure"].strip()] = set() if expected == "none" else {i.strip() for i in expected.split(";")}
    return out


def evaluate_links(graph: PlanGraph, labels: dict[str, set[str]]) -> Scores:
    """``Scores`` of the graph's inferred ``tracked_by`` links on the labelled measures (module docstring)."""
    links = [(e.source, e.target) for e in graph.edges if e.kind == "tracked_by" and e.origin == "inferred"
             and e.source in labels]
    correct = [(m, i) for m, i in links if i in labels[m]]
    gold = [m for m, expected in labels.items() if expected]
    found = {m for m, _ in correct}
    return Scores(precision=len(correct) / len(links) if links else 1.0,
                  recall=len(found) / len(gold) if gold else 1.0,
                  predicted=len(links), correct=len(correct), gold=len(gold), found=len(found))


def mistakes(graph: PlanGraph, labels: dict[str, set[str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """The wrong links (measure, indicator) and the labelled measures that got no correct link."""
    links = [(e.source, e.target) for e in graph.edges if e.kind == "tracked_by" and e.origin == "inferred"
             and e.source in labels]
    wrong = sorted((m, i) for m, i in links if i not in labels[m])
    found = {m for m, i in links if i in labels[m]}
    missed = sorted(m for m, expected in labels.items() if expected and m not in found)
    return wrong, missed
