"""Rows for reviewing inferred (and curated) links, as the ``links`` command prints them.

Inputs: a ``PlanGraph``.
Outputs: ``review_rows``: one dict per inferred/curated link with both texts,
score, evidence and source lines, weakest first (the ones most in need of a
human look), then by source and target. The CSV form of these rows is a valid
decisions file once its ``decision`` column is filled in.
"""

from __future__ import annotations

from goldenthread.graph.model import Node, PlanGraph

COLUMNS = ["decision", "source", "target", "kind", "origin", "confidence", "method", "evidence",
           "source_label", "target_label", "source_text", "target_text", "source_lines",
           "target_lines", "note"]


def _lines(node: Node) -> str:
    return "; ".join(f"{s.document}:{s.line_start}-{s.line_end}" for s in node.sources)


def review_rows(graph: PlanGraph, include_curated: bool = True) -> list[dict[str, str]]:
    nodes = {n.id: n for n in graph.nodes}
    wanted = ("inferred", "curated") if include_curated else ("inferred",)
    # plan -> plan links are declared by profiles, not found in text: nothing to review
    links = [e for e in graph.edges if e.origin in wanted
             and not (nodes[e.source].kind == "plan" and nodes[e.target].kind == "plan")]
    links.sort(key=lambda e: (e.confidence if e.confidence is not None else 2.0, e.source, e.target))
    rows = []
    for e in links:
        s, t = nodes[e.source], nodes[e.target]
        rows.append({
            "decision": "", "source": e.source, "target": e.target, "kind": e.kind,
            "origin": e.origin, "confidence": "" if e.confidence is None else f"{e.confidence:.4f}",
            "method": e.evidence.method if e.evidence else "",
            "evidence": (e.evidence.note or "") if e.evidence else "",
            "source_label": s.label, "target_label": t.label, "source_text": s.text,
            "target_text": t.text, "source_lines": _lines(s), "target_lines": _lines(t), "note": "",
        })
    return rows
