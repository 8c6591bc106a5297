"""Checking that an analyst's SPARQL query is a read-only query we can run safely.

Inputs: query text.
Outputs: the prepared rdflib query, or ``GoldenthreadError`` with one clear line:
- an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE…) is refused;
- ``SERVICE`` is refused (it makes an HTTP request);
- ``FROM`` / ``FROM NAMED`` are refused (rdflib would download the IRIs);
- a malformed query names the line and column of the problem.
The check inspects the parsed algebra, never the raw text, so a keyword inside a
string literal or comment does not trip it.
"""

from __future__ import annotations

from typing import Any

import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from goldenthread.loaders.errors import GoldenthreadError

class QueryRefused(GoldenthreadError):
    """A well-formed request the read-only graph will not run (update, SERVICE, FROM)."""


# rdflib fetches FROM/FROM NAMED graphs from the network unless told not to
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _walk(node: Any):
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False
    return True


def prepare_read_only(text: str, where: str = "query", allow_dataset: bool = False):
    """Prepare ``text`` as a read-only SPARQL query, or raise ``GoldenthreadError``.

    ``allow_dataset`` lets FROM / FROM NAMED through, for stores that resolve them against
    their own named graphs (Oxigraph) instead of fetching them (rdflib).
    """
    if not text.strip():
        raise GoldenthreadError(f"{where}: empty query")
    try:
        query = prepareQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise QueryRefused(f"{where}: updates are refused (the graph is read-only)") from None
        raise GoldenthreadError(f"{where}:{exc.lineno}:{exc.col}: malformed SPARQL: "
                                f"{exc.msg} near {exc.line.strip()[:60]!r}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors for bad queries
        raise GoldenthreadError(f"{where}: malformed SPARQL: {exc}") from None
    for node in _walk(query.algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused(f"{where}: SERVICE is refused (queries may not reach other servers)")
        if node.name == "DatasetClause" and not allow_dataset:
            raise QueryRefused(f"{where}: FROM / FROM NAMED are refused (query the loaded graph)")
    return query
