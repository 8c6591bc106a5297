"""The W3C SPARQL 1.1 Protocol test suite, run against a live `goldenthread serve`.

The suite is the manifest ``sparql/sparql11/protocol/manifest.ttl`` of
https://github.com/w3c/rdf-tests (commit ad541a5f0479f0798608c4801369d97b8e08b36f; the manifest
last changed in a12e4741, 28 May 2026), transcribed below into ``CASES`` so that the tests need
neither the network nor a checkout of that repository. Its data files are in
``tests/data/w3c-protocol/`` (licence: ``tests/data/w3c-protocol/LICENSE.md``). The module builds an
Oxigraph store folder holding the graphs the manifest loads (``ut:graphData``: ``data1.nt``,
``data2.nt``, ``data3.nt`` as the named graphs ``<http://kasei.us/2009/09/sparql/data/dataN.rdf>``)
and starts ``goldenthread serve --store oxigraph:DIR --port PORT`` on it, once for the module.

How the manifest is read:
- every ``ht:absolutePath`` starts with ``/sparql/``, which the manifest asks a runner to replace
  by the endpoint's path: here ``/sparql``; the query string is kept byte for byte;
- requests carry exactly the manifest's headers (no ``Accept`` unless it names one), plus the
  ``Host`` and ``Content-Length`` that HTTP/1.1 needs; the body is ``cnt:chars`` encoded in
  ``cnt:characterEncoding`` (UTF-16 for the two non-UTF-8 tests);
- ``mf:expectedStatus`` ``hts:StatusCode2xx`` / ``3xx`` / ``4xx`` is a status class (a 3xx is
  followed to the results); ``mf:expectedBoolean`` is the ASK answer;
- ``mf:expectedFormat`` names a kind of result, and the test names list the media types that carry
  it ("expect one of: XML, JSON, CSV, TSV"; "RDF/XML, Turtle, N-Triples, RDFa"), so the response's
  Content-Type must be one of ``W3C_FORMATS[format]`` and its body must parse as that type;
  where the query fixes the answer (``SELECT (1 AS ?value) {}``, ``CONSTRUCT { <s> <p> 1 } WHERE {}``)
  the parsed answer is compared to it too (``ANSWERS``);
- ``data0.rdf``, named by several requests, has no ``ut:graphData``: it is not loaded, and the
  answers of the queries naming it do not depend on it (``ASK {}`` is true over any dataset).

Applicability to a read-only endpoint (27 of the 34 tests apply; see ``Case.applies``):
- applies: the 13 query tests (``query_*``), the 7 ``bad_query_*`` tests and the 7 update tests
  that expect a refusal (``bad_update_get``, ``bad_multiple_updates``, ``bad_update_wrong_media_type``,
  ``bad_update_missing_form_type``, ``bad_update_non_utf8``, ``bad_update_syntax``,
  ``bad_update_dataset_conflict``): each expects a 4xx, which a read-only endpoint gives to any
  update, so the expectation holds as written;
- excluded, because each expects a 2xx for an update that a read-only endpoint must refuse:
  ``update_post_form`` and ``update_post_direct`` (CLEAR ALL must succeed) and
  ``update_dataset_default_graph``, ``update_dataset_default_graphs``, ``update_dataset_named_graphs``,
  ``update_dataset_full`` and ``update_base_uri`` (an update must succeed, then an ASK checks its
  effect). Their update requests are sent all the same by ``test_excluded_update_is_refused``:
  the README's contract is 403, and the data must be unchanged afterwards.

Besides the manifest, in the same style, the parts of the protocol the endpoint promises:
SELECT as SPARQL JSON, XML, CSV and TSV and ASK as JSON and XML, each parsed and compared with the
answer (the CSV/TSV results format defines no serialisation for ASK, so none is asserted);
CONSTRUCT and DESCRIBE as Turtle, N-Triples, N-Quads, RDF/XML and JSON-LD, parsed with rdflib and
compared; the dataset that ``default-graph-uri`` / ``named-graph-uri`` compose (several of each,
and their precedence over FROM / FROM NAMED), which the manifest's dataset tests cannot tell from
an endpoint that ignores them; content negotiation with q-values (q=0 excludes); 406 when
nothing acceptable exists; 405 with an ``Allow`` header for other methods; 415 for other POST
media types; 400 for bad parameters (two queries, no query, a graph parameter that is not an
absolute IRI, malformed SPARQL); and SPARQLWrapper with its default settings (XML results,
RDF/XML graphs). Only a missing SPARQLWrapper skips (fails under CI=true).
"""

from __future__ import annotations

import csv
import http.client
import importlib.util
import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import require
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.query import Result
from servers import served_address, stop

DATA = Path(__file__).resolve().parent / "data" / "w3c-protocol"

# -- the W3C manifest, transcribed --------------------------------------------------------
#
# Transcribed from the W3C SPARQL 1.1 Protocol test suite:
#   https://github.com/w3c/rdf-tests/blob/ad541a5f0479f0798608c4801369d97b8e08b36f/sparql/sparql11/protocol/manifest.ttl
# Copyright (c) World Wide Web Consortium, (MIT, ERCIM, Keio, Beihang) and others. All Rights
# Reserved. Used, adapted, under the W3C 3-clause BSD License for test suites
# (https://www.w3.org/copyright/3-clause-bsd-license-2008/); full text in
# tests/data/w3c-protocol/LICENSE.md. Every test is dawgt:Approved
# (http://www.w3.org/2009/sparql/meeting/2012-11-20#resolution_3).
#
# Each Case gives the test's IRI (MANIFEST + "#" + name), its mf:name, its ut:graphData, and
# each ht:Request with its expected ht:Response. ``comment``: this version of the manifest has no
# rdfs:comment on its tests (w3c/rdf-tests#338 replaced them by the structured requests kept
# here); ``comment`` quotes the "Response" part of the rdfs:comment each test carried until then
# (commit 674da267646573441808560564451fe5cc77aef7), which names the acceptable media types.

MANIFEST = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest"
D = "http://kasei.us/2009/09/sparql/data/"


@dataclass(frozen=True)
class Req:
    """One ht:Request and its expected ht:Response."""

    method: str  # ht:methodName
    path: str  # ht:absolutePath, as in the manifest (starts with /sparql/)
    headers: tuple[tuple[str, str], ...] = ()  # ht:headers (ht:fieldName, ht:fieldValue)
    body: str | None = None  # cnt:chars
    encoding: str = "UTF-8"  # cnt:characterEncoding
    status: tuple[str, ...] = ("2xx", "3xx")  # mf:expectedStatus (hts:StatusCode2xx ...)
    format: str | None = None  # mf:expectedFormat: "boolean", "tabular" or "RDF"
    boolean: bool | None = None  # mf:expectedBoolean


@dataclass(frozen=True)
class Applicability:
    applies: bool
    why: str


# Whether each test applies to a read-only endpoint (the ``applies=`` of every Case below):
# query_* -> QUERY; bad_query_*, bad_multiple_queries -> BAD_QUERY; bad_update_*,
# bad_multiple_updates -> REFUSED_UPDATE (they check that an update is refused, which a read-only
# endpoint always does); update_post_form, update_post_direct -> UPDATE and update_dataset_*,
# update_base_uri -> UPDATE_THEN_QUERY: excluded, as they need the update to succeed.
QUERY = Applicability(True, "a query: a read-only endpoint must answer it as the manifest says")
BAD_QUERY = Applicability(True, "a malformed query request: the expected 4xx holds for any endpoint")
REFUSED_UPDATE = Applicability(True, "checks that an update request is refused (4xx): a read-only "
                                     "endpoint refuses every update, so the expectation holds as written")
UPDATE = Applicability(False, "expects 2xx for an update (CLEAR ALL); a read-only endpoint must refuse it")
UPDATE_THEN_QUERY = Applicability(False, "expects 2xx for an update, then an ASK that sees its effect; "
                                         "a read-only endpoint must refuse the update")


@dataclass(frozen=True)
class Case:
    name: str  # the test IRI is MANIFEST#name
    title: str  # mf:name
    comment: str
    applies: Applicability
    requests: tuple[Req, ...]
    graph_data: tuple[tuple[str, str], ...] = field(default=())  # ut:graphData: (graph IRI, file)

    @property
    def iri(self) -> str:
        return f"{MANIFEST}#{self.name}"


CASES = (
    Case(
        'query_post_form',
        'query via URL-encoded POST',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                headers=(('content-type', 'application/x-www-form-urlencoded'),),
                body='query=ASK%20%7B%7D',
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_dataset_default_graphs_get',
        'GET query with protocol-specified default graph',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt')),
        applies=QUERY,
        requests=(
            Req('GET',
                path=('/sparql/?query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.'
                      'rdf%3E%20a%20%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.'
                      'rdf%3E%20a%20%3Ftype%20.%20%7D&'
                      'default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_dataset_default_graphs_post',
        'POST query with protocol-specified default graphs',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt')),
        applies=QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf'
                      '&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . '
                      '<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_dataset_named_graphs_post',
        'POST query with protocol-specified named graphs',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt')),
        applies=QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } GRAPH ?g2 { '
                      '<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_dataset_named_graphs_get',
        'GET query with protocol-specified named graphs',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt')),
        applies=QUERY,
        requests=(
            Req('GET',
                path=('/sparql/?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2F'
                      'sparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2'
                      'Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&'
                      'named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_dataset_full',
        'query with protocol-specified dataset (both named and default graphs)',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt'), (D + 'data3.rdf', 'data3.nt')),
        applies=QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf'
                      '&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '  <http://kasei.us/2009/09/sparql/data/data3.rdf> a ?type\n'
                      '  GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }\n'
                      '  GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_multiple_dataset',
        'query specifying dataset in both query string and protocol; test for use of protocol-specified dataset',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        graph_data=((D + 'data1.rdf', 'data1.nt'), (D + 'data2.rdf', 'data2.nt'), (D + 'data3.rdf', 'data3.nt')),
        applies=QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> { GRAPH ?g1 { '
                      '<http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } GRAPH ?g2 { '
                      '<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_get',
        'query via GET',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        applies=QUERY,
        requests=(
            Req('GET',
                path=('/sparql/?query=ASK%20%7B%7D&'
                      'default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_content_type_select',
        'query appropriate content type (expect one of: XML, JSON, CSV, TSV)',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, text/tab-separated-values, text/csv, or any other valid '
                 'media type for tabular SPARQL results'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                headers=(('content-type', 'application/sparql-query'),),
                body='SELECT (1 AS ?value) {}',
                format='tabular',
            ),
        ),
    ),
    Case(
        'query_content_type_ask',
        'query appropriate content type (expect one of: XML, JSON)',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                headers=(('content-type', 'application/sparql-query'),),
                body='ASK {}',
                format='boolean',
            ),
        ),
    ),
    Case(
        'query_content_type_describe',
        'query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)',
        comment=('2xx or 3xx response Content-Type: application/rdf+xml, application/rdf+json, text/turtle, '
                 'or any other valid media type for RDF results'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                headers=(('content-type', 'application/sparql-query'),),
                body='DESCRIBE <http://example.org/>',
                format='RDF',
            ),
        ),
    ),
    Case(
        'query_content_type_construct',
        'query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)',
        comment=('2xx or 3xx response Content-Type: application/rdf+xml, application/rdf+json, text/turtle, '
                 'or any other valid media type for RDF results'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                headers=(('content-type', 'application/sparql-query'),),
                body='CONSTRUCT { <s> <p> 1 } WHERE {}',
                format='RDF',
            ),
        ),
    ),
    Case(
        'update_dataset_default_graph',
        'update with protocol-specified default graph',
        comment=('2xx or 3xx response, then for the second request: 2xx or 3xx response Content-Type: '
                 'application/sparql-results+xml, application/sparql-results+json, or any other valid media '
                 'type for boolean SPARQL results true'),
        applies=UPDATE_THEN_QUERY,
        requests=(
            Req('POST',
                path='/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf',
                headers=(('content-type', 'application/sparql-update'),),
                body=('PREFIX dc: <http://purl.org/dc/terms/>\n'
                      'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                      'CLEAR ALL ;\n'
                      'INSERT DATA {\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {\n'
                      '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document\n'
                      '    }\n'
                      '} ;\n'
                      'INSERT {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-test/> {\n'
                      '        ?s a dc:BibliographicResource\n'
                      '    }\n'
                      '}\n'
                      'WHERE {\n'
                      '    ?s a foaf:Document\n'
                      '}'),
            ),
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-test/> {\n'
                      '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource>\n'
                      '    }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'update_dataset_default_graphs',
        'update with protocol-specified default graphs',
        comment=('2xx or 3xx response, then for the second request: 2xx or 3xx response Content-Type: '
                 'application/sparql-results+xml, application/sparql-results+json, or any other valid media '
                 'type for boolean SPARQL results true'),
        applies=UPDATE_THEN_QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-update'),),
                body=('PREFIX dc: <http://purl.org/dc/terms/>\n'
                      'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                      'DROP ALL ;\n'
                      'INSERT DATA {\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                      '} ;\n'
                      'INSERT {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n'
                      '        ?s a dc:BibliographicResource\n'
                      '    }\n'
                      '}\n'
                      'WHERE {\n'
                      '    ?s a foaf:Document\n'
                      '}'),
            ),
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n'
                      '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '        <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '    }\n'
                      '    FILTER NOT EXISTS {\n'
                      '        GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n'
                      '            <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '        }\n'
                      '    }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'update_dataset_named_graphs',
        'update with protocol-specified named graphs',
        comment=('2xx or 3xx response, then for the second request: 2xx or 3xx response Content-Type: '
                 'application/sparql-results+xml, application/sparql-results+json, or any other valid media '
                 'type for boolean SPARQL results true'),
        applies=UPDATE_THEN_QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1'
                      '.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-update'),),
                body=('PREFIX dc: <http://purl.org/dc/terms/>\n'
                      'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                      'DROP ALL ;\n'
                      'INSERT DATA {\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                      '} ;\n'
                      'INSERT {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n'
                      '        ?s a dc:BibliographicResource\n'
                      '    }\n'
                      '}\n'
                      'WHERE {\n'
                      '    GRAPH ?g {\n'
                      '        ?s a foaf:Document\n'
                      '    }\n'
                      '}'),
            ),
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n'
                      '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '        <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '    }\n'
                      '    FILTER NOT EXISTS {\n'
                      '        GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n'
                      '            <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n'
                      '        }\n'
                      '    }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'update_dataset_full',
        'update with protocol-specified dataset (both named and default graphs)',
        comment=('2xx or 3xx response, then for the second request: 2xx or 3xx response Content-Type: '
                 'application/sparql-results+xml, application/sparql-results+json, or any other valid media '
                 'type for boolean SPARQL results true'),
        applies=UPDATE_THEN_QUERY,
        requests=(
            Req('POST',
                path=('/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&'
                      'using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf'),
                headers=(('content-type', 'application/sparql-update'),),
                body=('PREFIX dc: <http://purl.org/dc/terms/>\n'
                      'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                      'DROP ALL ;\n'
                      'INSERT DATA {\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                      '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                      '} ;\n'
                      'INSERT {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                      '        ?s <http://example.org/in> ?in\n'
                      '    }\n'
                      '}\n'
                      'WHERE {\n'
                      '    {\n'
                      '        GRAPH ?g { ?s a foaf:Document }\n'
                      '        BIND(?g AS ?in)\n'
                      '    }\n'
                      '    UNION\n'
                      '    {\n'
                      '        ?s a foaf:Document .\n'
                      '        BIND("default" AS ?in)\n'
                      '    }\n'
                      '}'),
            ),
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                      '        <http://kasei.us/2009/09/sparql/data/data1.rdf> <http://example.org/in> "default" .\n'
                      '        <http://kasei.us/2009/09/sparql/data/data2.rdf> <http://example.org/in> <http://kasei.us/2009/09/sparql/data/data2.rdf> .\n'
                      '    }\n'
                      '    FILTER NOT EXISTS {\n'
                      '        GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                      '            <http://kasei.us/2009/09/sparql/data/data3.rdf> ?p ?o\n'
                      '        }\n'
                      '    }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'update_post_form',
        'update via URL-encoded POST',
        comment='2xx or 3xx response',
        applies=UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/x-www-form-urlencoded'),),
                body='update=CLEAR+ALL',
            ),
        ),
    ),
    Case(
        'update_post_direct',
        'update via POST directly',
        comment='2xx or 3xx response',
        applies=UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-update'),),
                body='CLEAR ALL',
            ),
        ),
    ),
    Case(
        'update_base_uri',
        'test for service-defined BASE URI ("which MAY be the service endpoint")',
        comment=('2xx or 3xx response, then for the second request: 2xx or 3xx response Content-Type: '
                 'application/sparql-results+xml, application/sparql-results+json, or any other valid media '
                 'type for tabular SPARQL results one result with `?o` bound to an IRI that is _not_ '
                 '`<test>`'),
        applies=UPDATE_THEN_QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-update'),),
                body=('CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\n'
                      'INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }'),
            ),
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body=('ASK {\n'
                      '    GRAPH <http://example.org/protocol-base-test/> {\n'
                      '        <http://example.org/s> <http://example.org/p> ?o\n'
                      '        FILTER (isIRI(?o) && STR(?o) != "test")\n'
                      '    }\n'
                      '}'),
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'query_post_direct',
        'query via POST directly',
        comment=('2xx or 3xx response Content-Type: application/sparql-results+xml, '
                 'application/sparql-results+json, or any other valid media type for boolean SPARQL results '
                 'true'),
        applies=QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query'),),
                body='ASK {}',
                format='boolean',
                boolean=True,
            ),
        ),
    ),
    Case(
        'bad_query_method',
        'invoke query operation with a method other than GET or POST',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('PUT',
                path=('/sparql/?query=ASK%20%7B%7D&'
                      'default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf'),
                headers=(('content-type', 'application/x-www-form-urlencoded'),),
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_multiple_queries',
        'invoke query operation with more than one query string',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('GET',
                path='/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_query_wrong_media_type',
        "invoke query operation with a POST with media type that's not url-encoded or application/sparql-query",
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'text/plain'),),
                body='ASK {}',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_query_missing_form_type',
        'invoke query operation with url-encoded body, but without application/x-www-form-urlencoded media type',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                body='query=ASK%20%7B%7D',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_query_missing_direct_type',
        'invoke query operation with SPARQL body, but without application/sparql-query media type',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                body='ASK {}',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_query_non_utf8',
        'invoke query operation with direct POST, but with a non-UTF8 encoding (UTF-16)',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-query; charset=UTF-16'),),
                body='ASK {}',
                encoding='UTF-16',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_query_syntax',
        'invoke query operation with invalid query syntax (4XX result)',
        comment='4xx',
        applies=BAD_QUERY,
        requests=(
            Req('GET',
                path='/sparql/?query=ASK%20%7B',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_get',
        'invoke update operation with GET',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('GET',
                path='/sparql/?update=CLEAR%20ALL',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_multiple_updates',
        'invoke update operation with more than one update string',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/x-www-form-urlencoded'),),
                body='update=CLEAR%20NAMED&update=CLEAR%20DEFAULT',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_wrong_media_type',
        "invoke update operation with a POST with media type that's not url-encoded or application/sparql-update",
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'text/plain'),),
                body='CLEAR NAMED',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_missing_form_type',
        'invoke update operation with url-encoded body, but without application/x-www-form-urlencoded media type',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                body='update=CLEAR%20NAMED',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_non_utf8',
        'invoke update operation with direct POST, but with a non-UTF8 encoding',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/sparql-update; charset=UTF-16'),),
                body='CLEAR NAMED',
                encoding='UTF-16',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_syntax',
        'invoke update operation with invalid update syntax',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/',
                headers=(('content-type', 'application/x-www-form-urlencoded'),),
                body='update=CLEAR%20XYZ',
                status=('4xx',),
            ),
        ),
    ),
    Case(
        'bad_update_dataset_conflict',
        'invoke update with both using-graph-uri/using-named-graph-uri parameter and USING/WITH clause',
        comment='4xx',
        applies=REFUSED_UPDATE,
        requests=(
            Req('POST',
                path='/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople',
                headers=(('content-type', 'application/sparql-update'),),
                body=('PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\n'
                      'WITH <http://example/addresses>\n'
                      "DELETE { ?person foaf:givenName 'Bill' }\n"
                      "INSERT { ?person foaf:givenName 'William' }\n"
                      'WHERE {\n'
                      "    ?person foaf:givenName 'Bill'\n"
                      '}'),
                status=('4xx',),
            ),
        ),
    ),
)

APPLICABLE = [c for c in CASES if c.applies.applies]
EXCLUDED = [c for c in CASES if not c.applies.applies]


def test_the_transcription_is_whole():
    """All 34 entries of the manifest, in its order, each applicable or excluded with a reason."""
    names = [c.name for c in CASES]
    assert len(names) == 34
    assert len(set(names)) == 34
    assert names[0] == "query_post_form"
    assert names[-1] == "bad_update_dataset_conflict"
    assert len(APPLICABLE) == 27
    assert sorted(c.name for c in EXCLUDED) == sorted([
        "update_dataset_default_graph", "update_dataset_default_graphs", "update_dataset_named_graphs",
        "update_dataset_full", "update_post_form", "update_post_direct", "update_base_uri"])
    for case in CASES:
        assert all(r.path.startswith("/sparql/") for r in case.requests)
        assert all((DATA / f).is_file() for _, f in case.graph_data)


# -- media types and parsing ---------------------------------------------------------------

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
RESULT_PARSERS = {RESULTS_JSON: "json", RESULTS_XML: "xml", CSV: "csv", TSV: "tsv"}
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
RDFXML = "application/rdf+xml"
JSONLD = "application/ld+json"
RDF_PARSERS = {TURTLE: "turtle", NTRIPLES: "nt", NQUADS: "nquads", RDFXML: "xml", JSONLD: "json-ld"}

# mf:expectedFormat -> the media types that carry it, as the manifest's test names list them
# (RDFa is not served by Oxigraph nor parsed by rdflib 7; N-Quads and JSON-LD are "any other
# valid media type for RDF results", in the words of the manifest's former comments)
W3C_FORMATS = {
    "boolean": {RESULTS_JSON, RESULTS_XML},
    "tabular": {RESULTS_JSON, RESULTS_XML, CSV, TSV},
    "RDF": set(RDF_PARSERS),
}

FOAF = Namespace("http://xmlns.com/foaf/0.1/")
EX = Namespace("http://example.org/")
DOCS = [D + "data1.rdf", D + "data2.rdf", D + "data3.rdf"]
UNRESOLVED = "http://client-side-base.invalid/"  # rdflib's base for relative IRIs a server leaves


def media_type(resp: Response) -> str:
    return resp.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _plain(term):
    """xsd:string literals as simple literals (RDF 1.1 makes them the same)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def ask_answer(media: str, body: bytes) -> bool:
    result = Result.parse(io.BytesIO(body), format=RESULT_PARSERS[media])
    assert result.type == "ASK"
    return result.askAnswer


def solutions(media: str, body: bytes) -> tuple[list[str], list]:
    """(variables, rows): rows are {variable: term} (unbound left out), or for CSV, which
    carries no term types, lists of the cells' text."""
    if media == CSV:
        table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        return table[0], table[1:]
    result = Result.parse(io.BytesIO(body), format=RESULT_PARSERS[media])
    assert result.type == "SELECT"
    names = [str(v) for v in result.vars]
    return names, [{str(k): _plain(v) for k, v in row.items()} for row in result.bindings]


def as_csv(names: list[str], rows: list[dict]) -> list[list[str]]:
    """Rows as the SPARQL 1.1 CSV format writes them: IRIs and lexical forms, empty if unbound."""
    return [[str(row[n]) if n in row else "" for n in names] for row in rows]


def expected_rows(media: str, names: list[str], rows: list[dict]) -> list:
    return as_csv(names, rows) if media == CSV else rows


def triples(media: str, body: bytes) -> set:
    """The triples of an RDF response (a CONSTRUCT/DESCRIBE result has no named graphs)."""
    if media == NQUADS:
        ds = Dataset()
        ds.parse(data=body, format="nquads", publicID=UNRESOLVED)
        quads = list(ds.quads((None, None, None, None)))
        # a CONSTRUCT/DESCRIBE result is one graph: its N-Quads name no graph
        assert {g for *_, g in quads} <= {DATASET_DEFAULT_GRAPH_ID}
        return {tuple(_plain(t) for t in q[:3]) for q in quads}
    graph = Graph().parse(data=body, format=RDF_PARSERS[media], publicID=UNRESOLVED)
    return {tuple(_plain(t) for t in triple) for triple in graph}


# -- the endpoint ----------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def send(base: str, method: str, path: str, headers: dict[str, str] | None = None,
         body: bytes | None = None) -> Response:
    """One HTTP/1.1 request with exactly these headers (plus Host and Content-Length)."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None or method in ("POST", "PUT", "PATCH"):
            conn.putheader("Content-Length", str(len(body or b"")))
        conn.endheaders(body)
        answer = conn.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        conn.close()


def get(base: str, params: list[tuple[str, str]], accept: str | None = None) -> Response:
    return send(base, "GET", "/sparql?" + urlencode(params), {"Accept": accept} if accept else {})


def post_query(base: str, query: str, accept: str | None = None, path: str = "/sparql") -> Response:
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return send(base, "POST", path, headers, query.encode("utf-8"))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """An Oxigraph store folder holding every graph the manifest's ut:graphData loads."""
    import pyoxigraph as ox

    folder = tmp_path_factory.mktemp("w3c-protocol") / "store"
    graphs = sorted({pair for case in CASES for pair in case.graph_data})
    store = ox.Store(str(folder))
    for iri, name in graphs:
        store.load(path=str(DATA / name), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))
    store.flush()
    del store  # releases the folder for the server
    return folder


@pytest.fixture(scope="module")
def endpoint(store_dir) -> str:
    cmd = [sys.executable, "-m", "goldenthread.cli.main", "serve", "--store", f"oxigraph:{store_dir}",
           "--port", "0"]  # the server binds a free port and says which
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield served_address(proc)
    finally:
        stop(proc)


def snapshot(base: str) -> set:
    """Every quad of the served named graphs."""
    resp = get(base, [("query", "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")], RESULTS_JSON)
    assert resp.status == 200
    _, rows = solutions(RESULTS_JSON, resp.body)
    return {(r["g"], r["s"], r["p"], r["o"]) for r in rows}


LOADED = {(URIRef(d), URIRef(d), RDF.type, FOAF.Document) for d in DOCS}


# -- the manifest's tests ----------------------------------------------------------------------

def _check_select_one(media: str, body: bytes) -> None:  # SELECT (1 AS ?value) {}
    names, rows = solutions(media, body)
    assert names == ["value"]
    assert rows == expected_rows(media, names, [{"value": Literal(1)}])


def _check_ask_empty(media: str, body: bytes) -> None:  # ASK {}: true over any dataset
    assert ask_answer(media, body) is True


def _check_describe_nothing(media: str, body: bytes) -> None:  # DESCRIBE <http://example.org/>
    assert triples(media, body) == set()  # nothing in the dataset mentions it


def _check_construct_base(media: str, body: bytes) -> None:  # CONSTRUCT { <s> <p> 1 } WHERE {}
    [(s, p, o)] = triples(media, body)
    assert o == Literal(1)
    # <s> and <p> are resolved against the service's base IRI, not left relative for the client
    for term, local in ((s, "s"), (p, "p")):
        assert isinstance(term, URIRef)
        assert re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", str(term))
        assert not str(term).startswith(UNRESOLVED)
        assert str(term).endswith(local)


# answers the queries fix although the manifest states only the format
ANSWERS = {
    "query_content_type_select": _check_select_one,
    "query_content_type_ask": _check_ask_empty,
    "query_content_type_describe": _check_describe_nothing,
    "query_content_type_construct": _check_construct_base,
}


def run_request(base: str, req: Req) -> tuple[Response, Response]:
    """(first response, final response after following any redirect)."""
    path = "/sparql" + req.path[len("/sparql/"):]
    body = None if req.body is None else req.body.encode(req.encoding.lower())
    first = resp = send(base, req.method, path, dict(req.headers), body)
    for _ in range(5):
        if not 300 <= resp.status < 400:
            break
        location = urlsplit(resp.headers["Location"])
        target = location.path + (f"?{location.query}" if location.query else "")
        resp = send(base, "GET", target)
    return first, resp


@pytest.mark.parametrize("case", APPLICABLE, ids=[c.name for c in APPLICABLE])
def test_w3c_protocol(endpoint, case):
    for req in case.requests:
        first, resp = run_request(endpoint, req)
        detail = f"{case.iri} ({case.title}): {req.method} -> {first.status} {first.body[:300]!r}"
        assert f"{first.status // 100}xx" in req.status, detail
        if req.format is None:
            continue
        assert resp.status == 200, detail
        media = media_type(resp)
        assert media in W3C_FORMATS[req.format], f"{detail}: Content-Type {media!r}"
        if req.format == "boolean":
            answer = ask_answer(media, resp.body)
            if req.boolean is not None:
                assert answer is req.boolean, detail
        elif req.format == "tabular":
            solutions(media, resp.body)
        else:
            triples(media, resp.body)
        if case.name in ANSWERS:
            ANSWERS[case.name](media, resp.body)


@pytest.mark.parametrize("case", EXCLUDED, ids=[c.name for c in EXCLUDED])
def test_excluded_update_is_refused(endpoint, case):
    """The update the excluded test would run is refused (README: 403) and changes nothing."""
    req = case.requests[0]
    first, _ = run_request(endpoint, req)
    assert first.status == 403, f"{case.iri}: {first.status} {first.body[:300]!r}"
    assert snapshot(endpoint) == LOADED


# -- results formats ---------------------------------------------------------------------------

SELECT_QUERY = r"""PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?doc ?g ?label ?n ?text ?none WHERE {
  GRAPH ?g { ?doc a foaf:Document }
  BIND(STRLANG(STRAFTER(STR(?doc), "/data/"), "en") AS ?label)
  BIND(STRLEN(STR(?doc)) AS ?n)
  BIND('say "hi",\tthen\nbye' AS ?text)
} ORDER BY ?doc"""
SELECT_VARS = ["doc", "g", "label", "n", "text", "none"]
SELECT_ROWS = [{"doc": URIRef(d), "g": URIRef(d), "label": Literal(d.rsplit("/", 1)[1], lang="en"),
                "n": Literal(len(d)), "text": Literal('say "hi",\tthen\nbye')} for d in DOCS]

ASK_TRUE = f"ASK {{ GRAPH ?g {{ <{D}data3.rdf> a <http://xmlns.com/foaf/0.1/Document> }} }}"
ASK_FALSE = f"ASK {{ GRAPH ?g {{ <{D}data0.rdf> ?p ?o }} }}"

CONSTRUCT_QUERY = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX ex: <http://example.org/>
CONSTRUCT { ?doc a foaf:Document ; ex:in ?g ; ex:label ?label }
WHERE { GRAPH ?g { ?doc a foaf:Document } BIND(STRLANG(STRAFTER(STR(?doc), "/data/"), "en") AS ?label) }"""
CONSTRUCTED = {t for d in DOCS for t in (
    (URIRef(d), RDF.type, FOAF.Document), (URIRef(d), EX["in"], URIRef(d)),
    (URIRef(d), EX.label, Literal(d.rsplit("/", 1)[1], lang="en")))}

DESCRIBE_PATH = "/sparql?" + urlencode([("default-graph-uri", D + "data1.rdf")])
DESCRIBE_QUERY = f"DESCRIBE <{D}data1.rdf>"
DESCRIBED = {(URIRef(D + "data1.rdf"), RDF.type, FOAF.Document)}


@pytest.mark.parametrize("media", [RESULTS_JSON, RESULTS_XML, CSV, TSV])
def test_select_in_each_results_format(endpoint, media):
    resp = get(endpoint, [("query", SELECT_QUERY)], media)
    assert resp.status == 200, resp.body[:300]
    assert media_type(resp) == media
    names, rows = solutions(media, resp.body)
    assert names == SELECT_VARS
    assert rows == expected_rows(media, names, SELECT_ROWS)


@pytest.mark.parametrize("media", [RESULTS_JSON, RESULTS_XML])
@pytest.mark.parametrize("query,answer", [(ASK_TRUE, True), (ASK_FALSE, False)], ids=["true", "false"])
def test_ask_in_each_results_format(endpoint, media, query, answer):
    resp = get(endpoint, [("query", query)], media)
    assert resp.status == 200, resp.body[:300]
    assert media_type(resp) == media
    assert ask_answer(media, resp.body) is answer


@pytest.mark.parametrize("media", list(RDF_PARSERS))
def test_construct_in_each_rdf_format(endpoint, media):
    resp = post_query(endpoint, CONSTRUCT_QUERY, media)
    assert resp.status == 200, resp.body[:300]
    assert media_type(resp) == media
    assert triples(media, resp.body) == CONSTRUCTED


@pytest.mark.parametrize("media", list(RDF_PARSERS))
def test_describe_in_each_rdf_format(endpoint, media):
    """Oxigraph describes a resource by the triples it is the subject of."""
    resp = post_query(endpoint, DESCRIBE_QUERY, media, path=DESCRIBE_PATH)
    assert resp.status == 200, resp.body[:300]
    assert media_type(resp) == media
    assert triples(media, resp.body) == DESCRIBED


# -- the dataset a request names ------------------------------------------------------------------
#
# SPARQL 1.1 Protocol, 2.1.4: default-graph-uri and named-graph-uri give the dataset (the default
# graph is the RDF merge of the default-graph-uri graphs, the named graphs are exactly the
# named-graph-uri graphs), and they override FROM / FROM NAMED in the query. The manifest's
# dataset tests only ask for "true", which an endpoint that ignored the parameters would also
# answer over this store (its default graph is the union of all graphs, and every graph is
# available to GRAPH); these ask which graphs were used.

def _iri(name: str) -> URIRef:
    return URIRef(D + name)


DEFAULT_AND_NAMED = "SELECT ?g ?s WHERE { { ?s a ?t } UNION { GRAPH ?g { ?s a ?t } } } ORDER BY ?g ?s"


@pytest.mark.parametrize("params,query,rows", [
    ([("default-graph-uri", D + "data1.rdf"), ("default-graph-uri", D + "data2.rdf")], DEFAULT_AND_NAMED,
     [{"s": _iri("data1.rdf")}, {"s": _iri("data2.rdf")}]),
    ([("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")], DEFAULT_AND_NAMED,
     [{"g": _iri("data1.rdf"), "s": _iri("data1.rdf")}, {"g": _iri("data2.rdf"), "s": _iri("data2.rdf")}]),
    ([("default-graph-uri", D + "data3.rdf"), ("named-graph-uri", D + "data1.rdf"),
      ("named-graph-uri", D + "data2.rdf")], DEFAULT_AND_NAMED,
     [{"s": _iri("data3.rdf")}, {"g": _iri("data1.rdf"), "s": _iri("data1.rdf")},
      {"g": _iri("data2.rdf"), "s": _iri("data2.rdf")}]),
    ([("default-graph-uri", D + "data1.rdf")], f"SELECT ?s FROM <{D}data3.rdf> WHERE {{ ?s a ?t }}",
     [{"s": _iri("data1.rdf")}]),
    ([("named-graph-uri", D + "data1.rdf")],
     f"SELECT ?g FROM NAMED <{D}data3.rdf> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", [{"g": _iri("data1.rdf")}]),
    ([("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")],
     f"SELECT ?s FROM <{D}data3.rdf> WHERE {{ ?s a ?t }}", []),
], ids=["two-default-graphs", "two-named-graphs", "default-and-named", "default-overrides-FROM",
        "named-overrides-FROM-NAMED", "named-only-means-empty-default"])
def test_protocol_dataset_is_exactly_what_the_parameters_name(endpoint, params, query, rows):
    resp = get(endpoint, [("query", query), *params], RESULTS_JSON)
    assert resp.status == 200, resp.body[:300]
    _, got = solutions(RESULTS_JSON, resp.body)
    assert got == rows


# -- content negotiation -------------------------------------------------------------------------

@pytest.mark.parametrize("query,accept,media", [
    (SELECT_QUERY, f"{RESULTS_JSON};q=0.5, {RESULTS_XML}", RESULTS_XML),
    (SELECT_QUERY, f"{CSV};q=0.2, {TSV};q=0.8, {RESULTS_JSON};q=0.1", TSV),
    (SELECT_QUERY, f"{RESULTS_JSON};q=0, {CSV}", CSV),
    (SELECT_QUERY, f"{RESULTS_XML};q=0.9, */*;q=0.1", RESULTS_XML),
    (ASK_TRUE, f"{RESULTS_JSON};q=0.4, {RESULTS_XML};q=0.6", RESULTS_XML),
    (CONSTRUCT_QUERY, f"{TURTLE};q=0.3, {NTRIPLES};q=0.9", NTRIPLES),
    (CONSTRUCT_QUERY, f"{JSONLD};q=0.2, {RDFXML};q=0.7, {TURTLE};q=0.5", RDFXML),
    (CONSTRUCT_QUERY, f"{NQUADS}, application/*;q=0.1", NQUADS),
], ids=["select-q", "select-three-q", "select-q0-excludes", "select-wildcard-lower",
        "ask-q", "construct-q", "construct-three-q", "construct-wildcard-lower"])
def test_accept_q_values_choose_the_format(endpoint, query, accept, media):
    resp = get(endpoint, [("query", query)], accept)
    assert resp.status == 200, resp.body[:300]
    assert media_type(resp) == media
    if query is SELECT_QUERY:
        names, rows = solutions(media, resp.body)
        assert rows == expected_rows(media, names, SELECT_ROWS)
    elif query is ASK_TRUE:
        assert ask_answer(media, resp.body) is True
    else:
        assert triples(media, resp.body) == CONSTRUCTED


@pytest.mark.parametrize("query,accept", [
    (SELECT_QUERY, "image/png"),
    (SELECT_QUERY, f"{RESULTS_JSON};q=0"),
    (CONSTRUCT_QUERY, RESULTS_JSON),
    (CONSTRUCT_QUERY, CSV),
], ids=["select-image", "select-only-q0", "construct-as-results-json", "construct-as-csv"])
def test_nothing_acceptable_is_406(endpoint, query, accept):
    assert get(endpoint, [("query", query)], accept).status == 406


# -- methods, media types, parameters --------------------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(endpoint, method):
    resp = send(endpoint, method, "/sparql?" + urlencode([("query", "ASK {}")]))
    assert resp.status == 405
    allowed = {m.strip().upper() for m in resp.headers.get("Allow", "").split(",") if m.strip()}
    assert {"GET", "POST"} <= allowed
    assert method not in allowed


@pytest.mark.parametrize("ctype", ["text/plain", "application/json"])
def test_other_post_media_types_are_415(endpoint, ctype):
    assert send(endpoint, "POST", "/sparql", {"Content-Type": ctype}, b"ASK {}").status == 415


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("method,path,headers,body", [
    ("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("query", "SELECT * {}")]), {}, None),
    ("POST", "/sparql", FORM, urlencode([("query", "ASK {}"), ("query", "SELECT * {}")])),
    ("POST", "/sparql?" + urlencode([("query", "ASK {}")]), {"Content-Type": "application/sparql-query"},
     "SELECT * {}"),
    ("GET", "/sparql?query=", {}, None),
    ("POST", "/sparql", FORM, urlencode([("default-graph-uri", D + "data1.rdf")])),
    ("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("default-graph-uri", "not an iri")]), {}, None),
    ("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("named-graph-uri", "data1.rdf")]), {}, None),
    ("GET", "/sparql?" + urlencode([("query", "ASK {")]), {}, None),
], ids=["two-queries-get", "two-queries-form", "query-in-url-and-body", "empty-query", "no-query",
        "default-graph-not-an-iri", "named-graph-relative", "malformed-query"])
def test_bad_parameters_are_400(endpoint, method, path, headers, body):
    resp = send(endpoint, method, path, headers, None if body is None else body.encode())
    assert resp.status == 400, resp.body[:300]


# -- a standard client with its default settings ---------------------------------------------------

def _wrapper(base: str, query: str, method: str):
    require(importlib.util.find_spec("SPARQLWrapper") is not None, "SPARQLWrapper (pip install -e '.[test]')")
    from SPARQLWrapper import POST, SPARQLWrapper

    # defaults: GET, XML results / RDF/XML graphs asked for by Accept and by format=xml, output=xml,
    # results=xml parameters
    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setQuery(query)
    if method == "POST":
        sparql.setMethod(POST)  # a URL-encoded form, the parameters in the body
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults_select(endpoint, method):
    from xml.dom.minidom import Document

    result = _wrapper(endpoint, SELECT_QUERY, method)
    assert result.info()["content-type"].split(";")[0].strip() == RESULTS_XML
    doc = result.convert()
    assert isinstance(doc, Document)
    names, rows = solutions(RESULTS_XML, doc.toxml("utf-8"))
    assert (names, rows) == (SELECT_VARS, SELECT_ROWS)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults_ask(endpoint, method):
    result = _wrapper(endpoint, ASK_TRUE, method)
    assert result.info()["content-type"].split(";")[0].strip() == RESULTS_XML
    assert ask_answer(RESULTS_XML, result.convert().toxml("utf-8")) is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults_construct(endpoint, method):
    result = _wrapper(endpoint, CONSTRUCT_QUERY, method)
    assert result.info()["content-type"].split(";")[0].strip() == RDFXML
    graph = result.convert()
    assert isinstance(graph, Graph)
    assert {tuple(_plain(t) for t in triple) for triple in graph} == CONSTRUCTED
