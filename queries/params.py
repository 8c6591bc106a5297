"""Binding a library query's parameters as constants, for stores that plan better with them.

Inputs: the text of a library query and ``{name: iri}`` bindings (``{"focus": "https://…"}``).
Outputs: the query text with each ``?name`` / ``$name`` replaced by the escaped IRI term
``<…>``; in a SELECT projection by ``(<…> AS ?name)``, so the result keeps its column.

Why: Oxigraph applies ``substitutions`` to a plan made as if the variable were unbound,
so a golden thread over 1,000 councils scans the whole store (1.3 s); with the IRI in
the text it starts from the focus (0.001 s, benchmarks/scale.py). rdflib keeps using
``initBindings``.

This is escaping, not formatting: the value must be an absolute IRI made only of the
characters SPARQL allows inside ``<…>`` (no ``<>"{}|^`\\``, no spaces or controls), so it
can only ever be one IRI term; anything else is refused with ``GoldenthreadError``. The
query is tokenised so that comments, strings and IRIs in it are never touched.
"""

from __future__ import annotations

import re

from goldenthread.core.errors import GoldenthreadError
from goldenthread.queries.tokens import TOKENS

# SPARQL 1.1 IRIREF body, plus a scheme so the term is absolute
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")


def iri_term(value: str) -> str:
    """``<value>`` if ``value`` is an absolute IRI SPARQL can hold as one term, else an error."""
    import pyoxigraph as ox

    try:
        valid = bool(_IRI.fullmatch(value)) and ox.NamedNode(value).value == value  # RFC 3987 too
    except ValueError:
        valid = False
    if not valid:
        raise GoldenthreadError(f"not an IRI that can be bound as a query parameter: {value!r}")
    return f"<{value}>"


def bind_constants(query: str, bindings: dict[str, str]) -> str:
    """``query`` with every variable named in ``bindings`` replaced by its IRI (see module doc)."""
    if not bindings:
        return query
    terms = {name: iri_term(value) for name, value in bindings.items()}
    out: list[str] = []
    pos = 0
    in_projection = False
    depth = 0  # parentheses inside the projection: "(expr AS ?v)"
    previous_word = ""
    for match in TOKENS.finditer(query):
        kind, text = match.lastgroup, match.group()
        out.append(query[pos:match.start()])
        pos = match.end()
        if kind == "word":
            upper = text.upper()
            if upper == "SELECT":
                in_projection = True
            elif upper == "WHERE":
                in_projection = False
            previous_word = upper
        elif kind == "brace":
            in_projection = False
        elif kind == "paren" and in_projection:
            depth += 1 if text == "(" else -1
        elif kind == "var" and text[1:] in terms:
            term = terms[text[1:]]
            if previous_word == "AS":
                raise GoldenthreadError(f"parameter {text} is assigned in the query; it cannot be bound")
            text = f"({term} AS ?{text[1:]})" if in_projection and depth == 0 else term
        if kind in ("var", "iri", "string", "brace", "close", "paren", "pname"):
            previous_word = ""
        out.append(text)
    out.append(query[pos:])
    return "".join(out)
