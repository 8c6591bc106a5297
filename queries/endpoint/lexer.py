"""Splitting an analyst's SPARQL query into tokens, in time linear in its length.

Inputs: query text (``str``).
Outputs: ``tokens(text)`` yields ``(kind, text)`` pairs in order, skipping white space and
comments. Kinds: ``iri`` (``<…>``), ``string``, ``var``, ``name`` (a run of name
characters: keywords, ``true``, prefixed names, blank node labels; see ``words``),
``number``, ``open`` (``{ ( [``), ``close`` (``} ) ]``), ``op`` (operators), ``sep``
(``. ; ,``) and ``other`` (any other character). A quote that opens no complete string
raises ``LexError`` (the engine would refuse the query too).

Why a lexer of its own, on a stranger's text (the library's queries are rewritten with
rdflib's parser instead: queries/params.py, union.py), measured against the regular
expressions goldenthread used before:
- time: a run of digits, dots or hyphens was rescanned from every position (256 KB of digits
  took 69 s), and an unclosed ``'''`` once per quote;
- escapes: the engine accepts ``\\'`` and ``\\#`` inside a prefixed name (``ex:a\\'``) and
  ``\\u0041`` inside an IRI, after which those expressions read the rest of the line as a
  string or a comment, so a ``SERVICE`` written there went unseen.
Here every repetition is possessive and each run is consumed whole (each character is
looked at a bounded number of times), and those escapes are part of their token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"  # PN_LOCAL_ESC
_LEXER = re.compile(rf"""
    (?P<ws>[ \t\r\n]++)
  | (?P<comment>\#[^\r\n]*+)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*+>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*+''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*+\"\"\"
              | '(?:[^'\\\r\n]|\\.)*+' | "(?:[^"\\\r\n]|\\.)*+")
  | (?P<unclosed>'''|\"\"\"|['"])
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]++)
  | (?P<name>(?:[^\W\d][\w.\-\u00B7]*+)?:(?:[\w.\-:%\u00B7]|{_ESCAPE})*+ | [^\W\d][\w.\-\u00B7]*+)
  | (?P<number>[0-9]++(?:\.[0-9]++)?+(?:[eE][+\-]?+[0-9]++)?+ | \.[0-9]++(?:[eE][+\-]?+[0-9]++)?+)
  | (?P<open>[{{(\[])
  | (?P<close>[}})\]])
  | (?P<op>\|\||&&|!=|<=|>=|\^\^|[=<>+\-*/!^|])
  | (?P<sep>[.;,])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_SKIP = frozenset(("ws", "comment"))
_WORD_PARTS = re.compile(r"[.\-]|[^.\-]+")


class LexError(ValueError):
    """The query cannot be split into tokens (an unterminated string); ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """The tokens of ``text`` as ``(kind, text)``, comments and white space left out."""
    match = _LEXER.match
    pos, end = 0, len(text)
    while pos < end:
        found = match(text, pos)
        assert found is not None  # the last alternative of _LEXER matches any one character
        kind = found.lastgroup or ""
        if kind == "unclosed":
            raise LexError(text.count("\n", 0, pos) + 1, "a string is not closed")
        if kind not in _SKIP:
            yield kind, found.group()
        pos = found.end()


def words(name: str) -> list[str]:
    """A ``name`` token without a colon split where the engine may split it: ``true.FILTER``
    is ``true``, ``.``, ``FILTER`` (a keyword may follow a dot with no space between)."""
    return _WORD_PARTS.findall(name)
