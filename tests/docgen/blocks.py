"""The Northmere example documents as blocks, for writing them as PDF, Word and HTML.

Inputs: the two plain-text documents of ``examples/northmere``.
Outputs: ``blocks(name)``: the document as a list of ``Block`` (heading, paragraph,
list item, quotation, table, page break), in order. The format generators in this
folder write these blocks with each format's own means (Word headings and automatic
numbering, HTML elements, PDF fonts and pages), so that reading the generated file
back must give the same graph as the text.

The rules below know the example's house style (it is ours, written for the tests):
"THEME 1: …" and other capitalised lines are headings, "(a) …" items are a lettered
list, "* …" and "o …" are bullets, "> …" are quoted commitments, tab-separated lines
are a table, and the running header line marks a new page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northmere"
PARTNERSHIP = "northmere-partnership-plan-2035.txt"
COUNCIL = "northmere-council-delivery-plan-2025-26.txt"
RUNNING_HEADERS = {
    PARTNERSHIP: "Northmere Partnership Plan 2035 | Consultation version",
    COUNCIL: "Northmere Council | Draft for Cabinet",
}
TITLES = {PARTNERSHIP: "Northmere Partnership Plan 2035", COUNCIL: "Council Delivery Plan 2025/26"}
# short lines that are sub-headings in a published version ("Our commitments")
SUBHEADINGS = {"Our commitments", "Indicators"}
# lines a designer would set in bold ("How we will know:")
BOLD_LINES = {"How we will know:"}

Kind = Literal["heading", "paragraph", "item", "quote", "table", "page"]


@dataclass
class Block:
    kind: Kind
    text: str = ""
    level: int = 0  # heading level (1-6)
    list_style: Literal["", "letter", "bullet"] = ""  # items: "(a)" lettered, or bullets
    depth: int = 0  # items: nesting level
    bold: bool = False  # paragraphs: the whole paragraph in bold
    rows: list[list[str]] = field(default_factory=list)  # tables


_CAPS = re.compile(r"^(?=.*[A-Z]{3})[A-Z0-9 .:&|/,'-]+$")
_LETTER = re.compile(r"^\(([a-z])\)\s+(.+)$")
_BULLET = re.compile(r"^(\s*)[*o]\s+(.+)$")
_QUOTE = re.compile(r"^>\s+(.+)$")
_LABELLED = re.compile(r"^[A-Z][a-z ]+:\s")  # "Lead strategy: …", "Oversight: …" start a paragraph


def _heading_level(line: str, name: str) -> int:
    if line == TITLES[name]:
        return 1
    if re.match(r"^(?:THEME \d+:|GOAL [A-Z]\s)", line) or _CAPS.match(line):
        return 2
    if re.match(r"^(?:Priority \d+\.\d+ - |Focus area [A-Z]\d+:)", line):
        return 3
    if line in SUBHEADINGS:
        return 4
    return 0


def blocks(name: str) -> list[Block]:
    """The example document ``name`` (a file in examples/northmere) as blocks."""
    lines = (EXAMPLE / name).read_text(encoding="utf-8").split("\n")
    out: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            text = " ".join(p.strip() for p in para)
            out.append(Block("paragraph", text, bold=text in BOLD_LINES))
            para.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped == RUNNING_HEADERS[name]:
            flush()
            if out:  # the header's first appearance is on page 1, before anything else
                out.append(Block("page"))
            continue
        if "\t" in line:
            flush()
            row = line.split("\t")
            if out and out[-1].kind == "table":
                out[-1].rows.append(row)
            else:
                out.append(Block("table", rows=[row]))
            continue
        if m := _LETTER.match(line):
            flush()
            out.append(Block("item", m.group(2), list_style="letter"))
            continue
        if m := _BULLET.match(line):
            flush()
            out.append(Block("item", m.group(2), list_style="bullet", depth=1 if m.group(1) else 0))
            continue
        if m := _QUOTE.match(line):
            flush()
            out.append(Block("quote", m.group(1)))
            continue
        if line[:1] == " " and out and out[-1].kind in ("item", "quote") and not para:
            out[-1].text += " " + stripped  # a wrapped item or quotation
            continue
        if level := _heading_level(stripped, name):
            flush()
            out.append(Block("heading", stripped, level=level))
            continue
        if _LABELLED.match(stripped):
            flush()
        para.append(stripped)
    flush()
    return out


def letter(n: int) -> str:
    """1 -> "a", 2 -> "b" (lettered lists restart under every heading)."""
    return "abcdefghijklmnopqrstuvwxyz"[n - 1]
