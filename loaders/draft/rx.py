"""Building the regular expressions a drafted profile writes.

Inputs: text seen in a document (headings, openers, table headers).
Outputs: pattern strings for the outline loader: escaped literally, with the
optional markup that rendered documents carry (``# `` headings, ``**bold**``),
and checked to compile and to hold the named groups the loader reads.

Patterns are kept readable on purpose (an officer edits them): only regex
metacharacters are escaped, never spaces, and characters that TOML cannot hold
in a string (control characters) are written as ``\\uXXXX`` escapes.
"""

from __future__ import annotations

import re

# characters with a meaning in a Python regex outside a character class
_META = set(".^$*+?{}[]\\|()")
# inside a character class only these need a backslash
_CLASS_META = set("\\]^-[")

# optional rendering markup around a heading: "## ", "**"
HEAD = r"^(?:#+\s*)?(?:\*\*)?"
TAIL = r"(?:\*\*)?\s*$"


def _char(c: str, meta: set[str]) -> str:
    """One character as a pattern: escaped when special, \\uXXXX when unprintable."""
    if c == "\t":
        return r"\t"
    if not c.isprintable():
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
    return "\\" + c if c in meta else c


_RUN = re.compile(r"(\s+)")


def esc(text: str) -> str:
    """``text`` as a literal pattern: metacharacters escaped, a single space kept as a space,
    any longer or other run of white space (double spaces, tabs) as ``\\s+``."""
    out = []
    for part in _RUN.split(text):
        if not part:
            continue
        if part.isspace():
            out.append(" " if part == " " else r"\s+")
        else:
            out.append("".join(_char(c, _META) for c in part))
    return "".join(out)


def alternation(texts: list[str]) -> str:
    """Literal alternatives, longest first (so a longer wording wins), no duplicates."""
    seen: dict[str, None] = {}
    for t in sorted(texts, key=lambda s: (-len(s), s)):
        seen.setdefault(esc(t), None)
    return "|".join(seen)


def char_class(samples: list[str]) -> str:
    """A character class holding every character of ``samples`` (letters by case range).

    Used for heading labels whose shape alone is weak evidence (CAPITALISED
    lines, bare numbers): the class keeps a rule from matching prose with
    markup or punctuation the headings never use.
    """
    chars = set("".join(samples))
    parts: list[str] = []
    if any(c.isascii() and c.isupper() for c in chars):
        parts.append("A-Z")
    if any(c.isascii() and c.islower() for c in chars):
        parts.append("a-z")
    if any(c.isascii() and c.isdigit() for c in chars):
        parts.append("0-9")
    # everything else (space, punctuation, accented letters) literally
    others = sorted(c for c in chars if not (c.isascii() and c.isalnum()))
    body = "".join(parts) + "".join(_char(c, _CLASS_META) for c in others)
    return f"[{body or 'A-Za-z'}]"


def checked(pattern: str, groups: tuple[str, ...] = ()) -> str:
    """Return ``pattern`` after checking it compiles and has ``groups``.

    A failure is a bug in the drafter (the patterns are built, not typed), so
    it raises ``ValueError`` naming the pattern.
    """
    compiled = re.compile(pattern, re.M)
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise ValueError(f"drafted pattern {pattern!r} lacks group(s) {missing}")
    return pattern


def rematch(rx: re.Pattern[str], text: str) -> re.Match[str]:
    """``rx.match(text)`` for a ``text`` already found to match ``rx`` (never None)."""
    m = rx.match(text)
    assert m is not None, f"{rx.pattern!r} was matched against {text!r} before"
    return m
