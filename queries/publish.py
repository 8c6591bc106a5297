"""Publishing a built graph to a shared triple store (SPARQL 1.1 Graph Store Protocol).

Inputs: the Turtle of a build (``graph.ttl``), the store's Graph Store endpoint (e.g.
Oxigraph server ``http://host:PORT/store``, Fuseki ``http://host:3030/ds/data``), a named graph
IRI, optional basic-auth credentials (read from the environment by the CLI, never from the
command line or the URL) and a timeout.
Outputs: the named graph on the server replaced, in one ``PUT`` (the server swaps the graph
atomically, so publishing twice does not duplicate and a failed request changes nothing);
a ``Published`` saying how many triples were sent and, when the server did not answer in
time, what it was found to hold afterwards. A dead endpoint or a refusal is a
``GoldenthreadError`` with one clear line; no message ever shows a password.

Why the check after a timeout: a server may store the graph and answer late. Saying "nothing
was published" then would be false, so on a timeout the graph is read back (GET) and
compared with what was sent before anything is said.
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from goldenthread.core.errors import GoldenthreadError

if TYPE_CHECKING:  # rdflib is imported only to compare graphs after a timeout
    from rdflib import Graph

USER_ENV = "GOLDENTHREAD_PUBLISH_USER"
PASSWORD_ENV = "GOLDENTHREAD_PUBLISH_PASSWORD"


@dataclass(frozen=True)
class Published:
    triples: int  # sent
    late: bool = False  # the server answered after the timeout; the graph was read back and matched


def shown(endpoint: str) -> str:
    """The endpoint as it may be printed: any ``user:password@`` removed."""
    parts = urlsplit(endpoint)
    if parts.username is None and parts.password is None:
        return endpoint
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def plain_http_warning(endpoint: str, user: str | None) -> str | None:
    """A warning when credentials would cross the network unencrypted."""
    parts = urlsplit(endpoint)
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if user is not None and parts.scheme == "http" and not local:
        return (f"{shown(endpoint)}: Basic auth over plain http sends the password readable on the network; "
                "use https")
    return None


def _request(url: str, method: str, user: str | None, password: str | None, data: bytes | None = None,
             headers: dict[str, str] | None = None) -> urllib.request.Request:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    return request


def _triple_count(turtle: str) -> int:
    """How many triples the Turtle holds, each once (as a graph counts them): parsed by Oxigraph,
    which reads Stockport's graph in a tenth of the time rdflib takes."""
    return len({(q.subject, q.predicate, q.object) for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)})


def _held(url: str, user: str | None, password: str | None, timeout: float) -> Graph | None:
    """What the server holds in the graph now, as an rdflib Graph (None if it cannot be read)."""
    from rdflib import Graph

    request = _request(url, "GET", user, password, headers={"Accept": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Graph().parse(data=response.read().decode("utf-8"), format="nt")
    except urllib.error.HTTPError as exc:
        return Graph() if exc.code == 404 else None
    except (urllib.error.URLError, OSError, ValueError):
        return None


def publish(turtle: str, endpoint: str, graph_iri: str, user: str | None = None,
            password: str | None = None, timeout: float = 60.0) -> Published:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GoldenthreadError(f"not an http(s) endpoint URL: {shown(endpoint)}")
    if parts.username is not None or parts.password is not None:
        raise GoldenthreadError(f"{shown(endpoint)}: credentials in the URL are not used (they would show in "
                                f"logs and process lists); set ${USER_ENV} and ${PASSWORD_ENV} instead")
    sent = _triple_count(turtle)
    separator = "&" if parts.query else "?"
    url = f"{endpoint}{separator}{urlencode({'graph': graph_iri})}"
    request = _request(url, "PUT", user, password, turtle.encode("utf-8"),
                       {"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
        hint = f" (check the credentials in ${USER_ENV} / ${PASSWORD_ENV})" if exc.code in (401, 403) else ""
        raise GoldenthreadError(f"{endpoint}: the server refused the graph: HTTP {exc.code} "
                                f"{exc.reason}{': ' + detail[0] if detail else ''}{hint}") from None
    except TimeoutError:
        return _after_timeout(endpoint, url, turtle, sent, user, password, timeout)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return _after_timeout(endpoint, url, turtle, sent, user, password, timeout)
        raise GoldenthreadError(f"{endpoint}: cannot reach the endpoint ({reason}); nothing was published") from None
    if status not in (200, 201, 204):
        raise GoldenthreadError(f"{endpoint}: unexpected HTTP {status} from the server")
    return Published(sent)


def _after_timeout(endpoint: str, url: str, turtle: str, sent: int, user: str | None, password: str | None,
                   timeout: float) -> Published:
    """No answer within the timeout: read the graph back and compare it with the ``sent`` triples
    of ``turtle`` (as graphs: blank nodes may be named otherwise) before saying anything."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    held = _held(url, user, password, timeout)
    if held is not None and len(held) == sent and isomorphic(held, Graph().parse(data=turtle, format="turtle")):
        return Published(sent, late=True)
    if held is None:
        raise GoldenthreadError(f"{endpoint}: no answer within {timeout:g} s, and the graph could not be read "
                                f"back to check: the server may or may not hold it; publish again, or raise --timeout")
    raise GoldenthreadError(f"{endpoint}: no answer within {timeout:g} s, and the server now holds "
                            f"{len(held)} triples in that graph, not the {sent} sent: it was not (yet) "
                            f"replaced; publish again, or raise --timeout")
