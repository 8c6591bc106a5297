"""Binding parameters as IRI constants (queries/params.py): never a way to change a query."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import GoldenthreadError
from goldenthread.queries.params import bind_constants

QUERY = """# ?focus in a comment stays
SELECT DISTINCT ?focus (STR(?focus) AS ?label) ?node WHERE {
  ?focus <https://e.org/p?focus=1> "?focus" .
  ?node <https://e.org/q> ?focus .
}"""


def test_variable_replaced_everywhere_but_comments_strings_and_iris():
    text = bind_constants(QUERY, {"focus": "https://e.org/a#b"})
    assert text.splitlines()[0] == "# ?focus in a comment stays"
    assert "SELECT DISTINCT (<https://e.org/a#b> AS ?focus) (STR(<https://e.org/a#b>) AS ?label) ?node" in text
    assert '<https://e.org/a#b> <https://e.org/p?focus=1> "?focus" .' in text
    assert "?node <https://e.org/q> <https://e.org/a#b> ." in text


def test_bound_query_answers_like_a_bound_variable():
    store = ox.Store()
    a, b, p = ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/b"), ox.NamedNode("https://e.org/q")
    store.add(ox.Quad(b, p, a))
    store.add(ox.Quad(a, p, b))
    rows = list(store.query(bind_constants("SELECT ?focus ?node WHERE { ?node <https://e.org/q> ?focus }",
                                           {"focus": a.value})))
    assert [(r["focus"], r["node"]) for r in rows] == [(a, b)]


@pytest.mark.parametrize("value", [
    'x> } ; DROP ALL ; SELECT * { <y',
    "https://e.org/a> ?p ?o . <https://e.org/b",
    "https://e.org/a b",
    'https://e.org/"',
    "https://e.org/{x}",
    "relative/path",
    "",
])
def test_values_that_are_not_one_iri_are_refused(value):
    with pytest.raises(GoldenthreadError, match="not an IRI that can be bound"):
        bind_constants(QUERY, {"focus": value})


def test_assigning_the_parameter_is_refused():
    with pytest.raises(GoldenthreadError, match="assigned in the query"):
        bind_constants("SELECT ?x WHERE { BIND(1 AS ?focus) }", {"focus": "https://e.org/a"})


@settings(max_examples=examples(300), deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_accepted_value_is_exactly_one_term(tail):
    """Whatever the text, a bound query either is refused or returns the value as one IRI."""
    value = "https://e.org/" + tail
    try:
        text = bind_constants("SELECT ?focus WHERE { }", {"focus": value})
    except Exception as exc:  # noqa: BLE001 - refusal is the other allowed outcome
        assert "not an IRI that can be bound" in str(exc)
        return
    rows = list(ox.Store().query(text))
    assert len(rows) == 1 and rows[0]["focus"] == ox.NamedNode(value)


def test_keywords_inside_prefixed_names_do_not_end_the_projection():
    text = bind_constants("PREFIX ex: <https://e.org/>\nSELECT ?focus WHERE { ?n ex:select ?focus }",
                          {"focus": "https://e.org/a"})
    assert "SELECT (<https://e.org/a> AS ?focus) WHERE { ?n ex:select <https://e.org/a> }" in text


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { VALUES ?focus { <https://e.org/b> } ?x ?p ?focus }",
    "SELECT (1 AS ?focus) WHERE { }",
    "SELECT ?x WHERE { ?x ?p ?o } GROUP BY (?x AS ?focus)",
])
def test_every_way_of_assigning_the_parameter_is_refused(query):
    with pytest.raises(GoldenthreadError, match="assigned in the query"):
        bind_constants(query, {"focus": "https://e.org/a"})


def test_a_parameter_written_with_an_escape_is_refused():
    """``\\u003F`` is a "?" to the parser: bound neither as written nor silently left unbound."""
    with pytest.raises(GoldenthreadError, match="cannot be bound"):
        bind_constants("SELECT ?n WHERE { ?n <https://e.org/q> \\u003Ffocus }", {"focus": "https://e.org/a"})


def test_sub_select_projections_keep_their_column():
    text = bind_constants("SELECT ?n WHERE { { SELECT ?focus WHERE { ?focus ?p ?o } } ?n ?q ?focus }",
                          {"focus": "https://e.org/a"})
    assert text == ("SELECT ?n WHERE { { SELECT (<https://e.org/a> AS ?focus) WHERE { <https://e.org/a> ?p ?o } } "
                    "?n ?q <https://e.org/a> }")


def test_longer_names_and_dollar_variables():
    text = bind_constants("SELECT ?focused WHERE { ?focused ?p $focus }", {"focus": "https://e.org/a"})
    assert text == "SELECT ?focused WHERE { ?focused ?p <https://e.org/a> }"


def test_a_query_is_parsed_once_whatever_the_values():
    from goldenthread.queries import params

    params._plan.cache_clear()
    for tail in "abc":
        bind_constants(QUERY, {"focus": "https://e.org/" + tail})
    assert params._plan.cache_info().misses == 1
