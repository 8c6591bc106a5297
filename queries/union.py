"""Splitting a SELECT whose pattern is one UNION into one query per branch.

Inputs: the text of a SPARQL query.
Outputs: ``split_union(query)`` gives the branch queries, in order, when the query has
exactly this shape, and ``None`` otherwise:

    PREFIX … / BASE …
    SELECT ?a ?b …  [WHERE] {  { branch 1 } UNION { branch 2 } UNION …  }

Each branch query is the prologue, the same projection and ``WHERE { branch }``.

Why: Oxigraph evaluates a query on one core. A projection of plain variables over a
UNION, with no DISTINCT, aggregate, ORDER BY, LIMIT or VALUES after it, is exactly the
concatenation of its branches' answers (SPARQL 1.1, 18.5: Union is multiset union;
Project distributes over it), so the branches can run at the same time on different
cores with the same rows as a result. Anything else (``SELECT *``, ``DISTINCT``,
expressions in the projection, ``FROM``, solution modifiers, a pattern beside the UNION)
is left whole. Comments, strings and IRIs never count as structure (queries/tokens.py).
"""

from __future__ import annotations

import re

from goldenthread.queries.tokens import TOKENS

_COMMENT = re.compile(r"#[^\n]*")


def split_union(query: str) -> list[str] | None:
    """The branch queries of ``query``, or ``None`` when it is not a plain SELECT over a UNION."""
    tokens = [m for m in TOKENS.finditer(query) if m.lastgroup != "comment"]
    n = len(tokens)

    def kind(k: int) -> str:
        return tokens[k].lastgroup or "" if k < n else ""

    def word(k: int) -> str:
        return tokens[k].group().upper() if kind(k) == "word" else ""

    def blank_before(k: int) -> bool:
        # between two tokens there is only punctuation, white space and comments (strings
        # and IRIs are tokens), so "blank" means no punctuation: '*', '.', ',', '(' …
        gap = query[tokens[k - 1].end() if k else 0:tokens[k].start() if k < n else len(query)]
        return not _COMMENT.sub("", gap).strip()

    i = 0
    while word(i) in ("PREFIX", "BASE"):  # the prologue
        if word(i) == "PREFIX" and kind(i + 1) == "pname" and kind(i + 2) == "iri":
            i += 3
        elif word(i) == "BASE" and kind(i + 1) == "iri":
            i += 2
        else:
            return None
    if word(i) != "SELECT":
        return None
    prologue, select = query[:tokens[i].start()], i
    i += 1
    while kind(i) == "var":
        i += 1
    projection = " ".join(t.group() for t in tokens[select + 1:i])
    if word(i) == "WHERE":
        i += 1
    if not projection or kind(i) != "brace" or not all(blank_before(k) for k in range(1, i + 1)):
        return None
    i += 1
    branches: list[str] = []
    while kind(i) == "brace" and blank_before(i):
        first, depth = i, 0
        while i < n:
            depth += {"brace": 1, "close": -1}.get(kind(i), 0)
            if depth == 0:
                break
            i += 1
        if i >= n:
            return None
        branches.append(query[tokens[first].start():tokens[i].end()])
        i += 1
        if word(i) != "UNION" or not blank_before(i):
            break
        i += 1
    if len(branches) < 2 or kind(i) != "close" or i != n - 1 or not blank_before(i) or not blank_before(n):
        return None
    return [f"{prologue}SELECT {projection} WHERE {branch}\n" for branch in branches]
