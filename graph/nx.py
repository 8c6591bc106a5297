"""The networkx projection of the plan graph.

Inputs: a ``PlanGraph``.
Outputs: a ``networkx.MultiDiGraph`` whose nodes carry the node fields as
attributes and whose edges are keyed by link kind and carry origin,
confidence and evidence. Used for traversals (golden thread, layout).
"""

from __future__ import annotations

import networkx as nx

from goldenthread.core.model import PlanGraph


def to_networkx(graph: PlanGraph) -> nx.MultiDiGraph:
    """``graph`` as a networkx ``MultiDiGraph``: nodes and links with their fields as attributes, each link
    keyed by its kind."""
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.id, **node.model_dump(mode="json", exclude={"id"}))
    for link in graph.edges:
        g.add_edge(link.source, link.target, key=link.kind,
                   **link.model_dump(mode="json", exclude={"source", "target"}))
    return g
