"""Precision and recall of the inferred alignment against a hand-labelled sample.

Inputs: a built ``PlanGraph``, the gold CSV (``council_id,borough_ids,kind,note``;
``borough_ids`` separated by ";", empty when the commitment has no counterpart),
and a threshold.
Outputs: ``Scores`` at two levels:
- commitment level: precision = inferred commitment links that are in the
  gold set / all inferred commitment links; recall = gold commitments with a
  counterpart that got at least one correct link / all such commitments;
- priority level: the same for the priority -> priority links derived from
  them, against the priorities that hold the gold targets.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from goldenthread.graph import align
from goldenthread.graph.model import PlanGraph


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    predicted: int
    correct: int
    gold: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: Path) -> dict[str, set[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["council_id"]: {t for t in row["borough_ids"].split(";") if t}
                for row in csv.DictReader(fh)}


def _score(predicted: dict[str, set[str]], gold: dict[str, set[str]]) -> Scores:
    links = [(s, t) for s, ts in predicted.items() for t in ts]
    correct = sum(1 for s, t in links if t in gold.get(s, set()))
    positives = [s for s, ts in gold.items() if ts]
    found = sum(1 for s in positives if predicted.get(s, set()) & gold[s])
    return Scores(precision=correct / len(links) if links else 1.0,
                  recall=found / len(positives) if positives else 1.0,
                  predicted=len(links), correct=correct, gold=len(positives))


def evaluate(graph: PlanGraph, gold: dict[str, set[str]], lower: str, higher: str,
             threshold: float = align.THRESHOLD,
             stopwords: frozenset[str] = frozenset()) -> tuple[Scores, Scores]:
    """(commitment-level, priority-level) scores of the alignment at ``threshold``."""
    stated = PlanGraph(nodes=graph.nodes, edges=[e for e in graph.edges if e.origin == "stated"])
    links = align.align_commitments(stated, lower, higher, threshold, stopwords)
    predicted: dict[str, set[str]] = {c: set() for c in gold}
    for link in links:
        predicted.setdefault(link.source, set()).add(link.target)
    commitment = _score({c: predicted.get(c, set()) for c in gold}, gold)

    parent = {e.source: e.target for e in stated.edges if e.kind == "part_of"}
    kind = {n.id: n.kind for n in stated.nodes}
    gold_p: dict[str, set[str]] = {}
    for c, targets in gold.items():
        if kind.get(parent.get(c)) == "priority":
            gold_p.setdefault(parent[c], set()).update(parent[t] for t in targets)
    pred_p: dict[str, set[str]] = {p: set() for p in gold_p}
    for link in align.align_priorities(stated, links):
        if link.source in pred_p:
            pred_p[link.source].add(link.target)
    return commitment, _score(pred_p, gold_p)
