"""Every library query gives the same results on rdflib and on Oxigraph (in memory and on disk)."""

from __future__ import annotations

import pytest

from goldenthread.core.errors import GoldenthreadError
from goldenthread.queries import library
from goldenthread.queries.library import Workspace
from goldenthread.queries.store import OxigraphStore

CALLS = {
    "orphans": lambda ws: library.orphans(ws),
    "coverage": lambda ws: library.coverage(ws),
    "matrix": lambda ws: library.matrix(ws),
    "drift": lambda ws: library.drift(ws),
    "thread priority": lambda ws: library.thread(ws, "caring and growing"),
    "thread strategy": lambda ws: library.thread(ws, "strategy/digital-strategy"),
    "thread commitment": lambda ws: library.thread(ws, next(
        n.id for n in ws.graph.nodes if n.text.startswith("We will introduce a new Food Network"))),
    "thread plan": lambda ws: library.thread(ws, "council-plan-2021-22"),
}


@pytest.fixture(scope="module")
def workspaces(stockport, tmp_path_factory):
    disk = tmp_path_factory.mktemp("oxigraph-store")
    return {name: Workspace(stockport.graph, store_spec=spec) for name, spec in
            (("rdflib", "rdflib"), ("oxigraph", "oxigraph"), ("disk", f"oxigraph:{disk}"))}


@pytest.mark.parametrize("call", list(CALLS))
def test_same_results_on_every_store(workspaces, call):
    results = {name: CALLS[call](ws) for name, ws in workspaces.items()}
    assert results["rdflib"] == results["oxigraph"] == results["disk"]
    assert results["rdflib"]  # not trivially empty


def test_disk_store_keeps_builds_in_named_graphs(stockport, northmere, tmp_path):
    stockport_ws = Workspace(stockport.graph, store_spec=f"oxigraph:{tmp_path}")
    library.orphans(stockport_ws)  # loads the Stockport build
    del stockport_ws
    north = Workspace(northmere.graph, store_spec=f"oxigraph:{tmp_path}")
    library.orphans(north)  # adds the Northmere build beside it
    graphs = north.store.graphs()
    assert graphs == sorted([Workspace(stockport.graph).graph_iri, north.graph_iri])
    # queried apart (a workspace sees its own build) or together (the union of all graphs)
    count = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/goldenthread/ontology#Plan> }"
    assert north.store.select(count) == [{"n": 2}]
    together = OxigraphStore.__new__(OxigraphStore)
    together.store, together.path, together.default_graph = north.store.store, None, None
    assert together.select(count) == [{"n": 5}]
    # loading the same build again replaces its graph instead of duplicating it
    before = north.store.triples()
    north.store.load_ntriples(north.rdf.serialize(format="nt"), north.graph_iri)
    assert north.store.triples() == before


def test_analysts_queries_on_a_shared_store_see_the_union_or_the_graphs_they_name(stockport, northmere, tmp_path):
    """`goldenthread sparql` on an oxigraph:DIR store of several builds: the union of every
    build by default (as the README says, and as the endpoint does), one build with FROM."""
    from goldenthread.queries.run import run_user_query

    stockport_ws = Workspace(stockport.graph, store_spec=f"oxigraph:{tmp_path}")
    library.orphans(stockport_ws)
    stockport_iri = stockport_ws.graph_iri
    del stockport_ws
    north = Workspace(northmere.graph, store_spec=f"oxigraph:{tmp_path}")
    library.orphans(north)
    plans = "PREFIX gt: <https://w3id.org/goldenthread/ontology#>\nSELECT ?p {FROM} WHERE {{ ?p a gt:Plan }}"
    union = run_user_query(north, plans.replace("{FROM}", ""))
    assert sorted(r["p"].rsplit("/", 1)[-1] for r in union.rows) == [
        "borough-plan-2030", "council-plan-2021-22", "northmere-council-plan-2025-26",
        "northmere-partnership-plan-2035", "one-future-2024"]
    named = run_user_query(north, plans.replace("{FROM}", f"FROM <{stockport_iri}>"))
    assert sorted(r["p"].rsplit("/", 1)[-1] for r in named.rows) == [
        "borough-plan-2030", "council-plan-2021-22", "one-future-2024"]
    nowhere = run_user_query(north, plans.replace("{FROM}", "FROM <http://nope.example/>"))
    assert nowhere.rows == []  # a graph the store does not hold is empty, never fetched
    # the library's own questions stay on the build's graph
    assert {r["id"].split("/")[0] for r in library.orphans(north)} <= {
        "northmere-council-plan-2025-26", "northmere-partnership-plan-2035", "board", "strategy", "portfolio"}


def test_rdflib_still_refuses_from(northmere):
    from goldenthread.queries.run import run_user_query

    with pytest.raises(GoldenthreadError, match="FROM / FROM NAMED are refused"):
        run_user_query(Workspace(northmere.graph, store_spec="rdflib"), "SELECT * FROM <http://x/> WHERE { ?s ?p ?o }")


def test_unknown_store_is_an_error(northmere):
    with pytest.raises(GoldenthreadError, match="unknown store 'mongo'"):
        library.orphans(Workspace(northmere.graph, store_spec="mongo"))
