"""The audit: completeness rules (SHACL shapes in ontology/audit.ttl) run with pySHACL.

Inputs: a ``Workspace`` and optionally another rules file (Turtle with SHACL shapes).
Outputs: one dict per violation ``{"id", "kind", "label", "severity", "rule", "message"}``,
sorted by severity (violations first), rule and id. The rules are data: a strategy team
changes what "complete" means by editing the shapes, not Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH

from goldenthread.core.errors import GoldenthreadError
from goldenthread.graph.rdf import shacl_data
from goldenthread.queries.library import Workspace

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def _rules_path() -> Path:
    from goldenthread import ontology

    return Path(ontology.__file__).parent / "audit.ttl"


def load_rules(path: Path | None = None) -> Graph:
    path = Path(path) if path else _rules_path()
    rules = Graph()
    try:
        rules.parse(path, format="turtle")
    except FileNotFoundError:
        raise GoldenthreadError(f"{path}: rules file not found") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises several parser errors
        raise GoldenthreadError(f"{path}: not valid Turtle: {exc}".splitlines()[0]) from None
    if not any(rules.subjects(RDF.type, SH.NodeShape)):
        raise GoldenthreadError(f"{path}: no SHACL node shapes (sh:NodeShape) found")
    return rules


def audit(ws: Workspace, rules_path: Path | None = None) -> list[dict[str, Any]]:
    rules = load_rules(rules_path)
    # SHACL rules (sh:rule, advanced mode) add triples to the graph they run on: they get a copy.
    # Shapes alone only read it, so the workspace's graph is validated as it is (a copy of
    # Stockport's with indicator data takes 0.3 s, as long as pySHACL's checks).
    data = shacl_data(ws.rdf) if (None, SH.rule, None) in rules else ws.rdf
    _, report, _ = pyshacl.validate(data, shacl_graph=rules, inplace=True, inference="none",
                                    advanced=True, allow_warnings=True)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        node = ws.nodes.get(ws.node_id(focus)) if str(focus).startswith(ws.base) else None
        shape = report.value(result, SH.sourceShape)
        parent = next(rules.subjects(SH.property, shape), shape)
        rule = rules.value(parent, SH.name) or rules.value(shape, SH.name) or parent
        out.append({
            "id": node.id if node else str(focus), "kind": node.kind if node else "",
            "label": node.label if node else str(focus),
            "severity": _SEVERITY.get(report.value(result, SH.resultSeverity), "violation"),
            "rule": str(rule), "message": str(report.value(result, SH.resultMessage) or ""),
        })
    order = {"violation": 0, "warning": 1, "info": 2}
    unique = {(r["severity"], r["rule"], r["id"], r["message"]): r for r in out}
    return [unique[k] for k in sorted(unique, key=lambda k: (order[k[0]], k[1], k[2], k[3]))]
