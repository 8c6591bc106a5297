"""Running a UNION's branches side by side (queries/union.py) answers exactly like one query."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.queries import store as store_module
from goldenthread.queries.library import query_text
from goldenthread.queries.store import OxigraphStore
from goldenthread.queries.union import split_union

TWO = "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }"


def test_library_queries_made_of_branches_split_into_them():
    orphans = split_union(query_text("orphans"))
    assert orphans is not None and len(orphans) == 12
    projection = " ?node ?reason ?basis ?detail ?other ?table ?column WHERE {"
    assert all(b.split("SELECT", 1)[1].startswith(projection) for b in orphans)
    assert all("PREFIX gt: <https://w3id.org/goldenthread/ontology#>" in b for b in orphans)
    assert '"no_counterpart"' in orphans[0] and '"blank_in_table"' in orphans[-1]
    assert len(split_union(query_text("drift")) or []) == 2
    # a single pattern stays one query
    assert split_union(query_text("coverage")) is None
    assert split_union(query_text("matrix")) is None


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { { ?a ?b ?c } UNION { ?d ?e ?f } }",  # columns differ per branch
    "SELECT DISTINCT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "SELECT REDUCED ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "SELECT (COUNT(*) AS ?n) WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "SELECT ?a (1 AS ?one) WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    TWO + " LIMIT 3",
    TWO + " ORDER BY ?a",
    TWO + " OFFSET 1",
    TWO + " GROUP BY ?a",
    TWO + " VALUES ?a { <https://e.org/x> }",
    "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } . ?a ?x ?y }",
    "SELECT ?a WHERE { ?a ?x ?y { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } FILTER(?a != ?b) }",
    "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } { ?a ?g ?h } }",
    "SELECT ?a FROM <https://e.org/g> WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "SELECT ?a WHERE { { ?a ?b ?c } }",
    "SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f }",  # unbalanced: left to the store to refuse
    "ASK { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "CONSTRUCT { ?a ?b ?c } WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
    "PREFIX x <https://e.org/> SELECT ?a WHERE { { ?a ?b ?c } UNION { ?a ?e ?f } }",
])
def test_other_shapes_stay_one_query(query):
    assert split_union(query) is None


def test_braces_and_keywords_in_strings_comments_and_iris_are_not_structure():
    query = """PREFIX e: <https://e.org/>  # { UNION }
SELECT ?a ?label WHERE {
  { ?a e:p "} UNION {" . BIND('''{''' AS ?label) }   # }
  UNION
  { ?a <https://e.org/UNION> ?label }
}  # trailing } comment"""
    branches = split_union(query)
    head = "PREFIX e: <https://e.org/>  # { UNION }\nSELECT ?a ?label WHERE {\n  "
    tail = "\n}  # trailing } comment"
    assert branches == [
        head + '{ ?a e:p "} UNION {" . BIND(\'\'\'{\'\'\' AS ?label) }' + tail,
        head + "{ ?a <https://e.org/UNION> ?label }" + tail,
    ]


def test_unicode_escapes_leave_the_query_whole():
    """The parser reads ``\\u0022`` as a quote before the grammar, so cut positions would be off."""
    assert split_union("SELECT ?a WHERE { { ?a ?b \"\\u0022\" } UNION { ?a ?e ?f } }") is None


def test_a_split_is_parsed_once_per_query_text():
    from goldenthread.queries import union

    union._branches.cache_clear()
    query = query_text("orphans")
    assert split_union(query) == split_union(query)
    assert union._branches.cache_info().misses == 1


# -- same rows as one query, on any data ------------------------------------------------------

E = "https://e.org/"
NODES = [ox.NamedNode(f"{E}n{i}") for i in range(5)]
PREDICATES = [ox.NamedNode(f"{E}p{i}") for i in range(3)]
VALUES = NODES + [ox.Literal("x"), ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
PATTERNS = [
    "?s <{p}> ?o .",
    "?s <{p}> ?o . FILTER NOT EXISTS {{ ?o <{p}> ?s }}",
    "?s <{p}> ?x . OPTIONAL {{ ?x <{p}> ?o }}",
    "?s <{p}>+ ?o .",
    "?s <{p}> ?o . BIND(\"tag\" AS ?t)",
    "VALUES ?s {{ <https://e.org/n0> <https://e.org/n9> }} OPTIONAL {{ ?s <{p}> ?o }}",
]

triples = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(PREDICATES), st.sampled_from(VALUES)),
                   max_size=25)
branch = st.tuples(st.sampled_from(PATTERNS), st.sampled_from(PREDICATES)).map(lambda t: t[0].format(p=t[1].value))


def _store(data) -> OxigraphStore:
    store = OxigraphStore()
    for s, p, o in data:
        store.store.add(ox.Quad(s, p, o, ox.NamedNode(E + "g")))
    return store


@settings(max_examples=examples(150), deadline=None)
@given(data=triples, branches=st.lists(branch, min_size=2, max_size=5))
def test_branches_side_by_side_give_the_rows_of_one_query(data, branches, two_workers):
    query = "SELECT ?s ?o ?t WHERE {\n" + "\n  UNION\n".join("  { " + b + " }" for b in branches) + "\n}"
    assert split_union(query) is not None
    store = _store(data)
    whole = store._rows(query)
    split = store.select(query)
    key = lambda row: tuple(sorted((k, repr(v)) for k, v in row.items()))  # noqa: E731
    assert Counter(map(key, split)) == Counter(map(key, whole))
    # and the order is the branches' order, so the same input gives the same output
    assert split == [row for b in split_union(query) for row in store._rows(b)]


@pytest.fixture(scope="module")
def two_workers():
    """Run branches in threads even on a one-core machine, so the test always exercises them."""
    saved = store_module._WORKERS
    store_module._WORKERS = max(2, saved)
    yield
    store_module._WORKERS = saved


def test_library_queries_give_the_same_rows_split_and_whole(northmere, two_workers):
    """Over the union of the store's graphs, where branches run side by side."""
    from goldenthread.queries.library import Workspace, library

    ws = Workspace(northmere.graph, store_spec="rdflib")
    store = OxigraphStore()  # no default_graph: the union of all graphs
    store.load_ntriples(ws.rdf.serialize(format="nt"), ws.graph_iri)
    made_of_branches = [name for name in library() if split_union(query_text(name))]
    assert {"orphans", "drift"} <= set(made_of_branches)
    for name in made_of_branches:
        text = query_text(name)
        key = lambda row: tuple(sorted((k, repr(v)) for k, v in row.items()))  # noqa: E731
        rows = store.select(text)
        assert rows, name
        assert Counter(map(key, rows)) == Counter(map(key, store._rows(text)))
        assert rows == [row for branch in split_union(text) or [] for row in store._rows(branch)]


def test_a_query_on_one_build_stays_whole(northmere, two_workers, monkeypatch):
    """A store scoped to one build's graph answers in milliseconds: no parse, no split."""
    from goldenthread.queries.library import Workspace

    ws = Workspace(northmere.graph, store_spec="oxigraph")
    monkeypatch.setattr(store_module, "ThreadPoolExecutor", None)  # would fail if used
    assert ws.store.select(query_text("orphans"))
