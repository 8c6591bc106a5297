"""Small queries over a PlanGraph used by several tests."""

from __future__ import annotations

from goldenthread.graph.model import Node, PlanGraph


def children(graph: PlanGraph, parent_id: str, kind: str) -> list[Node]:
    """Nodes of ``kind`` linked part_of ``parent_id`` (commitments, priorities, themes)."""
    ids = {e.source for e in graph.edges if e.kind == "part_of" and e.target == parent_id}
    return [n for n in graph.nodes if n.id in ids and n.kind == kind]


def targets(graph: PlanGraph, source_id: str, link_kind: str) -> list[Node]:
    ids = {e.target for e in graph.edges if e.kind == link_kind and e.source == source_id}
    return [n for n in graph.nodes if n.id in ids]


def find(graph: PlanGraph, kind: str, label: str, plan: str | None = None) -> Node:
    """The one node of ``kind`` whose label is ``label`` (case-insensitive)."""
    hits = [n for n in graph.nodes if n.kind == kind and n.label.lower() == label.lower()
            and (plan is None or n.plan == plan)]
    assert len(hits) == 1, f"expected one {kind} labelled {label!r}, found {[n.id for n in hits]}"
    return hits[0]


def starting(graph: PlanGraph, kind: str, prefix: str, plan: str | None = None) -> list[Node]:
    return [n for n in graph.nodes if n.kind == kind and n.label.lower().startswith(prefix.lower())
            and (plan is None or n.plan == plan)]
