"""Reading a SPARQL 1.1 Protocol query request: its parameters, checked, before any engine work.

Inputs: the method, the raw URL query string (bytes), the ``Content-Type`` and ``Accept``
headers, the request body (bytes, already read within its size and time limits) and the
query size limit.
Outputs: ``QueryRequest`` (query text, the dataset the request names, the ``Accept`` to send
the engine), or ``Refusal``:
- 400: no query, two queries, a query and an update, a ``default-graph-uri`` or
  ``named-graph-uri`` that is not an absolute IRI, an unknown ``format``, text that is not
  UTF-8, too many parameters;
- 403: an update (an ``update`` parameter, or ``application/sparql-update``);
- 413 (POST) / 414 (GET): a query over the size limit;
- 415: a POST that is neither ``application/sparql-query`` nor a form, or not in UTF-8.

``format=json|xml|csv|tsv`` (or ``output=``, as other endpoints spell it; also ``turtle``,
``ntriples``, ``nquads``, ``rdfxml``, ``jsonld`` or a media type) replaces the ``Accept``
header; otherwise ``Accept`` goes to the engine as sent, q-values and all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from goldenthread.queries.endpoint.limits import Refusal

QUERY_TYPE = "application/sparql-query"
FORM_TYPE = "application/x-www-form-urlencoded"
UPDATE_TYPE = "application/sparql-update"

# json and xml name one format for solutions and one for graphs (CONSTRUCT, DESCRIBE)
FORMATS = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")
_MEDIA_TYPE = re.compile(r"[\w.+\-]+/[\w.+\-]+")
MAX_PARAMETERS = 1_000


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    accept: str | None

    @property
    def names_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def media_type(header: str | None) -> tuple[str, dict[str, str]]:
    """``("type/subtype", {param: value})`` from a Content-Type header (lower case)."""
    if not header:
        return "", {}
    kind, *params = header.split(";")
    pairs = (p.split("=", 1) for p in params if "=" in p)
    return kind.strip().lower(), {k.strip().lower(): v.strip().strip('"').lower() for k, v in pairs}


def check_post_type(content_type: str | None) -> str:
    """The media type of a POST, or ``Refusal`` (403 for an update, 415 for anything else)."""
    kind, params = media_type(content_type)
    if kind == UPDATE_TYPE:
        raise Refusal(403, "updates are refused: this endpoint is read-only")
    if kind not in (QUERY_TYPE, FORM_TYPE):
        shown = f"'{kind}'" if kind else "no Content-Type"
        raise Refusal(415, f"unsupported request type {shown}: send {QUERY_TYPE} or a form ({FORM_TYPE})")
    if params.get("charset", "utf-8") not in ("utf-8", "utf8"):
        raise Refusal(415, f"unsupported charset '{params['charset']}': send the query as UTF-8")
    return kind


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, f"the {what} is not valid UTF-8") from None


def _pairs(text: str, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                         max_num_fields=MAX_PARAMETERS)
    except UnicodeDecodeError:
        raise Refusal(400, f"the {what} is not valid UTF-8 once percent-decoded") from None
    except ValueError:
        raise Refusal(400, f"too many parameters (at most {MAX_PARAMETERS:,})") from None


def read_request(method: str, query_string: bytes, content_type: str | None, body: bytes | None,
                 accept: str | None, max_query_bytes: int) -> QueryRequest:
    """The query request a GET or POST makes, checked (see the module docstring)."""
    pairs = _pairs(_text(query_string, "URL"), "URL")
    direct = None
    if method == "POST":
        kind = check_post_type(content_type)
        if kind == QUERY_TYPE:
            direct = _text(body or b"", "request body")
        else:
            pairs += _pairs(_text(body or b"", "request body"), "form")
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    queries = values.get("query", []) + ([direct] if direct is not None else [])
    if "update" in values:
        if queries:
            raise Refusal(400, "a query and an update in one request: send the query alone")
        raise Refusal(403, "updates are refused: this endpoint is read-only")
    if not queries:
        raise Refusal(400, "missing query: give one in the 'query' parameter (the query page is at /)")
    if len(queries) > 1:
        raise Refusal(400, f"{len(queries)} queries in one request: send one 'query'")
    query = queries[0]
    size = len(query.encode("utf-8"))
    if size > max_query_bytes:
        status, how = (414, "; send a long query with POST") if method != "POST" else (413, "")
        raise Refusal(status, f"query too large: {size:,} bytes is over the limit of {max_query_bytes:,} bytes{how}")
    graphs = {}
    for name in ("default-graph-uri", "named-graph-uri"):
        for iri in values.get(name, []):
            if not _ABSOLUTE_IRI.fullmatch(iri):
                raise Refusal(400, f"bad {name} {iri[:200]!r}: give an absolute IRI such as https://example.org/graph")
        graphs[name] = tuple(values.get(name, []))
    return QueryRequest(query, graphs["default-graph-uri"], graphs["named-graph-uri"],
                        _accept(values.get("format", []) + values.get("output", []), accept))


def _accept(formats: list[str], header: str | None) -> str | None:
    names = {f.strip().lower() for f in formats}  # SPARQLWrapper sends format=xml&output=xml
    if len(names) > 1:
        raise Refusal(400, "different 'format' values in one request: give one")
    if not names:
        return header or None
    name = names.pop()
    if name in FORMATS:
        return FORMATS[name]
    if _MEDIA_TYPE.fullmatch(name):
        return name
    raise Refusal(400, f"unknown format {formats[0][:50]!r}: use {', '.join(FORMATS)} or a media type")
