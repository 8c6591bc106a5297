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

from goldenthread.core.errors import GoldenthreadError
from goldenthread.queries.endpoint.lexer import LexError, tokens


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


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


_CLOSER = {"{": "}", "(": ")", "[": "]"}


def _closers(prefix: str) -> str | None:
    """The brackets that close what ``prefix`` left open, innermost first; None when it
    closes more than it opened (outside comments, strings and IRIs, as the endpoint's
    linear-time lexer reads them). ``LexError`` when a string is still open at its end."""
    stack = []
    for kind, value in tokens(prefix):
        if kind == "open":
            stack.append(_CLOSER[value])
        elif kind == "close" and (not stack or stack.pop() != value):
            return None
    return "".join(reversed(stack))


def error_line(text: str, reported: int, limit: int = 20_000) -> int:
    """The line a syntax error is really on.

    rdflib's parser names the line where the failing group *starts* ("2: {" for an error
    two lines further in). Reading on from there, each longer prefix of the query is closed
    with the brackets it left open and parsed: the first line whose prefix no longer parses
    holds the error. Queries over ``limit`` characters keep the parser's line (each try
    parses the prefix again).
    """
    lines = text.split("\n")
    if len(text) > limit or not 0 < reported <= len(lines):
        return reported
    for number in range(reported, len(lines) + 1):
        prefix = "\n".join(lines[:number])
        try:
            closers = _closers(prefix)
        except LexError:
            continue  # a string runs on past this line: read on
        if closers is None:
            return number
        try:
            prepareQuery(prefix + "\n" + closers)
        except ParseException:
            return number
        except Exception:  # noqa: BLE001 - parses, but is not a whole query yet: read on
            continue
    return reported


def names_dataset(query) -> bool:
    """True when a prepared query names its dataset (FROM / FROM NAMED)."""
    return any(node.name == "DatasetClause" for node in _walk(query.algebra))


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
        line = error_line(text, exc.lineno)
        col = exc.col if line == exc.lineno else len(_line(text, line)) - len(_line(text, line).lstrip()) + 1
        raise GoldenthreadError(f"{where}:{line}:{col}: malformed SPARQL: "
                                f"{exc.msg} near {_line(text, line).strip()[:60]!r}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors for bad queries
        raise GoldenthreadError(f"{where}: malformed SPARQL: {exc}") from None
    for node in _walk(query.algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused(f"{where}: SERVICE is refused (queries may not reach other servers)")
        if node.name == "DatasetClause" and not allow_dataset:
            raise QueryRefused(f"{where}: FROM / FROM NAMED are refused (query the loaded graph)")
    return query
