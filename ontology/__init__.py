"""The goldenthread ontology, read once from ``goldenthread.ttl``, as Python names.

Inputs: ``goldenthread.ttl`` next to this file (parsed once, at import).
Outputs:
  - ``GT``: the ontology namespace, closed over the terms the Turtle declares
    (``GT.lineStart`` works, ``GT.lineStrat`` raises ``AttributeError``);
    ``GTS``: the shapes namespace.
  - ``ONTOLOGY_IRI``, ``ONTOLOGY_PATH``, ``SHAPES_PATH``.
  - ``CLASS_OF_KIND``: node kind -> class IRI (from ``gt:modelKind``).
  - ``PROPERTY_OF_LINK``: link kind -> property IRI (from ``gt:modelLinkKind``).
  - ``STATUS_CONCEPT`` / ``ORIGIN_CONCEPT`` / ``RAG_CONCEPT``: model string -> concept
    IRI (from the ``skos:prefLabel`` of the concepts of ``gt:StatusScheme`` /
    ``gt:OriginScheme`` / ``gt:RagScheme``); for indicator tracking ``DIRECTION_CONCEPT``,
    ``TRAVEL_CONCEPT``, ``COMPARISON_CONCEPT`` and ``TRACKING_STATUS_CONCEPT`` (of
    ``gt:DirectionScheme``, ``gt:TravelScheme``, ``gt:ComparisonScheme``,
    ``gt:TrackingStatusScheme``).
  - ``PROPERTY_OF_FIELD``: ``"Class.field"`` of core/model.py -> property IRI
    (from ``gt:modelField``), e.g. ``"Node.label"`` -> ``skos:prefLabel``.
  - ``load_ontology()``: a fresh copy of the parsed ontology graph.

The Turtle is the single definition of every term: nothing here re-types an IRI.
At import, every node kind, status, origin, link kind and model field of
core/model.py is checked to have a term, so a vocabulary change in the model that
is not made in the ontology fails loudly instead of producing partial RDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, SKOS, ClosedNamespace

from goldenthread.core import model

__all__ = [
    "GT",
    "GTS",
    "ONTOLOGY_IRI",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
    "CLASS_OF_KIND",
    "PROPERTY_OF_LINK",
    "STATUS_CONCEPT",
    "ORIGIN_CONCEPT",
    "RAG_CONCEPT",
    "DIRECTION_CONCEPT",
    "TRAVEL_CONCEPT",
    "COMPARISON_CONCEPT",
    "TRACKING_STATUS_CONCEPT",
    "PROPERTY_OF_FIELD",
    "OntologyMismatchError",
    "load_ontology",
]

_HERE = Path(__file__).resolve().parent
ONTOLOGY_PATH: Path = _HERE / "goldenthread.ttl"
SHAPES_PATH: Path = _HERE / "shapes.ttl"

GT_IRI = "https://w3id.org/goldenthread/ontology#"
GTS = Namespace("https://w3id.org/goldenthread/shapes#")

# Fields that are not carried by one property, so have no gt:modelField:
# Node.kind becomes rdf:type (CLASS_OF_KIND); Link.evidence is flattened into
# the Evidence.* properties on the link resource, and a desired direction and a
# group position into theirs on the measure or tracking resource; the indicator
# set's areas, datasets and observations are resources of their own; a tracking
# summary's series is chart data, read from the observations in RDF.
_STRUCTURAL_FIELDS = frozenset({
    "Node.kind", "Link.evidence", "Node.desired_direction", "Tracking.desired_direction", "Tracking.group",
    "Tracking.series", "IndicatorSet.areas", "IndicatorSet.datasets", "IndicatorSet.observations"})


class OntologyMismatchError(RuntimeError):
    """core/model.py names a kind, status, origin, link kind or field the ontology lacks."""


def _parse() -> Graph:
    """Parse ``ONTOLOGY_PATH``. Input: the Turtle file. Output: an rdflib Graph."""
    g = Graph()
    g.parse(ONTOLOGY_PATH, format="turtle")
    return g


_ONTOLOGY: Graph = _parse()


def load_ontology() -> Graph:
    """Return a copy of the ontology graph (parsed once at import).

    Output: a new rdflib Graph with the ontology's triples and prefixes. A copy, so
    a caller that adds triples cannot change what every other caller sees.
    """
    g = Graph()
    for prefix, ns in _ONTOLOGY.namespaces():
        g.bind(prefix, ns, override=True)
    for triple in _ONTOLOGY:
        g.add(triple)
    return g


def _ontology_iri(g: Graph) -> URIRef:
    """Input: the ontology graph. Output: the IRI of its single owl:Ontology."""
    found = [s for s in g.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise OntologyMismatchError(f"{ONTOLOGY_PATH} must declare exactly one owl:Ontology, found {len(found)}")
    return found[0]


def _declared_terms(g: Graph) -> list[str]:
    """Input: the ontology graph. Output: sorted local names of every gt: subject."""
    return sorted({str(s)[len(GT_IRI):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(GT_IRI)})


def _annotated(g: Graph, annotation: URIRef) -> dict[str, URIRef]:
    """Read ``?term <annotation> "value"`` pairs back as {value: term}.

    Inputs: the ontology graph and an annotation property. Output: a dict from the
    literal value to the annotated IRI. A value given to two terms is an error,
    because the mapping must be a function.
    """
    result: dict[str, URIRef] = {}
    for term, value in g.subject_objects(annotation):
        key = str(value)
        if key in result and result[key] != term:
            raise OntologyMismatchError(f"{annotation} {key!r} is given to both {result[key]} and {term}")
        result[key] = URIRef(str(term))
    return dict(sorted(result.items()))


def _scheme_concepts(g: Graph, scheme: URIRef) -> dict[str, URIRef]:
    """Input: the ontology graph and a concept scheme IRI.

    Output: {plain skos:prefLabel: concept IRI} for the concepts in that scheme;
    language-tagged labels are ignored because the model strings are untagged.
    """
    result: dict[str, URIRef] = {}
    for concept in g.subjects(SKOS.inScheme, scheme):
        labels = [o for o in g.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language is None]
        if len(labels) != 1:
            raise OntologyMismatchError(f"concept {concept} needs exactly one untagged skos:prefLabel")
        key = str(labels[0])
        if key in result:
            raise OntologyMismatchError(f"two concepts of {scheme} share the label {key!r}")
        result[key] = URIRef(str(concept))
    return dict(sorted(result.items()))


def _model_fields() -> set[str]:
    """Output: every ``Class.field`` of the model classes that become RDF."""
    classes = (model.Node, model.Link, model.Source, model.Evidence, model.Blank, model.GenericMention,
               model.DocumentRecord, model.Candidate, model.DesiredDirection, model.Area, model.DatasetRecord,
               model.ComparatorGroup, model.ObservationRecord, model.IndicatorSet, model.Tracking,
               model.GroupPosition)
    return {f"{cls.__name__}.{name}" for cls in classes for name in cls.model_fields}


def _require(what: str, expected: tuple[str, ...] | set[str], found: dict[str, URIRef]) -> None:
    """Raise OntologyMismatchError if some expected model value has no term.

    Inputs: a description, the model's values, the mapping read from the Turtle.
    Terms for values the model does not have are reported too: they would be dead.
    """
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    if missing or extra:
        raise OntologyMismatchError(
            f"{ONTOLOGY_PATH.name} and core/model.py disagree on {what}: "
            f"no term for {missing or 'none'}; terms for unknown values {extra or 'none'}"
        )


ONTOLOGY_IRI: URIRef = _ontology_iri(_ONTOLOGY)
GT = ClosedNamespace(GT_IRI, _declared_terms(_ONTOLOGY))

CLASS_OF_KIND: dict[str, URIRef] = _annotated(_ONTOLOGY, GT.modelKind)
PROPERTY_OF_LINK: dict[str, URIRef] = _annotated(_ONTOLOGY, GT.modelLinkKind)
STATUS_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.StatusScheme)
ORIGIN_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.OriginScheme)
RAG_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.RagScheme)
DIRECTION_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.DirectionScheme)
TRAVEL_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.TravelScheme)
COMPARISON_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.ComparisonScheme)
TRACKING_STATUS_CONCEPT: dict[str, URIRef] = _scheme_concepts(_ONTOLOGY, GT.TrackingStatusScheme)
PROPERTY_OF_FIELD: dict[str, URIRef] = _annotated(_ONTOLOGY, GT.modelField)

_require("node kinds", model.NODE_KINDS, CLASS_OF_KIND)
_require("link kinds", model.LINK_KINDS, PROPERTY_OF_LINK)
_require("statuses", model.STATUSES, STATUS_CONCEPT)
_require("link origins", get_args(model.Origin), ORIGIN_CONCEPT)
_require("RAG ratings", model.RAGS, RAG_CONCEPT)
_require("desired directions", model.WAYS, DIRECTION_CONCEPT)
_require("directions of travel", model.TRAVELS, TRAVEL_CONCEPT)
_require("comparisons with England", model.COMPARISONS, COMPARISON_CONCEPT)
_require("tracking statuses", model.TRACKING_STATUSES, TRACKING_STATUS_CONCEPT)
_require("model fields", _model_fields() - _STRUCTURAL_FIELDS, PROPERTY_OF_FIELD)
