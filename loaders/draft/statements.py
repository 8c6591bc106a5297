"""Delivery and oversight statements, and attribute lines (vision, aims).

Inputs: the ``View`` and the ``Structure``.
Outputs: ``Rule`` objects for ``[[statements]]`` ("Lead strategy: …",
"This priority will be delivered through …", "… overseen by …") and
``[[attributes]]`` (a vision or purpose heading whose next paragraph is the
plan's text; a repeated "Aim: …" line right under priority headings).
"""

from __future__ import annotations

import re
from collections import Counter

from goldenthread.loaders.draft import vocabulary as vocab
from goldenthread.loaders.draft.features import LineInfo, View
from goldenthread.loaders.draft.model import Rule, describe, quote_example
from goldenthread.loaders.draft.rx import HEAD, TAIL, alternation, checked, esc, rematch
from goldenthread.loaders.draft.structure import Structure

# the colon after a line's label, bold markup optional on either side ("**Aim:** …", "**Aim**: …")
_AFTER_LABEL = r"(?:\*\*)?\s*:\s*(?:\*\*)?\s*"
_SENTENCE_BREAK = re.compile(r"[a-z]\. [A-Z]")
_LABELLED = re.compile(r"^(?P<lab>[A-Z][A-Za-z ]{1,40}?)\s*:\s*(?P<rest>\S.*)$")


def _within(li: LineInfo, structure: Structure) -> str:
    """The level of the nearest theme or priority heading above ``li``."""
    before = [kind for pos, kind in structure.positions() if pos < li.pos]
    return before[-1] if before else "plan"


def _majority(values: list[str]) -> str:
    """The most frequent value (ties: alphabetical first)."""
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def statement_rules(view: View, structure: Structure) -> list[Rule]:
    """``[[statements]]``: 'Label: names' lines and 'delivered through / overseen by' sentences."""
    labelled: dict[str, list[LineInfo]] = {}
    phrased: dict[str, list[tuple[LineInfo, str]]] = {}
    for li in view.lines:
        if li.blank or li.tab or li.marker is not None:
            continue
        m = _LABELLED.match(li.plain)
        if m and len(m.group("lab").split()) <= 4 and (vocab.STRATEGY_LABEL.search(m.group("lab"))
                                                       or vocab.BOARD_LABEL.search(m.group("lab"))):
            labelled.setdefault(" ".join(m.group("lab").split()), []).append(li)
            continue
        lower = li.plain.lower()
        for phrase, _kind in vocab.STATEMENT_PHRASES:
            at = lower.find(" " + phrase + " ")
            if 0 < at and len(li.plain[:at].split()) <= 6:
                phrased.setdefault(phrase, []).append((li, li.plain[:at].strip()))
                break
    rules: list[Rule] = []
    for lab, lines in sorted(labelled.items(), key=lambda kv: kv[1][0].pos):
        if len(lines) < 2:
            continue  # a label used once is more likely a heading ("Delivery plan: year one")
        boards = vocab.BOARD_LABEL.search(lab) and not vocab.STRATEGY_LABEL.search(lab)
        kind = "board" if boards else "strategy"
        pattern = checked(r"^(?:\*\*)?" + esc(lab) + _AFTER_LABEL + "(?P<names>.+)$", ("names",))
        fields = {"name": lab.lower(), "match": pattern,
                  "within": _majority([_within(li, structure) for li in lines]), "kind": kind}
        rules.append(Rule("statements", fields,
                          [describe(len(lines), "line", lines[0].plain, [li.number for li in lines])
                           + f": names {'boards' if kind == 'board' else 'strategies'}"],
                          [li.number for li in lines]))
    for phrase, found in sorted(phrased.items(), key=lambda kv: kv[1][0][0].pos):
        forced = dict(vocab.STATEMENT_PHRASES)[phrase]
        leads = sorted({lead for _, lead in found})
        pattern = checked("^(?:" + alternation(leads) + ") " + esc(phrase) + r"\s+(?P<names>.+)$", ("names",))
        lines = [li for li, _ in found]
        fields = {"name": phrase, "match": pattern,
                  "within": _majority([_within(li, structure) for li in lines])}
        if forced:
            fields["kind"] = forced
        rules.append(Rule("statements", fields,
                          [describe(len(lines), "statement", lines[0].plain, [li.number for li in lines])],
                          [li.number for li in lines]))
    _unique_names(rules)
    return rules


def _unique_names(rules: list[Rule]) -> None:
    """Number repeated rule names ("oversight", "oversight 2")."""
    seen: Counter[str] = Counter()
    for r in rules:
        seen[r.name] += 1
        if seen[r.name] > 1:
            r.fields["name"] = f"{r.name} {seen[r.name]}"


def vision_rule(view: View) -> Rule | None:
    """A vision (else purpose) heading whose next paragraph is the plan's own text; the shortest
    such heading wins ('Our vision' rather than 'Challenges that shape our vision')."""
    for word in (vocab.VISION, vocab.PURPOSE):
        found = [li for li in view.lines
                 if not (li.blank or li.tab or li.words > 12 or li.sentence_end or not word.search(li.plain)
                         or (li.marker is not None and not li.marker[0].isdigit())  # "1. Purpose" is fine
                         or _SENTENCE_BREAK.search(li.plain))  # a wrapped sentence, not a heading
                 and view.followed_by_paragraph(li.pos)]
        for li in sorted(found, key=lambda li: (li.words, li.pos))[:1]:
            pattern = checked(HEAD + esc(li.flat) + TAIL)
            what = "vision" if word is vocab.VISION else "purpose"
            return Rule("attributes", {"name": what, "match": pattern, "kind": "plan", "text": "next"},
                        [f"the plan's text is the paragraph under '{quote_example(li.flat)}' "
                         f"(line {li.number})"], [li.number])
    return None


def aim_rules(view: View, structure: Structure) -> list[Rule]:
    """'Aim: …' / 'Our ambition: …' right under most headings of a level: that level's text."""
    rules = []
    for lv in structure.levels:
        if lv.role == "overview":
            continue
        found: dict[str, list[LineInfo]] = {}
        for pos in lv.family.positions:
            li = view.next_nonblank(pos + 1)
            if li is None or li.marker is not None:
                continue
            m = _LABELLED.match(li.plain)
            if m and len(m.group("lab").split()) <= 4 and not vocab.STRATEGY_LABEL.search(m.group("lab")) \
                    and not vocab.BOARD_LABEL.search(m.group("lab")):
                found.setdefault(" ".join(m.group("lab").lower().split()), []).append(li)
        for lab, lines in sorted(found.items(), key=lambda kv: kv[1][0].pos):
            if len(lines) < max(2, len(lv.family.occs) / 2):
                continue
            spellings = {rematch(_LABELLED, li.plain).group("lab") for li in lines}
            lab_rx = esc(next(iter(spellings))) if len(spellings) == 1 else f"(?i:{esc(lab)})"
            pattern = checked(r"^(?:\*\*)?" + lab_rx + _AFTER_LABEL + "(?P<text>.+)$", ("text",))
            rules.append(Rule("attributes", {"name": lab, "match": pattern, "kind": lv.kind},
                              [describe(len(lines), "line", lines[0].plain, [li.number for li in lines])
                               + f": the text of the {lv.kind} above"], [li.number for li in lines]))
    return rules
