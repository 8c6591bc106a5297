"""What a new edition changed, as the strategy team reads it: the edition diff with thread statuses,
and each higher plan's priority with the commitments of the lower plan that serve it.

Inputs: two workspaces, the builds of an old and a new edition (``goldenthread diff OLD NEW``, or
``build --previous`` and the build being made).
Outputs: ``edition_changes`` gives the ``goldenthread.graph.editions.EditionDiff`` (thread breaks and
mends by the coverage rule); ``priority_shifts`` gives, for each priority of a higher plan (a Borough
priority), the commitments of the lower plan (the Council Plan) it gained and lost; ``said`` is a
change in words, as the diff table, its Markdown page and the report show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from goldenthread.graph.editions import EditionDiff, compare, render_diff
from goldenthread.queries.library import Workspace, coverage

CONTEXT = 8  # unchanged words shown around a change in a word diff (the table, md and the report)
#: the heading of each change's list (``diff --format md``) and table (the report)
HEADINGS = {"dropped": "Dropped", "added": "Added", "reworded": "Reworded", "moved": "Moved", "split": "Split",
            "merged": "Merged", "status changed": "Status changed", "link lost": "Links lost",
            "link gained": "Links gained", "link changed": "Links changed", "thread breaks": "Threads that break",
            "thread mends": "Threads that mend", "unchanged": "Unchanged"}


def edition_changes(before: Workspace, after: Workspace) -> EditionDiff:
    """``compare`` of the two builds, with each priority's thread status from the coverage query, so
    "thread breaks" and "thread mends" follow the one RAG rule. ``GoldenthreadError`` when no plan of
    one is an edition of a plan of the other."""
    return compare(before.graph, after.graph, {r["id"]: r for r in coverage(before)},
                   {r["id"]: r for r in coverage(after)})


def said(change: dict[str, Any], context: int | None = CONTEXT) -> str:
    """A change in words: its detail, then its word diff (``context`` unchanged words kept around each
    change; None keeps them all)."""
    text = change["detail"]
    if "diff" in change:
        shown = render_diff(change["diff"], context=context)
        text = f"{text}: {shown}" if text else shown
    return text


def serving(ws: Workspace) -> dict[str, dict[str, str]]:
    """Priority id -> {commitment id: the node it aligns with (the priority, or one of its parts)}, for
    every priority of a higher plan (``serving.rq``)."""
    out: dict[str, dict[str, str]] = {}
    for row in ws.select("serving"):
        via = ws.node_id(row["via"])
        commitments = out.setdefault(ws.node_id(row["priority"]), {})
        commitment = ws.node_id(row["commitment"])
        commitments[commitment] = min(commitments.get(commitment, via), via)  # one per commitment, stable
    return out


@dataclass(frozen=True)
class Shift:
    """A higher plan's priority whose serving commitments changed between editions.

    ``old`` is its id in the old build (None: a new priority), ``new`` in the new one (None: dropped);
    ``gained`` and ``lost`` are commitment ids of the new and the old build, with how each came or went:
    "added" (a new commitment), "split" (a part of a commitment the new edition split), "now aligned"
    (a commitment of both editions); "dropped", "no longer aligned"."""

    old: str | None
    new: str | None
    gained: list[tuple[str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)


def priority_shifts(before: Workspace, after: Workspace, diff: EditionDiff) -> list[Shift]:
    """For each priority of a higher plan in either build, the commitments serving it (``serving``) that
    the new edition gained and lost; nodes are followed across editions by ``diff``'s matching, never by
    id. Priorities whose commitments did not change are left out. Ordered by the new id, then the old."""
    old_serving, new_serving = serving(before), serving(after)
    forward = diff.matched  # old id -> new id
    back: dict[str, str] = {}
    for o, n in sorted(forward.items()):
        back.setdefault(n, o)
    parts = {p: "split" for c in diff.changes if c["change"] == "split" for p in c["parts"] if p != c["new"]}
    shifts = []
    for old_p, new_p in _priority_pairs(old_serving, new_serving, forward, back):
        was = old_serving.get(old_p, {}) if old_p else {}
        now = new_serving.get(new_p, {}) if new_p else {}
        kept = {forward[c] for c in was if c in forward}
        gained = [(c, parts.get(c, "now aligned" if c in back else "added")) for c in sorted(now) if c not in kept]
        lost = [(c, "no longer aligned" if c in forward else "dropped") for c in sorted(was)
                if forward.get(c) not in now]
        if gained or lost:
            shifts.append(Shift(old_p, new_p, gained, lost))
    return shifts


def _priority_pairs(old_serving: dict[str, Any], new_serving: dict[str, Any], forward: dict[str, str],
                    back: dict[str, str]) -> list[tuple[str | None, str | None]]:
    """Every priority that is served in either build, paired with its counterpart in the other."""
    pairs = {(back.get(p), p) for p in new_serving} | {(p, forward.get(p)) for p in old_serving}
    return sorted(pairs, key=lambda pair: (pair[1] or "", pair[0] or ""))
