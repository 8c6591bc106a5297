"""Binding a library query's parameters as constants, for stores that plan better with them.

Inputs: the text of a library query and ``{name: iri}`` bindings (``{"focus": "https://…"}``).
Outputs: the query text with each ``?name`` / ``$name`` replaced by the escaped IRI term
``<…>``; in a SELECT projection by ``(<…> AS ?name)``, so the result keeps its column.

Why: Oxigraph applies ``substitutions`` to a plan made as if the variable were unbound, and
a ``VALUES`` block (after the query or first in its pattern) is planned the same way, so a
golden thread over 1,000 councils scans the whole store either way (1.7 s); with the IRI in
the text it starts from the focus (0.0003 s; README, "Scale"). rdflib keeps using
``initBindings``.

Where the variable occurs is decided by rdflib's SPARQL parser, never by a pattern over the
text: every candidate ``?name`` is renamed to a marked variable of its own, the text is
parsed once, and the marked variables the parser reports (and where: a projection item, an
expression, an assignment) are the occurrences; a candidate inside a comment, string or IRI
is not a variable to the parser and stays as written. The plan is cached per query text.

This is escaping, not formatting: the value must be an absolute IRI made only of the
characters SPARQL allows inside ``<…>`` (no ``<>"{}|^`\\``, no spaces or controls), so it
can only ever be one IRI term; anything else is refused with ``GoldenthreadError``, and so
is a query that assigns the parameter itself (``AS ?name``, ``VALUES ?name``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from goldenthread.core.errors import GoldenthreadError

# SPARQL 1.1 IRIREF body, plus a scheme so the term is absolute
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a parameter's name: a plain SPARQL VARNAME
_NAME_CHAR = r"[\w\u00B7\u0300-\u036F\u203F\u2040]"  # what may continue a VARNAME
_MARK = "_gt_param_"
# where a variable sits in rdflib's parse tree: (rule, key) of the node holding it
_PROJECTED = ("vars", "var")  # a plain item of a SELECT projection
_ASSIGNED = {("vars", "evar"), ("Bind", "var"), ("InlineData", "var"), ("GroupAs", "var")}


def iri_term(value: str) -> str:
    """``<value>`` if ``value`` is an absolute IRI SPARQL can hold as one term, else an error.

    Examples
    --------
    >>> iri_term("https://w3id.org/goldenthread/id/plan/borough-plan")
    '<https://w3id.org/goldenthread/id/plan/borough-plan>'
    >>> iri_term("https://e.org/a> ?p ?o . <https://e.org/b")
    Traceback (most recent call last):
    ...
    goldenthread.core.errors.GoldenthreadError: not an IRI that can be bound as a query parameter: ...
    """
    import pyoxigraph as ox

    try:
        valid = bool(_IRI.fullmatch(value)) and ox.NamedNode(value).value == value  # RFC 3987 too
    except ValueError:
        valid = False
    if not valid:
        raise GoldenthreadError(f"not an IRI that can be bound as a query parameter: {value!r}")
    return f"<{value}>"


def bind_constants(query: str, bindings: dict[str, str]) -> str:
    """``query`` with every variable named in ``bindings`` replaced by its IRI (see module doc).

    Examples
    --------
    >>> bind_constants("SELECT ?focus ?node WHERE { ?node <https://e.org/in> ?focus }",
    ...                {"focus": "https://e.org/a"})
    'SELECT (<https://e.org/a> AS ?focus) ?node WHERE { ?node <https://e.org/in> <https://e.org/a> }'

    Comments, strings and IRIs are left as written:

    >>> bind_constants('SELECT ?n WHERE { ?n <https://e.org/p?focus> "?focus" . # ?focus\\n}',
    ...                {"focus": "https://e.org/a"})
    'SELECT ?n WHERE { ?n <https://e.org/p?focus> "?focus" . # ?focus\\n}'
    """
    if not bindings:
        return query
    terms = {name: iri_term(value) for name, value in bindings.items()}
    pieces, slots = _plan(query, tuple(sorted(terms)))
    out = [pieces[0]]
    for (name, projected), piece in zip(slots, pieces[1:]):
        out.append(f"({terms[name]} AS ?{name})" if projected else terms[name])
        out.append(piece)
    return "".join(out)


@lru_cache(maxsize=64)
def _plan(query: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """The text around each occurrence of the parameters ``names``, and for each occurrence
    its name and whether it is a plain projection item: ``pieces[0] slot[0] pieces[1] …``."""
    for name in names:
        if not _NAME.fullmatch(name):
            raise GoldenthreadError(f"not a parameter name: {name!r}")
    mark = _MARK
    while mark in query:
        mark += "_"
    candidates = list(re.finditer(rf"[?$]({'|'.join(names)})(?!{_NAME_CHAR})", query))
    marked = "".join(_marked(query, candidates, mark))
    roles = _roles(marked, set(names), mark)
    pieces, slots, start = [], [], 0
    for k, candidate in enumerate(candidates):
        role = roles.get(k)
        if role is None:  # not a variable to the parser: inside a comment, string or IRI
            continue
        name = candidate.group(1)
        if role in _ASSIGNED:
            raise GoldenthreadError(f"parameter ?{name} is assigned in the query; it cannot be bound")
        pieces.append(query[start:candidate.start()])
        slots.append((name, role == _PROJECTED))
        start = candidate.end()
    pieces.append(query[start:])
    return tuple(pieces), tuple(slots)


def _marked(query: str, candidates: list[re.Match[str]], mark: str) -> Iterator[str]:
    """``query`` with candidate number k renamed ``?<name><mark><k>``."""
    start = 0
    for k, candidate in enumerate(candidates):
        yield query[start:candidate.end()]
        yield f"{mark}{k}"
        start = candidate.end()
    yield query[start:]


def _roles(marked: str, names: set[str], mark: str) -> dict[int, tuple[str, str]]:
    """Candidate number -> (rule, key) where rdflib's parse tree holds it as a variable."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(marked)
    except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib raise assorted errors
        raise GoldenthreadError(f"malformed SPARQL: {exc}") from None
    roles: dict[int, tuple[str, str]] = {}
    for variable, where in _variables(tree, ("", "")):
        if str(variable) in names:  # a parameter the candidates missed: written with an escape
            raise GoldenthreadError(f"parameter ?{variable} is written in a way that cannot be bound")
        head, marked_here, k = str(variable).rpartition(mark)
        if marked_here and head in names and k.isdigit():
            roles[int(k)] = where
    return roles


def _variables(node: Any, where: tuple[str, str]) -> Iterator[tuple[Any, tuple[str, str]]]:
    """Every variable in an rdflib parse tree, with the (rule, key) holding it."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, Variable):
        yield node, where
    elif isinstance(node, CompValue):
        for key, value in dict.items(node):
            yield from _variables(value, (node.name, key))
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _variables(value, where)
