"""``[[lists]]`` rules: commitments and measures, from the list blocks found.

Inputs: the ``View``, the ``Structure`` (themes and priorities) and the list
blocks opened by a line ("What we will do", "Measuring our impact").
Outputs: ``Rule`` objects for ``[[lists]]`` and, per section level, the name of
the list that starts right under its headings (its ``list =``).

One rule per kind and parent level: the openers' wordings are joined in one
pattern; the item pattern accepts the markers seen (bullets also as '-', '•',
'*', which the same document shows when rendered from PDF or Word); sub-items,
wrapped lines, items split in two, and unmarked first items are switched on
only when seen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.blocks import Block
from goldenthread.loaders.draft.features import LineInfo, View, marker_kind
from goldenthread.loaders.draft.model import Rule, line_list, plural, quote_example
from goldenthread.loaders.draft.rx import HEAD, alternation, checked, esc, rematch
from goldenthread.loaders.draft.structure import Level, Structure

_BOLD_SPAN = re.compile(r"\*\*[^*]+\*\*")
_KIND_ORDER = ("bullet", "quote", "number", "letter", "roman")


def marker_pattern(lines: list[LineInfo]) -> str:
    """A pattern for the markers of ``lines`` ("-", "•", "1.", "(a)", ">"…), no anchors."""
    kinds = sorted({marker_kind(li.marker) for li in lines if li.marker}, key=_KIND_ORDER.index)
    alts = []
    for kind in kinds:
        if kind == "bullet":
            seen = sorted({li.marker for li in lines if li.marker and marker_kind(li.marker) == "bullet"})
            chars = ["-", "*", "•"] + [c for c in seen if c not in "-*•"]
            alts.append("[" + "".join("\\" + c if c in "-\\]^[" else c for c in chars) + "]")
        elif kind == "quote":
            alts.append(">")
        elif kind == "number":
            alts.append(r"\d+[.)]")
        elif kind == "letter":
            alts.append(r"\(?[a-z][.)]")
        else:
            alts.append(r"\(?[ivx]+[.)]")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _not_headings(view: View, blocks: list[Block], item: re.Pattern[str], headings: AbstractSet[int]) -> str:
    """A lookahead keeping the item pattern off the headings that follow these lists
    ("2. Jobs" after a list numbered "1.", "2."): the loader reads an open list's items first."""
    after = [view.next_nonblank(b.end) for b in blocks]
    stoppers = sorted({li.stripped for li in after
                       if li is not None and li.pos in headings and item.match(li.text)})
    return r"(?!\s*(?:" + alternation(stoppers) + r")\s*$)" if stoppers else ""


def item_rule_fields(blocks: list[Block], view: View | None = None,
                     headings: AbstractSet[int] = frozenset()) -> dict[str, object]:
    """item / sub_item / continuation / join_split_items / first_unmarked / label for these lists;
    ``headings`` (line positions of section headings) are kept out of the item pattern."""
    items = [li for b in blocks for li in b.items]
    subs = [li for b in blocks for li in b.subs]
    indented = any(b.indented for b in blocks)
    body = ("\\s*" if indented else "") + marker_pattern(items) + r"\s+(?P<text>.+)$"
    guard = _not_headings(view, blocks, re.compile("^" + body), headings) if view is not None else ""
    fields: dict[str, object] = {"item": checked("^" + guard + body, ("text",))}
    if subs:
        base = max((li.indent for li in items), default=0)
        lead = r"^\s+" if not indented else r"^\s{" + str(base + 1) + ",}"
        fields["sub_item"] = checked(lead + marker_pattern(subs) + r"\s+(?P<text>.+)$", ("text",))
    if any(b.conts for b in blocks):
        fields["continuation"] = "^[a-z]"
    if any(b.split_items for b in blocks):
        fields["join_split_items"] = True
    if any(b.first_unmarked for b in blocks):
        fields["first_unmarked"] = True
    label = _label(items)
    if label:
        fields["label"] = label
    return fields


def _label(items: list[LineInfo]) -> str | None:
    """Where an item's short label is: its bold words, or the words after 'We will'."""
    if not items:
        return None
    if sum(1 for li in items if _BOLD_SPAN.search(li.item)) >= len(items) / 2:
        return checked(r"\*\*(?P<label>[^*]+?)[.,]?\*\*", ("label",))
    phrases = Counter(m.group("phrase") for li in items if (m := vocab.WE_WILL.match(li.item)))
    if phrases and sum(phrases.values()) >= len(items) / 2:
        phrase = sorted(phrases.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return checked("^(?:" + esc(phrase) + r"\s+)?(?P<label>.+)$", ("label",))
    return None


def _within(block: Block, structure: Structure, same_kind: int) -> str:
    """The level a list belongs to: the heading above it, or the theme when the list comes once
    per theme after its last priority ("How we will know" closing each goal)."""
    positions = structure.positions()
    start = block.start
    before = [kind for pos, kind in positions if pos < start]
    after = [kind for pos, kind in positions if pos >= block.end]
    if not before:
        return "plan"
    if before[-1] == "theme":
        return "theme"
    theme, main = structure.theme, structure.main
    if (theme is not None and main is not None and (not after or after[0] == "theme")
            and same_kind <= len(theme.family.occs) < len(main.family.occs)):
        return "theme"
    return "priority"


def _opener_text(li: LineInfo) -> str:
    """An opener's wording without markup and closing ':' ("How we will know")."""
    return li.flat.rstrip().rstrip(":").rstrip()


def opens_pattern(openers: list[LineInfo]) -> str:
    """One pattern for every wording of a list's opener, markup and ':' optional."""
    texts = [_opener_text(li) for li in openers]
    by_lower: dict[str, str] = {}
    for t in texts:
        by_lower.setdefault(" ".join(t.lower().split()), t)
    variants = {t for t in texts}
    body = alternation(sorted(by_lower.values()))
    cased = len({" ".join(t.split()) for t in variants}) > len(by_lower)  # same words, other case
    if cased:
        body = f"(?i:{body})"
    elif "|" in body:
        body = f"(?:{body})"
    return checked(HEAD + body + r"(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$")


def _comment_items(blocks: list[Block]) -> str:
    """'24 items marked '(a)', '(b)'; 3 sub-items' for a list rule's comment."""
    items = [li for b in blocks for li in b.items]
    markers = sorted({li.marker for li in items if li.marker})
    shown = ", ".join(repr(m) for m in markers[:4])
    parts = [f"{len(items)} item{'s' if len(items) > 1 else ''} marked {shown}"]
    subs = sum(len(b.subs) for b in blocks)
    conts = sum(len(b.conts) for b in blocks)
    if subs:
        parts.append(f"{subs} sub-item{'s' if subs > 1 else ''}")
    if conts:
        parts.append(f"{conts} wrapped line{'s' if conts > 1 else ''}")
    if any(b.first_unmarked for b in blocks):
        parts.append("some lists start with an unmarked item")
    if any(b.split_items for b in blocks):
        parts.append("some items split in two")
    return "; ".join(parts)


def _sentence_commitments(view: View, structure: Structure, main: Level, listed: set[int]) -> Rule | None:
    """'We will …' paragraphs (no list marker) under priority headings: commitments as sentences.

    Proposed when such sentences follow at least two priority headings, three or more in all,
    and the priorities carry no marked list of their own.
    """
    if main.direct:
        return None
    stops = [pos for pos, _ in structure.positions()] + [len(view)]
    found: list[LineInfo] = []
    regions = 0
    for pos in main.family.positions:
        end = min(p for p in stops if p > pos)
        here = [li for li in view.lines[pos + 1:end] if li.marker is None and not li.tab
                and li.pos not in listed and vocab.WE_WILL.match(li.stripped)]
        regions += bool(here)
        found.extend(here)
    if regions < 2 or len(found) < 3:
        return None
    phrases = sorted({rematch(vocab.WE_WILL, li.stripped).group("phrase") for li in found})
    fields: dict[str, object] = {
        "name": "commitments", "kind": "commitment", "within": "priority",
        "item": checked("^(?P<text>(?:" + alternation(phrases) + r")\b.+)$", ("text",))}
    wrapped = [li for li in found if li.pos + 1 < len(view) and view.lines[li.pos + 1].stripped[:1].islower()]
    if wrapped:
        fields["continuation"] = "^[a-z]"
    return Rule("lists", fields, [
        f"{len(found)} sentences like '{quote_example(found[0].stripped)}' under the "
        f"'{main.name}' headings ({line_list([li.number for li in found])}): commitments written as "
        f"sentences, read from the heading down to the first other paragraph"],
        [li.number for li in found])


def _headings(structure: Structure) -> set[int]:
    """Line positions of every theme and priority heading."""
    return {pos for pos, _ in structure.positions()}


def _direct_rule(view: View, structure: Structure) -> Rule | None:
    """One rule for every list right under a section heading (the sections' ``list =``)."""
    direct = [b for lv in structure.levels for b in lv.direct]
    if not direct:
        return None
    fields: dict[str, object] = {"name": "commitments", "kind": "commitment",
                                 "within": next(lv.kind for lv in structure.levels if lv.direct)}
    fields.update(item_rule_fields(direct, view, _headings(structure)))
    heads = " and ".join(repr(lv.name) for lv in structure.levels if lv.direct)
    return Rule("lists", fields, [
        f"lists right under the {heads} headings, no opening line: {_comment_items(direct)} "
        f"({line_list([b.items[0].number for b in direct])})"],
        [li.number for b in direct for li in b.items])


def _opened_rules(view: View, structure: Structure, kept: list[Block], names: set[str]) -> list[Rule]:
    """One rule per kind and parent level for the lists opened by a line."""
    groups: dict[tuple[str, str], list[Block]] = {}
    counts = Counter(b.kind for b in kept)
    for b in kept:
        groups.setdefault((b.kind, _within(b, structure, counts[b.kind])), []).append(b)
    kinds_with_groups = Counter(kind for kind, _ in groups)
    rules = []
    for (kind, within), blocks in sorted(groups.items(), key=lambda kv: kv[1][0].start):
        base = "commitments" if kind == "commitment" else "measures"
        alone = base not in names and kinds_with_groups[kind] == 1
        name = base if alone else f"{base} under {plural(within, 2)}"
        names.add(name)
        openers = [b.opener for b in blocks if b.opener is not None]
        fields: dict[str, object] = {"name": name, "opens": opens_pattern(openers), "kind": kind,
                                     "within": within}
        fields.update(item_rule_fields(blocks, view, _headings(structure)))
        wordings = sorted({_opener_text(li) for li in openers})
        shown = " / ".join(repr(quote_example(w, 40)) for w in wordings[:3])
        shown += " …" if len(wordings) > 3 else ""
        comment = (f"{len(blocks)} lists opened by {shown} ({line_list([li.number for li in openers])}): "
                   f"{_comment_items(blocks)}")
        rules.append(Rule("lists", fields, [comment], [li.number for b in blocks for li in b.items]))
    return rules


def list_rules(view: View, structure: Structure, opened: list[Block]) -> tuple[list[Rule], dict[str, str]]:
    """The ``[[lists]]`` rules and, per section level name, its ``list =``."""
    rules: list[Rule] = []
    section_lists: dict[str, str] = {}
    direct = _direct_rule(view, structure)
    if direct is not None:
        rules.append(direct)
        section_lists.update({lv.name: "commitments" for lv in structure.levels if lv.direct})
    listed = {li.pos for b in [*opened, *(b for lv in structure.levels for b in lv.direct)]
              for li in [*b.items, *b.subs, *b.conts]}
    main = structure.main
    if main is not None:
        sentences = _sentence_commitments(view, structure, main, listed)
        if sentences is not None:
            rules.append(sentences)
            section_lists[main.name] = "commitments"
    first = structure.positions()[0][0] if structure.levels else None
    # lists before the first theme or priority are introductions ("Together we will focus on:")
    kept = [b for b in opened if first is None or b.start > first]
    names = {r.name for r in rules}
    return rules + _opened_rules(view, structure, kept, names), section_lists
