"""Nearest candidates for inferred absences: what the alignment compared, and did not link.

Inputs: the final ``PlanGraph`` (decisions applied) and the aligned plan pairs
(lower/later plan, higher/earlier plan).
Outputs: the graph with ``Node.candidates`` set, best first, for every node that an
absence finding rests on (queries/orphans.rq, queries/drift.rq):
  - a commitment of either plan of a pair with no ``aligns_with`` link to or from the
    other plan ("no counterpart", "not carried out"): its ``k`` nearest commitments
    there, scored exactly as links are (``align.candidates``);
  - a theme or priority of the lower plan that aligns with nothing in the higher plan,
    itself or through its commitments ("new"), and a priority of the higher plan that
    nothing in the lower plan aligns with ("dropped"): its ``k`` nearest priorities
    (themes) on the other side, by TF-IDF over each one's label, text and commitments,
    the profile the theme alignment uses.
So an absence is shown with its evidence: the passages compared and their scores.
"""

from __future__ import annotations

from collections import defaultdict

from goldenthread.core.model import Candidate, Node, PlanGraph
from goldenthread.graph import align

METHOD_SECTIONS = "tf-idf cosine of label, text and commitments"


def _linked(graph: PlanGraph) -> dict[str, set[str]]:
    """Node id -> the plans it is linked with by ``aligns_with`` (either way), itself or
    through the commitments under it."""
    plan = {n.id: n.plan for n in graph.nodes}
    parent = {e.source: e.target for e in graph.edges if e.kind == "part_of"}
    out: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        if e.kind != "aligns_with" or plan.get(e.source) == plan.get(e.target):
            continue
        for a, b in ((e.source, e.target), (e.target, e.source)):
            other_plan = plan[b]
            if other_plan is None:  # a node of no plan: nothing to record
                continue
            node: str | None = a
            while node is not None:  # the node and everything it is part of
                out[node].add(other_plan)
                node = parent.get(node)
    return out


def section_candidates(graph: PlanGraph, lower: str, higher: str, stopwords: frozenset[str],
                       k: int = 3) -> dict[str, list[tuple[str, float, tuple[str, ...]]]]:
    """Themes and priorities of ``lower`` -> nearest priorities of ``higher``, and priorities
    of ``higher`` -> nearest themes and priorities of ``lower``: (id, score, terms), best first."""
    parent = {e.source: e.target for e in graph.edges if e.kind == "part_of"}
    children: dict[str, list[Node]] = defaultdict(list)
    for n in graph.nodes:
        if n.kind == "commitment" and n.id in parent:
            children[parent[n.id]].append(n)
    low = [n for n in graph.nodes if n.plan == lower and n.kind in ("theme", "priority")]
    high = [n for n in graph.nodes if n.plan == higher and n.kind == "priority"]
    texts = {n.id: " ".join([n.label, n.text] + [c.text for c in children[n.id]]) for n in low + high}
    vectors, surface = align.tfidf(texts, stopwords)
    out: dict[str, list[tuple[str, float, tuple[str, ...]]]] = {}
    for side, others in ((low, high), (high, low)):
        for n in side:
            scored = []
            for o in others:
                score, terms = align.cosine(vectors[n.id], vectors[o.id], surface)
                if terms:
                    scored.append((o.id, round(min(1.0, score), 4), terms))
            out[n.id] = sorted(scored, key=lambda t: (-t[1], t[0]))[:k]
    return out


def attach_candidates(graph: PlanGraph, pairs: list[tuple[str, str]], stopwords: align.Stopwords,
                      k: int = 3) -> PlanGraph:
    """The graph with nearest candidates on every node an absence finding rests on. ``stopwords``:
    one set for every plan, or plan id -> its family's set (``align.stopwords_of``). Each pair
    reads only its two plans (``align.PlanIndex``), so the cost grows with the pairs."""
    linked = _linked(graph)
    found: dict[str, list[Candidate]] = defaultdict(list)
    for c in align.candidates(graph, pairs, stopwords, k).values():
        for cand in c:
            if cand.other_plan not in linked.get(cand.commitment, set()):
                found[cand.commitment].append(Candidate(
                    node=cand.other, score=round(min(1.0, cand.score), 4), threshold=align.THRESHOLD,
                    terms=list(cand.terms), method=align.METHOD_TFIDF))
    index = align.PlanIndex(graph)
    plan_of = {n.id: n.plan for n in graph.nodes}
    for lower, higher in sorted(set(pairs)):
        if lower not in index.plans or higher not in index.plans:
            continue
        pair, stop = index.pair(lower, higher), align.stopwords_of(stopwords, lower)
        for node, scored in section_candidates(pair, lower, higher, stop, k).items():
            other = higher if plan_of[node] == lower else lower
            if other in linked.get(node, set()):
                continue
            found[node] += [Candidate(node=o, score=score, threshold=align.THEME_THRESHOLD, terms=list(terms),
                                      method=METHOD_SECTIONS) for o, score, terms in scored]
    if not found:
        return graph
    nodes = [n.model_copy(update={"candidates": found[n.id]}) if n.id in found else n for n in graph.nodes]
    return graph.model_copy(update={"nodes": nodes})
