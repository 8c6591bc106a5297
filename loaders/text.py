"""Reading a plan document into numbered lines, with HTML fragments flattened.

Inputs: a path to a UTF-8 text file (text extracted from a PDF or slides).
Outputs: ``DocumentText``: the file's exact lines (for quoting) and a list of
``Line`` objects for parsing. A line carrying an HTML list (``<ul><li>…``) is
expanded into one ``Line`` per item, each keeping the source line number and
the item's exact text as its ``raw`` quote, so provenance stays exact.

Which markup is interpreted, and nothing else. PDF and slide converters leave HTML
fragments in their text exports; only the tags they produce are read as markup:

- the tags ``ul ol li p b strong i em u sup sub br span a`` (any letter case), as a
  start tag ``<li>``, ``<ul style="list-style-type: none">``, ``<br/>`` (well-formed
  attributes: ``name``, ``name=value``, ``name="value"``, ``name='value'``) or an end
  tag ``</li>``. The ``<`` must be followed at once by the tag's name and the tag must
  end with ``>``; anything else is text.
- on one line: ``<li …>item</li>`` becomes a line ``- item`` (a leading bullet
  character ``•·●▪◦‣-`` dropped), ``<p …><b>heading</b></p>`` (or ``<strong>``, with
  only spaces between the tags) a line ``**heading**``, both ``virtual`` lines quoting
  the inner text; any other text of such a line is not read (converters put nothing
  else there);
- inside a line: ``<b>``/``<strong>`` and their end tags become ``**``;
  ``<sup>…</sup>`` (footnote marks) goes with its text; ``<br>`` becomes a space; every
  other tag of the list goes and its text stays;
- character references, only well-formed ones: ``&name;`` for an HTML5 entity name
  (``&amp;``, ``&lt;``, ``&nbsp;``…), ``&#39;`` and ``&#x2019;`` (``&#128;``–``&#159;``
  as Windows-1252, as HTML reads them); a reference to a control character, a surrogate
  or no character at all stays as written. Markup is read in one pass: what is left when
  a tag is taken out is not read again (``&am<i></i>p;`` is the text ``&amp;``).

Everything else stays exactly as written: ``< 16``, ``a<b``, ``x > y``, ``<unknown>``,
``<img src=x onerror=alert(1)>``, ``<script>``, ``<http://…>``, a bare ``&`` ("R&D",
``&amp`` without its ``;``). The text keeps them as text; escaping them is the job of
whatever writes HTML, Markdown or RDF.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from pathlib import Path

from goldenthread.core.errors import LoadError, Unreadable

# -- the markup read (see the module docstring) --------------------------------------
KNOWN_TAGS = ("ul", "ol", "li", "p", "b", "strong", "i", "em", "u", "sup", "sub", "br", "span", "a")
# after a tag's name: its attributes (each well-formed), maybe "/", then ">"
_ATTRS = (r"(?=[\s/>])(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*"
          r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")


def _start(names: str) -> str:
    """A start tag of one of ``names`` ("b|strong"), attributes allowed."""
    return rf"<(?:{names}){_ATTRS}"


def _end(names: str) -> str:
    """An end tag of one of ``names``."""
    return rf"</(?:{names})\s*>"


_ALL = "|".join(KNOWN_TAGS)
_CHAR_REF = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# everything inline markup does, in one pass: what one replacement leaves is never read again
# (removing "<sup>1</sup>" from "<B<sup>1</sup> >" does not make a "<B >" tag)
_INLINE = re.compile(
    rf"(?P<sup>{_start('sup')}.*?{_end('sup')})|(?P<bold>{_start('b|strong')}|{_end('b|strong')})"
    rf"|(?P<br>{_start('br')})|(?P<tag>{_start(_ALL)}|{_end(_ALL)})|(?P<ref>{_CHAR_REF})", re.I | re.S)
_BLOCK_START = re.compile(_start("li|p"), re.I)
_HTML_BLOCK = re.compile(
    rf"{_start('p')}\s*<(?P<bold>b|strong){_ATTRS}(?P<head>.*?)"
    rf"</(?P=bold)\s*>\s*{_end('p')}|{_start('li')}(?P<item>.*?){_end('li')}", re.I | re.S)
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
        """The file's lines joined by newlines."""
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


def _char(ref: str) -> str:
    """A well-formed character reference to its character(s); as written when it names
    none (unknown name, surrogate, beyond U+10FFFF) or a control character, which would
    break the line or vanish."""
    if ref[1] == "#":
        code = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
        if code == 0xFFFD:
            return "\ufffd"
        value = html.unescape(ref)
    else:
        value = _HTML5_ENTITIES.get(ref[1:], "")
    if not value or "\ufffd" in value or any(unicodedata.category(c) == "Cc" for c in value):
        return ref
    return value


def _inline(m: re.Match[str]) -> str:
    """What one piece of inline markup stands for."""
    kind = m.lastgroup
    assert kind is not None, "every alternative of _INLINE is a named group"
    if kind == "ref":
        return _char(m.group(0))
    return {"bold": "**", "br": " "}.get(kind, "")  # a footnote mark or another tag goes


def strip_inline_html(text: str) -> str:
    """Inline markup to markdown-ish text: ``<b>``/``<strong>`` become ``**``, a footnote
    ``<sup>…</sup>`` goes, ``<br>`` becomes a space, other known tags go (their text
    stays), well-formed character references are decoded. Any other ``<``, ``>`` or ``&``
    is kept as written."""
    if "<" not in text and "&" not in text:
        return text
    return _INLINE.sub(_inline, text)


def expand_html_line(number: int, raw: str) -> list[Line]:
    """One file line to parse lines: HTML lists become one line per item."""
    if "<" not in raw or not _BLOCK_START.search(raw):
        return [Line(number, strip_inline_html(raw), raw)]
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
