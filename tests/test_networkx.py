"""The networkx projection carries every node and link with its fields, for notebook users."""

from __future__ import annotations

import networkx as nx

from goldenthread.graph.nx import to_networkx


def test_projection_keeps_nodes_links_and_fields(northmere):
    graph = northmere.graph
    g = to_networkx(graph)
    assert g.number_of_nodes() == len(graph.nodes) and g.number_of_edges() == len(graph.edges)
    node = graph.nodes[0]
    assert g.nodes[node.id]["label"] == node.label and g.nodes[node.id]["sources"][0]["line_start"] >= 1
    link = next(e for e in graph.edges if e.origin == "inferred")
    data = g.edges[link.source, link.target, link.kind]
    assert data["origin"] == "inferred" and data["confidence"] == link.confidence
    # e.g. everything a priority's commitments sit under, by graph traversal
    commitment = next(n for n in graph.nodes if n.kind == "commitment")
    part_of = nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "part_of")
    assert any(g.nodes[a]["kind"] == "plan" for a in nx.descendants(part_of, commitment.id))
