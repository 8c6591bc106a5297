"""Oxigraph's TSV results read back (queries/tsv.py) give the values rdflib gives for the same terms."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.queries.store import _python
from goldenthread.queries.tsv import read_tsv_rows

XSD = "http://www.w3.org/2001/XMLSchema#"


def as_rdflib(term):
    """The same term as rdflib holds it: what the rdflib store converts (queries/store.py)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
literals = st.one_of(
    texts.map(ox.Literal),
    st.tuples(texts, st.sampled_from(["en", "en-GB", "cy"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers(-10**20, 10**20).map(lambda i: typed(str(i), "integer")),
    st.integers(-2**31, 2**31 - 1).map(lambda i: typed(str(i), "int")),
    st.integers(0, 2**63).map(lambda i: typed(str(i), "nonNegativeInteger")),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(lambda d: typed(str(d), "decimal")),
    st.floats(allow_nan=False, width=64).map(lambda f: typed(repr(f).replace("inf", "INF"), "double")),
    st.booleans().map(lambda b: typed(str(b).lower(), "boolean")),
    st.sampled_from(["1", "0"]).map(lambda b: typed(b, "boolean")),
    st.dates().map(lambda d: typed(d.isoformat(), "date")),
    st.tuples(texts, st.sampled_from(["https://e.org/type", XSD + "string"])).map(
        lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
)
iris = st.text("abcxyz0123456789-_~é€/", max_size=12).map(lambda s: ox.NamedNode("https://e.org/" + s))
terms = st.one_of(literals, iris, st.just(ox.BlankNode("b0")), st.none())


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.lists(terms, min_size=3, max_size=3), min_size=0, max_size=6))
def test_tsv_values_equal_object_values(rows):
    store = ox.Store()
    row_of = ox.NamedNode("https://e.org/row")
    columns = [ox.NamedNode(f"https://e.org/{name}") for name in "abc"]
    for i, row in enumerate(rows):
        subject = ox.NamedNode(f"https://e.org/r{i}")
        store.add(ox.Quad(subject, row_of, typed(str(i), "integer")))
        for column, term in zip(columns, row):
            if term is not None:
                store.add(ox.Quad(subject, column, term))
    query = """SELECT ?a ?b ?c WHERE { ?r <https://e.org/row> ?i .
      OPTIONAL { ?r <https://e.org/a> ?a } OPTIONAL { ?r <https://e.org/b> ?b }
      OPTIONAL { ?r <https://e.org/c> ?c } } ORDER BY ?i"""
    expected = [{n: _python(as_rdflib(s[n])) for n in ("a", "b", "c")} for s in store.query(query)]
    got = read_tsv_rows(store.query(query).serialize(format=ox.QueryResultsFormat.TSV))
    assert got == expected
    assert [[type(v) for v in r.values()] for r in got] == [[type(v) for v in r.values()] for r in expected]
    assert len(got) == len(rows)


def test_plain_python_types():
    query = """SELECT ?iri ?n ?d ?b ?s ?lang ?unbound WHERE {
      VALUES (?iri ?n ?d ?b ?s ?lang ?unbound) {
        (<https://e.org/a> 42 2.5 true "tab\\there \\"q\\" \\\\ line\\nnext" "croeso"@cy UNDEF) } }"""
    data = ox.Store().query(query).serialize(format=ox.QueryResultsFormat.TSV)
    assert read_tsv_rows(data) == [{"iri": "https://e.org/a", "n": 42, "d": 2.5, "b": True,
                                     "s": 'tab\there "q" \\ line\nnext', "lang": "croeso", "unbound": None}]
    assert isinstance(read_tsv_rows(data)[0]["d"], float)


def test_no_rows_and_all_unbound_rows():
    store = ox.Store()
    assert read_tsv_rows(store.query("SELECT ?a WHERE { ?a ?b ?c }").serialize(
        format=ox.QueryResultsFormat.TSV)) == []
    one_unbound = store.query("SELECT ?a WHERE { VALUES ?a { UNDEF UNDEF } }").serialize(
        format=ox.QueryResultsFormat.TSV)
    assert read_tsv_rows(one_unbound) == [{"a": None}, {"a": None}]
