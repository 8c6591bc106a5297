"""``draft_profile``: a starter profile for a document in an unknown house style.

Inputs: a ``DocumentText`` (any format, read by goldenthread's readers) and an
optional profile name.
Outputs: a ``Draft``: the profile as commented TOML, the list of what could not
be decided, and what each proposed rule matched.

Steps, each in its own module: page furniture and markup (``cleaning``); the
lines as the loader will see them (``features``); lists and their openers
(``blocks``); heading shapes (``headings``); which shapes are themes and
priorities (``structure``); list rules (``lists``); statements and attributes
(``statements``); tables (``tables``); the TOML text (``writer``).
``compare`` and ``evaluate`` measure a draft against a hand-written profile.
"""

from __future__ import annotations

import re
from pathlib import Path

from goldenthread.core.ids import slugify
from goldenthread.loaders.draft import cleaning
from goldenthread.loaders.draft.blocks import Block, find_opened
from goldenthread.loaders.draft.features import LineInfo, View
from goldenthread.loaders.draft.headings import Family, find_families
from goldenthread.loaders.draft.lists import list_rules
from goldenthread.loaders.draft.model import Draft, Entry, Rule, RuleSummary
from goldenthread.loaders.draft.statements import aim_rules, statement_rules, vision_rule
from goldenthread.loaders.draft.structure import Level, Structure, decide
from goldenthread.loaders.draft.tables import table_rules
from goldenthread.loaders.draft.vocabulary import STATUS_PATTERNS
from goldenthread.loaders.draft.writer import TomlWriter
from goldenthread.loaders.profile import Keys
from goldenthread.loaders.text import DocumentText

_ROLE = {"theme": "themes: each holds priority headings",
         "own theme": "themes with lists of their own, before the first theme of the other shape",
         "overview": "the priorities named again (an overview before their own sections)",
         "priority": "priorities: lists of commitments or measures follow them"}
_BOARD_NAMES = r"(?:Board|Committee|Partnership|Group|Forum|Panel|Alliance|Network)$|[Ss]teering group"


def _section_pattern(view: View, level: Level, listed: set[int]) -> str:
    """The level's heading pattern; literal labels when the shape would also match other lines."""
    group = "text" if level.text == "match" else "label"
    pattern = level.family.pattern(group=group)
    compiled = re.compile(pattern, re.M)
    members = set(level.family.positions)
    stray = [li for li in view.lines if not li.blank and li.pos not in members and li.pos not in listed
             and compiled.search(li.stripped)]
    return level.family.pattern(literal=True, group=group) if stray else pattern


def section_rules(view: View, structure: Structure, section_lists: dict[str, str],
                  listed: set[int]) -> list[Rule]:
    """One ``[[sections]]`` rule per theme/priority level."""
    rules = []
    for lv in structure.levels:
        fields: dict[str, object] = {"name": lv.name, "match": _section_pattern(view, lv, listed),
                                     "kind": lv.kind, "within": lv.within}
        if lv.text != "label":
            fields["text"] = lv.text
        if lv.label_case != "as_is":
            fields["label_case"] = lv.label_case
        if lv.scope != "plan":
            fields["scope"] = lv.scope
        if lv.name in section_lists:
            fields["list"] = section_lists[lv.name]
        notes = [lv.family.describe() + ": " + _ROLE[lv.role]]
        if lv.scope == "parent":
            notes.append("the same label recurs under different themes: one priority per theme")
        rules.append(Rule("sections", fields, notes, [o.li.number for o in lv.family.occs]))
    return rules


def _distinctive(view: View, structure: Structure, opened: list[Block], tables: list[Rule]) -> list[LineInfo]:
    """Lines that identify the document, best first: its first priority and theme headings, a
    table header, a list opener, a heading of another shape."""
    out: list[LineInfo] = []
    for lv in (structure.main, structure.theme):
        if lv is not None:
            out.extend(o.li for o in lv.family.occs[:1])
    by_number = {li.number: li for li in view.lines if not li.virtual}
    out.extend(by_number[r.lines[0]] for r in tables if r.lines and r.lines[0] in by_number)
    out.extend(b.opener for b in opened[:1] if b.opener is not None)
    out.extend(f.occs[0].li for f in structure.unused if f.strong)
    return [li for li in out if not li.virtual]


def _undecided(sections: list[Rule], lists: list[Rule], statements: list[Rule], tables: list[Rule],
               vision: Rule | None, table_notes: list[str]) -> list[str]:
    """One line per thing the draft leaves open."""
    notes = ["which plan this one carries out ([plan] aligns_with): a document does not say"]
    kinds = {r.fields["kind"] for r in sections}
    flattened = [r for r in tables if r.fields.get("layout") == "flattened"]
    if "priority" not in kinds and not flattened:
        notes.append("no priority headings found: no [[sections]] rule for priorities")
    elif "theme" not in kinds and not any("theme" in r.fields for r in flattened):
        notes.append("no theme headings found: priorities are placed directly under the plan")
    if not any(r.fields["kind"] == "commitment" for r in lists) and not flattened:
        notes.append("no list of commitments found")
    if not any(r.fields["kind"] == "measure" for r in lists):
        notes.append("no list of measures found")
    if not statements:
        notes.append("no delivery or oversight statements found (which strategy delivers a priority, "
                     "which board oversees it)")
    if vision is None:
        notes.append("no vision or purpose heading found: [plan] text is not set")
    return notes + table_notes


def _unused_comment(families: list[Family]) -> list[str]:
    """Comment lines naming the heading shapes the draft does not use (for the editor to judge)."""
    if not families:
        return []
    return ["Heading shapes seen but not used as themes or priorities:"] + [
        "  " + f.describe() for f in families]


def _render(doc: DocumentText, name: str, title: cleaning.Title, recognise: list[Entry],
            ignore: list[Entry], strip: list[Entry], undecided: list[str], attributes: list[Rule],
            sections: list[Rule], unused: list[str], lists: list[Rule], statements: list[Rule],
            tables: list[Rule]) -> str:
    """The profile's TOML text, in the README's order, every rule with its comment."""
    w = TomlWriter()
    w.comment(f"Profile drafted by 'goldenthread profile draft' from {doc.name}.")
    w.comment("A starting point: check every rule against the document before relying on it.")
    w.comment("Undecided:")
    for note in undecided:
        w.comment(f"  - {note}")
    w.table("profile")
    w.key("name", name)
    w.key("description", f"Drafted from {doc.name}")
    w.key("loader", "outline")
    w.key("authority", 0, "raise it for the document that should win when documents disagree")
    w.table("plan")
    w.key("id", title.plan_id)
    where = f"line {title.line.number}" if title.line is not None else "the file name"
    w.key("title", title.text, f"from {where}")
    w.key("aligns_with", [], "undecided: ids of the plans this one carries out")
    w.table("recognise", "all of these must be found in a document of this style")
    w.array("all", recognise)
    w.table("clean")
    w.array("ignore", ignore)
    w.array("strip", strip)
    w.table("keys")
    w.key("stopwords", list(Keys().stopwords), "the default list")
    for rule in attributes:
        w.rule(rule)
    for rule in sections:
        w.rule(rule)
    if unused:
        w.blank()
        for text in unused:
            w.comment(text)
    for rule in [*lists, *statements, *tables]:
        w.rule(rule)
    w.table("names", "how delivery statements and table cells are split into named strategies and boards")
    w.key("strip", [r"^(?:and|our|the|a|an)\s+"])
    w.key("board", _BOARD_NAMES, "names ending like this are boards; other names are strategies")
    w.key("status_sentence", r"^(?:This|It) will be",
          "a sentence like this after a name gives that name's status")
    w.table("names.status")
    for status, pattern in STATUS_PATTERNS.items():
        w.key(status, pattern, pattern=True)
    return w.text()


def draft_profile(doc: DocumentText, name: str | None = None) -> Draft:
    """Propose a profile for ``doc`` from its lines alone (see the module docstring)."""
    ignore = cleaning.furniture(doc)
    strip = cleaning.strip_patterns(doc)
    view = View(doc, [re.compile(e.pattern, re.M) for e in ignore])
    if all(li.blank for li in view.lines):
        ignore, view = [], View(doc)  # a document of nothing but repeated lines: keep them
    opened = find_opened(view)
    families = find_families(view, opened)
    structure = decide(view, families, opened)
    lists, section_lists = list_rules(view, structure, opened)
    listed = {li.pos for b in [*opened, *(b for lv in structure.levels for b in lv.direct)]
              for li in [*b.items, *b.subs, *b.conts]}
    tables = table_rules(view, structure)
    sections = section_rules(view, structure, section_lists, listed) + tables.sections
    statements = statement_rules(view, structure)
    vision = vision_rule(view)
    attributes = ([vision] if vision else []) + aim_rules(view, structure)
    stem = Path(doc.name).stem
    title = cleaning.find_title(view, stem)
    recognise = cleaning.recognise_entries(doc, title, _distinctive(view, structure, opened, tables.rules))
    undecided = _undecided(sections, lists, statements, tables.rules, vision, tables.notes)
    profile_name = name or slugify(stem, max_words=12)
    text = _render(doc, profile_name, title, recognise, ignore, strip, undecided, attributes, sections,
                   _unused_comment(structure.unused), lists, statements, tables.rules)
    rules = [*attributes, *sections, *lists, *statements, *tables.rules]
    summary = [RuleSummary(r.table, r.name, len(r.lines), tuple(r.lines)) for r in rules]
    return Draft(toml=text, undecided=undecided, rules=summary)
