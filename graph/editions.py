"""Editions of a plan: linking them in one build, and what a new edition changed.

Inputs: for ``with_editions``, a graph being built and the edition each plan's documents give
(``[plan] edition`` in a profile, read by ``goldenthread.loaders.profile.read_edition``); for
``compare``, two graphs (the builds of an old and a new edition, read from their ``graph.json``)
and, optionally, each priority's thread status in each (``goldenthread.queries.library.coverage``:
the graph layer runs no query, so the caller passes it, and the thread rule stays in one place).
Outputs: ``with_editions`` records each plan's ``edition`` and links a later edition of a plan to
the earlier one in the same build (``revision_of``, ``prov:wasRevisionOf`` in RDF); ``compare``
gives an ``EditionDiff``: the plans paired, and one change per node, link and thread.

How nodes are matched across editions (ids are made from content and position, so a reworded or
moved commitment has another id; ids are never compared):

1. *Plans* pair by their id with the edition left out (``council-plan-{edition}``: the 2021-22 and
   2022-23 Council Plans), else by equal id (the Borough Plan in both builds), else by ``revision_of``,
   else by their titles' words without years (``TITLE_MATCH``). No pair at all is an error.
2. *Themes, priorities, commitments and measures* of paired plans match kind by kind, top down
   (themes first, so that a priority can be placed under its matched theme), greedily, best pair
   first. The score is the similarity of the two texts' content words (stemmed, stop words left
   out: the words plan alignment uses, ``goldenthread.graph.align.terms_of``), as the Dice
   coefficient of the two bags of words, 0-1. A pair matches from ``MATCH`` anywhere in the plan,
   or from ``MATCH_IN_PLACE`` when the two sit under parents that matched each other (place: a
   commitment reworded in the same priority keeps its place); ranking adds ``PLACE_BONUS`` for the
   same place, so that of two identical texts (the four "Responding and recovering from the
   Covid-19 pandemic" priorities) each matches the one in its own place. A theme or priority left
   over is *renamed* when its contents stayed: it matches a left-over one of the other edition in
   the same place when at least ``CONTENTS_SHARE`` of the children of each, and at least
   ``CONTENTS_MIN``, have a counterpart among the other's children (a pair scoring from ``MATCH``),
   so a focus area renamed over the same commitments is reworded, not dropped and added.
3. *Split and merged*: a node the new edition restates as two or more (or two the new edition joins
   into one): each part has at least ``SPLIT_PART`` of its words in the whole, the parts together
   cover at least ``SPLIT_COVER`` of the whole's words, and at least ``SPLIT_GAIN`` more than the
   best part alone (so a new node that only repeats words of an unchanged one is not a split).
4. *Strategies, boards and portfolios* are one node across plans, with ids made from their names:
   they match by id, else by the same name words.

Each matched pair is ``unchanged`` (same text), ``reworded`` (a word-level ``diff``) or ``moved``
(its parent matched another parent; reworded too when the texts differ, with the diff); the rest
are ``added`` and ``dropped``, with the nearest node on the other side and its score. Links compare
between matched nodes (structure aside, which ``moved`` says): ``link gained`` / ``link lost``
(a delivery strategy now named, an alignment lost), ``link changed`` (a board now established where
one was "to be established"), ``status changed`` (a strategy no longer "to be developed"); and per
priority matched in both, ``thread breaks`` / ``thread mends`` when its RAG status or its missing
parts change.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.core.errors import GoldenthreadError
from goldenthread.core.ids import words
from goldenthread.core.model import Link, Node, PlanGraph, Suspect
from goldenthread.graph.align import terms_of
from goldenthread.loaders.diagnostics import Diagnostics

# -- thresholds (README, "Editions: what changed") -------------------------------------
MATCH = 0.5  # content-word similarity from which two nodes of paired plans are one node, anywhere
MATCH_IN_PLACE = 0.3  # ... when both sit under parents that matched each other
PLACE_BONUS = 0.1  # added to the score when ranking pairs in the same place (never reported)
CONTENTS_SHARE = 0.5  # share of a left-over theme's or priority's children matched in another: renamed
CONTENTS_MIN = 2  # ... and at least this many (one shared child is no evidence of a rename)
SPLIT_PART = 0.6  # share of a part's words found in the whole, for a split or a merge
SPLIT_COVER = 0.8  # share of the whole's words the parts cover together
SPLIT_GAIN = 0.2  # ... more than its best part alone covers
TITLE_MATCH = 0.8  # similarity of two plans' titles (years left out) that pairs them

THRESHOLDS = {"match": MATCH, "match_in_place": MATCH_IN_PLACE, "place_bonus": PLACE_BONUS,
              "contents_share": CONTENTS_SHARE, "contents_min": CONTENTS_MIN, "split_part": SPLIT_PART,
              "split_cover": SPLIT_COVER, "split_gain": SPLIT_GAIN, "title_match": TITLE_MATCH}

CONTENT_KINDS = ("theme", "priority", "commitment", "measure")  # matched top down, in this order
ENTITY_KINDS = ("strategy", "board", "portfolio")
KIND_ORDER = ("plan", *CONTENT_KINDS, *ENTITY_KINDS)
#: every change, in the order they are listed
CHANGES = ("dropped", "added", "reworded", "moved", "split", "merged", "status changed", "link lost",
           "link gained", "link changed", "thread breaks", "thread mends", "unchanged")
_RAG_RANK = {"green": 0, "amber": 1, "red": 2}
PENDING = ("to be developed", "in development", "to be established")  # a body not yet in place
_YEAR = re.compile(r"\d{4}")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


# -- editions in one build ---------------------------------------------------------------

def edition_order(edition: str) -> tuple[int, tuple[int, ...], str]:
    """Sort key of an edition: its first four-digit year, then its numbers, then as written.

    >>> sorted(["2022-23", "2021-22", "2025/26"], key=edition_order)
    ['2021-22', '2022-23', '2025/26']
    """
    year = _YEAR.search(edition)
    return (int(year.group()) if year else 0, tuple(int(n) for n in re.findall(r"\d+", edition)), edition)


def series_of(plan: Node) -> str:
    """What stays the same across a plan's editions: its id with the edition left out
    (``council-plan-2021-22`` of edition "2021-22" -> ``council-plan-{edition}``), else its id."""
    if plan.edition:
        slug = "-".join(words(plan.edition))
        if slug and slug in plan.id:
            return plan.id.replace(slug, "{edition}")
    return plan.id


def with_editions(graph: PlanGraph, editions: Mapping[str, tuple[str, str]]) -> PlanGraph:
    """``graph`` with each plan's edition (``editions``: plan id -> (series, edition), the series
    being the profile's plan id before the edition was put in) and each later edition of a series
    linked to the edition before it (``revision_of``)."""
    if not editions:
        return graph
    by_series: dict[str, list[tuple[str, str]]] = {}
    for plan_id, (series, edition) in sorted(editions.items()):
        by_series.setdefault(series, []).append((plan_id, edition))
    previous: dict[str, str] = {}
    for members in by_series.values():
        members.sort(key=lambda m: (edition_order(m[1]), m[0]))
        for (earlier, _), (later, _) in zip(members, members[1:]):
            previous[later] = earlier
    nodes = [n.model_copy(update={"edition": editions[n.id][1], "revision_of": previous.get(n.id)})
             if n.kind == "plan" and n.id in editions else n for n in graph.nodes]
    return graph.model_copy(update={"nodes": nodes})


# -- similarity --------------------------------------------------------------------------

def content_words(text: str) -> Counter[str]:
    """The stemmed content words of ``text`` (stop words left out), as plan alignment reads them, and
    its numbers (a target raised from 90 to 110 is a change of wording).

    >>> sorted(content_words("We will plant 5,000 trees this winter, planting more next year").elements())
    ['5000', 'next', 'plant', 'plant', 'tree', 'winter', 'year']
    """
    terms, _ = terms_of(text)
    numbers = (n.replace(",", "") for n in _NUMBER.findall(text))
    return Counter([*(t for t in terms if " " not in t and not t.startswith("#")), *numbers])


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two bags of words, 0-1 (1: the same words, as often)."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _covered(whole: Counter[str], parts: Iterable[Counter[str]]) -> float:
    """Share of ``whole``'s words found in ``parts`` together (a word the whole repeats counts as often
    as the parts, added up, have it)."""
    union: Counter[str] = Counter()
    for part in parts:
        union += part
    size = sum(whole.values())
    return sum((whole & union).values()) / size if size else 0.0


def _contained(part: Counter[str], whole: Counter[str]) -> float:
    """Share of ``part``'s words found in ``whole``."""
    size = sum(part.values())
    return sum((part & whole).values()) / size if size else 0.0


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """A word-level diff of two texts: ``{"op": "equal", "text"}``, ``{"op": "delete", "old"}``,
    ``{"op": "insert", "new"}`` or ``{"op": "replace", "old", "new"}``, in order.

    >>> word_diff("plant 5,000 trees", "plant 6,000")
    [{'op': 'equal', 'text': 'plant'}, {'op': 'replace', 'old': '5,000 trees', 'new': '6,000'}]
    """
    a, b = old.split(), new.split()
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": " ".join(a[i1:i2])})
        elif tag == "delete":
            ops.append({"op": "delete", "old": " ".join(a[i1:i2])})
        elif tag == "insert":
            ops.append({"op": "insert", "new": " ".join(b[j1:j2])})
        else:
            ops.append({"op": "replace", "old": " ".join(a[i1:i2]), "new": " ".join(b[j1:j2])})
    return ops


def render_diff(ops: Sequence[Mapping[str, str]], context: int | None = None) -> str:
    """A diff as one line: deleted words ``[-so-]``, inserted ``{+so+}``; with ``context``, a run of
    unchanged words longer than that is cut to its first and last ``context`` words around "…".

    >>> render_diff(word_diff("plant 5,000 trees", "plant 6,000 trees now"))
    'plant [-5,000-]{+6,000+} trees {+now+}'
    >>> render_diff(word_diff("a b c d e f g", "a b c d e f h"), context=2)
    '… e f [-g-]{+h+}'
    >>> render_diff(word_diff("a b c d e f", "a x c d e f"), context=2)
    'a [-b-]{+x+} c d …'
    """
    shown = []
    for i, op in enumerate(ops):
        if op["op"] == "equal":
            run = op["text"].split()
            if context is not None and 0 < len(ops) - 1:
                head = run[:context] if i > 0 else []  # after a change
                tail = run[-context:] if i < len(ops) - 1 else []  # before the next
                if len(head) + len(tail) < len(run):
                    run = [*head, "…", *tail]
            shown.append(" ".join(run))
        else:
            shown.append((f"[-{op['old']}-]" if "old" in op else "") + (f"{{+{op['new']}+}}" if "new" in op else ""))
    return " ".join(shown)


# -- the two graphs ----------------------------------------------------------------------

@dataclass
class _Side:
    """One build: its nodes, each node's parent (``part_of``, or the theme or priority a measure is
    listed under) and children, its words and its place in its documents."""

    graph: PlanGraph
    nodes: dict[str, Node] = field(init=False)
    parent: dict[str, str] = field(init=False)
    children: dict[str, list[str]] = field(init=False)
    bags: dict[str, Counter[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.nodes = {n.id: n for n in self.graph.nodes}
        self.parent = {}
        for e in self.graph.edges:
            if e.kind == "part_of":
                self.parent.setdefault(e.source, e.target)
            elif e.kind == "measured_by" and e.evidence is not None and e.evidence.method == "document structure":
                self.parent.setdefault(e.target, e.source)
        for n in self.graph.nodes:  # a theme (or anything unplaced) of a plan sits under the plan
            if n.plan is not None and n.kind != "plan" and n.id not in self.parent:
                self.parent[n.id] = n.plan
        self.children = {}
        for child, parent in sorted(self.parent.items()):
            self.children.setdefault(parent, []).append(child)
        self.bags = {n.id: content_words(n.text) for n in self.graph.nodes}

    def position(self, node_id: str) -> tuple[str, int, str]:
        first = min((s.document, s.line_start) for s in self.nodes[node_id].sources)
        return (first[0], first[1], node_id)

    def of_kind(self, kind: str, plans: set[str]) -> list[str]:
        return sorted((n.id for n in self.graph.nodes if n.kind == kind and n.plan in plans), key=self.position)


@dataclass
class EditionDiff:
    """What changed from one build to the next: the plans paired (old id, new id), every change
    (dicts, in the JSON contract's form: README, "Editions: what changed") and how the nodes
    matched (old id -> new id, for every node kept, a split's whole to its main part and each
    merged part to the whole)."""

    old_plans: list[dict[str, Any]]
    new_plans: list[dict[str, Any]]
    pairs: list[tuple[str, str]]
    changes: list[dict[str, Any]]
    matched: dict[str, str]
    continued: dict[str, str] = field(default_factory=dict)  # new id -> the old id it carries forward

    def summary(self) -> dict[str, int]:
        """How many changes of each kind, in ``CHANGES`` order (kinds with none left out)."""
        counts = Counter(c["change"] for c in self.changes)
        return {change: counts[change] for change in CHANGES if counts[change]}

    def to_json(self) -> dict[str, Any]:
        """The JSON document ``goldenthread diff --format json`` prints."""
        return {"old": {"plans": self.old_plans}, "new": {"plans": self.new_plans},
                "pairs": [{"old": o, "new": n} for o, n in self.pairs], "thresholds": dict(THRESHOLDS),
                "summary": self.summary(), "changes": self.changes}


def _plan_brief(plan: Node) -> dict[str, Any]:
    return {"id": plan.id, "label": plan.label, "edition": plan.edition}


def _title_words(plan: Node) -> Counter[str]:
    return Counter(w for w in words(plan.label) if not w.isdigit())


def pair_plans(old: PlanGraph, new: PlanGraph) -> list[tuple[str, str]]:
    """The plans of ``old`` and ``new`` that are editions of one plan (see the module's doc)."""
    olds = sorted((n for n in old.nodes if n.kind == "plan"), key=lambda n: n.id)
    news = sorted((n for n in new.nodes if n.kind == "plan"), key=lambda n: n.id)
    pairs: list[tuple[str, str]] = []
    rules = (lambda o, n: series_of(o) == series_of(n) and (o.edition is not None or o.id == n.id),
             lambda o, n: o.id == n.id,
             lambda o, n: n.revision_of == o.id,
             lambda o, n: similarity(_title_words(o), _title_words(n)) >= TITLE_MATCH)
    for rule in rules:
        taken_old, taken_new = {o for o, _ in pairs}, {n for _, n in pairs}
        for o in olds:
            if o.id in taken_old:
                continue
            hit = next((n for n in news if n.id not in taken_new and rule(o, n)), None)
            if hit is not None:
                pairs.append((o.id, hit.id))
                taken_old.add(o.id)
                taken_new.add(hit.id)
    return sorted(pairs)


# -- matching ----------------------------------------------------------------------------

@dataclass
class _Matcher:
    old: _Side
    new: _Side
    pairs: list[tuple[str, str]]
    matched: dict[str, str] = field(default_factory=dict)  # old id -> new id
    split: dict[str, list[str]] = field(default_factory=dict)  # old id -> its new parts
    merged: dict[str, list[str]] = field(default_factory=dict)  # new id -> its old parts
    renamed: dict[str, tuple[int, int]] = field(default_factory=dict)  # old id -> (children kept, of all)

    def __post_init__(self) -> None:
        self.matched.update(self.pairs)

    @property
    def back(self) -> dict[str, str]:
        return {n: o for o, n in self.matched.items()}

    def continued(self) -> dict[str, str]:
        """New id -> the old node it continues: for a merge, the part most like the whole; plans aside
        (an edition is a plan of its own)."""
        best: dict[str, tuple[float, str]] = {}
        for o, n in self.matched.items():
            if self.old.nodes[o].kind == "plan":
                continue
            score = (similarity(self.old.bags[o], self.new.bags[n]), o)
            if n not in best or score > best[n]:
                best[n] = score
        return {n: o for n, (_, o) in sorted(best.items())}

    def in_place(self, o: str, n: str) -> bool:
        parent = self.old.parent.get(o)
        return parent is not None and self.matched.get(parent) == self.new.parent.get(n)

    def run(self) -> None:
        for kind in CONTENT_KINDS:
            for old_plan, new_plan in self.pairs:
                self.match_kind(kind, old_plan, new_plan)
        self.match_entities()

    def score(self, o: str, n: str) -> float:
        """How alike old node ``o`` and new node ``n`` are: 1.0 for the same text, else their words' Dice."""
        if _same_text(self.old.nodes[o].text, self.new.nodes[n].text):
            return 1.0
        return similarity(self.old.bags[o], self.new.bags[n])

    def match_kind(self, kind: str, old_plan: str, new_plan: str) -> None:
        olds = self.old.of_kind(kind, {old_plan})
        news = self.new.of_kind(kind, {new_plan})
        ranked = []
        for i, o in enumerate(olds):
            for j, n in enumerate(news):
                score = self.score(o, n)
                placed = self.in_place(o, n)
                if score >= MATCH or (placed and score >= MATCH_IN_PLACE):
                    ranked.append((-(score + (PLACE_BONUS if placed else 0.0)), -score, abs(i - j), i, j, o, n))
        self.take(ranked)
        self.match_renamed(olds, news)
        self.find_splits(olds, news)

    def take(self, ranked: list[tuple[Any, ...]]) -> None:
        """Match the pairs of ``ranked`` (sorted best first, each ending with old id, new id) greedily, each
        node once."""
        taken = set(self.matched.values())
        for *_, o, n in sorted(ranked):
            if o not in self.matched and n not in taken:
                self.matched[o] = n
                taken.add(n)

    def match_renamed(self, olds: list[str], news: list[str]) -> None:
        """Left-over nodes with children (themes, priorities) whose contents stayed: renamed (module doc)."""
        back = self.back
        free_new = [n for n in news if n not in back and self.new.children.get(n)]
        ranked = []
        for i, o in enumerate(olds):
            if o in self.matched or not self.old.children.get(o):
                continue
            for j, n in enumerate(free_new):
                if not self.in_place(o, n):
                    continue
                kept_old, kept_new = self.kept_children(o, n)
                shares = (kept_old / len(self.old.children[o]), kept_new / len(self.new.children[n]))
                if min(shares) >= CONTENTS_SHARE and min(kept_old, kept_new) >= CONTENTS_MIN:
                    ranked.append((-min(shares), -max(shares), abs(i - j), i, j, o, n, kept_old))
        self.take([r[:-1] for r in ranked])
        for *_, o, n, kept_old in ranked:
            if self.matched.get(o) == n:
                self.renamed[o] = (kept_old, len(self.old.children[o]))

    def kept_children(self, o: str, n: str) -> tuple[int, int]:
        """How many children of old ``o`` have a counterpart (of their kind, scoring from ``MATCH``) among
        new ``n``'s, and how many of ``n``'s among ``o``'s."""
        pairs = {(a, b) for a in self.old.children[o] for b in self.new.children[n]
                 if self.old.nodes[a].kind == self.new.nodes[b].kind and self.score(a, b) >= MATCH}
        return len({a for a, _ in pairs}), len({b for _, b in pairs})

    def find_splits(self, olds: list[str], news: list[str]) -> None:
        """Old nodes restated as several new ones, and new ones joining several old ones."""
        back = self.back
        free_new = [n for n in news if n not in back]
        free_old = [o for o in olds if o not in self.matched]
        for whole_side, part_side, wholes, free, kept, groups in (
                (self.old, self.new, olds, free_new, self.matched, self.split),
                (self.new, self.old, news, free_old, back, self.merged)):
            claims: dict[str, list[str]] = {}
            for p in free:  # each free part goes to the whole holding most of its words
                best = max(((_contained(part_side.bags[p], whole_side.bags[w]), w) for w in wholes),
                           default=(0.0, ""))
                if best[0] >= SPLIT_PART:
                    claims.setdefault(best[1], []).append(p)
            for whole, parts in claims.items():
                candidates = ([kept[whole]] if whole in kept else []) + parts
                if len(candidates) < 2:
                    continue
                bags = [part_side.bags[p] for p in candidates]
                cover = _covered(whole_side.bags[whole], bags)
                alone = max(_covered(whole_side.bags[whole], [b]) for b in bags)
                if cover >= SPLIT_COVER and cover - alone >= SPLIT_GAIN:
                    groups[whole] = sorted(candidates, key=part_side.position)
        for o, parts in self.split.items():  # the part most like the whole carries it forward
            if o not in self.matched:
                self.matched[o] = max(parts, key=lambda n: (similarity(self.old.bags[o], self.new.bags[n]), n))
        for n, parts in self.merged.items():
            for o in parts:
                self.matched.setdefault(o, n)

    def match_entities(self) -> None:
        olds = [n for n in self.old.graph.nodes if n.kind in ENTITY_KINDS]
        news = {n.id: n for n in self.new.graph.nodes if n.kind in ENTITY_KINDS}
        for o in olds:
            if o.id in news:
                self.matched[o.id] = o.id
        taken = set(self.matched.values())
        by_name: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for n in news.values():
            if n.id not in taken:
                by_name.setdefault((n.kind, tuple(sorted(self.new.bags[n.id]))), []).append(n.id)
        for o in olds:
            if o.id in self.matched:
                continue
            same = by_name.get((o.kind, tuple(sorted(self.old.bags[o.id]))), [])
            if same:
                self.matched[o.id] = same.pop(0)


# -- changes -----------------------------------------------------------------------------

def _sources(node: Node) -> list[dict[str, Any]]:
    return [{"document": s.document, "line_start": s.line_start, "line_end": s.line_end,
             **({"page": s.page} if s.page is not None else {})} for s in node.sources]


def _passage(node: Node | None) -> dict[str, Any] | None:
    return None if node is None else {"text": node.text, "sources": _sources(node)}


def where(passage: Mapping[str, Any] | None) -> str:
    """A passage's first source as "document line 12" (or lines 12-14)."""
    if not passage or not passage["sources"]:
        return ""
    s = passage["sources"][0]
    lines = f"line {s['line_start']}" if s["line_start"] == s["line_end"] else \
        f"lines {s['line_start']}-{s['line_end']}"
    return f"{s['document']} {lines}"


def _record(change: str, kind: str, old: Node | None, new: Node | None, *, score: float | None = None,
            detail: str = "", **extra: Any) -> dict[str, Any]:
    shown = new if new is not None else old
    return {"change": change, "kind": kind, "old": old.id if old else None, "new": new.id if new else None,
            "label": shown.label if shown else "", "score": None if score is None else round(score, 3),
            "detail": detail, "passages": {"old": _passage(old), "new": _passage(new)}, **extra}


def _status_words(status: str | None) -> str:
    return status or "no status stated"


def _link_words(kind: str, target: Node, gained: bool) -> str:
    what = {"delivered_through": "delivery strategy", "overseen_by": "board", "accountable_to": "portfolio",
            "measured_by": "measure", "aligns_with": "alignment", "tracked_by": "indicator"}.get(kind, kind)
    if kind == "aligns_with":
        return f"alignment {'gained' if gained else 'lost'}: {target.label}"
    return f"{what} {'now named' if gained else 'no longer named'}: {target.label}"


def _structural(link: Link) -> bool:
    return link.kind == "part_of" or (link.kind == "measured_by" and link.evidence is not None
                                      and link.evidence.method == "document structure")


class _Changes:
    def __init__(self, m: _Matcher, threads_old: Mapping[str, Mapping[str, Any]] | None,
                 threads_new: Mapping[str, Mapping[str, Any]] | None):
        self.m, self.old, self.new = m, m.old, m.new
        self.threads_old, self.threads_new = threads_old, threads_new
        self.out: list[dict[str, Any]] = []

    def nearest(self, side: _Side, other: _Side, node: Node, plans: set[str]) -> tuple[Node | None, float]:
        best: tuple[float, str] = (0.0, "")
        for cand in other.of_kind(node.kind, plans):
            best = max(best, (similarity(side.bags[node.id], other.bags[cand]), cand))
        return (other.nodes[best[1]], best[0]) if best[1] else (None, 0.0)

    def label_of(self, side: _Side, node_id: str | None) -> str:
        return side.nodes[node_id].label if node_id in side.nodes else ""

    def nodes(self) -> None:
        m = self.m
        new_of_plan = dict(m.pairs)
        old_of_plan = {n: o for o, n in m.pairs}
        for o, n in m.pairs:
            po, pn = self.old.nodes[o], self.new.nodes[n]
            # a plan's text names its edition ("the financial year 2025/26"): that alone is no rewording
            same = _same_text(po.text, pn.text) or _same_text(without_edition(po.text, po.edition),
                                                              without_edition(pn.text, pn.edition))
            self.out.append(_record("unchanged" if same else "reworded", "plan", po, pn, score=1.0 if same else
                                    similarity(self.old.bags[o], self.new.bags[n]),
                                    detail=f"edition {po.edition or '?'} -> {pn.edition or '?'}"
                                    if po.edition != pn.edition else "",
                                    **({} if same else {"diff": word_diff(po.text, pn.text)})))
        for plan_id in sorted({n.id for n in self.old.graph.nodes if n.kind == "plan"} - set(new_of_plan)):
            self.out.append(_record("dropped", "plan", self.old.nodes[plan_id], None,
                                    detail="no plan of the new build is an edition of it"))
        for plan_id in sorted({n.id for n in self.new.graph.nodes if n.kind == "plan"} - set(old_of_plan)):
            self.out.append(_record("added", "plan", None, self.new.nodes[plan_id],
                                    detail="no plan of the old build is an edition of it"))
        in_parts = {p for parts in m.merged.values() for p in parts}
        split_parts = {p for parts in m.split.values() for p in parts}
        back = m.back
        for kind in CONTENT_KINDS:
            for o in self.old.of_kind(kind, set(new_of_plan)):
                old = self.old.nodes[o]
                if o in m.split:
                    parts = m.split[o]
                    self.out.append(_record(
                        "split", kind, old, self.new.nodes[m.matched[o]],
                        score=_covered(self.old.bags[o], [self.new.bags[p] for p in parts]),
                        detail=f"into {len(parts)}: " + "; ".join(self.new.nodes[p].label for p in parts),
                        parts=parts, part_passages=[_passage(self.new.nodes[p]) for p in parts]))
                elif o in in_parts:
                    continue  # listed once, with the node they merged into
                elif o in m.matched:
                    self.pair(old, self.new.nodes[m.matched[o]])
                else:
                    near, score = self.nearest(self.old, self.new, old, {new_of_plan[old.plan or ""]})
                    self.out.append(_record("dropped", kind, old, None, score=score, nearest=near.id if near else None,
                                            detail=f"nearest in the new edition: {near.label} ({score:.2f})"
                                            if near else ""))
            for n in self.new.of_kind(kind, set(old_of_plan)):
                new = self.new.nodes[n]
                if n in m.merged:
                    parts = m.merged[n]
                    main = max(parts, key=lambda p: (similarity(self.old.bags[p], self.new.bags[n]), p))
                    self.out.append(_record(
                        "merged", kind, self.old.nodes[main], new,
                        score=_covered(self.new.bags[n], [self.old.bags[p] for p in parts]),
                        detail=f"from {len(parts)}: " + "; ".join(self.old.nodes[p].label for p in parts),
                        parts=parts, part_passages=[_passage(self.old.nodes[p]) for p in parts]))
                elif n not in back and n not in split_parts:
                    near, score = self.nearest(self.new, self.old, new, {old_of_plan[new.plan or ""]})
                    self.out.append(_record("added", kind, None, new, score=score, nearest=near.id if near else None,
                                            detail=f"nearest in the old edition: {near.label} ({score:.2f})"
                                            if near else "", **self.thread_of(n)))

    def pair(self, old: Node, new: Node) -> None:
        score = self.m.score(old.id, new.id)
        reworded = not _same_text(old.text, new.text)
        extra: dict[str, Any] = {"diff": word_diff(old.text, new.text)} if reworded else {}
        if old.id in self.m.renamed:
            kept, of = self.m.renamed[old.id]
            extra["detail"] = f"renamed: {kept} of its {of} items kept"
        if self.m.in_place(old.id, new.id):
            self.out.append(_record("reworded" if reworded else "unchanged", old.kind, old, new, score=score, **extra))
            return
        op, np_ = self.old.parent.get(old.id), self.new.parent.get(new.id)
        self.out.append(_record(
            "moved", old.kind, old, new, score=score, old_parent=op, new_parent=np_,
            detail=f"from {self.label_of(self.old, op)} to {self.label_of(self.new, np_)}"
                   + (" (and reworded)" if reworded else ""), **extra))

    def thread_of(self, new_id: str) -> dict[str, Any]:
        row = (self.threads_new or {}).get(new_id)
        return {} if row is None else {"thread": {"status": row["status"], "missing": list(row["missing"])}}

    def entities(self) -> None:
        m = self.m
        news = {n.id for n in self.new.graph.nodes if n.kind in ENTITY_KINDS}
        back = m.back
        for old in sorted((n for n in self.old.graph.nodes if n.kind in ENTITY_KINDS), key=lambda n: n.id):
            if old.id not in m.matched:
                self.out.append(_record("dropped", old.kind, old, None))
                continue
            new = self.new.nodes[m.matched[old.id]]
            if old.status != new.status:
                self.out.append(_record("status changed", old.kind, old, new,
                                        detail=f"{_status_words(old.status)} -> {_status_words(new.status)}",
                                        status={"old": old.status, "new": new.status}))
            elif old.label != new.label:
                self.out.append(_record("reworded", old.kind, old, new,
                                        score=similarity(self.old.bags[old.id], self.new.bags[new.id]),
                                        diff=word_diff(old.label, new.label)))
            else:
                self.out.append(_record("unchanged", old.kind, old, new, score=1.0))
        for n in sorted(news - set(back)):
            self.out.append(_record("added", self.new.nodes[n].kind, None, self.new.nodes[n]))

    def links(self) -> None:
        """Links from a node kept in both editions: gained, lost, or (a board "to be established" now
        established) changed."""
        m = self.m
        back = m.back
        kept_new = set(back)

        def key(link: Link) -> tuple[str, str]:
            return (link.kind, link.source)

        old_links: dict[tuple[str, str, str], Link] = {}
        for e in self.old.graph.edges:
            if _structural(e) or e.source not in m.matched or (e.target not in m.matched and
                                                                self.old.nodes[e.target].kind not in ENTITY_KINDS):
                continue
            old_links[(e.kind, m.matched[e.source], m.matched.get(e.target, "?" + e.target))] = e
        new_links: dict[tuple[str, str, str], Link] = {}
        for e in self.new.graph.edges:
            if _structural(e) or e.source not in kept_new or (e.target not in kept_new and
                                                               self.new.nodes[e.target].kind not in ENTITY_KINDS):
                continue
            new_links[(e.kind, e.source, e.target)] = e
        lost = [old_links[k] for k in sorted(old_links) if k not in new_links]
        gained = [new_links[k] for k in sorted(new_links) if k not in old_links]
        for e in list(lost):  # a body that was pending ("to be developed", "to be established"), now named
            was = self.old.nodes[e.target]
            if was.status not in PENDING:
                continue
            now = next((g for g in gained if key(g) == (e.kind, m.matched[e.source])
                        and self.new.nodes[g.target].status not in PENDING
                        and similarity(self.old.bags[was.id], self.new.bags[g.target]) >= MATCH), None)
            if now is None:
                continue
            lost.remove(e)
            gained.remove(now)
            target = self.new.nodes[now.target]
            what = "board now established" if target.kind == "board" else f"{target.kind} now named"
            self.out.append(self.link_record("link changed", e, now, f"{what}: {target.label} "
                                                                      f"(was {was.text}, {was.status})"))
        for e in lost:
            self.out.append(self.link_record("link lost", e, None,
                                             _link_words(e.kind, self.old.nodes[e.target], gained=False)))
        for e in gained:
            self.out.append(self.link_record("link gained", None, e,
                                             _link_words(e.kind, self.new.nodes[e.target], gained=True)))

    def link_record(self, change: str, old: Link | None, new: Link | None, detail: str) -> dict[str, Any]:
        link = new if new is not None else old
        assert link is not None
        m = self.m
        source_old = old.source if old else self.m.back[link.source]
        source_new = new.source if new else m.matched[link.source]
        shown = self.new.nodes[source_new]
        evidence = link.evidence
        return {"change": change, "kind": link.kind, "old": source_old, "new": source_new,
                "label": shown.label, "score": link.confidence, "detail": detail,
                "passages": {"old": _passage(self.old.nodes[source_old]), "new": _passage(shown)},
                "source_kind": shown.kind,
                "target": {"old": old.target if old else None, "new": new.target if new else None},
                "target_label": (self.new.nodes[new.target] if new else self.old.nodes[link.target]).label,
                "origin": link.origin, "method": evidence.method if evidence else None}

    def threads(self) -> None:
        if self.threads_old is None or self.threads_new is None:
            return
        seen: set[str] = set()
        for o, n in sorted(self.m.matched.items()):
            a, b = self.threads_old.get(o), self.threads_new.get(n)
            if a is None or b is None or n in seen:
                continue
            seen.add(n)
            missing_now = [p for p in b["missing"] if p not in a["missing"]]
            mended = [p for p in a["missing"] if p not in b["missing"]]
            worse = _RAG_RANK[b["status"]] - _RAG_RANK[a["status"]]
            if worse > 0 or (worse == 0 and missing_now):
                change = "thread breaks"
            elif worse < 0 or mended:
                change = "thread mends"
            else:
                continue
            said = [f"{a['status']} -> {b['status']}" if a["status"] != b["status"] else b["status"]]
            said += [f"now missing: {', '.join(missing_now)}"] if missing_now else []
            said += [f"now present: {', '.join(mended)}"] if mended else []
            self.out.append(_record(change, "priority", self.old.nodes[o], self.new.nodes[n], detail="; ".join(said),
                                    status={"old": a["status"], "new": b["status"]},
                                    missing={"old": list(a["missing"]), "new": list(b["missing"])}))


def without_edition(text: str, edition: str | None) -> str:
    """``text`` with its plan's ``edition`` left out: a plan's text naming its year ("the financial year
    2025/26") is the same text in every edition."""
    return text.replace(edition, "") if edition else text


def _order(change: Mapping[str, Any]) -> tuple[int, int, str, str, str]:
    kind = change["kind"]
    return (CHANGES.index(change["change"]), KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER),
            kind, change["old"] or "", change["new"] or "")


def compare(old: PlanGraph, new: PlanGraph, threads_old: Mapping[str, Mapping[str, Any]] | None = None,
            threads_new: Mapping[str, Mapping[str, Any]] | None = None) -> EditionDiff:
    """What changed from ``old`` to ``new`` (two builds of editions of the same plans): see the module's
    doc. ``threads_*``: priority id -> ``{"status", "missing"}`` (a coverage row); without them no thread
    changes are listed. ``GoldenthreadError`` when no plan of one is an edition of a plan of the other."""
    pairs = pair_plans(old, new)
    if not pairs:
        names = [", ".join(sorted(n.id for n in g.nodes if n.kind == "plan")) or "none" for g in (old, new)]
        raise GoldenthreadError(f"no plan of the new build is an edition of a plan of the old one "
                                f"(old: {names[0]}; new: {names[1]})")
    matcher = _Matcher(_Side(old), _Side(new), pairs)
    matcher.run()
    found = _Changes(matcher, threads_old, threads_new)
    found.nodes()
    found.entities()
    found.links()
    found.threads()
    plans_of = [sorted((_plan_brief(n) for n in g.nodes if n.kind == "plan"), key=lambda p: p["id"])
                for g in (old, new)]
    return EditionDiff(old_plans=plans_of[0], new_plans=plans_of[1], pairs=pairs,
                       changes=sorted(found.out, key=_order), matched=dict(sorted(matcher.matched.items())),
                       continued=matcher.continued())


# -- ids that survive a refresh ------------------------------------------------------------

#: the changes to a node that put a reviewer's decision on a link to it in doubt
SUSPECT_CHANGES = ("reworded", "moved", "split", "merged")


def carry_ids(graph: PlanGraph, previous: PlanGraph) -> PlanGraph:
    """``graph`` with the ids of ``previous`` carried forward (``carry_forward`` without the changes)."""
    return carry_forward(graph, previous)[0]


def carry_forward(graph: PlanGraph, previous: PlanGraph) -> tuple[PlanGraph, dict[str, Suspect]]:
    """``carry_ids``' graph, and each of its nodes (by its carried id) that was reworded, moved, split
    (each part) or merged since ``previous``, with the change: what makes a curated link to it suspect.

    ``graph`` (a build of the new edition) with the ids of ``previous`` (the old edition's build)
    carried forward: a node matched to an old one (unchanged, reworded, moved, the main part of a
    split, a merge) takes that node's id; any other keeps its own, unless that is an id of the old
    build or one it retired, which is never reused (then ``-2``, ``-3``… is added). ``retired`` lists
    the ids of dropped nodes, with those ``previous`` retired. Plans keep their own ids (an edition is
    a plan of its own). The links are renamed with their ends. Raises ``GoldenthreadError`` when no
    plan of one build is an edition of a plan of the other."""
    result = compare(previous, graph)
    rename = dict(result.continued)
    changed: dict[str, tuple[str, float | None]] = {}  # new id (before renaming) -> change, score
    for c in result.changes:
        if c["change"] in SUSPECT_CHANGES and c["new"] and c["kind"] != "plan":
            for end in (c["parts"] if c["change"] == "split" else [c["new"]]):
                changed.setdefault(end, (c["change"], c["score"]))
    taken = set(rename.values()) | {n.id for n in previous.nodes} | set(previous.retired)
    for node in sorted(graph.nodes, key=lambda n: n.id):
        if node.id in rename:
            continue
        if node.id in taken and node.kind != "plan":
            number = 2
            while f"{node.id}-{number}" in taken:
                number += 1
            rename[node.id] = f"{node.id}-{number}"
        else:
            rename[node.id] = node.id
        taken.add(rename[node.id])
    final = set(rename.values())
    retired = sorted((set(previous.retired) | {n.id for n in previous.nodes if n.kind != "plan"}) - final)
    nodes = [n.model_copy(update={"id": rename[n.id]}) for n in graph.nodes]
    edges = [e.model_copy(update={"source": rename[e.source], "target": rename[e.target]}) for e in graph.edges]
    carried = PlanGraph.model_validate({
        **graph.model_dump(exclude={"nodes", "edges", "retired"}),
        "nodes": sorted(nodes, key=lambda n: n.id),
        "edges": sorted(edges, key=lambda e: (e.source, e.kind, e.target)), "retired": retired})
    suspects = {rename[end]: Suspect(end=rename[end], change=change, score=score)
                for end, (change, score) in changed.items()}
    return carried, dict(sorted(suspects.items()))


def mark_suspect(graph: PlanGraph, changed: Mapping[str, Suspect], warnings: Diagnostics | None = None,
                 where: Mapping[tuple[str, str, str], tuple[Path, int | None]] | None = None,
                 default: Path = Path(".")) -> PlanGraph:
    """``graph`` with each curated link (a reviewer's decision, a shipped mapping) whose end is in
    ``changed`` (``carry_forward``) kept and marked ``suspect`` with the change (the source's when both
    ends changed), each with a ``link-suspect`` warning at the decision that made it (``where``: link
    (source, kind, target) -> file and line), else at ``default``; links whose ends did not change are
    left as they are."""
    edges = []
    for e in graph.edges:
        end = next((x for x in (e.source, e.target) if x in changed), None)
        if e.origin != "curated" or end is None:
            edges.append(e)
            continue
        mark = changed[end]
        edges.append(e.model_copy(update={"suspect": mark}))
        if warnings is not None:
            score = "" if mark.score is None else f" (match {mark.score:.2f})"
            path, line = (where or {}).get((e.source, e.kind, e.target), (default, None))
            warnings.warn(path, line,
                          f"curated link {e.source} -{e.kind}-> {e.target}: '{end}' was {mark.change}{score} since "
                          f"the previous edition; look at the decision again", "link-suspect")
    return graph.model_copy(update={"edges": edges})
