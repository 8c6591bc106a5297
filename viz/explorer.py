"""The interactive graph explorer: one self-contained, offline HTML file.

Inputs: a ``Workspace`` (goldenthread.queries.library) holding the plan graph.
Output: ``render_explorer(ws)``: the text of ONE HTML document that an officer can open
from disk or an email attachment, with no network: vis-network (as shipped by the
installed pyvis package, licence comment kept) and our own script and style are inlined,
the graph is embedded as JSON in ``<script type="application/json" id="graph-data">``.

What is computed here, in Python, so the page opens settled and the browser does little:
  - a layered layout (plan -> theme -> priority -> commitments and measures -> strategies
    -> boards and portfolios), grouped by plan, deterministic (``layout``);
  - the golden thread of every node (``thread_members``): the same membership as
    ``goldenthread.queries.library.thread`` (the SPARQL query ``queries/thread.rq``),
    computed on adjacency sets instead of one SPARQL query per node;
  - the orphans (breaks of the thread), from ``goldenthread.queries.library.orphans``.

Safety: every string from the documents is untrusted. The JSON is escaped so that no
text can close the script element (``<``, ``>``, ``&``, U+2028, U+2029 become ``\\uXXXX``),
and the page script shows text only through ``textContent`` / DOM nodes. A Content
Security Policy with script and style hashes forbids any request and any script but ours.

Determinism: the same Workspace gives byte-identical HTML (sorted keys, integer
coordinates, no timestamps or random ids).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from goldenthread.graph.model import NODE_KINDS, PlanGraph
from goldenthread.queries.library import RAG_RULE, REASONS, Workspace, coverage, orphans

__all__ = ["COLLAPSE_ABOVE", "explorer_data", "layout", "render_explorer", "thread_members", "vis_assets"]

# Above this many nodes the page opens collapsed: only plans, themes and priorities are
# drawn; a click (or Enter) on a node reveals its neighbours. Measured with
# benchmarks/explorer.py (Debian Chromium 156, headless, 1280x900, a shared machine,
# medians of 3 runs; two runs agreed within ~20%), every node drawn:
#   nodes   first render   redraw (one pan/zoom frame)
#     352       0.80 s          6.7 ms   (Stockport)
#     987       1.11 s         16.9 ms
#    1975       1.54 s         26.0 ms   (other run: 1.71 s, 28.3 ms)
#    2961       2.82 s         37.9 ms
#    4957       2.86 s         36.8 ms   (other run: 3.88 s)
# and collapsed: 0.7-1.0 s to first render and 2-12 ms a frame at every size. From about
# 2,000 nodes a frame takes 25-40 ms (panning stutters below ~30 frames a second) and the
# page needs 1.5 s or more to appear, so graphs above 1,500 nodes open collapsed.
COLLAPSE_ABOVE = 1500

# Kinds always drawn, collapsed or not.
TOP_KINDS = ("plan", "theme", "priority")
# Kinds stacked in a column under the theme or priority they belong to.
COLUMN_KINDS = ("commitment", "measure")

# Layout geometry, in canvas pixels.
SLOT = 220  # horizontal distance between columns
GROUP_GAP = 260  # extra gap between two plans
COLUMN_DEPTH = 10  # a column holds at most this many nodes before it wraps into another
ROW_Y = {"plan": 0, "theme": 210, "priority": 420}
COLUMN_TOP = 640
COLUMN_DY = 100
ROW_GAP = 240  # from the deepest column to the strategies, and strategies to boards
BAND_PAD = 150  # space around a band's nodes (its title sits in the top padding)

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


# -- layout ---------------------------------------------------------------------------

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

    @lru_cache(maxsize=None)
    def depth(p: str, guard: frozenset = frozenset()) -> int:
        return max((1 + depth(h, guard | {p}) for h in higher[p] if h not in guard | {p}), default=0)

    return sorted(plans, key=lambda p: (depth(p), p))


def layout(graph: PlanGraph) -> dict[str, Any]:
    """A deterministic layered layout, one block ("band") per plan.

    Output: ``{"pos": {id: [x, y]}, "order": [ids in reading order], "bands": [...],
    "columns": [[holder id, [item ids]]], "span": {id: width under a plan, theme or priority}}``.
    Inside a band, rows from top to bottom: the plan, its themes, its priorities, under
    each theme or priority a column of its commitments and measures (wrapping into more
    columns beyond COLUMN_DEPTH), then the strategies and then the boards and portfolios
    whose ``plan`` is this plan, each near the mean x of the nodes of the band linked to it
    and at least SLOT apart. Themes and priorities keep the documents' reading order.
    Bands are packed into rows (widest first, rows then ordered by plan, higher plan
    first) so the whole graph has roughly the shape of a screen instead of a thin strip.
    """
    nodes = {n.id: n for n in graph.nodes}
    by_reading = sorted(graph.nodes, key=_source_key)
    rank = {n.id: i for i, n in enumerate(by_reading)}
    children: dict[str, list[str]] = defaultdict(list)
    parent_of: dict[str, str] = {}
    for e in graph.edges:
        if e.kind == "part_of" and e.source != e.target and e.source not in parent_of:
            parent_of[e.source] = e.target
    for child, parent in parent_of.items():
        children[parent].append(child)
    for lst in children.values():
        lst.sort(key=rank.__getitem__)
    measured: dict[str, list[str]] = defaultdict(list)  # holder -> its measures
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.kind == "measured_by" and nodes[e.target].kind == "measure":
            measured[e.source].append(e.target)
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    for lst in measured.values():
        lst.sort(key=rank.__getitem__)

    placed: set[str] = set()
    plans = plan_order(graph)
    bands: list[dict[str, Any]] = []
    for group in [*plans, None]:
        band = _layout_band(group, nodes, by_reading, children, measured, neighbours, placed)
        if band["pos"]:
            band["index"] = len(bands)
            bands.append(band)
    # any node not reached (e.g. a strategy of no plan) goes to a last band
    rest = [n.id for n in by_reading if n.id not in placed]
    if rest:
        band = _layout_band("", nodes, [nodes[i] for i in rest], children, measured, neighbours, placed)
        band["index"] = len(bands)
        bands.append(band)

    rows = _pack(bands)

    pos: dict[str, list[int]] = {}
    order: list[str] = []
    out_bands = []
    columns = [col for b in sorted(bands, key=lambda b: b["index"]) for col in b["columns"]]
    span = {i: int(w) for b in bands for i, w in b["span"].items()}
    top = 0
    for row in rows:
        left = 0
        for b in row:
            for i, (x, y) in b["pos"].items():
                pos[i] = [int(round(x + left)), int(round(y + top))]
            out_bands.append({"plan": b["plan"], "x0": int(left - SLOT // 2), "x1": int(left + b["width"] - SLOT // 2),
                              "y0": int(top - BAND_PAD), "y1": int(top + b["height"] - BAND_PAD),
                              "index": b["index"]})
            left += b["width"] + GROUP_GAP
        top += max(b["height"] for b in row) + GROUP_GAP
    for b in sorted(bands, key=lambda b: b["index"]):
        order.extend(b["order"])
    out_bands.sort(key=lambda b: b["index"])
    for b in out_bands:
        del b["index"]
    return {"pos": pos, "order": order, "bands": out_bands, "columns": columns, "span": span}


def _pack(bands: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Bands in rows, so that the whole fits a screen-shaped (3:2) view at the largest scale.

    Tries a row width for each number of bands per row (first-fit, widest first) and keeps
    the packing whose fit scale in a 3:2 view is largest. Rows are then ordered by plan,
    higher plan first, and bands inside a row too.
    """
    order = sorted(bands, key=lambda b: (-b["width"], b["index"]))
    targets = sorted({sum(b["width"] for b in order[:k]) + GROUP_GAP * (k - 1) for k in range(1, len(order) + 1)})
    best: tuple[float, list[list[dict[str, Any]]]] | None = None
    for target in targets:
        rows: list[list[dict[str, Any]]] = []
        for b in order:
            for row in rows:
                if sum(x["width"] for x in row) + GROUP_GAP * len(row) + b["width"] <= target:
                    row.append(b)
                    break
            else:
                rows.append([b])
        width = max(sum(b["width"] for b in row) + GROUP_GAP * (len(row) - 1) for row in rows)
        height = sum(max(b["height"] for b in row) for row in rows) + GROUP_GAP * (len(rows) - 1)
        scale = min(1.5 / width, 1.0 / height)
        if best is None or scale > best[0] * (1 + 1e-9):
            best = (scale, rows)
    rows = best[1] if best else []
    for row in rows:
        row.sort(key=lambda b: b["index"])
    rows.sort(key=lambda row: row[0]["index"])
    return rows


def _layout_band(group, nodes, by_reading, children, measured, neighbours, placed) -> dict[str, Any]:
    """Local layout of one plan's band (x from 0, y from 0); marks its nodes ``placed``."""
    pos: dict[str, tuple[float, float]] = {}
    span: dict[str, float] = {}
    order: list[str] = []
    columns: list[tuple[str, float, list[str]]] = []  # (holder, left x, items)
    cursor = 0.0

    def column_items(holder: str) -> list[str]:
        """Commitments in ``holder`` (depth first), then the measures of it and of them."""
        items: list[str] = []

        def walk(n: str) -> None:
            for c in children[n]:
                if nodes[c].kind in COLUMN_KINDS and c not in placed:
                    placed.add(c)
                    items.append(c)
                    walk(c)
        walk(holder)
        for h in [holder, *items]:
            for m in measured[h]:
                if m not in placed:
                    placed.add(m)
                    items.append(m)
        return items

    def add_column(holder: str, items: list[str]) -> None:
        nonlocal cursor
        columns.append((holder, cursor, items))
        order.extend(items)
        cursor += max(1, math.ceil(len(items) / COLUMN_DEPTH)) * SLOT

    def place_tree(n: str) -> None:
        """Place tree node ``n`` (plan, theme or priority) above what hangs from it."""
        placed.add(n)
        order.append(n)
        left = cursor
        own = column_items(n)
        tree_children = [c for c in children[n] if nodes[c].kind in TOP_KINDS and c not in placed]
        for c in tree_children:
            if c not in placed:
                place_tree(c)
        if own or not tree_children:
            add_column(n, own)
        pos[n] = ((left + cursor - SLOT) / 2, ROW_Y.get(nodes[n].kind, ROW_Y["priority"]))
        span[n] = cursor - left

    members = [n for n in by_reading if n.id not in placed and (n.plan == group or group == "")]
    if group:
        place_tree(group)
    for n in members:  # themes and priorities not reached from the plan node
        if n.id not in placed and n.kind in TOP_KINDS:
            place_tree(n.id)
    stray = [n.id for n in members if n.id not in placed and n.kind in COLUMN_KINDS]
    if stray:
        placed.update(stray)
        add_column("", stray)
    deepest = 1
    for _holder, left, items in columns:
        for i, item in enumerate(items):
            col, row = divmod(i, COLUMN_DEPTH)
            pos[item] = (left + col * SLOT, COLUMN_TOP + row * COLUMN_DY)
            deepest = max(deepest, row + 1)
    strategy_y = COLUMN_TOP + (deepest - 1) * COLUMN_DY + ROW_GAP
    board_y = strategy_y + ROW_GAP

    def place_row(ids: list[str], y: float) -> None:
        """Near the mean x of the band's nodes linked to them, at least SLOT apart."""
        if not ids:
            return
        xs_all = [x for x, _ in pos.values()]
        centre = (min(xs_all) + max(xs_all)) / 2 if xs_all else 0.0
        want = {}
        for i in ids:
            xs = sorted(pos[m][0] for m in neighbours[i] if m in pos)
            want[i] = sum(xs) / len(xs) if xs else centre
        row = sorted(ids, key=lambda i: (want[i], i))
        xs: list[float] = []
        for i in row:
            xs.append(want[i] if not xs else max(want[i], xs[-1] + SLOT))
        shift = sum(want.values()) / len(row) - sum(xs) / len(xs)
        lo = min(xs) + shift
        shift -= min(lo, 0)  # never left of the band
        for i, x in zip(row, xs):
            pos[i] = (x + shift, y)
        order.extend(row)
        placed.update(row)

    place_row([n.id for n in members if n.id not in placed and n.kind == "strategy"], strategy_y)
    place_row([n.id for n in members if n.id not in placed], board_y)
    width = (max((x for x, _ in pos.values()), default=0) + SLOT) if pos else 0
    return {"plan": group or None, "pos": pos, "order": order, "width": width, "span": span,
            "height": board_y + 2 * BAND_PAD, "columns": [[h, items] for h, _left, items in columns if items]}


# -- data -----------------------------------------------------------------------------

def explorer_data(ws: Workspace) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able data (node references are indices)."""
    graph = ws.graph
    ids = [n.id for n in graph.nodes]
    index = {i: k for k, i in enumerate(ids)}
    threads = thread_members(graph)
    placed = layout(graph)
    breaks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in orphans(ws):
        # an inferred finding carries what it was compared with: node index, score, the score a
        # link needs, shared words (the same rows as the CLI and the report)
        breaks[row["id"]].append({"reason": row["reason"], "basis": row["basis"], "detail": row["detail"],
                                  "nearest": [{"node": index[c["id"]], "score": c["score"],
                                               "threshold": c["threshold"], "terms": c["terms"][:5]}
                                              for c in row["candidates"] if c["id"] in index]})
    # the thread status of each priority, by the one RAG rule (queries/library.py)
    rag = {r["id"]: {"status": r["status"], "missing": r["missing"], "inferred": r["missing_inferred"]}
           for r in coverage(ws)}
    reading = {i: k for k, i in enumerate(placed["order"])}
    nodes = []
    for n in graph.nodes:
        x, y = placed["pos"][n.id]
        nodes.append({
            "id": n.id, "kind": n.kind, "label": n.label, "text": n.text, "plan": n.plan,
            "status": n.status, "aliases": list(n.aliases),
            "sources": [s.model_dump(mode="json") for s in n.sources],
            "blanks": [b.model_dump(mode="json") for b in n.blanks],
            "orphan": breaks.get(n.id, []), "rag": rag.get(n.id), "x": x, "y": y, "order": reading[n.id],
            "span": placed["span"].get(n.id, 0),
            "thread": [index[m] for m in threads[n.id]],
        })
    edges = []
    for e in graph.edges:
        edge = {"source": index[e.source], "target": index[e.target], "kind": e.kind, "origin": e.origin}
        optional = {"confidence": e.confidence, "method": e.evidence.method if e.evidence else None,
                    "note": e.evidence.note if e.evidence else None}
        edges.append({**edge, **{k: v for k, v in optional.items() if v is not None}})
    plans = plan_order(graph)
    plan_labels = {p: ws.nodes[p].label for p in plans}
    bands = [{**b, "label": plan_labels.get(b["plan"], "Not in a plan")} for b in placed["bands"]]
    return {
        "nodes": nodes, "edges": edges, "plans": [{"id": p, "label": plan_labels[p]} for p in plans],
        "bands": bands,
        "columns": [{"holder": index[h] if h else None, "items": [index[i] for i in items]}
                    for h, items in placed["columns"]],
        "kinds": list(NODE_KINDS), "reasons": list(REASONS), "ragRule": RAG_RULE,
        "collapsed": len(nodes) > COLLAPSE_ABOVE, "collapseAbove": COLLAPSE_ABOVE,
    }


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


# -- assets ---------------------------------------------------------------------------

def _pyvis_vis_dir() -> Path:
    """The vis-network 9.1.2 files shipped inside the installed pyvis package."""
    return Path(str(resources.files("pyvis") / "lib" / "vis-9.1.2"))


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
    css = re.sub(r"/\*# sourceMappingURL=\S+\s*\*/\s*$", "", css)
    _check_inlinable(js, "script", "vis-network.min.js")
    _check_inlinable(css, "style", "vis-network.css")
    return js, css


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
    return "Golden thread explorer: " + ("; ".join(plans) if plans else "plan graph")


def render_explorer(ws: Workspace) -> str:
    """The explorer page for ``ws``: one self-contained HTML document (see module docstring)."""
    vis_js, vis_css = vis_assets()
    app_js = _read(STATIC_DIR, "explorer.js")
    app_css = _read(STATIC_DIR, "explorer.css")
    _check_inlinable(app_js, "script", "explorer.js")
    _check_inlinable(app_css, "style", "explorer.css")
    scripts = [vis_js, app_js]
    styles = [vis_css, app_css]
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
           f"script-src {' '.join(_sha256(s) for s in scripts)}; "
           f"style-src {' '.join(_sha256(s) for s in styles)}")
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        "TITLE": html.escape(_title(ws), quote=False),
        "VIS_CSS": vis_css,
        "APP_CSS": app_css,
        "GRAPH_JSON": _json_for_script(explorer_data(ws)),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    template = _read(TEMPLATE_DIR, "explorer.html")
    # one pass over the template: inserted text is never scanned for markers again
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], template)
