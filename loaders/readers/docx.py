"""Word (.docx) reader: the document body rendered as lines, as Word shows it.

Inputs: the path of a ``.docx`` file and its name relative to the corpus folder.
Outputs: a ``DocumentText`` (``rendered=True``) written with the conventions of
``render.py``: ``#`` headings (``Title``, ``Heading N``, any style with an outline
level, and styles based on those), list items with the marker Word's automatic
numbering shows (``(a)``, ``1.``, ``iv)``; ``-`` for bullets), ``> `` quotations
(``Quote`` / ``Intense Quote`` styles), ``**bold**`` runs and tab-separated table rows.

What Word keeps out of the running text stays out here too: page headers and
footers (page furniture), text boxes, deleted revisions, hidden text, field codes.
Word files carry no page layout, so lines have no page number.

Raises ``Unreadable`` for an empty document, an encrypted or damaged file, or one
that is not a Word .docx file; ``LoadError`` when the file cannot be read at all.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from goldenthread.core.errors import LoadError, Unreadable
from goldenthread.loaders.readers import render
from goldenthread.loaders.readers.files import file_head
from goldenthread.loaders.text import DocumentText

__all__ = ["read"]

# an OLE2 compound file: what Word writes for a password-protected document (the
# encrypted .docx package sits inside it) and for Word 97-2003 .doc files
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK"

_W_P, _W_TBL, _W_TR, _W_TC, _W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_VAL = qn("w:val")
# containers that only wrap their content (content controls, custom XML, tracked
# insertions, hyperlinks, simple fields): their text is shown as if they were not there
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"),
             qn("w:hyperlink"), qn("w:smartTag"), qn("w:fldSimple"), qn("w:dir"), qn("w:bdo")}
_W_SDT = qn("w:sdt")
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.I)
_TOC_NAME = re.compile(r"^toc [1-9]$", re.I)
_QUOTE_NAMES = {"quote", "intense quote"}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def read(path: Path, name: str) -> DocumentText:
    """Read the Word file at ``path`` (called ``name`` in the corpus) as rendered lines."""
    document = _open(path)
    numbering_elm = _numbering_element(document)
    styles = _Styles(document.styles.element)
    renderer = _Renderer(styles, _Numbering(numbering_elm, styles))
    renderer.body(document.element.body)
    if not renderer.out.has_text:
        raise Unreadable(_why_no_text(document.element.body), path)
    return renderer.out.to_document(path, name)


# -- opening the file ---------------------------------------------------------

def _open(path: Path) -> Document:
    """The python-docx ``Document`` at ``path``; ``Unreadable`` with a short reason when
    it is not a usable Word file, ``LoadError`` when it cannot be read at all."""
    head = file_head(path, 8)
    if head.startswith(_OLE_MAGIC):
        raise Unreadable("encrypted or not a Word .docx file (a password-protected document, "
                         "or a Word 97-2003 .doc: save it as .docx without a password)", path)
    if not head.startswith(_ZIP_MAGIC):
        raise Unreadable(f"not a Word .docx file ({_what_it_is(head)})", path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise Unreadable("damaged .docx file (not a valid zip archive)", path) from None
    except (zlib.error, EOFError):
        raise Unreadable("damaged .docx file (its contents cannot be decompressed)", path) from None
    except KeyError as exc:
        if _is_strict(path):
            raise Unreadable("a Word file in Strict Open XML format, which cannot be read: save it "
                             "as a Word Document (.docx)", path) from None
        # zipfile: "There is no item named 'word/document.xml' in the archive"
        missing = re.search(r"'([^']+)'", str(exc.args[0]) if exc.args else "")
        raise Unreadable(f"not a Word .docx file (no {missing.group(1) if missing else 'document part'} "
                         "in it)", path) from None
    except etree.XMLSyntaxError:
        raise Unreadable("damaged .docx file (its XML cannot be parsed)", path) from None
    except ValueError as exc:
        if "not a Word file" in str(exc):  # python-docx: a spreadsheet or slides renamed .docx
            raise Unreadable("not a Word .docx file (another kind of Office document)", path) from None
        raise Unreadable("damaged .docx file (a part of it cannot be read)", path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None


def _what_it_is(head: bytes) -> str:
    """What a file that is not a zip archive looks like, from its first bytes: files
    saved as RTF or web pages are often given a .docx name."""
    if head.startswith(b"{\\rtf"):
        return "an RTF file: save it as a Word Document (.docx)"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "an HTML or XML file, not a zip archive"
    return "not a zip archive"


def _is_strict(path: Path) -> bool:
    """True for an ISO 29500 Strict package (Word's "Strict Open XML Document"): its
    relationships use purl.oclc.org names, which python-docx does not know."""
    try:
        with zipfile.ZipFile(path) as package:
            return b"purl.oclc.org/ooxml" in package.read("_rels/.rels")
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return False


def _why_no_text(body: etree._Element) -> str:
    """The reason for a document with no body text, naming text boxes when they hold some."""
    boxed = any((t.text or "").strip() for box in body.iter(qn("w:txbxContent")) for t in box.iter(qn("w:t")))
    return "no text (its only text is in text boxes, which are not body text)" if boxed else "no text"


def _numbering_element(document: Document) -> etree._Element | None:
    """The ``w:numbering`` element of the document, or None when it has no numbering part.

    Looked up through the relationship rather than ``document.part.numbering_part``,
    which would create an empty part as a side effect."""
    try:
        part = document.part.part_related_by(RT.NUMBERING)
    except (KeyError, AttributeError):
        return None
    # a part of an unexpected content type loads as a plain Part, which holds no XML
    return part.element if isinstance(part, XmlPart) else None


# -- small XML helpers -----------------------------------------------------------

def _attr(elm: etree._Element | None, tag: str, default: str | None = None) -> str | None:
    """``w:val`` of the child ``tag`` ("w:numId") of ``elm``; ``default`` when absent."""
    if elm is None:
        return default
    child = elm.find(qn(tag))
    if child is None:
        return default
    return child.get(_VAL, default)


@overload
def _int(value: str | None, default: int) -> int: ...
@overload
def _int(value: str | None, default: None = None) -> int | None: ...
def _int(value: str | None, default: int | None = None) -> int | None:
    """``value`` as an int; ``default`` for a missing or malformed value (never raises)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _flag(rpr: etree._Element | None, tag: str) -> bool | None:
    """An on/off run property (``w:b``, ``w:vanish``): True, False, or None when not set here."""
    if rpr is None:
        return None
    child = rpr.find(qn(tag))
    if child is None:
        return None
    return child.get(_VAL, "true").lower() not in ("0", "false", "off")


def _is_toc(sdt: etree._Element) -> bool:
    """True for the content control Word puts a table of contents in."""
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(_VAL, "") == "Table of Contents"


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of ``container`` in order, content controls opened up,
    except a table of contents: it repeats the headings with page numbers, and
    "Priority 1.1 - Healthy lives ... 5" must not be read as a second heading."""
    for child in container:
        if child.tag == _W_SDT and _is_toc(child):
            continue
        if child.tag in _WRAPPERS:
            yield from _blocks(child)
        else:
            yield child


def _children(elm: etree._Element) -> Iterator[etree._Element]:
    """Children of ``elm`` with wrapper elements (content controls, custom XML) opened up."""
    for child in elm:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


# -- styles ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Style:
    """What the reader needs of one ``w:style``; None means "not set by this style"."""

    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl (0-8 headings, 9 body text)
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    hidden: bool | None


class _Styles:
    """The document's styles by id, with inheritance (``w:basedOn``) resolved on demand."""

    def __init__(self, styles_elm: etree._Element):
        # Word's default template alone defines some 160 styles and a document uses a few: each
        # is read when first asked for (reading them all took half the time of a short file).
        self.elements: dict[str, etree._Element] = {}
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        for elm in styles_elm.iterfind(qn("w:style")):
            style_id = elm.get(qn("w:styleId"))
            if style_id is None:
                continue
            self.elements[style_id] = elm
            if elm.get(qn("w:type")) == "paragraph" and elm.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = style_id

    def style(self, style_id: str) -> _Style:
        """The style ``style_id`` (one of ``elements``), read once."""
        style = self.by_id.get(style_id)
        if style is None:
            elm = self.elements[style_id]
            ppr, rpr = elm.find(qn("w:pPr")), elm.find(qn("w:rPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            style = self.by_id[style_id] = _Style(
                name=(_attr(elm, "w:name") or style_id).strip(),
                based_on=_attr(elm, "w:basedOn"),
                outline=_int(_attr(ppr, "w:outlineLvl")),
                num_id=_attr(numpr, "w:numId"),
                ilvl=_int(_attr(numpr, "w:ilvl")),
                bold=_flag(rpr, "w:b"),
                hidden=_flag(rpr, "w:vanish"))
        return style

    def chain(self, style_id: str | None) -> list[tuple[str, _Style]]:
        """(id, style) for ``style_id`` and the styles it is based on, nearest first.

        Stops at a loop or an unknown id (a damaged file must not hang the reader)."""
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.elements:
            seen.add(style_id)
            style = self.style(style_id)
            out.append((style_id, style))
            style_id = style.based_on
        return out

    def first(self, style_id: str | None, attribute: str) -> Any:
        """The nearest value of ``attribute`` set along the style chain, or None."""
        for _, style in self.chain(style_id):
            value = getattr(style, attribute)
            if value is not None:
                return value
        return None

    def paragraph_style(self, p: etree._Element) -> str | None:
        """The paragraph's style id: its ``w:pStyle``, else the document's default style."""
        return _attr(p.find(qn("w:pPr")), "w:pStyle") or self.default_paragraph

    def heading_level(self, p: etree._Element, style_id: str | None) -> int:
        """1-9 for a heading paragraph, 0 for any other.

        The paragraph's own outline level wins; then, nearest style first, a style
        named "Title" (level 1) or "Heading N", or a style with an outline level
        (``w:outlineLvl`` 9 is Word's "body text", so not a heading)."""
        own = _int(_attr(p.find(qn("w:pPr")), "w:outlineLvl"))
        if own is not None:
            return own + 1 if 0 <= own <= 8 else 0
        for _, style in self.chain(style_id):
            if style.name.lower() == "title":
                return 1
            if m := _HEADING_NAME.match(style.name):
                return int(m.group(1))
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 8 else 0
        return 0

    def is_toc_entry(self, style_id: str | None) -> bool:
        """True for a table-of-contents line (styles "TOC 1" to "TOC 9")."""
        return any(_TOC_NAME.match(style.name) for _, style in self.chain(style_id))

    def is_quote(self, style_id: str | None) -> bool:
        return any(style.name.lower() in _QUOTE_NAMES for _, style in self.chain(style_id))


# -- automatic numbering -------------------------------------------------------------

@dataclass(frozen=True)
class _Level:
    """One level of a list definition (``w:lvl``)."""

    fmt: str  # w:numFmt: decimal, lowerLetter, upperRoman, bullet, none…
    text: str  # w:lvlText: "%1.", "(%1)", "%1.%2"
    start: int
    restart: int | None  # w:lvlRestart: restart after this (1-based) level is used; 0 = never
    legal: bool  # w:isLgl: every number shown as decimal ("1.1" under "I.")


def _level(lvl: etree._Element) -> _Level:
    return _Level(fmt=_attr(lvl, "w:numFmt", "decimal") or "decimal",
                  text=_attr(lvl, "w:lvlText", "") or "",
                  start=_int(_attr(lvl, "w:start"), 0),  # the standard's default when omitted
                  restart=_int(_attr(lvl, "w:lvlRestart")),
                  legal=_flag(lvl, "w:isLgl") is True)


@dataclass
class _List:
    """A ``w:num``: which abstract list it shows, and its per-level overrides."""

    abstract: str
    levels: dict[int, _Level]  # the abstract list's levels with this num's overrides applied
    restarts: tuple[int, ...]  # levels with a w:startOverride: they restart where this num is first used


class _Numbering:
    """Word's automatic list numbering: the marker each numbered paragraph shows.

    Counters are kept per abstract list (``w:abstractNum``): ``w:num`` entries sharing
    one continue each other's numbering, as in Word, except where a ``w:num`` carries a
    ``w:startOverride`` ("restart numbering"): where that num is first used, the
    overridden level and the levels below it start again."""

    def __init__(self, numbering: etree._Element | None, styles: _Styles):
        self.styles = styles
        self.abstracts: dict[str, etree._Element] = {}
        self.nums: dict[str, etree._Element] = {}
        if numbering is not None:
            for elm in numbering.iterfind(qn("w:abstractNum")):
                self.abstracts.setdefault(elm.get(qn("w:abstractNumId"), ""), elm)
            for elm in numbering.iterfind(qn("w:num")):
                self.nums.setdefault(elm.get(qn("w:numId"), ""), elm)
        self.lists: dict[str, _List | None] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstract list -> level -> last number shown
        self.started: set[str] = set()  # numIds already used in the document

    def _abstract_for(self, num_id: str, depth: int = 0) -> etree._Element | None:
        """The ``w:abstractNum`` of ``num_id``, following a ``w:numStyleLink`` (a list
        defined by a numbering style) to the list the style points at."""
        num = self.nums.get(num_id)
        if num is None or depth > 4:
            return None
        abstract = self.abstracts.get(_attr(num, "w:abstractNumId") or "")
        link = _attr(abstract, "w:numStyleLink")
        if abstract is not None and link:
            linked_num = self.styles.first(link, "num_id")
            if linked_num and linked_num != num_id:
                return self._abstract_for(linked_num, depth + 1)
        return abstract

    def _list(self, num_id: str) -> _List | None:
        """The list ``num_id`` shows, with its level overrides (cached)."""
        if num_id not in self.lists:
            self.lists[num_id] = self._build_list(num_id)
        return self.lists[num_id]

    def _build_list(self, num_id: str) -> _List | None:
        abstract = self._abstract_for(num_id)
        if abstract is None:
            return None
        levels = {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in abstract.iterfind(qn("w:lvl"))}
        restarts = []
        for override in self.nums[num_id].iterfind(qn("w:lvlOverride")):
            ilvl = _int(override.get(qn("w:ilvl")), 0)
            replacement = override.find(qn("w:lvl"))
            if replacement is not None:
                levels[ilvl] = _level(replacement)
            start = _int(_attr(override, "w:startOverride"))
            if start is not None and ilvl in levels:
                levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, start,
                                      levels[ilvl].restart, levels[ilvl].legal)
                restarts.append(ilvl)
        key = abstract.get(qn("w:abstractNumId"), num_id)
        return _List(key, levels, tuple(restarts))

    def numbering_of(self, p: etree._Element, style_id: str | None) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph, from its own ``w:numPr`` or its style's;
        None when it is not numbered (numId 0 switches inherited numbering off)."""
        numpr = p.find(qn("w:pPr"))
        numpr = numpr.find(qn("w:numPr")) if numpr is not None else None
        num_id = _attr(numpr, "w:numId")
        ilvl = _int(_attr(numpr, "w:ilvl"))
        if num_id is None:
            num_id = self.styles.first(style_id, "num_id")
            if ilvl is None:
                ilvl = self.styles.first(style_id, "ilvl")
            if ilvl is None and num_id is not None:
                ilvl = self._level_for_style(num_id, style_id)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, min(max(ilvl or 0, 0), 8)

    def _level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level whose ``w:pStyle`` is the paragraph's style (a style tied to one level
        of a multi-level list, e.g. "Heading 2" to level 1); 0 otherwise."""
        abstract = self._abstract_for(num_id)
        if abstract is not None and style_id:
            for lvl in abstract.iterfind(qn("w:lvl")):
                if _attr(lvl, "w:pStyle") == style_id:
                    return _int(lvl.get(qn("w:ilvl")), 0) or 0
        return 0

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; the marker Word shows
        for it ("(b)", "1.2", "-" for a bullet), "" for a level shown without a marker,
        None when the list has no such level."""
        lst = self._list(num_id)
        if lst is None or ilvl not in lst.levels:
            return None
        counters = self.counters.setdefault(lst.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            if lst.restarts:  # "restart numbering": a new list from here, its sub-levels too
                for level in [k for k in counters if k >= min(lst.restarts)]:
                    del counters[level]
        for deeper in [k for k in counters if k > ilvl]:
            restart = lst.levels[deeper].restart if deeper in lst.levels else None
            if restart is None:
                restart = deeper  # by default a level restarts after any shallower level
            if restart != 0 and ilvl < restart:
                del counters[deeper]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lst.levels[ilvl].start
        return self._marker(lst, counters, ilvl)

    @staticmethod
    def _marker(lst: _List, counters: dict[int, int], ilvl: int) -> str:
        level = lst.levels[ilvl]
        if level.fmt == "bullet":
            return render.BULLET

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            shown = lst.levels.get(k, level)
            value = counters.get(k, shown.start)
            return _format_number(value, "decimal" if level.legal and k != ilvl else shown.fmt)

        marker = re.sub(r"%([1-9])", number, level.text).strip()
        if marker and not any(ch.isalnum() for ch in marker):
            return render.BULLET  # a glyph as the "number" ("•", "–"): a bullet
        return marker


def _format_number(n: int, fmt: str) -> str:
    """``n`` written in Word's number format ``fmt``; decimal for formats not known here."""
    if fmt == "none":
        return ""
    if n > 0 and fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter after z: 27 -> "aa", 53 -> "aaa"
        text = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if 0 < n < 4000 and fmt in ("lowerRoman", "upperRoman"):
        text = ""
        for value, numeral in _ROMAN:
            while n >= value:
                text, n = text + numeral, n - value
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


# -- rendering -------------------------------------------------------------------------

class _Renderer:
    """Walks the body in document order and writes its blocks to ``out``."""

    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.out = render.Rendered()
        self.last = ""  # kind of the last block written: "item", "quote", "table", "other"

    def emit(self, text: str, kind: str) -> None:
        """Write one block; list items after list items and quotations after quotations
        follow without a blank line, as lines of one list do in a text file."""
        if not text.strip():
            return
        if kind in ("item", "quote") and self.last == kind:
            self.out.add_tight(text)
        else:
            self.out.add(text)
        self.last = kind

    def body(self, container: etree._Element) -> None:
        """Every paragraph and table of ``container`` (the body), in order."""
        for child in _blocks(container):
            if child.tag == _W_P:
                self.paragraph(child)
            elif child.tag == _W_TBL:
                self.table(child)

    def paragraph(self, p: etree._Element) -> None:
        """One body paragraph: heading, list item, quotation or plain paragraph."""
        style_id = self.styles.paragraph_style(p)
        if self.styles.is_toc_entry(style_id):
            return  # a table of contents outside a content control (older documents)
        level = self.styles.heading_level(p, style_id)
        numbered = self.numbering.numbering_of(p, style_id)
        # Word counts a numbered paragraph even when it is empty, so count before skipping
        marker = self.numbering.advance(*numbered) if numbered else None
        depth = numbered[1] if numbered else 0  # the list level, for a numbered paragraph
        if level:
            text = _plain(p, self.styles, style_id)
            if not render.one_line(text):
                return
            if marker and marker != render.BULLET:
                text = f"{marker} {text}"  # a numbered heading ("1.2 Scope") shows its number
            self.emit(render.heading(text, level), "heading")
            return
        # a paragraph style's bold is part of its look in lists and quotations, but a
        # plain paragraph set in a bold style reads as a sub-heading: keep it there
        quote = self.styles.is_quote(style_id)
        style_bold = not marker and not quote and bool(self.styles.first(style_id, "bold"))
        text = _with_bold(p, self.styles, style_id, style_bold)
        if not render.one_line(text):
            return
        if marker:
            self.emit(render.list_item(marker, text, depth), "item")
        elif quote:
            self.emit(render.quotation(text), "quote")
        else:
            self.emit(render.one_line(text), "other")

    def table(self, tbl: etree._Element) -> None:
        """A table: one line per row, its cells separated by tabs, rows without blank lines."""
        first = True
        for tr in _children(tbl):
            if tr.tag != _W_TR:
                continue
            line = render.table_row(self.row_cells(tr))
            if not line.strip():
                continue
            if first:
                self.out.add(line)
                first = False
            else:
                self.out.add_tight(line)
        if not first:
            self.last = "table"

    def row_cells(self, tr: etree._Element) -> list[str]:
        """A row's cells on the table grid: a cell spanning columns (``w:gridSpan``) gives its
        text once and empty cells for the other columns, a vertically merged continuation
        (``w:vMerge``) is empty (its text is in the cell above), so no text is repeated
        and every cell stays under its column's header."""
        trpr = tr.find(qn("w:trPr"))
        cells = [""] * (_int(_attr(trpr, "w:gridBefore"), 0) or 0)
        for tc in _children(tr):
            if tc.tag != _W_TC:
                continue
            tcpr = tc.find(qn("w:tcPr"))
            span = max(_int(_attr(tcpr, "w:gridSpan"), 1) or 1, 1)
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(_VAL, "continue") != "restart"
            cells.append("" if continued else self.cell_text(tc))
            cells.extend([""] * (span - 1))
        return cells

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs (nested tables' too, flattened) joined by ``CELL_JOIN``.

        Cells hold values, so they are written without list markers or bold; numbered
        paragraphs in cells still count, as Word numbers lists through tables."""
        parts = []
        for p in tc.iter(_W_P):
            if _inside_text_box(p, tc):
                continue
            style_id = self.styles.paragraph_style(p)
            numbered = self.numbering.numbering_of(p, style_id)
            if numbered:
                self.numbering.advance(*numbered)
            text = render.one_line(_plain(p, self.styles, style_id))
            if text:
                parts.append(text)
        return render.CELL_JOIN.join(parts)


def _inside_text_box(p: etree._Element, top: etree._Element) -> bool:
    """True when paragraph ``p`` sits in a text box (or drawing) below ``top``."""
    node = p.getparent()
    while node is not None and node is not top:
        if node.tag in (qn("w:txbxContent"), qn("w:drawing"), qn("w:pict")):
            return True
        node = node.getparent()
    return False


# -- paragraph text ----------------------------------------------------------------------

def _runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs of paragraph ``p`` Word shows, in order: those in hyperlinks, content
    controls and tracked insertions too; not deleted or moved-away text."""
    for child in _children(p):
        if child.tag == _W_R:
            yield child


def _run_text(r: etree._Element) -> str:
    """A run's visible text: tabs and line breaks as spaces (a paragraph is one line),
    no field codes (``w:instrText``), deleted text, drawings or text boxes."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")):
            parts.append(" ")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _run_flag(r: etree._Element, styles: _Styles, attribute: str, tag: str,
              paragraph_value: bool | None) -> bool:
    """An on/off property of a run as Word resolves it: set on the run itself, else by its
    character style (and the styles it is based on), else by the paragraph's style."""
    rpr = r.find(qn("w:rPr"))
    value = _flag(rpr, tag)
    if value is None:
        value = styles.first(_attr(rpr, "w:rStyle"), attribute)
    if value is None:
        value = paragraph_value
    return bool(value)


def _pieces(p: etree._Element, styles: _Styles, style_id: str | None,
            style_bold: bool) -> list[tuple[str, bool]]:
    """(text, bold) for each visible run of ``p``; hidden text (``w:vanish``) left out."""
    hidden_style = styles.first(style_id, "hidden")
    out = []
    for r in _runs(p):
        if _run_flag(r, styles, "hidden", "w:vanish", hidden_style):
            continue
        text = _run_text(r)
        if text:
            out.append((text, _run_flag(r, styles, "bold", "w:b", style_bold)))
    return out


def _plain(p: etree._Element, styles: _Styles, style_id: str | None) -> str:
    """The paragraph's visible text without any markup."""
    return "".join(text for text, _ in _pieces(p, styles, style_id, False))


def _with_bold(p: etree._Element, styles: _Styles, style_id: str | None, style_bold: bool) -> str:
    """The paragraph's text with bold stretches as ``**…**``.

    Adjacent bold runs are merged (Word splits runs freely, e.g. at spell-check marks);
    a run of spaces is never bold on its own, but between two bold runs it joins them."""
    pieces = [(text, bold if render.one_line(text) else None)
              for text, bold in _pieces(p, styles, style_id, style_bold)]
    resolved = []
    for i, (text, bold) in enumerate(pieces):
        if bold is None:  # whitespace: bold only when both neighbours with words are bold
            before = next((b for _, b in reversed(pieces[:i]) if b is not None), False)
            after = next((b for _, b in pieces[i + 1:] if b is not None), False)
            bold = before and after
        resolved.append((text, bold))
    groups: list[list] = []
    for text, bold in resolved:
        if groups and groups[-1][1] == bold:
            groups[-1][0] += text
        else:
            groups.append([text, bold])
    return "".join(render.bold(_spaces(text)) if bold else text for text, bold in groups)


def _spaces(text: str) -> str:
    """Every whitespace character render.py collapses (no-break, zero-width…) as a plain
    space, so ``render.bold`` keeps the ``**`` against the words."""
    return render.one_line("x" + text + "x")[1:-1]
