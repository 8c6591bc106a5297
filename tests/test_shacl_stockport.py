"""The RDF projection of the real Stockport graph validates against ontology/shapes.ttl."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import SKOS

from goldenthread.graph.rdf import to_rdf, validate
from goldenthread.ontology import CLASS_OF_KIND


def test_stockport_rdf_conforms_to_shapes(stockport):
    conforms, report = validate(to_rdf(stockport.graph))
    assert conforms, report


def test_example_rdf_conforms_and_counts_match(northmere):
    rdf = to_rdf(northmere.graph)
    conforms, report = validate(rdf)
    assert conforms, report
    for kind, cls in CLASS_OF_KIND.items():
        expected = sum(1 for n in northmere.graph.nodes if n.kind == kind)
        rows = rdf.query("SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a ?cls }", initBindings={"cls": cls})
        assert int(next(iter(rows))[0]) == expected, kind


def test_shapes_catch_a_broken_graph(northmere):
    rdf = to_rdf(northmere.graph)
    node = next(iter(rdf.subjects(SKOS.prefLabel, Literal("Homes people can afford"))))
    rdf.add((node, SKOS.prefLabel, Literal("A second label")))
    conforms, report = validate(rdf)
    assert not conforms and "label" in report.lower()
