"""PDF reader: the text layer of a PDF rendered as lines, in reading order.

Inputs: the path of a ``.pdf`` file and its name relative to the corpus folder.
Outputs: a ``DocumentText`` (``rendered=True``) written with the conventions of
``render.py``, every line carrying the 1-based page it starts on:
- one line per paragraph: lines the layout wrapped are joined, and words hyphenated
  at a line end are joined again ("develop-" + "ment" -> "development"; "Kelder-" +
  "Valley" keeps its hyphen). A paragraph ends at a larger vertical gap, a change of
  font size, a list marker, or a line that ends short of its column's right edge;
- headings (type larger than the body text's most common size) as ``#`` marks, the
  largest size ``#``;
- list items with their marker as printed (``1.``, ``(a)``, ``a)``) or ``-`` for a
  bullet glyph, two spaces per nesting level (a marker further right than the item
  above is nested in it);
- bold words inside a paragraph as ``**…**`` (not in headings or table cells);
- footnote marks set as small raised digits as superscript digits ("Commission¹"), as
  a text version has them;
- ruled tables, as pdfplumber finds them, as tab-separated rows;
- two-column pages read column by column, full-width lines (a heading above the
  columns) where they stand.
Running headers, footers and page numbers repeated across pages are left out.

Raises ``Unreadable`` for a PDF without a text layer (scanned), an encrypted PDF, and
a file that is not a PDF or is damaged; ``LoadError`` when the file cannot be read at
all. The same file always gives the same lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from goldenthread.core.errors import LoadError, Unreadable
from goldenthread.loaders.readers import render
from goldenthread.loaders.readers.files import file_head
from goldenthread.loaders.text import DocumentText

__all__ = ["read"]

NO_TEXT_LAYER = "no text layer: scanned? run OCR first"
ENCRYPTED = "encrypted PDF (it needs a password to open); save an unencrypted copy and read that"

# glyphs printed as bullets; "(cid:N)" is a glyph the PDF gives no character for, which
# at the start of a list line is almost always a bullet from a symbol font
_BULLETS = frozenset("•●▪◦‣–-·■□○➢►o§\uf0b7\uf0a7")
# a hyphen-minus also starts wrapped lines of prose ("growth" / "- and jobs"): it makes a
# block that starts with it a list item, but never starts a block by itself
_WEAK_BULLETS = frozenset("-")
# bullet glyphs that also count when printed against the word after them ("•Text")
_GLUED_BULLETS = frozenset("•●▪◦‣·■□○➢►\uf0b7\uf0a7")
# a run of large type this long is a lead paragraph, not a heading
_HEADING_MAX_WORDS = 40
_CID = re.compile(r"^\(cid:\d+\)$")
# well-formed Roman numerals only, so that "did." or "civic." starting a line is prose
_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_NUMBERING = rf"\d{{1,3}}|[a-zA-Z]|{_ROMAN}|{_ROMAN.upper()}"
_ORDERED = re.compile(rf"^(?:\((?:{_NUMBERING})\)|(?:{_NUMBERING})[.)])$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I)
_BOLD = re.compile(r"bold|black|heavy", re.I)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SOFT_HYPHEN = "\u00ad"
_HYPHENS = ("-", "\u2010", "\u2011", _SOFT_HYPHEN)
_SENTENCE_END = tuple(".!?:;")

# page furniture lives in the top and bottom margins: this share of the page height
_FURNITURE_ZONE = 0.12
# a gutter between columns is searched for in this middle part of the page width
_GUTTER_RANGE = (0.3, 0.7)


# -- what the PDF gives ------------------------------------------------------

@dataclass(frozen=True)
class _Word:
    """One word as drawn: text, box (PDF points, top-down), font size, bold or not."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class _Table:
    """A ruled table: its rows of cell texts (wrapped cell lines already joined) and box."""

    rows: tuple[tuple[str, ...], ...]
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class _Page:
    """What the reader uses of one page: its number and size, its words and its tables."""

    number: int
    width: float
    height: float
    words: tuple[_Word, ...]  # outside tables
    tables: tuple[_Table, ...]


@dataclass
class _Line:
    """Words on one line of one column, left to right, with where the column is."""

    words: list[_Word]
    page: int
    column: tuple = ()  # lines of one column of one page share this key
    col_left: float = 0.0
    col_right: float = 0.0

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def size(self) -> float:
        """The font size most of the line's characters have."""
        return _mode_size(self.words)

    @property
    def base(self) -> float:
        """Bottom of the main-size words: line pitch measured on it ignores superscripts."""
        size = self.size
        return max(w.bottom for w in self.words if abs(w.size - size) < 0.3)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Placed:
    """A table in reading order (with the page and column it is in)."""

    table: _Table
    page: int
    column: tuple


@dataclass
class _Block:
    """A heading, paragraph or list item being assembled from lines, or a table."""

    kind: str  # heading | paragraph | item | table
    lines: list[_Line] = field(default_factory=list)
    marker: str = ""
    marker_x: float = 0.0  # the marker's distance from its column's left edge
    table: _Table | None = None
    page: int = 1


def read(path: Path, name: str) -> DocumentText:
    """Read the PDF at ``path`` (called ``name`` in the corpus) as rendered lines.

    Returns the ``DocumentText`` of the rendered lines, each with its page; raises
    ``Unreadable`` (no text layer, encrypted, not a PDF, damaged) or ``LoadError``.
    """
    pages = _load(path)
    if not any(p.words or any(any(c for c in row) for t in p.tables for row in t.rows) for p in pages):
        raise Unreadable(NO_TEXT_LAYER, path)
    rows = {p.number: _rows(p.words) for p in pages}
    dropped = _furniture(pages, rows)
    ordered: list[_Line | _Placed] = []
    for page in pages:
        kept = [row for i, row in enumerate(rows[page.number]) if (page.number, i) not in dropped]
        ordered.extend(_reading_order(page, kept))
    _single_column_edges(ordered, pages)
    lines = [item for item in ordered if isinstance(item, _Line)]
    body = _body_size(lines)
    blocks = _blocks(ordered, body, _pitches(lines))
    rendered = _render(blocks, _heading_levels(blocks))
    if not rendered.has_text:
        raise Unreadable("no text besides running headers, footers and page numbers", path)
    return rendered.to_document(path, name)


# -- opening -----------------------------------------------------------------

def _load(path: Path) -> list[_Page]:
    """Every page's words and tables; ``Unreadable`` with a short reason when the file is
    not a PDF, is encrypted or is damaged."""
    head = file_head(path, 1024)
    if b"%PDF-" not in head:
        # PDF readers accept junk before the header, but not a file without one
        raise Unreadable("not a PDF file (no %PDF header); is it another format with a .pdf name?", path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        # pdfplumber wraps whatever pdfminer raised; the reason is the wrapped error
        raise _damaged(exc.args[0] if exc.args else exc, path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    try:
        try:
            pages = pdf.pages
        except TypeError:
            # pdfplumber cannot size a page whose MediaBox is missing or not numbers
            raise Unreadable("damaged PDF: a page has no size (MediaBox)", path) from None
        return [_page(p) for p in pages]
    except PdfminerException as exc:
        raise _damaged(exc.args[0] if exc.args else exc, path) from None
    except (PSException, MalformedPDFException) as exc:
        raise _damaged(exc, path) from None
    finally:
        # not pdf.close(): it would read the pages again, and fail again on a damaged one
        pdf.stream.close()


def _damaged(cause: object, path: Path) -> Unreadable:
    """The error to report for what pdfminer raised while reading ``path``."""
    if isinstance(cause, PDFEncryptionError):
        return Unreadable(ENCRYPTED, path)
    if isinstance(cause, PSEOF):
        return Unreadable("damaged PDF: the file ends too early (truncated download?)", path)
    # pdfminer's messages may quote the damaged bytes: keep one printable line of them
    detail = render.one_line(re.sub(r"[^\x20-\x7e]+", "?", str(cause))) or type(cause).__name__
    if "No /Root object" in detail:
        return Unreadable("damaged PDF: no document structure found (is it really a PDF?)", path)
    return Unreadable(f"damaged PDF: {detail[:100]}", path)


def _page(page: Page) -> _Page:
    """One pdfplumber page as words outside tables, plus the ruled tables."""
    tables = []
    boxes = []
    for found in page.find_tables():
        rows = tuple(tuple(_join_cell(cell) for cell in row) for row in found.extract())
        # a lone ruled box round a paragraph is a frame, not a table
        if max((len(r) for r in rows), default=0) < 2 or not any(c for r in rows for c in r):
            continue
        x0, top, x1, bottom = found.bbox
        tables.append(_Table(rows, x0, x1, top, bottom))
        boxes.append(found.bbox)
    words = []
    for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False,
                                use_text_flow=False):
        if not w.get("upright", True):
            continue  # rotated text: margin notes, watermarks
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes):
            continue  # read as part of its table
        text = _clean(w["text"])
        if text:
            words.append(_Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                               round(float(w["size"]), 2), bool(_BOLD.search(str(w["fontname"])))))
    return _Page(page.page_number, float(page.width), float(page.height), tuple(words), tuple(tables))


def _clean(text: str) -> str:
    """Ligature glyphs spelled out; soft hyphens inside a word dropped (one at the end
    marks a line-end hyphenation and is kept for the joining)."""
    text = text.translate(_LIGATURES)
    core, end = (text[:-1], text[-1]) if text.endswith(_SOFT_HYPHEN) else (text, "")
    return core.replace(_SOFT_HYPHEN, "") + end


def _join_cell(cell: str | None) -> str:
    """A table cell's text (lines as pdfplumber found them) as one line."""
    if not cell:
        return ""
    out = ""
    for line in (ln.strip() for ln in cell.split("\n")):
        if not line:
            continue
        out = _join_words(out, _clean(line)) if out else _clean(line)
    return render.one_line(out)


def _join_words(before: str, after: str) -> str:
    """``before`` (ending a line) and ``after`` (starting the next) as one text, undoing a
    hyphenation: the hyphen goes when a word part ending in a letter is followed by a
    lower-case part ("develop-" + "ment"), stays, without a space, in a compound whose next
    part is capitalised or a number ("Kelder-" + "Valley", "2024-" + "2029"); a dash standing
    alone ("growth -") is a word, so a space follows it."""
    if not before.endswith(_HYPHENS) or len(before) < 2 or not before[-2].isalnum():
        return f"{before} {after}"
    if before.endswith(_SOFT_HYPHEN) or (before[-2].isalpha() and after[:1].islower()):
        return before[:-1] + after
    return before + after


# -- lines, furniture ----------------------------------------------------------

def _rows(words: tuple[_Word, ...]) -> list[list[_Word]]:
    """Words grouped into rows (top to bottom), each row left to right. A word joins the
    row above it when their heights overlap by the middle of either (so a raised footnote
    mark stays on its line, while the next line, one leading further down, does not)."""
    rows: list[list[_Word]] = []
    span = (0.0, 0.0)
    for word in sorted(words, key=lambda w: (w.top, w.x0, w.x1, w.text)):
        middle = (word.top + word.bottom) / 2
        if rows and (span[0] <= middle <= span[1] or word.top <= (span[0] + span[1]) / 2 <= word.bottom):
            rows[-1].append(word)
            span = (min(span[0], word.top), max(span[1], word.bottom))
        else:
            rows.append([word])
            span = (word.top, word.bottom)
    return [sorted(r, key=lambda w: (w.x0, w.top, w.text)) for r in rows]


def _furniture_key(row: list[_Word]) -> str:
    """A row's text with every number replaced, so "Page 3" and "Page 4" are the same."""
    return re.sub(r"\d+", "#", " ".join(w.text for w in row)).casefold()


def _furniture(pages: list[_Page], rows: dict[int, list[list[_Word]]]) -> set[tuple[int, int]]:
    """(page, row index) of running headers, footers and page numbers.

    A row is a candidate when it is one of the first or last two rows of its page and lies
    in the top or bottom margin zone. A candidate is furniture when it is a page number
    ("3", "Page 3 of 9", "- 3 -"), or when the same text (numbers ignored) is in the same
    zone on at least half the pages (all of them when there are two or three pages). Only
    a run of such rows from the page's edge goes, and only when a margin wider than a
    paragraph gap parts it from the text (body lines that happen to repeat stay).
    """
    candidates: dict[tuple[int, int], tuple[str, str]] = {}  # (page, index) -> zone, key
    for page in pages:
        page_rows = rows[page.number]
        for i, row in enumerate(page_rows):
            if 1 < i < len(page_rows) - 2:
                continue
            if min(w.top for w in row) < page.height * _FURNITURE_ZONE:
                candidates[(page.number, i)] = ("top", _furniture_key(row))
            elif max(w.bottom for w in row) > page.height * (1 - _FURNITURE_ZONE):
                candidates[(page.number, i)] = ("bottom", _furniture_key(row))
    pages_with: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (number, _i), zone_key in candidates.items():
        pages_with[zone_key].add(number)
    n = len(pages)
    needed = math.inf if n < 2 else n if n <= 3 else math.ceil(n / 2)

    def is_furniture(number: int, i: int, zone: str) -> bool:
        found = candidates.get((number, i))
        if found is None or found[0] != zone:
            return False
        return bool(_PAGE_NUMBER.match(" ".join(w.text for w in rows[number][i]))) \
            or len(pages_with[found]) >= needed

    dropped: set[tuple[int, int]] = set()
    for page in pages:
        page_rows = rows[page.number]
        for zone, order in (("top", range(len(page_rows))), ("bottom", range(len(page_rows) - 1, -1, -1))):
            run: list[int] = []
            for i in order:
                if not is_furniture(page.number, i, zone) or len(run) == 2:
                    break
                run.append(i)
            if run and _parted(page_rows, run[-1], zone):
                dropped.update((page.number, i) for i in run)
    return dropped


def _parted(rows: list[list[_Word]], edge: int, zone: str) -> bool:
    """Whether row ``edge`` (the innermost furniture row) is set apart from the text next to
    it by more than one and a half times that text's size: a margin, not a paragraph gap."""
    inner = edge + 1 if zone == "top" else edge - 1
    if not 0 <= inner < len(rows):
        return True
    near, far = rows[edge], rows[inner]
    gap = (min(w.top for w in far) - max(w.bottom for w in near) if zone == "top"
           else min(w.top for w in near) - max(w.bottom for w in far))
    return gap > 1.5 * _mode_size(far)


# -- reading order -----------------------------------------------------------

def _segments(row: list[_Word], gap: float) -> list[list[_Word]]:
    """A row cut where the space between two words is at least ``gap`` points wide."""
    out = [[row[0]]]
    for word in row[1:]:
        if word.x0 - out[-1][-1].x1 >= gap:
            out.append([word])
        else:
            out[-1].append(word)
    return out


def _gutter(rows: list[list[_Word]], width: float, gap: float) -> float | None:
    """The x of the gutter of a two-column page, or None for a one-column page.

    A gutter is a vertical strip ``gap`` wide in the middle of the page that the fewest
    rows cross (those are full-width lines, such as a heading over both columns), with
    at least two rows' text beside it on each side, side by side, and left-hand text that
    runs up to it (prose set in a column, not short labels with values far to their right).
    """
    segs = [[(s[0].x0, max(w.x1 for w in s), min(w.top for w in s), max(w.bottom for w in s))
             for s in _segments(r, gap)] for r in rows]
    half = gap / 2
    scored: list[tuple[int, int]] = []  # (rows crossing, x)
    for x in range(int(width * _GUTTER_RANGE[0]), int(width * _GUTTER_RANGE[1]) + 1):
        crossing, left, right = 0, [], []
        for row in segs:
            if any(s[0] - half < x < s[1] + half for s in row):
                crossing += 1
                continue
            left += [s for s in row if s[1] <= x]
            right += [s for s in row if s[0] >= x]
        if len(left) < 2 or len(right) < 2:
            continue
        reach = min(s[0] for s in left)
        if sum(1 for s in left if s[1] >= x - 0.25 * (x - reach)) < 2:
            continue  # nothing on the left fills a column up to the gutter
        beside = sum(1 for r in right if any(s[2] < r[3] and r[2] < s[3] for s in left))
        if beside < 2:
            continue
        scored.append((crossing, x))
    if not scored:
        return None
    fewest = min(c for c, _ in scored)
    xs = [x for c, x in scored if c == fewest]
    # the middle of the widest run of best positions: the gutter's centre
    runs: list[list[int]] = [[xs[0]]]
    for x in xs[1:]:
        if x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    best = max(runs, key=len)  # max keeps the first (leftmost) of equally wide runs
    return (best[0] + best[-1]) / 2


def _reading_order(page: _Page, rows: list[list[_Word]]) -> list[_Line | _Placed]:
    """A page's lines and tables in reading order: top to bottom, or on a two-column page
    column by column (``_two_columns``)."""
    if not rows and not page.tables:
        return []
    sizes = Counter(w.size for r in rows for w in r)
    # a gutter is at least as wide as the body type is high: wider than any word space
    gap = max(10.0, sizes.most_common(1)[0][0] if sizes else 10.0)
    x = _gutter(rows, page.width, gap) if rows else None
    if x is not None:
        return _two_columns(page, rows, x, gap)
    items: list[tuple[float, float, _Line | _Placed]] = [
        (min(w.top for w in r), r[0].x0, _Line(list(r), page.number, (page.number, "full"))) for r in rows]
    items += [(t.top, t.x0, _Placed(t, page.number, (page.number, "full"))) for t in page.tables]
    return [item for _t, _x, item in sorted(items, key=lambda i: (i[0], i[1]))]


def _two_columns(page: _Page, rows: list[list[_Word]], x: float, gap: float) -> list[_Line | _Placed]:
    """A two-column page (gutter at ``x``) in reading order: the page is cut into
    horizontal bands at full-width lines and tables; each band is read left column, then
    right column, and a full-width line stands between the bands above and below it."""
    full: list[tuple[float, _Line | _Placed]] = []  # (top, item)
    sides: list[tuple[str, float, float, _Line | _Placed]] = []  # (side, top, x0, item)
    for row in rows:
        parts = _segments(row, gap)
        if any(p[0].x0 - gap / 2 < x < max(w.x1 for w in p) + gap / 2 for p in parts):
            full.append((min(w.top for w in row), _Line(list(row), page.number, (page.number, "full"))))
            continue
        for side, words in (("left", [w for p in parts if p[0].x0 < x for w in p]),
                            ("right", [w for p in parts if p[0].x0 >= x for w in p])):
            if words:
                sides.append((side, min(w.top for w in words), words[0].x0,
                              _Line(words, page.number, (page.number, side))))
    for t in page.tables:
        if t.x0 < x < t.x1:
            full.append((t.top, _Placed(t, page.number, (page.number, "full"))))
        else:
            side = "left" if t.x1 <= x else "right"
            sides.append((side, t.top, t.x0, _Placed(t, page.number, (page.number, side))))
    full.sort(key=lambda f: f[0])
    # each column's own edges: list depth and "ends short" are measured within the column
    edges = {}
    for side in ("left", "right"):
        lines = [item for s, _t, _x, item in sides if s == side and isinstance(item, _Line)]
        if lines:
            edges[side] = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    out: list[_Line | _Placed] = []
    for band in range(len(full) + 1):
        if band:
            out.append(full[band - 1][1])
        lo = full[band - 1][0] if band else -math.inf
        hi = full[band][0] if band < len(full) else math.inf
        for side in ("left", "right"):
            here = sorted((s for s in sides if s[0] == side and lo < s[1] <= hi), key=lambda s: (s[1], s[2]))
            for _side, _top, _x0, item in here:
                item.column = (page.number, side, band)
                if isinstance(item, _Line):
                    item.col_left, item.col_right = edges[side]
                out.append(item)
    return out


def _single_column_edges(items: list[_Line | _Placed], pages: list[_Page]) -> None:
    """Left and right edges of the text area for full-width lines: the furthest any such
    line reaches on pages of the same width (the layout's margins)."""
    width = {p.number: round(p.width) for p in pages}
    lefts: dict[int, float] = {}
    rights: dict[int, float] = {}
    for item in items:
        if isinstance(item, _Line) and item.column[1] == "full":
            w = width[item.page]
            lefts[w] = min(lefts.get(w, math.inf), item.x0)
            rights[w] = max(rights.get(w, -math.inf), item.x1)
    for item in items:
        if isinstance(item, _Line) and item.column[1] == "full":
            item.col_left, item.col_right = lefts[width[item.page]], rights[width[item.page]]


# -- measures of the document ------------------------------------------------

def _mode_size(words: list[_Word]) -> float:
    """The font size most characters of ``words`` have (ties: the smaller size)."""
    counts: Counter[float] = Counter()
    for w in words:
        counts[round(w.size * 2) / 2] += len(w.text)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _body_size(lines: list[_Line]) -> float:
    """The body text's size: the size most characters of the document are set in."""
    words = [w for line in lines for w in line.words]
    return _mode_size(words) if words else 0.0


def _pitches(lines: list[_Line]) -> dict[float, float]:
    """The distance from one line to the next inside a paragraph, per font size.

    Measured on pairs of consecutive lines of one column that must be one paragraph
    wrapped by the layout: the first runs to the column's edge, and either the second
    starts in lower case or the first ends mid-sentence. The most common such pitch
    (paragraph spacing only adds to it); 1.2 times the size when no line wraps.
    """
    seen: dict[float, Counter[float]] = defaultdict(Counter)
    for a, b in zip(lines, lines[1:]):
        if a.column != b.column or a.size != b.size or b.top <= a.top or _ends_short(a, b):
            continue
        if b.words[0].text[:1].islower() or not a.words[-1].text.endswith(_SENTENCE_END):
            seen[a.size][round((b.base - a.base) * 4) / 4] += 1
    return {size: min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] for size, counts in seen.items()}


# -- blocks ------------------------------------------------------------------

def _marker(word: str) -> str | None:
    """The list marker a line's first word is, as rendered: "-" for a bullet glyph, the
    marker itself for "1.", "(a)", "a)", "iv)"; None when it is not a marker."""
    if word in _BULLETS or _CID.match(word):
        return render.BULLET
    if _ORDERED.match(word):
        return word
    return None


def _split_marker(line: _Line) -> tuple[str | None, list[_Word]]:
    """The line's list marker (or None) and the words after it. A bullet glyph printed
    against the first word ("•Text") counts as a marker too."""
    first = line.words[0]
    marker = _marker(first.text)
    if marker is not None:
        return (marker, line.words[1:]) if len(line.words) > 1 else (None, line.words)
    if first.text[0] in _GLUED_BULLETS and len(first.text) > 1:
        rest = _Word(first.text[1:], first.x0, first.x1, first.top, first.bottom, first.size, first.bold)
        return render.BULLET, [rest, *line.words[1:]]
    return None, line.words


def _is_heading(line: _Line, body: float) -> bool:
    """Type clearly larger than the body text."""
    return line.size - body > 0.5


def _ends_short(prev: _Line, nxt: _Line) -> bool:
    """True when ``prev`` stops short of its column's right edge: the first word of ``nxt``
    would have fitted after it, so the layout did not wrap there."""
    if prev.words[-1].text.endswith(_HYPHENS):
        return False
    space = 0.3 * prev.size
    first = nxt.words[0]
    return prev.x1 + space + (first.x1 - first.x0) < prev.col_right - 0.2 * prev.size


def _continues(block: _Block, line: _Line, body: float, pitches: dict[float, float]) -> bool:
    """Whether ``line`` carries on ``block`` (a wrapped line) rather than starting a new one."""
    if block.kind == "table":
        return False
    prev = block.lines[-1]
    if abs(line.size - prev.size) > 0.3 or _is_heading(line, body) != (block.kind == "heading"):
        return False
    if block.kind != "heading" and _split_marker(line)[0] is not None \
            and line.words[0].text not in _WEAK_BULLETS:
        return False
    if _ends_short(prev, line):
        return False
    if line.column == prev.column and line.top > prev.top:
        pitch = pitches.get(prev.size, 1.2 * prev.size)
        if line.base - prev.base > pitch + 0.3 * prev.size:
            return False  # a paragraph gap
        # a line starting left of a list item's marker belongs to something else
        return not (block.kind == "item" and line.x0 < block.lines[0].x0 - 0.5 * line.size)
    # a new column or page: a full line carries on unless it ended a sentence and the
    # next starts with a capital
    return line.words[0].text[:1].islower() or not prev.words[-1].text.endswith(_SENTENCE_END)


def _blocks(items: list[_Line | _Placed], body: float, pitches: dict[float, float]) -> list[_Block]:
    """Lines and tables (in reading order) grouped into headings, paragraphs, list items
    and tables."""
    blocks: list[_Block] = []
    for item in items:
        if isinstance(item, _Placed):
            blocks.append(_Block("table", table=item.table, page=item.page))
            continue
        if blocks and _continues(blocks[-1], item, body, pitches):
            blocks[-1].lines.append(item)
            continue
        if _is_heading(item, body):
            blocks.append(_Block("heading", [item], page=item.page))
            continue
        marker, _rest = _split_marker(item)
        if marker is None:
            blocks.append(_Block("paragraph", [item], page=item.page))
        else:
            blocks.append(_Block("item", [item], marker=marker, marker_x=item.x0 - item.col_left,
                                 page=item.page))
    for block in blocks:
        if block.kind == "heading" and sum(len(ln.words) for ln in block.lines) > _HEADING_MAX_WORDS:
            block.kind = "paragraph"
    return blocks


def _heading_levels(blocks: list[_Block]) -> dict[float, int]:
    """Heading size -> level: the largest size is level 1, the next 2, … (at most 6)."""
    sizes = sorted({b.lines[0].size for b in blocks if b.kind == "heading"}, reverse=True)
    return {size: min(i + 1, 6) for i, size in enumerate(sizes)}


# -- text ----------------------------------------------------------------------

def _tokens(block: _Block) -> list[tuple[str, bool]]:
    """The block's words (its marker left out) as (text, bold) pieces in order: words
    the PDF split only by a change of font are one piece with no space between, and
    hyphenations at line ends are undone. A piece's text starts with the space before it."""
    tokens: list[list] = []  # [text, bold]
    for n, line in enumerate(block.lines):
        words = _split_marker(line)[1] if n == 0 and block.kind == "item" else line.words
        words = [_superscript(w, line) for w in words]
        for i, word in enumerate(words):
            if not tokens:
                tokens.append([word.text, word.bold])
            elif i == 0:  # the first word of a wrapped line
                joined = _join_words(tokens[-1][0], word.text)
                if joined == f"{tokens[-1][0]} {word.text}":
                    tokens.append([" " + word.text, word.bold])
                else:
                    tokens[-1][0] = joined
            elif word.x0 - words[i - 1].x1 < 0.15 * word.size and word.bold == tokens[-1][1]:
                tokens[-1][0] += word.text
            elif word.x0 - words[i - 1].x1 < 0.15 * word.size:
                tokens.append([word.text, word.bold])
            else:
                tokens.append([" " + word.text, word.bold])
    return [(t, b) for t, b in tokens]


def _superscript(word: _Word, line: _Line) -> _Word:
    """A footnote number set small and raised, as the superscript digits a text version
    has ("Commission¹"), so profiles can strip footnote marks; other words unchanged."""
    size = line.size
    if word.text.isdigit() and word.size <= 0.85 * size and word.bottom < line.base - 0.15 * size:
        return _Word(word.text.translate(_SUPERSCRIPTS), word.x0, word.x1, word.top, word.bottom,
                     word.size, word.bold)
    return word


def _text(block: _Block, markup: bool) -> str:
    """The block's text on one line; with ``markup``, bold runs as ``**…**``."""
    out = []
    tokens = _tokens(block)
    for i, (text, bold) in enumerate(tokens):
        opens = markup and bold and (i == 0 or not tokens[i - 1][1])
        closes = markup and bold and (i == len(tokens) - 1 or not tokens[i + 1][1])
        space, word = (" ", text[1:]) if text.startswith(" ") else ("", text)
        out.append(f"{space}{'**' if opens else ''}{word}{'**' if closes else ''}")
    return render.one_line("".join(out))


def _render(blocks: list[_Block], levels: dict[float, int]) -> render.Rendered:
    """The blocks as rendered lines: headings, paragraphs, nested list items, table rows."""
    out = render.Rendered()
    stack: list[float] = []  # markers' distances from the column edge, outermost first
    previous: _Block | None = None
    for block in blocks:
        if block.kind == "item":
            tolerance = 0.5 * block.lines[0].size
            while stack and block.marker_x < stack[-1] - tolerance:
                stack.pop()
            if not stack or block.marker_x > stack[-1] + tolerance:
                stack.append(block.marker_x)
            else:
                stack[-1] = block.marker_x
            line = render.list_item(block.marker, _text(block, markup=True), len(stack) - 1)
            if previous is not None and previous.kind == "item":
                out.add_tight(line, block.page)
            else:
                out.add(line, block.page)
        else:
            stack.clear()
            if block.kind == "heading":
                out.add(render.heading(_text(block, markup=False), levels[block.lines[0].size]), block.page)
            elif block.kind == "paragraph":
                out.add(_text(block, markup=True), block.page)
            else:
                _render_table(out, block, previous)
        previous = block
    return out


def _render_table(out: render.Rendered, block: _Block, previous: _Block | None) -> None:
    """A table's rows, tab-separated, one line each. A table carrying on one from the page
    before (same number of columns, nothing between) continues it, its repeated header
    row left out."""
    table = block.table
    assert table is not None, "a block of kind 'table' always carries its table"
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    # the table of the block before, when that is a table on another page
    before = (previous.table if previous is not None and previous.kind == "table"
              and previous.page != block.page else None)
    carries_on = before is not None and len(before.rows[0]) == len(table.rows[0])
    if before is not None and carries_on and rows and rows[0] == before.rows[0]:
        rows = rows[1:]
    for i, row in enumerate(rows):
        line = render.table_row(list(row))
        if i == 0 and not carries_on:
            out.add(line, block.page)
        else:
            out.add_tight(line, block.page)
