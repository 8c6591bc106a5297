"""Writing the drafted profile as commented TOML.

Inputs: keys, values, rules and comments, in the order they should appear.
Outputs: TOML text that ``tomllib`` parses back to the same values.

Patterns are written as TOML literal strings ('…', nothing escaped, as the
README asks profile authors to write them); a pattern holding a single quote
(or a character TOML forbids in literal strings) is written as a basic string
("…") with backslashes and quotes escaped.
"""

from __future__ import annotations

import re
from typing import Any

from goldenthread.loaders.draft.model import Entry, Rule

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# keys whose values are regular expressions (written as literal strings where possible)
PATTERN_KEYS = {"match", "opens", "item", "sub_item", "continuation", "label", "header", "end", "theme",
                "cell_split", "strip", "board", "status_sentence", "all", "any", "filename", "ignore"}


def toml_string(text: str, literal: bool = True) -> str:
    """``text`` as a TOML string: literal ('…') when asked and possible, else basic ("…")."""
    if literal and "'" not in text and all(c.isprintable() or c == "\t" for c in text):
        return f"'{text}'"
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\t":
            out.append("\\t")
        elif not c.isprintable():
            out.append(f"\\u{ord(c):04X}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    """A key, bare when TOML allows it, quoted otherwise."""
    return key if _BARE_KEY.match(key) else toml_string(key, literal=False)


def toml_value(value: Any, pattern: bool = False) -> str:
    """A scalar, list or inline table as TOML (strings as patterns: literal where possible)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value, literal=pattern)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {toml_value(v, pattern)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v, pattern) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def comment_text(text: str) -> str:
    """One comment line: characters TOML forbids in comments replaced by spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


class TomlWriter:
    """Accumulates lines of a TOML document."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str) -> None:
        """Write ``text`` as a comment line."""
        self.lines.append(("# " + comment_text(text)).rstrip())

    def blank(self) -> None:
        """Write a blank line, unless the last line is blank (or nothing is written yet)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def table(self, name: str, comment: str | None = None) -> None:
        """Start table ``[name]``, after a blank line and an optional comment."""
        self.blank()
        if comment:
            self.comment(comment)
        self.lines.append(f"[{name}]")

    def key(self, key: str, value: Any, comment: str | None = None, pattern: bool | None = None) -> None:
        """Write ``key = value`` (a regex string when ``key`` holds a pattern, or ``pattern`` says so), with
        an optional trailing comment."""
        is_pattern = key in PATTERN_KEYS if pattern is None else pattern
        line = f"{_key(key)} = {toml_value(value, is_pattern)}"
        self.lines.append(line + (f"  # {comment_text(comment)}" if comment else ""))

    def array(self, key: str, entries: list[Entry]) -> None:
        """A multi-line array of patterns, each with its comment above it."""
        if not entries:
            self.key(key, [])
            return
        self.lines.append(f"{_key(key)} = [")
        for entry in entries:
            self.lines.append("  # " + comment_text(entry.comment))
            self.lines.append(f"  {toml_string(entry.pattern)},")
        self.lines.append("]")

    def rule(self, rule: Rule) -> None:
        """One ``[[table]]`` entry with its comment lines above it."""
        self.blank()
        for text in rule.comment:
            self.comment(text)
        self.lines.append(f"[[{rule.table}]]")
        for key, value in rule.fields.items():
            self.key(key, value)

    def text(self) -> str:
        """The TOML written so far, ending in one newline."""
        return "\n".join(self.lines).rstrip() + "\n"
