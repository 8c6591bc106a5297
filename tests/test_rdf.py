"""Tests for the RDF projection (graph/rdf.py), the ontology and the SHACL shapes.

Everything runs on a small hand-built PlanGraph (``build_graph``) that has one
node of every kind, a stated link with evidence and an inferred link with a
confidence. Invalid data is made by editing the projected rdflib graph, since the
pydantic model would refuse to build it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from goldenthread.core.model import LINK_KINDS, NODE_KINDS, STATUSES, Evidence, Link, Node, PlanGraph, Source
from goldenthread.graph.rdf import DEFAULT_BASE, link_iri, node_iri, to_rdf, to_turtle, validate
from goldenthread.ontology import (
    CLASS_OF_KIND,
    GT,
    ONTOLOGY_IRI,
    ORIGIN_CONCEPT,
    PROPERTY_OF_FIELD,
    PROPERTY_OF_LINK,
    STATUS_CONCEPT,
    OntologyMismatchError,
    _require,
    load_ontology,
)

F = PROPERTY_OF_FIELD

# Text that breaks naive serializers: quotes of both kinds, backslashes (one at
# the very end), CR/LF/tab, markup, non-ASCII, an astral emoji, U+2028, a bell.
HOSTILE = (
    'He said "no" \\ then\nleft.\r\n\t<script>alert(\'x\')</script> """ \'\'\' '
    "é ß 漢字 🙂 \u2028 \x07 end\\"
)


def _src(line_start: int = 1, line_end: int = 2, quote: str = "quoted text",
         document: str = "borough plan.md") -> Source:
    """Output: a Source with the given fields (defaults keep fixtures short)."""
    return Source(document=document, line_start=line_start, line_end=line_end, quote=quote)


def build_graph() -> PlanGraph:
    """Output: a small PlanGraph with one node of every kind and both link origins."""
    nodes = [
        Node(id="bp", kind="plan", label="Borough Plan", text="Our borough plan.", sources=[_src(1, 1)]),
        Node(id="bp/t1", kind="theme", label="Thriving places", text="A theme.", plan="bp", sources=[_src(3, 4)]),
        Node(
            id="bp/t1/p1",
            kind="priority",
            label="Good homes",
            text=HOSTILE,
            plan="bp",
            sources=[_src(5, 6, quote=HOSTILE), _src(2, 2, document="annex/ä b.md")],
        ),
        Node(id="bp/t1/p2", kind="priority", label="Green spaces", text="Parks.", plan="bp", sources=[_src(7, 7)]),
        Node(id="bp/t1/p1/c1", kind="commitment", label="1", text="We will build.", plan="bp", sources=[_src(8, 8)]),
        Node(id="bp/t1/p2/c2", kind="commitment", label="2", text="We will plant.", plan="bp", sources=[_src(9, 9)]),
        Node(id="bp/m/homes", kind="measure", label="Homes built", text="Count.", plan="bp", sources=[_src(10, 10)]),
        Node(
            id="s/housing",
            kind="strategy",
            label="Housing Strategy",
            text="To be written.",
            status="to be developed",
            sources=[_src(11, 11)],
        ),
        Node(id="b/hwb", kind="board", label="Housing Board", text="Oversees.", sources=[_src(12, 12)]),
        Node(id="pf/housing", kind="portfolio", label="Cabinet Member", text="Holds.", sources=[_src(13, 13)]),
        Node(id="indicator/homes", kind="indicator", label="Homes completed", text="Homes completed (Count, Homes).",
             statistic="Count", unit="Homes", sources=[_src(2, 2, quote="E1,2024/25,Homes completed,96",
                                                             document="indicators/homes.csv")]),
    ]
    structure = Evidence(method="document structure", sources=[_src(5, 8)])
    edges = [
        Link(source="bp/t1", target="bp", kind="part_of", evidence=structure),
        Link(source="bp/t1/p1", target="bp/t1", kind="part_of", evidence=structure),
        Link(source="bp/t1/p2", target="bp/t1", kind="part_of", evidence=structure),
        Link(source="bp/t1/p1/c1", target="bp/t1/p1", kind="part_of", evidence=structure),
        Link(source="bp/t1/p2/c2", target="bp/t1/p2", kind="part_of", evidence=structure),
        Link(source="bp/t1/p1", target="bp/m/homes", kind="measured_by"),
        Link(
            source="bp/t1/p1",
            target="s/housing",
            kind="delivered_through",
            evidence=Evidence(
                method="delivery statement",
                sources=[_src(20, 22, quote="delivered through the Housing Strategy")],
                note=HOSTILE,
            ),
        ),
        Link(source="bp/t1", target="b/hwb", kind="overseen_by"),
        Link(source="bp/t1", target="pf/housing", kind="accountable_to"),
        Link(source="bp/m/homes", target="indicator/homes", kind="tracked_by", origin="inferred", confidence=0.8,
             evidence=Evidence(method="text similarity")),
        Link(
            source="bp/t1/p2/c2",
            target="bp/t1/p1",
            kind="aligns_with",
            origin="inferred",
            confidence=0.42,
            evidence=Evidence(method="text similarity"),
        ),
    ]
    return PlanGraph(nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def plan_graph() -> PlanGraph:
    return build_graph()


@pytest.fixture()
def rdf(plan_graph: PlanGraph) -> Graph:
    """A fresh projection per test, so tests may edit it."""
    return to_rdf(plan_graph)


def iri(node_id: str) -> URIRef:
    return node_iri(node_id, DEFAULT_BASE)


def ask(g: Graph, query: str, **bindings: object) -> bool:
    """Run an ASK query with values bound through initBindings (never pasted into text)."""
    prefixes = f"PREFIX gt: <{GT}>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
    return bool(g.query(prefixes + query, initBindings=bindings).askAnswer)


# --- Projection -------------------------------------------------------------


def test_turtle_parses_back_to_the_same_triples(plan_graph: PlanGraph, rdf: Graph) -> None:
    parsed = Graph().parse(data=to_turtle(plan_graph), format="turtle")
    assert set(parsed) == set(rdf)


def test_no_blank_nodes(rdf: Graph) -> None:
    assert not [t for t in rdf if any(isinstance(term, BNode) for term in t)]


def test_every_node_kind_maps_to_its_class(plan_graph: PlanGraph, rdf: Graph) -> None:
    assert {n.kind for n in plan_graph.nodes} == set(NODE_KINDS), "fixture should cover every kind"
    for node in plan_graph.nodes:
        assert set(rdf.objects(iri(node.id), RDF.type)) == {CLASS_OF_KIND[node.kind]}


def test_node_fields(rdf: Graph) -> None:
    query = """ASK { ?node a ?cls ; ?labelP ?label ; ?textP ?text ; ?idP ?id ;
                     gt:inPlan ?plan ; prov:wasDerivedFrom ?excerpt . }"""
    assert ask(
        rdf,
        query,
        node=iri("bp/t1/p2"),
        cls=CLASS_OF_KIND["priority"],
        labelP=F["Node.label"],
        label=Literal("Green spaces"),
        textP=F["Node.text"],
        text=Literal("Parks."),
        idP=F["Node.id"],
        id=Literal("bp/t1/p2"),
        plan=iri("bp"),
        excerpt=URIRef(iri("bp/t1/p2") + "#source-1"),
    )


def test_status_is_a_concept(rdf: Graph) -> None:
    assert ask(rdf, "ASK { ?s gt:status ?status }", s=iri("s/housing"), status=STATUS_CONCEPT["to be developed"])
    assert not ask(rdf, "ASK { ?s gt:status ?any }", s=iri("bp"))


def test_source_excerpt(rdf: Graph) -> None:
    query = """ASK { ?node prov:wasDerivedFrom ?e . ?e a gt:SourceExcerpt ; ?docP ?doc ;
                     gt:lineStart ?start ; gt:lineEnd ?end . ?doc a gt:Document ; ?titleP ?title . }"""
    assert ask(
        rdf,
        query,
        node=iri("bp/t1/p1"),
        docP=F["Source.document"],
        doc=URIRef(DEFAULT_BASE + "document/annex/%C3%A4%20b.md"),
        start=Literal(2),
        end=Literal(2),
        titleP=DCTERMS.title,
        title=Literal("annex/ä b.md"),
    )


@pytest.mark.parametrize("link", build_graph().edges, ids=lambda e: f"{e.source}-{e.kind}-{e.target}")
def test_every_link_is_projected_twice(rdf: Graph, link: Link) -> None:
    prop = PROPERTY_OF_LINK[link.kind]
    source, target = iri(link.source), iri(link.target)
    assert ask(rdf, "ASK { ?s ?p ?o }", s=source, p=prop, o=target)
    query = "ASK { ?l a gt:Link ; gt:linkSource ?s ; gt:linkKind ?p ; gt:linkTarget ?o ; gt:origin ?origin }"
    assert ask(rdf, query, l=link_iri(link), s=source, p=prop, o=target, origin=ORIGIN_CONCEPT[link.origin])


def test_stated_link_evidence(rdf: Graph) -> None:
    link = link_iri(Link(source="bp/t1/p1", target="s/housing", kind="delivered_through"))
    query = """ASK { ?l gt:evidenceMethod ?method ; gt:evidenceNote ?note ; prov:wasDerivedFrom ?e .
                     ?e gt:lineStart ?start ; gt:lineEnd ?end ; gt:quote ?quote .
                     FILTER NOT EXISTS { ?l gt:confidence ?c } }"""
    assert ask(
        rdf,
        query,
        l=link,
        method=Literal("delivery statement"),
        note=Literal(HOSTILE),
        start=Literal(20),
        end=Literal(22),
        quote=Literal("delivered through the Housing Strategy"),
    )


def test_inferred_link_has_decimal_confidence(rdf: Graph) -> None:
    link = link_iri(Link(source="bp/t1/p2/c2", target="bp/t1/p1", kind="aligns_with"))
    (confidence,) = rdf.objects(link, F["Link.confidence"])
    assert confidence.datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    assert str(confidence) == "0.42" and confidence.toPython() == Decimal("0.42")
    assert ask(rdf, "ASK { ?l gt:origin ?o }", l=link, o=ORIGIN_CONCEPT["inferred"])


def test_hostile_text_round_trips_exactly(plan_graph: PlanGraph) -> None:
    parsed = Graph().parse(data=to_turtle(plan_graph), format="turtle")
    node = iri("bp/t1/p1")
    assert str(parsed.value(node, F["Node.text"])) == HOSTILE
    quotes = {str(parsed.value(e, F["Source.quote"])) for e in parsed.objects(node, F["Node.sources"])}
    assert HOSTILE in quotes


@pytest.mark.parametrize(
    "text",
    ["", "\\", '"', '""""', "a\\nb", "\x00\x1f\x7f", "\u00e9\u0301", "\U0001f600", "line1\r\nline2", "'''"],
)
def test_hostile_strings_round_trip(text: str) -> None:
    label = text or "x"  # labels must not be empty
    node = Node(id="n", kind="plan", label=label, text=label, sources=[_src(quote=label)])
    parsed = Graph().parse(data=to_turtle(PlanGraph(nodes=[node], edges=[])), format="turtle")
    assert str(parsed.value(iri("n"), F["Node.label"])) == label


def test_turtle_is_byte_identical_across_hash_seeds(plan_graph: PlanGraph) -> None:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from test_rdf import build_graph; from goldenthread.graph.rdf import to_turtle;"
        "sys.stdout.buffer.write(to_turtle(build_graph()).encode('utf-8'))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(Path(__file__).parent)], env=env, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0] == to_turtle(plan_graph).encode("utf-8")


def test_rejects_duplicate_links_and_bad_base(plan_graph: PlanGraph) -> None:
    # the model refuses a repeated link; to_rdf refuses one that slipped past it
    with pytest.raises(ValueError, match="appears twice"):
        PlanGraph(nodes=plan_graph.nodes, edges=[*plan_graph.edges, plan_graph.edges[0]])
    twice = PlanGraph.model_construct(nodes=plan_graph.nodes, edges=[*plan_graph.edges, plan_graph.edges[0]])
    with pytest.raises(ValueError, match="appears twice"):
        to_rdf(twice)
    with pytest.raises(ValueError, match="base"):
        to_rdf(plan_graph, base="https://example.org/id#")


def test_rejects_node_id_that_clashes_with_a_document() -> None:
    node = Node(id="document/readme", kind="plan", label="x", text="x", sources=[_src(document="readme")])
    with pytest.raises(ValueError, match="clash"):
        to_rdf(PlanGraph(nodes=[node], edges=[]))


# --- Ontology ---------------------------------------------------------------


def test_ontology_covers_the_model() -> None:
    assert set(CLASS_OF_KIND) == set(NODE_KINDS)
    assert set(PROPERTY_OF_LINK) == set(LINK_KINDS)
    assert set(STATUS_CONCEPT) == set(STATUSES)
    assert set(ORIGIN_CONCEPT) == {"stated", "inferred", "curated"}
    with pytest.raises(OntologyMismatchError, match="no term for"):
        _require("node kinds", ("plan", "vision"), {"plan": GT.Plan})


def test_every_ontology_term_has_label_and_definition() -> None:
    onto = load_ontology()
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(str(GT))}
    assert len(terms) > 30
    for term in terms:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, SKOS.definition) is not None, term
        assert onto.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def test_ontology_reuses_standard_vocabularies() -> None:
    onto = load_ontology()
    org = "http://www.w3.org/ns/org#"
    assert (GT.Board, RDFS.subClassOf, URIRef(org + "Organization")) in onto
    assert (GT.Portfolio, RDFS.subClassOf, URIRef(org + "Post")) in onto
    assert (GT.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf) in onto
    assert (GT.SourceExcerpt, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in onto
    for cls in CLASS_OF_KIND.values():
        assert (cls, RDFS.subClassOf, GT.Node) in onto
    for prop in PROPERTY_OF_LINK.values():
        assert (prop, RDFS.subPropertyOf, GT.linkedTo) in onto


def test_load_ontology_returns_a_copy() -> None:
    first = load_ontology()
    first.add((GT.Plan, RDFS.comment, Literal("scribble")))
    assert (GT.Plan, RDFS.comment, Literal("scribble")) not in load_ontology()


# --- SHACL ------------------------------------------------------------------


def test_valid_graph_conforms(rdf: Graph) -> None:
    conforms, report = validate(rdf)
    assert conforms, report


def test_validate_does_not_change_its_input(rdf: Graph) -> None:
    before = set(rdf)
    prefixes = sorted(rdf.namespaces())
    validate(rdf)
    assert set(rdf) == before
    assert sorted(rdf.namespaces()) == prefixes


def _excerpt(node_id: str, n: int = 1) -> URIRef:
    return URIRef(iri(node_id) + f"#source-{n}")


def _set_line_end_before_start(g: Graph) -> None:
    g.set((_excerpt("bp/t1"), GT.lineEnd, Literal(2)))  # lineStart is 3


def _drop_node_sources(g: Graph) -> None:
    g.remove((iri("b/hwb"), F["Node.sources"], None))


def _add_second_label(g: Graph) -> None:
    g.add((iri("bp"), F["Node.label"], Literal("Another label")))


def _drop_text(g: Graph) -> None:
    g.remove((iri("bp"), F["Node.text"], None))


def _status_outside_scheme(g: Graph) -> None:
    g.set((iri("s/housing"), F["Node.status"], ORIGIN_CONCEPT["stated"]))


def _empty_quote(g: Graph) -> None:
    g.set((_excerpt("bp"), F["Source.quote"], Literal("")))


def _line_start_zero(g: Graph) -> None:
    g.set((_excerpt("bp"), F["Source.line_start"], Literal(0)))


def _excerpt_in_two_documents(g: Graph) -> None:
    g.add((_excerpt("bp"), F["Source.document"], URIRef(DEFAULT_BASE + "document/annex/%C3%A4%20b.md")))


def _commitment_with_two_parents(g: Graph) -> None:
    g.add((iri("bp/t1/p1/c1"), GT.partOf, iri("bp/t1/p2")))


def _commitment_under_plan(g: Graph) -> None:
    g.set((iri("bp/t1/p1/c1"), GT.partOf, iri("bp")))


def _measure_measuring_nothing(g: Graph) -> None:
    g.remove((None, GT.measuredBy, iri("bp/m/homes")))


def _delivered_through_a_board(g: Graph) -> None:
    g.add((iri("bp/t1/p2"), GT.deliveredThrough, iri("b/hwb")))


def _overseen_by_a_strategy(g: Graph) -> None:
    g.add((iri("bp/t1/p2"), GT.overseenBy, iri("s/housing")))


def _accountable_to_a_board(g: Graph) -> None:
    g.add((iri("bp/t1/p2"), GT.accountableTo, iri("b/hwb")))


def _inferred_link() -> URIRef:
    return link_iri(Link(source="bp/t1/p2/c2", target="bp/t1/p1", kind="aligns_with"))


def _inferred_without_confidence(g: Graph) -> None:
    g.remove((_inferred_link(), F["Link.confidence"], None))


def _confidence_above_one(g: Graph) -> None:
    g.set((_inferred_link(), F["Link.confidence"], Literal(Decimal("1.5"))))


def _link_with_two_origins(g: Graph) -> None:
    g.add((_inferred_link(), F["Link.origin"], ORIGIN_CONCEPT["curated"]))


def _link_without_direct_triple(g: Graph) -> None:
    g.remove((iri("bp/t1/p2/c2"), GT.alignsWith, iri("bp/t1/p1")))


def _link_kind_not_a_link_property(g: Graph) -> None:
    link = _inferred_link()
    g.set((link, F["Link.kind"], GT.inPlan))
    g.add((iri("bp/t1/p2/c2"), GT.inPlan, iri("bp/t1/p1")))  # keep the direct triple present


def _suspect_mark_in_words(g: Graph) -> None:
    g.add((_inferred_link(), GT.suspect, Literal("the commitment changed")))


def _inferred_link_marked_suspect(g: Graph) -> None:
    g.add((_inferred_link(), GT.suspect, Literal("reworded: bp/t1/p1 (match 0.75)")))


INVALID: list[tuple[Callable[[Graph], None], str]] = [
    (_set_line_end_before_start, "last line (gt:lineEnd) is before its first line"),
    (_drop_node_sources, "must be derived from at least one source excerpt"),
    (_add_second_label, "exactly one label"),
    (_drop_text, "exactly one text"),
    (_status_outside_scheme, "concept of gt:StatusScheme"),
    (_empty_quote, "exactly one quote"),
    (_line_start_zero, "first line (gt:lineStart), an integer of at least 1"),
    (_excerpt_in_two_documents, "exactly one document"),
    (_commitment_with_two_parents, "part of (gt:partOf) exactly one priority or theme"),
    (_commitment_under_plan, "part of (gt:partOf) exactly one priority or theme"),
    (_measure_measuring_nothing, "A measure must measure something"),
    (_delivered_through_a_board, "must point to a strategy"),
    (_overseen_by_a_strategy, "must point to a board"),
    (_accountable_to_a_board, "must point to a portfolio"),
    (_inferred_without_confidence, "An inferred link"),
    (_confidence_above_one, "a decimal from 0 to 1"),
    (_link_with_two_origins, "exactly one origin"),
    (_link_without_direct_triple, "no matching direct triple"),
    (_link_kind_not_a_link_property, "a link property of the ontology"),
    (_suspect_mark_in_words, "at most one suspect mark"),
    (_inferred_link_marked_suspect, "Only a curated link"),
]


@pytest.mark.parametrize(("edit", "message"), INVALID, ids=[e.__name__.strip("_") for e, _ in INVALID])
def test_invalid_data_violates_the_shapes(rdf: Graph, edit: Callable[[Graph], None], message: str) -> None:
    edit(rdf)
    conforms, report = validate(rdf)
    assert not conforms
    assert message in report, report


# -- queries parsed once (PreparedQueryGraph) --------------------------------------------------

PER_FOCUS_RULE = '''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Rule a sh:NodeShape ; sh:targetClass ex:Item ;
  sh:sparql [ sh:message "{$this} has {?n} parts, more than one" ;
              sh:select """SELECT $this (COUNT(?p) AS ?n) WHERE { $this <http://example.org/part> ?p }
                           GROUP BY $this HAVING (COUNT(?p) > 1)""" ] .
'''


def _items(graph_class) -> Graph:
    g = graph_class()
    g.bind("ex", "http://example.org/")
    for item, parts in (("a", 0), ("b", 1), ("c", 2), ("d", 3)):
        g.add((URIRef(f"http://example.org/{item}"), RDF.type, URIRef("http://example.org/Item")))
        for n in range(parts):
            g.add((URIRef(f"http://example.org/{item}"), URIRef("http://example.org/part"), Literal(n)))
    return g


def test_a_prepared_query_graph_answers_as_rdflib_does():
    """The graph every projection gives (and pySHACL validates) parses a text once and reuses
    it: the same rows with the graph's own prefixes, and with each binding, as plain rdflib."""
    from goldenthread.graph.rdf import PreparedQueryGraph

    plain, prepared = _items(Graph), _items(PreparedQueryGraph)
    count = "SELECT ?n WHERE { SELECT (COUNT(?p) AS ?n) WHERE { ?i ex:part ?p } }"  # ex: is the graph's prefix
    for item in "abcd":
        this = {"i": URIRef(f"http://example.org/{item}")}
        assert list(prepared.query(count, initBindings=this)) == list(plain.query(count, initBindings=this))
    assert [r.n.toPython() for r in prepared.query(count, initBindings={"i": URIRef("http://example.org/d")})] == [3]

    import pyshacl

    rules = Graph().parse(data=PER_FOCUS_RULE, format="turtle")

    def violations(data):
        _, report, _ = pyshacl.validate(data, shacl_graph=rules, inplace=True)
        return sorted((str(report.value(r, URIRef("http://www.w3.org/ns/shacl#focusNode"))),
                       str(report.value(r, URIRef("http://www.w3.org/ns/shacl#resultMessage"))))
                      for r in report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))

    assert violations(prepared) == violations(plain) == [
        ("http://example.org/c", "http://example.org/c has 2 parts, more than one"),
        ("http://example.org/d", "http://example.org/d has 3 parts, more than one")]
