"""`goldenthread publish` against a real Oxigraph server: a late answer is checked before
anything is said, credentials are never printed, and Basic auth over http is warned about."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import require
from helpers import publish_cli
from rdflib import Graph
from rdflib.compare import isomorphic
from servers import oxigraph_serving


@pytest.fixture(scope="module")
def graph_dir(example_out: Path) -> Path:
    return example_out  # publish only reads the build


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    import shutil

    binary = shutil.which("oxigraph")
    require(binary is not None, "the oxigraph server (pip install oxigraph)")
    with oxigraph_serving(binary, "--location", str(tmp_path_factory.mktemp("store")),
                          probe="/query?query=ASK%7B%7D") as base:
        yield base


class _Slow(BaseHTTPRequestHandler):
    """Forwards a PUT to the real server, then waits before answering: a store that keeps the
    graph but answers after the client's timeout."""

    upstream = ""
    delay = 0.0

    def do_PUT(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        forward = urllib.request.Request(self.upstream + self.path, data=body, method="PUT",
                                         headers={"Content-Type": self.headers["Content-Type"]})
        with urllib.request.urlopen(forward, timeout=30):
            pass
        time.sleep(self.delay)
        self.send_response(204)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        try:
            with urllib.request.urlopen(self.upstream + self.path, timeout=30) as upstream:
                data = upstream.read()
        except urllib.error.HTTPError as exc:  # no such graph: 404, as the server says
            self.send_response(exc.code)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class _Lost(_Slow):
    """Answers a PUT after the client's timeout without storing the graph."""

    def do_PUT(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.delay)
        self.send_response(204)
        self.end_headers()


def _serving(handler_class, oxigraph):
    handler = type(handler_class.__name__, (handler_class,), {"upstream": oxigraph, "delay": 3.0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def slow_store(oxigraph):
    server = _serving(_Slow, oxigraph)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def losing_store(oxigraph):
    server = _serving(_Lost, oxigraph)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_late_answer_is_checked_before_anything_is_said(graph_dir, slow_store, oxigraph):
    iri = "http://example.org/graph/late"
    done = publish_cli(graph_dir, f"{slow_store}/store", "--graph-iri", iri, "--timeout", "1")
    assert done.returncode == 0, done.stderr
    assert "the server answered after 1 s; the graph was read back and matches" in done.stdout
    assert "nothing was published" not in done.stdout + done.stderr
    with urllib.request.urlopen(f"{oxigraph}/store?graph={iri}", timeout=30) as response:
        held = Graph().parse(data=response.read().decode("utf-8"), format="turtle")
    assert isomorphic(held, Graph().parse(graph_dir / "graph.ttl", format="turtle"))


def test_a_late_answer_without_the_graph_says_how_many_triples_were_sent_and_how_many_are_held(
        graph_dir, losing_store):
    iri = "http://example.org/graph/lost"
    done = publish_cli(graph_dir, f"{losing_store}/store", "--graph-iri", iri, "--timeout", "1")
    sent = len(Graph().parse(graph_dir / "graph.ttl", format="turtle"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {losing_store}/store: no answer within 1 s, and the server now holds 0 triples in that graph, "
        f"not the {sent} sent: it was not (yet) replaced; publish again, or raise --timeout"]


def test_credentials_in_the_url_are_refused_without_printing_them(graph_dir, oxigraph):
    port = oxigraph.rsplit(":", 1)[1]
    done = publish_cli(graph_dir, f"http://analyst:s3cret-pw@127.0.0.1:{port}/store")
    assert done.returncode == 2 and "s3cret-pw" not in done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"error: http://127.0.0.1:{port}/store: credentials in the URL are not used (they would show in logs "
        "and process lists); set $GOLDENTHREAD_PUBLISH_USER and $GOLDENTHREAD_PUBLISH_PASSWORD instead"]


def test_basic_auth_over_plain_http_is_warned_about(graph_dir):
    # a host that is not this machine, on a closed port: the warning comes before the attempt
    done = publish_cli(graph_dir, "http://192.0.2.1:9/store", "--timeout", "1",
                    env={"GOLDENTHREAD_PUBLISH_USER": "analyst", "GOLDENTHREAD_PUBLISH_PASSWORD": "s3cret-pw"})
    assert done.returncode == 2 and "s3cret-pw" not in done.stdout + done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == ("warning: http://192.0.2.1:9/store: Basic auth over plain http sends the password "
                        "readable on the network; use https")
    assert len(lines) == 2 and lines[1].startswith("error: http://192.0.2.1:9/store: ")


def test_a_timeout_must_be_positive(graph_dir, oxigraph):
    done = publish_cli(graph_dir, f"{oxigraph}/store", "--timeout", "0")
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --timeout must be more than 0 seconds, not 0"
