"""Splitting a SELECT whose pattern is one UNION into one query per branch.

Inputs: the text of a SPARQL query.
Outputs: ``split_union(query)`` gives the branch queries, in order, when the query has
exactly this shape, and ``None`` otherwise:

    PREFIX … / BASE …
    SELECT ?a ?b …  [WHERE] {  { branch 1 } UNION { branch 2 } UNION …  }

Branch query k is the query with its UNION replaced by branch k alone
(``SELECT ?a ?b … WHERE { { branch k } }``): prologue, projection and comments as written.

Why: Oxigraph evaluates a query on one core. A projection of plain variables over a
UNION, with no DISTINCT, aggregate, ORDER BY, LIMIT or VALUES after it, is exactly the
concatenation of its branches' answers (SPARQL 1.1, 18.5: Union is multiset union;
Project distributes over it), so the branches can run at the same time on different
cores with the same rows as a result (orphans over 1,000 councils: 2.1 s on one core,
1.35 s on two; README, "Scale"). Anything else (``SELECT *``, ``DISTINCT``, expressions in
the projection, ``FROM``, solution modifiers, a pattern beside the UNION) is left whole.

How: the shape above is a grammar made of rdflib's own SPARQL grammar rules (its
prologue, variable and group-pattern rules, comments ignored as its parser ignores them),
each branch wrapped to report where it starts and ends. So comments, strings and IRIs are
read exactly as the SPARQL parser reads them; nothing is matched by a pattern over the
text. Parsing costs up to 0.2 s (orphans; pyparsing is slow), so the answer is cached per
query text (the library's queries are a handful of fixed texts), and queries/store.py splits
only queries over a whole store of many builds, where a query takes seconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def split_union(query: str) -> list[str] | None:
    """The branch queries of ``query``, or ``None`` when it is not a plain SELECT over a UNION.

    Examples
    --------
    >>> query = '''PREFIX e: <https://e.org/>
    ... SELECT ?a WHERE {
    ...   { ?a e:p "{ UNION }" }  # a string and a comment are not structure: }
    ...   UNION
    ...   { ?a e:q ?b }
    ... }'''
    >>> for branch in split_union(query):
    ...     print(branch)
    PREFIX e: <https://e.org/>
    SELECT ?a WHERE {
      { ?a e:p "{ UNION }" }
    }
    PREFIX e: <https://e.org/>
    SELECT ?a WHERE {
      { ?a e:q ?b }
    }

    Other shapes stay one query:

    >>> split_union("SELECT DISTINCT ?a WHERE { { ?a ?p ?o } UNION { ?o ?p ?a } }") is None
    True
    """
    branches = _branches(query)
    return list(branches) if branches else None


@lru_cache(maxsize=64)
def _branches(query: str) -> tuple[str, ...]:
    """The branch queries (see ``split_union``), or ``()`` for any other shape."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        if expandUnicodeEscapes(query) != query:
            return ()  # \u escapes: the text the grammar reads would not be the text we cut
        parsed = _shape().parse_string(query, parse_all=True)
    except (ParseBaseException, ValueError):  # ValueError: an escape naming no character
        return ()
    spans = [(group[0], group[2]) for group in parsed.get("branch", [])]
    if len(spans) < 2:
        return ()
    first, last = spans[0][0], spans[-1][1]
    return tuple(query[:first] + query[start:end] + query[last:] for start, end in spans)


@lru_cache(maxsize=1)
def _shape() -> Any:
    """``Prologue SELECT Var+ WHERE? { GroupGraphPattern (UNION GroupGraphPattern)+ }``, each
    branch located (``[start, tokens, end]`` under the name ``branch``)."""
    from pyparsing import CaselessKeyword, Located, OneOrMore, Optional, StringEnd, Suppress
    from rdflib.plugins.sparql import parser as sparql

    branch = Located(sparql.GroupGraphPattern)("branch*")
    shape = (sparql.Prologue + CaselessKeyword("SELECT") + OneOrMore(sparql.Var)
             + Optional(CaselessKeyword("WHERE")) + Suppress("{")
             + branch + OneOrMore(CaselessKeyword("UNION") + branch)
             + Suppress("}") + StringEnd())
    # the very comment rule rdflib's query grammar ignores (rdflib's own rules already have it)
    return shape.ignore(sparql.QueryUnit.ignoreExprs[0])
