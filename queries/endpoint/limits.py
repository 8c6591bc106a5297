"""The lexical check every query passes before it reaches the engine: cheap, bounded in time.

Inputs: query text and ``Limits``.
Outputs: ``check_query(text, limits)`` returns ``QueryFacts`` (does the query name its own
dataset with FROM / FROM NAMED?) or raises ``Refusal(status, message)``:
- 403 for ``SERVICE`` (the engine would fetch from other servers) and for update forms and
  ``LOAD`` (the engine refuses them too, less clearly);
- 413 for a query over ``max_query_bytes`` (the request handler answers 414 for a GET);
- 400 naming the limit and its value for a query the engine would crash or hang on, and for
  a string that is never closed.

The limits, measured on this project's machines with oxigraph 0.5.13 (``--timeout-s 5``;
"crash" is a stack overflow that kills the whole engine, "hang" is planning work its time
limit does not cover):

| measure | engine | default |
|---|---|---|
| nesting of ``{ ( [`` | 2,000 fine, 5,000 crash (braces or parentheses) | 200 |
| steps in one property path | 400: 2 s, 800: 19 s past its 5 s limit, 3,000 crash | 100 (0.16 s) |
| operators in one expression | ``1+1+…``: 1,200 fine in 300 runs, 2,000 crashed 2 runs in 300 (the stack left
  to a request's thread varies), 10,000 always; 10,000 ``!`` crash; 6,000 ``||``: 1.4 s | 1,000 |
| patterns joined in one group | 100 triple patterns: 0.5 s, 200: 9.8 s past the limit, 1,000: hang, |
  10,000 crash; 3,000 BINDs crash | 100 |
| UNION branches | 1,000: 0.4 s, no crash in 300 runs; 2,000: 1.4 s, crashed 30 runs in 300; |
  10,000 crash | 1,000 |
| query size | a 439 KB VALUES runs in 0.06 s | 256 KiB |

Analysts' queries pass: the library's largest (orphans) joins fewer than 20 patterns in a
group; 40 nested groups and 1,000 UNION branches are accepted (tested).

What is counted, and why lexically: the tokens come from ``lexer.py`` (strings, IRIs and
comments skipped). rdflib's parser is never run on request input (41 s for a 289 KB
VALUES). "Patterns joined in one group" counts triple patterns (each ``.``, ``;`` or ``,``
that ends one, and the last) plus FILTER, BIND, OPTIONAL, MINUS, VALUES and GRAPH, adding a
nested group's count to its parent's (the engine joins them) but taking the largest
branch of a UNION (branches are planned apart). The engine matches keywords without a
word boundary (``SERVICE:x { … }`` and ``SERVICEex:x { … }`` call ``:x``), so any keyword-like
word containing "service", and a prefixed name whose prefix starts with it, are refused.
A query written to read differently to this lexer than to the engine (an expression such
as ``?a<(((…)))&&?b>1`` looks like an IRI) can still get past a limit: the supervisor
(engine.py) then restarts the engine, and its runaway replacement bounds the damage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.queries.endpoint.lexer import LexError, tokens, words


@dataclass(frozen=True)
class Limits:
    """What a query may contain; see the module's table for where each default comes from."""

    max_query_bytes: int = 256 * 1024
    max_depth: int = 200
    max_path_steps: int = 100
    max_expression_operators: int = 1_000
    max_group_patterns: int = 100
    max_union_branches: int = 1_000


@dataclass(frozen=True)
class QueryFacts:
    names_dataset: bool  # FROM or FROM NAMED in the query


class Refusal(Exception):
    """A request the guard answers itself: an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


UPDATE_WORDS = frozenset("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH USING".split())
_ELEMENT_WORDS = frozenset("FILTER BIND OPTIONAL MINUS VALUES GRAPH".split())
_TERM_WORDS = frozenset("A TRUE FALSE UNDEF".split())
_PATH_KEEPS = frozenset("*+?!^")  # path modifiers: a path goes on across them


@dataclass
class _Group:
    """One ``{ … }`` being read: what it joins, and the UNION chain it is reading."""

    union_branch: bool = False
    patterns: int = 0  # closed patterns and nested groups' counts
    chain: int = 0  # the largest branch of the UNION chain read last
    pending: bool = False  # terms of a triple pattern not yet counted
    parens: int = 0  # parentheses open inside this group (expressions, collections)

    def total(self) -> int:
        return self.patterns + self.chain + (1 if self.pending else 0)


@dataclass
class _State:
    limits: Limits
    depth: int = 0
    parens: int = 0
    operators: int = 0  # in the outermost expression being read
    path_ops: int = 0  # '/' and '|' in the property path being read
    unions: int = 0
    names_dataset: bool = False
    after_union: bool = False
    stack: list[str] = field(default_factory=list)
    groups: list[_Group] = field(default_factory=lambda: [_Group()])


def _too_complex(what: str, value: int, limit: int) -> Refusal:
    return Refusal(400, f"query too complex: {what} is {value:,}, over the limit of {limit:,} "
                        "(the engine would crash or hang on it); simplify or split the query")


def check_query(text: str, limits: Limits = Limits()) -> QueryFacts:
    """Check ``text`` against ``limits``; ``QueryFacts`` or ``Refusal``. Linear in its length."""
    size = len(text.encode("utf-8"))
    if size > limits.max_query_bytes:
        raise Refusal(413, f"query too large: {size:,} bytes is over the limit of "
                           f"{limits.max_query_bytes:,} bytes")
    if not text.strip():
        raise Refusal(400, "missing query: give one in the 'query' parameter")
    state = _State(limits)
    try:
        for kind, value in tokens(text):
            _read(state, kind, value)
    except LexError as exc:
        raise Refusal(400, f"malformed SPARQL: {exc}") from None
    return QueryFacts(names_dataset=state.names_dataset)


def _read(s: _State, kind: str, value: str) -> None:
    group = s.groups[-1]
    after_union, s.after_union = s.after_union, False
    if kind == "name":
        if ":" in value:
            _prefixed_name(s, group, value)
        else:
            for part in words(value):
                _word(s, group, part)
        return
    if kind in ("var", "string", "number"):
        _term(s, group)
        s.path_ops = 0  # a property path holds no variables or literals
    elif kind == "iri":
        _term(s, group)
        if "(" in value:
            _parens_in_iri(s, value)
    elif kind == "open":
        _open(s, group, value, after_union)
    elif kind == "close":
        _close(s)
    elif kind == "sep":
        _separator(s, group, value)
    elif kind == "op":
        _operator(s, value)


def _term(s: _State, group: _Group) -> None:
    if group.parens == 0:
        group.pending = True


def _count(s: _State, group: _Group) -> None:
    if group is s.groups[0]:  # the query itself: a CONSTRUCT template and WHERE are not joined
        return
    total = group.total()
    if total > s.limits.max_group_patterns:
        raise _too_complex("the number of patterns joined in one group", total, s.limits.max_group_patterns)


def _prefixed_name(s: _State, group: _Group, value: str) -> None:
    if value.split(":", 1)[0].lower().startswith("service"):
        raise Refusal(403, "SERVICE is refused (queries may not reach other servers); note that the "
                           "engine reads a prefix starting with 'service' as the SERVICE keyword")
    _term(s, group)
    for _ in range(len(value) - len(value.rstrip("."))):  # 'ex:o.' is 'ex:o' then '.'
        _separator(s, group)


def _word(s: _State, group: _Group, word: str) -> None:
    if word == ".":
        _separator(s, group, ".")
        return
    if word == "-":
        _operator(s, "-")
        return
    upper = word.upper()
    if "SERVICE" in upper:
        raise Refusal(403, "SERVICE is refused (queries may not reach other servers)")
    if upper in UPDATE_WORDS:
        raise Refusal(403, f"updates are refused ({upper}): this endpoint is read-only")
    if upper in _TERM_WORDS:
        _term(s, group)
        return
    s.path_ops = 0
    if upper == "UNION":
        s.unions += 1
        s.after_union = True
        if s.unions + 1 > s.limits.max_union_branches:
            raise _too_complex("the number of UNION branches", s.unions + 1, s.limits.max_union_branches)
    elif upper == "FROM":
        s.names_dataset = True
    elif upper in _ELEMENT_WORDS and group.parens == 0:
        group.patterns += 1 + (1 if group.pending else 0)
        group.pending = False
        _count(s, group)


def _open(s: _State, group: _Group, bracket: str, after_union: bool) -> None:
    s.depth += 1
    if s.depth > s.limits.max_depth:
        raise _too_complex("the nesting of { ( [", s.depth, s.limits.max_depth)
    s.stack.append(bracket)
    if bracket == "{":
        s.path_ops = 0
        s.groups.append(_Group(union_branch=after_union))
    elif bracket == "(":
        s.parens += 1
        group.parens += 1


def _close(s: _State) -> None:
    if not s.stack:  # unbalanced: the engine will say so
        return
    s.depth -= 1
    bracket = s.stack.pop()
    if bracket == "{" and len(s.groups) > 1:
        s.path_ops = 0
        child = s.groups.pop()
        parent = s.groups[-1]
        if parent is s.groups[0]:
            return
        if child.union_branch:
            parent.chain = max(parent.chain, child.total())
        else:  # a new element: the UNION chain read before it is complete
            parent.patterns += parent.chain
            parent.chain = child.total()
        _count(s, parent)
    elif bracket == "(":
        s.parens -= 1
        s.groups[-1].parens = max(0, s.groups[-1].parens - 1)
        if s.parens == 0:
            s.operators = 0


def _separator(s: _State, group: _Group, sep: str = ".") -> None:
    s.path_ops = 0
    if group.parens == 0 and group.pending:
        group.patterns += 1
        group.pending = sep != "."  # after ';' or ',' the subject goes on
        _count(s, group)


def _operator(s: _State, op: str) -> None:
    if s.parens > 0 and op != "^^":
        s.operators += 1
        if s.operators > s.limits.max_expression_operators:
            raise _too_complex("the number of operators in one expression", s.operators,
                               s.limits.max_expression_operators)
    if op in ("/", "|"):
        s.path_ops += 1
        steps = s.path_ops + 1
        if steps > s.limits.max_path_steps:
            raise _too_complex("the number of steps in one property path", steps, s.limits.max_path_steps)
    elif op not in _PATH_KEEPS:
        s.path_ops = 0


def _parens_in_iri(s: _State, iri: str) -> None:
    """An expression with no spaces can look like an IRI (``?a<((1))&&?b>2``): count the
    deepest nesting inside it, and keep its unclosed ``(`` open."""
    depth = deepest = 0
    for char in iri:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")" and depth:
            depth -= 1
    if s.depth + deepest > s.limits.max_depth:
        raise _too_complex("the nesting of { ( [", s.depth + deepest, s.limits.max_depth)
    for _ in range(depth):
        _open(s, s.groups[-1], "(", False)
