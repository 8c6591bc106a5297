"""Curated decisions on links: accept, reject or add, applied on every build.

Inputs: decision files (CSV with a header; the review CSV written by
``goldenthread links --format csv`` is one, with its ``decision`` column filled
in). Columns used: ``decision`` (``accept`` | ``reject`` | ``add`` | empty),
``source``, ``target``, ``kind`` (default ``aligns_with``) and ``note``; other
columns are ignored. Shipped house styles may carry a ``decisions.csv`` beside
their profiles (e.g. Stockport's curated One Future mapping).
Outputs: the graph with accepted and added links marked ``curated`` and
rejected links removed. Rejections hold on every rebuild, as long as the file is
applied. An unknown decision or link kind, or a row with missing fields is an
error naming the file and row (line), and so is a ``tracked_by`` row whose source is not a
measure or whose target is not an indicator. A row naming a node that is not in this
build is skipped with a warning (``decision-unknown-node``), so a decisions file
written for the whole corpus still applies when one document is built alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.errors import LoadError
from goldenthread.core.model import Evidence, Link, LinkKind, PlanGraph, is_link_kind
from goldenthread.loaders.diagnostics import Diagnostics

DECISIONS_NAME = "decisions.csv"
DECISIONS = ("accept", "reject", "add")


@dataclass(frozen=True)
class Decision:
    decision: str
    source: str
    target: str
    kind: LinkKind
    note: str
    file: Path
    line: int


def read_decisions(path: Path) -> list[Decision]:
    """Parse one decisions CSV (blank decisions are skipped)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        raise LoadError("decisions file not found", path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise LoadError(f"cannot read decisions file: {exc}", path) from None
    if not rows:
        raise LoadError("empty decisions file (expected a header row)", path, 1)
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("decision", "source", "target") if c not in header]
    if missing:
        raise LoadError(f"header lacks column(s) {', '.join(missing)}", path, 1)
    col = {name: header.index(name) for name in header}
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LoadError(f"row has {len(row)} fields, the header has {len(header)}", path, number)

        def get(name: str, default: str = "", row: list[str] = row) -> str:
            return row[col[name]].strip() if name in col else default

        decision = get("decision").lower()
        if not decision:
            continue
        if decision not in DECISIONS:
            raise LoadError(f"unknown decision '{decision}' (use {', '.join(DECISIONS)})", path, number)
        kind = get("kind") or "aligns_with"
        if not is_link_kind(kind):
            raise LoadError(f"unknown link kind '{kind}'", path, number)
        if not get("source") or not get("target"):
            raise LoadError("row needs both a source and a target node id", path, number)
        out.append(Decision(decision, get("source"), get("target"), kind, get("note"), path, number))
    return out


def apply_decisions(graph: PlanGraph, decisions: list[Decision],
                    warnings: Diagnostics | None = None) -> PlanGraph:
    """The graph with the decisions applied, in file order (later decisions win).

    Rows naming a node that is not in ``graph`` are skipped, each with a warning.
    """
    nodes = {n.id: n for n in graph.nodes}
    applicable = []
    unknown: dict[Path, list[tuple[Decision, str]]] = {}
    for d in decisions:
        missing = [end for end in (d.source, d.target) if end not in nodes]
        if missing:
            unknown.setdefault(d.file, []).append((d, missing[0]))
            continue
        applicable.append(d)
    for file, rows in unknown.items():  # one line per file: a whole plan may be missing
        if warnings is None:
            break
        first, node = rows[0]
        skipped = (f"this decision and {len(rows) - 1} more naming nodes not in it (lines "
                   f"{', '.join(str(d.line) for d, _ in rows[1:])}) were skipped") if len(rows) > 1 \
            else "this decision was skipped"
        warnings.warn(file, first.line, f"'{node}' is not a node of this build, so {skipped}",
                      "decision-unknown-node")
    links = {(e.source, e.kind, e.target): e for e in graph.edges}
    for d in applicable:
        if d.kind == "tracked_by" and (nodes[d.source].kind, nodes[d.target].kind) != ("measure", "indicator"):
            raise LoadError(f"a tracked_by link goes from a measure to an indicator, not from a "
                            f"{nodes[d.source].kind} to a {nodes[d.target].kind}", d.file, d.line)
        key = (d.source, d.kind, d.target)
        if d.decision == "reject":
            if key in links and links[key].origin == "stated":
                raise LoadError("cannot reject a link the documents state", d.file, d.line)
            links.pop(key, None)
            continue
        existing = links.get(key)
        if existing is not None and existing.origin == "stated":
            continue  # already stated by the documents: nothing to curate
        method = existing.evidence.method if existing and existing.evidence else "curated"
        note = "; ".join(x for x in (
            existing.evidence.note if existing and existing.evidence else None,
            f"{d.decision}ed by reviewer ({d.file.name}, line {d.line})" if d.decision != "add"
            else f"added by reviewer ({d.file.name}, line {d.line})",
            d.note or None) if x)
        sources = [nodes[d.source].sources[0], nodes[d.target].sources[0]]
        links[key] = Link(source=d.source, target=d.target, kind=d.kind, origin="curated",
                          confidence=existing.confidence if existing else None,
                          evidence=Evidence(method=method, sources=sources, note=note))
    edges = sorted(links.values(), key=lambda e: (e.source, e.kind, e.target))
    return graph.model_copy(update={"edges": edges})
