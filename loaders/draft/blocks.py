"""Lists in a document: the lines that open them and the items under them.

Inputs: a ``View`` of the document.
Outputs: ``Block`` objects: a list's opener line ("What we will do", "How we
will measure success") or none (a list right under a heading), its kind
(commitment or measure, from the opener's wording), its items, sub-items
(indented deeper), wrapped continuation lines, and the first line when it is
an unmarked first item or an introductory sentence.

The scan follows what the outline loader will do with the drafted rules, so
that what is counted here is what the profile will read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.features import LineInfo, View, marker_kind

# a heading with a number ("1.2 …", "Priority 3 - …") is a heading, never a list opener
NUMBERED_SHAPE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s"
                            r"|[A-Za-z]+(?: [A-Za-z]+){0,2} (?:\d{1,2}(?:\.\d{1,2})*|[A-Z]\d{0,2})"
                            r"\s*[.):|–-]\s)")


@dataclass
class Block:
    """One list: ``opener`` is None for a list directly under a heading."""

    opener: LineInfo | None
    kind: str  # "commitment" | "measure"
    items: list[LineInfo] = field(default_factory=list)
    subs: list[LineInfo] = field(default_factory=list)
    conts: list[LineInfo] = field(default_factory=list)
    intro: LineInfo | None = None
    end: int = 0  # position after the block's last line

    @property
    def start(self) -> int:
        """Position of the list's first line: its opener, else its first item."""
        return self.opener.pos if self.opener else self.items[0].pos

    @property
    def first_unmarked(self) -> bool:
        """The list's first item has no marker (a short line, not an introduction ending ':')."""
        return (self.intro is not None and not self.intro.stripped.endswith(":")
                and self.intro.words <= 25)

    @property
    def indented(self) -> bool:
        """Whether any item of the list is indented."""
        return any(li.indent for li in self.items)

    @property
    def split_items(self) -> bool:
        """An item ending ',' followed by one starting lower-case: one item split in two."""
        return any(a.item.replace("*", "").rstrip().endswith(",") and b.item[:1].islower()
                   for a, b in zip(self.items, self.items[1:]))


def _style(marker: str) -> str:
    """A list's marker style; letters and roman numerals are one style ("i." is both)."""
    kind = marker_kind(marker)
    return "letter" if kind == "roman" else kind


def _number(li: LineInfo) -> int | None:
    digits = li.marker.rstrip(".)") if li.marker else ""
    return int(digits) if digits.isdigit() else None


def _numbered_heading(view: View, li: LineInfo, items: list[LineInfo]) -> bool:
    """A numbered line after numbered items that starts a section instead: its number does not
    follow on ("2. Jobs" after "1. …", "2. …"), or it stands between blank lines and a paragraph."""
    n = _number(li)
    if n is None or not items:
        return False
    previous = _number(items[-1])
    if previous is not None and n != previous + 1:
        return True
    return li.pos > 0 and view.lines[li.pos - 1].blank and view.followed_by_paragraph(li.pos)


def opener_kind(li: LineInfo) -> str | None:
    """'measure' or 'commitment' when ``li`` reads like the line opening such a list."""
    if li.blank or li.tab or li.marker is not None or li.words > 12 or li.words == 0:
        return None
    if NUMBERED_SHAPE.match(li.plain) or li.sentence_end or not li.plain[:1].isupper():
        return None
    if re.search(r":\s*\S", li.plain):
        return None  # "Lead officer: …" is a line of its own, not a list's heading
    if vocab.MEASURE_OPENER.search(li.plain):
        return "measure"
    if vocab.COMMITMENT_OPENER.search(li.plain):
        return "commitment"
    return None


def _ends_list(li: LineInfo) -> bool:
    """A line that cannot be part of a list's text: a heading or another list's opener."""
    return (li.markup or li.tab or opener_kind(li) is not None
            or bool(NUMBERED_SHAPE.match(li.plain)) or (li.caps and li.words <= 12))


def scan_block(view: View, pos: int, opener: LineInfo | None, kind: str,
               allow_intro: bool) -> Block | None:
    """The list starting at ``pos``: items (marked lines), deeper-indented sub-items,
    lower-case continuation lines; stops at the first other line once items began."""
    block = Block(opener, kind)
    base: int | None = None
    style: str | None = None  # marker kind of the first item: a list keeps one style
    j = pos
    while j < len(view):
        li = view.lines[j]
        if li.blank:
            j += 1
            continue
        if li.marker is not None and not (li.caps and li.marker[0].isdigit()):
            # (a numbered CAPITALISED line, "2. OUR GOALS", is a heading, not an item)
            if base is None:
                base, style = li.indent, _style(li.marker)
            if li.indent > base and block.items:
                block.subs.append(li)
            elif _style(li.marker) != style or _numbered_heading(view, li, block.items):
                break  # another list, or a numbered heading, starts here
            else:
                block.items.append(li)
            j += 1
            continue
        if block.items and li.stripped[:1].islower() and not li.tab:
            block.conts.append(li)
            j += 1
            continue
        if (allow_intro and not block.items and block.intro is None and not _ends_list(li)
                and li.words <= 40):
            block.intro = li
            j += 1
            continue
        break
    if not block.items:
        return None
    block.end = j
    return block


def find_opened(view: View) -> list[Block]:
    """Every list opened by a line whose wording names commitments or measures."""
    blocks: list[Block] = []
    pos = 0
    while pos < len(view):
        li = view.lines[pos]
        kind = opener_kind(li)
        # an opener stands alone: after a blank line (or marked up as a heading), and is not the
        # first line of a wrapped sentence going on in lower case on the next line
        alone = li.markup or pos == 0 or view.lines[pos - 1].blank
        nxt = view.lines[pos + 1] if pos + 1 < len(view) else None
        if nxt is not None and nxt.marker is None and nxt.stripped[:1].islower():
            alone = False
        block = scan_block(view, pos + 1, li, kind, allow_intro=True) if kind and alone else None
        if block is not None:
            blocks.append(block)
            pos = block.end
            continue
        pos += 1
    return blocks


def direct_block(view: View, pos: int) -> Block | None:
    """A list starting on the first non-blank line after the heading at ``pos``."""
    return scan_block(view, pos + 1, None, "commitment", allow_intro=False)
