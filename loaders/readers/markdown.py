"""The Markdown reader: a text file whose pipe tables become tab-separated rows.

Inputs: a ``.md`` file (UTF-8 or UTF-16, as for text).
Outputs: a ``DocumentText`` with the file's own lines: Markdown already writes headings
as ``#``, bullets as ``-``/``*``, numbered items as ``1.`` and bold as ``**…**``, the
conventions profiles match. Only table rows change in what patterns see: a row
``| Goal | Portfolio |`` is matched as ``Goal<TAB>Portfolio`` (its quote stays the
line as written, so provenance is exact) and the ``|---|---|`` line under a header
is left blank.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from goldenthread.loaders.text import DocumentText, read_document

_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary; "\|" is a pipe inside a cell


def table_cells(line: str) -> list[str] | None:
    """The cells of a pipe-table row, or None when the line is not one."""
    m = _ROW.match(line)
    if m is None:
        return None
    # "\|" is kept as written, so each cell is a stretch of the line and quotes stay exact
    return [cell.strip() for cell in _PIPE.split(m.group("cells"))]


def read(path: Path, name: str) -> DocumentText:
    """Read the Markdown file at ``path`` (called ``name``): its lines, with pipe-table rows as tab-separated
    cells and their underlines blank."""
    doc = read_document(path, name)
    lines = []
    for line in doc.lines:
        if _RULE.match(line.text) and "|" in line.text:
            lines.append(replace(line, text=""))  # the header's underline
        elif (cells := table_cells(line.text)) is not None and len(cells) > 1:
            lines.append(replace(line, text="\t".join(cells)))
        else:
            lines.append(line)
    return replace(doc, lines=tuple(lines))
