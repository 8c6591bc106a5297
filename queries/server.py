"""A read-only SPARQL 1.1 Protocol endpoint over the graph, for analysts' own tools.

Inputs: an Oxigraph store holding one or more builds (named graphs), the address to
bind (127.0.0.1 unless told otherwise), a per-query timeout and a result-row cap.
Outputs: an HTTP server with
- ``/sparql``: GET ``?query=`` or POST (``application/sparql-query`` body, or a form
  with ``query=``); ``default-graph-uri`` / ``named-graph-uri`` select graphs; results
  as SPARQL JSON, CSV or TSV (by ``Accept`` or ``format=json|csv|tsv``), Turtle or
  N-Triples for CONSTRUCT/DESCRIBE;
- ``/``: a small page listing the library's queries with a form to run a query.
Updates, ``LOAD`` and ``SERVICE`` are refused with 403, malformed queries get 400, a
query running past the timeout gets 503, results past the row cap are cut (the
``X-Goldenthread-Truncated`` header says so).

Queries run in a child process: on timeout the child is killed and a fresh one forked,
so the limit is enforced rather than merely reported.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from goldenthread.loaders.errors import GoldenthreadError
from goldenthread.queries.library import library, query_text
from goldenthread.queries.safety import QueryRefused, prepare_read_only

JSON_TYPE = "application/sparql-results+json"
FORMATS = {"json": JSON_TYPE, "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"turtle": "text/turtle", "nt": "application/n-triples"}
MAX_QUERY_BYTES = 1_000_000


# -- results serialisation (row cap applied while reading) ------------------------------

def _term_json(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _csv_cell(term: Any) -> str:
    value = "" if term is None else term.value
    if any(c in value for c in ',"\n\r'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _tsv_cell(term: Any) -> str:
    if term is None:
        return ""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    escaped = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t")
    if term.language:
        return f'"{escaped}"@{term.language}'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{term.datatype.value}>'
    return f'"{escaped}"'


def execute(store: Any, text: str, fmt: str, graph_fmt: str, max_rows: int,
            default_graphs: list[str], named_graphs: list[str]) -> tuple[int, str, bytes, bool]:
    """Run one checked query on an Oxigraph store: (status, content type, body, truncated)."""
    import pyoxigraph as ox

    kwargs: dict[str, Any] = {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(text, **kwargs)
    except SyntaxError as exc:
        return 400, "text/plain; charset=utf-8", f"malformed SPARQL: {exc}".encode(), False
    if isinstance(result, ox.QueryBoolean):
        answer = bool(result)
        if fmt == "json":
            return 200, JSON_TYPE, json.dumps({"head": {}, "boolean": answer}).encode(), False
        return 200, FORMATS[fmt] + "; charset=utf-8", ("true" if answer else "false").encode(), False
    if isinstance(result, ox.QueryTriples):
        rdf_format = ox.RdfFormat.TURTLE if graph_fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        body = result.serialize(format=rdf_format) or b""
        return 200, GRAPH_FORMATS[graph_fmt] + "; charset=utf-8", body, False
    names = [v.value for v in result.variables]
    rows, truncated = [], False
    for solution in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append([solution[n] for n in names])
    if fmt == "json":
        bindings = [{n: _term_json(t) for n, t in zip(names, row) if t is not None} for row in rows]
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
        return 200, JSON_TYPE, body.encode("utf-8"), truncated
    if fmt == "csv":
        lines = [",".join(names)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return 200, "text/csv; charset=utf-8", ("\r\n".join(lines) + "\r\n").encode("utf-8"), truncated
    lines = ["\t".join(f"?{n}" for n in names)] + ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return 200, "text/tab-separated-values; charset=utf-8", ("\n".join(lines) + "\n").encode("utf-8"), truncated


# -- the worker process that enforces the timeout ---------------------------------------

def _worker(conn: Any, parent_end: Any, store: Any, path: str | None) -> None:
    parent_end.close()  # so the pipe reports EOF, and this process ends, when the server goes
    if path:  # an on-disk store is reopened read-only in the child
        import pyoxigraph as ox

        store = ox.Store.read_only(path)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(execute(store, *request))
        except Exception as exc:  # noqa: BLE001 - report any store failure to the client
            conn.send((500, "text/plain; charset=utf-8", f"query failed: {exc}".encode(), False))


class QueryRunner:
    """Runs queries one at a time in a forked child; kills and replaces it on timeout."""

    def __init__(self, store: Any, timeout: float, path: str | None = None):
        self.store = store
        self.path = path
        self.timeout = timeout
        self.lock = threading.Lock()
        self.context = multiprocessing.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child, self.conn, None if self.path
                                                                  else self.store, self.path), daemon=True)
        self.process.start()
        child.close()

    def run(self, *request: Any) -> tuple[int, str, bytes, bool]:
        with self.lock:
            self.conn.send(request)
            if self.conn.poll(self.timeout):
                return self.conn.recv()
            self.process.kill()
            self.process.join()
            self._start()
            return (503, "text/plain; charset=utf-8",
                    f"query exceeded the time limit of {self.timeout:g} s".encode(), False)

    def close(self) -> None:
        self.process.kill()
        self.process.join()


# -- HTTP ---------------------------------------------------------------------------------

_ALIASES = {"application/json": "json", "application/x-turtle": "turtle", "text/plain": "nt"}


def _choose(accept: str, explicit: str | None, allowed: dict[str, str], default: str) -> str | None:
    """Format name from an explicit ``format=`` or the Accept header (first match wins)."""
    if explicit:
        return explicit if explicit in allowed else None
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        for name, mime in allowed.items():
            if media == mime or _ALIASES.get(media) == name:
                return name
    return default


def query_page(graphs: list[str]) -> str:
    """The endpoint's front page: the library's queries and a form (all text escaped)."""
    items = "\n".join(
        f'<li><h3 id="q-{html.escape(name)}">{html.escape(name)}</h3><p>{html.escape(title)}</p>'
        f'<pre>{html.escape(query_text(name))}</pre></li>' for name, title in library().items())
    graph_items = "\n".join(f"<li><code>{html.escape(g)}</code></li>" for g in graphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>goldenthread SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}}
pre{{background:#f3f3f3;padding:.5rem;overflow:auto}} textarea{{width:100%;font-family:monospace}}
label{{font-weight:600;display:block;margin-top:.5rem}} button{{margin-top:.5rem;padding:.4rem 1rem}}
:focus{{outline:3px solid #1d4ed8;outline-offset:2px}}</style></head>
<body><header><h1>goldenthread SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint at <code>/sparql</code> (GET or POST). Results as JSON, CSV or TSV;
CONSTRUCT and DESCRIBE as Turtle. Updates, LOAD and SERVICE are refused.</p></header>
<main><section aria-labelledby="run"><h2 id="run">Run a query</h2>
<form action="/sparql" method="get"><label for="query">Query</label>
<textarea id="query" name="query" rows="8">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<label for="format">Result format</label><select id="format" name="format">
<option value="json">JSON</option><option value="csv">CSV</option><option value="tsv">TSV</option></select>
<button type="submit">Run query</button></form></section>
<section aria-labelledby="graphs"><h2 id="graphs">Named graphs</h2><ul>{graph_items}</ul>
<p>Queries see the union of all graphs; use <code>GRAPH</code>, <code>FROM</code> or
<code>default-graph-uri</code> to query one.</p></section>
<section aria-labelledby="library"><h2 id="library">Library queries</h2>
<p>Parameters such as <code>?focus</code> are bound by goldenthread's own tools; bind them with
<code>VALUES</code> when running a library query here.</p><ul>{items}</ul></section></main></body></html>
"""


def make_handler(runner: QueryRunner, graphs: list[str], max_rows: int):
    page = query_page(graphs).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "goldenthread"
        sys_version = ""

        def log_message(self, fmt: str, *args: Any) -> None:  # quiet by default
            pass

        def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _text(self, status: int, message: str) -> None:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            url = urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                self._send(200, "text/html; charset=utf-8", page,
                           {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                       "form-action 'self'"})
                return
            if url.path != "/sparql":
                self._text(404, "not found: the endpoint is /sparql")
                return
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                self._text(403, "updates are refused: this endpoint is read-only")
                return
            self._answer(params.get("query", [""])[0], params)

        do_HEAD = do_GET

        def do_POST(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path != "/sparql":
                self._text(404, "not found: the endpoint is /sparql")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_QUERY_BYTES:
                self._text(413, "query too large")
                return
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query, keep_blank_values=True)
            if ctype == "application/sparql-update":
                self._text(403, "updates are refused: this endpoint is read-only")
                return
            if ctype == "application/sparql-query":
                self._answer(body, params)
                return
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    self._text(403, "updates are refused: this endpoint is read-only")
                    return
                self._answer(form.get("query", [""])[0], {**params, **form})
                return
            self._text(415, "unsupported content type: use application/sparql-query or a form")

        def do_PUT(self) -> None:  # noqa: N802
            self._text(405, "method not allowed: this endpoint is read-only")

        do_DELETE = do_PATCH = do_PUT

        def _answer(self, text: str, params: dict[str, list[str]]) -> None:
            if not text.strip():
                self._text(400, "missing query parameter")
                return
            try:
                prepare_read_only(text, "query", allow_dataset=True)
            except QueryRefused as exc:
                self._text(403, str(exc).removeprefix("query: "))
                return
            except GoldenthreadError as exc:
                self._text(400, str(exc).removeprefix("query: "))
                return
            accept = self.headers.get("Accept", "")
            explicit = (params.get("format") or params.get("output") or [None])[0]
            if explicit is not None and explicit not in FORMATS and explicit not in GRAPH_FORMATS:
                self._text(406, "unsupported format: use json, csv, tsv, turtle or nt")
                return
            fmt = _choose(accept, explicit if explicit in FORMATS else None, FORMATS, "json")
            graph_fmt = _choose(accept, explicit if explicit in GRAPH_FORMATS else None, GRAPH_FORMATS, "turtle")
            status, ctype, body, truncated = runner.run(
                text, fmt, graph_fmt, max_rows, params.get("default-graph-uri", []),
                params.get("named-graph-uri", []))
            extra = {"X-Goldenthread-Truncated": f"true; max-rows={max_rows}"} if truncated else {}
            self._send(status, ctype, body, extra)

    return Handler


def serve(store: Any, graphs: list[str], host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_rows: int = 10_000, path: str | None = None) -> tuple[ThreadingHTTPServer, QueryRunner]:
    """A ready (not yet running) server; call ``serve_forever()`` on the first value.

    store: a pyoxigraph Store (in memory), or None with ``path`` naming an on-disk store.
    """
    runner = QueryRunner(store, timeout, path)
    try:
        server = ThreadingHTTPServer((host, port), make_handler(runner, graphs, max_rows))
    except OSError as exc:
        runner.close()
        raise GoldenthreadError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return server, runner
