"""The web page reader: a saved council web page (``.html``, ``.htm``) as rendered lines.

Inputs: the path of an HTML file and its name relative to the corpus folder.
Outputs: a ``DocumentText`` written with the conventions of ``render.py``, or
``Unreadable`` ("empty file"; "binary file …"; "no text in the page's main content").

The page is parsed with BeautifulSoup and lxml, given the bytes, so the parser
decodes them as a browser would: byte-order mark first, then the page's own
``<meta charset>`` (or ``http-equiv`` Content-Type), then a guess.

Which part of the page is read
------------------------------
1. Never content, removed wherever it is:
   - ``<script>``, ``<style>``, ``<noscript>``, ``<template>``; the head's
     ``<title>``, ``<meta>``, ``<link>`` and ``<base>``; embedded things whose
     text is not page text (``<svg>``, ``<math>``, ``<iframe>``, ``<object>``,
     ``<embed>``, ``<canvas>``, ``<video>``, ``<audio>``, ``<picture>``, ``<map>``);
   - form controls (``<input>``, ``<button>``, ``<select>``, ``<textarea>``,
     ``<label>``, ``<option>``, …) and every ``<form>`` except one that wraps the
     page itself (it contains ``<main>``, ``role="main"`` or an ``<h1>``, as
     ASP.NET sites put the whole page in one form);
   - hidden elements: the ``hidden`` attribute (but not ``hidden="until-found"``,
     collapsed accordion text that the page does show), an inline style
     ``display: none`` or ``visibility: hidden``, a ``<dialog>`` that is not
     ``open``, and ``aria-hidden="true"`` (icons, decorative duplicates) unless
     the element holds the page's content (``<main>``, ``role="main"``, ``<h1>``):
     a page saved while a modal was open has the whole page marked so.
2. Page chrome, removed wherever it is (also inside ``<main>``: an in-page
   contents list or breadcrumb would repeat the headings):
   - ``<nav>``, ``<aside>``, ``<search>`` and elements with ``role`` navigation,
     banner, contentinfo, complementary or search;
   - the site header and footer: a ``<header>`` or ``<footer>`` that is not inside
     ``<article>``, ``<aside>``, ``<main>``, ``<nav>`` or ``<section>`` (the
     ARIA rule for banner and contentinfo), so an article's own header stays;
   - cookie banners: an ``id`` or ``class`` containing "cookie", "consent" or
     "gdpr", or an ``aria-label`` naming cookies;
   - skip links (``<a href="#…">`` reading "Skip …" or "Jump to …", or an
     ``id``/``class`` like "skip-link") and breadcrumbs (``id``/``class``
     containing "breadcrumb").
   No rule removes ``<html>``, ``<head>``, ``<body>`` or an element that contains
   ``<main>`` or ``role="main"``; the rules by name (cookie banner, skip link,
   breadcrumb: looser evidence) also spare an element that contains the ``<h1>``
   (``<div class="page cookies-accepted">`` around the whole page is no banner).
3. The main content, from what is left: the ``<main>`` elements (several only
   when a site marks up several; read in order); otherwise the ``role="main"``
   elements; otherwise the page's only ``<article>``; otherwise the whole page
   (``<body>``, and anything lxml's parser placed in ``<head>``: it puts HTML5
   elements met before ``<body>`` opens, such as ``<header>`` or ``<main>``, there).

How it is written (``render.py``)
---------------------------------
- ``<h1>``–``<h6>``: ``#`` × level, the heading's text (no bold marks).
- ``<p>``, ``<div>`` and other blocks: one line each; text directly in a block
  beside other blocks is a line of its own.
- lists: ``<ul>``/``<menu>`` items ``-``; ``<ol>`` items numbered as a browser
  shows them, by ``type`` (``1``, ``a``, ``A``, ``i``, ``I``; also on an ``<li>``),
  ``start``, ``reversed`` and ``<li value>``: "1.", "a.", "A.", "i.", "I."
  (letters past "z" go "aa", "ab"; numbers a type cannot show fall back to
  decimal). Two spaces per nesting level. An item's line is all of its text but
  its nested lists, which follow on their own lines.
- ``<blockquote>``: each line inside starts with ``> ``.
- ``<strong>``/``<b>``: ``**…**`` in paragraphs, list items and quotations; not in
  headings, table cells, definition lists or ``<pre>``.
- ``<br>``: a space; whitespace collapses as in ``render.one_line``.
- ``<table>``: ``<caption>`` as a line, then one line per row, cells (``th`` and
  ``td``) separated by tabs; ``<thead>`` rows first, ``<tfoot>`` rows last. A cell
  holding several blocks joins them with ``render.CELL_JOIN``. A cell spanning
  columns or rows fills the other slots with empty cells (its text once, so
  later cells stay under their headers). A table marked ``role="presentation"``
  (or ``none``) is layout, read as blocks.
- ``<dl>``: one line per group, "term: definition" (several terms or
  definitions joined with ``CELL_JOIN``; a term's own trailing ":" dropped).
- ``<pre>``: one line per line of the text.
- ``<hr>``: nothing. Inline elements (``a``, ``span``, ``em``, ``abbr``…) give their
  text only; images give nothing. An inline element wrapping blocks (a link
  around a card) is read as a block.
- Entities are decoded; ``<``, ``>`` and ``&`` in the text stay as text.
- Blocks nested deeper than ``MAX_NESTING`` (broken markup) give their text as one line.
List items, table rows and definition-list lines follow each other with no blank
line (``Rendered.add_tight``); every other block starts after a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from goldenthread.core.errors import LoadError, Unreadable
from goldenthread.loaders.readers.render import CELL_JOIN, Rendered, bold, heading, list_item, one_line, table_row
from goldenthread.loaders.text import DocumentText

__all__ = ["read"]

# -- element classes ---------------------------------------------------------------
# (not <head> itself: lxml's parser puts HTML5 elements met before <body> (<header>, <main>)
# in the head; its metadata goes by name)
_NEVER_CONTENT = frozenset({"script", "style", "noscript", "template", "title", "meta", "link", "base",
                            "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
                            "picture", "map"})
_CONTROLS = frozenset({"input", "button", "select", "textarea", "label", "option", "optgroup", "datalist",
                       "output", "progress", "meter"})
_CHROME_TAGS = ("nav", "aside", "search")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# a header/footer inside one of these belongs to it, not to the site (ARIA banner/contentinfo)
_SECTIONING = ("article", "aside", "main", "nav", "section")
_SECTIONING_ROLES = {"article", "complementary", "main", "navigation", "region"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = ("ul", "ol", "menu", "dir")
_BOLD = ("strong", "b")
# elements that start a new line (the rest are inline: their text joins the line)
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu",
    "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "xmp",
})

_COOKIE = re.compile(r"cookie|consent|gdpr", re.I)
_SKIP_NAME = re.compile(r"skip[-_]?(?:link|to|nav|main|content)", re.I)
_SKIP_TEXT = re.compile(r"^\s*(?:skip\b|jump to\b)", re.I)
_BREADCRUMB = re.compile(r"breadcrumb", re.I)
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_INTEGER = re.compile(r"^[ \t\n\f\r]*([+-]?\d+)")  # HTML's rules for parsing integers
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))

# Real pages nest blocks a few dozen deep; far deeper is broken markup (thousands of unclosed
# tags). Below this depth an element's text is read as one plain run, so the walk's recursion
# stays well inside Python's limit.
MAX_NESTING = 150

Run = tuple[str, bool]  # a piece of inline text and whether it is bold


# -- reading -------------------------------------------------------------------------
def read(path: Path, name: str) -> DocumentText:
    """Read the web page at ``path`` (named ``name`` in the corpus) into rendered lines.

    Raises ``Unreadable`` for an empty or binary file or a page whose main content has no
    text, ``LoadError`` when the file cannot be read at all.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    if not data.strip():
        raise Unreadable("empty file", path)
    _refuse_binary(data, path)
    soup = BeautifulSoup(data, "lxml")  # bytes: the parser applies BOM and <meta charset>
    _remove_never_content(soup)
    _remove_chrome(soup)
    rendered = Rendered()
    writer = _Writer(rendered, soup)
    for root in main_content(soup):
        writer.flow(root)
    if not rendered.has_text:
        raise Unreadable("no text in the page's main content", path)
    return rendered.to_document(path, name)


def _refuse_binary(data: bytes, path: Path) -> None:
    """NUL bytes without a UTF-16/32 byte-order mark: not a web page (a PDF or image renamed).

    Browsers only read UTF-16 pages that start with a byte-order mark, so a page without
    one has no reason to hold NUL bytes.
    """
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise Unreadable("binary file (contains NUL bytes), expected a web page", path)


# -- what is content -------------------------------------------------------------------
def _tags(root: Tag) -> list[Tag]:
    """Every element under ``root``, in document order (bs4's ``descendants`` walks without
    recursion, and a plain pass is much faster than ``find_all`` with several names)."""
    return [t for t in root.descendants if isinstance(t, Tag)]


def _is_main(tag: Tag) -> bool:
    return tag.name == "main" or _role(tag) == "main"


def _holders(soup: BeautifulSoup, with_h1: bool) -> set[int]:
    """ids of the elements that are or contain the page's content: ``<main>``, ``role="main"``
    and, if ``with_h1``, an ``<h1>``, with all their ancestors. A rule that removes chrome
    never removes one of these (``<body class="cookie-consent-given">`` is not a banner)."""
    held: set[int] = set()
    for tag in _tags(soup):
        if _is_main(tag) or (with_h1 and tag.name == "h1"):
            for t in (tag, *tag.parents):
                if id(t) in held:
                    break  # its ancestors are in already
                held.add(id(t))
    return held


def _role(tag: Tag) -> str:
    """The element's first ARIA role, lower case ("" when none)."""
    role = tag.get("role")
    return role.split()[0].lower() if isinstance(role, str) and role.split() else ""


def _names(tag: Tag) -> list[str]:
    """The element's id and class names (class is a list in BeautifulSoup)."""
    classes: str | list[str] = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    ident = tag.get("id")
    return [*classes, *([ident] if isinstance(ident, str) else [])]


def _is_hidden(tag: Tag, holds_page: bool) -> bool:
    """Not shown by a browser: ``hidden`` (not "until-found"), inline display:none or
    visibility:hidden, a closed ``<dialog>``; or ``aria-hidden="true"`` on an element that
    does not hold the page (``holds_page``: a modal open when the page was saved marks the
    rest of the page so)."""
    hidden = tag.get("hidden")
    if hidden is not None and str(hidden).strip().lower() != "until-found":
        return True
    style = tag.get("style")
    if isinstance(style, str) and _STYLE_HIDDEN.search(style):
        return True
    if tag.name == "dialog" and tag.get("open") is None:
        return True
    aria = tag.get("aria-hidden")
    return isinstance(aria, str) and aria.strip().lower() == "true" and not holds_page


def _remove(tags: list[Tag]) -> None:
    """Remove the elements (skipping those already gone with an ancestor)."""
    for tag in tags:
        if not tag.decomposed:
            tag.decompose()


def _elements(soup: BeautifulSoup) -> list[Tag]:
    """Every element but ``<html>``, ``<head>`` and ``<body>``, which no rule removes."""
    return [t for t in _tags(soup) if t.name not in ("html", "head", "body")]


def _remove_never_content(soup: BeautifulSoup) -> None:
    """Step 1 of the module docstring: scripts, embedded things, controls, hidden elements."""
    _remove([t for t in _tags(soup) if t.name in _NEVER_CONTENT or t.name in _CONTROLS])
    page = _holders(soup, with_h1=True)
    _remove([t for t in _elements(soup)
             if (t.name == "form" and id(t) not in page) or _is_hidden(t, id(t) in page)])


def _is_site_header_or_footer(tag: Tag) -> bool:
    """A ``<header>``/``<footer>`` of the site: not inside sectioning content (ARIA rule)."""
    if tag.name not in ("header", "footer"):
        return False
    return not any(p.name in _SECTIONING or _role(p) in _SECTIONING_ROLES for p in tag.parents)


def _is_chrome_element(tag: Tag) -> bool:
    """Navigation, complementary content, the site's header and footer, by element or role."""
    return tag.name in _CHROME_TAGS or _role(tag) in _CHROME_ROLES or _is_site_header_or_footer(tag)


def _is_named_chrome(tag: Tag) -> bool:
    """Chrome known by its name: a cookie banner (id/class naming cookies, consent, GDPR, or
    an aria-label naming cookies), a skip link ("Skip to main content") or a breadcrumb."""
    label = tag.get("aria-label")
    if isinstance(label, str) and "cookie" in label.lower():
        return True
    names = _names(tag)
    if any(_COOKIE.search(n) or _SKIP_NAME.search(n) or _BREADCRUMB.search(n) for n in names):
        return True
    href = tag.get("href")
    return (tag.name == "a" and isinstance(href, str) and href.startswith("#")
            and bool(_SKIP_TEXT.match(tag.get_text())))


def _remove_chrome(soup: BeautifulSoup) -> None:
    """Step 2 of the module docstring: navigation, site header and footer, cookie banners…

    Element and role rules spare what holds ``<main>``; name rules (class, id, label: looser
    evidence) also spare what holds the ``<h1>``.
    """
    main, page = _holders(soup, with_h1=False), _holders(soup, with_h1=True)
    _remove([t for t in _elements(soup) if id(t) not in main
             and (_is_chrome_element(t) or (_is_named_chrome(t) and id(t) not in page))])


def main_content(soup: BeautifulSoup) -> list[Tag]:
    """Step 3 of the module docstring: the elements to read, in document order."""
    tags = _tags(soup)
    for found in ([t for t in tags if t.name == "main"], [t for t in tags if _role(t) == "main"]):
        ids = {id(t) for t in found}
        outer = [t for t in found if not any(id(p) in ids for p in t.parents)]
        if outer:
            return outer
    articles = [t for t in tags if t.name == "article"]
    if len(articles) == 1:
        return articles
    # the whole document rather than <body>: lxml may have put the page's first elements in
    # <head> (see _NEVER_CONTENT), whose own metadata is gone by now
    return [soup.html] if soup.html is not None else [soup]


# -- inline text -------------------------------------------------------------------------
def _is_text(node: object) -> bool:
    """Text a reader sees: not a comment, doctype, CDATA or processing instruction."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def block_elements(root: Tag) -> set[int]:
    """ids of the elements under ``root`` that start a line: block tags, and inline tags
    wrapping a block (a link around a card). One pass, each ancestor marked once."""
    blocks: set[int] = set()
    for tag in _tags(root):
        if tag.name in _BLOCKS:
            blocks.add(id(tag))
            for parent in tag.parents:
                if id(parent) in blocks:
                    break
                blocks.add(id(parent))
    return blocks


def _is_space(ch: str) -> bool:
    """Whitespace as ``render.one_line`` treats it (one definition for every reader)."""
    return not one_line(ch)


def line_of(runs: list[Run], marks: bool) -> str:
    """Inline runs to one line: whitespace collapsed, bold runs as ``**…**`` if ``marks``.

    Inputs: (text, bold) pieces in reading order. Output: the line, stripped; without
    bold it is exactly ``one_line`` of the text. A space between two bold pieces stays
    inside the marks ("**a b**"); any other space stays outside, so the marks hug words.
    """
    groups: list[list] = []  # consecutive runs of the same weight, joined
    for text, is_bold in runs:
        weight = is_bold and marks
        if groups and groups[-1][1] == weight:
            groups[-1][0] += text
        elif text:
            groups.append([text, weight])
    pieces: list[tuple[str, bool | None]] = []  # None: a collapsed space, weighed below
    pending_space = False
    for text, weight in groups:
        core = one_line(text)
        if _is_space(text[0]) or not core:
            pending_space = True
        if core:
            if pending_space and pieces:
                pieces.append((" ", None))
            pieces.append((core, weight))
            pending_space = _is_space(text[-1])
    out: list[tuple[str, bool]] = []
    for i, (text, piece_weight) in enumerate(pieces):
        if piece_weight is None:  # a space is bold only between two bold pieces
            piece_weight = bool(pieces[i - 1][1]) and bool(pieces[i + 1][1])
        out.append((text, piece_weight))
    line = ""
    for text, weight in _grouped(out):
        line += bold(text) if weight else text
    return line.strip()


def _grouped(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Adjacent (text, bold) pieces of the same weight joined."""
    merged: list[tuple[str, bool]] = []
    for text, weight in pieces:
        if merged and merged[-1][1] == weight:
            merged[-1] = (merged[-1][0] + text, weight)
        else:
            merged.append((text, weight))
    return merged


# -- list markers ---------------------------------------------------------------------------
def parse_integer(value: object) -> int | None:
    """An HTML integer attribute ("3", " -2", "4th" -> 4); None when it is not one."""
    if not isinstance(value, str):
        return None
    m = _INTEGER.match(value)
    return int(m.group(1)) if m else None


def _alpha(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (CSS lower-alpha)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[rem] + out
    return out


def _roman(n: int) -> str:
    """4 -> "iv" (CSS lower-roman)."""
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def ordinal_marker(n: int, kind: str) -> str:
    """The marker a browser shows for item ``n`` of an ``<ol type=kind>``: "3.", "c.", "iii.".

    Letters need n >= 1 and roman numerals 1..3999; otherwise browsers show the number.
    """
    if kind in ("a", "A") and n >= 1:
        text = _alpha(n)
        return f"{text.upper() if kind == 'A' else text}."
    if kind in ("i", "I") and 1 <= n <= 3999:
        text = _roman(n)
        return f"{text.upper() if kind == 'I' else text}."
    return f"{n}."


# -- tables -----------------------------------------------------------------------------------
def table_rows(table: Tag) -> list[Tag]:
    """The table's own rows (not a nested table's): thead rows, body rows, then tfoot rows."""
    head: list[Tag] = []
    body: list[Tag] = []
    foot: list[Tag] = []
    for child in _children(table, ("tr", "thead", "tbody", "tfoot")):
        if child.name == "tr":
            body.append(child)
        else:
            {"thead": head, "tbody": body, "tfoot": foot}[child.name].extend(_children(child, ("tr",)))
    return [*head, *body, *foot]


def _children(el: Tag, names: tuple[str, ...]) -> list[Tag]:
    """The element's child elements with one of ``names``."""
    return [c for c in el.children if isinstance(c, Tag) and c.name in names]


def _span(cell: Tag, attr: str, default_zero: int, limit: int) -> int:
    """colspan/rowspan: an integer >= 1 (rowspan="0" means to the end of the table)."""
    n = parse_integer(cell.get(attr))
    if n is None or n < 0:
        return 1
    if n == 0:
        return default_zero
    return min(n, limit)


def table_grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, colspan, rowspan) cells to rows of texts, one per grid slot.

    A spanning cell's text is in its first slot; the slots it also covers are "".
    """
    grid: list[list[str]] = []
    covered: dict[int, int] = {}  # column -> rows it is still covered by a cell above

    def fill_covered(out: list[str]) -> None:
        while covered.get(len(out), 0) > 0:
            covered[len(out)] -= 1
            out.append("")

    for cells in rows:
        out: list[str] = []
        for text, colspan, rowspan in cells:
            fill_covered(out)
            start = len(out)
            out.append(text)
            out.extend([""] * (colspan - 1))
            if rowspan > 1:
                for col in range(start, start + colspan):
                    covered[col] = rowspan - 1
        while any(n > 0 for c, n in covered.items() if c >= len(out)):
            if covered.get(len(out), 0) > 0:
                fill_covered(out)
            else:
                out.append("")
        grid.append(out)
    return grid


# -- the writer --------------------------------------------------------------------------------
class _Writer:
    """Walks the main content of ``soup`` and writes its blocks to a ``Rendered``.

    ``prefix`` is what every line starts with inside blockquotes ("> ", "> > "). Lines of
    one list (with its nested lists), one table or one definition list form a *group*:
    the first line comes after a blank line, the others right under it. ``depth`` counts
    the blocks and lists being written, for ``MAX_NESTING``.
    """

    def __init__(self, out: Rendered, soup: BeautifulSoup):
        self.out = out
        self.prefix = ""
        self.blocks = block_elements(soup)
        self.last_group: object | None = None
        self.depth = 0

    def is_block(self, tag: Tag) -> bool:
        return id(tag) in self.blocks

    @contextmanager
    def nested(self) -> Iterator[bool]:
        """One level deeper for the ``with`` body; yields True past ``MAX_NESTING``."""
        self.depth += 1
        try:
            yield self.depth > MAX_NESTING
        finally:
            self.depth -= 1

    # output
    def emit(self, text: str, group: object | None = None) -> None:
        """One line; tight under the line before when both belong to ``group``."""
        if not text.strip():
            return  # checked before the prefix, which is not text
        if group is not None and group is self.last_group:
            self.out.add_tight(self.prefix + text)
        else:
            self.out.add(self.prefix + text)
        self.last_group = group

    # containers
    def flow(self, el: Tag, is_bold: bool = False) -> None:
        """A container: its runs of inline content are paragraphs, its blocks go to ``block``."""
        runs: list[Run] = []
        for child in el.children:
            if _is_text(child):
                runs.append((str(child), is_bold))
            elif isinstance(child, Tag):
                child_bold = is_bold or child.name in _BOLD
                if self.is_block(child):
                    self.emit(line_of(runs, marks=True))
                    runs = []
                    self.block(child, child_bold)
                else:
                    runs.extend(self.runs(child, child_bold))
        self.emit(line_of(runs, marks=True))

    def block(self, el: Tag, is_bold: bool = False) -> None:
        """One block element, written by its kind (see the module docstring)."""
        with self.nested() as too_deep:
            if too_deep:
                self.emit(one_line(el.get_text()))
            else:
                self.write_block(el, is_bold)

    def write_block(self, el: Tag, is_bold: bool) -> None:
        name = el.name
        if name in _HEADINGS:
            self.emit(heading(self.text(el, marks=False), _HEADINGS[name]))
        elif name in _LISTS:
            self.list(el, 0, object())
        elif name == "li":  # an item outside any list
            self.item(el, "-", 0, object())
        elif name == "table" and _role(el) not in ("presentation", "none"):
            self.table(el)
        elif name == "dl":
            self.definitions(el)
        elif name in ("pre", "listing", "xmp", "plaintext"):
            group = object()
            for line in el.get_text().split("\n"):
                self.emit(one_line(line), group)
        elif name == "blockquote":
            outer, self.prefix = self.prefix, self.prefix + "> "
            self.flow(el, is_bold)
            self.prefix = outer
        elif name == "hr":
            return
        else:  # p, div, section, article, figure, a link around blocks …
            self.flow(el, is_bold)

    # inline content
    def runs(self, el: Tag, is_bold: bool, level: int = 0) -> list[Run]:
        """The inline text of ``el`` (``level`` inline elements deep) as (text, bold) runs;
        ``<br>`` is a space."""
        if el.name == "br":
            return [(" ", is_bold)]
        if level > MAX_NESTING:
            return [(el.get_text(), is_bold)]
        out: list[Run] = []
        for child in el.children:
            if _is_text(child):
                out.append((str(child), is_bold))
            elif isinstance(child, Tag):
                out.extend(self.runs(child, is_bold or child.name in _BOLD, level + 1))
        return out

    def segments(self, el: Tag, marks: bool, skip: tuple[str, ...] = ()) -> tuple[list[str], list[Tag]]:
        """Everything in ``el`` as one line per block, in order, and the ``skip`` elements met.

        Used where blocks cannot be lines of their own (a list item's line, a table cell, a
        heading): the caller joins the lines. Elements named in ``skip`` (an item's nested
        lists) are not read but returned, to be written afterwards.
        """
        lines: list[str] = []
        skipped: list[Tag] = []
        runs: list[Run] = []

        def walk(node: Tag, is_bold: bool, level: int = 0) -> None:
            nonlocal runs
            if level > MAX_NESTING:
                runs.append((node.get_text(), is_bold))
                return
            for child in node.children:
                if _is_text(child):
                    runs.append((str(child), is_bold))
                elif not isinstance(child, Tag):
                    continue
                elif child.name in skip:  # a block too: text either side does not run together
                    skipped.append(child)
                    lines.append(line_of(runs, marks))
                    runs = []
                elif child.name == "br":
                    runs.append((" ", is_bold))
                elif self.is_block(child):
                    lines.append(line_of(runs, marks))
                    runs = []
                    walk(child, is_bold or child.name in _BOLD, level + 1)
                    lines.append(line_of(runs, marks))
                    runs = []
                else:
                    walk(child, is_bold or child.name in _BOLD, level + 1)

        walk(el, el.name in _BOLD)
        lines.append(line_of(runs, marks))
        return [ln for ln in lines if ln], skipped

    def text(self, el: Tag, marks: bool, join: str = " ") -> str:
        """All the text of ``el`` on one line, its blocks joined with ``join``."""
        return join.join(self.segments(el, marks)[0])

    # lists
    def list(self, el: Tag, depth: int, group: object) -> None:
        """A ``<ul>``/``<ol>`` at nesting ``depth``: its items, numbered as a browser does."""
        with self.nested() as too_deep:
            if too_deep:
                self.emit(one_line(el.get_text()), group)
            else:
                self.write_list(el, depth, group)

    def write_list(self, el: Tag, depth: int, group: object) -> None:
        children = [c for c in el.children if isinstance(c, Tag)]
        ordered = el.name == "ol"
        list_type = el.get("type")
        kind = list_type if isinstance(list_type, str) else "1"
        step = -1 if ordered and el.get("reversed") is not None else 1
        start = parse_integer(el.get("start"))
        if start is None:  # a reversed list counts down to 1 from its number of items
            start = sum(1 for c in children if c.name == "li") if step < 0 else 1
        n = start
        for child in children:
            if child.name == "li":
                value = parse_integer(child.get("value"))
                if ordered and value is not None:
                    n = value  # numbering goes on from an item's own value
                item_type = child.get("type")
                item_kind = item_type if isinstance(item_type, str) else kind
                self.item(child, ordinal_marker(n, item_kind) if ordered else "-", depth, group)
                n += step
            elif child.name in _LISTS:  # a list straight inside a list: one level deeper
                self.list(child, depth + 1, group)
            else:  # stray content between items: its text, indented as an item
                self.emit("  " * depth + self.text(child, marks=True), group)

    def item(self, li: Tag, marker: str, depth: int, group: object) -> None:
        """One ``<li>``: its line (everything but nested lists), then its nested lists."""
        lines, nested = self.segments(li, marks=True, skip=_LISTS)
        if lines:
            self.emit(list_item(marker, " ".join(lines), depth), group)
        for sub in nested:
            self.list(sub, depth + 1, group)

    # tables
    def table(self, table: Tag) -> None:
        """Caption, then one tab-separated line per row (see ``table_grid``)."""
        for caption in _children(table, ("caption",)):
            self.emit(self.text(caption, marks=False))
        rows = []
        for tr in table_rows(table):
            rows.append([(self.text(cell, marks=False, join=CELL_JOIN), _span(cell, "colspan", 1, 1000),
                          _span(cell, "rowspan", 65534, 65534))
                         for cell in _children(tr, ("td", "th"))])
        group = object()
        for cells in table_grid(rows):
            self.emit(table_row(cells), group)

    # definition lists
    def definitions(self, dl: Tag) -> None:
        """A ``<dl>``: one "term: definition" line per group of terms and definitions."""
        groups: list[tuple[list[str], list[str]]] = []
        for el in dl.find_all(("dt", "dd")):
            if el.find_parent("dl") is not dl:
                continue  # a nested list's terms are read as part of its definition's text
            text = self.text(el, marks=False)
            if el.name == "dt":
                if not groups or groups[-1][1]:
                    groups.append(([], []))
                groups[-1][0].append(text.rstrip().rstrip(":").rstrip())
            else:
                if not groups:
                    groups.append(([], []))
                groups[-1][1].append(text)
        group = object()
        for terms, defs in groups:
            term = CELL_JOIN.join(t for t in terms if t)
            definition = CELL_JOIN.join(d for d in defs if d)
            self.emit(f"{term}: {definition}" if term and definition else term or definition, group)
