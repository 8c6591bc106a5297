"""Precision and recall of edition matching (``goldenthread.graph.editions.compare``) against changes
labelled by hand.

Inputs: the builds of an old and a new edition (``PlanGraph``), the diff ``compare`` gives for them, and
a gold CSV (``change,kind,old,new,note``; lines starting with ``#`` are comments). A row names one change
a careful reader sees: ``kind`` is a node kind (or, for a link, the link kind), ``old`` and ``new`` the
start of the node's text in the old and the new build (ids are not stable across editions, so they
cannot be the key), a split's parts or a merge's parts separated by `` | ``, a link as ``SOURCE ->
TARGET``. Every node not named on the old side of a row is expected unchanged, paired with the node of
the same kind and text (a plan's without its edition) in the paired plan of the new build (in document
order when several share it).
Outputs: ``Evaluation``: per change (``ASSESSED``) the changes expected, found and correct, with
precision and recall; the expected-unchanged nodes reported as changed; the labelled rewordings shown
as a drop plus an add; and how many of the diff's changes are not assessed (alignment links, threads).
A row whose key names no node, or more than one, is a ``LoadError`` at its line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goldenthread.core.errors import LoadError
from goldenthread.core.model import Node, PlanGraph
from goldenthread.graph.editions import EditionDiff, without_edition

#: the changes scored, in the order they are listed
ASSESSED = ("reworded", "moved", "added", "dropped", "split", "merged", "status changed", "link gained",
            "link lost", "link changed", "unchanged")
#: the links labelled: to strategies, boards and portfolios (alignment links follow the aligner)
ENTITY_LINKS = ("delivered_through", "overseen_by", "accountable_to")
_LINKS = ("link gained", "link lost", "link changed")
PARTS = " | "
ARROW = " -> "

#: one change as compared: (change, kind, old ends, new ends); an end is a node id, or for a link
#: "SOURCE_ID -> TARGET_ID"
Change = tuple[str, str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Score:
    """One change kind: how many the gold set expects, the diff reports, and both agree on."""

    change: str
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        """Correct / found; 1.0 when nothing was found."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Correct / expected; 1.0 when nothing was expected."""
        return self.correct / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class Evaluation:
    """The scores per change (``ASSESSED`` order), the misses and false finds (sorted), the nodes expected
    unchanged but reported otherwise (old ids), the labelled rewordings reported as a drop plus an add
    (old ids), and the diff's changes not assessed, counted by change."""

    scores: list[Score]
    missed: list[Change]
    extra: list[Change]
    unchanged_reported_changed: list[str]
    reworded_as_drop_add: list[str]
    not_assessed: dict[str, int]

    def score(self, change: str) -> Score:
        """The score of ``change`` (one of ``ASSESSED``)."""
        return next(s for s in self.scores if s.change == change)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _find(graph: PlanGraph, start: str, kind: str | None, path: Path, line: int) -> Node:
    """The one node of ``graph`` (of ``kind``, unless None) whose text starts with ``start``."""
    want = _normal(start)
    hits = [n for n in graph.nodes if (kind is None or n.kind == kind) and _normal(n.text).startswith(want)]
    if len(hits) != 1:
        what = f"{kind} " if kind else ""
        raise LoadError(f"{len(hits)} {what}nodes' text starts with {start!r} (one wanted)", path, line)
    return hits[0]


def _ends(graph: PlanGraph, cell: str, kind: str, path: Path, line: int) -> tuple[str, ...]:
    """The ids a gold cell names: none when empty; nodes of ``kind``, or for a link kind one
    "SOURCE_ID -> TARGET_ID"."""
    if not cell.strip():
        return ()
    if kind in ENTITY_LINKS:
        source, arrow, target = cell.partition(ARROW)
        if not arrow:
            raise LoadError(f"a link is 'SOURCE{ARROW}TARGET', not {cell!r}", path, line)
        return (f"{_find(graph, source, None, path, line).id}{ARROW}{_find(graph, target, None, path, line).id}",)
    return tuple(sorted(_find(graph, part, kind, path, line).id for part in cell.split(PARTS)))


def read_changes(path: Path, old: PlanGraph, new: PlanGraph) -> list[Change]:
    """The gold CSV at ``path``, its keys resolved in ``old`` and ``new``: one ``Change`` per row."""
    with open(path, newline="", encoding="utf-8") as fh:
        numbered = [(i, line) for i, line in enumerate(fh, start=1) if not line.startswith("#")]
    rows = csv.DictReader(line for _, line in numbered)
    out: list[Change] = []
    for (line, _), row in zip(numbered[1:], rows):
        if row["change"] not in ASSESSED:
            raise LoadError(f"unknown change {row['change']!r} (known: {', '.join(ASSESSED)})", path, line)
        kind = row["kind"]
        out.append((row["change"], kind, _ends(old, row["old"], kind, path, line),
                    _ends(new, row["new"], kind, path, line)))
    return out


def expected_unchanged(old: PlanGraph, new: PlanGraph, pairs: Iterable[tuple[str, str]],
                       gold: Iterable[Change], path: Path) -> list[Change]:
    """Every node of ``old`` the gold set does not name, paired with its same-text node in ``new``
    (same kind, paired plan, text and label, not named by the gold set; of several, the one whose
    ancestors have the same texts, else the first in document order); a ``LoadError`` (at ``path``,
    the gold CSV) for one with none: the gold set misses a change."""
    named_old = {end for g in gold if g[1] not in ENTITY_LINKS for end in g[2]}
    named_new = {end for g in gold if g[1] not in ENTITY_LINKS for end in g[3]}
    plan_of = dict(pairs)
    free: dict[tuple[str, str | None, str, str], list[Node]] = {}
    for n in sorted(new.nodes, key=_position):
        if n.id not in named_new:
            free.setdefault((n.kind, n.id if n.kind == "plan" else n.plan, _text(n), _label(n)), []).append(n)
    old_above, new_above = _ancestors(old), _ancestors(new)
    out: list[Change] = []
    for n in sorted(old.nodes, key=_position):
        if n.id in named_old:
            continue
        plan = plan_of.get(n.id) if n.kind == "plan" else plan_of.get(n.plan or "", n.plan)
        same = free.get((n.kind, plan, _text(n), _label(n)))
        if not same:
            raise LoadError(f"{n.kind} {n.id!r} ({n.text[:60]!r}) is in no row and no {n.kind} of the new build "
                            f"has its text: label its change", path)
        pick = next((m for m in same if new_above.get(m.id) == old_above.get(n.id)), same[0])
        same.remove(pick)
        out.append(("unchanged", n.kind, (n.id,), (pick.id,)))
    return out


def _ancestors(graph: PlanGraph) -> dict[str, tuple[str, ...]]:
    """Each node's ancestors' texts (``part_of`` upwards), nearest first."""
    texts = {n.id: _text(n) for n in graph.nodes}
    parent: dict[str, str] = {}
    for e in graph.edges:
        if e.kind == "part_of":
            parent.setdefault(e.source, e.target)
    out: dict[str, tuple[str, ...]] = {}
    for node_id in texts:
        chain: list[str] = []
        at = parent.get(node_id)
        while at is not None and len(chain) < len(texts):
            chain.append(texts.get(at, at))
            at = parent.get(at)
        out[node_id] = tuple(chain)
    return out


def _text(node: Node) -> str:
    """A node's text as compared: a plan's without its edition (the diff's rule too)."""
    return _normal(without_edition(node.text, node.edition))


def _label(node: Node) -> str:
    return _normal(without_edition(node.label, node.edition))


def _position(node: Node) -> tuple[str, int, str]:
    first = min(((s.document, s.line_start) for s in node.sources), default=("", 0))
    return (first[0], first[1], node.id)


def found_changes(diff: EditionDiff) -> tuple[list[Change], dict[str, int]]:
    """The diff's changes in the form compared (nodes, and links to strategies, boards and portfolios),
    and the others counted by change (alignment links, thread changes)."""
    out: list[Change] = []
    skipped: dict[str, int] = {}
    for c in diff.changes:
        change, kind = c["change"], c["kind"]
        if change in _LINKS and kind in ENTITY_LINKS:
            out.append((change, kind, _link_end(c, "old") if change != "link gained" else (),
                        _link_end(c, "new") if change != "link lost" else ()))
        elif change in ASSESSED and change not in _LINKS:
            out.append((change, kind, *_node_ends(c)))
        else:
            skipped[change] = skipped.get(change, 0) + 1
    return out, dict(sorted(skipped.items()))


def _link_end(c: Mapping[str, Any], side: str) -> tuple[str, ...]:
    return (f"{c[side]}{ARROW}{c['target'][side]}",)


def _node_ends(c: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old = (c["old"],) if c["old"] else ()
    new = (c["new"],) if c["new"] else ()
    if c["change"] == "split":
        new = tuple(sorted(c["parts"]))
    elif c["change"] == "merged":
        old = tuple(sorted(c["parts"]))
    return old, new


def evaluate(old: PlanGraph, new: PlanGraph, diff: EditionDiff, gold_path: Path) -> Evaluation:
    """Score ``diff`` (``compare(old, new)``) against the gold CSV at ``gold_path`` (see the module's doc)."""
    gold = read_changes(gold_path, old, new)
    expected = set(gold) | set(expected_unchanged(old, new, diff.pairs, gold, gold_path))
    found, skipped = found_changes(diff)
    got = set(found)
    scores = [Score(change, sum(1 for e in expected if e[0] == change), sum(1 for f in got if f[0] == change),
                    sum(1 for e in expected & got if e[0] == change)) for change in ASSESSED]
    changed_old = {end for f in got if f[0] != "unchanged" and f[1] not in ENTITY_LINKS for end in f[2]}
    dropped = {end for f in got if f[0] == "dropped" for end in f[2]}
    added = {end for f in got if f[0] == "added" for end in f[3]}
    return Evaluation(
        scores=scores, missed=sorted(expected - got), extra=sorted(got - expected),
        unchanged_reported_changed=sorted(e[2][0] for e in expected if e[0] == "unchanged" and e[2][0] in changed_old),
        reworded_as_drop_add=sorted(g[2][0] for g in gold if g[0] == "reworded" and g[2][0] in dropped
                                    and g[3][0] in added),
        not_assessed=skipped)
