"""Splitting delivery statements and table cells into named strategies and boards.

Inputs: a phrase such as "our Cultural Strategy (to be developed through 2021);
Active Communities Strategy; and individual organisation's plans" and the
profile's ``[names]`` patterns.
Outputs: ``NamedEntity`` items: name, kind (strategy or board) and status.

Rules, all driven by the profile:
- strong separators (";", "alongside", a sentence break) always split;
- weak separators (", ", " and ") split only where the text before them ends
  a name ("…Programme and Work and Skills Board") or the text after starts a
  new one ("… and the One Neighbourhood…"), so "Children and Young People's
  Strategy" stays whole;
- a status phrase ("to be developed", "will be refreshed") anywhere in a
  segment, including a following "This will be developed…" sentence, sets
  the status of that name;
- a name matching the board pattern is a board, anything else a strategy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goldenthread.core.model import EntityKind, Status, is_status
from goldenthread.loaders.profile import Names

_PAREN = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class NamedEntity:
    name: str
    kind: EntityKind
    status: Status | None


def status_of(text: str, names: Names) -> Status | None:
    """The status whose ``names.status`` pattern ``text`` matches first, or None."""
    for status, pattern in names.status.items():
        if pattern.search(text):
            assert is_status(status), "load_profile rejects a names.status key that is not a status"
            return status
    return None


def clean_name(segment: str, names: Names) -> str:
    """``segment`` as a name: brackets, surrounding punctuation and the ``names.strip`` patterns removed."""
    name = _PAREN.sub("", segment).strip()
    changed = True
    while changed:
        before = name
        name = name.strip(" .,;:")
        for pattern in names.strip:
            name = pattern.sub("", name).strip()
        changed = name != before
    return name.strip(" .,;:")


def _split_weak(segment: str, names: Names) -> list[str]:
    parts: list[str] = []
    rest = segment
    pos = 0
    while True:
        for m in names.weak_separators.finditer(rest, pos):
            left = _PAREN.sub("", rest[: m.start()]).strip()
            right = rest[m.end():]
            if names.name_end.search(left) or names.next_name.search(right):
                parts.append(rest[: m.start()])
                rest = right
                pos = 0
                break
        else:
            parts.append(rest)
            return parts


def split_names(phrase: str, names: Names) -> list[NamedEntity]:
    """Names stated in ``phrase``, in order, with kind and status."""
    out: list[NamedEntity] = []
    for strong in names.strong_separators.split(phrase.strip()):
        if not strong or not strong.strip():
            continue
        if names.status_sentence and names.status_sentence.search(strong.strip()) and out:
            # "This will be developed in partnership during 2021." qualifies the name before it
            status = status_of(strong, names)
            if status:
                out[-1] = NamedEntity(out[-1].name, out[-1].kind, status)
            continue
        for segment in _split_weak(strong, names):
            name = clean_name(segment, names)
            if not name:
                continue
            kind: EntityKind = "board" if names.board.search(name) else "strategy"
            out.append(NamedEntity(name, kind, status_of(segment, names)))
    return out
