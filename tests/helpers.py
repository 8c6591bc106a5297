"""Small queries over a PlanGraph used by several tests."""

from __future__ import annotations

from goldenthread.core.model import Node, PlanGraph


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


def graph_shape(graph: PlanGraph) -> tuple[dict[str, tuple], list[tuple]]:
    """What a graph must keep whatever format its documents came in: each node's kind,
    label, text and status by id, and the links (source, kind, target, origin)."""
    nodes = {n.id: (n.kind, n.label, n.text, n.status) for n in graph.nodes}
    links = sorted((e.source, e.kind, e.target, e.origin) for e in graph.edges)
    return nodes, links


def sources_of(graph: PlanGraph) -> list:
    """Every source in the graph: the nodes' and those of the links' evidence."""
    return [s for n in graph.nodes for s in n.sources] + \
        [s for e in graph.edges if e.evidence for s in e.evidence.sources]


def misplaced_quotes(graph: PlanGraph, lines_of) -> list:
    """Sources whose quote is not found at their stated lines; ``lines_of(document)`` gives
    the lines a document's sources cite (the file's, or the text read from a PDF)."""
    cache: dict[str, list[str]] = {}
    wrong = []
    for s in sources_of(graph):
        if s.document not in cache:  # read each document once: reading a PDF takes a while
            cache[s.document] = list(lines_of(s.document))
        lines = cache[s.document]
        if s.quote not in "\n".join(lines[s.line_start - 1: s.line_end]):
            wrong.append(s)
    return wrong
