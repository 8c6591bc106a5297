"""The lexical tokens of SPARQL that rewriting a query must respect.

Inputs: none; ``TOKENS`` is a compiled pattern whose ``finditer(query)`` yields, in order,
comments, IRIs ``<…>``, strings (all four quote styles), variables, prefixed names, words
(keywords), ``{``, ``}`` and parentheses; anything between two matches is punctuation or
white space.
Outputs: match objects whose ``lastgroup`` names the kind of token.

Why one tokeniser: binding parameters (params.py) and splitting a UNION (union.py) must
both leave braces, ``?names`` and keywords inside comments, strings and IRIs alone.
"""

from __future__ import annotations

import re

TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<pname>[A-Za-z_]?[A-Za-z0-9_.-]*:[A-Za-z0-9_.:%-]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<brace>\{)
  | (?P<close>\})
  | (?P<paren>[()])
""", re.VERBOSE | re.DOTALL)
