"""How readers write a document as lines: the conventions profiles match against.

Inputs: the blocks a format reader finds (headings, paragraphs, list items,
quotes, table rows), each with the page it is on where the format has pages.
Outputs: a ``DocumentText`` whose lines are the rendered text (``rendered=True``).

Conventions, the same for every format, so one profile reads a plan whether it
came as PDF, Word or a web page:
- one line per paragraph (lines wrapped by the layout are joined), a blank line
  between blocks;
- a heading: ``#`` repeated by its level (1-6), a space, the text;
- a list item: two spaces per nesting level, then its marker as the document
  shows it (``1.``, ``(a)``, ``iv)``), or ``-`` for any bullet glyph, a space,
  the text;
- a quotation: ``> `` then the text;
- bold text inside a paragraph: ``**…**`` (never inside headings);
- a table row: its cells separated by tabs; a cell holding several paragraphs
  joins them with ``; ``.
Document text is kept as written otherwise: ``<``, ``>`` and ``&`` are text here,
never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.loaders.text import DocumentText, Line

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")
BULLET = "-"
CELL_JOIN = "; "


def one_line(text: str) -> str:
    """Collapse every run of whitespace (line breaks, tabs, no-break spaces) to one space."""
    return _SPACE.sub(" ", text).strip()


def heading(text: str, level: int) -> str:
    """``text`` as a heading line of ``level`` '#' (1-6)."""
    level = min(max(level, 1), 6)
    return f"{'#' * level} {one_line(text)}"


def list_item(marker: str, text: str, depth: int = 0) -> str:
    """``text`` as a list item line: indented two spaces per ``depth``, after ``marker`` (a bullet when
    empty)."""
    return f"{'  ' * max(depth, 0)}{marker or BULLET} {one_line(text)}"


def quotation(text: str) -> str:
    """``text`` as a quotation line (``> text``)."""
    return f"> {one_line(text)}"


def bold(text: str) -> str:
    """``**text**`` with the markers hugging the words (spaces stay outside)."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}**{stripped}**{trail}"


def table_row(cells: list[str]) -> str:
    """``cells`` as one tab-separated table row."""
    return "\t".join(one_line(c) for c in cells)


@dataclass
class Rendered:
    """Lines being written for one document; ``add`` skips empty text and doubled blanks."""

    lines: list[tuple[str, int | None]] = field(default_factory=list)

    def add(self, text: str, page: int | None = None) -> None:
        """Add ``text`` (on ``page``) as a new block, after a blank line; empty text is skipped."""
        if not text.strip():
            return
        if self.lines:
            self.lines.append(("", None))  # a blank line between blocks
        self.lines.append((text.rstrip(), page))

    def add_tight(self, text: str, page: int | None = None) -> None:
        """A line that belongs with the one before (the next item of a list, a table row)."""
        if not text.strip():
            return
        self.lines.append((text.rstrip(), page))

    def to_document(self, path: Path, name: str) -> DocumentText:
        """The lines written as the rendered ``DocumentText`` of ``path`` (called ``name``)."""
        lines = [Line(n, text, text, page=page)
                 for n, (text, page) in enumerate(self.lines, start=1)]
        return DocumentText(name=name, path=path, file_lines=tuple(t for t, _ in self.lines),
                            lines=tuple(lines), rendered=True)

    @property
    def has_text(self) -> bool:
        """Whether any line written has text."""
        return any(t.strip() for t, _ in self.lines)
