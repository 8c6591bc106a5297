"""Which heading shapes are the plan's themes and priorities.

Inputs: the ``View``, the heading ``Family`` list and the opened list blocks.
Outputs: ``Structure``: the levels to write as ``[[sections]]`` (themes
first), each with its kind, parent level, label case, identity scope, whether a
list of commitments starts right under it, and the families left unused.

How levels are decided, from the lines alone:
- a *priority* shape is one whose headings are followed, before the next
  heading, by a list (of commitments or measures) at least half the time;
  the most frequent such shape is the main one;
- the *theme* shape is the one whose headings each contain priority headings
  (every gap between two of its headings holds some), with fewer headings than
  the priorities;
- a shape repeating the priorities' labels ("1. A greener town" before
  "A GREENER TOWN") is an overview of the same priorities;
- another list-carrying shape found only before the first theme is a theme of
  its own kind ("We are a borough that …" themes with their own lists).
Shapes that name the document's own parts ("Introduction", "Next steps") are
never themes or priorities.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.blocks import Block, direct_block
from goldenthread.loaders.draft.compare import content_words, same_text
from goldenthread.loaders.draft.features import View
from goldenthread.loaders.draft.headings import Family


@dataclass
class Level:
    """One heading shape as a section rule."""

    family: Family
    kind: str  # "theme" | "priority"
    role: str  # "theme", "own theme", "priority", "overview"
    within: str = "plan"
    text: str = "label"
    label_case: str = "as_is"
    scope: str = "plan"
    direct: list[Block] = field(default_factory=list)
    name: str = ""


@dataclass
class Structure:
    """The section levels in rule order, and the heading families not used."""

    levels: list[Level] = field(default_factory=list)
    unused: list[Family] = field(default_factory=list)

    @property
    def theme(self) -> Level | None:
        """The theme level, or None."""
        return next((lv for lv in self.levels if lv.role == "theme"), None)

    @property
    def main(self) -> Level | None:
        """The priority level (the main headings), or None."""
        return next((lv for lv in self.levels if lv.role == "priority"), None)

    def positions(self) -> list[tuple[int, str]]:
        """(line position, kind) of every theme and priority heading, in order."""
        return sorted((o.li.pos, lv.kind) for lv in self.levels for o in lv.family.occs)


def _carrying(view: View, fam: Family, stops: list[int], openers: list[int]) -> list[int]:
    """Positions of the family's headings followed, before the next heading, by a list: an
    opened list, a list right under the heading, or 'We will …' sentences."""
    out = []
    for pos in fam.positions:
        i = bisect.bisect_right(stops, pos)
        nxt = stops[i] if i < len(stops) else len(view)
        j = bisect.bisect_right(openers, pos)
        opened = j < len(openers) and openers[j] < nxt
        sentences = sum(1 for li in view.lines[pos + 1:nxt]
                        if li.marker is None and not li.tab and vocab.WE_WILL.match(li.stripped))
        if opened or sentences or direct_block(view, pos) is not None:
            out.append(pos)
    return out


def _carries_lists(view: View, fam: Family, stops: list[int], openers: list[int]) -> bool:
    """At least half of the family's headings (two or more) have a list before the next heading."""
    # two list-carrying headings at least: one list after a stray line proves nothing
    return len(_carrying(view, fam, stops, openers)) >= max(2, len(fam.occs) / 2)


def _weak_priorities(view: View, families: list[Family], main: Family, stops: list[int],
                     openers: list[int]) -> tuple[Family, Family] | None:
    """Short plain headings inside ``main``'s sections, (nearly) each followed by a list: a
    family of priorities under ``main`` as themes. Returns (the weak family, a new family of
    its list-carrying headings)."""
    for weak in (f for f in families if not f.strong):
        all_stops = sorted(set(stops) | set(weak.positions))
        carrying = set(_carrying(view, weak, all_stops, openers))
        members = [o for o in weak.occs if o.li.pos in carrying]
        if len(members) < 2 or len(members) < 0.8 * len(weak.occs):
            continue
        candidate = Family(weak.shape, weak.what, members, strong=True)
        if _contains(view, main, candidate):
            return weak, candidate
    return None


def _contains(view: View, outer: Family, inner: Family) -> bool:
    """``outer`` headings each hold ``inner`` headings (two thirds of the gaps, 80% of inner)."""
    if len(outer.occs) >= len(inner.occs):
        return False
    bounds = outer.positions + [len(view)]
    inner_pos = inner.positions
    gaps = sum(1 for a, b in zip(bounds, bounds[1:]) if any(a < p < b for p in inner_pos))
    covered = sum(1 for p in inner_pos if p > bounds[0])
    return gaps >= 2 / 3 * len(outer.occs) and covered >= 0.8 * len(inner_pos)


def _overlaps(fam: Family, main: Family) -> bool:
    """Half or more of ``fam``'s labels are labels of ``main`` (an overview of the same items)."""
    hits = sum(1 for label in fam.labels if any(same_text(label, other) for other in main.labels))
    return hits >= max(1, len(fam.labels) / 2)


def _label_case(fam: Family, kind: str) -> str:
    """CAPITALISED labels are re-cased: themes in title case, priorities in sentence case."""
    if not fam.caps:
        return "as_is"
    return "title" if kind == "theme" else "sentence"


def _duplicated(levels: list[Level]) -> bool:
    """The same priority label under several themes ("Responding to Covid-19" in each)."""
    keys = [content_words(o.label) for lv in levels for o in lv.family.occs]
    return len(keys) != len(set(keys))


def decide(view: View, families: list[Family], opened: list[Block]) -> Structure:
    """Assign themes and priorities to heading families (see the module docstring)."""
    strong = [f for f in families if f.strong and not f.doc_section]
    stops = sorted(p for f in families if f.strong for p in f.positions)
    openers = sorted(b.opener.pos for b in opened if b.opener is not None)
    carriers = [f for f in strong if _carries_lists(view, f, stops, openers)]
    if not carriers:
        weak = [f for f in families if not f.strong]
        all_stops = sorted(stops + [p for w in weak for p in w.positions])
        carriers = [f for f in weak if _carries_lists(view, f, all_stops, openers)]
    if not carriers:
        return Structure(unused=list(families))
    main = max(carriers, key=lambda f: (len(f.occs), -f.positions[0]))
    replaced: Family | None = None
    found = _weak_priorities(view, families, main, stops, openers)
    if found is not None:
        # short plain headings under the list-carrying shape carry the lists themselves:
        # they are the priorities, and the shape above them the themes
        replaced, main = found
        families, carriers, strong = [*families, main], [main], [*strong, main]
    overviews = [f for f in strong if f is not main and _overlaps(f, main)]
    candidates = [f for f in strong if f is not main and f not in overviews and _contains(view, f, main)]
    theme = max(candidates, key=lambda f: (len(f.occs), -f.positions[0]), default=None)
    levels = _levels(view, main, theme, carriers, overviews)
    _settle(view, levels, theme is not None)
    used = {id(lv.family) for lv in levels}
    return Structure(levels, [f for f in families if id(f) not in used and f is not replaced])


def _levels(view: View, main: Family, theme: Family | None, carriers: list[Family],
            overviews: list[Family]) -> list[Level]:
    """The levels in the order their rules are tried: themes, overviews, priorities."""
    under = "theme" if theme is not None else "plan"
    levels: list[Level] = []
    if theme is not None:
        levels.append(Level(theme, "theme", "theme", "plan"))
    for fam in carriers:
        if fam is main or fam is theme or fam in overviews:
            continue
        if theme is not None and fam.positions[-1] < theme.positions[0]:
            levels.append(Level(fam, "theme", "own theme", "plan"))
        else:
            levels.append(Level(fam, "priority", "priority", under))
    for fam in overviews:
        followed = sum(view.followed_by_paragraph(p) for p in fam.positions)
        text = "next" if followed >= len(fam.occs) / 2 else "label"
        levels.append(Level(fam, "priority", "overview", under, text=text))
    levels.append(Level(main, "priority", "priority", under))
    order = {"theme": 0, "own theme": 1, "overview": 2, "priority": 3}
    return sorted(levels, key=lambda lv: (order[lv.role], lv.family.positions[0]))


def _settle(view: View, levels: list[Level], has_theme: bool) -> None:
    """Label case, identity scope, text source, lists right under the headings, names."""
    priorities = [lv for lv in levels if lv.role == "priority"]
    scope = "parent" if has_theme and _duplicated(priorities) else "plan"
    for lv in levels:
        lv.label_case = _label_case(lv.family, lv.kind)
        if lv.role == "priority":
            lv.scope = scope
        if lv.kind == "theme" and _long_labels(lv.family):
            lv.text = "match"  # a sentence, not a name: its first words become the label
        blocks = [b for b in (direct_block(view, p) for p in lv.family.positions) if b is not None]
        if lv.role != "overview" and len(blocks) >= max(1, len(lv.family.occs) / 2):
            lv.direct = blocks
    _name(levels)


def _long_labels(fam: Family) -> bool:
    """The labels are sentences (median over ten words), not names."""
    lengths = sorted(len(label.split()) for label in fam.labels)
    return lengths[len(lengths) // 2] > 10


def _name(levels: list[Level]) -> None:
    """Rule names: 'theme', 'priority', 'priority overview', numbered when repeated."""
    seen: dict[str, int] = {}
    for lv in levels:
        base = {"theme": "theme", "own theme": "theme", "overview": "priority overview",
                "priority": "priority"}[lv.role]
        seen[base] = seen.get(base, 0) + 1
        lv.name = base if seen[base] == 1 else f"{base} {seen[base]}"
