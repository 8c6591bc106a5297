"""The example documents as Word files, written with Word's own means (python-docx).

Inputs: the blocks of ``blocks.py`` (``blocks(PARTNERSHIP)``, ``blocks(COUNCIL)``).
Outputs: ``.docx`` files where headings use the ``Title`` / ``Heading N`` styles,
lettered items and bullets use Word's automatic numbering (a numbering definition
added to the numbering part: lowerLetter "(%1)" restarting for every list, bullets
with a nested level), quotations the ``Quote`` style, the bold line a bold run,
tables real Word tables, page breaks real page breaks, and the running header sits
in the section's page header, where a reader must not take it for body text.
Also ``write_invalid_docx`` (random bytes) and ``write_empty_docx`` (no text).

``Lists`` is the numbering helper the tests use for their own small documents.
"""

from __future__ import annotations

import random
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from .blocks import RUNNING_HEADERS, Block, blocks

# Word's own bullet glyphs: U+F0B7 in the Symbol font for level 1, "o" in Courier New below
SYMBOL_BULLET = ("bullet", "\uf0b7", "Symbol")
CIRCLE_BULLET = ("bullet", "o", "Courier New")


class Lists:
    """Automatic numbering definitions added to a document's numbering part.

    ``define`` adds an abstract list (``w:abstractNum``) from its levels, each
    (numFmt, lvlText) or (numFmt, lvlText, font); ``start`` adds a list instance
    (``w:num``) of it, with a ``w:startOverride`` when it restarts its numbering;
    ``apply`` numbers a paragraph with a list at a level (``w:numPr``)."""

    def __init__(self, document):
        self.numbering = document.part.numbering_part.element

    def _next_id(self, tag: str, attribute: str) -> int:
        ids = [int(e.get(qn(attribute))) for e in self.numbering.iterfind(qn(tag))]
        return max(ids, default=0) + 1

    def define(self, levels: list[tuple[str, ...]], starts: list[int] | None = None,
               restarts: dict[int, int] | None = None) -> int:
        abstract_id = self._next_id("w:abstractNum", "w:abstractNumId")
        xml = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">',
               f'<w:multiLevelType w:val="{"hybridMultilevel" if len(levels) > 1 else "singleLevel"}"/>']
        for ilvl, (fmt, text, *font) in enumerate(levels):
            start = (starts or [1] * len(levels))[ilvl]
            restart = (f'<w:lvlRestart w:val="{restarts[ilvl]}"/>'
                       if restarts and ilvl in restarts else "")
            rpr = (f'<w:rPr><w:rFonts w:ascii="{font[0]}" w:hAnsi="{font[0]}" w:hint="default"/></w:rPr>'
                   if font else "")
            xml.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                       f'{restart}<w:lvlText w:val="{_attr(text)}"/><w:lvlJc w:val="left"/>'
                       f'<w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>')
        xml.append("</w:abstractNum>")
        element = parse_xml("".join(xml))
        # the schema wants every w:abstractNum before the first w:num
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.numbering.append(element)
        return abstract_id

    def start(self, abstract_id: int, restart_at: int | None = 1) -> int:
        num_id = self._next_id("w:num", "w:numId")
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
                    if restart_at is not None else "")
        element = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                            f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')
        cleanup = self.numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self.numbering.append(element)
        return num_id

    @staticmethod
    def apply(paragraph: Paragraph, num_id: int, level: int = 0) -> Paragraph:
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level
        numpr.get_or_add_numId().val = num_id
        return paragraph


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def write_docx(items: list[Block], path: Path, header: str = "", footer: str = "") -> Path:
    """Write ``items`` to ``path`` as a Word document; ``header``/``footer`` go in the
    section's page header and footer."""
    document = Document()
    lists = Lists(document)
    # a lettered list whose second level holds bullets, as Word makes it when an item
    # of a lettered list is indented; and a plain bullet list for the indicators
    letters = lists.define([("lowerLetter", "(%1)"), CIRCLE_BULLET])
    bullets = lists.define([SYMBOL_BULLET, CIRCLE_BULLET])
    bullet_list = lists.start(bullets, restart_at=None)  # bullets have no numbers to restart
    current: tuple[int, str] | None = None  # (numId, list style) of the list being written
    for block in items:
        if block.kind == "page":
            document.add_page_break()  # a page break does not end a list
            continue
        if block.kind != "item":
            current = None
        if block.kind == "heading":
            document.add_paragraph(block.text, style="Title" if block.level == 1 else f"Heading {block.level}")
        elif block.kind == "paragraph":
            document.add_paragraph().add_run(block.text).bold = block.bold or None
        elif block.kind == "quote":
            document.add_paragraph(block.text, style="Quote")
        elif block.kind == "table":
            _table(document, block.rows)
        elif block.kind == "item":
            if current is None or (block.depth == 0 and current[1] != block.list_style):
                # every lettered list is a new list instance starting again at "(a)"
                num = lists.start(letters) if block.list_style == "letter" else bullet_list
                current = (num, block.list_style)
            Lists.apply(document.add_paragraph(block.text, style="List Paragraph"), current[0], block.depth)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def _table(document, rows: list[list[str]]) -> None:
    """A Word table with a bold header row (readers leave bold out of table cells)."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].add_run(text).bold = r == 0 or None


def example_docx(name: str, folder: Path) -> Path:
    """The example document ``name`` (a .txt of examples/northmere) as ``folder/<stem>.docx``."""
    path = folder / (Path(name).stem + ".docx")
    return write_docx(blocks(name), path, header=RUNNING_HEADERS[name], footer="Northmere")


def write_invalid_docx(path: Path, size: int = 2048, seed: int = 7) -> Path:
    """Random bytes under a .docx name (seeded: the same bytes every run)."""
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def write_empty_docx(path: Path) -> Path:
    """A valid Word document with no text in its body (only a page header)."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Header only"
    document.save(str(path))
    return path
