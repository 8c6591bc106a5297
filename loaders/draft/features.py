"""The lines of a document as the drafter sees them: markup, markers, shape.

Inputs: a ``DocumentText`` (goldenthread.loaders.text) and, optionally, the
page-furniture patterns already chosen.
Outputs: ``View``: the lines the outline loader will read (furniture
removed, as the loader removes it), each described by a ``LineInfo`` (list
marker, heading markup, CAPITALS, words, tab cells), plus helpers to find the
next non-blank line and page breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from goldenthread.loaders.text import DocumentText, Line

# a list marker at the start of a (stripped) line, then the item's text
_MARKER = re.compile(r"^(?P<m>[-*•·▪◦‣●>o]|\d{1,3}[.)]|\([a-z]\)|[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}[.)])"
                     r"\s+(?P<rest>\S.*)$")
_HASHES = re.compile(r"^(#{1,6})\s+")
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
_BULLETS = "-*•·▪◦‣●o"


def marker_kind(marker: str) -> str:
    """'bullet', 'quote', 'number', 'letter' or 'roman' for a marker as written."""
    if marker in _BULLETS:
        return "bullet"
    if marker == ">":
        return "quote"
    if marker[0].isdigit():
        return "number"
    body = marker.strip("().")
    # "i." is read as a letter: a lettered list reaches "i" long before a roman one needs "ii"
    return "roman" if len(body) > 1 else "letter"


@dataclass(frozen=True)
class LineInfo:
    """One parse line and what it looks like.

    pos: index in ``View.lines``; number: 1-based line in the file;
    text: the line as the loader sees it (indentation kept); core: the text
    without heading markup ("## ", surrounding "**"); plain: core with every
    "**" removed; marker/item: list marker and the item's text, if any.
    """

    pos: int
    number: int
    text: str
    virtual: bool

    @cached_property
    def stripped(self) -> str:
        """The line without surrounding white space."""
        return self.text.strip()

    @property
    def blank(self) -> bool:
        """Whether the line is empty or white space."""
        return not self.stripped

    @property
    def indent(self) -> int:
        """Number of leading white-space characters."""
        return len(self.text) - len(self.text.lstrip())

    @cached_property
    def tab(self) -> bool:
        """Whether the line holds a tab between its words (a table row)."""
        return "\t" in self.text.strip(" ")

    @cached_property
    def hashes(self) -> int:
        """Number of leading '#' of a Markdown heading (0 for none)."""
        m = _HASHES.match(self.stripped)
        return len(m.group(1)) if m else 0

    @cached_property
    def _unhashed(self) -> str:
        return _HASHES.sub("", self.stripped, count=1)

    @cached_property
    def bold(self) -> bool:
        """The whole line (after any '#') is one bold span."""
        s = self._unhashed
        return len(s) > 4 and s.startswith("**") and s.endswith("**") and "**" not in s[2:-2]

    @property
    def bold_lead(self) -> bool:
        """Whether the text (after any '#') starts in bold."""
        return self._unhashed.startswith("**")

    @property
    def markup(self) -> bool:
        """Heading markup of a rendered document: '#' or a bold line or bold lead-in."""
        return bool(self.hashes) or self.bold_lead

    @cached_property
    def core(self) -> str:
        """The text without heading '#' and without the '**' round a wholly bold line."""
        s = self._unhashed
        return s[2:-2].strip() if self.bold else s

    @cached_property
    def flat(self) -> str:
        """core without '**', white space as written (patterns are built from this)."""
        return self.core.replace("**", "").strip()

    @cached_property
    def plain(self) -> str:
        """``core`` without '**', white space collapsed: the text as read."""
        return " ".join(self.core.replace("**", "").split())

    @cached_property
    def _marker(self) -> re.Match[str] | None:
        return None if self.tab else _MARKER.match(self.stripped)

    @property
    def marker(self) -> str | None:
        """The list marker the line starts with, or None."""
        return self._marker.group("m") if self._marker else None

    @property
    def item(self) -> str:
        """The text after the list marker (the stripped line when there is none)."""
        return self._marker.group("rest") if self._marker else self.stripped

    @cached_property
    def words(self) -> int:
        """Number of words of ``plain``."""
        return len(_WORD.findall(self.plain))

    @cached_property
    def caps(self) -> bool:
        """CAPITALISED: at least two letters and no lower-case letter."""
        letters = _LETTER.findall(self.plain)
        return len(letters) >= 2 and not any(c.islower() for c in letters)

    @property
    def sentence_end(self) -> bool:
        """Ends like a sentence ('.', but not an ellipsis '...')."""
        p = self.plain.rstrip("*").rstrip()
        return p.endswith(".") and not p.endswith("..") and not p.endswith("…")

    @property
    def cells(self) -> list[str]:
        """The line's tab-separated cells, stripped."""
        return [c.strip() for c in self.text.split("\t")]


class View:
    """The lines the outline loader will read, with look-up helpers.

    Inputs: the document and the ``[clean] ignore`` patterns (furniture);
    lines matching them are left out, exactly as the loader leaves them out.
    """

    def __init__(self, doc: DocumentText, ignore: list[re.Pattern[str]] | tuple = ()):
        self.doc = doc
        kept: list[Line] = [ln for ln in doc.lines
                            if not (ln.text.strip() and any(p.search(ln.text.strip()) for p in ignore))]
        self.lines = [LineInfo(i, ln.number, ln.text, ln.virtual) for i, ln in enumerate(kept)]

    def __len__(self) -> int:
        return len(self.lines)

    def next_nonblank(self, pos: int) -> LineInfo | None:
        """The first non-blank line at or after ``pos``."""
        for i in range(pos, len(self.lines)):
            if not self.lines[i].blank:
                return self.lines[i]
        return None

    def blanks_before(self, pos: int) -> int:
        """How many blank lines come right before ``pos`` (page breaks leave two or more)."""
        n = 0
        while pos - n - 1 >= 0 and self.lines[pos - n - 1].blank:
            n += 1
        return n

    def followed_by_paragraph(self, pos: int) -> bool:
        """Line ``pos`` is followed by a blank line and then an unmarked line of prose."""
        if pos + 1 >= len(self.lines) or not self.lines[pos + 1].blank:
            return False
        nxt = self.next_nonblank(pos + 1)
        # a paragraph: prose, not another heading (a sentence, or a long line)
        return (nxt is not None and nxt.marker is None and not nxt.tab and not nxt.stripped[:1].islower()
                and (nxt.words >= 8 or (nxt.words >= 4 and nxt.sentence_end)))
