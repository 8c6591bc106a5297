"""Publishing a built graph to a shared triple store (SPARQL 1.1 Graph Store Protocol).

Inputs: the Turtle of a build (``graph.ttl``), the store's Graph Store endpoint (e.g.
Oxigraph server ``http://host:PORT/store``, Fuseki ``http://host:3030/ds/data``), a named graph
IRI, and optional basic-auth credentials (read from the environment by the CLI, never
from the command line).
Outputs: the named graph on the server replaced, in one ``PUT`` (the server swaps the
graph atomically, so publishing twice does not duplicate and a failed request changes
nothing); the number of triples sent. A dead endpoint or a refusal is a
``GoldenthreadError`` with one clear line.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from rdflib import Graph

from goldenthread.loaders.errors import GoldenthreadError

USER_ENV = "GOLDENTHREAD_PUBLISH_USER"
PASSWORD_ENV = "GOLDENTHREAD_PUBLISH_PASSWORD"


def publish(turtle: str, endpoint: str, graph_iri: str, user: str | None = None,
            password: str | None = None, timeout: float = 60.0) -> int:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GoldenthreadError(f"not an http(s) endpoint URL: {endpoint}")
    triples = len(Graph().parse(data=turtle, format="turtle"))
    separator = "&" if parts.query else "?"
    url = f"{endpoint}{separator}{urlencode({'graph': graph_iri})}"
    request = urllib.request.Request(url, data=turtle.encode("utf-8"), method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
        hint = " (check the credentials in $%s / $%s)" % (USER_ENV, PASSWORD_ENV) if exc.code in (401, 403) else ""
        raise GoldenthreadError(f"{endpoint}: the server refused the graph: HTTP {exc.code} "
                                f"{exc.reason}{': ' + detail[0] if detail else ''}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GoldenthreadError(f"{endpoint}: cannot reach the endpoint ({reason}); nothing was published") from None
    if status not in (200, 201, 204):
        raise GoldenthreadError(f"{endpoint}: unexpected HTTP {status} from the server")
    return triples
