"""Project a PlanGraph to RDF, write it as stable Turtle, and check it with SHACL.

Inputs: a ``PlanGraph`` (core/model.py); the ontology and shapes of
``goldenthread.ontology``.
Outputs: ``to_rdf`` (an rdflib Graph), ``to_turtle`` (Turtle text, byte-identical
for the same PlanGraph in any process), ``validate`` (pySHACL verdict and report).

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
from decimal import Decimal
from urllib.parse import quote

import pyshacl
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

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
    TrackedValue,
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
    "document_iri",
    "link_iri",
    "node_iri",
    "to_rdf",
    "to_turtle",
    "validate",
]

DEFAULT_BASE = "https://w3id.org/goldenthread/id/"

F = PROPERTY_OF_FIELD  # short alias: "Class.field" -> property IRI

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
QB = Namespace(_PREFIXES["qb"])
SDMX_DIMENSION = Namespace(_PREFIXES["sdmx-dimension"])
SDMX_ATTRIBUTE = Namespace(_PREFIXES["sdmx-attribute"])
SDMX_CODE = Namespace(_PREFIXES["sdmx-code"])
DCAT = Namespace(_PREFIXES["dcat"])


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


def document_iri(filename: str, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a document file name (relative, may contain "/"). Output: its IRI.

    The name is percent-encoded (keeping "/") so spaces, quotes and non-ASCII
    characters give a valid IRI.
    """
    return URIRef(base + "document/" + quote(filename, safe="/"))


def link_iri(link: Link, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a link and the base. Output: ``{base}link/{source}/{kind}/{target}``."""
    return URIRef(f"{base}link/{link.source}/{link.kind}/{link.target}")


def _excerpt_iri(owner: URIRef, position: int) -> URIRef:
    """Input: the IRI of a node or link and a 1-based position. Output: the excerpt IRI."""
    # an IRI has at most one "#": excerpts of fragment resources (blank cells) extend the fragment
    return URIRef(f"{owner}-source-{position}" if "#" in owner else f"{owner}#source-{position}")


def _decimal(value: float) -> Literal:
    """Input: a float. Output: an xsd:decimal literal of its shortest repr.

    ``repr`` gives the shortest string that round-trips (0.42, not
    0.41999999999999998); format "f" avoids exponents, which xsd:decimal forbids.
    """
    text = format(Decimal(repr(value)), "f")
    if "." in text:  # canonical form, as triple stores write it back: 1.0 -> 1, 0.50 -> 0.5
        text = text.rstrip("0").rstrip(".") or "0"
    return Literal(text, datatype=XSD.decimal)


def _add_sources(g: Graph, owner: URIRef, field: str, sources: list[Source], base: str) -> None:
    """Add one gt:SourceExcerpt per source and link ``owner`` to each.

    Inputs: the graph being built, the node or link IRI, the model field the
    sources come from ("Node.sources" or "Evidence.sources"), the sources, the base.
    Output: none; triples are added to ``g`` (documents included).
    """
    for position, source in enumerate(sources, start=1):
        excerpt = _excerpt_iri(owner, position)
        document = document_iri(source.document, base)
        g.add((owner, F[field], excerpt))
        g.add((excerpt, RDF.type, GT.SourceExcerpt))
        g.add((excerpt, F["Source.document"], document))
        g.add((excerpt, F["Source.line_start"], Literal(source.line_start)))
        g.add((excerpt, F["Source.line_end"], Literal(source.line_end)))
        g.add((excerpt, F["Source.quote"], Literal(source.quote)))
        if source.page is not None:
            g.add((excerpt, F["Source.page"], Literal(source.page)))
        g.add((document, RDF.type, GT.Document))
        g.add((document, DCTERMS.title, Literal(source.document)))


def _add_node(g: Graph, node: Node, base: str) -> None:
    """Add a node's class, id, label, text, plan, status and sources to ``g``."""
    subject = node_iri(node.id, base)
    g.add((subject, RDF.type, CLASS_OF_KIND[node.kind]))
    g.add((subject, F["Node.id"], Literal(node.id)))
    g.add((subject, F["Node.label"], Literal(node.label)))
    g.add((subject, F["Node.text"], Literal(node.text)))
    for alias in node.aliases:
        g.add((subject, F["Node.aliases"], Literal(alias)))
    if node.plan is not None:
        g.add((subject, F["Node.plan"], node_iri(node.plan, base)))
    if node.status is not None:
        g.add((subject, F["Node.status"], STATUS_CONCEPT[node.status]))
    for name in ("target", "baseline"):
        if getattr(node, name) is not None:
            g.add((subject, F[f"Node.{name}"], Literal(getattr(node, name))))
    if node.rag is not None:
        g.add((subject, F["Node.rag"], RAG_CONCEPT[node.rag]))
    if node.desired_direction is not None:
        _add_direction(g, subject, node.desired_direction)
    for name in ("statistic", "unit"):
        if getattr(node, name) is not None:
            g.add((subject, F[f"Node.{name}"], Literal(getattr(node, name))))
    for key, value in node.breakdowns.items():
        g.add((subject, F["Node.breakdowns"], Literal(f"{key}={value}")))
    if node.edition is not None:
        g.add((subject, F["Node.edition"], Literal(node.edition)))
    if node.revision_of is not None:
        g.add((subject, F["Node.revision_of"], node_iri(node.revision_of, base)))
    if node.kind == "indicator":
        g.add((subject, QB.structure, GT.IndicatorStructure))
    _add_sources(g, subject, "Node.sources", node.sources, base)
    for position, mention in enumerate(node.generic_mentions, start=1):
        resource = URIRef(f"{subject}#generic-{position}")
        g.add((subject, F["Node.generic_mentions"], resource))
        g.add((resource, RDF.type, GT.GenericMention))
        g.add((resource, F["GenericMention.text"], Literal(mention.text)))
        g.add((resource, F["GenericMention.kind"], PROPERTY_OF_LINK[mention.kind]))
        _add_sources(g, resource, "GenericMention.source", [mention.source], base)
    for position, candidate in enumerate(node.candidates, start=1):
        resource = URIRef(f"{subject}#candidate-{position}")
        g.add((subject, F["Node.candidates"], resource))
        g.add((resource, RDF.type, GT.Candidate))
        g.add((resource, F["Candidate.node"], node_iri(candidate.node, base)))
        g.add((resource, F["Candidate.score"], _decimal(candidate.score)))
        g.add((resource, F["Candidate.threshold"], _decimal(candidate.threshold)))
        g.add((resource, F["Candidate.method"], Literal(candidate.method)))
        for term in candidate.terms:
            g.add((resource, F["Candidate.terms"], Literal(term)))
        if candidate.note is not None:
            g.add((resource, F["Candidate.note"], Literal(candidate.note)))
    for position, blank in enumerate(node.blanks, start=1):
        cell = URIRef(f"{subject}#blank-{position}")
        g.add((subject, F["Node.blanks"], cell))
        g.add((cell, RDF.type, GT.BlankCell))
        g.add((cell, F["Blank.table"], Literal(blank.table)))
        g.add((cell, F["Blank.column"], Literal(blank.column)))
        _add_sources(g, cell, "Blank.source", [blank.source], base)


def _add_link(g: Graph, link: Link, base: str) -> None:
    """Add a link to ``g`` twice: as a direct triple and as a gt:Link resource."""
    source, target = node_iri(link.source, base), node_iri(link.target, base)
    kind = PROPERTY_OF_LINK[link.kind]
    g.add((source, kind, target))

    resource = link_iri(link, base)
    g.add((resource, RDF.type, GT.Link))
    g.add((resource, F["Link.source"], source))
    g.add((resource, F["Link.kind"], kind))
    g.add((resource, F["Link.target"], target))
    g.add((resource, F["Link.origin"], ORIGIN_CONCEPT[link.origin]))
    if link.confidence is not None:
        g.add((resource, F["Link.confidence"], _decimal(link.confidence)))
    if link.suspect is not None:
        mark = link.suspect
        g.add((resource, F["Link.suspect"], Literal(
            f"{mark.change}: {mark.end}" + ("" if mark.score is None else f" (match {mark.score:.2f})"))))
    if link.evidence is not None:
        g.add((resource, F["Evidence.method"], Literal(link.evidence.method)))
        if link.evidence.note is not None:
            g.add((resource, F["Evidence.note"], Literal(link.evidence.note)))
        _add_sources(g, resource, "Evidence.sources", link.evidence.sources, base)


def _add_direction(g: Graph, subject: URIRef, direction: DesiredDirection) -> None:
    """A desired direction on a measure or tracking summary: its concept (absent when none) and evidence."""
    if direction.direction is not None:
        g.add((subject, F["DesiredDirection.direction"], DIRECTION_CONCEPT[direction.direction]))
    g.add((subject, F["DesiredDirection.evidence"], Literal(direction.evidence)))


def area_iri(code: str, base: str = DEFAULT_BASE) -> URIRef:
    """Input: an area code. Output: its IRI, ``{base}area/{code}`` (percent-encoded)."""
    return URIRef(base + "area/" + quote(code, safe=""))


def period_iri(start: object, end: object, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a period's first and last days. Output: ``{base}period/{start}/{end}``."""
    return URIRef(f"{base}period/{start}/{end}")


def observation_iri(indicator: str, area: str, start: object, end: object, base: str = DEFAULT_BASE) -> URIRef:
    """Input: an indicator node id, an area code and a period. Output: the observation's IRI."""
    return URIRef(f"{base}{indicator}/observation/{quote(area, safe='')}/{start}/{end}")


def tracking_iri(tracking: Tracking, base: str = DEFAULT_BASE) -> URIRef:
    """Input: a tracking summary. Output: ``{measure IRI}#tracking-{indicator id, '/' as '-'}``."""
    return URIRef(f"{node_iri(tracking.measure, base)}#tracking-{tracking.indicator.replace('/', '-')}")


def _add_observation(g: Graph, o: ObservationRecord, base: str) -> None:
    """One qb:Observation with its dimensions, value (or status and reason), file and row."""
    subject = observation_iri(o.indicator, o.area, o.start, o.end, base)
    period = period_iri(o.start, o.end, base)
    g.add((subject, RDF.type, QB.Observation))
    g.add((subject, F["ObservationRecord.indicator"], node_iri(o.indicator, base)))
    g.add((subject, F["ObservationRecord.area"], area_iri(o.area, base)))
    g.add((subject, SDMX_DIMENSION.refPeriod, period))
    g.add((subject, F["ObservationRecord.period"], Literal(o.period)))
    if o.value is not None:
        g.add((subject, F["ObservationRecord.value"], _decimal(o.value)))
    else:
        g.add((subject, SDMX_ATTRIBUTE.obsStatus, SDMX_CODE["obsStatus-M"]))
        g.add((subject, F["ObservationRecord.missing"], Literal(o.missing)))
    g.add((subject, F["ObservationRecord.file"], document_iri(o.file, base)))
    g.add((subject, F["ObservationRecord.row"], Literal(o.row)))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, F["ObservationRecord.start"], Literal(o.start.isoformat(), datatype=XSD.date)))
    g.add((period, F["ObservationRecord.end"], Literal(o.end.isoformat(), datatype=XSD.date)))


def _add_indicator_set(g: Graph, data: IndicatorSet, base: str) -> None:
    """Areas, comparator group, indicator files and observations of a build with indicator data."""
    names = {a.code: a.name for a in data.areas}
    codes = {data.area.code, *names, *(data.comparators.areas if data.comparators else [])}
    for code in sorted(codes):
        area = area_iri(code, base)
        g.add((area, RDF.type, GT.Area))
        g.add((area, F["Area.code"], Literal(code)))
        name = names.get(code) or (data.area.name if code == data.area.code else None)
        if name:
            g.add((area, F["Area.name"], Literal(name)))
    subject = URIRef(base + "indicator-data")
    g.add((subject, RDF.type, GT.IndicatorSet))
    g.add((subject, F["IndicatorSet.area"], area_iri(data.area.code, base)))
    if data.comparators is not None:
        group = URIRef(base + "comparator-group/" + quote(data.comparators.name, safe=""))
        g.add((subject, F["IndicatorSet.comparators"], group))
        g.add((group, RDF.type, GT.ComparatorGroup))
        g.add((group, F["ComparatorGroup.name"], Literal(data.comparators.name)))
        for code in data.comparators.areas:
            g.add((group, F["ComparatorGroup.areas"], area_iri(code, base)))
    for record in data.datasets:
        document = document_iri(record.name, base)
        g.add((document, RDF.type, GT.Document))
        g.add((document, F["DatasetRecord.name"], Literal(record.name)))
        g.add((document, F["DatasetRecord.sha256"], Literal(record.sha256)))
    for o in data.observations:
        _add_observation(g, o, base)


def _value_iri(t: Tracking, value: TrackedValue, area: str, base: str) -> URIRef:
    return observation_iri(t.indicator, area, value.start, value.end, base)


def _add_tracking(g: Graph, t: Tracking, comparators: str | None, base: str) -> None:
    """A tracking summary: its measure, indicator, area, direction, observations, travel, rank and status."""
    subject = tracking_iri(t, base)
    g.add((subject, RDF.type, GT.Tracking))
    g.add((subject, F["Tracking.measure"], node_iri(t.measure, base)))
    g.add((subject, F["Tracking.indicator"], node_iri(t.indicator, base)))
    g.add((subject, F["Tracking.area"], area_iri(t.area, base)))
    _add_direction(g, subject, t.desired_direction)
    for name, value, area in (("first", t.first, t.area), ("latest", t.latest, t.area),
                              ("baseline", t.baseline, t.area), ("england", t.england, ENGLAND)):
        if value is not None:
            g.add((subject, F[f"Tracking.{name}"], _value_iri(t, value, area, base)))
    g.add((subject, F["Tracking.baseline_basis"], Literal(t.baseline_basis)))
    if t.change is not None:
        g.add((subject, F["Tracking.change"], _decimal(t.change)))
    g.add((subject, F["Tracking.travel"], TRAVEL_CONCEPT[t.travel]))
    g.add((subject, F["Tracking.versus_england"], COMPARISON_CONCEPT[t.versus_england]))
    if t.group is not None:
        if comparators is not None:
            g.add((subject, F["GroupPosition.group"], URIRef(base + "comparator-group/" + quote(comparators, safe=""))))
        g.add((subject, F["GroupPosition.period"], Literal(t.group.period)))
        if t.group.rank is not None:
            g.add((subject, F["GroupPosition.rank"], Literal(t.group.rank)))
        g.add((subject, F["GroupPosition.of"], Literal(t.group.of)))
        for name in ("min", "median", "max"):
            g.add((subject, F[f"GroupPosition.{name}"], _decimal(getattr(t.group, name))))
    g.add((subject, F["Tracking.status"], TRACKING_STATUS_CONCEPT[t.status]))
    g.add((subject, F["Tracking.status_reason"], Literal(t.status_reason)))


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
    documents = {document_iri(s.document, base) for owner in owners for s in owner.sources}
    clashes = sorted(n.id for n in graph.nodes if node_iri(n.id, base) in documents)
    if clashes:
        raise ValueError(f"node ids {clashes} clash with document IRIs under {base}document/")


def to_rdf(graph: PlanGraph, base: str = DEFAULT_BASE) -> Graph:
    """Project a PlanGraph to RDF.

    Inputs: the plan graph; ``base``, the IRI prefix for everything minted (an
    http(s) IRI ending in "/").
    Output: a new rdflib Graph holding nodes, documents, source excerpts, direct
    link triples and gt:Link resources, with the usual prefixes bound. Raises
    ValueError for a bad base or for model objects that would share an IRI.
    """
    _check_base(base)
    _check_unique(graph, base)
    g = Graph(bind_namespaces="none")
    for prefix, namespace in _PREFIXES.items():
        g.bind(prefix, namespace)
    for record in graph.documents:
        document = document_iri(record.name, base)
        g.add((document, RDF.type, GT.Document))
        g.add((document, F["DocumentRecord.name"], Literal(record.name)))
        g.add((document, F["DocumentRecord.sha256"], Literal(record.sha256)))
        g.add((document, F["DocumentRecord.profile"], Literal(record.profile)))
        g.add((document, F["DocumentRecord.plan"], node_iri(record.plan, base)))
    for node in graph.nodes:
        _add_node(g, node, base)
    for link in graph.edges:
        _add_link(g, link, base)
    if graph.indicators is not None:
        _add_indicator_set(g, graph.indicators, base)
    group = graph.indicators.comparators.name if graph.indicators and graph.indicators.comparators else None
    for tracking in graph.tracking:
        _add_tracking(g, tracking, group, base)
    return g


def to_turtle(graph: PlanGraph, base: str = DEFAULT_BASE) -> str:
    """Serialize a PlanGraph as Turtle.

    Inputs: the plan graph and base (as for ``to_rdf``).
    Output: Turtle text that is byte-identical for equal inputs in any process,
    whatever PYTHONHASHSEED or rdflib release (see ``_write_turtle``).
    """
    return _write_turtle(to_rdf(graph, base))


# --- A small deterministic Turtle writer ------------------------------------
# rdflib's Turtle serializer is stable within one release, but it orders subjects
# by how often they are referenced (so one new link reshuffles unrelated blocks
# in a diff) and its string quoting has changed between releases. This writer
# sorts subjects by IRI, so a node is followed by its "#source-n" excerpts, puts
# every literal on one line with explicit escapes, and depends on nothing but the
# triples. It handles exactly what to_rdf produces: IRIs and literals, no blank
# nodes.

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# Only canonical-looking numbers are written bare, so parsing gives back the same
# lexical form (and so an equal rdflib Literal).
_BARE_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
_BARE_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Characters IRIREF forbids raw; written as \uXXXX escapes, which it allows.
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}


def _escape_string(text: str) -> str:
    """Input: any str. Output: its Turtle short-string body (between the quotes).

    Backslash, quote and the named control characters use their short escapes;
    other control characters use \\uXXXX. Everything else, including non-ASCII,
    is written as itself (the output is UTF-8 text).
    """
    out = []
    for ch in text:
        if ch in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _iri_term(iri: URIRef, prefixes: dict[str, str], used: set[str]) -> str:
    """Input: an IRI, the prefix table, a set collecting used prefixes.

    Output: ``prefix:local`` when the IRI is in a bound namespace and its local
    part is a plain name, else ``<iri>`` with forbidden characters escaped.
    """
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace):]):
            used.add(prefix)
            return f"{prefix}:{iri[len(namespace):]}"
    body = "".join(f"\\u{ord(c):04X}" if c in _IRI_FORBIDDEN else c for c in iri)
    return f"<{body}>"


def _literal_term(lit: Literal, prefixes: dict[str, str], used: set[str]) -> str:
    """Input: a literal, the prefix table, a set collecting used prefixes.

    Output: its Turtle form: bare for canonical-looking integers and decimals,
    quoted with a language tag or datatype otherwise.
    """
    lexical = str(lit)
    if lit.datatype == XSD.integer and _BARE_INTEGER.match(lexical):
        return lexical
    if lit.datatype == XSD.decimal and _BARE_DECIMAL.match(lexical):
        return lexical
    quoted = f'"{_escape_string(lexical)}"'
    if lit.language:
        return f"{quoted}@{lit.language}"
    if lit.datatype is not None:  # even xsd:string: rdflib tells it from a plain literal
        return f"{quoted}^^{_iri_term(lit.datatype, prefixes, used)}"
    return quoted


def _term(node: object, prefixes: dict[str, str], used: set[str]) -> str:
    """Input: an RDF term. Output: its Turtle form. Raises ValueError for blank nodes."""
    if isinstance(node, URIRef):
        return _iri_term(node, prefixes, used)
    if isinstance(node, Literal):
        return _literal_term(node, prefixes, used)
    raise ValueError(f"cannot write {type(node).__name__} {node!r}: to_rdf mints no blank nodes")


def _predicate_key(predicate: object) -> tuple[int, str]:
    """Sort key putting rdf:type (written "a") first, then predicates by IRI."""
    return (0 if predicate == RDF.type else 1, str(predicate))


def _object_key(node: object) -> tuple[int, str, str, str]:
    """Sort key for objects: IRIs before literals, then by text, datatype, language."""
    if isinstance(node, Literal):
        return (1, str(node), str(node.datatype or ""), node.language or "")
    return (0, str(node), "", "")


def _write_turtle(g: Graph) -> str:
    """Input: an rdflib Graph without blank nodes. Output: deterministic Turtle.

    Subjects are sorted by IRI; within a subject, rdf:type comes first, then
    predicates by IRI, objects by ``_object_key``. Only prefixes that are used
    are declared, in alphabetical order.
    """
    prefixes = dict(sorted(_PREFIXES.items()))
    used: set[str] = set()
    blocks = []
    for subject in sorted(set(g.subjects()), key=str):
        lines = []
        predicates = sorted(set(g.predicates(subject)), key=_predicate_key)
        for predicate in predicates:
            verb = "a" if predicate == RDF.type else _term(predicate, prefixes, used)
            objects = sorted(g.objects(subject, predicate), key=_object_key)
            rendered = [_term(o, prefixes, used) for o in objects]
            lines.append(f"    {verb} " + ",\n        ".join(rendered))
        blocks.append(_term(subject, prefixes, used) + "\n" + " ;\n".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(used))
    return header + "\n" + "\n".join(blocks)


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

    pySHACL options: ``ont_graph`` mixes the ontology's RDFS/OWL axioms (and its
    owl:NamedIndividual status/origin concepts) into a copy of the data graph, so
    class targets see rdfs:subClassOf and concept-scheme checks see skos:inScheme;
    ``inference="none"`` because the shapes need no entailment beyond what SHACL
    itself does with rdfs:subClassOf; ``advanced=False`` because the shapes use
    only SHACL Core and SHACL-SPARQL constraints.
    """
    conforms, _report_graph, report_text = pyshacl.validate(
        rdf_graph,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(report_text)
