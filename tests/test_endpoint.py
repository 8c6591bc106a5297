"""The read-only SPARQL endpoint (`goldenthread serve`), tested with a standard client
(SPARQLWrapper), and publishing to a real Oxigraph server (`goldenthread publish`)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from conftest import EXAMPLE, require
from goldenthread.graph.build import build_graph
from goldenthread.graph.rdf import to_turtle
from goldenthread.graph.serialize import to_json

GT = "PREFIX gt: <https://w3id.org/goldenthread/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def running(cmd: list[str], url: str):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(url)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    graph = build_graph(EXAMPLE).graph
    (out / "graph.json").write_text(to_json(graph), encoding="utf-8")
    (out / "graph.ttl").write_text(to_turtle(graph), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def endpoint(graph_dir):
    port = free_port()
    cmd = [sys.executable, "-m", "goldenthread.cli.main", "serve", "--graph", str(graph_dir),
           "--port", str(port), "--timeout", "2", "--max-rows", "50"]
    with running(cmd, f"http://127.0.0.1:{port}/") as proc:
        yield f"http://127.0.0.1:{port}", proc


def client(url: str, query: str, fmt: str = "json", method: str = "GET"):
    from SPARQLWrapper import GET, POST, SPARQLWrapper

    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setMethod(POST if method == "POST" else GET)
    sparql.setReturnFormat(fmt)
    return sparql.query()


def test_select_with_a_standard_client(endpoint):
    url, _ = endpoint
    query = GT + "SELECT ?label WHERE { ?b a gt:Board ; skos:prefLabel ?label } ORDER BY ?label"
    for method in ("GET", "POST"):
        result = client(f"{url}/sparql", query, method=method).convert()
        labels = [b["label"]["value"] for b in result["results"]["bindings"]]
        assert "Children and Families Partnership Board" in labels and len(labels) == 7
        assert result["results"]["bindings"][0]["label"]["type"] == "literal"


def test_csv_tsv_ask_and_construct(endpoint):
    url, _ = endpoint
    query = GT + "SELECT ?p WHERE { ?p a gt:Plan } ORDER BY ?p"
    csv_text = client(f"{url}/sparql", query, "csv").convert().decode()
    assert csv_text.splitlines()[0] == "p" and len(csv_text.splitlines()) == 3
    tsv_text = client(f"{url}/sparql", query, "tsv").convert().decode()
    assert tsv_text.splitlines()[0] == "?p" and tsv_text.splitlines()[1].startswith("<https://")
    assert client(f"{url}/sparql", 'ASK { ?s ?p "Homes people can afford" }').convert()["boolean"] is True
    graph = client(f"{url}/sparql", GT + "CONSTRUCT { ?b a gt:Board } WHERE { ?b a gt:Board }", "turtle").convert()
    from rdflib import Graph

    assert len(Graph().parse(data=graph, format="turtle")) == 7


@pytest.mark.parametrize("body,ctype,status", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update", 403),
    ("update=DROP%20ALL", "application/x-www-form-urlencoded", 403),
    ("LOAD <http://example.org/x.ttl>", "application/sparql-query", 403),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "application/sparql-query", 403),
    ("SELECT ?s WHERE { ?s ?p }", "application/sparql-query", 400),
])
def test_read_only_refusals(endpoint, body, ctype, status):
    url, _ = endpoint
    request = urllib.request.Request(f"{url}/sparql", data=body.encode(), method="POST",
                                     headers={"Content-Type": ctype})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == status
    # the graph is unchanged
    count = client(f"{url}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }").convert()
    assert count["results"]["bindings"][0]["n"]["value"] == "0"


def test_timeout_and_row_cap(endpoint):
    url, _ = endpoint
    started = time.monotonic()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{url}/sparql?query={urllib.request.quote(slow)}", timeout=30)
    assert err.value.code == 503 and time.monotonic() - started < 15
    # the endpoint still answers after a killed query
    many = client(f"{url}/sparql", "SELECT * WHERE { ?s ?p ?o }")
    assert len(many.convert()["results"]["bindings"]) == 50
    assert many.info()["x-goldenthread-truncated"].startswith("true")


def test_binds_to_loopback_and_lists_the_library(endpoint):
    url, proc = endpoint
    assert url.startswith("http://127.0.0.1:")
    page = urllib.request.urlopen(f"{url}/", timeout=10).read().decode()
    for name in ("thread", "orphans", "coverage", "matrix", "drift"):
        assert f'id="q-{name}"' in page
    assert "&lt;https://w3id.org/goldenthread/ontology#&gt;" in page  # query text is escaped


# -- publishing ------------------------------------------------------------------------------

def oxigraph_binary() -> str:
    path = shutil.which("oxigraph")
    require(path is not None, "the Oxigraph server (pip install oxigraph)")
    return path


@pytest.fixture()
def oxigraph_server(tmp_path):
    port = free_port()
    cmd = [oxigraph_binary(), "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"]
    with running(cmd, f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}"


def _count(server: str, graph_iri: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    result = client(f"{server}/query", query).convert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def _publish(graph_dir, endpoint, *extra, env=None):
    return subprocess.run([sys.executable, "-m", "goldenthread.cli.main", "publish", "--graph", str(graph_dir),
                           "--endpoint", endpoint, *extra], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_publish_replaces_the_named_graph(graph_dir, oxigraph_server):
    from rdflib import Graph

    expected = len(Graph().parse(graph_dir / "graph.ttl"))
    iri = "https://example.org/graph/northmere"
    for _ in range(2):  # publishing twice does not duplicate
        done = _publish(graph_dir, f"{oxigraph_server}/store", "--graph-iri", iri)
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
    assert _publish(graph_dir, f"{oxigraph_server}/store", "--graph-iri", iri).returncode == 0
    before = _count(oxigraph_server, iri)
    dead = f"http://127.0.0.1:{free_port()}/store"
    done = _publish(graph_dir, dead, "--graph-iri", iri)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"error: {dead}: cannot reach the endpoint")
    assert "Traceback" not in done.stderr
    assert _count(oxigraph_server, iri) == before


def test_credentials_come_from_the_environment(graph_dir):
    """A server that demands basic auth sees the credentials from the environment."""
    import base64
    import threading
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
        refused = _publish(graph_dir, url)
        assert refused.returncode == 2 and "HTTP 401" in refused.stderr and "GOLDENTHREAD_PUBLISH_USER" in refused.stderr
        ok = _publish(graph_dir, url, env={"GOLDENTHREAD_PUBLISH_USER": "analyst", "GOLDENTHREAD_PUBLISH_PASSWORD": "s3cret"})
        assert ok.returncode == 0, ok.stderr
        assert seen["auth"] == "Basic " + base64.b64encode(b"analyst:s3cret").decode()
        assert "s3cret" not in ok.stdout + ok.stderr
    finally:
        server.shutdown()
