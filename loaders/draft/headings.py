"""Repeated heading shapes: families of lines that look alike.

Inputs: a ``View`` and the list blocks already found (their lines are items,
not headings).
Outputs: ``Family`` objects, each a set of heading lines of one shape with
the pattern that matches them and captures their label:

- keyword and number: "THEME 1: …", "Priority 2.3 - …", "GOAL A | …";
- bare numbers: "1. …", "1.1 …" (CAPITALISED, marked up, or short lines
  followed by a blank line);
- a repeated lead phrase on marked-up lines: "**Our aim is for...** …";
- CAPITALISED lines sharing a last or first word ("… TOWN", "PART …"),
  then other CAPITALISED lines;
- bold-only lines (``**…**``); markdown ``#`` headings, by level;
- short lines followed by a paragraph (weak evidence, used only when no
  stronger shape carries the plan's priorities).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.blocks import Block, opener_kind
from goldenthread.loaders.draft.features import LineInfo, View
from goldenthread.loaders.draft.model import describe
from goldenthread.loaders.draft.rx import HEAD, TAIL, alternation, char_class, checked, esc, rematch

# matched against a line's text as written (markup removed), so white space may be doubled
_KEYWORD = re.compile(
    r"^(?P<kw>[A-Za-z'’]+(?:\s[A-Za-z'’]+){0,2}?)\s+"
    r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,2}|[A-Z]\d{1,2}(?:\.\d{1,2})?|[IVX]{2,4}|[A-Z])"
    r"(?P<sep>\s*[:|–—-]\s+|\s*\.\s+|\s+)(?P<label>\S.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>[.)]?)\s+(?P<label>[^\W\d_]"
                       r".*|[\"“‘'(].*)$")
# words that start sentences, never heading keywords ("In 2015: …")
_NOT_KEYWORDS = {"the", "a", "an", "in", "on", "at", "by", "to", "of", "and", "or", "for", "we", "our",
                 "it", "this", "that", "there", "over", "under", "from", "with", "about", "since",
                 "around", "up", "page", "is", "are", "was", "be", "all", "some", "every", "each"}
_INTRODUCER = re.compile(r"(?:\.\.\.|…|:|–|-|\|)$")
_ARTICLES = {"a", "an", "the", "and", "of", "for", "to", "in", "on", "our"}
_SEP_RX = {":": r"\s*:\s*", "-": r"\s+[-–—]\s+", "|": r"\s*\|\s*", ".": r"\.\s+", " ": r"\s+"}
_NUM_RX = {"d": r"\d+", "d.d": r"\d+\.\d+", "d.d.d": r"\d+\.\d+\.\d+", "L": "[A-Z]", "Ld": r"[A-Z]\d+",
           "Ld.d": r"[A-Z]\d+\.\d+", "R": "[IVX]+"}


@dataclass
class Occurrence:
    """One heading line of a family and its label."""

    li: LineInfo
    label: str  # the heading's label as written (markup removed)


@dataclass
class Family:
    """Heading lines of one shape.

    shape: how they were found ("keyword", "numbered", "phrase", "caps-last",
    "caps-first", "caps", "bold", "markdown", "plain"); ``prefix`` is the
    pattern before the label group; ``label_rx`` the group's body (None: the
    labels are listed literally); ``strong``: real heading evidence (markup,
    numbering, capitals), as opposed to a short line before a paragraph.
    """

    shape: str
    what: str  # for comments: "'Priority …' heading", "heading [ending 'X']" (bracket: after the noun)
    occs: list[Occurrence] = field(default_factory=list)
    prefix: str = HEAD
    label_rx: str | None = None
    suffix: str = r"\.?" + TAIL
    strong: bool = True
    keyword: str = ""  # the words every heading starts with ("Priority", "Our aim is for...")

    @property
    def positions(self) -> list[int]:
        """Line positions of the family's headings, in order."""
        return [o.li.pos for o in self.occs]

    @property
    def labels(self) -> list[str]:
        """Labels of the family's headings, in order."""
        return [o.label for o in self.occs]

    @property
    def caps(self) -> bool:
        """Whether every letter of the labels is upper case."""
        letters = [c for c in "".join(self.labels) if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    @property
    def doc_section(self) -> bool:
        """Mostly the document's own parts ("Introduction", "Next steps"), not plan content."""
        hits = sum(1 for label in self.labels if vocab.DOC_SECTION.search(label))
        return hits >= max(1, 0.4 * len(self.occs))

    def pattern(self, literal: bool = False, group: str = "label") -> str:
        """The heading pattern capturing the label in ``group`` (labels listed literally if asked)."""
        body = alternation(sorted(set(self.labels))) if literal or self.label_rx is None else self.label_rx
        return checked(self.prefix + f"(?P<{group}>" + body + ")" + self.suffix, (group,))

    def describe(self) -> str:
        """'9 CAPITALISED headings ending 'X' like '…' (lines …)' for a comment."""
        return describe(len(self.occs), self.what, self.occs[0].li.flat, [o.li.number for o in self.occs])


def _sep_kind(sep: str) -> str:
    """The separator after a heading's number, normalised: ':', '-', '|', '.' or ' '."""
    s = sep.strip()
    return "-" if s in "–—-" and s else (s or " ")


def _num_shape(num: str) -> str:
    """A heading number's shape: 'd', 'd.d' (digits), 'L', 'Ld' (letter, letter+digits), 'R' (roman)."""
    if num[0].isdigit():
        return "d" + ".d" * num.count(".")
    if len(num) > 1 and all(c in "IVX" for c in num):
        return "R"
    return "L" + ("d" if len(num) > 1 else "") + (".d" if "." in num else "")


def _heading_like(li: LineInfo, label: str, max_words: int = 20) -> bool:
    """Could be a heading: has letters, not too long, not a sentence (or a sentence trailing
    off in '...') unless marked up."""
    if not re.search(r"[^\W\d_]", label) or li.words > (max_words + 10 if li.markup else max_words):
        return False
    return li.markup or not (li.sentence_end or li.plain.endswith(("...", "…")))


def _candidates(view: View, blocks: list[Block]) -> list[LineInfo]:
    """Lines that may be headings: not blank, not table rows, not list items or list openers."""
    in_lists = {li.pos for b in blocks for li in [*b.items, *b.subs, *b.conts]}
    in_lists |= {b.intro.pos for b in blocks if b.intro is not None}
    out = []
    for li in view.lines:
        if li.blank or li.tab or li.pos in in_lists or li.words > 40:
            continue
        if li.marker is not None and not li.marker[0].isdigit():
            continue  # bullets and lettered items; "1. Title" may still be a heading
        if opener_kind(li) is not None:
            continue
        out.append(li)
    return out


def _keyword_families(lines: list[LineInfo], taken: set[int]) -> list[Family]:
    """Headings made of a keyword, a number and a separator ("Priority 1.1 - …"), grouped by
    keyword, number shape and separator; two or more make a family. Marks their lines ``taken``."""
    groups: dict[tuple[str, str, str], list[Occurrence]] = {}
    for li in lines:
        m = _KEYWORD.match(li.flat)
        if not m or m.group("kw").split()[0].lower() in _NOT_KEYWORDS:
            continue
        sep = _sep_kind(m.group("sep"))
        if sep == " " and not m.group("kw").isupper():
            continue  # "Goal A is the …" is a sentence; "GOAL A …" or "Goal A: …" a heading
        label = m.group("label").strip()
        if not _heading_like(li, label):
            continue
        key = (" ".join(m.group("kw").lower().split()), _num_shape(m.group("num")), sep)
        groups.setdefault(key, []).append(Occurrence(li, _label(label)))
    families = []
    for (kw, num, sep), occs in groups.items():
        if len(occs) < 2:
            continue
        spellings = {" ".join(rematch(_KEYWORD, o.li.flat).group("kw").split()) for o in occs}
        kw_rx = esc(next(iter(spellings))) if len(spellings) == 1 else f"(?i:{esc(kw)})"
        if any(re.search(r"\s\s|\t", o.li.flat) for o in occs):
            kw_rx = kw_rx.replace(" ", r"\s+")  # written with doubled spaces somewhere
        example = occs[0].li.plain
        fam = Family("keyword", f"'{example.split(' ')[0]} …' heading", occs,
                     prefix=HEAD + kw_rx + r"\s+" + _NUM_RX[num] + _SEP_RX[sep], label_rx=".+?",
                     keyword=kw)
        families.append(fam)
        taken.update(o.li.pos for o in occs)
    return families


def _label(text: str) -> str:
    """A label as written, without a closing full stop (an ellipsis stays)."""
    text = text.strip()
    return text if text.endswith(("...", "…")) else text.rstrip(".").rstrip()


def _numbered_families(view: View, lines: list[LineInfo], taken: set[int]) -> list[Family]:
    """Headings starting with a bare number ("1.", "1.1"), grouped by depth: marked up,
    CAPITALISED, or short and followed by a blank line (list items are not)."""
    groups: dict[tuple[int, str], list[Occurrence]] = {}
    for li in lines:
        if li.pos in taken:
            continue
        m = _NUMBERED.match(li.flat)
        if not m:
            continue
        label = m.group("label").strip()
        if not _heading_like(li, label):
            continue
        # without markup or capitals, a numbered heading stands alone (a blank line follows)
        alone = li.pos + 1 >= len(view) or view.lines[li.pos + 1].blank
        if not (li.markup or li.caps or (alone and li.words <= 12)):
            continue
        depth = m.group("num").count(".") + 1
        key = (depth, m.group("dot") if depth == 1 else "")
        groups.setdefault(key, []).append(Occurrence(li, _label(label)))
    families = []
    for (depth, dot), occs in groups.items():
        if len(occs) < 2:
            continue
        num_rx = r"\d{1,2}" + r"\.\d{1,2}" * (depth - 1) + (esc(dot) if depth == 1 else r"\.?")
        labels = [o.label for o in occs]
        longest = max(len(label) for label in labels)
        fam = Family("numbered", f"'{occs[0].li.plain.split(' ')[0]} …' numbered heading", occs,
                     prefix=HEAD + num_rx + r"\s+",
                     label_rx=char_class(labels) + "{1," + str(longest + 40) + "}?")
        families.append(fam)
        taken.update(o.li.pos for o in occs)
    return families


def _repeated(lines: list[LineInfo]) -> set[str]:
    """Texts written identically more than once: sub-headings ("What we heard"), not names."""
    counts = Counter(li.plain.lower().rstrip(":. ") for li in lines)
    return {text for text, n in counts.items() if n > 1}


def _phrase_families(lines: list[LineInfo], taken: set[int], repeated: set[str]) -> list[Family]:
    """Marked-up lines sharing a lead phrase of three words or more ("We are a borough that …",
    "**Our aim is for...** …") with different endings."""
    groups: dict[str, list[LineInfo]] = {}
    for li in lines:
        if li.pos in taken or not li.markup or li.plain.lower().rstrip(":. ") in repeated:
            continue
        words = li.plain.split()
        if len(words) < 4:
            continue
        groups.setdefault(" ".join(words[:3]).lower(), []).append(li)
    families = []
    for members in groups.values():
        if len(members) < 2:
            continue
        split = [li.plain.split() for li in members]
        n = 3
        # extend the shared lead phrase, but not past a word that ends it ("for...", "Aim:")
        while (all(len(s) > n + 1 for s in split) and len({s[n].lower() for s in split}) == 1
               and not _INTRODUCER.search(split[0][n - 1])):
            n += 1
        rest = [" ".join(s[n:]) for s in split]
        if len(set(rest)) < max(2, 0.8 * len(rest)):
            continue
        prefix_words = split[0][:n]
        prefix_text = " ".join(prefix_words)
        spellings = {" ".join(s[:n]) for s in split}
        prefix_rx = esc(prefix_text) if len(spellings) == 1 else f"(?i:{esc(prefix_text)})"
        if any(re.search(r"\s\s|\t", li.flat) for li in members):
            prefix_rx = prefix_rx.replace(" ", r"\s+")  # written with doubled spaces somewhere
        # a lead phrase ending in '...' or ':' introduces the label; otherwise it is part of it
        introduces = bool(_INTRODUCER.search(prefix_text))
        if introduces:
            occs = [Occurrence(li, _label(r)) for li, r in zip(members, rest)]
            fam = Family("phrase", f"'{prefix_text} …' heading", occs,
                         prefix=HEAD + prefix_rx + r"(?:\*\*)?\s*", label_rx=r".+?", keyword=prefix_text)
        else:
            occs = [Occurrence(li, _label(li.plain)) for li in members]
            fam = Family("phrase", f"'{prefix_text} …' heading", occs,
                         prefix=HEAD, label_rx=prefix_rx + r"\b.*?", keyword=prefix_text)
        families.append(fam)
        taken.update(li.pos for li in members)
    return families


def _caps_families(lines: list[LineInfo], taken: set[int], repeated: set[str]) -> list[Family]:
    """CAPITALISED lines: the largest group sharing a last (else first) word first, repeatedly;
    the rest, if two or more, as one family."""
    pool = [li for li in lines if li.pos not in taken and li.caps and li.words <= 12
            and li.marker is None and not li.sentence_end and li.plain.lower() not in repeated]
    families = []
    while True:
        by_word: dict[tuple[str, str], list[LineInfo]] = {}
        for li in pool:
            words = li.plain.split()
            if len(words) < 2:
                continue
            if words[-1].lower() not in _ARTICLES:
                by_word.setdefault(("last", words[-1]), []).append(li)
            if words[0].lower() not in _ARTICLES:
                by_word.setdefault(("first", words[0]), []).append(li)
        best = max(sorted(by_word.items()), key=lambda kv: len(kv[1]), default=None)
        if best is None or len(best[1]) < 2:
            break
        (end, word), members = best
        labels = [li.flat for li in members]
        # the labels without the shared word: their characters make the pattern's class
        rest = [re.split(r"\s+(?=\S+$)", lbl, maxsplit=1)[0] if end == "last"
                else re.split(r"\s+", lbl, maxsplit=1)[-1] for lbl in labels]
        cls = char_class(rest)
        body = cls + "+" + esc(" " + word) if end == "last" else esc(word + " ") + cls + "+"
        fam = Family(f"caps-{end}", f"CAPITALISED heading [ending '{word}']" if end == "last"
                     else f"CAPITALISED heading [starting '{word}']",
                     [Occurrence(li, li.flat) for li in members], label_rx=body)
        families.append(fam)
        chosen = {li.pos for li in members}
        taken.update(chosen)
        pool = [li for li in pool if li.pos not in chosen]
    if len(pool) >= 2:
        families.append(Family("caps", "CAPITALISED heading", [Occurrence(li, li.flat) for li in pool]))
        taken.update(li.pos for li in pool)
    return families


def _literal_family(shape: str, what: str, members: list[LineInfo], taken: set[int],
                    strong: bool = True) -> list[Family]:
    """A family whose labels are listed literally (no shared shape to write as a pattern)."""
    if len({li.plain.lower() for li in members}) < 2:
        return []
    taken.update(li.pos for li in members)
    return [Family(shape, what, [Occurrence(li, _label(li.flat)) for li in members], strong=strong)]


def find_families(view: View, blocks: list[Block]) -> list[Family]:
    """Every family of look-alike heading lines, strongest evidence first."""
    lines = _candidates(view, blocks)
    repeated = _repeated(lines)
    taken: set[int] = set()
    families = _keyword_families(lines, taken)
    families += _numbered_families(view, lines, taken)
    families += _phrase_families(lines, taken, repeated)
    families += _caps_families(lines, taken, repeated)
    free = [li for li in lines if li.pos not in taken and li.plain.lower().rstrip(":. ") not in repeated]
    families += _literal_family("bold", "bold heading", [li for li in free if li.bold and li.words <= 15],
                                taken)
    for level in range(1, 7):
        members = [li for li in free if li.pos not in taken and li.hashes == level and li.words <= 20]
        families += _literal_family("markdown", f"'{'#' * level}' heading", members, taken)
    plain = [li for li in free if li.pos not in taken and _plain_heading(view, li)]
    families += _literal_family("plain", "short heading line", plain, taken, strong=False)
    for fam in families:
        fam.occs.sort(key=lambda o: o.li.pos)
    return sorted(families, key=lambda f: f.positions[0])


def _plain_heading(view: View, li: LineInfo) -> bool:
    """A short unmarked line between blank lines, followed by a paragraph or a list opener."""
    if li.markup or li.marker is not None or not 1 <= li.words <= 10 or li.sentence_end:
        return False
    if not li.plain[:1].isupper() or li.plain.endswith(":"):
        return False
    if li.pos > 0 and not view.lines[li.pos - 1].blank:
        return False
    nxt = view.next_nonblank(li.pos + 1)
    return view.followed_by_paragraph(li.pos) or (nxt is not None and opener_kind(nxt) is not None)
