"""Entity resolution: the same strategy or board named differently is one node with
aliases; different bodies with similar names stay apart."""

from __future__ import annotations

import pytest
from helpers import find

from goldenthread.core.errors import GoldenthreadError
from goldenthread.graph.assemble import EntityResolver, entity_key
from goldenthread.loaders.aliases import AliasGroup

STOP = frozenset({"a", "an", "and", "the", "stockport", "our", "of", "for"})


@pytest.mark.parametrize("a,b", [
    ("ONE Health and Care Plan", "One Health and Care Plan"),
    ("Children and Young People's Strategy", "Children and Young People's Strategy 2020-23"),
    ("Stockport Climate Action Now (CAN) Strategy", "Climate Action Now Strategy"),
    ("our Safer Stockport Strategy", "Safer Stockport strategy"),
])
def test_normalisation_merges_rewordings(a, b):
    assert entity_key(a, STOP) == entity_key(b, STOP)


@pytest.mark.parametrize("a,b", [
    ("Neighbourhoods Strategy", "One Neighbourhood and Community Strategy"),
    ("Stockport Local Plan", "Locality Plan for Health and Care"),
    ("Health and Wellbeing Board", "Joint Health and Wellbeing Strategy"),
    ("Active Communities Strategy", "ONE Stockport Communities Programme"),
    ("Housing Strategy", "Stockport Homes Delivery Plan 2021-26"),
    ("Digital Strategy", "Digital Inclusion Alliance"),
])
def test_normalisation_keeps_different_bodies_apart(a, b):
    assert entity_key(a, STOP) != entity_key(b, STOP)


def test_conflicting_alias_groups_are_an_error():
    groups = [AliasGroup(kind="strategy", names=["A Strategy", "B Plan"]),
              AliasGroup(kind="strategy", names=["C Strategy", "B Plan"])]
    with pytest.raises(GoldenthreadError, match="alias lists disagree"):
        EntityResolver(groups, STOP)


@pytest.mark.parametrize("label,kind,aliases", [
    ("ONE Health and Care Plan", "strategy", ["One Health and Care Plan"]),
    ("Children and Young People's Strategy", "strategy", ["Children and Young People's Strategy 2020-23"]),
    ("Climate Action Now Strategy", "strategy",
     ["Climate Action Now partnership", "Stockport Climate Action Now Strategy"]),
    ("Work and Skills Board", "board", ["Work and Skills Partnership"]),
])
def test_stockport_resolved_entities(stockport, label, kind, aliases):
    node = find(stockport.graph, kind, label)
    assert node.aliases == aliases
    # every mention keeps its provenance: one source per document mentioning it
    assert len({s.document for s in node.sources}) == 2


def test_stockport_hard_pairs_stay_apart(stockport):
    g = stockport.graph
    labels = {n.label for n in g.nodes if n.kind == "strategy"}
    assert {"Neighbourhoods Strategy", "One Neighbourhood and Community Strategy",
            "Stockport Local Plan", "Locality Plan for Health and Care",
            "Active Communities Strategy", "ONE Stockport Communities Programme"} <= labels
    boards = {n.label for n in g.nodes if n.kind == "board"}
    assert {"Health and Wellbeing Board", "Economy and Regeneration Scrutiny Committee"} <= boards
    assert find(g, "portfolio", "Economy and Regeneration portfolio")


def test_merged_board_keeps_all_its_links(stockport):
    g = stockport.graph
    board = find(g, "board", "Work and Skills Board")
    sources = {e.source.split("/")[-1] for e in g.edges if e.target == board.id and e.kind == "overseen_by"}
    # two Borough priorities (delivery statements) and one Council ambition (family of plans)
    assert {"enterprising-thriving", "skilled-confident"} <= sources and len(sources) == 3


def test_councils_in_one_build_keep_their_own_strategies_and_boards(tmp_path):
    """Two councils' "Cultural Strategy" are two strategies: with several plan families in a
    build, a strategy, board or portfolio is one node per family, its id under the family."""
    from many_councils import councils_corpus

    from goldenthread.graph.build import build_graph

    graph = build_graph(councils_corpus(tmp_path / "corpus", 3)).graph
    entities = [n for n in graph.nodes if n.kind in ("strategy", "board", "portfolio")]
    assert entities
    for n in entities:
        councils = {s.document.split("/")[0] for s in n.sources}
        assert len(councils) == 1, (n.id, councils)
        assert n.id.startswith(f"c000{next(iter(councils))[-1]}-"), n.id
    linked = {(e.source.split("/")[0], e.target.split("/")[0]) for e in graph.edges}
    assert all(a[:5] == b[:5] for a, b in linked)  # no link from one council's node to another's
