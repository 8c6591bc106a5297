"""Plan families: the plans of one council's golden thread, apart from other councils'.

Inputs: a ``PlanGraph`` that may hold several councils' builds (many corpora in one store,
or a corpus of many councils).
Outputs: ``plan_families(graph)``: lists of plan ids, each the plans linked by
``aligns_with`` (a partnership plan, the council plan that carries it out, a later refresh),
ordered by their first plan id; ``family_graph(graph, plans)``: the sub-graph a family's
report reads: its plans' nodes, the strategies, boards and portfolios they name, the
indicators tracking its measures (with their tracking summaries), the links among those,
and the documents they come from.

Why: a report or a view for a hundred councils at once is too big to open (tens of MB);
one page per family is what an officer of one council reads.
"""

from __future__ import annotations

from goldenthread.core.model import PlanGraph


def plan_families(graph: PlanGraph) -> list[list[str]]:
    """Connected groups of plans (by ``aligns_with`` between plans, or between their nodes)."""
    plans = sorted(n.id for n in graph.nodes if n.kind == "plan")
    parent = {p: p for p in plans}

    def root(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    plan_of = {n.id: n.plan for n in graph.nodes}
    for e in graph.edges:
        if e.kind != "aligns_with":
            continue
        a, b = plan_of.get(e.source), plan_of.get(e.target)
        if a is not None and b is not None and a in parent and b in parent and a != b:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for p in plans:
        groups.setdefault(root(p), []).append(p)
    return sorted(groups.values(), key=lambda g: g[0])


def family_graph(graph: PlanGraph, plans: list[str]) -> PlanGraph:
    """The nodes of ``plans``, the entities they link to, and the links among them."""
    wanted = set(plans)
    keep = {n.id for n in graph.nodes if n.plan in wanted and n.kind not in ("strategy", "board", "portfolio")}
    keep |= {e.target for e in graph.edges if e.source in keep and e.kind in (
        "delivered_through", "overseen_by", "accountable_to")}
    keep |= {e.target for e in graph.edges if e.source in keep and e.kind == "overseen_by"}  # a strategy's board
    keep |= {e.target for e in graph.edges if e.source in keep and e.kind == "tracked_by"}
    nodes = [n for n in graph.nodes if n.id in keep]
    edges = [e for e in graph.edges if e.source in keep and e.target in keep]
    documents = [d for d in graph.documents if d.plan in wanted]
    tracking = [t for t in graph.tracking if t.measure in keep]
    return graph.model_copy(update={"nodes": nodes, "edges": edges, "documents": documents, "tracking": tracking})
