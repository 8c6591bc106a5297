"""Every fact can be traced to the line it came from, in both corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE
from helpers import misplaced_quotes


def _check_sources(result, corpus: Path) -> None:
    assert all(node.sources for node in result.graph.nodes)
    for link in result.graph.edges:
        assert link.evidence is not None and link.evidence.sources, link
        if link.origin == "inferred":
            assert link.confidence is not None and link.evidence.note, link
        if link.origin == "stated":
            assert link.kind != "aligns_with" and link.confidence is None, link
    assert misplaced_quotes(result.graph, lambda doc: (corpus / doc).read_text(encoding="utf-8").split("\n")) == []


def test_example_sources_are_exact(northmere):
    _check_sources(northmere, EXAMPLE)


def test_stockport_sources_are_exact(stockport, stockport_dir):
    _check_sources(stockport, stockport_dir)


def test_nodes_are_in_a_plan_and_linked(stockport):
    g = stockport.graph
    plans = {n.id for n in g.nodes if n.kind == "plan"}
    linked = {e.source for e in g.edges} | {e.target for e in g.edges}
    for n in g.nodes:
        assert n.plan in plans, n.id
        assert n.id in linked, f"{n.id} is not linked to anything"


@pytest.mark.parametrize("kind", ["commitment", "measure", "priority", "theme"])
def test_content_nodes_hang_off_the_hierarchy(stockport, kind):
    g = stockport.graph
    parented = {e.source for e in g.edges if e.kind == "part_of"} | {
        e.target for e in g.edges if e.kind == "measured_by"}
    assert all(n.id in parented for n in g.nodes if n.kind == kind)
