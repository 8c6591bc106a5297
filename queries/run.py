"""Running an analyst's own SPARQL query, safely, with results as plain rows.

Inputs: a ``Workspace`` and query text.
Outputs: ``QueryResult``: rows and columns for SELECT (node IRIs shown as they are,
literals as their text), a boolean for ASK, Turtle for CONSTRUCT/DESCRIBE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from goldenthread.queries.library import Workspace
from goldenthread.queries.safety import prepare_read_only


@dataclass
class QueryResult:
    kind: str  # "select" | "ask" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    answer: bool | None = None
    turtle: str = ""


def run_user_query(ws: Workspace, text: str, where: str = "query") -> QueryResult:
    query = prepare_read_only(text, where)
    result = ws.rdf.query(query)
    if result.type == "ASK":
        return QueryResult("ask", answer=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for triple in result:
            g.add(triple)
        return QueryResult("graph", turtle=g.serialize(format="turtle"))
    columns = [str(v) for v in result.vars]
    rows = [{c: (None if row[i] is None else str(row[i])) for i, c in enumerate(columns)} for row in result]
    return QueryResult("select", columns=columns, rows=rows)
