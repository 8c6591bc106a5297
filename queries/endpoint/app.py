"""The guard: an ASGI application (Starlette) in front of the query engine.

Inputs: an ``Engine`` (engine.py) and ``Settings``.
Outputs: ``create_app(engine, settings)``, serving
- ``/sparql``: the SPARQL 1.1 Protocol query operation (GET, POST form, POST
  ``application/sparql-query``), passed to the engine once protocol.py and limits.py accept
  it, with the dataset rule below; the engine's answer comes back whole or not at all;
- ``/``: the query page (page.py).

What the guard adds to the engine, and why:
- refusals the engine lacks or gets wrong: SERVICE, updates, queries it would crash or hang
  on (limits.py), bad parameters (protocol.py), request bodies over the size limit or slower
  than ``BODY_TIMEOUT``;
- the dataset rule: a request that names no dataset (no FROM / FROM NAMED in the query, no
  ``default-graph-uri`` / ``named-graph-uri``) has the union of all named graphs as its
  default graph; one that names a dataset gets exactly that (the engine's own
  ``--union-default-graph`` would override FROM, so it is asked per request instead);
- results whole or not at all: the engine streams results and, when a query fails half
  way (its time limit), ends a 200 response with the error text. The guard buffers up to
  ``max_bytes`` and checks the result ends as its format must (``complete``): a larger
  result gets 507 asking for a LIMIT, a failed one 503/500, never a cut body;
- a deadline of ``timeout + GRACE`` seconds on each query (the engine's limit misses
  planning and some sorts): past it the query gets 503 and that engine is replaced;
- 503 with ``Retry-After`` while the engine restarts after a crash;
- ``Host`` checked (Starlette's TrustedHostMiddleware), CORS only with ``cors``
  (CORSMiddleware), 405 with ``Allow``, one-line ``text/plain`` errors.
"""

from __future__ import annotations

import asyncio
import ssl
import sys
from dataclasses import dataclass, field

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from goldenthread.queries.endpoint.engine import Engine, Instance
from goldenthread.queries.endpoint.limits import Limits, Refusal, check_query
from goldenthread.queries.endpoint.page import query_page
from goldenthread.queries.endpoint.protocol import FORM_TYPE, QueryRequest, check_post_type, read_request

GRACE = 2.0  # seconds past --timeout before the guard gives up on the engine
BODY_TIMEOUT = 30.0  # seconds a client may take to send its request body
RESTART_WAIT = 1.5  # seconds a request waits for a restarting engine before 503
INLINE_CHECK_BYTES = 16 * 1024  # larger queries are checked in a thread, off the event loop
CANCELLED = b"The SPARQL operation has been cancelled"
TEXT = "text/plain; charset=utf-8"
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff"}
CLOSE = {"Connection": "close"}  # the connection ends with this answer


@dataclass
class Settings:
    graphs: list[str]
    timeout: float = 10.0
    max_bytes: int = 50_000_000
    cors: bool = False
    head_timeout: float = 10.0  # seconds a client may take to send a request head (server.py)
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost", "[::1]"])
    limits: Limits = field(default_factory=Limits)


class ResultBudget:
    """Bytes of results held at once by all requests, so many large answers cannot exhaust
    memory: each request may hold up to ``max_bytes``, all together ``8 × max_bytes``."""

    def __init__(self, total: int):
        self.total = total
        self.used = 0

    def take(self, n: int) -> bool:
        if self.used + n > self.total:
            return False
        self.used += n
        return True

    def give(self, n: int) -> None:
        self.used -= n


def text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A one-line plain-text answer (every error the guard gives)."""
    line = " ".join(message.split())
    return Response(line + "\n", status, {**COMMON_HEADERS, **(headers or {})}, media_type=TEXT)


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n:,} bytes"


# -- reading the request ----------------------------------------------------------------

async def read_body(request: Request, cap: int) -> bytes:
    """The request body, at most ``cap`` bytes, within ``BODY_TIMEOUT`` s; else ``Refusal``.

    A body over the cap is answered 413 at once and the connection kept: uvicorn reads and
    drops the rest of it (closing now would reset the connection under a client still
    sending, which may then never read the answer). A body too slow to arrive is answered 408
    and its connection closed (``CLOSE``)."""
    length = request.headers.get("content-length")
    if length is None and "chunked" not in request.headers.get("transfer-encoding", "").lower():
        raise Refusal(411, "a POST needs a Content-Length (or chunked transfer encoding)")
    if length is not None and int(length) > cap:  # h11 has checked it is a number
        raise Refusal(413, f"request body too large: {int(length):,} bytes is over the limit of {cap:,} bytes")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise Refusal(413, f"request body too large: over the limit of {cap:,} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise Refusal(408, f"the request body did not arrive within {BODY_TIMEOUT:g} s", CLOSE) from None
    return b"".join(chunks)


# -- answering from the engine ----------------------------------------------------------

_ENDINGS = [  # how a complete body of each streamed format ends (after trailing white space)
    ("application/sparql-results+json", (b"}",)),
    ("application/sparql-results+xml", (b"</sparql>",)),
    ("application/rdf+xml", (b"</rdf:RDF>",)),
    ("application/ld+json", (b"]", b"}")),
]


def complete(body: bytes, content_type: str) -> bool:
    """Whether a streamed result ended as its format does, rather than with the error text
    the engine writes when a query fails after its answer has begun (no newline, bracket or
    closing tag ends that text). Line-based formats (CSV, TSV, N-Triples, N-Quads, Turtle)
    end with a newline; an empty result is complete."""
    if not body:
        return True
    kind = content_type.split(";")[0].strip().lower()
    for media, endings in _ENDINGS:
        if kind == media:
            return body.rstrip().endswith(endings)
    return body.endswith(b"\n")


def _engine_message(body: bytes) -> str:
    return " ".join(body[:500].decode("utf-8", "replace").split())


class Guard:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.settings = settings
        self.budget = ResultBudget(8 * settings.max_bytes)
        # a connection per query: the engine writes a stray response after a failed stream,
        # which must not reach the next query (and new connections measured faster here)
        # the engine is plain HTTP on loopback: the client's TLS context is left without the CA
        # bundle httpx loads by default (90 ms at start), so it could verify no server at all
        self.client = httpx.AsyncClient(limits=httpx.Limits(max_connections=None, max_keepalive_connections=0),
                                        timeout=httpx.Timeout(None), trust_env=False,
                                        verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
        self.too_slow = text(503, f"query exceeded the time limit of {settings.timeout:g} s",
                             {"Retry-After": "1"})

    async def sparql(self, request: Request) -> Response:
        try:
            body = None
            if request.method == "POST":
                kind = check_post_type(request.headers.get("content-type"))
                limit = self.settings.limits.max_query_bytes
                body = await read_body(request, limit if kind != FORM_TYPE else 3 * limit + 64 * 1024)
            query = read_request(request.method, request.scope.get("query_string", b""),
                                 request.headers.get("content-type"), body, request.headers.get("accept"),
                                 self.settings.limits.max_query_bytes)
            if len(query.query) > INLINE_CHECK_BYTES:
                facts = await asyncio.to_thread(check_query, query.query, self.settings.limits)
            else:
                facts = check_query(query.query, self.settings.limits)
            return await self.forward(query, facts.names_dataset, request.headers.get("host"))
        except Refusal as refusal:
            return text(refusal.status, refusal.message, refusal.headers)

    async def forward(self, query: QueryRequest, query_names_dataset: bool, host: str | None) -> Response:
        params = [("default-graph-uri", g) for g in query.default_graphs]
        params += [("named-graph-uri", g) for g in query.named_graphs]
        if not (query_names_dataset or query.names_dataset):
            params.append(("union-default-graph", ""))
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Connection": "close"}
        if host:  # the engine resolves relative IRIs against the address the client used
            headers["Host"] = host
        if query.accept:
            headers["Accept"] = query.accept
        content = query.query.encode("utf-8")
        # An engine that refuses the connection has died before its exit is noticed (the
        # child is reaped asynchronously): nothing was sent, so the query goes to its
        # replacement, once.
        for _ in range(2):
            instance = await self.engine.acquire(RESTART_WAIT)
            if instance is None:
                break
            try:
                async with asyncio.timeout(self.settings.timeout + GRACE):
                    return await self._exchange(instance, params, headers, content)
            except httpx.ConnectError:
                self.engine.lost(instance)
            except TimeoutError:
                self.engine.replace(instance)
                return self.too_slow
            except httpx.TransportError:
                # mid-answer: the engine is dying. Its replacement starts now, not once the watcher
                # notices the exit: until then the next query went to the dying engine too and, on a
                # busy machine, failed the same way (tests/test_endpoint.py, a query in flight)
                self.engine.lost(instance)
                return text(503, "the query engine stopped while answering this query (it is being "
                                 "restarted; the query is not retried)", {"Retry-After": "1"})
            finally:
                self.engine.release(instance)
        return text(503, "the query engine is restarting; try again in a moment", {"Retry-After": "1"})

    async def _exchange(self, instance: Instance, params: list, headers: dict, content: bytes) -> Response:
        async with self.client.stream("POST", f"{instance.url}/query", params=params, headers=headers,
                                      content=content) as answer:
            chunks, size = [], 0
            try:
                async for chunk in answer.aiter_raw():
                    size += len(chunk)
                    if size > self.settings.max_bytes:
                        return text(507, f"the result is larger than {_size(self.settings.max_bytes)} "
                                         "(--max-bytes): add a LIMIT, or select fewer rows or variables")
                    if not self.budget.take(len(chunk)):
                        return text(503, "the server is holding too many large results; try again in a moment",
                                    {"Retry-After": "2"})
                    chunks.append(chunk)
                return self._answer(answer, b"".join(chunks))
            finally:
                self.budget.give(sum(len(c) for c in chunks))

    def _answer(self, answer: httpx.Response, body: bytes) -> Response:
        ctype = answer.headers.get("content-type", "application/octet-stream")
        status = answer.status_code
        if status == 200:
            streamed = "content-length" not in answer.headers
            if streamed and not complete(body, ctype):
                if body.endswith(CANCELLED):
                    return self.too_slow
                tail = body[-300:].decode("utf-8", "replace").splitlines()[-1:] or [""]
                return text(500, f"the query failed while its results were being written: {tail[0][-200:]}")
            return Response(body, 200, {**COMMON_HEADERS, "Vary": "Accept"}, media_type=ctype)
        message = _engine_message(body)
        if status == 400:
            return text(400, f"malformed SPARQL: {message}")
        if status == 500 and CANCELLED.decode() in message:
            return self.too_slow
        return text(status, message or f"the query engine answered HTTP {status}")

    async def page(self, request: Request) -> Response:
        return Response(self._page, 200, {**COMMON_HEADERS, "Content-Security-Policy":
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"},
                        media_type="text/html; charset=utf-8")

    @property
    def _page(self) -> bytes:
        if not hasattr(self, "_page_bytes"):
            self._page_bytes = query_page(self.settings.graphs).encode("utf-8")
        return self._page_bytes


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return text(404, "not found: the SPARQL endpoint is /sparql, the query page /")
    if exc.status_code == 405:
        headers = dict(exc.headers or {})
        return text(405, f"method {request.method} not allowed here: use {headers.get('Allow', 'GET')}", headers)
    return text(exc.status_code, exc.detail, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    print(f"error: {request.method} {request.url.path}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    return text(500, "internal error in the endpoint (reported on its console)")


def create_app(engine: Engine, settings: Settings) -> Starlette:
    guard = Guard(engine, settings)
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts, www_redirect=False)]
    if settings.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"], max_age=600))
    app = Starlette(routes=[Route("/", guard.page, methods=["GET"]),
                            Route("/sparql", guard.sparql, methods=["GET", "POST"])],
                    middleware=middleware,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.guard = guard
    return app
