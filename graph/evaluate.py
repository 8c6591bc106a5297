"""Precision and recall of the inferred alignment against a hand-labelled sample.

Inputs: a built ``PlanGraph``, a gold CSV (``council_id,borough_ids,kind,note``;
``borough_ids`` separated by ";", empty when the commitment has no counterpart; lines
starting with ``#`` are comments saying how the set was labelled) or a generated
council's ``.generator.json`` (benchmarks/generate_corpus.py), and a threshold.
Outputs: ``Scores`` at two levels:
- commitment level: precision = inferred commitment links that are in the
  gold set / all inferred commitment links; recall = gold commitments with a
  counterpart that got at least one correct link / all such commitments;
- priority level: the same for the priority -> priority links derived from
  them, against the priorities that hold the gold targets.
``add`` sums the counts of several samples (e.g. many generated councils).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.model import PlanGraph
from goldenthread.graph import align


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    predicted: int
    correct: int
    gold: int
    found: int = 0  # gold commitments (priorities) with at least one correct link

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def add(scores: list[Scores]) -> Scores:
    """The scores of several samples taken together (micro-averaged)."""
    predicted = sum(s.predicted for s in scores)
    correct = sum(s.correct for s in scores)
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    return Scores(precision=correct / predicted if predicted else 1.0, recall=found / gold if gold else 1.0,
                  predicted=predicted, correct=correct, gold=gold, found=found)


def read_gold(path: Path) -> dict[str, set[str]]:
    """Gold alignment CSV at ``path`` (``#`` lines skipped): council commitment id -> the borough ids it
    aligns with."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["council_id"]: {t for t in row["borough_ids"].split(";") if t} for row in rows}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_generated_gold(folder: Path, graph: PlanGraph) -> tuple[dict[str, set[str]], str, str]:
    """(gold, lower plan, higher plan) of a generated council, from its ``.generator.json``.

    The generator records which council commitment paraphrases which partnership commitment
    (by text); every other council commitment has no counterpart. Texts are matched to the
    graph's commitments (a partnership commitment with sub-points starts with the recorded
    text).
    """
    meta = json.loads((Path(folder) / ".generator.json").read_text(encoding="utf-8"))
    higher, lower = meta["plans"]
    council = [n for n in graph.nodes if n.kind == "commitment" and n.plan == lower]
    partnership = [n for n in graph.nodes if n.kind == "commitment" and n.plan == higher]
    gold: dict[str, set[str]] = {n.id: set() for n in council}
    for council_text, partnership_text in meta["pairs"]:
        sources = [n.id for n in council if _normal(n.text) == _normal(council_text)]
        targets = [n.id for n in partnership if _normal(n.text).startswith(_normal(partnership_text).rstrip(".:"))]
        if not sources or not targets:
            raise ValueError(f"{folder}: no commitment reads {council_text!r} / {partnership_text!r}")
        for s in sources:
            gold[s].update(targets)
    return gold, lower, higher


def _score(predicted: dict[str, set[str]], gold: dict[str, set[str]]) -> Scores:
    links = [(s, t) for s, ts in predicted.items() for t in ts]
    correct = sum(1 for s, t in links if t in gold.get(s, set()))
    positives = [s for s, ts in gold.items() if ts]
    found = sum(1 for s in positives if predicted.get(s, set()) & gold[s])
    return Scores(precision=correct / len(links) if links else 1.0,
                  recall=found / len(positives) if positives else 1.0,
                  predicted=len(links), correct=correct, gold=len(positives), found=found)


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
        p = parent.get(c)
        if p is not None and kind.get(p) == "priority":
            gold_p.setdefault(p, set()).update(parent[t] for t in targets)
    pred_p: dict[str, set[str]] = {p: set() for p in gold_p}
    for link in align.align_priorities(stated, links):
        if link.source in pred_p:
            pred_p[link.source].add(link.target)
    return commitment, _score(pred_p, gold_p)
