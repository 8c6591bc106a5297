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

from goldenthread.graph.model import Link, Node, PlanGraph
from goldenthread.graph.rdf import DEFAULT_BASE, node_iri, to_rdf
from goldenthread.loaders.errors import GoldenthreadError

QUERY_DIR = Path(__file__).parent
REASONS = ("no_counterpart", "not_carried_out", "no_strategy", "no_board", "no_measure",
           "strategy_not_in_place", "board_not_established", "measure_unattached", "blank_in_table")


def query_text(name: str) -> str:
    """The text of library query ``name`` (``queries/<name>.rq``)."""
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise GoldenthreadError(f"no library query named '{name}'")
    return path.read_text(encoding="utf-8")


def library() -> dict[str, str]:
    """Every library query: name -> first comment line (its title)."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        out[path.stem] = first.lstrip("# ").strip()
    return out


@dataclass
class Workspace:
    """A plan graph with its RDF projection in a store, ready for queries.

    store: ``rdflib`` (default), ``oxigraph``, ``oxigraph:DIR`` or ``auto``
    (see goldenthread.queries.store).
    """

    graph: PlanGraph
    base: str = DEFAULT_BASE
    store_spec: str = "rdflib"
    _rdf: Graph | None = field(default=None, repr=False)
    _store: Any = field(default=None, repr=False)

    @cached_property
    def nodes(self) -> dict[str, Node]:
        return {n.id: n for n in self.graph.nodes}

    @property
    def rdf(self) -> Graph:
        if self._rdf is None:
            self._rdf = to_rdf(self.graph, self.base)
        return self._rdf

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

            self._store = open_store(self.store_spec, self.rdf, self.graph_iri)
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


def open_workspace(graph_dir: Path, store: str = "rdflib") -> Workspace:
    """The workspace for a folder written by ``goldenthread build``."""
    from pydantic import ValidationError

    from goldenthread.graph.serialize import from_json

    path = Path(graph_dir) / "graph.json"
    if not path.is_file():
        raise GoldenthreadError(f"{path}: not found (run 'goldenthread build' first)")
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise GoldenthreadError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise GoldenthreadError(f"{path}:{line}: not UTF-8 text: is it a graph.json written by "
                                f"'goldenthread build'?") from None
    try:
        graph = from_json(text)
    except ValueError as exc:  # pydantic's ValidationError is one too
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else None
        message = (f"not a goldenthread graph: {'.'.join(map(str, detail['loc']))}: {detail['msg']}"
                   if detail else str(exc))
        raise GoldenthreadError(f"{path}: {message}") from None
    return Workspace(graph, store_spec=store)


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


def orphans(ws: Workspace, reason: str | None = None) -> list[dict[str, str]]:
    """Breaks of the thread: ``{"id", "kind", "label", "reason", "detail"}``, by reason then id."""
    if reason is not None and reason not in REASONS:
        raise GoldenthreadError(f"unknown reason '{reason}' (known: {', '.join(REASONS)})")
    rows = []
    for row in ws.select("orphans"):
        node = ws.nodes[ws.node_id(row["node"])]
        if reason is None or str(row["reason"]) == reason:
            rows.append({"id": node.id, "kind": node.kind, "label": node.label,
                         "reason": str(row["reason"]), "detail": str(row["detail"])})
    unique = {(r["reason"], r["id"], r["detail"]): r for r in rows}
    return [unique[k] for k in sorted(unique, key=lambda k: (REASONS.index(k[0]), k[1], k[2]))]


_PARTS = (("commitments", "commitments"), ("strategy", "delivery strategy"),
          ("strategyInPlace", "strategy in place"), ("board", "accountable board"),
          ("boardEstablished", "board established"), ("measure", "measure"),
          ("counterpart", "counterpart in the other plan"))
_ESSENTIAL = ("strategy", "board", "measure")


def coverage(ws: Workspace) -> list[dict[str, Any]]:
    """Per priority: which links of the thread exist, a completeness score and what is missing.

    status: ``red`` when a strategy, board or measure is missing; ``amber`` when those
    exist but something is pending (not in place, not established, no counterpart, no
    commitments); ``green`` when the thread is whole.
    """
    out = []
    for row in ws.select("coverage"):
        node = ws.nodes[ws.node_id(row["node"])]
        flags = {key: bool(row[key]) for key, _ in _PARTS}
        # "in place"/"established" only apply once a strategy/board is named at all
        skip = {"counterpart"} if not row["paired"] else set()
        skip |= {"strategyInPlace"} if not flags["strategy"] else set()
        skip |= {"boardEstablished"} if not flags["board"] else set()
        applicable = [k for k, _ in _PARTS if k not in skip]
        missing = [label for k, label in _PARTS if k in applicable and not flags[k]]
        present = sum(1 for k in applicable if flags[k])
        status = ("red" if any(not flags[k] for k in _ESSENTIAL)
                  else "amber" if missing else "green")
        out.append({"id": node.id, "label": node.label, "plan": node.plan, "status": status,
                    "score": round(present / len(applicable), 3), "missing": missing,
                    **{k: flags[k] for k in applicable}})
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


def drift(ws: Workspace) -> list[dict[str, str]]:
    """Priorities dropped by a later plan, and its themes/priorities that are new."""
    out = []
    for row in ws.select("drift"):
        node = ws.nodes[ws.node_id(row["node"])]
        other = ws.nodes[ws.node_id(row["other"])]
        direction = str(row["direction"])
        detail = (f"Nothing in {other.label} carries it forward." if direction == "dropped"
                  else f"New: nothing in {other.label} corresponds to it.")
        out.append({"id": node.id, "kind": node.kind, "label": node.label, "plan": node.plan or "",
                    "direction": direction, "other_plan": other.id, "detail": detail})
    unique = {(r["direction"], r["other_plan"], r["id"]): r for r in out}
    return [unique[k] for k in sorted(unique)]

