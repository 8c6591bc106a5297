"""Running an analyst's own SPARQL query, safely, on the workspace's store.

Inputs: a ``Workspace`` and query text.
Outputs: ``QueryResult``: columns and rows for SELECT (IRIs and literals as text),
a boolean for ASK, Turtle for CONSTRUCT/DESCRIBE. The query is checked first
(``prepare_read_only``: no updates, SERVICE or LOAD; FROM only where the store resolves
it against its own named graphs, never by download); ``max_rows`` caps the rows
returned (``truncated`` says so).

Which graphs a query sees: on rdflib, the build. On an Oxigraph store (``oxigraph`` or
``oxigraph:DIR``, which may hold many builds, see README "Stores"), the union of every
graph in the store, as the endpoint does, unless the query names its dataset with FROM /
FROM NAMED; the library's own queries stay on the build's graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from rdflib import Graph
from rdflib.query import ResultRow
from rdflib.term import Node

from goldenthread.queries.library import Workspace
from goldenthread.queries.safety import names_dataset, prepare_read_only


@dataclass
class QueryResult:
    kind: str  # "select" | "ask" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    answer: bool | None = None
    turtle: str = ""
    truncated: bool = False


def run_user_query(ws: Workspace, text: str, where: str = "query", max_rows: int | None = None) -> QueryResult:
    store = ws.store
    prepared = prepare_read_only(text, where, allow_dataset=store.name == "oxigraph")
    if store.name == "oxigraph":
        return _run_oxigraph(store, text, max_rows, names_dataset(prepared))
    result = ws.rdf.query(prepared)
    if result.type == "ASK":
        return QueryResult("ask", answer=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for triple in result:  # CONSTRUCT and DESCRIBE give triples
            g.add(cast(tuple[Node, Node, Node], triple))
        return QueryResult("graph", turtle=g.serialize(format="turtle"))
    assert result.vars is not None  # a SELECT result names its variables
    columns = [str(v) for v in result.vars]
    rows: list[dict[str, Any]] = []
    truncated = False
    for row in result:
        if max_rows is not None and len(rows) >= max_rows:
            truncated = True
            break
        row = cast(ResultRow, row)  # SELECT gives rows
        rows.append({c: (None if row[i] is None else str(row[i])) for i, c in enumerate(columns)})
    return QueryResult("select", columns=columns, rows=rows, truncated=truncated)


def _run_oxigraph(store: Any, text: str, max_rows: int | None, own_dataset: bool) -> QueryResult:
    import pyoxigraph as ox

    # the union of all graphs, unless the query names its own (the union option would override it)
    result = store.store.query(text) if own_dataset else store.store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", answer=bool(result))
    if isinstance(result, ox.QueryTriples):
        g = Graph()
        g.parse(data=(result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"), format="nt")
        return QueryResult("graph", turtle=g.serialize(format="turtle"))
    columns = [v.value for v in result.variables]
    rows: list[dict[str, Any]] = []
    truncated = False
    for solution in result:
        if max_rows is not None and len(rows) >= max_rows:
            truncated = True
            break
        rows.append({c: (None if solution[c] is None else solution[c].value) for c in columns})
    return QueryResult("select", columns=columns, rows=rows, truncated=truncated)
