"""Project a PlanGraph to RDF once, and write that projection as Turtle, N-Triples or rdflib.

Inputs: a ``PlanGraph`` (core/model.py); the ontology and shapes of
``goldenthread.ontology``.
Outputs: ``project`` (a ``Projection``: the graph's triples, made once), from which come
``Projection.turtle`` (Turtle text, byte-identical for the same PlanGraph in any process),
``Projection.ntriples`` (N-Triples, or N-Quads in a named graph, for loading a triple store)
and ``Projection.rdflib`` (an rdflib Graph); ``to_rdf`` and ``to_turtle`` are shorthands;
``validate`` (pySHACL verdict and report).

Which triples a model object yields is defined once, by the ``_add_*`` functions below; every
form (graph.ttl, the Oxigraph store, an rdflib Graph) is written from their output, so the
forms cannot drift apart (tests/test_rdf_projection.py checks they hold the same triples).
A triple is four plain strings (``Triple``), no rdflib objects: rdflib terms cost
microseconds each to make, which at a thousand councils (7.7 million triples) was most of
the projection's time.

IRIs, all minted from ``base`` with no blank nodes, so that the same PlanGraph
always yields the same triples:
  - node:      ``{base}{node.id}``
  - document:  ``{base}document/{percent-encoded file name}``
  - link:      ``{base}link/{source id}/{link kind}/{target id}``
  - excerpt:   ``{owner IRI}#source-{n}``, n = 1-based position in the owner's
    sources (owner = the node, or the link whose evidence it is)
  - indicator data (a build with ``--indicators``): area ``{base}area/{code}``, period
    ``{base}period/{start}/{end}``, observation ``{base}{indicator id}/observation/{area}/{start}/{end}``
    (a qb:Observation of the W3C RDF Data Cube vocabulary), comparator group
    ``{base}comparator-group/{name}``, the build's indicator data ``{base}indicator-data``,
    tracking summary ``{measure IRI}#tracking-{indicator id, '/' as '-'}``

Every link is written twice: a direct triple ``<source> <kind property> <target>``
for easy SPARQL, and a ``gt:Link`` resource carrying origin, confidence and evidence.
Which property carries which model field comes from the ontology
(``PROPERTY_OF_FIELD`` and friends); this module types no ontology IRI itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from goldenthread.core.collector import collector_paused
from goldenthread.core.model import (
    ENGLAND,
    LINK_KINDS,
    DesiredDirection,
    Evidence,
    IndicatorSet,
    Link,
    Node,
    ObservationRecord,
    PlanGraph,
    Source,
    Tracking,
)
from goldenthread.ontology import (
    CLASS_OF_KIND,
    COMPARISON_CONCEPT,
    DIRECTION_CONCEPT,
    GT,
    ORIGIN_CONCEPT,
    PROPERTY_OF_FIELD,
    PROPERTY_OF_LINK,
    RAG_CONCEPT,
    SHAPES_PATH,
    STATUS_CONCEPT,
    TRACKING_STATUS_CONCEPT,
    TRAVEL_CONCEPT,
    load_ontology,
)

__all__ = [
    "DEFAULT_BASE",
    "Projection",
    "Triple",
    "document_iri",
    "link_iri",
    "node_iri",
    "project",
    "to_rdf",
    "to_turtle",
    "turtle_triple_count",
    "validate",
]

DEFAULT_BASE = "https://w3id.org/goldenthread/id/"

#: (subject IRI, predicate IRI, object, datatype IRI): the object is an IRI when the datatype
#: is None, else a literal's lexical form ("" for a plain string literal). No language tags.
Triple = tuple[str, str, str, "str | None"]
_Add = Callable[[Triple], None]

# Link IRIs put the kind between two node ids, which may themselves contain "/".
# They still parse back uniquely because node ids cannot contain "_" (see
# Node.id's pattern) and every link kind does; fail at import if that changes.
_NOT_IN_NODE_IDS = "_"
if not all(_NOT_IN_NODE_IDS in kind for kind in LINK_KINDS):
    raise RuntimeError(f"every link kind must contain {_NOT_IN_NODE_IDS!r} for link IRIs to be unambiguous")

# Prefixes written in Turtle output. Bound explicitly so that output does not
# depend on rdflib's default bindings, which have changed between releases.
_PREFIXES = {
    "gt": str(GT),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-code": "http://purl.org/linked-data/sdmx/2009/code#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
}

# The IRIs the projection writes, as plain strings (looked up once, not per triple).
F = {field: str(iri) for field, iri in PROPERTY_OF_FIELD.items()}  # "Class.field" -> property IRI
_CLASS = {kind: str(iri) for kind, iri in CLASS_OF_KIND.items()}
_LINK = {kind: str(iri) for kind, iri in PROPERTY_OF_LINK.items()}
_STATUS, _ORIGIN, _RAG, _DIRECTION, _TRAVEL, _COMPARISON, _TRACKING_STATUS = (
    {key: str(iri) for key, iri in concepts.items()}
    for concepts in (STATUS_CONCEPT, ORIGIN_CONCEPT, RAG_CONCEPT, DIRECTION_CONCEPT, TRAVEL_CONCEPT,
                     COMPARISON_CONCEPT, TRACKING_STATUS_CONCEPT))
_TYPE = str(RDF.type)
_TITLE = str(DCTERMS.title)
_PERIOD_OF_TIME = str(DCTERMS.PeriodOfTime)
_INTEGER, _DECIMAL, _DATE = str(XSD.integer), str(XSD.decimal), str(XSD.date)
_QB, _SDMX_DIMENSION = _PREFIXES["qb"], _PREFIXES["sdmx-dimension"]
_SDMX_ATTRIBUTE, _SDMX_CODE = _PREFIXES["sdmx-attribute"], _PREFIXES["sdmx-code"]
_GT = {name: str(GT[name]) for name in (
    "SourceExcerpt", "Document", "GenericMention", "Candidate", "BlankCell", "Link", "IndicatorStructure", "Area",
    "IndicatorSet", "ComparatorGroup", "Tracking")}


def _check_base(base: str) -> None:
    """Raise ValueError unless ``base`` is an absolute http(s) IRI ending in "/".

    Why "/": excerpt IRIs add a "#fragment" to node IRIs, so the base itself must
    not contain "#", and ids are appended as path segments.
    """
    if not base.startswith(("http://", "https://")) or not base.endswith("/") or "#" in base:
        raise ValueError(f"base must be an http(s) IRI ending in '/' without '#', got {base!r}")


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a node id and the base. Output: the node's IRI, ``{base}{node_id}``."""
    return URIRef(base + node_id)


@functools.lru_cache(maxsize=4096)  # every excerpt names its document: a few names, many calls
def _document(filename: str, base: str) -> str:
    """The IRI text of ``document_iri``."""
    return base + "document/" + quote(filename, safe="/")


def document_iri(filename: str, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a document file name (relative, may contain "/"). Output: its IRI.

    The name is percent-encoded (keeping "/") so spaces, quotes and non-ASCII
    characters give a valid IRI.
    """
    return URIRef(_document(filename, base))


def link_iri(link: Link, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a link and the base. Output: ``{base}link/{source}/{kind}/{target}``."""
    return URIRef(f"{base}link/{link.source}/{link.kind}/{link.target}")


def _excerpt_prefix(owner: str) -> str:
    """Input: the IRI of a node or link. Output: its excerpt IRIs without the position."""
    # an IRI has at most one "#": excerpts of fragment resources (blank cells) extend the fragment
    return owner + ("-source-" if "#" in owner else "#source-")


@functools.lru_cache(maxsize=65536)  # scores and thresholds repeat across candidates
def _decimal(value: float) -> str:
    """Input: a float. Output: the lexical form of an xsd:decimal of its shortest repr.

    ``repr`` gives the shortest string that round-trips (0.42, not
    0.41999999999999998); format "f" avoids exponents, which xsd:decimal forbids.
    """
    text = format(Decimal(repr(value)), "f")
    if "." in text:  # canonical form, as triple stores write it back: 1.0 -> 1, 0.50 -> 0.5
        text = text.rstrip("0").rstrip(".") or "0"
    return text


def _add_sources(add: _Add, owner: str, prop: str, sources: Iterable[Source], base: str) -> None:
    """One gt:SourceExcerpt per source, linked from ``owner``.

    Inputs: ``add`` (collects triples), the node or link IRI, the property linking it to its
    excerpts (of "Node.sources", "Evidence.sources", ...), the sources, the base.
    Output: none; the triples go to ``add`` (documents included).
    """
    prefix = _excerpt_prefix(owner)
    for position, source in enumerate(sources, start=1):
        excerpt = f"{prefix}{position}"
        document = _document(source.document, base)
        add((owner, prop, excerpt, None))
        add((excerpt, _TYPE, _GT["SourceExcerpt"], None))
        add((excerpt, F["Source.document"], document, None))
        add((excerpt, F["Source.line_start"], str(source.line_start), _INTEGER))
        add((excerpt, F["Source.line_end"], str(source.line_end), _INTEGER))
        add((excerpt, F["Source.quote"], source.quote, ""))
        if source.page is not None:
            add((excerpt, F["Source.page"], str(source.page), _INTEGER))
        add((document, _TYPE, _GT["Document"], None))
        add((document, _TITLE, source.document, ""))


def _add_node(add: _Add, node: Node, base: str) -> None:
    """A node's class, id, label, text, plan, status and sources."""
    subject = base + node.id
    add((subject, _TYPE, _CLASS[node.kind], None))
    add((subject, F["Node.id"], node.id, ""))
    add((subject, F["Node.label"], node.label, ""))
    add((subject, F["Node.text"], node.text, ""))
    for alias in node.aliases:
        add((subject, F["Node.aliases"], alias, ""))
    if node.plan is not None:
        add((subject, F["Node.plan"], base + node.plan, None))
    if node.status is not None:
        add((subject, F["Node.status"], _STATUS[node.status], None))
    for name, value in (("Node.target", node.target), ("Node.baseline", node.baseline)):
        if value is not None:
            add((subject, F[name], value, ""))
    if node.rag is not None:
        add((subject, F["Node.rag"], _RAG[node.rag], None))
    if node.desired_direction is not None:
        _add_direction(add, subject, node.desired_direction)
    for name, value in (("Node.statistic", node.statistic), ("Node.unit", node.unit)):
        if value is not None:
            add((subject, F[name], value, ""))
    for key, value in node.breakdowns.items():
        add((subject, F["Node.breakdowns"], f"{key}={value}", ""))
    if node.edition is not None:
        add((subject, F["Node.edition"], node.edition, ""))
    if node.revision_of is not None:
        add((subject, F["Node.revision_of"], base + node.revision_of, None))
    if node.kind == "indicator":
        add((subject, _QB + "structure", _GT["IndicatorStructure"], None))
    _add_sources(add, subject, F["Node.sources"], node.sources, base)
    for position, mention in enumerate(node.generic_mentions, start=1):
        resource = f"{subject}#generic-{position}"
        add((subject, F["Node.generic_mentions"], resource, None))
        add((resource, _TYPE, _GT["GenericMention"], None))
        add((resource, F["GenericMention.text"], mention.text, ""))
        add((resource, F["GenericMention.kind"], _LINK[mention.kind], None))
        _add_sources(add, resource, F["GenericMention.source"], [mention.source], base)
    for position, candidate in enumerate(node.candidates, start=1):
        resource = f"{subject}#candidate-{position}"
        add((subject, F["Node.candidates"], resource, None))
        add((resource, _TYPE, _GT["Candidate"], None))
        add((resource, F["Candidate.node"], base + candidate.node, None))
        add((resource, F["Candidate.score"], _decimal(candidate.score), _DECIMAL))
        add((resource, F["Candidate.threshold"], _decimal(candidate.threshold), _DECIMAL))
        add((resource, F["Candidate.method"], candidate.method, ""))
        for term in candidate.terms:
            add((resource, F["Candidate.terms"], term, ""))
        if candidate.note is not None:
            add((resource, F["Candidate.note"], candidate.note, ""))
    for position, blank in enumerate(node.blanks, start=1):
        cell = f"{subject}#blank-{position}"
        add((subject, F["Node.blanks"], cell, None))
        add((cell, _TYPE, _GT["BlankCell"], None))
        add((cell, F["Blank.table"], blank.table, ""))
        add((cell, F["Blank.column"], blank.column, ""))
        _add_sources(add, cell, F["Blank.source"], [blank.source], base)


def _add_link(add: _Add, link: Link, base: str) -> None:
    """A link, twice: as a direct triple and as a gt:Link resource."""
    source, target = base + link.source, base + link.target
    kind = _LINK[link.kind]
    add((source, kind, target, None))

    resource = f"{base}link/{link.source}/{link.kind}/{link.target}"
    add((resource, _TYPE, _GT["Link"], None))
    add((resource, F["Link.source"], source, None))
    add((resource, F["Link.kind"], kind, None))
    add((resource, F["Link.target"], target, None))
    add((resource, F["Link.origin"], _ORIGIN[link.origin], None))
    if link.confidence is not None:
        add((resource, F["Link.confidence"], _decimal(link.confidence), _DECIMAL))
    if link.suspect is not None:
        mark = link.suspect
        add((resource, F["Link.suspect"],
             f"{mark.change}: {mark.end}" + ("" if mark.score is None else f" (match {mark.score:.2f})"), ""))
    if link.evidence is not None:
        add((resource, F["Evidence.method"], link.evidence.method, ""))
        if link.evidence.note is not None:
            add((resource, F["Evidence.note"], link.evidence.note, ""))
        _add_sources(add, resource, F["Evidence.sources"], link.evidence.sources, base)


def _add_direction(add: _Add, subject: str, direction: DesiredDirection) -> None:
    """A desired direction on a measure or tracking summary: its concept (absent when none) and evidence."""
    if direction.direction is not None:
        add((subject, F["DesiredDirection.direction"], _DIRECTION[direction.direction], None))
    add((subject, F["DesiredDirection.evidence"], direction.evidence, ""))


def _area(code: str, base: str) -> str:
    return base + "area/" + quote(code, safe="")


def _period(start: object, end: object, base: str) -> str:
    return f"{base}period/{start}/{end}"


def _observation(indicator: str, area: str, start: object, end: object, base: str) -> str:
    return f"{base}{indicator}/observation/{quote(area, safe='')}/{start}/{end}"


def _comparator_group(name: str, base: str) -> str:
    return base + "comparator-group/" + quote(name, safe="")


def area_iri(code: str, base: str = DEFAULT_BASE) -> URIRef:
    """Input: an area code. Output: its IRI, ``{base}area/{code}`` (percent-encoded)."""
    return URIRef(_area(code, base))


def period_iri(start: object, end: object, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a period's first and last days. Output: ``{base}period/{start}/{end}``."""
    return URIRef(_period(start, end, base))


def observation_iri(indicator: str, area: str, start: object, end: object, base: str = DEFAULT_BASE) -> URIRef:
    """Input: an indicator node id, an area code and a period. Output: the observation's IRI."""
    return URIRef(_observation(indicator, area, start, end, base))


def _tracking(tracking: Tracking, base: str) -> str:
    return f"{base}{tracking.measure}#tracking-{tracking.indicator.replace('/', '-')}"


def tracking_iri(tracking: Tracking, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a tracking summary. Output: ``{measure IRI}#tracking-{indicator id, '/' as '-'}``."""
    return URIRef(_tracking(tracking, base))


def _add_observation(add: _Add, o: ObservationRecord, base: str) -> None:
    """One qb:Observation with its dimensions, value (or status and reason), file and row."""
    subject = _observation(o.indicator, o.area, o.start, o.end, base)
    period = _period(o.start, o.end, base)
    add((subject, _TYPE, _QB + "Observation", None))
    add((subject, F["ObservationRecord.indicator"], base + o.indicator, None))
    add((subject, F["ObservationRecord.area"], _area(o.area, base), None))
    add((subject, _SDMX_DIMENSION + "refPeriod", period, None))
    add((subject, F["ObservationRecord.period"], o.period, ""))
    if o.value is not None:
        add((subject, F["ObservationRecord.value"], _decimal(o.value), _DECIMAL))
    else:
        add((subject, _SDMX_ATTRIBUTE + "obsStatus", _SDMX_CODE + "obsStatus-M", None))
        add((subject, F["ObservationRecord.missing"], str(o.missing), ""))
    add((subject, F["ObservationRecord.file"], _document(o.file, base), None))
    add((subject, F["ObservationRecord.row"], str(o.row), _INTEGER))
    add((period, _TYPE, _PERIOD_OF_TIME, None))
    add((period, F["ObservationRecord.start"], o.start.isoformat(), _DATE))
    add((period, F["ObservationRecord.end"], o.end.isoformat(), _DATE))


def _add_indicator_set(add: _Add, data: IndicatorSet, base: str) -> None:
    """Areas, comparator group, indicator files and observations of a build with indicator data."""
    names = {a.code: a.name for a in data.areas}
    codes = {data.area.code, *names, *(data.comparators.areas if data.comparators else [])}
    for code in sorted(codes):
        area = _area(code, base)
        add((area, _TYPE, _GT["Area"], None))
        add((area, F["Area.code"], code, ""))
        name = names.get(code) or (data.area.name if code == data.area.code else None)
        if name:
            add((area, F["Area.name"], name, ""))
    subject = base + "indicator-data"
    add((subject, _TYPE, _GT["IndicatorSet"], None))
    add((subject, F["IndicatorSet.area"], _area(data.area.code, base), None))
    if data.comparators is not None:
        group = _comparator_group(data.comparators.name, base)
        add((subject, F["IndicatorSet.comparators"], group, None))
        add((group, _TYPE, _GT["ComparatorGroup"], None))
        add((group, F["ComparatorGroup.name"], data.comparators.name, ""))
        for code in data.comparators.areas:
            add((group, F["ComparatorGroup.areas"], _area(code, base), None))
    for record in data.datasets:
        document = _document(record.name, base)
        add((document, _TYPE, _GT["Document"], None))
        add((document, F["DatasetRecord.name"], record.name, ""))
        add((document, F["DatasetRecord.sha256"], record.sha256, ""))
    for o in data.observations:
        _add_observation(add, o, base)


def _add_tracking(add: _Add, t: Tracking, comparators: str | None, base: str) -> None:
    """A tracking summary: its measure, indicator, area, direction, observations, travel, rank and status."""
    subject = _tracking(t, base)
    add((subject, _TYPE, _GT["Tracking"], None))
    add((subject, F["Tracking.measure"], base + t.measure, None))
    add((subject, F["Tracking.indicator"], base + t.indicator, None))
    add((subject, F["Tracking.area"], _area(t.area, base), None))
    _add_direction(add, subject, t.desired_direction)
    for name, value, area in (("first", t.first, t.area), ("latest", t.latest, t.area),
                              ("baseline", t.baseline, t.area), ("england", t.england, ENGLAND)):
        if value is not None:
            add((subject, F[f"Tracking.{name}"], _observation(t.indicator, area, value.start, value.end, base), None))
    add((subject, F["Tracking.baseline_basis"], t.baseline_basis, ""))
    if t.change is not None:
        add((subject, F["Tracking.change"], _decimal(t.change), _DECIMAL))
    add((subject, F["Tracking.travel"], _TRAVEL[t.travel], None))
    add((subject, F["Tracking.versus_england"], _COMPARISON[t.versus_england], None))
    if t.group is not None:
        if comparators is not None:
            add((subject, F["GroupPosition.group"], _comparator_group(comparators, base), None))
        add((subject, F["GroupPosition.period"], t.group.period, ""))
        if t.group.rank is not None:
            add((subject, F["GroupPosition.rank"], str(t.group.rank), _INTEGER))
        add((subject, F["GroupPosition.of"], str(t.group.of), _INTEGER))
        for name, number in (("min", t.group.min), ("median", t.group.median), ("max", t.group.max)):
            add((subject, F[f"GroupPosition.{name}"], _decimal(number), _DECIMAL))
    add((subject, F["Tracking.status"], _TRACKING_STATUS[t.status], None))
    add((subject, F["Tracking.status_reason"], t.status_reason, ""))


def _check_unique(graph: PlanGraph, base: str) -> None:
    """Raise ValueError if two model objects would share one IRI.

    Inputs: the plan graph and base. Why: the model does not forbid a repeated
    (source, kind, target) link, nor a node id such as "document/x" that equals a
    document IRI; either would silently merge two resources into one.
    """
    seen: set[tuple[str, str, str]] = set()
    for link in graph.edges:
        key = (link.source, link.kind, link.target)
        if key in seen:
            raise ValueError(f"link {link.source} -{link.kind}-> {link.target} appears twice")
        seen.add(key)
    owners: list[Node | Evidence] = [*graph.nodes, *(e.evidence for e in graph.edges if e.evidence)]
    documents = {_document(s.document, base) for owner in owners for s in owner.sources}
    clashes = sorted(n.id for n in graph.nodes if base + n.id in documents)
    if clashes:
        raise ValueError(f"node ids {clashes} clash with document IRIs under {base}document/")


def project(graph: PlanGraph, base: str = DEFAULT_BASE) -> Projection:
    """Project a PlanGraph to RDF, once.

    Inputs: the plan graph; ``base``, the IRI prefix for everything minted (an
    http(s) IRI ending in "/").
    Output: a ``Projection`` holding each triple once (nodes, documents, source excerpts,
    direct link triples and gt:Link resources, indicator data), in the order made. Raises
    ValueError for a bad base or for model objects that would share an IRI.
    """
    _check_base(base)
    _check_unique(graph, base)
    with collector_paused():  # tens of thousands of tuples, no cycle among them
        return Projection(_triples(graph, base))


def _triples(graph: PlanGraph, base: str) -> list[Triple]:
    """Every triple of ``graph`` once, in the order made (see ``project``)."""
    out: list[Triple] = []
    add = out.append
    for record in graph.documents:
        document = _document(record.name, base)
        add((document, _TYPE, _GT["Document"], None))
        add((document, F["DocumentRecord.name"], record.name, ""))
        add((document, F["DocumentRecord.sha256"], record.sha256, ""))
        add((document, F["DocumentRecord.profile"], record.profile, ""))
        add((document, F["DocumentRecord.plan"], base + record.plan, None))
    for node in graph.nodes:
        _add_node(add, node, base)
    for link in graph.edges:
        _add_link(add, link, base)
    if graph.indicators is not None:
        _add_indicator_set(add, graph.indicators, base)
    group = graph.indicators.comparators.name if graph.indicators and graph.indicators.comparators else None
    for tracking in graph.tracking:
        _add_tracking(add, tracking, group, base)
    # a document is named by every excerpt of it, a period by every observation in it: keep one
    return list(dict.fromkeys(out))


class Projection:
    """The triples of one PlanGraph (``project``), each once, and the forms written from them.

    ``turtle()`` is graph.ttl (made once, then kept); ``ntriples(graph_iri)`` is N-Triples, or
    N-Quads with every triple in named graph ``graph_iri``, for a triple store to load;
    ``rdflib()`` is a new rdflib Graph with the Turtle prefixes bound.
    """

    def __init__(self, triples: list[Triple]):
        self.triples = triples
        self._turtle: str | None = None

    def __len__(self) -> int:
        return len(self.triples)

    def turtle(self) -> str:
        """Deterministic Turtle (see ``_write_turtle``), made on the first call."""
        if self._turtle is None:
            with collector_paused():
                self._turtle = _write_turtle(self.triples)
        return self._turtle

    def ntriples(self, graph_iri: str | None = None) -> bytes:
        """UTF-8 N-Triples, one line per triple in projection order; N-Quads in ``graph_iri`` when given."""
        with collector_paused():
            return _write_ntriples(self.triples, graph_iri)

    def serialized(self) -> tuple[bytes, str]:
        """(RDF text, "turtle" or "ntriples") for a store to load: the Turtle when it has already
        been made (a build writes it anyway; Oxigraph parses it faster than N-Triples, which is
        three times longer), else N-Triples (quicker to make than Turtle, which is sorted)."""
        if self._turtle is not None:
            return self._turtle.encode("utf-8"), "turtle"
        return self.ntriples(), "ntriples"

    def rdflib(self) -> Graph:
        """A new rdflib Graph holding the triples (for rdflib queries, pySHACL and tests); it
        parses each query text once per process (``PreparedQueryGraph``)."""
        g = PreparedQueryGraph(bind_namespaces="none")
        for prefix, namespace in _PREFIXES.items():
            g.bind(prefix, namespace)
        iris: dict[str, URIRef] = {}
        types: dict[str, URIRef | None] = {"": None}

        def iri(text: str) -> URIRef:
            term = iris.get(text)
            if term is None:
                term = iris[text] = URIRef(text)
            return term

        def obj(text: str, datatype: str | None) -> URIRef | Literal:
            if datatype is None:
                return iri(text)
            if datatype not in types:
                types[datatype] = URIRef(datatype)
            return Literal(text, datatype=types[datatype])

        g.addN((iri(s), iri(p), obj(o, dt), g) for s, p, o, dt in self.triples)
        return g


def to_rdf(graph: PlanGraph, base: str = DEFAULT_BASE) -> Graph:
    """``project(graph, base).rdflib()``: a new rdflib Graph of the plan graph's RDF."""
    return project(graph, base).rdflib()


def to_turtle(graph: PlanGraph, base: str = DEFAULT_BASE) -> str:
    """Serialize a PlanGraph as Turtle.

    Inputs: the plan graph and base (as for ``project``).
    Output: Turtle text that is byte-identical for equal inputs in any process,
    whatever PYTHONHASHSEED or rdflib release (see ``_write_turtle``).
    """
    return project(graph, base).turtle()


# --- Writing the triples: Turtle and N-Triples ----------------------------------
# rdflib's Turtle serializer is stable within one release, but it orders subjects
# by how often they are referenced (so one new link reshuffles unrelated blocks
# in a diff) and its string quoting has changed between releases. This writer
# sorts subjects by IRI, so a node is followed by its "#source-n" excerpts, puts
# every literal on one line with explicit escapes, and depends on nothing but the
# triples. It handles exactly what the projection produces: IRIs and literals, no
# blank nodes, no language tags. Every triple's object is on a line of its own,
# indented, which ``turtle_triple_count`` relies on.

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# Only canonical-looking numbers are written bare, so parsing gives back the same
# lexical form (and so an equal rdflib Literal).
_BARE_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
_BARE_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ESCAPE_TABLE = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
                 **{ord(ch): escaped for ch, escaped in _STRING_ESCAPES.items()}}
# Characters IRIREF forbids raw; written as \uXXXX escapes, which it allows.
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}
_IRI_NEEDS_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_string(text: str) -> str:
    """Input: any str. Output: its Turtle and N-Triples short-string body (between the quotes).

    Backslash, quote and the named control characters use their short escapes;
    other control characters use \\uXXXX. Everything else, including non-ASCII,
    is written as itself (the output is UTF-8 text).
    """
    if not _NEEDS_ESCAPE.search(text):  # most literals: nothing to escape
        return text
    return text.translate(_ESCAPE_TABLE)


def _iri_ref(iri: str) -> str:
    """Input: an IRI. Output: ``<iri>``, forbidden characters escaped (Turtle and N-Triples alike)."""
    if not _IRI_NEEDS_ESCAPE.search(iri):
        return f"<{iri}>"
    return "<" + "".join(f"\\u{ord(c):04X}" if c in _IRI_FORBIDDEN else c for c in iri) + ">"


def _iri_term(iri: str, prefixes: list[tuple[str, str]], used: set[str]) -> str:
    """Input: an IRI, the prefix table (sorted by prefix), a set collecting used prefixes.

    Output: ``prefix:local`` when the IRI is in a bound namespace and its local
    part is a plain name, else ``<iri>`` with forbidden characters escaped.
    """
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace):]):
            used.add(prefix)
            return f"{prefix}:{iri[len(namespace):]}"
    return _iri_ref(iri)


def _predicate_key(predicate: str) -> tuple[int, str]:
    """Sort key putting rdf:type (written "a") first, then predicates by IRI."""
    return (0 if predicate == _TYPE else 1, predicate)


def _object_key(term: tuple[str, str | None]) -> tuple[bool, str, str]:
    """Sort key for (object, datatype): IRIs before literals, then by text, then datatype."""
    text, datatype = term
    return (datatype is not None, text, datatype or "")


def _write_turtle(triples: Iterable[Triple]) -> str:
    """Input: triples, each once. Output: deterministic Turtle.

    Subjects are sorted by IRI; within a subject, rdf:type comes first, then
    predicates by IRI, objects by ``_object_key``. Only prefixes that are used
    are declared, in alphabetical order.
    """
    prefixes = sorted(_PREFIXES.items())
    used: set[str] = set()
    written: dict[str, str] = {}  # IRI -> its Turtle form; nodes and predicates recur

    def iri(text: str) -> str:
        term = written.get(text)
        if term is None:
            term = written[text] = _iri_term(text, prefixes, used)
        return term

    def literal(text: str, datatype: str) -> str:
        if datatype == _INTEGER and _BARE_INTEGER.match(text):
            return text
        if datatype == _DECIMAL and _BARE_DECIMAL.match(text):
            return text
        quoted = f'"{_escape_string(text)}"'
        # a datatype even for xsd:string would be written: rdflib tells it from a plain literal
        return f"{quoted}^^{iri(datatype)}" if datatype else quoted

    subjects: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for s, p, o, dt in triples:
        predicates = subjects.get(s)
        if predicates is None:
            predicates = subjects[s] = {}
        objects = predicates.get(p)
        if objects is None:
            predicates[p] = [(o, dt)]
        else:
            objects.append((o, dt))
    blocks = []
    for subject in sorted(subjects):
        predicates = subjects[subject]
        lines = []
        for predicate in sorted(predicates, key=_predicate_key):
            verb = "a" if predicate == _TYPE else iri(predicate)
            objects = predicates[predicate]
            if len(objects) > 1:
                objects.sort(key=_object_key)
            rendered = ",\n        ".join([iri(o) if dt is None else literal(o, dt) for o, dt in objects])
            lines.append(f"    {verb} {rendered}")
        blocks.append(iri(subject) + "\n" + " ;\n".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{_PREFIXES[p]}> .\n" for p in sorted(used))
    return header + "\n" + "\n".join(blocks)


def turtle_triple_count(turtle: bytes) -> int:
    """How many triples Turtle written by ``_write_turtle`` holds: its indented lines (one per
    triple, see above), without parsing it. Meaningless for Turtle written otherwise."""
    return turtle.count(b"\n ")


def _write_ntriples(triples: Iterable[Triple], graph_iri: str | None) -> bytes:
    """Input: triples and an optional named graph. Output: N-Triples (N-Quads in the graph), UTF-8.

    Plain string operations only, one f-string per line, each IRI escaped once (``refs``:
    predicates, classes, concepts and nodes recur): at a thousand councils this is the whole
    cost of the projection's text.
    """
    end = f" {_iri_ref(graph_iri)} .\n" if graph_iri else " .\n"
    refs: dict[str, str] = {}
    types: dict[str, str] = {}
    lines: list[str] = []
    append = lines.append
    subject, written = "", ""
    for s, p, o, dt in triples:
        if s != subject:  # a subject's triples come together
            subject, written = s, _iri_ref(s)
        verb = refs.get(p)
        if verb is None:
            verb = refs[p] = _iri_ref(p)
        if dt is None:
            ref = refs.get(o)
            if ref is None:
                ref = refs[o] = _iri_ref(o)
            append(f"{written} {verb} {ref}{end}")
        elif dt:
            suffix = types.get(dt)
            if suffix is None:
                suffix = types[dt] = "^^" + _iri_ref(dt)
            append(f'{written} {verb} "{_escape_string(o)}"{suffix}{end}')
        else:
            append(f'{written} {verb} "{_escape_string(o)}"{end}')
    return "".join(lines).encode("utf-8")


@functools.lru_cache(maxsize=128)
def prepared_query(text: str, namespaces: tuple[tuple[str, str], ...] = ()) -> Any:
    """rdflib's parse and algebra of the SPARQL ``text`` (an rdflib ``Query``), with
    ``namespaces`` (prefix, IRI) as its undeclared prefixes, made once per process and reused:
    parsing takes rdflib 10 to 50 ms a query, evaluating one on a council's graph often less."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


class PreparedQueryGraph(Graph):
    """An rdflib Graph whose ``query`` parses each query text once per process
    (``prepared_query``) instead of at every call.

    Why: pySHACL asks a SHACL-SPARQL constraint's query once per focus node, the same text with
    ``$this`` bound each time, and rdflib parses a text query at every call: that was 90% of
    ``goldenthread audit`` on Stockport (2 s). A prepared query gives the same answers (it is
    rdflib's own ``prepareQuery``, with the graph's prefixes, as a text query would get them).
    """

    def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None,  # noqa: N803 - rdflib's names
              use_store_provided: bool = True, **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not initNs and "base" not in kwargs:
            namespaces = tuple(sorted((prefix, str(iri)) for prefix, iri in self.namespaces()))
            query_object = prepared_query(query_object, namespaces)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def shacl_data(*graphs: Graph) -> PreparedQueryGraph:
    """A new graph holding the triples of ``graphs``, with the first one's prefixes, for
    pySHACL to validate in place.

    pySHACL would otherwise copy the data graph itself (to mix in an ontology, or in advanced
    mode, where SHACL rules may add triples) into a plain rdflib Graph, which parses every
    SPARQL constraint once per focus node; the caller's graphs are never changed.
    """
    data = PreparedQueryGraph(bind_namespaces="none")
    for prefix, namespace in graphs[0].namespaces():
        data.bind(prefix, namespace)
    for graph in graphs:
        data += graph
    return data


@functools.cache
def _shapes() -> Graph:
    """Output: the SHACL shapes graph, parsed once."""
    g = Graph()
    g.parse(SHAPES_PATH, format="turtle")
    return g


@functools.cache
def _ontology() -> Graph:
    """Output: the ontology graph, copied once for use as pySHACL's ont_graph."""
    return load_ontology()


def validate(rdf_graph: Graph) -> tuple[bool, str]:
    """Check an RDF plan graph against ``ontology/shapes.ttl``.

    Input: an rdflib Graph, e.g. from ``to_rdf``; it is not modified.
    Output: (conforms, report text). The report lists each violation with the
    shape's plain-English sh:message.

    The ontology's RDFS/OWL axioms (and its owl:NamedIndividual status/origin concepts) are
    mixed into a copy of the data graph (``shacl_data``, as pySHACL's ``ont_graph`` would),
    so class targets see rdfs:subClassOf and concept-scheme checks see skos:inScheme.
    pySHACL options: ``inplace`` on that copy;
    ``inference="none"`` because the shapes need no entailment beyond what SHACL
    itself does with rdfs:subClassOf; ``advanced=False`` because the shapes use
    only SHACL Core and SHACL-SPARQL constraints.
    """
    import pyshacl  # ~0.1 s to import: only validation pays it

    conforms, _report_graph, report_text = pyshacl.validate(
        shacl_data(rdf_graph, _ontology()),
        shacl_graph=_shapes(),
        inplace=True,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(report_text)
