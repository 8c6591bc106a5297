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
    keyed by its kind.

    Examples
    --------
    >>> from goldenthread.core.model import Link, Node, PlanGraph, Source
    >>> seen = [Source(document="plan.md", line_start=1, line_end=1, quote="Our plan")]
    >>> plan = Node(id="plan/our-plan", kind="plan", label="Our plan", text="Our plan", sources=seen)
    >>> green = Node(id="plan/our-plan/theme/green", kind="theme", label="Green", text="A green borough",
    ...              plan=plan.id, sources=seen)
    >>> g = to_networkx(PlanGraph(nodes=[plan, green], edges=[Link(source=green.id, target=plan.id, kind="part_of")]))
    >>> g.nodes[green.id]["label"], g.nodes[green.id]["plan"]
    ('Green', 'plan/our-plan')
    >>> list(g.edges(keys=True))
    [('plan/our-plan/theme/green', 'plan/our-plan', 'part_of')]
    >>> g.edges[green.id, plan.id, "part_of"]["origin"]
    'stated'
    """
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.id, **node.model_dump(mode="json", exclude={"id"}))
    for link in graph.edges:
        g.add_edge(link.source, link.target, key=link.kind,
                   **link.model_dump(mode="json", exclude={"source", "target"}))
    return g
