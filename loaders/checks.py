"""Checks of a profile against a document: what each rule matched, and what nothing claimed.

Inputs: a ``Profile``, the ``DocumentText`` it read and the ``DocumentExtract`` the
loader made (its ``rule_hits`` say which lines each rule matched).
Outputs:
  - ``profile_warnings``: problems of the profile itself (a section rule with neither a
    ``label`` nor a ``text`` group, so the whole heading becomes the label);
  - ``rule_warnings``: rules that matched no line of the document, or lists that opened
    but never found an item;
  - ``rule_report``: per rule, how many lines it matched and the first examples;
  - ``unclaimed_lines``: lines that look like content (numbered or bulleted items,
    "We will…" sentences) that no rule claimed.
``build`` runs the first two on every document; ``goldenthread profile check`` prints
all four.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goldenthread.loaders.diagnostics import Diagnostic, Diagnostics
from goldenthread.loaders.extract import DocumentExtract
from goldenthread.loaders.profile import RULE_TABLES, Profile, read_edition
from goldenthread.loaders.text import DocumentText, Line
from goldenthread.loaders.tomlfile import line_of_key

# lines that look like plan content: list items and commitments in running text
_CONTENT = re.compile(
    r"^\s*(?:[-*•●▪◦‣o>]\s+\S"                         # bullets, quotes
    r"|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z]|[ivx]{1,4})[.)]\s+(?![^a-z]*$)\S"  # 1. (a) iv. (not CAPITALS)
    r"|(?:.*[.!?:]\s+)?We will\b)")  # a sentence that starts "We will"


@lru_cache(maxsize=64)
def _profile_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def rule_line(profile: Profile, key: str) -> int | None:
    """Line of a rule ("lists.1", "lists.1.item") in its profile file, for warnings."""
    if profile.path is None:
        return None
    parts = key.split(".")
    loc = (parts[0], int(parts[1]), *parts[2:])
    return line_of_key(_profile_text(profile.path), loc)


def rule_name(profile: Profile, key: str) -> str:
    """"lists 'measures'" for "lists.1"."""
    table, index = key.split(".")[:2]
    return f"{table} '{getattr(profile, table)[int(index)].name}'"


def _path(profile: Profile) -> str:
    return str(profile.path) if profile.path else f"profile {profile.name}"


def profile_warnings(profile: Profile) -> list[Diagnostic]:
    """Problems of the profile itself, whatever the document."""
    found = Diagnostics()
    for i, rule in enumerate(profile.sections):
        # with a 'text' group the label is that text, shortened: a choice the profile makes
        if not {"label", "text"} & set(rule.match.groupindex):
            found.warn(_path(profile), rule_line(profile, f"sections.{i}.match"),
                       f"sections '{rule.name}': the pattern has no (?P<label>...) group, so the "
                       f"whole heading becomes each {rule.kind}'s label", "section-no-label")
    return list(found)


def rule_keys(profile: Profile) -> list[str]:
    """Every rule, as the key its hits are recorded under ("sections.0", "lists.1.item")."""
    keys = []
    for table in RULE_TABLES:
        for i, rule in enumerate(getattr(profile, table)):
            if table == "lists":
                if rule.opens is not None:
                    keys.append(f"lists.{i}.opens")
                keys.append(f"lists.{i}.item")
            elif table == "tables":
                keys.append(f"tables.{i}.header")
            else:
                keys.append(f"{table}.{i}")
    return keys


def rule_warnings(profile: Profile, doc: DocumentText, extract: DocumentExtract) -> list[Diagnostic]:
    """A warning for every rule that matched no line of ``doc``."""
    found = Diagnostics()
    hits = extract.rule_hits
    for key in rule_keys(profile):
        if hits.get(key):
            continue
        base = ".".join(key.split(".")[:2])
        if key.endswith(".item") and f"{base}.opens" in hits:
            opened = len(hits[f"{base}.opens"])
            message = (f"{rule_name(profile, base)} opened {opened} time(s) in {doc.name} but its item "
                       f"pattern matched no line, so the list is empty")
        elif key.endswith(".item") and base + ".opens" in rule_keys(profile):
            continue  # the opener never matched: reported once, for 'opens'
        else:
            part = {"opens": " (opens)", "header": " (header)", "item": " (item)"}.get(key.split(".")[-1], "")
            message = f"{rule_name(profile, base)}{part} matched no line of {doc.name}"
        found.warn(_path(profile), rule_line(profile, base), message, "rule-unmatched")
    if profile.plan.edition is not None and read_edition(profile, doc.full_text) is None:
        line = line_of_key(_profile_text(profile.path), ("plan", "edition")) if profile.path else None
        found.warn(_path(profile), line, f"[plan] edition matched no line of {doc.name}: its edition is not read",
                   "rule-unmatched")
    return list(found)


@dataclass(frozen=True)
class RuleReport:
    key: str  # "lists.1.item"
    name: str  # "lists 'measures' (item)"
    profile_line: int | None
    lines: tuple[int, ...]  # document lines it matched
    examples: tuple[str, ...]  # the first of them, as written


def rule_report(profile: Profile, doc: DocumentText, extract: DocumentExtract,
                examples: int = 3) -> list[RuleReport]:
    """Per rule, in profile order: how many lines it matched and the first examples."""
    text_of: dict[int, str] = {}
    for line in doc.lines:
        text_of.setdefault(line.number, line.text.strip())
    report = []
    for key in rule_keys(profile) + sorted(k for k in extract.rule_hits if k not in rule_keys(profile)):
        lines = tuple(extract.rule_hits.get(key, ()))
        base = ".".join(key.split(".")[:2])
        part = key.split(".")[2] if key.count(".") == 2 else ""
        report.append(RuleReport(key, rule_name(profile, base) + (f" ({part})" if part else ""),
                                 rule_line(profile, base), lines,
                                 tuple(f"{n}: {text_of.get(n, '')}" for n in lines[:examples])))
    return report


def unclaimed_lines(profile: Profile, doc: DocumentText, extract: DocumentExtract) -> list[Line]:
    """Lines that look like content (items, "We will…") that no rule claimed, in order.

    A line counts as claimed when a rule matched it or it lies inside a source of
    something the loader recorded (a wrapped item, a paragraph read as a node's text).
    """
    claimed = {n for lines in extract.rule_hits.values() for n in lines}
    for mention in extract.mentions:
        for s in mention.sources:
            claimed.update(range(s.line_start, s.line_end + 1))
    ignored = [p for p in profile.clean.ignore]
    out: list[Line] = []
    for line in doc.lines:
        text = line.text.strip()
        if (line.number in claimed or not text or any(p.search(text) for p in ignored)
                or not _CONTENT.match(line.text)):
            continue
        if out and out[-1].number == line.number:
            continue
        out.append(line)
    return out
