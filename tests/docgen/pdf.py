"""The Northmere example documents written as PDF, the way a council's design team would.

Inputs: the blocks of an example document (``blocks.blocks(name)``), or for the
error cases nothing but an output path.
Outputs: PDF files written with reportlab (its bundled Bitstream Vera fonts, embedded,
so the text layer decodes the same on every machine):
- ``write_example(name, path)``: the example document with a running header on every
  page, the page number in the footer, headings in larger bold type, lettered items
  printed "(a)", bullets printed "•" (nested ones further right), quotations as
  paragraphs starting with a literal "> ", the "How we will know:" paragraph in bold,
  footnote marks as small raised digits, the table ruled, one page break per ``page``
  block, the page holding "THEME 2" set in two columns below a full-width heading, and
  long words of some prose broken across lines with a hyphen. It returns the page each
  block was drawn on, so tests can check the pages the reader reports.
- ``write_paragraphs``, ``write_items``: plain paragraphs, a list with given bullet glyphs.
- ``write_no_text_layer``, ``write_encrypted``, ``write_broken``: files a reader must
  refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from .blocks import COUNCIL, PARTNERSHIP, RUNNING_HEADERS, Block, blocks, letter

FONT, BOLD = "GTVera", "GTVera-Bold"
BODY_SIZE = 10
HEADING_SIZES = {1: 20, 2: 15, 3: 12.5, 4: 11}
MARGIN = 72
PAGE_W, PAGE_H = A4
GUTTER = 24
# the page whose first heading this is is set in two columns
TWO_COLUMNS = {PARTNERSHIP: "THEME 2: A FAIR AND GROWING ECONOMY"}
# prose no profile rule reads: its long words may be hyphenated at a line end
HYPHENATE_UNDER = {"ABOUT THIS PLAN", "REPORTING AND REVIEW", "4. REPORTING"}
_FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"
# footer styles: the partnership plan prints "Page 3", the council plan "- 3 -"
FOOTERS = {PARTNERSHIP: "Page {n}", COUNCIL: "- {n} -"}


def _register_fonts() -> None:
    """Vera ships inside reportlab, so the generated files need no system font."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by role; every bullet is drawn in the embedded font (the default,
    Helvetica, has no usable "•" in its encoding)."""
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=12.5, spaceAfter=6,
                          bulletFontName=FONT, bulletFontSize=BODY_SIZE)
    styles = {"body": body,
              "bold": ParagraphStyle("bold", parent=body, fontName=BOLD),
              "footnote": ParagraphStyle("footnote", parent=body, fontSize=8, leading=10),
              "letter": ParagraphStyle("letter", parent=body, leftIndent=24, bulletIndent=0),
              "bullet0": ParagraphStyle("bullet0", parent=body, leftIndent=18, bulletIndent=6),
              "bullet1": ParagraphStyle("bullet1", parent=body, leftIndent=48, bulletIndent=36)}
    for level, size in HEADING_SIZES.items():
        styles[f"h{level}"] = ParagraphStyle(f"h{level}", parent=body, fontName=BOLD, fontSize=size,
                                             leading=size * 1.25, spaceBefore=6, spaceAfter=8,
                                             keepWithNext=True)
    return styles


def soft_hyphens(text: str, min_length: int = 7) -> str:
    """Every long lower-case word with a soft hyphen in its middle, where reportlab may
    break it at a line end ("organi-" / "sations")."""
    return re.sub(rf"\b[a-z]{{{min_length},}}\b",
                  lambda m: m.group(0)[: len(m.group(0)) // 2] + "\u00ad" + m.group(0)[len(m.group(0)) // 2:],
                  text)


class _Para(Paragraph):
    """A paragraph that knows which block it draws, so the document can record its page;
    when a page break splits it, the first part keeps the block's index."""

    block_index: int = -1

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if parts:
            parts[0].block_index = self.block_index
        return parts


@dataclass
class PdfLayout:
    """What was written: the file and the page every block starts on."""

    path: Path
    blocks: list[Block]
    pages: dict[int, int] = field(default_factory=dict)  # block index -> 1-based page

    def page_of(self, text: str) -> int:
        """Page of the first block whose text is ``text``."""
        for i, block in enumerate(self.blocks):
            if block.text == text:
                return self.pages[i]
        raise KeyError(text)


class _Doc(BaseDocTemplate):
    """One-column pages, and a two-column template: a full-width band for the heading
    above two column frames."""

    def __init__(self, path: Path, header: str, footer: str):
        super().__init__(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN, title=header, author="goldenthread tests",
                         invariant=1)  # invariant: no dates or random ids, so the bytes repeat
        self.header, self.footer = header, footer
        self.marks: dict[int, int] = {}
        width, height = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN
        band = 48
        column = (width - GUTTER) / 2
        self.addPageTemplates([
            PageTemplate("one", [Frame(MARGIN, MARGIN, width, height, id="body")], onPage=self._furniture),
            PageTemplate("two", [
                Frame(MARGIN, MARGIN + height - band, width, band, id="band"),
                Frame(MARGIN, MARGIN, column, height - band, id="left"),
                Frame(MARGIN + column + GUTTER, MARGIN, column, height - band, id="right"),
            ], onPage=self._furniture),
        ])

    def _furniture(self, c: canvas.Canvas, doc) -> None:
        """Running header at the top, page number at the bottom, on every page."""
        c.saveState()
        c.setFont(FONT, 8.5)
        c.drawCentredString(PAGE_W / 2, PAGE_H - 40, self.header)
        c.drawCentredString(PAGE_W / 2, 36, self.footer.format(n=doc.page))
        c.restoreState()

    def afterFlowable(self, flowable) -> None:
        index = getattr(flowable, "block_index", -1)
        if index >= 0:
            self.marks.setdefault(index, self.page)


def _table(block: Block, styles: dict[str, ParagraphStyle]) -> Table:
    """A ruled table; cells are paragraphs so long names wrap inside their cell."""
    head = ParagraphStyle("cellhead", parent=styles["body"], fontName=BOLD, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=styles["body"], spaceAfter=0)
    rows = [[Paragraph(escape(text), head if r == 0 else cell) for text in row]
            for r, row in enumerate(block.rows)]
    width = PAGE_W - 2 * MARGIN
    table = Table(rows, colWidths=[width * 0.12, width * 0.5, width * 0.38])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _flowable(block: Block, styles: dict[str, ParagraphStyle], letters: int, hyphenate: bool) -> Flowable:
    """One block as a reportlab flowable (``letters``: the lettered item's number)."""
    if block.kind == "table":
        return _table(block, styles)
    if block.kind == "heading":
        return _Para(escape(block.text), styles[f"h{min(block.level, 4)}"])
    if block.kind == "item" and block.list_style == "letter":
        return _Para(escape(block.text), styles["letter"], bulletText=f"({letter(letters)})")
    if block.kind == "item":
        return _Para(escape(block.text), styles[f"bullet{min(block.depth, 1)}"], bulletText="•")
    if block.kind == "quote":
        return _Para(escape("> " + block.text), styles["body"])  # the "> " is printed
    text = soft_hyphens(escape(block.text)) if hyphenate else escape(block.text)
    style = "bold" if block.bold else "footnote" if block.text[:1] in _FOOTNOTE_MARKS else "body"
    # footnote marks set as a designer does: smaller digits, raised
    text = re.sub(f"[{_FOOTNOTE_MARKS}]",
                  lambda m: f"<super>{_FOOTNOTE_MARKS.index(m.group(0)) + 1}</super>", text)
    return _Para(text, styles[style])


def _flowables(name: str, items: list[Block], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The blocks as reportlab flowables, with the page breaks, template switches and
    frame breaks of the layout."""
    story: list[Flowable] = []
    letters = 0  # lettered items restart under every heading
    heading = ""
    two_columns = False
    column_break = -1
    for i, block in enumerate(items):
        if block.kind == "page":
            nxt = next((b for b in items[i + 1:] if b.kind == "heading"), None)
            starts_two = nxt is not None and TWO_COLUMNS.get(name) == nxt.text
            if starts_two:
                story.append(NextPageTemplate("two"))
                column_break = _middle(items, i + 1)
            elif two_columns:
                story.append(NextPageTemplate("one"))
            two_columns = starts_two
            story.append(PageBreak())
            continue
        if i == column_break:
            story.append(FrameBreak())  # the rest of the page goes into the right column
        if block.kind == "heading":
            heading, letters = block.text, 0
        elif block.kind == "item" and block.list_style == "letter":
            letters += 1
        flowable = _flowable(block, styles, letters, heading in HYPHENATE_UNDER)
        flowable.block_index = i
        story.append(flowable)
        if two_columns and block.kind == "heading" and block.text == TWO_COLUMNS[name]:
            story.append(FrameBreak())  # the heading spans both columns; the columns start below
    return story


def _middle(items: list[Block], start: int) -> int:
    """Index of the block where the page starting at ``start`` passes half its text:
    the first block of the right column."""
    end = next((j for j in range(start, len(items)) if items[j].kind == "page"), len(items))
    total = sum(len(b.text) for b in items[start:end])
    seen = 0
    for j in range(start, end):
        seen += len(items[j].text)
        if seen * 2 >= total:
            return j + 1
    return end


def write_example(name: str, path: Path) -> PdfLayout:
    """Write example document ``name`` (PARTNERSHIP or COUNCIL) as a PDF at ``path``."""
    _register_fonts()
    items = blocks(name)
    doc = _Doc(path, RUNNING_HEADERS[name], FOOTERS[name])
    doc.build(_flowables(name, items, _styles()))
    return PdfLayout(path=path, blocks=items, pages=dict(doc.marks))


def _plain_doc(path: Path) -> BaseDocTemplate:
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN, invariant=1)
    doc.addPageTemplates([PageTemplate("one", [Frame(MARGIN, MARGIN, PAGE_W - 2 * MARGIN,
                                                     PAGE_H - 2 * MARGIN)])])
    return doc


def write_paragraphs(path: Path, paragraphs: list[str], split_compounds: bool = False) -> Path:
    """Plain body paragraphs (text, not markup: ``<`` and ``&`` are printed as such) as a
    PDF at ``path``; with ``split_compounds``, lines may also break after the hyphen of a
    compound ("Kelder-" / "Valley")."""
    _register_fonts()
    style = ParagraphStyle("plain", parent=_styles()["body"], embeddedHyphenation=1 if split_compounds else 0)
    _plain_doc(path).build([Paragraph(escape(p), style) for p in paragraphs])
    return path


def write_items(path: Path, items: list[tuple[str, str]]) -> Path:
    """A list whose items are printed with the given glyphs: ``(glyph, text)`` pairs."""
    _register_fonts()
    style = _styles()["bullet0"]
    _plain_doc(path).build([Paragraph(escape(text), style, bulletText=glyph) for glyph, text in items])
    return path


def write_no_text_layer(path: Path) -> Path:
    """A scanned-looking page: a drawn grey "image" of text lines, no text at all."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for row in range(30):
        c.setFillColor(colors.grey)
        c.rect(MARGIN, PAGE_H - MARGIN - row * 18, PAGE_W - 2 * MARGIN - (row % 4) * 40, 9, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path


def write_encrypted(path: Path, password: str = "secret") -> Path:
    """A PDF with real text that opens only with ``password`` (a user password)."""
    _register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=password, invariant=1)
    c.setFont(FONT, BODY_SIZE)
    c.drawString(MARGIN, PAGE_H - MARGIN, "Northmere Partnership Plan 2035")
    c.showPage()
    c.save()
    return path


def write_broken(path: Path) -> Path:
    """A file named .pdf whose bytes are not a PDF: a PDF header, then noise."""
    noise = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(b"%PDF-1.4\n" + noise)
    return path


def write_truncated(path: Path, source: Path) -> Path:
    """The first half of the PDF ``source``: what an interrupted download leaves."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
