"""Reading a plan document into numbered lines, with HTML fragments flattened.

Inputs: a path to a UTF-8 text file (text extracted from a PDF or slides).
Outputs: ``DocumentText``: the file's exact lines (for quoting) and a list of
``Line`` objects for parsing. A line carrying an HTML list (``<ul><li>…``) is
expanded into one ``Line`` per item, each keeping the source line number and
the item's exact text as its ``raw`` quote, so provenance stays exact.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from goldenthread.loaders.errors import LoadError

_HTML_BLOCK = re.compile(r"<p>\s*<b>(?P<head>.*?)</b>\s*</p>|<li>(?P<item>.*?)</li>", re.S)
_BULLET_CHARS = "•·●▪◦‣-"


@dataclass(frozen=True)
class Line:
    """One parseable line.

    number: 1-based line number in the file.
    text: the line with HTML turned into the markdown-ish markup the profiles
      match against (``**bold**``, ``- item``).
    raw: exact source text this line stands for (a substring of the file line).
    virtual: True when several ``Line`` objects share one file line (HTML lists).
    """

    number: int
    text: str
    raw: str
    virtual: bool = False


@dataclass(frozen=True)
class DocumentText:
    name: str  # file name relative to the corpus folder
    path: Path
    file_lines: tuple[str, ...]  # exact lines of the file, for quotes
    lines: tuple[Line, ...]

    @property
    def full_text(self) -> str:
        return "\n".join(self.file_lines)

    def quote(self, start: int, end: int) -> str:
        """Exact text of file lines start..end (1-based, inclusive)."""
        return "\n".join(self.file_lines[start - 1 : end])


def read_document(path: Path, name: str | None = None) -> DocumentText:
    """Read ``path``; raise ``LoadError`` for an empty, binary or non-UTF-8 file."""
    name = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    if b"\x00" in data[:65536]:
        raise LoadError("binary file (contains NUL bytes), expected plain text", path)
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark is not text
    try:
        content = data.decode("utf-8")  # exc.start is then an offset into ``data`` itself
    except UnicodeDecodeError as exc:
        # count lines as below: "\r\n", "\r" and "\n" each end one
        line = len(re.split(rb"\r\n|\r|\n", data[: exc.start]))
        raise LoadError("not valid UTF-8 text", path, line) from None
    if not content.strip():
        raise LoadError("empty file", path)
    file_lines = tuple(content.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines: list[Line] = []
    for number, raw in enumerate(file_lines, start=1):
        lines.extend(expand_html_line(number, raw))
    return DocumentText(name=name, path=path, file_lines=file_lines, lines=tuple(lines))


def strip_inline_html(text: str) -> str:
    """Inline tags to markdown-ish text: <b> becomes **, footnote <sup> goes."""
    text = re.sub(r"<sup>.*?</sup>", "", text, flags=re.S)
    text = re.sub(r"</?(?:b|strong)>", "**", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def expand_html_line(number: int, raw: str) -> list[Line]:
    """One file line to parse lines: HTML lists become one line per item."""
    if "<li>" not in raw and "<p>" not in raw:
        if "<" in raw and ">" in raw:
            return [Line(number, strip_inline_html(raw), raw)]
        return [Line(number, raw, raw)]
    out: list[Line] = []
    for m in _HTML_BLOCK.finditer(raw):
        if not (m.group("head") or m.group("item") or "").strip():
            continue  # an empty <li></li> or <p><b></b></p> has nothing to quote
        if m.group("head") is not None:
            inner = m.group("head").strip()
            out.append(Line(number, f"**{strip_inline_html(inner).strip()}**", inner, True))
        else:
            inner = m.group("item").strip()
            item = strip_inline_html(inner).strip().lstrip(_BULLET_CHARS).strip()
            out.append(Line(number, f"- {item}", inner, True))
    if not out:
        return [Line(number, strip_inline_html(raw), raw)]
    return out


def html_cells(raw: str) -> list[list[tuple[str, str]]]:
    """A tab-separated table row whose cells may hold HTML lists.

    Returns, per cell, the items as (clean text, exact source text) pairs.
    """
    cells = []
    for cell in raw.split("\t"):
        items = [(strip_inline_html(m.group("item")).strip().lstrip(_BULLET_CHARS).strip(),
                  m.group("item").strip())
                 for m in _HTML_BLOCK.finditer(cell) if (m.group("item") or "").strip()]
        if not items and strip_inline_html(cell).strip():  # not markup alone, e.g. "<li></li>"
            items = [(strip_inline_html(cell).strip(), cell.strip())]
        cells.append(items)
    return cells
