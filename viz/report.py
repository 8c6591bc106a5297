"""The audit report: a printable page for a council scrutiny committee.

Inputs: a ``Workspace`` (see ``goldenthread.queries.library``).
Outputs: ``render_report(ws)`` gives ``(html, markdown)``: the same five sections
(summary, thread by priority, breaks, traceability matrix, drift) as a static
HTML5 page and as Markdown tables.

Every figure comes from the query API (``coverage``, ``orphans``, ``matrix``,
``drift``), so the report says exactly what the CLI says; the graph itself is
read only for labels, plans, where a node sits (its ``part_of`` parents) and
source lines. Every piece of document text is escaped (HTML: ``html.escape``;
Markdown: pipes, newlines, markup characters and ``<``/``>``/``&``). The page has
no script, no external resource and no timestamp: the same graph always gives
byte-identical output.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from goldenthread.graph.model import Node, Source
from goldenthread.queries.library import RAG_RULE, Workspace, coverage, drift, matrix, orphans

TITLE = "Golden thread audit report"

# -- wording ---------------------------------------------------------------------

#: Orphan reasons in the order a committee reads them (governance gaps first), with a
#: plain-English heading and an explanation. Reasons not listed here still appear, last.
REASON_TEXT: dict[str, tuple[str, str]] = {
    "board_not_established": (
        "Oversight bodies still to be established",
        "The documents name these boards or groups as the oversight for a priority, but say "
        "they are still to be established: until they exist, nobody holds that part of the "
        "plan to account."),
    "strategy_not_in_place": (
        "Delivery strategies not yet in place",
        "The documents rely on these strategies to deliver a priority, but say they are still "
        "to be developed, to be refreshed or in development."),
    "blank_in_table": (
        "Table cells the documents left blank",
        "A table in the documents has an empty cell where a board, cabinet portfolio or "
        "strategy should be named."),
    "no_strategy": (
        "Priorities with no delivery strategy",
        "Neither the priority nor its theme names a strategy, plan or programme that delivers it "
        "(a theme with no priorities under it counts as a priority of its own)."),
    "no_board": (
        "Priorities with no accountable board",
        "Neither the priority, its theme nor its strategies name a board that oversees it (a theme "
        "with no priorities under it counts as a priority of its own)."),
    "no_measure": (
        "Priorities with no measure",
        "Neither the priority nor its theme has a success or impact measure, so progress "
        "cannot be reported (a theme with no priorities under it counts as a priority of its own)."),
    "measure_unattached": (
        "Measures attached to nothing",
        "These measures are listed, but no priority, theme or commitment is measured by them."),
    "no_counterpart": (
        "To review: commitments with no counterpart found in the plan they carry out",
        "Inferred from wording, not stated by the documents: no commitment of the higher plan "
        "matched closely enough. Some are expected (the council's day-to-day services); check the "
        "others against their nearest candidates (score, and the score a link needs) before "
        "reporting them as gaps. A reviewer can add a missed link with goldenthread links."),
    "not_carried_out": (
        "To review: commitments no commitment of the lower plan was found to carry out",
        "Inferred from wording, not stated by the documents: nothing in the plan that carries out "
        "this plan matched these commitments closely enough. Check each against its nearest "
        "candidates before reporting that no annual commitment delivers it."),
}

#: coverage() names the missing parts; the report words them as findings.
MISSING_TEXT = {
    "commitments": "no commitments",
    "delivery strategy": "no delivery strategy",
    "strategy in place": "delivery strategy not yet in place",
    "accountable board": "no accountable board",
    "board established": "oversight body not yet established",
    "measure": "no measure",
    "counterpart in the other plan": "no counterpart found in the other plan (inferred: to review)",
}
# orphan reasons that repeat a missing part of the thread table (not shown twice there)
_IN_MISSING = {"no_strategy", "no_board", "no_measure"}

# one rule for RAG, defined with the coverage query (queries/library.py), worded the same everywhere
STATUS_TEXT = {status: (status.capitalize(), RAG_RULE[status]) for status in ("green", "amber", "red")}
STATUS_MARK = {"green": "✔", "amber": "▲", "red": "✖"}  # Markdown: icon beside the word

# inline SVG icons (aria-hidden: the status word beside them carries the meaning)
_ICON = {
    "green": ('<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
              'focusable="false"><circle cx="8" cy="8" r="7.5" fill="#00703c"/>'
              '<path d="M4.2 8.3l2.5 2.5 5-5.2" fill="none" stroke="#fff" stroke-width="2"/></svg>'),
    "amber": ('<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
              'focusable="false"><path d="M8 .8l7.6 14.4H.4z" fill="#b25b00"/>'
              '<path d="M8 5.5v5" stroke="#fff" stroke-width="2"/>'
              '<circle cx="8" cy="12.8" r="1.1" fill="#fff"/></svg>'),
    "red": ('<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
            'focusable="false"><rect x=".5" y=".5" width="15" height="15" rx="2" fill="#b10e1e"/>'
            '<path d="M4.5 4.5l7 7M11.5 4.5l-7 7" stroke="#fff" stroke-width="2.2"/></svg>'),
}

# -- collected data (both renderings are made from this) ----------------------------


@dataclass
class Cite:
    """A source citation: per document, the lines (``[(document, "lines 3–4, 9")]``)."""

    parts: list[tuple[str, str]]

    def text(self) -> str:
        return "; ".join(f"{doc} {lines}" for doc, lines in self.parts)


@dataclass
class Row:
    """One row of a findings table: an item, what it is, where it sits and its source."""

    id: str
    kind: str
    label: str
    full_text: str  # the node's full text when the label is a shortened form of it, else ""
    where: str
    detail: str
    cite: Cite
    reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Group:
    key: str
    heading: str
    intro: str
    rows: list[Row]
    basis: str = "stated"  # "inferred": an absence found by comparing wording, to review


@dataclass
class Report:
    plans: list[tuple[str, str]]  # (id, title)
    documents: list[tuple[str, str, str]]  # (document, plan titles, SHA-256 or "")
    generator: str  # "goldenthread 0.1.0"
    digest: str  # SHA-256 over the documents' names and digests ("" for a graph without them)
    plan_stats: list[dict[str, Any]]
    shares: list[dict[str, Any]]
    glance: list[tuple[str, int, str]]  # (what, count, anchor)
    findings: list[tuple[str, str, str, str]]  # (lead, rest, anchor, link text)
    thread: list[tuple[str, list[Row]]]  # plan title -> priority rows
    breaks: list[Group]
    matrix: dict[str, Any]
    drift: list[Group]


def cite(sources: Iterable[Source]) -> Cite:
    """"doc.txt lines 235–237, 240" per document, documents and lines in order."""
    by_doc: dict[str, set[tuple[int, int]]] = {}
    for s in sources:
        by_doc.setdefault(s.document, set()).add((s.line_start, s.line_end))
    parts = []
    for doc in sorted(by_doc):
        spans = sorted(by_doc[doc])
        word = "line" if len(spans) == 1 and spans[0][0] == spans[0][1] else "lines"
        parts.append((doc, word + " " + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)))
    return Cite(parts)


class _Graph:
    """Labels, plans, parents and sources of the workspace's nodes."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.nodes: dict[str, Node] = ws.nodes
        self.parent: dict[str, str] = {}
        for e in sorted(ws.graph.edges, key=lambda e: (e.source, e.target)):
            if e.kind == "part_of":
                self.parent.setdefault(e.source, e.target)

    def plan_title(self, plan_id: str | None) -> str:
        node = self.nodes.get(plan_id or "")
        return node.label if node is not None else (plan_id or "")

    def ancestors(self, node_id: str) -> list[Node]:
        """Themes, priorities… above the node, top first (the plan excluded)."""
        out: list[Node] = []
        seen = {node_id}
        current = self.parent.get(node_id)
        while current is not None and current not in seen and current in self.nodes:
            seen.add(current)
            node = self.nodes[current]
            if node.kind == "plan":
                break
            out.append(node)
            current = self.parent.get(current)
        return out[::-1]

    def where(self, node_id: str) -> str:
        node = self.nodes[node_id]
        chain = [a.label for a in self.ancestors(node_id)]
        plan = self.plan_title(node.plan)
        if not chain and node.kind in ("strategy", "board", "portfolio", "measure"):
            return f"First named in {plan}" if plan else ""
        return "In " + " › ".join([p for p in [plan] if p] + chain) if (plan or chain) else ""

    def theme(self, node_id: str) -> str:
        themes = [a.label for a in self.ancestors(node_id) if a.kind == "theme"]
        return themes[-1] if themes else ""

    def full_text(self, node: Node) -> str:
        """The node's text when it says more than its label (a shortened commitment, an aim)."""
        text = " ".join(node.text.split())
        return text if len(text) > len(" ".join(node.label.split())) else ""

    def row(self, node_id: str, detail: str, reason: str = "", sources: Iterable[Source] | None = None,
            **extra: Any) -> Row:
        node = self.nodes[node_id]
        return Row(id=node.id, kind=node.kind, label=node.label, full_text=self.full_text(node),
                   where=self.where(node_id), detail=detail, reason=reason,
                   cite=cite(node.sources if sources is None else sources), extra=extra)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _blank_sources(node: Node, detail: str) -> list[Source]:
    """The source of the blank cell an orphan row's detail describes (else the node's)."""
    hits = [b.source for b in node.blanks
            if f"'{b.table}'" in detail and f"no {b.column} " in detail]
    return hits or list(node.sources)


def collect(ws: Workspace) -> Report:
    """Run the library queries and gather everything the report shows."""
    g = _Graph(ws)
    cov = coverage(ws)
    orph = orphans(ws)
    mat = matrix(ws)
    dri = drift(ws)

    plans = sorted((n.id, n.label) for n in ws.graph.nodes if n.kind == "plan")
    plan_docs: dict[str, set[str]] = {}
    all_docs: set[str] = set()
    for n in ws.graph.nodes:
        for s in n.sources:
            all_docs.add(s.document)
            if n.kind == "plan":
                plan_docs.setdefault(s.document, set()).add(n.label)
    digests = {d.name: d.sha256 for d in ws.graph.documents}
    all_docs |= set(digests)
    documents = [(d, "; ".join(sorted(plan_docs.get(d, ()))), digests.get(d, "")) for d in sorted(all_docs)]

    # -- headline figures
    per_plan_kind = Counter((n.plan, n.kind) for n in ws.graph.nodes)
    status_count = Counter((r["plan"], r["status"]) for r in cov)
    plan_stats = []
    for pid, title in plans:
        plan_stats.append({
            "id": pid, "title": title,
            "themes": per_plan_kind[(pid, "theme")], "priorities": per_plan_kind[(pid, "priority")],
            "green": status_count[(pid, "green")], "amber": status_count[(pid, "amber")],
            "red": status_count[(pid, "red")], "commitments": per_plan_kind[(pid, "commitment")],
        })
    reason_of = Counter((o["reason"], g.nodes[o["id"]].plan, o["detail"]) for o in orph)
    shares = []
    plan_ids = {p for p, _ in plans}
    pairs = sorted({(e.source, e.target) for e in ws.graph.edges
                    if e.kind == "aligns_with" and e.source in plan_ids and e.target in plan_ids})
    for lower, higher in pairs:
        n_low, n_high = per_plan_kind[(lower, "commitment")], per_plan_kind[(higher, "commitment")]
        if not (n_low and n_high):
            continue  # the orphans query only compares commitments when both plans have some
        low_t, high_t = g.plan_title(lower), g.plan_title(higher)
        missing_low = sum(c for (r, p, d), c in reason_of.items()
                          if r == "no_counterpart" and p == lower and f" in {high_t}:" in d)
        missing_high = sum(c for (r, p, d), c in reason_of.items()
                           if r == "not_carried_out" and p == higher and f" in {low_t} " in d)
        shares.append({"from": low_t, "to": high_t, "verb": "carry out a commitment of",
                       "with": n_low - missing_low, "of": n_low, "pct": _pct(n_low - missing_low, n_low)})
        shares.append({"from": high_t, "to": low_t, "verb": "are carried out by a commitment of",
                       "with": n_high - missing_high, "of": n_high,
                       "pct": _pct(n_high - missing_high, n_high)})

    # -- breaks, grouped by reason
    order = [r for r in REASON_TEXT] + sorted({o["reason"] for o in orph} - set(REASON_TEXT))
    breaks = []
    for reason in order:
        rows = []
        for o in orph:
            if o["reason"] != reason:
                continue
            node = g.nodes[o["id"]]
            sources = _blank_sources(node, o["detail"]) if reason == "blank_in_table" else None
            rows.append(g.row(o["id"], o["detail"], reason, sources, basis=o["basis"],
                              candidates=o["candidates"]))
        if not rows:
            continue
        heading, intro = REASON_TEXT.get(reason, (reason.replace("_", " ").capitalize(), ""))
        by_plan = Counter(g.plan_title(g.nodes[r.id].plan) for r in rows)
        if reason in ("no_counterpart", "not_carried_out") and by_plan:
            intro += " " + "; ".join(f"{n} in {p}" for p, n in sorted(by_plan.items())) + "."
        basis = "inferred" if any(r.extra["basis"] == "inferred" for r in rows) else "stated"
        breaks.append(Group(reason, heading, intro, rows, basis))
    breaks.sort(key=lambda grp: grp.basis == "inferred")  # stated gaps first, then what to review

    glance = [(grp.heading, len(grp.rows), f"break-{grp.key}") for grp in breaks]

    # -- thread, per priority
    flagged: dict[str, list[str]] = {}
    for o in orph:
        if o["reason"] not in _IN_MISSING:
            flagged.setdefault(o["id"], []).append(o["detail"])
    thread: list[tuple[str, list[Row]]] = []
    for r in cov:
        title = g.plan_title(r["plan"])
        if not thread or thread[-1][0] != title:
            thread.append((title, []))
        missing = [MISSING_TEXT.get(m, m) for m in r["missing"]]
        thread[-1][1].append(g.row(r["id"], "", status=r["status"], present=r["present"],
                                   applicable=r["applicable"], missing=missing,
                                   theme=g.theme(r["id"]), also=flagged.get(r["id"], [])))

    # -- matrix
    aligned = {tuple(p) for p in mat["aligned"]}
    groups: list[tuple[str, str, list[dict[str, str]]]] = []  # (plan title, theme, rows)
    for row in mat["rows"]:
        key = (g.plan_title(row["plan"]), g.theme(row["id"]))
        if not groups or groups[-1][:2] != key:
            groups.append((key[0], key[1], []))
        groups[-1][2].append(row)
    columns = mat["columns"]
    cells = mat["cells"]
    col_totals = {c["id"]: sum(cells.get(r["id"], {}).get(c["id"], 0) for r in mat["rows"])
                  for c in columns}
    row_totals = {r["id"]: sum(cells.get(r["id"], {}).values()) for r in mat["rows"]}
    row_plans = sorted({g.plan_title(r["plan"]) for r in mat["rows"]})
    col_plans = sorted({g.plan_title(c["plan"]) for c in columns})
    matrix_data = {"groups": groups, "columns": columns, "cells": cells, "aligned": aligned,
                   "col_totals": col_totals, "row_totals": row_totals,
                   "row_plans": row_plans, "col_plans": col_plans}

    # -- drift
    drift_groups: list[Group] = []
    for direction in ("dropped", "new"):
        keys = sorted({(d["plan"], d["other_plan"]) for d in dri if d["direction"] == direction})
        for plan_id, other_id in keys:
            rows = [g.row(d["id"], d["detail"], direction, basis=d["basis"], candidates=d["candidates"])
                    for d in dri if d["direction"] == direction and (d["plan"], d["other_plan"]) == (plan_id, other_id)]
            plan_t, other_t = g.plan_title(plan_id), g.plan_title(other_id)
            if direction == "dropped":
                heading = f"Dropped: priorities of {plan_t} that {other_t} was not found to carry forward"
                intro = (f"Inferred from wording: nothing in {other_t} was found to align with these "
                         "priorities or their actions. Either the priority has been dropped, or the "
                         "link is missing and should be recorded: check the nearest candidates.")
            else:
                heading = f"New: themes and priorities of {plan_t} with no counterpart found in {other_t}"
                intro = (f"Inferred from wording: nothing in {other_t} was found to correspond to these. "
                         "They may be new themes, responses to events since, or the council's own "
                         "business; check the nearest candidates before reporting them as new.")
            drift_groups.append(Group(f"{direction}-{plan_id}-{other_id}", heading, intro, rows, "inferred"))
    n_dropped = sum(1 for d in dri if d["direction"] == "dropped")
    n_new = sum(1 for d in dri if d["direction"] == "new")
    glance.append(("Priorities dropped by a later plan", n_dropped, "drift"))
    glance.append(("New themes and priorities with no counterpart in the plan before", n_new, "drift"))

    findings = _findings(g, breaks, shares, drift_groups)
    return Report(plans=plans, documents=documents, generator=ws.graph.generator,
                  digest=ws.graph.digest() if ws.graph.documents else "", plan_stats=plan_stats, shares=shares,
                  glance=glance, findings=findings, thread=thread, breaks=breaks, matrix=matrix_data, drift=drift_groups)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _listing(items: list[str], limit: int = 8) -> str:
    shown = items[:limit]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return "; ".join(shown) + more


#: Key findings: per reason, the sentence that opens the list of items.
_FINDING = {
    "board_not_established": ("oversight body is still to be established",
                              "oversight bodies are still to be established"),
    "strategy_not_in_place": ("delivery strategy is not yet in place",
                              "delivery strategies are not yet in place"),
    "blank_in_table": ("table cell was left blank", "table cells were left blank"),
    "no_strategy": ("priority has no delivery strategy", "priorities have no delivery strategy"),
    "no_board": ("priority has no accountable board", "priorities have no accountable board"),
    "no_measure": ("priority has no measure", "priorities have no measure"),
    "measure_unattached": ("measure is attached to nothing", "measures are attached to nothing"),
}


def _findings(g: _Graph, breaks: list[Group], shares: list[dict[str, Any]],
              drift_groups: list[Group]) -> list[tuple[str, str, str, str]]:
    """Plain sentences naming what a careful reader would raise, most serious first."""
    out = []
    for grp in breaks:
        if grp.key not in _FINDING:
            continue
        items = []
        for r in grp.rows:
            node = g.nodes[r.id]
            if grp.key == "strategy_not_in_place" and node.status:
                items.append(f"{r.label} ({node.status})")
            elif grp.key == "blank_in_table":
                detail = re.sub(r"(?i)^left blank in (the )?", "", r.detail).rstrip(".")
                items.append(f"{r.label} ({detail})")
            else:
                items.append(r.label)
        one, many = _FINDING[grp.key]
        out.append((f"{_n(len(grp.rows), one, many)}:", f"{_listing(items)}.", f"break-{grp.key}",
                    "see the list"))
    for s in shares:
        out.append((f"{s['with']} of {s['of']} ({s['pct']})",
                    f"commitments of {s['from']} {s['verb']} {s['to']}.", "summary-shares", "see the table"))
    for grp in drift_groups:
        labels = [r.label for r in grp.rows]
        if grp.key.startswith("dropped"):
            out.append((f"{grp.heading}:", f"{_listing(labels)}.", f"drift-{grp.key}", "see the list"))
        else:
            what = grp.heading.split(": ", 1)[-1]
            out.append(("New:", f"{len(labels)} {what}.", f"drift-{grp.key}", "see the list"))
    return out


# -- HTML ------------------------------------------------------------------------------

def h(value: Any) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


CSS = """
:root { --ink: #0b0c0c; --muted: #484949; --rule: #b1b4b6; --faint: #f3f2f1; --link: #1d5a96;
        --brand: #12284c; --green: #005a30; --green-bg: #e1f2e6; --amber: #6e3400;
        --amber-bg: #fff0c7; --red: #8e0b17; --red-bg: #fde4e6; }
* { box-sizing: border-box; }
html { font-family: Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif;
       color: var(--ink); background: #fff; line-height: 1.45; }
body { margin: 0; font-size: 1rem; }
a { color: var(--link); }
a:focus { outline: 3px solid #fd0; outline-offset: 0; background: #fd0; color: var(--ink); }
.skip { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; }
.skip:focus { left: 0; z-index: 10; }
.wrap { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
header.masthead { background: var(--brand); color: #fff; padding: 1.5rem 0 1.25rem;
                  border-bottom: 8px solid #3d6aa8; }
header.masthead .kicker { margin: 0; font-size: .95rem; letter-spacing: .04em;
                          text-transform: uppercase; color: #e8edf5; }
header.masthead h1 { margin: .2rem 0 .4rem; font-size: 2.1rem; line-height: 1.15; }
header.masthead p { margin: .2rem 0; color: #fff; }
nav.contents { border-bottom: 1px solid var(--rule); padding: .75rem 0; }
nav.contents h2 { font-size: 1rem; margin: 0 0 .25rem; padding: 0; border: 0; }
nav.contents ol { margin: 0; padding-left: 1.4rem; columns: 2; column-gap: 2rem; }
nav.contents li { padding: .1rem 0; }
nav.contents a, ul.glance a { display: inline-block; min-height: 24px; padding: .1rem 0; }
main { padding-bottom: 2rem; }
section { margin-top: 2rem; }
h2 { font-size: 1.6rem; margin: 2.2rem 0 .6rem; padding-top: .4rem; border-top: 3px solid var(--brand); }
h3 { font-size: 1.2rem; margin: 1.8rem 0 .4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p.lede { font-size: 1.1rem; max-width: 50rem; }
p.note, .intro { max-width: 52rem; }
.muted, .where, .cite, .fulltext { color: var(--muted); }
ul.findings { max-width: 56rem; padding-left: 1.3rem; }
ul.findings li { margin: .35rem 0; }
ul.findings a { white-space: nowrap; }
ul.glance { list-style: none; padding: 0; margin: .6rem 0 1rem; display: grid;
            grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .6rem; }
ul.glance li { border: 1px solid var(--rule); border-left: 6px solid var(--brand); padding: .55rem .75rem;
               background: #fff; break-inside: avoid; }
ul.glance li.zero { border-left-color: var(--rule); }
ul.glance .n { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; font-size: .92rem; }
caption { text-align: left; font-weight: 700; padding: .3rem 0 .45rem; font-size: 1rem; }
th, td { border: 1px solid var(--rule); padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e6e9ee; border-bottom: 2px solid var(--ink); }
tbody tr:nth-child(even) > * { background: #fafafa; }
th[scope=rowgroup] { background: var(--brand); color: #fff; font-size: .98rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th[scope=row] { font-weight: 700; }
.fulltext { display: block; font-weight: 400; margin-top: .15rem; }
.where { display: block; font-weight: 400; font-size: .85rem; margin-top: .2rem; }
.cite { font-size: .85rem; overflow-wrap: anywhere; }
.cite .doc { display: block; }
.status { display: inline-flex; align-items: center; gap: .35rem; font-weight: 700; padding: .1rem .45rem;
          border: 1px solid currentColor; border-radius: 3px; white-space: nowrap; }
.status .icon { flex: none; }
.status-green { color: var(--green); background: var(--green-bg); }
.status-amber { color: var(--amber); background: var(--amber-bg); border-style: dashed; }
.status-red { color: var(--red); background: var(--red-bg); border-width: 2px; }
tr.row-red > th[scope=row] { box-shadow: inset 5px 0 0 #b10e1e; }
tr.row-amber > th[scope=row] { box-shadow: inset 5px 0 0 #b25b00; }
tr.row-green > th[scope=row] { box-shadow: inset 5px 0 0 #00703c; }
ul.missing { margin: 0; padding-left: 1.1rem; }
table.thread th[scope=col]:nth-child(1) { width: 33%; }
table.thread th[scope=col]:nth-child(2) { width: 8rem; }
table.thread th[scope=col]:nth-child(4) { width: 24%; }
table.findings th[scope=col]:nth-child(1) { width: 40%; }
table.findings th[scope=col]:nth-child(2) { width: 7rem; }
.also { display: block; margin-top: .25rem; font-size: .88rem; }
dl.key { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: .5rem 0 1rem; }
dl.key dt { margin: 0; } dl.key dd { margin: 0; }
.matrix-wrap { overflow-x: auto; }
.scroll { overflow-x: auto; max-width: 100%; position: relative; }  /* holds its hidden captions too */
.scroll:focus-visible { outline: 3px solid #1d5a96; outline-offset: 2px; }
td, th, p { overflow-wrap: anywhere; }  /* a SHA-256 or a long file name never widens the page */
table.matrix { font-size: .85rem; }
table.matrix thead th { vertical-align: bottom; min-width: 5.5rem; }
table.matrix thead th:first-child { min-width: 16rem; }
table.matrix td { text-align: center; font-variant-numeric: tabular-nums; }
table.matrix td.linked { background: #dbe7f5; font-weight: 700; outline: 2px solid #1d5a96;
                         outline-offset: -3px; }
table.matrix .total { background: #eef0f3; font-weight: 700; }
.mark { color: #1d5a96; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
      clip-path: inset(50%); white-space: nowrap; }
footer.foot { border-top: 1px solid var(--rule); margin-top: 2rem; padding: 1rem 0 2rem;
              font-size: .9rem; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm 16mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  html { font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .skip { display: none; }
  .wrap { max-width: none; padding: 0; }
  header.masthead { padding: .6rem .8rem; border-bottom-width: 4px; }
  nav.contents ol { columns: 1; }
  a { color: var(--ink); text-decoration: none; }
  h2 { break-before: page; page-break-before: always; margin-top: 0; }
  section#summary h2 { break-before: auto; page-break-before: auto; }
  section#matrix { page: wide; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, th, td, ul.glance li { break-inside: avoid; page-break-inside: avoid; }
  caption { break-after: avoid; }
  .matrix-wrap, .scroll { overflow: visible; }
  table.matrix { font-size: 8pt; }
  table.matrix thead th { min-width: 0; }
  table.matrix thead th:first-child { min-width: 0; width: 24%; }
  ul.glance { grid-template-columns: repeat(3, 1fr); }
}
"""


def _status_html(status: str) -> str:
    word, meaning = STATUS_TEXT.get(status, (status.capitalize(), ""))
    return (f'<span class="status status-{h(status)}">{_ICON.get(status, "")}'
            f'<span>{h(word)}</span></span>')


def _cite_html(c: Cite) -> str:
    if not c.parts:
        return '<span class="cite">–</span>'
    return ('<span class="cite">' + "".join(f'<span class="doc">{h(doc)} {h(lines)}</span>'
                                            for doc, lines in c.parts) + "</span>")


def _item_html(r: Row, show_where: bool = True) -> str:
    out = f'<span class="label">{h(r.label)}</span>'
    if r.full_text:
        out += f'<span class="fulltext">“{h(r.full_text)}”</span>'
    if show_where and r.where:
        out += f'<span class="where">{h(r.where)}</span>'
    return out


def _summary_html(rep: Report) -> list[str]:
    o = ['<section id="summary" aria-labelledby="summary-h">',
         '<h2 id="summary-h">1. Summary</h2>',
         '<p class="lede">This report checks the <em>golden thread</em> of the plans below: whether each '
         'priority runs unbroken from commitment to delivery strategy, accountable board and measure, '
         'and whether each plan carries out the plan above it. Every finding cites the document and '
         'lines it rests on.</p>',
         '<h3 id="findings-h">Key findings</h3>', '<ul class="findings">']
    for lead, rest, anchor, link in rep.findings:
        o.append(f'<li><strong>{h(lead)}</strong> {h(rest)} (<a href="#{h(anchor)}">{h(link)}</a>)</li>')
    if not rep.findings:
        o.append("<li>The checks found no break in the thread.</li>")
    o += ["</ul>",
         '<h3 id="glance-h">Breaks at a glance</h3>',
         '<ul class="glance" aria-labelledby="glance-h">']
    for what, n, anchor in rep.glance:
        cls = ' class="zero"' if n == 0 else ""
        o.append(f'<li{cls}><span class="n">{n}</span><a href="#{h(anchor)}">{h(what)}</a></li>')
    o.append("</ul>")
    o += ['<table class="plans">',
          '<caption>Priorities by thread status, per plan</caption>',
          '<thead><tr><th scope="col">Plan</th><th scope="col" class="num">Themes</th>'
          '<th scope="col" class="num">Priorities</th>'
          + "".join(f'<th scope="col" class="num">{_status_html(s)}</th>' for s in ("green", "amber", "red"))
          + '<th scope="col" class="num">Commitments</th></tr></thead>', "<tbody>"]
    for p in rep.plan_stats:
        o.append(f'<tr><th scope="row">{h(p["title"])}</th><td class="num">{p["themes"]}</td>'
                 f'<td class="num">{p["priorities"]}</td><td class="num">{p["green"]}</td>'
                 f'<td class="num">{p["amber"]}</td><td class="num">{p["red"]}</td>'
                 f'<td class="num">{p["commitments"]}</td></tr>')
    o += ["</tbody></table>"]
    if rep.shares:
        o += ['<table class="shares" id="summary-shares">',
              '<caption>Commitments with a counterpart in the other plan</caption>',
              '<thead><tr><th scope="col">Commitments of</th><th scope="col">that…</th>'
              '<th scope="col" class="num">Number</th><th scope="col" class="num">Share</th></tr></thead>',
              "<tbody>"]
        for s in rep.shares:
            o.append(f'<tr><th scope="row">{h(s["from"])}</th><td>{h(s["verb"])} {h(s["to"])}</td>'
                     f'<td class="num">{s["with"]} of {s["of"]}</td><td class="num">{h(s["pct"])}</td></tr>')
        o += ["</tbody></table>",
              '<p class="note muted">Counterparts are found by comparing the wording of the commitments '
              '(each link records its score and shared terms, and can be reviewed with '
              '<code>goldenthread links</code>).</p>']
    o.append("</section>")
    return o


def _thread_html(rep: Report) -> list[str]:
    o = ['<section id="thread" aria-labelledby="thread-h">',
         '<h2 id="thread-h">2. The thread, priority by priority</h2>',
         '<dl class="key" aria-label="Status key">']
    for s, (word, meaning) in STATUS_TEXT.items():
        o.append(f"<dt>{_status_html(s)}</dt><dd>{h(meaning)}</dd>")
    o += ["</dl>",
          f'<p class="note">{h(PARTS_NOTE)}</p>',
          '<table class="thread">',
          "<caption>Golden thread status of every priority</caption>",
          '<thead><tr><th scope="col">Priority</th><th scope="col">Status</th>'
          '<th scope="col" class="num">Parts present</th><th scope="col">What is missing</th>'
          '<th scope="col">Source</th></tr></thead>']
    for plan, rows in rep.thread:
        o.append(f'<tbody><tr><th scope="rowgroup" colspan="5">{h(plan)}</th></tr>')
        for r in rows:
            st = r.extra["status"]
            item = f'<span class="label">{h(r.label)}</span>'
            if r.extra["theme"]:
                item += f'<span class="where">Theme: {h(r.extra["theme"])}</span>'
            missing = r.extra["missing"]
            miss = ("<ul class=\"missing\">" + "".join(f"<li>{h(m)}</li>" for m in missing) + "</ul>"
                    if missing else '<span class="muted">nothing</span>')
            for also in r.extra["also"]:
                miss += f'<span class="also">Also: {h(also)}</span>'
            o.append(f'<tr class="row-{h(st)}" data-id="{h(r.id)}" data-status="{h(st)}">'
                     f'<th scope="row">{item}</th><td>{_status_html(st)}</td>'
                     f'<td class="num">{_parts(r)}</td><td>{miss}</td>'
                     f"<td>{_cite_html(r.cite)}</td></tr>")
        o.append("</tbody>")
    o += ["</table>", "</section>"]
    return o


PARTS_NOTE = ("Parts present: how many of the parts of the thread that apply to the priority are "
              "there (commitments, a delivery strategy and whether it is in place, an accountable board "
              "and whether it is established, a measure, a counterpart in the other plan). The status "
              "follows the rule above, not the count: a missing strategy, board or measure makes a "
              "priority red however many other parts it has.")


def _parts(r: Row) -> str:
    return f"{r.extra['present']} of {r.extra['applicable']}"


def _candidates_text(candidates: list[dict[str, Any]]) -> list[str]:
    """"A radically digital Stockport: score 0.07 (a link needs 0.12); shares digital, radical;
    borough-plan-2030-discussion-draft.txt line 805", one per candidate, best first."""
    return [f"{c['label']}: score {c['score']:.2f} (a link needs {c['threshold']:.2f})"
            + (f"; shares {', '.join(c['terms'][:5])}" if c["terms"] else "") + f"; {c['source']}"
            for c in candidates]


def _findings_table(group: Group, caption: str, kind_col: bool = True) -> list[str]:
    inferred = group.basis == "inferred"
    o = ["<table class=\"findings\">", f'<caption class="vh">{h(caption)}</caption>',
         '<thead><tr><th scope="col">Item</th>' + ('<th scope="col">Kind</th>' if kind_col else "")
         + '<th scope="col">Detail</th>'
         + ('<th scope="col">Nearest in the other plan</th>' if inferred else "")
         + '<th scope="col">Source</th></tr></thead>', "<tbody>"]
    for r in group.rows:
        nearest = ""
        if inferred:
            found = _candidates_text(r.extra.get("candidates", []))
            nearest = ("<td><ol class=\"nearest\">" + "".join(f"<li>{h(c)}</li>" for c in found) + "</ol></td>"
                       if found else '<td><span class="muted">nothing shares its words</span></td>')
        o.append(f'<tr data-id="{h(r.id)}" data-reason="{h(r.reason)}" data-basis="{h(group.basis)}">'
                 f"<th scope=\"row\">{_item_html(r)}</th>"
                 + (f"<td>{h(r.kind)}</td>" if kind_col else "")
                 + f"<td>{h(r.detail)}</td>{nearest}<td>{_cite_html(r.cite)}</td></tr>")
    o += ["</tbody></table>"]
    return o


def _grouped_html(section: str, title: str, intro: str, groups: list, css: str, prefix: str,
                  empty: str) -> list[str]:
    """A report section of finding groups, each a sub-section with its own table."""
    o = [f'<section id="{section}" aria-labelledby="{section}-h">', f'<h2 id="{section}-h">{title}</h2>',
         f'<p class="intro">{intro}</p>']
    if not groups:
        o.append(f"<p>{empty}</p>")
    for grp in groups:
        gid = f"{prefix}-{h(grp.key)}"
        o += [f'<section id="{gid}" class="{css}" aria-labelledby="{gid}-h">',
              f'<h3 id="{gid}-h">{h(grp.heading)} ({len(grp.rows)})</h3>']
        if grp.intro:
            o.append(f'<p class="intro">{h(grp.intro)}</p>')
        o += _findings_table(grp, f"{grp.heading}: {len(grp.rows)}")
        o.append("</section>")
    o.append("</section>")
    return o


BREAKS_INTRO = ("Every break the checks find, grouped by what is wrong. First the gaps the documents "
                "state (a strategy not named, a board still to be established, a blank cell); then, "
                "headed “To review”, absences inferred from wording, each with the nearest candidates "
                "in the other plan so a reviewer can confirm or correct it. An item can appear under "
                "more than one heading.")


def _breaks_html(rep: Report) -> list[str]:
    return _grouped_html("breaks", "3. Where the thread breaks", h(BREAKS_INTRO), rep.breaks, "orphans",
                         "break", "No breaks found.")


def _matrix_html(rep: Report) -> list[str]:
    m = rep.matrix
    o = ['<section id="matrix" aria-labelledby="matrix-h">',
         '<h2 id="matrix-h">4. Traceability matrix</h2>']
    if not m["columns"]:
        o += ["<p>No two plans with priorities are aligned, so there is no matrix.</p>", "</section>"]
        return o
    rows_t, cols_t = " and ".join(m["row_plans"]), " and ".join(m["col_plans"])
    o.append(f'<p class="intro">Each number counts the commitments of a priority of {h(rows_t)} (row) '
             f'that carry out an action of a priority of {h(cols_t)} (column). Blank: no link. '
             '<span class="mark" aria-hidden="true">◆</span> on a shaded, outlined cell: the priorities '
             'themselves are linked. A column with no numbers is a priority nothing in the row plan '
             'carries out.</p>')
    ncols = len(m["columns"])
    o += ['<div class="matrix-wrap">', '<table class="matrix">',
          f"<caption>Traceability matrix: priorities of {h(rows_t)} (rows) against priorities of "
          f"{h(cols_t)} (columns), counting linked commitments</caption>",
          '<thead><tr><th scope="col">Priority</th>'
          + "".join(f'<th scope="col">{h(c["label"])}</th>' for c in m["columns"])
          + '<th scope="col" class="total">Total</th></tr></thead>']
    for plan, theme, rows in m["groups"]:
        label = (f"{plan} › {theme}" if len(m["row_plans"]) > 1 else theme) if theme else plan
        o.append(f'<tbody><tr><th scope="rowgroup" colspan="{ncols + 2}">{h(label)}</th></tr>')
        for r in rows:
            tds = []
            for c in m["columns"]:
                n = m["cells"].get(r["id"], {}).get(c["id"], 0)
                linked = (r["id"], c["id"]) in m["aligned"]
                text = str(n) if n else ""
                if linked:
                    text += ('<span class="mark" aria-hidden="true"> ◆</span>'
                             '<span class="vh"> (priorities linked)</span>')
                cls = ' class="linked"' if linked else ""
                tds.append(f"<td{cls}>{text}</td>")
            total = m["row_totals"].get(r["id"], 0)
            o.append(f'<tr data-id="{h(r["id"])}"><th scope="row">{h(r["label"])}</th>{"".join(tds)}'
                     f'<td class="total">{total or ""}</td></tr>')
        o.append("</tbody>")
    o.append('<tfoot><tr><th scope="row" class="total">Total</th>'
             + "".join(f'<td class="total">{m["col_totals"][c["id"]] or ""}</td>' for c in m["columns"])
             + f'<td class="total">{sum(m["col_totals"].values()) or ""}</td></tr></tfoot>')
    o += ["</table>", "</div>", "</section>"]
    return o


DRIFT_INTRO = ("To review: priorities a later plan was not found to carry forward, and themes a plan "
               "adds that the plan before it was not found to have. Both rest on comparing wording, "
               "not on what the documents say, so each shows its nearest candidates on the other side.")


def _drift_html(rep: Report) -> list[str]:
    return _grouped_html("drift", "5. Drift between plans", h(DRIFT_INTRO), rep.drift, "drift", "drift",
                         "No drift found.")


ABOUT = ("Produced by {generator} from the documents below. The same documents always give the "
         "same report{digest}. Line numbers refer to the plain-text copy of each document (for a PDF, "
         "Word or HTML document, the text goldenthread read from it, text/DOCUMENT.txt beside this "
         "report). Links between plans that the documents do not state are inferred from their "
         "wording and can be reviewed and corrected by an officer; statuses such as “to be "
         "established” are quoted from the documents.")


def _about(rep: Report) -> str:
    digest = f": their digest is SHA-256 {rep.digest}" if rep.digest else ""
    return ABOUT.format(generator=rep.generator, digest=digest)


def _about_html(rep: Report) -> list[str]:
    o = ['<section id="about" aria-labelledby="about-h">',
         '<h2 id="about-h">About this report</h2>',
         f'<p class="intro">{h(_about(rep))}</p>',
         '<table class="documents"><caption>Documents read</caption>',
         '<thead><tr><th scope="col">Document</th><th scope="col">Plan</th>'
         '<th scope="col">SHA-256 of the file</th></tr></thead><tbody>']
    for doc, plans, sha in rep.documents:
        o.append(f'<tr><th scope="row">{h(doc)}</th><td>{h(plans) if plans else "–"}</td>'
                 f'<td class="digest">{h(sha) if sha else "–"}</td></tr>')
    o += ["</tbody></table>", "</section>"]
    return o


def render_html(rep: Report) -> str:
    plans = [t for _, t in rep.plans]
    title = f"{TITLE}: {', '.join(plans)}" if plans else TITLE
    o = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f"<title>{h(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
         '<a class="skip" href="#main">Skip to the report</a>',
         '<header class="masthead"><div class="wrap">',
         '<p class="kicker">For scrutiny</p>', f"<h1>{h(TITLE)}</h1>"]
    if plans:
        o.append("<p>Plans: " + "; ".join(h(p) for p in plans) + "</p>")
    o += ["</div></header>",
          '<nav class="contents" aria-labelledby="contents-h"><div class="wrap">',
          '<h2 id="contents-h">Contents</h2><ol>',
          '<li><a href="#summary">Summary</a></li>',
          '<li><a href="#thread">The thread, priority by priority</a></li>',
          '<li><a href="#breaks">Where the thread breaks</a></li>',
          '<li><a href="#matrix">Traceability matrix</a></li>',
          '<li><a href="#drift">Drift between plans</a></li>',
          '<li><a href="#about">About this report</a></li>',
          "</ol></div></nav>",
          '<main id="main" class="wrap">']
    for part in (_summary_html, _thread_html, _breaks_html, _matrix_html, _drift_html, _about_html):
        o += part(rep)
    o += ["</main>",
          '<footer class="foot"><div class="wrap"><p>Golden thread audit report, produced by '
          'goldenthread. Every figure is taken from the plan graph built from the documents listed '
          'above, and every finding cites the lines it rests on.</p></div></footer>',
          "</body>", "</html>"]
    return _scroll_boxes("\n".join(o)) + "\n"


_TABLE = re.compile(r"<table\b[^>]*>\s*<caption(?P<attrs>[^>]*)>|</table>")


def _scroll_boxes(page: str) -> str:
    """Every table in a keyboard-scrollable region named by its caption, so a narrow screen
    (320 px, WCAG 1.4.10) scrolls the table, not the page. Only our own markup is matched:
    document text is escaped before it gets here, so it holds no "<table"."""
    count = 0

    def box(m: re.Match) -> str:
        nonlocal count
        if m.group(0) == "</table>":
            return "</table></div>"
        count += 1
        opening = m.group(0)[: m.start("attrs") - m.start()]
        return (f'<div class="scroll" role="region" tabindex="0" aria-labelledby="table-{count}">'
                f'{opening}{m.group("attrs")} id="table-{count}">')

    return _TABLE.sub(box, page)


# -- Markdown ------------------------------------------------------------------------

# Markdown characters escaped with a backslash, which any CommonMark reader drops: emphasis,
# code, links, tables, headings; "<" only where it would open HTML or an autolink, "&" only
# where it would start a character reference. So the file reads as written ("aged < 16",
# "Parks & Green Spaces") and no document text becomes markup or HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")


def md(value: Any) -> str:
    """Markdown-escape text for a table cell or heading: one line, no markup, no raw HTML."""
    text = " ".join(str(value).split())  # newlines (and every other line break) become spaces
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cells) + " |" for cells in rows]
    return out + [""]


def _md_status(status: str) -> str:
    return f"{STATUS_MARK.get(status, '')} {STATUS_TEXT.get(status, (status.capitalize(),))[0]}".strip()


def _md_item(r: Row, show_where: bool = True) -> str:
    out = f"**{md(r.label)}**"
    if r.full_text:
        out += f"<br>“{md(r.full_text)}”"
    if show_where and r.where:
        out += f"<br>*{md(r.where)}*"
    return out


def _md_findings(grp: Group) -> list[str]:
    """A findings table; an inferred group also shows each item's nearest candidates."""
    if grp.basis != "inferred":
        return _md_table(["Item", "Kind", "Detail", "Source"],
                         [[_md_item(r), md(r.kind), md(r.detail), md(r.cite.text())] for r in grp.rows])
    return _md_table(["Item", "Kind", "Detail", "Nearest in the other plan", "Source"],
                     [[_md_item(r), md(r.kind), md(r.detail),
                       "<br>".join(f"{n}. {md(c)}" for n, c in enumerate(_candidates_text(r.extra["candidates"]), 1))
                       or "nothing shares its words", md(r.cite.text())] for r in grp.rows])


def render_markdown(rep: Report) -> str:
    plans = [t for _, t in rep.plans]
    o = [f"# {TITLE}", ""]
    if plans:
        o += ["Plans: " + "; ".join(md(p) for p in plans), ""]
    o += ["## 1. Summary", "",
          "This report checks the *golden thread* of the plans above: whether each priority runs "
          "unbroken from commitment to delivery strategy, accountable board and measure, and whether "
          "each plan carries out the plan above it. Every finding cites the document and lines it "
          "rests on.", "", "### Key findings", ""]
    o += [f"- **{md(lead)}** {md(rest)}" for lead, rest, _, _ in rep.findings] or ["- The checks found no break in the thread."]
    o += ["", "### Breaks at a glance", ""]
    o += _md_table(["Break", "Number"], [[md(w), str(n)] for w, n, _ in rep.glance])
    o += ["### Priorities by thread status, per plan", ""]
    o += _md_table(["Plan", "Themes", "Priorities"] + [_md_status(s) for s in ("green", "amber", "red")]
                   + ["Commitments"],
                   [[md(p["title"]), str(p["themes"]), str(p["priorities"]), str(p["green"]),
                     str(p["amber"]), str(p["red"]), str(p["commitments"])] for p in rep.plan_stats])
    if rep.shares:
        o += ["### Commitments with a counterpart in the other plan", ""]
        o += _md_table(["Commitments of", "that…", "Number", "Share"],
                       [[md(s["from"]), f"{md(s['verb'])} {md(s['to'])}", f"{s['with']} of {s['of']}",
                         md(s["pct"])] for s in rep.shares])

    o += ["## 2. The thread, priority by priority", ""]
    o += [f"- {_md_status(s)}: {md(meaning)}" for s, (_, meaning) in STATUS_TEXT.items()] + [""]
    rows = []
    for plan, prs in rep.thread:
        for r in prs:
            miss = "; ".join(md(m) for m in r.extra["missing"]) or "nothing"
            for also in r.extra["also"]:
                miss += f"<br>Also: {md(also)}"
            rows.append([md(plan), md(r.extra["theme"]), f"**{md(r.label)}**", _md_status(r.extra["status"]),
                         _parts(r), miss, md(r.cite.text())])
    o += [md(PARTS_NOTE), ""]
    o += _md_table(["Plan", "Theme", "Priority", "Status", "Parts present", "What is missing", "Source"], rows)

    o += ["## 3. Where the thread breaks", "", md(BREAKS_INTRO), ""]
    if not rep.breaks:
        o += ["No breaks found.", ""]
    for grp in rep.breaks:
        o += [f"### {md(grp.heading)} ({len(grp.rows)})", ""]
        if grp.intro:
            o += [md(grp.intro), ""]
        o += _md_findings(grp)

    o += ["## 4. Traceability matrix", ""]
    m = rep.matrix
    if not m["columns"]:
        o += ["No two plans with priorities are aligned, so there is no matrix.", ""]
    else:
        rows_t, cols_t = " and ".join(m["row_plans"]), " and ".join(m["col_plans"])
        o += [f"Rows: priorities of {md(rows_t)}. Columns: priorities of {md(cols_t)}. Each number "
              "counts the row priority's commitments that carry out an action of the column priority; "
              "blank: no link; ◆: the priorities themselves are linked.", ""]
        table = []
        for plan, theme, rows_ in m["groups"]:
            for r in rows_:
                cells = []
                for c in m["columns"]:
                    n = m["cells"].get(r["id"], {}).get(c["id"], 0)
                    text = str(n) if n else ""
                    if (r["id"], c["id"]) in m["aligned"]:
                        text = (text + " ◆").strip()
                    cells.append(text)
                total = m["row_totals"].get(r["id"], 0)
                table.append([f"{md(r['label'])} ({md(theme or plan)})"] + cells + [str(total or "")])
        table.append(["**Total**"] + [str(m["col_totals"][c["id"]] or "") for c in m["columns"]]
                     + [str(sum(m["col_totals"].values()) or "")])
        o += _md_table(["Priority"] + [md(c["label"]) for c in m["columns"]] + ["Total"], table)

    o += ["## 5. Drift between plans", "", md(DRIFT_INTRO), ""]
    if not rep.drift:
        o += ["No drift found.", ""]
    for grp in rep.drift:
        o += [f"### {md(grp.heading)} ({len(grp.rows)})", "", md(grp.intro), ""]
        o += _md_findings(grp)

    o += ["## About this report", "", md(_about(rep)), ""]
    o += _md_table(["Document", "Plan", "SHA-256 of the file"],
                   [[md(d), md(p) if p else "–", sha or "–"] for d, p, sha in rep.documents])
    return "\n".join(o).rstrip("\n") + "\n"


def render_report(ws: Workspace) -> tuple[str, str]:
    """``(report.html, report.md)`` for the workspace: the audit report in both forms."""
    rep = collect(ws)
    return render_html(rep), render_markdown(rep)


def render_reports(ws: Workspace) -> dict[str, str]:
    """The report files of a build: ``report.html`` and ``report.md`` for one council's plans;
    for a graph holding several plan families (many councils), an index of the families in
    ``report.html``/``report.md`` and one report per family in ``report/<plan id>.html`` and
    ``.md``, each the size of one council's (a single page for a hundred councils is tens of
    MB and will not open)."""
    from goldenthread.graph.families import family_graph, plan_families

    families = plan_families(ws.graph)
    if len(families) <= 1:
        html_text, md_text = render_report(ws)
        return {"report.html": html_text, "report.md": md_text}
    files: dict[str, str] = {}
    rows = []
    for plans in families:
        sub = Workspace(family_graph(ws.graph, plans), store_spec="auto", base=ws.base)
        rep = collect(sub)
        name = plans[0]
        files[f"report/{name}.html"] = render_html(rep)
        files[f"report/{name}.md"] = render_markdown(rep)
        breaks = {g.basis: 0 for g in rep.breaks}
        for g in rep.breaks:
            breaks[g.basis] += len(g.rows)
        rows.append({"name": name, "plans": [t for _, t in rep.plans],
                     "status": {s: sum(p[s] for p in rep.plan_stats) for s in ("red", "amber", "green")},
                     "stated": breaks.get("stated", 0), "inferred": breaks.get("inferred", 0)})
    files["report.html"] = _index_html(rows, ws.graph.generator)
    files["report.md"] = _index_md(rows, ws.graph.generator)
    return files


INDEX_INTRO = ("This build holds the plans of {n} councils (plan families: plans linked by carrying "
               "each other out). Each has its own report; the figures below are theirs.")


def _index_html(rows: list[dict[str, Any]], generator: str) -> str:
    o = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f"<title>{h(TITLE)}: {len(rows)} councils</title>", f"<style>{CSS}</style>", "</head>", "<body>",
         '<header class="masthead"><div class="wrap"><p class="kicker">For scrutiny</p>',
         f"<h1>{h(TITLE)}</h1><p>{len(rows)} councils</p></div></header>",
         '<main id="main" class="wrap">', f'<p class="intro">{h(INDEX_INTRO.format(n=len(rows)))}</p>',
         '<table class="families"><caption>Reports, one per council</caption>',
         '<thead><tr><th scope="col">Plans</th>'
         + "".join(f'<th scope="col" class="num">{_status_html(s)}</th>' for s in ("red", "amber", "green"))
         + '<th scope="col" class="num">Stated gaps</th><th scope="col" class="num">To review</th></tr></thead>',
         "<tbody>"]
    for r in rows:
        link = f'<a href="report/{h(r["name"])}.html">{h("; ".join(r["plans"]))}</a>'
        o.append(f'<tr><th scope="row">{link}</th>'
                 + "".join(f'<td class="num">{r["status"][s]}</td>' for s in ("red", "amber", "green"))
                 + f'<td class="num">{r["stated"]}</td><td class="num">{r["inferred"]}</td></tr>')
    o += ["</tbody></table>", f'<p class="note muted">Produced by {h(generator)}.</p>', "</main>", "</body>",
          "</html>"]
    return _scroll_boxes("\n".join(o)) + "\n"


def _index_md(rows: list[dict[str, Any]], generator: str) -> str:
    o = [f"# {TITLE}", "", md(INDEX_INTRO.format(n=len(rows))), ""]
    o += _md_table(["Plans"] + [_md_status(s) for s in ("red", "amber", "green")] + ["Stated gaps", "To review"],
                   [[f"[{md('; '.join(r['plans']))}](report/{r['name']}.md)"]
                    + [str(r["status"][s]) for s in ("red", "amber", "green")] + [str(r["stated"]), str(r["inferred"])]
                    for r in rows])
    o += [f"Produced by {md(generator)}.", ""]
    return "\n".join(o)


__all__ = ["render_report", "render_reports", "collect", "render_html", "render_markdown", "cite", "REASON_TEXT"]
