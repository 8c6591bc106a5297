"""The read-only SPARQL endpoint (`goldenthread serve`): a guard in front of the real
`oxigraph serve-read-only`, tested as analysts' clients use it (real processes, no mocks), and
publishing to a real Oxigraph server (`goldenthread publish`).

The W3C SPARQL 1.1 Protocol manifest is run separately (tests/test_protocol_w3c.py); these tests
cover what the guard adds: refusals, limits, the dataset rule, recovery from a dead engine,
caps and timeouts, slow clients, concurrency, Host/CORS, and stopping cleanly."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import require
from helpers import publish_cli, run_cli
from servers import announcement, oxigraph_serving, stop

from goldenthread.graph.rdf import to_turtle
from goldenthread.graph.serialize import to_json

GT = "PREFIX gt: <https://w3id.org/goldenthread/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
ONE, TWO = "https://example.org/graph/one", "https://example.org/graph/two"
NORTHMERE = "https://example.org/graph/northmere"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # until the engine's limit
RUNAWAY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f LIMIT 1"  # the engine's limit misses the sort


def unused_port() -> int:
    """A port nothing listens on (for a dead endpoint; never handed to a server to bind)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- `goldenthread serve` in a subprocess --------------------------------------------------------

@dataclass
class Served:
    url: str
    proc: subprocess.Popen
    first_line: str
    stderr: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return urlsplit(self.url).port

    def engine_pids(self) -> list[int]:
        """The guard's `oxigraph` child processes."""
        pids = []
        for task in Path(f"/proc/{self.proc.pid}/task").glob("*"):
            try:
                pids += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                pass
        return [p for p in pids if b"oxigraph" in _cmdline(p)]

    def engine_pid(self) -> int:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pids = self.engine_pids()
            if len(pids) == 1:
                return pids[0]
            time.sleep(0.05)
        raise AssertionError(f"expected one engine process, found {self.engine_pids()}")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone(pid: int, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


@contextmanager
def serving(*args: str):
    """`goldenthread serve --port 0 ARGS`, its address read from the line it prints."""
    require(shutil.which("oxigraph") is not None, "the Oxigraph server (pip install oxigraph)")
    cmd = [sys.executable, "-m", "goldenthread.cli.main", "serve", "--port", "0", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url, line = announcement(proc)
        served = Served(url, proc, line)
        threading.Thread(target=lambda: served.stderr.extend(proc.stderr), daemon=True).start()
        yield served
    finally:
        stop(proc)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def media(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip()


def send(url: str, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None,
         timeout: float = 60) -> Answer:
    """One request with exactly these headers (plus Host and, with a body, Content-Length)."""
    parts = urlsplit(url)
    started = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        return Answer(answer.status, answer.headers, answer.read(), time.monotonic() - started)
    finally:
        conn.close()


def get(url: str, query: str, accept: str | None = None, **params: str) -> Answer:
    query_string = urlencode([("query", query), *((k.replace("_", "-"), v) for k, v in params.items())])
    return send(url, "GET", f"/sparql?{query_string}", {"Accept": accept} if accept else {})


def post(url: str, query: str, accept: str | None = None, ctype: str = "application/sparql-query",
         path: str = "/sparql") -> Answer:
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    return send(url, "POST", path, headers, query.encode("utf-8"))


def raw(port: int, data: bytes, wait: float = 10) -> bytes:
    """Bytes sent as they are; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            chunks.append(b"<no close>")
    return b"".join(chunks)


def first_answer(port: int, data: bytes, wait: float = 10) -> bytes:
    """Bytes sent as they are; the server's first answer (its head and a Content-Length body),
    read without waiting for the connection to close."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        while length and len(body) < int(length.group(1)) and (chunk := sock.recv(65536)):
            body += chunk
    return head + b"\r\n\r\n" + body


def ask(url: str) -> Answer:
    return get(url, "ASK {}", "application/sparql-results+json")


# -- fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory, northmere):
    out = tmp_path_factory.mktemp("out")
    graph = northmere.graph
    (out / "graph.json").write_text(to_json(graph), encoding="utf-8")
    (out / "graph.ttl").write_text(to_turtle(graph), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, graph_dir):
    """An Oxigraph store folder with three named graphs: Northmere, and two of one triple each."""
    import pyoxigraph as ox

    folder = tmp_path_factory.mktemp("store") / "oxigraph"
    store = ox.Store(str(folder))
    store.load(path=str(graph_dir / "graph.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(NORTHMERE))
    for graph, subject in ((ONE, "urn:a"), (TWO, "urn:b")):
        store.add(ox.Quad(ox.NamedNode(subject), ox.NamedNode("urn:in"), ox.Literal(graph.rsplit("/", 1)[1]),
                          ox.NamedNode(graph)))
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def endpoint(store_dir):
    with serving("--store", f"oxigraph:{store_dir}", "--timeout", "2", "--max-bytes", "300000",
                 "--head-timeout", "2") as served:
        yield served


@pytest.fixture(scope="module")
def cors_endpoint(graph_dir):
    """A build served from memory (a temporary store folder), with CORS on."""
    with serving("--graph", str(graph_dir), "--cors") as served:
        yield served


@pytest.fixture(scope="module")
def own_endpoint(graph_dir):
    """An endpoint whose engine tests kill: each test leaves it answering again, as it checks
    (one for the module: starting an endpoint takes most of a second)."""
    with serving("--graph", str(graph_dir), "--timeout", "2") as served:
        yield served


def client(url: str, query: str, fmt: str = "json", method: str = "GET"):
    from SPARQLWrapper import GET, POST, SPARQLWrapper

    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setMethod(POST if method == "POST" else GET)
    sparql.setReturnFormat(fmt)
    return sparql.query()


# -- standard clients --------------------------------------------------------------------------

def test_select_with_a_standard_client(endpoint):
    query = GT + "SELECT ?label WHERE { ?b a gt:Board ; skos:prefLabel ?label } ORDER BY ?label"
    for method in ("GET", "POST"):
        result = client(f"{endpoint.url}/sparql", query, method=method).convert()
        labels = [b["label"]["value"] for b in result["results"]["bindings"]]
        assert "Children and Families Partnership Board" in labels and len(labels) == 7
        assert result["results"]["bindings"][0]["label"]["type"] == "literal"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_with_default_settings_gets_xml(endpoint, method):
    from SPARQLWrapper import POST, SPARQLWrapper

    sparql = SPARQLWrapper(f"{endpoint.url}/sparql")  # defaults: XML results (the 406)
    sparql.setQuery(GT + "SELECT ?b WHERE { ?b a gt:Board }")
    if method == "POST":
        sparql.setMethod(POST)
    result = sparql.query()
    assert result.info()["content-type"].startswith("application/sparql-results+xml")
    assert len(result.convert().getElementsByTagName("result")) == 7


# -- formats and content negotiation -----------------------------------------------------------

SELECT_PLANS = GT + "SELECT ?p WHERE { ?p a gt:Plan } ORDER BY ?p"
CONSTRUCT_BOARDS = GT + "CONSTRUCT { ?b a gt:Board } WHERE { ?b a gt:Board }"


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.9, application/sparql-results+xml;q=0.1", "text/csv"),
    ("application/sparql-results+xml;q=0, text/csv", "text/csv"),
    (None, "application/sparql-results+json"),
])
def test_select_formats_follow_accept(endpoint, accept, media):
    from rdflib.query import Result

    answer = get(endpoint.url, SELECT_PLANS, accept)
    assert answer.status == 200 and answer.media == media
    if media == "text/csv":
        assert answer.text.splitlines()[0] == "p" and len(answer.text.splitlines()) == 3
    else:
        fmt = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
               "text/tab-separated-values": "tsv"}[media]
        import io

        assert len(Result.parse(io.BytesIO(answer.body), format=fmt).bindings) == 2


@pytest.mark.parametrize("accept,media,rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/n-quads", "application/n-quads", "nquads"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("text/turtle;q=0.2, application/n-triples", "application/n-triples", "nt"),
])
def test_construct_formats_follow_accept(endpoint, accept, media, rdflib_format):
    from rdflib import Dataset, Graph

    answer = post(endpoint.url, CONSTRUCT_BOARDS, accept)
    assert answer.status == 200 and answer.media == media
    if rdflib_format == "nquads":
        data = Dataset()
        data.parse(data=answer.body, format="nquads")
        assert sum(1 for _ in data.quads((None, None, None, None))) == 7
    else:
        assert len(Graph().parse(data=answer.body, format=rdflib_format)) == 7


@pytest.mark.parametrize("fmt,media", [("json", "application/sparql-results+json"),
                                       ("xml", "application/sparql-results+xml"),
                                       ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_format_parameter_replaces_accept(endpoint, fmt, media):
    answer = get(endpoint.url, SELECT_PLANS, "text/turtle", format=fmt)
    assert answer.status == 200 and answer.media == media


def test_unacceptable_formats_are_406_and_unknown_format_400(endpoint):
    assert get(endpoint.url, SELECT_PLANS, "image/png").status == 406
    assert post(endpoint.url, CONSTRUCT_BOARDS, "text/csv").status == 406
    bad = get(endpoint.url, SELECT_PLANS, format="yaml")
    assert bad.status == 400 and "unknown format" in bad.text


def test_csv_blank_nodes_keep_their_prefix(endpoint):
    answer = get(endpoint.url, "SELECT ?x WHERE { BIND(BNODE() AS ?x) }", "text/csv")
    assert answer.status == 200 and answer.text.splitlines()[1].startswith("_:")


def test_head_is_answered_without_a_body(endpoint):
    answer = send(endpoint.url, "HEAD", "/sparql?" + urlencode([("query", "ASK {}")]))
    assert answer.status == 200 and answer.body == b""


# -- read only: SERVICE and updates ------------------------------------------------------------

@pytest.fixture(scope="module")
def _listening():
    """A local server that records any connection (a SERVICE call would be one), for the
    module: its thread waits up to 0.2 s for a connection between looks at ``stop``."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", seen
    stop.set()
    thread.join()
    sock.close()


@pytest.fixture()
def listener(_listening):
    """The local server's address and the connections it has had since this test began."""
    url, seen = _listening
    seen.clear()
    return url, seen


def test_the_listener_records_a_connection(listener):
    """The control for the SERVICE tests: a connection to the listener is seen."""
    url, seen = listener
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1].strip("/")))) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n\r\n")
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
    assert seen == [b"GET / HTTP/1.1\r\n\r\n"]


SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z { OPTIONAL { { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "# a comment first\nSELECT * WHERE {\n  # SERVICE <x> in a comment\n  SERVICE <{url}> { ?s ?p ?o }\n}",
    "SELECT*{SERVICE<{url}>{?s?p?o}}",
    "PREFIX : <{url}>\nSELECT * WHERE { SERVICE:x { ?s ?p ?o } }",  # the engine reads this as SERVICE :x
    "SELECT * WHERE { ?s ?p ?o FILTER(true)SERVICE<{url}>{ ?s ?p ?o } }",
    # an escaped quote in a prefixed name is not a string, an escaped '#' not a comment
    "PREFIX ex: <http://e/>\nSELECT * WHERE { BIND(ex:a\\' AS ?x) SERVICE <{url}> { ?s ?p ?o } BIND(\"\\'\" AS ?y) }",
    "PREFIX ex: <http://e/>\nSELECT * WHERE { BIND(ex:a\\# AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://e/\\u0041#> AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused(endpoint, listener, form):
    url, seen = listener
    answer = post(endpoint.url, form.replace("{url}", url))
    assert answer.status == 403 and "SERVICE is refused" in answer.text
    assert answer.text.count("\n") == 1
    time.sleep(0.1)
    assert seen == []


@pytest.mark.parametrize("query", [
    'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> { }" AS ?x) }',
    "SELECT ?x WHERE { BIND(<http://example.org/SERVICE/insert> AS ?x) }",
    "SELECT ?x WHERE {\n  # SERVICE <http://example.org/> { } -- a comment\n  BIND(1 AS ?x)\n}",
    "SELECT ?x WHERE { BIND('''LOAD <x>, DROP ALL''' AS ?x) }",
    "PREFIX ex: <http://example.org/>\nSELECT ?x WHERE { BIND(ex:customerService AS ?x) }",
])
def test_keywords_inside_strings_iris_and_comments_are_not_refused(endpoint, query):
    answer = get(endpoint.url, query, "application/sparql-results+json")
    assert answer.status == 200, answer.text


@pytest.mark.parametrize("method,path,ctype,body", [
    ("POST", "/sparql", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("POST", "/sparql", "application/x-www-form-urlencoded", "update=DROP%20ALL"),
    ("POST", "/sparql", "application/sparql-query", "LOAD <http://example.org/x.ttl>"),
    ("POST", "/sparql", "application/sparql-query", "DROP ALL"),
    ("POST", "/sparql", "application/sparql-query", "PREFIX ex: <urn:>\ninsert data { ex:a ex:b ex:c }"),
    ("GET", "/sparql?update=CLEAR%20ALL", None, None),
])
def test_updates_are_refused(endpoint, method, path, ctype, body):
    answer = send(endpoint.url, method, path, {"Content-Type": ctype} if ctype else {},
                  body.encode() if body else None)
    assert answer.status == 403 and "read-only" in answer.text
    count = get(endpoint.url, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> <urn:b> ?o }", "text/csv")
    assert count.text.splitlines()[1] == "0"


# -- complexity limits: refused in front of the engine, which stays up ------------------------------

def _nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth + " LIMIT 1"


def _path(steps: int) -> str:
    return "ASK { ?s " + "/".join(["<urn:p>"] * steps) + " ?o }"


def _sum(terms: int) -> str:
    return "SELECT (" + " + ".join(["1"] * terms) + " AS ?x) WHERE {}"


def _patterns(n: int) -> str:
    return "SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(n)) + " }"


def _union(branches: int) -> str:
    return "SELECT * WHERE { " + " UNION ".join(f"{{ ?s <urn:p{i}> ?o }}" for i in range(branches)) + " }"


@pytest.mark.parametrize("query,limit", [
    (_nested(201), "nesting of { ( [ is 201, over the limit of 200"),
    ("SELECT (" + "(" * 200 + "1" + ")" * 200 + " AS ?x) {}", "nesting of { ( [ is 201, over the limit of 200"),
    (_path(101), "steps in one property path is 101, over the limit of 100"),
    (_sum(1002), "operators in one expression is 1,001, over the limit of 1,000"),
    (_patterns(101), "patterns joined in one group is 101, over the limit of 100"),
    (_union(1001), "UNION branches is 1,001, over the limit of 1,000"),
], ids=["braces-201", "parentheses-201", "path-101", "sum-1002-terms", "101-patterns", "1001-union-branches"])
def test_a_query_just_over_a_limit_is_refused_naming_it(endpoint, query, limit):
    answer = post(endpoint.url, query)
    assert answer.status == 400 and limit in answer.text, answer.text


@pytest.mark.parametrize("query", [_nested(40), _union(1000), _path(100), _sum(1001), _patterns(100),
                                   _nested(190)], ids=["40-nested-groups", "1000-union-branches",
                                                        "path-100", "sum-1001-terms", "100-patterns",
                                                        "190-nested-groups"])
def test_what_analysts_write_is_answered(endpoint, query):
    answer = post(endpoint.url, query, "application/sparql-results+json")
    assert answer.status == 200, answer.text[:300]


@pytest.mark.parametrize("query", [_path(3000), _sum(10_000), "ASK " + "{" * 5000 + "}" * 5000,
                                   "ASK { " + "?s ?p ?o . " * 10_000 + "}"],
                         ids=["path-3000", "sum-10000", "braces-5000", "patterns-10000"])
def test_queries_that_crash_the_engine_never_reach_it(endpoint, query):
    before = endpoint.engine_pid()
    assert post(endpoint.url, query).status == 400
    assert ask(endpoint.url).status == 200
    assert endpoint.engine_pid() == before  # the same engine: it never saw the query


def test_query_size_limits(endpoint):
    big = "ASK { VALUES ?x { " + '"x" ' * 70_000 + "} }"  # 280 KB, over 256 KiB
    post_answer = post(endpoint.url, big)
    assert post_answer.status == 413 and "262,144 bytes" in post_answer.text
    get_answer = send(endpoint.url, "GET", "/sparql?" + urlencode([("query", big)]))
    assert get_answer.status == 414 and "POST" in get_answer.text
    fits = "ASK { VALUES ?x { " + '"x" ' * 60_000 + "} }"  # 240 KB
    assert post(endpoint.url, fits).status == 200


def test_the_check_takes_bounded_time(endpoint):
    """Inputs that are slow for a naive tokeniser (digits: 69 s in the regular expressions used before)."""
    for junk in ("1" * 250_000, "." * 250_000, "'''\\" * 60_000, "a-" * 120_000):
        answer = post(endpoint.url, f"SELECT * WHERE {{ {junk} }}")
        assert answer.status == 400 and answer.seconds < 3, (junk[:10], answer.seconds)


# -- the dataset ----------------------------------------------------------------------------------

IN = "SELECT ?o WHERE { ?s <urn:in> ?o } ORDER BY ?o"


def _column(answer: Answer) -> list[str]:
    assert answer.status == 200, answer.text
    return answer.text.splitlines()[1:]


@pytest.mark.parametrize("query,params,expected", [
    (IN, {}, ["one", "two"]),  # no dataset named: the union of all graphs
    (f"SELECT ?o FROM <{ONE}> WHERE {{ ?s <urn:in> ?o }}", {}, ["one"]),
    (f"SELECT ?o FROM <{ONE}> FROM <{TWO}> WHERE {{ ?s <urn:in> ?o }} ORDER BY ?o", {}, ["one", "two"]),
    ("SELECT ?o FROM <http://nope/> WHERE { ?s <urn:in> ?o }", {}, []),
    (f"SELECT ?o FROM NAMED <{TWO}> WHERE {{ GRAPH ?g {{ ?s <urn:in> ?o }} }}", {}, ["two"]),
    (f"SELECT ?o FROM NAMED <{TWO}> WHERE {{ ?s <urn:in> ?o }}", {}, []),  # FROM NAMED only: empty default
    (IN, {"default_graph_uri": TWO}, ["two"]),
    (f"SELECT ?o FROM <{ONE}> WHERE {{ ?s <urn:in> ?o }}", {"default_graph_uri": TWO}, ["two"]),  # protocol wins
    ("SELECT ?o WHERE { GRAPH ?g { ?s <urn:in> ?o } }", {"named_graph_uri": ONE}, ["one"]),
    ("SELECT ?o WHERE { GRAPH ?g { ?s <urn:in> ?o } } ORDER BY ?o", {}, ["one", "two"]),
], ids=["union", "from", "two-froms", "from-unknown", "from-named", "from-named-empty-default",
        "default-graph-uri", "default-graph-uri-over-from", "named-graph-uri", "graph-without-dataset"])
def test_dataset_is_honoured(endpoint, query, params, expected):
    assert _column(get(endpoint.url, query, "text/csv", **params)) == expected


@pytest.mark.parametrize("iri", ["not an iri", "graph/one", ""])
def test_bad_graph_parameters_are_400(endpoint, iri):
    for name in ("default_graph_uri", "named_graph_uri"):
        answer = get(endpoint.url, IN, **{name: iri})
        assert answer.status == 400 and "absolute IRI" in answer.text


# -- HTTP: methods, types, parameters, lengths ---------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(endpoint, method):
    answer = send(endpoint.url, method, "/sparql?query=ASK%7B%7D")
    assert answer.status == 405
    assert {"GET", "POST"} <= {m.strip() for m in answer.headers["Allow"].split(",")}


@pytest.mark.parametrize("ctype", ["text/plain", "application/json", None,
                                   "application/sparql-query; charset=ISO-8859-1"])
def test_unsupported_post_types_are_415(endpoint, ctype):
    answer = send(endpoint.url, "POST", "/sparql", {"Content-Type": ctype} if ctype else {}, b"ASK {}")
    assert answer.status == 415


@pytest.mark.parametrize("path,body,message", [
    ("/sparql?" + urlencode([("query", "ASK {}"), ("query", "ASK {}")]), None, "2 queries"),
    ("/sparql?" + urlencode([("query", "ASK {}"), ("update", "CLEAR ALL")]), None, "a query and an update"),
    ("/sparql", None, "missing query"),
    ("/sparql?query=", None, "missing query"),
    ("/sparql?query=%FF", None, "not valid UTF-8"),
    ("/sparql?" + urlencode([("query", "SELECT ?s WHERE { ?s ?p }")]), None, "malformed SPARQL"),
])
def test_bad_parameters_are_400(endpoint, path, body, message):
    answer = send(endpoint.url, "GET", path)
    assert answer.status == 400 and message in answer.text, answer.text
    assert answer.text.count("\n") == 1


def test_unknown_paths_are_404(endpoint):
    assert send(endpoint.url, "GET", "/query?query=ASK%7B%7D").status == 404


@pytest.mark.parametrize("length", [b"-1", b"abc", b"", b"1e3"])
def test_a_bad_content_length_is_400_without_a_traceback(endpoint, length):
    request = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: " + length + b"\r\n\r\nASK {}")
    answer = raw(endpoint.port, request)
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert ask(endpoint.url).status == 200
    assert not any("Traceback" in line for line in endpoint.stderr)


def test_a_post_without_content_length_is_411(endpoint):
    answer = raw(endpoint.port, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Content-Type: application/sparql-query\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 411 ")


def test_request_bodies_are_capped(endpoint):
    # refused from Content-Length alone, before the body is read: the answer comes at once (the
    # connection stays open for the rest of the body, so the answer is read, not to the close)
    answer = first_answer(endpoint.port, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         b"Content-Type: application/sparql-query\r\nContent-Length: 5000000\r\n\r\n",
                          wait=5)
    assert answer.startswith(b"HTTP/1.1 413 ")
    form = "query=" + "%20" * 300_000  # a form may be percent-encoded, but not without end
    assert post(endpoint.url, form + "ASK%7B%7D", ctype="application/x-www-form-urlencoded").status == 413


def test_results_are_capped_never_cut(endpoint):
    answer = get(endpoint.url, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert answer.status == 507 and "LIMIT" in answer.text and "300,000 bytes" in answer.text
    small = get(endpoint.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "application/sparql-results+json")
    assert small.status == 200 and small.body.rstrip().endswith(b"}")


# -- Host and CORS --------------------------------------------------------------------------------

@pytest.mark.parametrize("host,status", [("evil.example", 400), ("evil.example:80", 400),
                                         ("127.0.0.1", 200), ("localhost", 200), ("[::1]", 200)])
def test_host_is_checked(endpoint, host, status):
    answer = raw(endpoint.port, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\n"
                                f"Connection: close\r\n\r\n".encode())
    assert answer.startswith(f"HTTP/1.1 {status} ".encode())


def test_cors_is_off_by_default(endpoint):
    answer = send(endpoint.url, "GET", "/sparql?query=ASK%7B%7D", {"Origin": "https://yasgui.example"})
    assert answer.status == 200 and "Access-Control-Allow-Origin" not in answer.headers
    preflight = send(endpoint.url, "OPTIONS", "/sparql", {"Origin": "https://yasgui.example",
                                                          "Access-Control-Request-Method": "POST"})
    assert preflight.status == 405


def test_cors_on_with_the_option(cors_endpoint):
    answer = send(cors_endpoint.url, "GET", "/sparql?query=ASK%7B%7D", {"Origin": "https://yasgui.example"})
    assert answer.status == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"
    preflight = send(cors_endpoint.url, "OPTIONS", "/sparql", {
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


# -- time limits ------------------------------------------------------------------------------------

def test_a_runaway_query_gets_503_and_its_engine_is_replaced(endpoint):
    before = endpoint.engine_pid()
    answer = get(endpoint.url, RUNAWAY, "application/sparql-results+json")
    assert answer.status == 503 and "time limit" in answer.text
    assert answer.seconds < 2 + 2 + 1.5  # --timeout plus the grace
    assert ask(endpoint.url).status == 200
    assert endpoint.engine_pid() != before  # the engine still sorting was replaced
    assert _gone(before)


# -- a dead engine ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGABRT])
def test_the_engine_is_restarted_when_killed(own_endpoint, sig):
    for _ in range(2):
        pid = own_endpoint.engine_pid()
        os.kill(pid, sig)
        first = ask(own_endpoint.url)  # the query that finds it dead, or its successor
        assert first.status in (200, 503) and first.seconds < 2
        second = ask(own_endpoint.url)
        assert second.status == 200 and second.seconds < 2, (second.text, own_endpoint.stderr)
        assert own_endpoint.engine_pid() != pid


def test_a_query_in_flight_when_the_engine_dies_gets_503(own_endpoint):
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(get, own_endpoint.url, SLOW, "text/csv")
        time.sleep(0.5)
        os.kill(own_endpoint.engine_pid(), signal.SIGKILL)
        answer = slow.result()
    assert answer.status == 503 and "not retried" in answer.text
    started = time.monotonic()
    assert ask(own_endpoint.url).status == 200 and time.monotonic() - started < 2


def test_the_crashing_path_is_refused_and_the_next_query_answered(own_endpoint):
    started = time.monotonic()
    assert post(own_endpoint.url, _path(3000)).status == 400
    assert ask(own_endpoint.url).status == 200
    assert time.monotonic() - started < 2


# -- many clients ------------------------------------------------------------------------------------

def _median_ask(url: str, n: int = 7) -> float:
    return statistics.median(ask(url).seconds for _ in range(n))


def test_slow_queries_get_503_at_the_time_limit_and_do_not_delay_a_trivial_one(endpoint):
    baseline = _median_ask(endpoint.url)
    with ThreadPoolExecutor(2) as pool:
        slow = [pool.submit(get, endpoint.url, SLOW, accept)
                for accept in ("text/csv", "application/sparql-results+json")]
        time.sleep(0.4)
        during = _median_ask(endpoint.url)
        assert all(not s.done() for s in slow)  # measured while both were running
        answers = [s.result() for s in slow]
    assert during < baseline + 0.1, (baseline, during)
    for answer in answers:
        assert answer.status == 503 and "time limit of 2 s" in answer.text
        assert answer.seconds < 2 + 2 + 1


def test_slow_clients_do_not_block_others(endpoint):
    """1,000 clients that send half a request line and wait; others are answered at once, and
    the half-sent requests are closed after the head time limit (``--head-timeout``, 2 s here)."""
    sockets = []
    try:
        for _ in range(1000):
            sock = socket.create_connection(("127.0.0.1", endpoint.port))
            sock.sendall(b"GET /sparql?query=AS")
            sockets.append(sock)
        body_stalled = socket.create_connection(("127.0.0.1", endpoint.port))
        body_stalled.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
                             b"\r\nContent-Length: 100\r\n\r\nASK")
        sockets.append(body_stalled)
        answers = [ask(endpoint.url) for _ in range(20)]
        assert all(a.status == 200 for a in answers)
        assert max(a.seconds for a in answers) < 1
        sockets[0].settimeout(8)
        assert sockets[0].recv(100) == b""  # closed by the server, no answer owed
    finally:
        for sock in sockets:
            sock.close()
    assert ask(endpoint.url).status == 200


def test_concurrent_clients_are_all_answered(endpoint):
    queries = ["ASK {}", SELECT_PLANS, GT + "SELECT (COUNT(*) AS ?n) WHERE { ?s a gt:Commitment }"]
    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(lambda i: get(endpoint.url, queries[i % 3], "text/csv"), range(300)))
    assert [a.status for a in answers] == [200] * 300


# -- the page, addresses, starting and stopping ------------------------------------------------------

def test_binds_to_loopback_and_lists_the_library(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")
    page = urllib.request.urlopen(f"{endpoint.url}/", timeout=10).read().decode()
    for name in ("thread", "orphans", "coverage", "matrix", "drift"):
        assert f'id="q-{name}"' in page
    assert "&lt;https://w3id.org/goldenthread/ontology#&gt;" in page  # query text is escaped
    assert NORTHMERE in page and ONE in page


def _store_folder(pid: int) -> Path:
    """The folder an engine serves (its --location)."""
    args = _cmdline(pid).split(b"\0")
    return Path(args[args.index(b"--location") + 1].decode())


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_leaves_no_engine_nor_folder(graph_dir, sig):
    with serving("--graph", str(graph_dir)) as served:
        engine = served.engine_pid()
        folder = _store_folder(engine)
        assert folder.name.startswith("goldenthread-serve-") and folder.is_dir()  # a build served from memory
        assert ask(served.url).status == 200
        served.proc.send_signal(sig)
        assert served.proc.wait(timeout=10) == 0
        assert _gone(engine)
        assert not folder.exists()
    assert not any("Traceback" in line for line in served.stderr)


def test_a_killed_guard_takes_its_engine_with_it(graph_dir):
    with serving("--graph", str(graph_dir)) as served:
        engine = served.engine_pid()
        served.proc.kill()
        served.proc.wait()
        assert _gone(engine)


def test_listening_beyond_loopback_warns(graph_dir):
    with serving("--graph", str(graph_dir), "--host", "0.0.0.0") as served:
        assert ask(served.url).status == 200  # any Host: the server cannot know its names
        served.proc.terminate()
        rest = served.proc.stdout.read()
    assert "warning: listening on 0.0.0.0, reachable from other machines" in served.first_line + rest


def _serve_fails(*args: str) -> str:
    done = run_cli("serve", *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    return done.stderr


def test_serve_errors_are_one_line(graph_dir, tmp_path):
    assert "nothing to serve" in _serve_fails()
    assert "unknown store" in _serve_fails("--graph", str(graph_dir), "--store", "rdflib")
    assert "use --max-bytes" in _serve_fails("--graph", str(graph_dir), "--max-rows", "10")
    assert "--head-timeout must be greater than 0" in _serve_fails("--graph", str(graph_dir), "--head-timeout", "0")
    assert "no Oxigraph store there" in _serve_fails("--store", f"oxigraph:{tmp_path / 'missing'}")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert f"cannot listen on 127.0.0.1:{port}" in _serve_fails("--graph", str(graph_dir), "--port", str(port))


# -- publishing ------------------------------------------------------------------------------

def oxigraph_binary() -> str:
    path = shutil.which("oxigraph")
    require(path is not None, "the Oxigraph server (pip install oxigraph)")
    return path


@pytest.fixture()
def oxigraph_server(tmp_path):
    with oxigraph_serving(oxigraph_binary(), "--location", str(tmp_path / "store")) as base:
        yield base


def _count(server: str, graph_iri: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    result = client(f"{server}/query", query).convert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_publish_replaces_the_named_graph(graph_dir, oxigraph_server):
    from rdflib import Graph

    expected = len(Graph().parse(graph_dir / "graph.ttl"))
    iri = "https://example.org/graph/northmere"
    for _ in range(2):  # publishing twice does not duplicate
        done = publish_cli(graph_dir, f"{oxigraph_server}/store", "--graph-iri", iri)
        assert done.returncode == 0, done.stderr
        assert f"published {expected} triples" in done.stdout
        assert _count(oxigraph_server, iri) == expected
    # the server holds exactly the triples of graph.ttl
    construct = client(f"{oxigraph_server}/query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
                       "turtle").convert()
    from rdflib.compare import isomorphic

    assert isomorphic(Graph().parse(data=construct, format="turtle"), Graph().parse(graph_dir / "graph.ttl"))


def test_publish_to_a_dead_endpoint_changes_nothing(graph_dir, oxigraph_server):
    iri = "https://example.org/graph/northmere"
    assert publish_cli(graph_dir, f"{oxigraph_server}/store", "--graph-iri", iri).returncode == 0
    before = _count(oxigraph_server, iri)
    dead = f"http://127.0.0.1:{unused_port()}/store"
    done = publish_cli(graph_dir, dead, "--graph-iri", iri)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"error: {dead}: cannot reach the endpoint")
    assert "Traceback" not in done.stderr
    assert _count(oxigraph_server, iri) == before


def test_credentials_come_from_the_environment(graph_dir):
    """A server that demands basic auth sees the credentials from the environment."""
    import base64
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_PUT(self):  # noqa: N802
            seen["auth"] = self.headers.get("Authorization")
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(401 if seen["auth"] is None else 204)
            self.end_headers()

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        refused = publish_cli(graph_dir, url)
        assert (refused.returncode == 2 and "HTTP 401" in refused.stderr
                and "GOLDENTHREAD_PUBLISH_USER" in refused.stderr)
        ok = publish_cli(graph_dir, url,
                         env={"GOLDENTHREAD_PUBLISH_USER": "analyst", "GOLDENTHREAD_PUBLISH_PASSWORD": "s3cret"})
        assert ok.returncode == 0, ok.stderr
        assert seen["auth"] == "Basic " + base64.b64encode(b"analyst:s3cret").decode()
        assert "s3cret" not in ok.stdout + ok.stderr
    finally:
        server.shutdown()
