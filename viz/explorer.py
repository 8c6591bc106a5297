"""The interactive graph explorer: one self-contained, offline HTML file.

Inputs: a ``Workspace`` (goldenthread.queries.library) holding the plan graph.
Output: ``render_explorer(ws)``: the text of ONE HTML document that an officer can open
from disk or an email attachment, with no network: vis-network (as shipped by the
installed pyvis package, licence comment kept) and our own scripts and style are inlined;
the data is embedded as JSON in ``<script type="application/json">`` elements.

Plan families. The plans whose nodes are linked by ``aligns_with`` form a family (one
council: its partnership plan, council plan and refreshes). A graph of one family embeds
everything in ``<script type="application/json" id="graph-data">`` (the index below and
that family's ``nodes``, ``edges``, ``review``, ...). A graph of several families (a build
of many councils) embeds only the index there, and each family in its own
``<script type="application/json" id="graph-family-K">`` after the page script, parsed
only when an officer opens that council: the page opens on the index at once.

What is computed here, in Python, from the graph and the query library, so the page only
draws and looks things up:
  - the golden thread of every node (``thread_members``): the same membership as
    ``goldenthread.queries.library.thread`` (the SPARQL query ``queries/thread.rq``),
    computed on adjacency sets instead of one SPARQL query per node;
  - the breaks of the thread (``orphans``, with basis and nearest candidates) and each
    priority's RAG status (``coverage``, the one rule ``RAG_RULE``);
  - each node's answers (``node_answers``): where it sits, who oversees it, what delivers
    it, how it is measured, who is accountable, what it aligns with in the other plans,
    and for a strategy, board, measure or portfolio what it delivers, oversees, measures
    or holds to account. Inheritance follows ``queries/coverage.rq``: a priority inherits
    what its theme (and plan) state, and a board overseeing a strategy oversees what that
    strategy delivers;
  - the links to review (``goldenthread.graph.review.review_rows``: the rows of
    ``goldenthread links --format csv``) so the page can write a decisions file;
  - the abbreviations the documents define ("Health and Wellbeing Board (HWB)") and those
    the names of boards, strategies and plans spell ("HWB"), for search;
  - in a build with indicator data, what the data says of each tracked measure
    (``tracking_entries``: the words of viz/tracking_view.py, the chart as inline SVG made by
    ``viz.charts.trend_svg`` and its data table as plain cells).

Safety: every string from the documents is untrusted. The JSON is escaped so that no
text can close the script element (``<``, ``>``, ``&``, U+2028, U+2029 become ``\\uXXXX``),
and the page scripts show text only through ``textContent`` / DOM nodes and canvas
``fillText``. A chart's SVG (made here by ``trend_svg``, which escapes every piece of text)
is parsed by the page as XML and rebuilt element by element from a list of SVG elements and
attributes it allows, its text as text nodes: never inserted as markup. A Content Security
Policy with script and style hashes forbids any request and any script but ours.

Determinism: the same Workspace gives byte-identical HTML (sorted keys, no timestamps or
random ids; every list in a defined order).
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from goldenthread.core.collector import collector_paused
from goldenthread.core.model import NODE_KINDS, PlanGraph
from goldenthread.graph.review import COLUMNS as REVIEW_COLUMNS
from goldenthread.graph.review import LINK_WORDS, review_rows, suspect_reason
from goldenthread.graph.tracking import STATUS_RULE
from goldenthread.queries.library import RAG_RULE, REASONS, Workspace, coverage, orphans
from goldenthread.viz.charts import trend_description, trend_svg, trend_table_cells
from goldenthread.viz.tracking_view import TrackingView, tracking_views

__all__ = ["ATTACH_KINDS", "SCRIPTS", "abbreviations", "explorer_data", "node_answers", "plan_families",
           "plan_order", "render_explorer", "thread_members", "tracking_entry", "vis_assets"]

# Kinds always drawn in the first view (the overview): plans, themes and priorities.
TOP_KINDS = ("plan", "theme", "priority")
# Links from a holder to what delivers, oversees, measures it or holds it to account.
ATTACH_KINDS = ("delivered_through", "overseen_by", "measured_by", "accountable_to")
# The page scripts, in the order the template runs them (vis-network comes first).
SCRIPTS = ("explorer-text.js", "explorer-graph.js", "explorer.js")

# The ``<script type="application/json">`` element: text the HTML parser must never see
# as markup. JSON puts these only inside strings, where \\uXXXX is equivalent.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


# -- golden threads -------------------------------------------------------------------

def thread_members(graph: PlanGraph) -> dict[str, list[str]]:
    """Every node's golden thread: node id -> sorted ids of the thread's members.

    The same membership as ``goldenthread.queries.library.thread(ws, node_id)``, that is
    as ``queries/thread.rq``, whose UNION branches are, for a focus F:
      1. F itself;  2. what F sits in (partOf+);  3. what sits in F (^partOf+);
      4. for F or anything sitting in F, the non-plan nodes aligned with it (either
         direction), and what those sit in (partOf*);
      5. for F, what it sits in, or what sits in it ("core"): its measures, strategies,
         boards and portfolios;  6. the boards overseeing the core's strategies;
      7. the nodes attached to F (holders measured by / delivered through / overseen by /
         accountable to F), and what they sit in.
    Checked against the SPARQL query for every node in tests/test_explorer.py.
    """
    kind = {n.id: n.kind for n in graph.nodes}
    up: dict[str, set[str]] = defaultdict(set)
    down: dict[str, set[str]] = defaultdict(set)
    aligned: dict[str, set[str]] = defaultdict(set)
    attached: dict[str, set[str]] = defaultdict(set)  # holder -> measure/strategy/board/portfolio
    holders: dict[str, set[str]] = defaultdict(set)
    delivered: dict[str, set[str]] = defaultdict(set)
    overseen: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        if e.kind == "part_of":
            up[e.source].add(e.target)
            down[e.target].add(e.source)
        elif e.kind == "aligns_with":
            aligned[e.source].add(e.target)
            aligned[e.target].add(e.source)
        else:
            attached[e.source].add(e.target)
            holders[e.target].add(e.source)
            if e.kind == "delivered_through":
                delivered[e.source].add(e.target)
            elif e.kind == "overseen_by":
                overseen[e.source].add(e.target)

    def reach(start: str, step: dict[str, set[str]]) -> set[str]:
        """Nodes reachable in one or more steps (a cycle may bring back ``start``)."""
        seen: set[str] = set()
        todo = list(step.get(start, ()))
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(step.get(n, ()))
        return seen

    ancestors_cache: dict[str, frozenset[str]] = {}

    def ancestors(n: str) -> frozenset[str]:
        if n not in ancestors_cache:
            ancestors_cache[n] = frozenset(reach(n, up))
        return ancestors_cache[n]

    out: dict[str, list[str]] = {}
    for focus in kind:
        above = ancestors(focus)
        below = reach(focus, down)
        members = {focus} | above | below
        for low in below | {focus}:
            for across in aligned.get(low, ()):
                if kind[across] != "plan":
                    members.add(across)
                    members |= ancestors(across)
        for core in above | below | {focus}:
            members |= attached.get(core, set())
            for strategy in delivered.get(core, ()):
                members |= overseen.get(strategy, set())
        for holder in holders.get(focus, ()):
            members.add(holder)
            members |= ancestors(holder)
        out[focus] = sorted(members)
    return out


# -- plans and families ---------------------------------------------------------------

def _source_key(node) -> tuple:
    """Reading order: first source (document, line), then id."""
    first = min((s.document, s.line_start) for s in node.sources)
    return (*first, node.id)


def plan_order(graph: PlanGraph) -> list[str]:
    """Plans, higher/earlier first: by the length of their aligns_with chain, then id."""
    plans = sorted(n.id for n in graph.nodes if n.kind == "plan")
    higher: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        if e.kind == "aligns_with" and e.source in plans and e.target in plans and e.source != e.target:
            higher[e.source].add(e.target)

    @cache
    def depth(p: str, guard: frozenset = frozenset()) -> int:
        return max((1 + depth(h, guard | {p}) for h in higher[p] if h not in guard | {p}), default=0)

    return sorted(plans, key=lambda p: (depth(p), p))


def plan_families(graph: PlanGraph) -> list[list[str]]:
    """Plan families (``goldenthread.graph.families``, one council's plans each) with each
    family's plans in ``plan_order``, families in the order of their first plan.

    Strategies, boards and portfolios shared by several families (the same name in two
    councils' plans) do not join them: only alignment does.
    """
    from goldenthread.graph.families import plan_families as families_of

    rank = {p: i for i, p in enumerate(plan_order(graph))}
    ordered = [sorted(family, key=rank.__getitem__) for family in families_of(graph)]
    return sorted(ordered, key=lambda ps: rank[ps[0]])


def _family_label(labels: list[str]) -> str:
    """The words all the family's plan titles start with ("Westmouth"), else the first title."""
    words = [re.findall(r"[^\s,:;()]+", label) for label in labels]
    common: list[str] = []
    for column in zip(*words):
        if len({w.lower() for w in column}) != 1:
            break
        common.append(column[0])
    while common and common[-1].lower() in {"the", "of", "and", "a", "an", "for"}:
        common.pop()
    return " ".join(common) if common and len(labels) > 1 else labels[0]


# -- answers --------------------------------------------------------------------------

class _Links:
    """Adjacency of a plan graph for the answers: structure, attachments, alignment."""

    def __init__(self, graph: PlanGraph) -> None:
        self.nodes = {n.id: n for n in graph.nodes}
        reading = sorted(graph.nodes, key=_source_key)
        self.rank = {n.id: i for i, n in enumerate(reading)}
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.inn: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.aligned: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # node -> (other, dir, origin)
        for e in graph.edges:
            if e.source == e.target:
                continue
            if e.kind == "part_of":
                if e.source not in self.parent:
                    self.parent[e.source] = e.target
                    self.children[e.target].append(e.source)
            elif e.kind == "aligns_with":
                self.aligned[e.source].append((e.target, "out", e.origin))
                self.aligned[e.target].append((e.source, "in", e.origin))
            else:
                self.out[e.source][e.kind].append(e.target)
                self.inn[e.target][e.kind].append(e.source)
        for lst in self.children.values():
            lst.sort(key=self.rank.__getitem__)

    def ancestors(self, n: str) -> list[str]:
        """What ``n`` sits in, nearest first (a part_of cycle is cut)."""
        out: list[str] = []
        seen = {n}
        while n in self.parent and self.parent[n] not in seen:
            n = self.parent[n]
            seen.add(n)
            out.append(n)
        return out

    def descendants(self, n: str) -> list[str]:
        """What sits in ``n``, depth first in reading order."""
        out: list[str] = []
        seen = {n}
        todo = list(reversed(self.children.get(n, ())))
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            out.append(c)
            todo.extend(reversed(self.children.get(c, ())))
        return out


class _Own:
    """``via(h)``: None for the node itself (a link of its own), else the holder ``h``."""

    def __init__(self, node: str) -> None:
        self.node = node

    def __call__(self, holder: str) -> str | None:
        return None if holder == self.node else holder


def _local_rows(rows: list[list], keep: int, local: dict[str, int]) -> tuple[list[list], int]:
    """Answer rows with their first ``keep`` items (node ids or None) as indices into a
    family's nodes; a row naming a node the family does not hold is counted, not kept."""
    kept, lost = [], 0
    for row in rows:
        if row[0] not in local or any(r is not None and r not in local for r in row[1:keep]):
            lost += 1
            continue
        kept.append([local[row[0]], *[None if r is None else local[r] for r in row[1:keep]], *row[keep:]])
    return kept, lost


def _dedupe(rows: Iterable[list[Any]]) -> list[list[Any]]:
    """Rows whose first item is a node id, the first row of each node kept."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return out


def node_answers(graph: PlanGraph, links: _Links | None = None) -> dict[str, dict[str, list]]:
    """Per node, what an officer asks of it (node ids; ``None`` where a link is the node's own):

    - ``path``: what it sits in, plan first;  ``kids``: what sits directly in it;
    - ``over``: ``[board, via, through]``: boards overseeing it, its theme or plan (``via``,
      inherited), directly or through a strategy that delivers it (``through``);
    - ``deliv``: ``[strategy, via]``; ``acct``: ``[portfolio, via]``: the same inheritance;
    - ``meas``: ``[measure, via]``: its own and inherited measures, then those of what sits
      in it (``via`` a descendant);
    - ``ali``: ``[other, from, dir, origin]``: what it, or what sits in it (``from``), aligns
      with in another plan; ``dir`` ``out`` (carries out ``other``) or ``in`` (carried out by);
    - ``rev``: ``[node, via]``: for a strategy what it delivers, for a board what it
      oversees (``via`` a strategy it oversees, or a theme whose priorities inherit it),
      for a measure what it measures, for a portfolio what it holds to account, for an
      indicator the measures it tracks.

    Inheritance is the rule of ``queries/coverage.rq`` (``partOf*`` then the link), so a
    priority has a board here exactly when the coverage query says it has one.
    """
    g = links or _Links(graph)
    out: dict[str, dict[str, list]] = {}
    for n in graph.nodes:
        i = n.id
        ups = g.ancestors(i)
        chain = [i, *ups]
        downs = g.descendants(i)
        via = _Own(i)
        over, deliv, meas, acct = [], [], [], []
        for h in chain:
            for b in g.out[h].get("overseen_by", ()):
                over.append([b, via(h), None])
            for s in g.out[h].get("delivered_through", ()):
                deliv.append([s, via(h)])
                for b in g.out[s].get("overseen_by", ()):
                    over.append([b, via(h), s])
            meas += [[m, via(h)] for m in g.out[h].get("measured_by", ())]
            acct += [[p, via(h)] for p in g.out[h].get("accountable_to", ())]
        for d in downs:
            meas += [[m, d] for m in g.out[d].get("measured_by", ())]
        ali = []
        for f in [i, *downs]:
            for other, direction, origin in g.aligned.get(f, ()):
                if other not in downs and other != i:
                    ali.append([other, via(f), direction, origin])
        ali.sort(key=lambda r: (g.nodes[r[0]].plan or "", g.rank[r[0]], g.rank.get(r[1] or i, 0)))
        rev: list[list] = []
        if n.kind in ("strategy", "board", "measure", "portfolio", "indicator"):
            kind = {"strategy": "delivered_through", "board": "overseen_by", "measure": "measured_by",
                    "portfolio": "accountable_to", "indicator": "tracked_by"}[n.kind]
            direct = sorted(g.inn[i].get(kind, ()), key=g.rank.__getitem__)
            rev = [[h, None] for h in direct]
            if n.kind == "board":  # what the strategies it oversees deliver
                for s in sorted(g.inn[i].get("overseen_by", ()), key=g.rank.__getitem__):
                    if g.nodes[s].kind == "strategy":
                        rev += [[h, s] for h in sorted(g.inn[s].get("delivered_through", ()), key=g.rank.__getitem__)]
            if n.kind not in ("measure", "indicator"):  # priorities (and so on) inherit from their theme or plan
                for h, _ in list(rev):
                    rev += [[d, h] for d in g.descendants(h) if g.nodes[d].kind in TOP_KINDS]
        answers: dict[str, list] = {"path": list(reversed(ups)), "kids": list(g.children.get(i, ())),
                   "over": _dedupe(over), "deliv": _dedupe(deliv), "meas": _dedupe(meas),
                   "acct": _dedupe(acct), "ali": ali, "rev": _dedupe(rev)}
        out[i] = {k: v for k, v in answers.items() if v}
    return out


# -- abbreviations --------------------------------------------------------------------

_ABBR_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{0,10}[A-Z])(s?)\s*\)")
_DEF_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|&")
_CONNECTORS = frozenset({"and", "of", "for", "the", "to", "in", "on", "with", "&", "a", "an", "or", "at", "by"})


def _initials_match(words: list[str], letters: str) -> int | None:
    """How many of the last ``words`` spell ``letters`` by their initials (connectors skipped,
    a connector's initial allowed too), or None."""
    want = letters.upper()
    k = len(want) - 1
    n = len(words) - 1
    used = 0
    while n >= 0 and k >= 0:
        w = words[n]
        if w[0].upper() == want[k]:
            k -= 1
        elif w.lower() not in _CONNECTORS:
            return None
        used += 1
        n -= 1
    if k >= 0 or used == 0 or words[len(words) - used].lower() in _CONNECTORS:
        return None
    return used


def abbreviations(texts: Iterable[str], names: Iterable[str] = ()) -> dict[str, list[str]]:
    """Abbreviation -> what it stands for, as the texts define it ("Joint Strategic Needs
    Assessment (JSNA)"), and as the initials of ``names`` spell it ("Health and Wellbeing
    Board" -> HWB). Each abbreviation's forms sorted, at most five."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for text in texts:
        for m in _ABBR_DEF.finditer(text):
            letters = m.group(1).replace("&", "")
            before = text[max(0, m.start() - 240):m.start()]
            spans = list(_DEF_WORD.finditer(before))[-16:]
            words = [s.group() for s in spans]
            used = _initials_match(words, letters)
            if used is None:
                continue
            phrase = " ".join(before[spans[len(spans) - used].start():].split()).strip(" ,;:-")
            if phrase and phrase.lower() != letters.lower():
                found[letters.upper()].setdefault(phrase.lower(), phrase)
    for name in names:
        words = _DEF_WORD.findall(name)
        content = [w for w in words if w.lower() not in _CONNECTORS]
        if not 2 <= len(content) <= 8 or not all(w[0].isupper() for w in content):
            continue
        letters = "".join(w[0] for w in content).upper()
        found[letters].setdefault(name.lower(), " ".join(name.split()))
    return {a: sorted(forms.values(), key=lambda f: (f.lower(), f))[:5] for a, forms in sorted(found.items())}


# -- indicator data ---------------------------------------------------------------------

def tracking_entry(view: TrackingView, measure: int, indicator: int) -> dict[str, Any]:
    """What the page shows of one measure tracked by one indicator (``measure`` and ``indicator``:
    their indices in the family's nodes): the words (viz/tracking_view.py), the chart as SVG
    text (``trend_svg``: every piece of text in it escaped; the page rebuilds it from an allowed
    list of elements and attributes, never as markup), its description, and its data table as
    plain cells (shown through text nodes)."""
    head, rows = trend_table_cells(view.chart)
    ev = view.evidence
    return {"measure": measure, "indicator": indicator, "anchor": view.anchor, "status": view.status,
            "rule": view.rule, "reason": view.reason, "latest": view.latest, "travel": view.travel,
            "travelLine": view.travel_line, "change": view.change, "baseline": view.baseline_basis,
            "england": view.england,
            "englandShort": view.england_short, "rank": view.rank, "rankShort": view.rank_short,
            "evidence": {"origin": ev.origin, "short": ev.short, "summary": ev.summary, "note": ev.note,
                         "passages": [[q.document, q.lines, q.quote] for q in ev.passages]},
            # no style attribute: the page's Content-Security-Policy refuses them (explorer.css sizes it)
            "svg": trend_svg(view.chart, id_prefix=f"{view.anchor}-chart", inline_style=False), "title": view.title,
            "desc": trend_description(view.chart), "caption": view.caption, "head": head, "rows": rows}


# -- data -----------------------------------------------------------------------------

def _home_families(graph: PlanGraph, families: list[list[str]]) -> dict[str, int]:
    """Each node's family: its plan's; else the first family of a node it is linked to; else 0."""
    fam_of_plan = {p: k for k, ps in enumerate(families) for p in ps}
    home: dict[str, int] = {}
    if len(families) <= 1:
        return {n.id: 0 for n in graph.nodes}
    for n in graph.nodes:
        if n.plan in fam_of_plan:
            home[n.id] = fam_of_plan[n.plan]
    near: dict[str, set[int]] = defaultdict(set)
    for e in graph.edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if a not in home and b in home:
                near[a].add(home[b])
    for n in graph.nodes:
        if n.id not in home:
            home[n.id] = min(near[n.id], default=0)
    return home


def _members(graph: PlanGraph, home: dict[str, int], count: int) -> list[list[str]]:
    """Each family's nodes: its own, and the strategies, boards, portfolios and measures of
    other families its nodes link to (a body two councils share), with their boards."""
    members: list[set[str]] = [set() for _ in range(count)]
    for i, k in home.items():
        members[k].add(i)
    overseen: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.kind == "overseen_by":
            overseen[e.source].append(e.target)
    for e in graph.edges:
        k = home[e.source]
        if home[e.target] != k:
            members[k].add(e.target)
            members[k].update(overseen.get(e.target, ()))
    rank = {n.id: x for x, n in enumerate(graph.nodes)}
    return [sorted(m, key=rank.__getitem__) for m in members]


def _breaks(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in orphans(ws):
        # an inferred finding carries what it was compared with: node, score, the score a
        # link needs, shared words (the same rows as the CLI and the report)
        out[row["id"]].append({"reason": row["reason"], "basis": row["basis"], "detail": row["detail"],
                               "nearest": [{"node": c["id"], "score": c["score"], "threshold": c["threshold"],
                                            "terms": c["terms"][:5]} for c in row["candidates"]]})
    return out


def _lines(node) -> str:
    return "; ".join(f"{s.document}:{s.line_start}-{s.line_end}" for s in node.sources)


def explorer_data(ws: Workspace) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Everything the page needs, as plain JSON-able data: (index, one chunk per family).

    In a chunk, node references are indices into its ``nodes``; a reference to a node the
    chunk does not hold is left out and counted (``threadOut``, ``revOut``, ``outside``).
    """
    breaks = _breaks(ws)  # the library's queries first, with the collector on
    rag = {r["id"]: {"status": r["status"], "missing": r["missing"], "inferred": r["missing_inferred"]}
           for r in coverage(ws)}
    with collector_paused():  # many small containers, no cycles (at 100 councils 2/3 of the time)
        return _explorer_data(ws, breaks, rag)


def _explorer_data(ws: Workspace, breaks: dict[str, list[dict[str, Any]]],
                   rag: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    graph = ws.graph
    links = _Links(graph)
    families = plan_families(graph)
    if not families:
        families = [[]]
    home = _home_families(graph, families)
    members = _members(graph, home, len(families))
    threads = thread_members(graph)
    answers = node_answers(graph, links)
    reviews: list[list[dict[str, str]]] = [[] for _ in families]
    for r in review_rows(graph):  # weakest first, as `goldenthread links` lists them
        reviews[home[r["source"]]].append(r)
    labels = {n.id: n.label for n in graph.nodes}
    suspects = {(e.source, e.kind, e.target): suspect_reason(e, labels) for e in graph.edges if e.suspect}
    views = tracking_views(graph)  # empty without indicator data
    kinds = {n.id: n.kind for n in graph.nodes}
    adjacency: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        adjacency[e.source].append(e.target)
        adjacency[e.target].append(e.source)

    # each link goes to every family holding both its ends (one, but for a shared body's links)
    held_by: dict[str, list[int]] = defaultdict(list)
    for k, ids in enumerate(members):
        for i in ids:
            held_by[i].append(k)
    family_edges: list[list] = [[] for _ in families]
    for e in graph.edges:
        for k in held_by[e.source]:
            if k in held_by[e.target]:
                family_edges[k].append(e)

    chunks = []
    summaries = []
    for k, plans in enumerate(families):
        ids = members[k]
        local = {i: x for x, i in enumerate(ids)}

        nodes = []
        for i in ids:
            n = ws.nodes[i]
            a = answers[i]
            about: dict[str, Any] = {}
            for key, keep in (("over", 3), ("deliv", 2), ("meas", 2), ("acct", 2), ("ali", 2), ("rev", 2)):
                if key in a:
                    rows, lost = _local_rows(a[key], keep, local)
                    if rows:
                        about[key] = rows
                    if lost:
                        about[key + "Out"] = lost
            for key in ("path", "kids"):
                if key in a:
                    about[key] = [local[x] for x in a[key] if x in local]
            outside: dict[int, int] = defaultdict(int)
            for other in adjacency[i]:
                if other not in local:
                    outside[home[other]] += 1
            thread = threads[i]
            node: dict[str, Any] = {
                "id": i, "kind": n.kind, "label": n.label, "text": n.text, "plan": n.plan,
                "status": n.status, "aliases": list(n.aliases),
                "sources": [s.model_dump(mode="json") for s in n.sources],
                "blanks": [b.model_dump(mode="json") for b in n.blanks],
                "orphan": [{**o, "nearest": [{**c, "node": local[c["node"]]}
                                             for c in o["nearest"] if c["node"] in local]}
                           for o in breaks.get(i, [])],
                "rag": rag.get(i), "order": links.rank[i],
                "thread": [local[m] for m in thread if m in local],
                "about": about,
            }
            optional = {"guest": home[i] != k, "threadOut": sum(1 for m in thread if m not in local),
                        "outside": sorted([f, c] for f, c in outside.items()),
                        "generic": [g.model_dump(mode="json") for g in n.generic_mentions],
                        "target": n.target, "baseline": n.baseline, "rating": n.rag,
                        "statistic": n.statistic, "unit": n.unit, "breakdowns": n.breakdowns,  # indicators
                        # a measure no indicator tracks (a build with indicator data): its nearest indicators
                        "nearestIndicators": [{"node": local[c.node], "score": c.score, "threshold": c.threshold,
                                               "note": c.note} for c in n.candidates
                                              if c.node in local and kinds.get(c.node) == "indicator"]}
            node.update({key: v for key, v in optional.items() if v})
            nodes.append(node)
        edges = []
        for e in family_edges[k]:
            if e.source in local and e.target in local:
                edge = {"source": local[e.source], "target": local[e.target], "kind": e.kind, "origin": e.origin}
                optional = {"confidence": e.confidence, "method": e.evidence.method if e.evidence else None,
                            "note": e.evidence.note if e.evidence else None,
                            # a curated link an end of which changed since the previous edition
                            "suspect": suspect_reason(e, labels) or None}
                edges.append({**edge, **{key: v for key, v in optional.items() if v is not None}})
        # the links to review whose source is this family's own: the rows of
        # `goldenthread links --format csv` (labels, texts and lines are the nodes')
        review = [[local[r["source"]], local[r["target"]], r["kind"], r["origin"], r["confidence"], r["basis"],
                   r["confidence_means"], r["method"], r["evidence"],
                   *([why] if (why := suspects.get((r["source"], r["kind"], r["target"]))) else [])]
                  for r in reviews[k] if r["target"] in local]
        chunk = {"family": k, "plans": [{"id": p, "label": labels[p]} for p in plans],
                 "nodes": nodes, "edges": edges, "review": review}
        tracking = [tracking_entry(v, local[v.measure.id], local[v.indicator.id]) for v in views
                    if v.measure.id in local and v.indicator.id in local]
        if tracking:  # a build with indicator data only
            chunk["tracking"] = tracking
        chunks.append(chunk)
        own = [i for i in ids if home[i] == k]
        statuses = [rag[i]["status"] for i in own if i in rag]
        summaries.append({
            "id": plans[0] if plans else "",
            "label": _family_label([labels[p] for p in plans]) if plans else "Plan graph",
            "plans": [{"id": p, "label": labels[p]} for p in plans], "nodes": len(own),
            "priorities": sum(1 for i in own if ws.nodes[i].kind == "priority"),
            "rag": {s: statuses.count(s) for s in ("red", "amber", "green")},
            "breaks": sum(len(breaks.get(i, ())) for i in own), "orphans": sum(1 for i in own if breaks.get(i)),
            "review": len(review),
        })

    indicators = any(n.kind == "indicator" for n in graph.nodes)
    texts: list[str] = []
    names: list[str] = []
    for n in graph.nodes:
        texts += [n.label, n.text, *(s.quote for s in n.sources)]
        if n.kind in ("plan", "strategy", "board", "portfolio"):
            names += [n.label, *n.aliases]
    index = {
        "families": summaries, "planFamily": {p: k for k, ps in enumerate(families) for p in ps},
        # indicators and their links only in a build with indicator data (build --indicators)
        "kinds": [k for k in NODE_KINDS if k != "indicator" or indicators],
        "reasons": list(REASONS), "ragRule": RAG_RULE,
        "linkWords": {k: w for k, w in LINK_WORDS.items() if k != "tracked_by" or indicators},
        "reviewColumns": list(REVIEW_COLUMNS),
        "abbreviations": abbreviations(texts, names),
        "counts": {"nodes": len(graph.nodes), "links": len(graph.edges)},
    }
    if indicators:  # the one rule of the tracking summaries' status (graph/tracking.py), worded once
        index["statusRule"] = STATUS_RULE
    return index, chunks


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


# -- assets ---------------------------------------------------------------------------

def _pyvis_vis_dir() -> Path:
    """The vis-network 9.1.2 files shipped inside the installed pyvis package.

    Found with ``find_spec``, which locates the package without importing it: importing
    pyvis imports networkx and IPython (~0.3 s of every build) for nothing but this folder.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: the explorer inlines the vis-network files it ships")
    return Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(vis-network JS, vis-network CSS) from pyvis, ready to inline.

    The licence comment at the top of the JS is kept; the source-map comment is dropped
    (the map is not shipped, and devtools would try to fetch it).
    """
    folder = _pyvis_vis_dir()
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js)
    css = _used_vis_css(re.sub(r"/\*# sourceMappingURL=\S+\s*\*/\s*$", "", css))
    _check_inlinable(js, "script", "vis-network.min.js")
    _check_inlinable(css, "style", "vis-network.css")
    return js, css


# The parts of vis-network the explorer leaves off (explorer-graph.js: no navigation buttons,
# no editing, no configurator or its colour picker). Their style rules, with the icons they
# hold as data: URLs, are 206 KB of vis-network's 220 KB of CSS, and Chromium took 50 ms more to
# load Stockport's explorer with them (223 against 172 ms of the page's processor time).
UNUSED_VIS_PARTS = ("vis-navigation", "vis-manipulation", "vis-edit-mode", "vis-close", "vis-configuration",
                    "vis-config-", "vis-color-picker")
_CSS_RULE = re.compile(r"([^{}]+)\{[^{}]*\}")


def _used_vis_css(css: str) -> str:
    """vis-network's style rules without those of the parts the explorer leaves off (above).

    Input: the CSS as pyvis ships it, rules one after another (no at-rules, nothing nested).
    Output: the rules whose selectors name none of ``UNUSED_VIS_PARTS``, in their order.
    """
    if _CSS_RULE.sub("", css).strip():
        raise RuntimeError("vis-network.css is not the plain list of rules the explorer expects: "
                           "update UNUSED_VIS_PARTS with the new vis-network")
    return "".join(m.group(0) for m in _CSS_RULE.finditer(css)
                   if not any(part in m.group(1) for part in UNUSED_VIS_PARTS))


def _check_inlinable(text: str, tag: str, name: str) -> None:
    """Refuse text that could end its element early or request anything."""
    low = text.lower()
    if f"</{tag}" in low or "<!--" in low:
        raise RuntimeError(f"{name} cannot be inlined in <{tag}>: it contains '</{tag}' or '<!--'")
    if tag == "style" and (re.search(r"url\(\s*(?!['\"]?data:)", low) or "@import" in low):
        raise RuntimeError(f"{name} refers to an external resource")


def _read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _title(ws: Workspace) -> str:
    plans = [ws.nodes[p].label for p in plan_order(ws.graph)]
    if len(plans) > 6:
        return f"Golden thread explorer: {len(plans)} plans"
    return "Golden thread explorer: " + ("; ".join(plans) if plans else "plan graph")


def render_explorer(ws: Workspace) -> str:
    """The explorer page for ``ws``: one self-contained HTML document (see module docstring)."""
    vis_js, vis_css = vis_assets()
    app_js = [_read(STATIC_DIR, name) for name in SCRIPTS]
    app_css = _read(STATIC_DIR, "explorer.css")
    for name, text in zip(SCRIPTS, app_js):
        _check_inlinable(text, "script", name)
    _check_inlinable(app_css, "style", "explorer.css")
    scripts = [vis_js, *app_js]
    styles = [vis_css, app_css]
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
           f"script-src {' '.join(_sha256(s) for s in scripts)}; "
           f"style-src {' '.join(_sha256(s) for s in styles)}")
    index, chunks = explorer_data(ws)
    if len(chunks) == 1:
        head, rest = {**index, **chunks[0]}, ""
    else:
        head = index
        rest = "\n".join(f'<script type="application/json" id="graph-family-{k}">{_json_for_script(c)}</script>'
                         for k, c in enumerate(chunks))
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        "TITLE": html.escape(_title(ws), quote=False),
        "VIS_CSS": vis_css,
        "APP_CSS": app_css,
        "GRAPH_JSON": _json_for_script(head),
        "VIS_JS": vis_js,
        "APP_JS": "</script>\n<script>".join(app_js),
        "FAMILIES": rest,
    }
    template = _read(TEMPLATE_DIR, "explorer.html")
    # one pass over the template: inserted text is never scanned for markers again
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], template)
