"""What the drafter proposes, before it is written as TOML.

Inputs: none (types).
Outputs: ``Rule`` (one ``[[sections]]``/``[[lists]]``/… entry with its
fields in order, a comment saying what it matched, and the file lines it
matched), ``Entry`` (one pattern of an array such as ``[clean] ignore``, with
its comment), ``RuleSummary`` and ``Draft`` (the result handed to callers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Rule:
    """One proposed rule: ``table`` is the TOML array it goes in ("sections", "lists", …)."""

    table: str
    fields: dict[str, Any]
    comment: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The rule's ``name`` field ("" when it has none)."""
        return str(self.fields.get("name", ""))


@dataclass(frozen=True)
class Entry:
    """One pattern of an array (``[clean] ignore``, ``[recognise] all``) and why it is there."""

    pattern: str
    comment: str


@dataclass(frozen=True)
class RuleSummary:
    """What one drafted rule matched in the document: file lines, in order."""

    table: str
    name: str
    matches: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Draft:
    """A drafted profile.

    toml: the profile text (commented TOML that ``load_profile`` accepts);
    undecided: one line per thing the drafter could not decide;
    rules: per proposed rule, how many lines it matched and where.
    """

    toml: str
    undecided: list[str]
    rules: list[RuleSummary]

    def matches(self, table: str, name: str) -> int:
        """Lines matched by the rule ``name`` of ``table`` (0 when there is no such rule)."""
        return next((r.matches for r in self.rules if r.table == table and r.name == name), 0)


def quote_example(text: str, limit: int = 60) -> str:
    """A short example for a comment: one line, at most ``limit`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def line_list(lines: list[int], limit: int = 4) -> str:
    """'line 12' or 'lines 12, 40, 77, …' for a comment."""
    shown = ", ".join(str(n) for n in lines[:limit])
    more = ", …" if len(lines) > limit else ""
    return f"line {shown}" if len(lines) == 1 else f"lines {shown}{more}"


def plural(noun: str, count: int) -> str:
    """'heading' -> 'headings', 'priority' -> 'priorities' (when ``count`` is not 1)."""
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def describe(count: int, what: str, example: str, lines: list[int]) -> str:
    """'9 headings like 'A GREENER TOWN' (lines 235, 306, …)': the comment above a rule.

    ``what`` is a noun phrase, optionally followed by a qualifier in brackets
    ("CAPITALISED heading [ending 'X']"): only the noun is made plural.
    """
    noun, _, qualifier = what.partition(" [")
    qualifier = " " + qualifier.rstrip("]") if qualifier else ""
    return f"{count} {plural(noun, count)}{qualifier} like '{quote_example(example)}' ({line_list(lines)})"
