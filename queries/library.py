"""The query library: the Python API over the ``.rq`` files in this folder.

Inputs: a ``Workspace`` (the plan graph and its RDF projection, usually opened
from a ``build`` output folder with ``open_workspace``).
Outputs: plain dicts and lists, the same ones the CLI prints and the report
shows, so a result is identical whichever way it is asked for.

Every query lives once, as a commented ``.rq`` file; parameters (a node, a plan)
are bound with ``initBindings``, never formatted into the query text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from goldenthread.core.errors import GoldenthreadError
from goldenthread.core.model import Link, Node, PlanGraph
from goldenthread.graph.rdf import DEFAULT_BASE, Projection, node_iri, project

# the catalogue's names are part of this API too (library.query_text, library.library())
from goldenthread.queries.catalogue import QUERY_DIR as QUERY_DIR
from goldenthread.queries.catalogue import library as library
from goldenthread.queries.catalogue import query_text
from goldenthread.queries.reasons import REASONS


@dataclass
class Workspace:
    """A plan graph with its RDF projection in a store, ready for queries.

    store: ``auto`` (default, as on the command line: Oxigraph in memory),
    ``rdflib``, ``oxigraph`` or ``oxigraph:DIR`` (see goldenthread.queries.store).
    projected: the graph's ``Projection`` when the caller has already made it (``build``
    makes it once for graph.ttl and the report), else made on first use.
    stored_turtle: graph.ttl as the build wrote it beside this graph.json (``open_workspace``
    checks that with graph.sha256): an Oxigraph store loads it instead of projecting again.
    warnings: one line each, for the caller to show (a graph.ttl that does not match).
    """

    graph: PlanGraph
    base: str = DEFAULT_BASE
    store_spec: str = "auto"
    projected: Projection | None = field(default=None, repr=False)
    stored_turtle: bytes | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)
    _rdf: Graph | None = field(default=None, repr=False)
    _store: Any = field(default=None, repr=False)

    @cached_property
    def nodes(self) -> dict[str, Node]:
        return {n.id: n for n in self.graph.nodes}

    @property
    def projection(self) -> Projection:
        """The graph's triples (``goldenthread.graph.rdf.project``), made once."""
        if self.projected is None:
            self.projected = project(self.graph, self.base)
        return self.projected

    @property
    def rdf(self) -> Graph:
        """The projection as an rdflib Graph (rdflib queries, pySHACL), made on first use."""
        if self._rdf is None:
            self._rdf = self.projection.rdflib()
        return self._rdf

    # -- what queries.store.open_store opens a store from (its RdfSource) --

    def rdflib_graph(self) -> Graph:
        """``rdf``: an rdflib store is always built from the projection, never by parsing graph.ttl."""
        return self.rdf

    def rdf_data(self) -> tuple[bytes, str]:
        """The graph's RDF serialized for a store to load: the stored graph.ttl, else the
        projection's cheapest form (``Projection.serialized``)."""
        if self.stored_turtle is not None:
            return self.stored_turtle, "turtle"
        return self.projection.serialized()

    def iri(self, node_id: str) -> URIRef:
        return node_iri(node_id, self.base)

    def node_id(self, iri: Any) -> str:
        text = str(iri)
        if not text.startswith(self.base):
            raise GoldenthreadError(f"not a node of this graph: {text}")
        return text[len(self.base):]

    @property
    def graph_iri(self) -> str:
        from goldenthread.queries.store import graph_iri_for

        return graph_iri_for([n.id for n in self.graph.nodes if n.kind == "plan"])

    @property
    def store(self):
        if self._store is None:
            from goldenthread.queries.store import open_store

            self._store = open_store(self.store_spec, self, self.graph_iri)
        return self._store

    def select(self, name: str, **bindings: str) -> list[dict[str, Any]]:
        """Run library query ``name``; ``bindings`` are node ids, bound as IRIs (never formatted in).

        Every store refuses a value that is not one valid IRI term, so they answer alike.
        """
        from goldenthread.queries.params import iri_term

        iris = {k: str(self.iri(v)) for k, v in bindings.items()}
        for value in iris.values():
            iri_term(value)
        return self.store.select(query_text(name), iris)


def check_store(spec: str) -> str:
    """``spec`` if it names a store (see goldenthread.queries.store), else a one-line error.

    For commands that read ``graph.json`` without querying (``links``, ``audit``): they
    accept ``--store`` like every other command and refuse the same wrong values.
    """
    if spec in ("auto", "rdflib", "oxigraph"):
        return spec
    if spec.startswith("oxigraph:") and spec != "oxigraph:":
        path = Path(spec.split(":", 1)[1])
        if path.exists() and not path.is_dir():
            raise GoldenthreadError(f"{path}: not a folder (expected an Oxigraph store folder)")
        return spec
    raise GoldenthreadError(f"unknown store '{spec}' (use rdflib, oxigraph, oxigraph:DIR or auto)")


def open_workspace(graph_dir: Path, store: str = "auto") -> Workspace:
    """The workspace for a folder written by ``goldenthread build``.

    For a store other than rdflib, the folder's graph.ttl is used as the RDF when graph.sha256
    (written by the same build) vouches for both it and graph.json; when it does not (a file
    edited, or left from another build) the RDF is projected from graph.json again and the
    workspace carries a warning saying so. A folder without graph.sha256 (a build before it
    was written) is projected again quietly: same triples, only slower.
    """
    from pydantic import ValidationError

    from goldenthread.graph.serialize import from_json, stored_turtle

    path = Path(graph_dir) / "graph.json"
    if not path.is_file():
        raise GoldenthreadError(f"{path}: not found (run 'goldenthread build' first)")
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise GoldenthreadError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GoldenthreadError(f"{path}:{line}: not UTF-8 text: is it a graph.json written by "
                                f"'goldenthread build'?") from None
    try:
        graph = from_json(text)
    except ValueError as exc:  # pydantic's ValidationError is one too
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else None
        message = (f"not a goldenthread graph: {'.'.join(map(str, detail['loc']))}: {detail['msg']}"
                   if detail else str(exc))
        raise GoldenthreadError(f"{path}: {message}") from None
    turtle, warning = stored_turtle(Path(graph_dir), data) if store != "rdflib" else (None, None)
    return Workspace(graph, store_spec=store, stored_turtle=turtle, warnings=[warning] if warning else [])


# -- node lookup ---------------------------------------------------------------

def resolve_node(ws: Workspace, text: str) -> str:
    """A node id from an id or an unambiguous label prefix ("caring and growing")."""
    if text in ws.nodes:
        return text
    needle = " ".join(text.lower().split())
    if not needle:
        raise GoldenthreadError("empty node id")
    hits = sorted(n.id for n in ws.graph.nodes if n.label.lower().startswith(needle))
    if not hits:  # allow leaving out a leading article: "caring and growing" for "A caring…"
        hits = sorted(n.id for n in ws.graph.nodes
                      if n.label.lower().split(" ", 1)[-1].startswith(needle))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise GoldenthreadError(f"unknown node '{text}': no node has that id or a label starting so")
    shown = ", ".join(hits[:5]) + (f" and {len(hits) - 5} more" if len(hits) > 5 else "")
    raise GoldenthreadError(f"ambiguous node '{text}': {len(hits)} labels start so ({shown})")


# -- library queries -------------------------------------------------------------

def _link_dict(link: Link) -> dict[str, Any]:
    return link.model_dump(mode="json")


def _node_dict(node: Node) -> dict[str, Any]:
    return node.model_dump(mode="json")


def thread(ws: Workspace, node_id: str) -> dict[str, Any]:
    """``{"focus": node, "nodes": [...], "edges": [...]}``: the golden thread of a node."""
    focus = resolve_node(ws, node_id)
    ids = {ws.node_id(row["node"]) for row in ws.select("thread", focus=focus)}
    nodes = [_node_dict(ws.nodes[i]) for i in sorted(ids)]
    edges = [_link_dict(e) for e in ws.graph.edges if e.source in ids and e.target in ids]
    return {"focus": _node_dict(ws.nodes[focus]), "nodes": nodes, "edges": edges}


def candidates_of(ws: Workspace, node: Node) -> list[dict[str, Any]]:
    """The nearest nodes of the other plan a node was compared with (its absence's evidence):
    label, plan, score, the score a link needs, shared words, and the passage compared."""
    out = []
    for c in node.candidates:
        other = ws.nodes.get(c.node)
        if other is None:
            continue
        source = other.sources[0]
        out.append({"id": other.id, "kind": other.kind, "label": other.label, "plan": other.plan or "",
                    "score": c.score, "threshold": c.threshold, "terms": list(c.terms), "method": c.method,
                    "text": other.text, "source": f"{source.document} line {source.line_start}"
                    + (f"-{source.line_end}" if source.line_end != source.line_start else "")})
    return out


def _mentioned(node: Node, reason: str) -> str:
    """" The document mentions only '…' (line n), which names no strategy." or ""."""
    kind = {"no_strategy": "delivered_through", "no_board": "overseen_by"}.get(reason)
    said = [m for m in node.generic_mentions if m.kind == kind]
    if not said:
        return ""
    what = "strategy" if kind == "delivered_through" else "board"
    quoted = "; ".join(f"'{m.text}' ({m.source.document} line {m.source.line_start})" for m in said)
    return f" The document mentions only {quoted}, which names no {what}."


def orphans(ws: Workspace, reason: str | None = None) -> list[dict[str, Any]]:
    """Breaks of the thread, by reason then id: ``{"id", "kind", "label", "reason", "basis",
    "detail", "candidates"}``.

    ``basis`` is ``stated`` (the documents say so: a blank cell, "to be established", no
    strategy named) or ``inferred`` (no link was found by comparing wording). An inferred
    finding lists the nearest ``candidates`` in the other plan with their scores and the
    passages compared (see ``candidates_of``); a stated one has none.
    """
    return [{k: v for k, v in row.items() if k not in _STRUCTURED} for row in orphan_findings(ws, reason)]


#: what ``orphan_findings`` adds to an ``orphans`` row: what its ``detail`` names, as data
_STRUCTURED = ("other_plan", "table", "column")


def _text(value: Any) -> str:
    """A result value as text, ``""`` when the variable is unbound."""
    return "" if value is None else str(value)


def orphan_findings(ws: Workspace, reason: str | None = None) -> list[dict[str, Any]]:
    """The rows of ``orphans``, in the same order, each with what its English ``detail``
    names as data, so that no reader parses the sentence: ``other_plan``, the id of the plan
    a commitment was compared with (``no_counterpart``: the plan it carries out;
    ``not_carried_out``: the plan carrying it out), and ``table`` and ``column``, the blank
    cell's (``blank_in_table``); ``""`` where they do not apply."""
    if reason is not None and reason not in REASONS:
        raise GoldenthreadError(f"unknown reason '{reason}' (known: {', '.join(REASONS)})")
    rows = []
    for row in ws.select("orphans"):
        node = ws.nodes[ws.node_id(row["node"])]
        found = str(row["reason"])
        if reason is None or found == reason:
            basis = str(row["basis"])
            rows.append({"id": node.id, "kind": node.kind, "label": node.label, "reason": found,
                         "basis": basis, "detail": str(row["detail"]) + _mentioned(node, found),
                         "candidates": candidates_of(ws, node) if basis == "inferred" else [],
                         "other_plan": "" if row.get("other") is None else ws.node_id(row["other"]),
                         "table": _text(row.get("table")), "column": _text(row.get("column"))})
    unique = {(r["reason"], r["id"], r["detail"]): r for r in rows}
    return [unique[k] for k in sorted(unique, key=lambda k: (REASONS.index(k[0]), k[1], k[2]))]


_PARTS = (("commitments", "commitments"), ("strategy", "delivery strategy"),
          ("strategyInPlace", "strategy in place"), ("board", "accountable board"),
          ("boardEstablished", "board established"), ("measure", "measure"),
          ("counterpart", "counterpart in the other plan"))
_ESSENTIAL = ("strategy", "board", "measure")
_INFERRED_PARTS = ("counterpart",)  # found by comparing wording; every other part is stated
RAG_RULE = {
    "red": "a delivery strategy, an accountable board or a measure is not named",
    "amber": "strategy, board and measure are named, but something is pending: a strategy not yet in "
             "place, a board not yet established, no commitments, or no counterpart found in the "
             "other plan (inferred: to review)",
    "green": "every part of the thread is there",
}


def rag(present: dict[str, bool]) -> str:
    """The one RAG rule (``RAG_RULE``), from which parts of a priority's thread are present;
    the same in the coverage query, the report and the explorer."""
    if any(not present.get(k, True) for k in _ESSENTIAL):
        return "red"
    return "amber" if not all(present.values()) else "green"


def coverage(ws: Workspace) -> list[dict[str, Any]]:
    """Per priority: which parts of the thread are present, its RAG status and what is missing.

    Each row: ``status`` (``rag``: red, amber or green), ``missing`` (labels of the
    missing parts; ``missing_inferred`` those of them that rest on inference), ``present``
    and ``applicable`` (how many parts), and a flag per applicable part.
    """
    out = []
    for row in ws.select("coverage"):
        node = ws.nodes[ws.node_id(row["node"])]
        flags = {key: bool(row[key]) for key, _ in _PARTS}
        # "in place"/"established" only apply once a strategy/board is named at all
        skip = {"counterpart"} if not row["paired"] else set()
        skip |= {"strategyInPlace"} if not flags["strategy"] else set()
        skip |= {"boardEstablished"} if not flags["board"] else set()
        applicable = {k: flags[k] for k, _ in _PARTS if k not in skip}
        missing = [label for k, label in _PARTS if k in applicable and not flags[k]]
        inferred = [label for k, label in _PARTS if k in applicable and not flags[k] and k in _INFERRED_PARTS]
        out.append({"id": node.id, "label": node.label, "plan": node.plan, "status": rag(applicable),
                    "missing": missing, "missing_inferred": inferred,
                    "present": sum(applicable.values()), "applicable": len(applicable), **applicable})
    return sorted(out, key=lambda r: (r["plan"] or "", r["id"]))


def matrix(ws: Workspace) -> dict[str, Any]:
    """Traceability matrix: ``{"rows": [...], "columns": [...], "cells": {row: {col: count}}}``.

    Rows are priorities of a plan that carries out another; columns that plan's priorities.
    A cell counts aligned commitment pairs; ``aligned`` lists the row->column priority links.
    """
    rows: set[str] = set()
    cols: set[str] = set()
    cells: dict[str, dict[str, int]] = {}
    aligned: list[list[str]] = []
    for row in ws.select("matrix"):
        r, c = ws.node_id(row["row"]), ws.node_id(row["col"])
        rows.add(r)
        cols.add(c)
        cells.setdefault(r, {})[c] = int(row["links"])
        if row["aligned"]:
            aligned.append([r, c])

    def brief(i: str) -> dict[str, str]:
        return {"id": i, "label": ws.nodes[i].label, "plan": ws.nodes[i].plan or ""}

    return {"rows": [brief(r) for r in sorted(rows)], "columns": [brief(c) for c in sorted(cols)],
            "cells": {r: dict(sorted(cells[r].items())) for r in sorted(cells)},
            "aligned": sorted(aligned)}


def drift(ws: Workspace) -> list[dict[str, Any]]:
    """Priorities dropped by a later plan, and its themes/priorities that are new.

    Both rest on inference (no link found by comparing wording): each row has ``basis``
    ``inferred`` and the nearest ``candidates`` on the other side (see ``candidates_of``).
    """
    out = []
    for row in ws.select("drift"):
        node = ws.nodes[ws.node_id(row["node"])]
        other = ws.nodes[ws.node_id(row["other"])]
        direction = str(row["direction"])
        detail = (f"Nothing in {other.label} was found to carry it forward (inferred from wording)."
                  if direction == "dropped"
                  else f"New: nothing in {other.label} was found to correspond to it (inferred from wording).")
        out.append({"id": node.id, "kind": node.kind, "label": node.label, "plan": node.plan or "",
                    "direction": direction, "other_plan": other.id, "basis": "inferred", "detail": detail,
                    "candidates": [c for c in candidates_of(ws, node) if c["plan"] == other.id]})
    unique = {(r["direction"], r["other_plan"], r["id"]): r for r in out}
    return [unique[k] for k in sorted(unique)]


# -- indicator data (a build with --indicators) -----------------------------------------------

def _concept_labels() -> dict[str, str]:
    """Concept IRI -> its label, for the concepts tracking summaries use (travel, status, direction)."""
    from goldenthread.ontology import DIRECTION_CONCEPT, TRACKING_STATUS_CONCEPT, TRAVEL_CONCEPT

    return {str(iri): label for mapping in (TRAVEL_CONCEPT, TRACKING_STATUS_CONCEPT, DIRECTION_CONCEPT)
            for label, iri in mapping.items()}


def _number(value: Any) -> float | None:
    """A query's number as a float (None when unbound)."""
    return None if value is None else float(value)


def latest(ws: Workspace) -> list[dict[str, Any]]:
    """Latest value of each tracked measure (``queries/latest.rq``), by measure then indicator:
    ``{"measure", "measure_label", "indicator", "indicator_label", "area", "period", "start", "end",
    "value", "unit", "direction", "travel", "status"}``; the observation's fields are None when the
    indicator has no value for the area. Empty for a build without indicator data."""
    concepts = _concept_labels()
    out = []
    for row in ws.select("latest"):
        measure, indicator = ws.nodes[ws.node_id(row["measure"])], ws.nodes[ws.node_id(row["indicator"])]
        unit = ", ".join(str(row[k]) for k in ("statistic", "unit") if row.get(k) is not None) or None
        out.append({"measure": measure.id, "measure_label": measure.label, "indicator": indicator.id,
                    "indicator_label": indicator.label, "area": _text(row.get("area")) or None,
                    "period": _text(row.get("period")) or None, "start": _text(row.get("start")) or None,
                    "end": _text(row.get("end")) or None, "value": _number(row.get("value")), "unit": unit,
                    "direction": concepts.get(_text(row.get("direction"))),
                    "travel": concepts[str(row["travel"])], "status": concepts[str(row["status"])]})
    return sorted(out, key=lambda r: (r["measure"], r["indicator"]))


def wrong_way(ws: Workspace) -> list[dict[str, Any]]:
    """Measures moving the wrong way (``queries/wrong_way.rq``), by measure then indicator:
    ``{"measure", "measure_label", "indicator", "indicator_label", "direction", "baseline_period",
    "baseline_value", "latest_period", "latest_value", "change", "status", "complete"}``; ``complete``:
    a priority it measures has the rest of its thread in place (strategy in place, established
    board). Empty for a build without indicator data."""
    concepts = _concept_labels()
    out = []
    for row in ws.select("wrong_way"):
        measure, indicator = ws.nodes[ws.node_id(row["measure"])], ws.nodes[ws.node_id(row["indicator"])]
        out.append({"measure": measure.id, "measure_label": measure.label, "indicator": indicator.id,
                    "indicator_label": indicator.label, "direction": concepts[str(row["direction"])],
                    "baseline_period": str(row["baselinePeriod"]), "baseline_value": float(row["baselineValue"]),
                    "latest_period": str(row["latestPeriod"]), "latest_value": float(row["latestValue"]),
                    "change": float(row["change"]), "status": concepts[str(row["status"])],
                    "complete": bool(row["complete"])})
    return sorted(out, key=lambda r: (r["measure"], r["indicator"]))
