"""Plan families: the plans of one council's golden thread, apart from other councils'.

A family is the plans joined by ``aligns_with`` (a partnership plan, the council plan that
carries it out, a later refresh): one council's, when a corpus holds several councils.

While building (from the documents read and their profiles):
``plan_families_of(extracts, profiles)``: plan id -> its family, by the profiles'
``[plan] aligns_with``; ``family_stopwords``: plan id -> the stop words of its family's
profiles; ``family_aliases``: family -> the alias lists beside its family's profiles. So a
council's place name is a stop word in its own plans only, and its alias lists merge its own
strategies and boards only (two councils' lists never disagree with each other).

After building (from a ``PlanGraph`` that may hold several councils' builds: many corpora in
one store, or a corpus of many councils): ``plan_families(graph)``: lists of plan ids, each
the plans linked by ``aligns_with``, ordered by their first plan id; ``family_graph(graph,
plans)``: the sub-graph a family's report reads: its plans' nodes, the strategies, boards and
portfolios they name, the indicators tracking its measures (with their tracking summaries),
the links among those, and the documents they come from.

Why: a report or a view for a hundred councils at once is too big to open (tens of MB);
one page per family is what an officer of one council reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from goldenthread.core.model import PlanGraph
from goldenthread.loaders.aliases import AliasGroup, discover_aliases
from goldenthread.loaders.extract import DocumentExtract
from goldenthread.loaders.profile import Profile


def plan_families_of(extracts: Sequence[DocumentExtract], profiles: Sequence[Profile]) -> dict[str, str]:
    """Plan id -> its family (the lowest plan id of the plans joined by ``aligns_with``);
    ``profiles[i]`` is the profile ``extracts[i]`` was read with."""
    parent: dict[str, str] = {}

    def root(p: str) -> str:
        parent.setdefault(p, p)
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for extract, profile in zip(extracts, profiles):
        root(extract.plan_id)
        for higher in profile.plan.aligns_with:
            a, b = root(extract.plan_id), root(higher)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {e.plan_id: root(e.plan_id) for e in extracts}


def family_stopwords(extracts: Sequence[DocumentExtract], families: dict[str, str]) -> dict[str, frozenset[str]]:
    """Plan id -> the stop words of every profile its family's documents were read with."""
    words: dict[str, set[str]] = defaultdict(set)
    for e in extracts:
        words[families[e.plan_id]].update(e.stopwords)
    return {plan: frozenset(words[family]) for plan, family in families.items()}


def family_aliases(extracts: Sequence[DocumentExtract], profiles: Sequence[Profile],
                   families: dict[str, str]) -> dict[str, list[AliasGroup]]:
    """Family -> the alias groups of the ``aliases.toml`` files beside its profiles (``discover_aliases``
    of its profile folders, in folder order); each folder is read once, however many families use it."""
    folders: dict[str, set[Path]] = defaultdict(set)
    for extract, profile in zip(extracts, profiles):
        if profile.path:
            folders[families[extract.plan_id]].add(profile.path.parent)
    read: dict[Path, list[AliasGroup]] = {}
    out: dict[str, list[AliasGroup]] = {}
    for family, used in sorted(folders.items()):
        for folder in sorted(used - read.keys()):
            read[folder] = discover_aliases([folder])
        out[family] = [g for folder in sorted(used) for g in read[folder]]
    return out


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
