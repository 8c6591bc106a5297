"""Reading a plan document into numbered lines, with HTML fragments flattened.

Inputs: a path to a UTF-8 text file (text extracted from a PDF or slides).
Outputs: ``DocumentText``: the file's exact lines (for quoting) and a list of
``Line`` objects for parsing. A line carrying an HTML list (``<ul><li>…``) is
expanded into one ``Line`` per item, each keeping the source line number and
the item's exact text as its ``raw`` quote, so provenance stays exact.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from pathlib import Path

from goldenthread.loaders.errors import LoadError, Unreadable

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
    page: int | None = None  # 1-based page of the original document (PDF), where known


@dataclass(frozen=True)
class DocumentText:
    name: str  # file name relative to the corpus folder
    path: Path
    file_lines: tuple[str, ...]  # exact lines of the file (or of the rendered text), for quotes
    lines: tuple[Line, ...]
    # True when a reader rendered the lines from another format (PDF, Word, HTML): the
    # build writes them to OUT/text/<name>.txt, the file every quote is found in
    rendered: bool = False

    @property
    def full_text(self) -> str:
        return "\n".join(self.file_lines)

    def quote(self, start: int, end: int) -> str:
        """Exact text of file lines start..end (1-based, inclusive)."""
        return "\n".join(self.file_lines[start - 1 : end])


def read_document(path: Path, name: str | None = None) -> DocumentText:
    """Read a plain-text file (UTF-8, or UTF-16/UTF-8 with a byte-order mark).

    Raises ``Unreadable`` for an empty, binary or wrongly encoded file (naming the
    first line that is not UTF-8 and the encoding it looks like), ``LoadError``
    when the file cannot be read at all.
    """
    name = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    content = decode_text(data, path)
    if not content.strip():
        raise Unreadable("empty file", path)
    file_lines = tuple(content.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines: list[Line] = []
    for number, raw in enumerate(file_lines, start=1):
        lines.extend(expand_html_line(number, raw))
    return DocumentText(name=name, path=path, file_lines=file_lines, lines=tuple(lines))


# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _line_of(data: bytes, offset: int) -> int:
    """1-based line of byte ``offset``: "\r\n", "\r" and "\n" each end one line."""
    return len(re.split(rb"\r\n|\r|\n", data[:offset]))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: mostly ASCII, so every other byte is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes, path: Path) -> str:
    """Bytes of a text file to text; ``Unreadable`` with a reason the user can act on."""
    for bom, encoding in _BOMS:
        if data.startswith(bom) and encoding != "utf-8":
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                before = data[len(bom): len(bom) + exc.start].decode(encoding, errors="replace")
                line = len(re.split(r"\r\n|\r|\n", before))
                raise Unreadable(f"not valid {encoding.upper()} text (it starts with a "
                                 f"{encoding.upper()} byte-order mark); save it as UTF-8", path, line) from None
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise Unreadable("binary file (contains NUL bytes), expected text", path)
    data = data.removeprefix(codecs.BOM_UTF8)  # a UTF-8 byte-order mark is not text
    try:
        return data.decode("utf-8")  # exc.start is then an offset into ``data`` itself
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise Unreadable(f"not valid UTF-8 text{_looks_like(data, exc.start)}; save it as UTF-8", path,
                         line) from None


def _looks_like(data: bytes, offset: int) -> str:
    """", which looks like Windows-1252 ('£' …)": the single-byte encoding the file is most
    likely in. Windows-1252 (what Word and Excel save as "ANSI" in the UK) when every byte
    means something there, ISO-8859-1 otherwise; a guess, so worded as one."""
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "ISO-8859-1")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return f", which looks like {label} ({data[offset:offset + 1].decode(encoding)!r} there)"
    return ""


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
