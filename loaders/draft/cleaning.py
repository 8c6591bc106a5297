"""Page furniture, markup to strip, the title, and how to recognise the document.

Inputs: a ``DocumentText`` (and, for recognition, rules already drafted).
Outputs: ``Entry`` lists for ``[clean] ignore`` / ``[clean] strip`` and
``[recognise] all``, and the plan's title, id and the line it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from goldenthread.core.ids import slugify
from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.blocks import NUMBERED_SHAPE, opener_kind
from goldenthread.loaders.draft.features import LineInfo, View
from goldenthread.loaders.draft.model import Entry, line_list, quote_example
from goldenthread.loaders.draft.rx import HEAD, TAIL, checked, esc
from goldenthread.loaders.text import DocumentText

_DIGITS = re.compile(r"\d+")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(f"^[{_SUPERSCRIPTS}]+\\s")
_URL_LINE = re.compile(r"^[<\[]?https?://")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _normalise(text: str) -> str:
    """A running header with its page number varying ('Page 3', 'Page 4') counts as one line."""
    return _DIGITS.sub("#", " ".join(text.split()))


def _digits_free(text: str) -> str:
    """The pattern of a repeated line whose numbers may vary: literal text, digit runs as \\d+."""
    return r"\d+".join(esc(p) for p in _DIGITS.split(text))


def furniture(doc: DocumentText) -> list[Entry]:
    """``[clean] ignore`` patterns: running headers/footers, footnotes, bare links, page numbers.

    A running header is a short line repeated at least twice (numbers may vary:
    'Page 3', 'Page 4') that reads like furniture: it says 'draft', 'version',
    'page', 'confidential'…, or holds a '|' separator. Lines holding only a
    number count as page numbers when there are three or more.
    Repeated headings ("What we heard") are left alone: they structure the text.
    """
    counts: Counter[str] = Counter()
    numbers: dict[str, list[int]] = {}
    texts: dict[str, str] = {}
    for ln in doc.lines:
        t = ln.text.strip()
        if not t or "\t" in t:
            continue
        key = _normalise(t)
        counts[key] += 1
        numbers.setdefault(key, []).append(ln.number)
        texts.setdefault(key, t)
    entries: list[Entry] = []
    for key, n in sorted(counts.items(), key=lambda kv: numbers[kv[0]][0]):
        text = texts[key]
        words = len(text.split())
        if n < 2 or words > 12 or text.startswith(("- ", "* ", "• ", "#")):
            continue
        if not vocab.FURNITURE.search(text):
            continue
        pattern = "^" + _digits_free(text) + r"\s*$"
        entries.append(Entry(checked(pattern), f"running header/footer '{quote_example(text)}', "
                                                f"{n} times ({line_list(numbers[key])})"))
    entries += _standalone_repeats(doc, {e.pattern for e in entries})
    pages = [ln.number for ln in doc.lines if _PAGE_NUMBER.match(ln.text.strip())]
    if len(pages) >= 3:
        entries.append(Entry(r"^\d{1,3}$", f"page numbers on lines of their own ({line_list(pages)})"))
    notes = [ln.number for ln in doc.lines if _FOOTNOTE.match(ln.text.strip())]
    if notes:
        entries.append(Entry(f"^[{_SUPERSCRIPTS}]+\\s", f"footnotes ({line_list(notes)})"))
    links = [ln.number for ln in doc.lines if _URL_LINE.match(ln.text.strip())]
    if links:
        entries.append(Entry(r"^[<\[]?https?://", f"lines holding only a link ({line_list(links)})"))
    return entries


def _standalone_repeats(doc: DocumentText, known: set[str]) -> list[Entry]:
    """Running headers without tell-tale words: a short line repeated three times or more, each
    time on a line of its own (blank lines around it), never heading a list, never a list's
    opener or a numbered heading."""
    view = View(doc)
    groups: dict[str, list[LineInfo]] = {}
    for li in view.lines:
        if not li.blank and not li.tab and li.marker is None and li.words <= 8:
            groups.setdefault(li.stripped, []).append(li)
    entries = []
    for text, occs in sorted(groups.items(), key=lambda kv: kv[1][0].pos):
        if len(occs) < 3 or opener_kind(occs[0]) is not None or NUMBERED_SHAPE.match(occs[0].plain):
            continue
        alone = all((li.pos == 0 or view.lines[li.pos - 1].blank)
                    and (li.pos + 1 >= len(view) or view.lines[li.pos + 1].blank) for li in occs)
        nexts = [view.next_nonblank(li.pos + 1) for li in occs]
        heads_list = any(n is not None and (n.marker is not None or opener_kind(n) is not None)
                         for n in nexts)
        pattern = "^" + _digits_free(" ".join(text.split())) + r"\s*$"
        if alone and not heads_list and pattern not in known:
            where = line_list([li.number for li in occs])
            entries.append(Entry(checked(pattern), f"'{quote_example(text)}' repeated {len(occs)} times "
                                                   f"on a line of its own ({where})"))
    return entries


def strip_patterns(doc: DocumentText) -> list[Entry]:
    """``[clean] strip``: markup and footnote marks that should not reach node texts."""
    text = "\n".join(ln.text for ln in doc.lines)
    entries: list[Entry] = []
    if "**" in text:
        entries.append(Entry(r"\*+", "bold/italic markup (**…**)"))
    if re.search(r"(?m)^\s*#{1,6}\s", text):
        entries.append(Entry(r"^#+\s*", "markdown heading marks"))
    if any(c in text for c in _SUPERSCRIPTS):
        entries.append(Entry(f"[{_SUPERSCRIPTS}]+", "footnote marks"))
    return entries


@dataclass(frozen=True)
class Title:
    """The plan's title as proposed: text, id (a lower-case slug) and where it was found."""

    text: str
    plan_id: str
    line: LineInfo | None


_KEY_VALUE_TITLE = re.compile(r"^(?:[A-Za-z ]+ )?title\s*:?$", re.I)


def _recase(text: str) -> str:
    """CAPITALISED titles read better in title case ('ONE PLAN' -> 'One Plan')."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        small = {"and", "of", "the", "for", "in", "to", "a", "an", "on"}
        return " ".join(w.capitalize() if i == 0 or w.lower() not in small else w.lower()
                        for i, w in enumerate(text.split()))
    return text


def find_title(view: View, fallback: str) -> Title:
    """The document's title: a 'Title:' cell, else an early line naming a plan/strategy/report,
    else the first line of text, else ``fallback`` (the file name)."""
    early = [li for li in view.lines if not li.blank][:15]
    for li in early:
        if li.tab and len(li.cells) >= 2 and _KEY_VALUE_TITLE.match(li.cells[0]) and li.cells[1]:
            text = " ".join(li.cells[1].replace("**", "").split())
            return Title(_recase(text), _slug(text, fallback), li)
    candidates = [li for li in early if not li.tab and li.marker is None and 1 <= li.words <= 12
                  and not li.sentence_end]
    for li in candidates:
        if vocab.TITLE_WORDS.search(li.plain):
            return Title(_recase(li.plain), _slug(li.plain, fallback), li)
    if candidates:
        return Title(_recase(candidates[0].plain), _slug(candidates[0].plain, fallback), candidates[0])
    return Title(fallback, _slug(fallback, "plan"), None)


def _slug(text: str, fallback: str) -> str:
    """A plan id: lower-case words joined by '-' (at most 8), or the fallback's."""
    slug = slugify(text, max_words=8)
    return slug if slug != "x" else (slugify(fallback, max_words=8) if fallback else "plan")


def line_pattern(li: LineInfo) -> str:
    """A pattern for exactly this heading-like line, with optional rendering markup."""
    return checked(HEAD + esc(li.flat) + TAIL)


def recognise_entries(doc: DocumentText, title: Title, distinctive: list[LineInfo]) -> list[Entry]:
    """``[recognise] all``: the title line and one distinctive heading, each checked to be found
    in the document's text (the build matches them against the whole file)."""
    entries: list[Entry] = []
    full = doc.full_text
    candidates: list[tuple[LineInfo, str]] = []
    if title.line is not None and not title.line.tab:
        candidates.append((title.line, "the title line"))
    elif title.line is not None:
        candidates.append((title.line, "the title row"))
    for li in distinctive:
        candidates.append((li, "a heading of this document"))
    used: set[int] = set()
    for li, why in candidates:
        if len(entries) >= 2:
            break
        if li.number in used:
            continue
        used.add(li.number)
        for pattern in (line_pattern(li), esc(li.flat)):
            if li.tab:
                pattern = esc(li.cells[1] if len(li.cells) > 1 else li.flat)
            if pattern and re.search(pattern, full, re.M):
                entries.append(Entry(pattern, f"{why} (line {li.number})"))
                break
    return entries
