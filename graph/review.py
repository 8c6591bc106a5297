"""Rows for reviewing inferred (and curated) links, as the ``links`` command prints them,
and the plain words that explain a link: what its kind says, what it rests on, and what
its confidence means.

Inputs: a ``PlanGraph``.
Outputs: ``review_rows``: one dict per inferred/curated link with both texts,
score, what the score means (``basis``, ``confidence_means``), evidence and source
lines, weakest first (the ones most in need of a human look), then by source and
target. The CSV form of these rows is a valid decisions file once its ``decision``
column is filled in. ``basis`` and ``confidence_means`` explain any link (the
``thread`` table uses them too).
"""

from __future__ import annotations

from collections.abc import Mapping

from goldenthread.core.model import Link, Node, PlanGraph
from goldenthread.graph import indicator_links
from goldenthread.graph.align import (
    COMMITMENT_METHODS,
    METHOD_SHARED,
    METHOD_SUPPORT,
    METHOD_TFIDF,
    THEME_THRESHOLD,
    THRESHOLD,
)

COLUMNS = ["decision", "source", "target", "kind", "origin", "confidence", "basis", "confidence_means", "method",
           "evidence", "source_label", "target_label", "source_text", "target_text", "source_lines",
           "target_lines", "note"]

SUSPECT_COLUMN = "suspect"  # appended to COLUMNS when a link of the graph is suspect (build --previous)


def review_columns(graph: PlanGraph) -> list[str]:
    """The review CSV's columns for ``graph``: ``COLUMNS``, and ``suspect`` last when any link is suspect
    (a curated link whose end changed since the previous edition), so other builds' CSVs stay as they were."""
    return [*COLUMNS, SUSPECT_COLUMN] if any(e.suspect for e in graph.edges) else list(COLUMNS)


def suspect_reason(link: Link, labels: Mapping[str, str]) -> str:
    """``"<end's label> reworded since the previous edition (match 0.75)"`` for a suspect link (``labels``:
    node id -> label), else empty: how the report and the explorer say why to look at it again."""
    mark = link.suspect
    if mark is None:
        return ""
    score = "" if mark.score is None else f" (match {mark.score:.2f})"
    return f"{labels.get(mark.end, mark.end)} {mark.change} since the previous edition{score}"


def suspect_words(link: Link) -> str:
    """``"reworded: <end id> (match 0.75)"`` for a suspect link, else empty."""
    mark = link.suspect
    if mark is None:
        return ""
    return f"{mark.change}: {mark.end}" + ("" if mark.score is None else f" (match {mark.score:.2f})")


#: a link kind as a phrase between the two labels: "<source> carries out <target>"
LINK_WORDS = {
    "part_of": "part of",
    "aligns_with": "carries out",
    "delivered_through": "delivered through",
    "overseen_by": "overseen by",
    "accountable_to": "accountable to",
    "measured_by": "measured by",
    "tracked_by": "tracked by",
}

#: short names of how an inferred link was found, and what its confidence (0-1) is
_INFERRED = {
    METHOD_TFIDF: "text similarity",
    METHOD_SUPPORT: "share of commitments",
    METHOD_SHARED: "shared strategy or board",
}


def basis(link: Link, source_kind: str = "") -> str:
    """What a link rests on, in a few words: the statement or table that states it, or how
    it was inferred ("text similarity", "share of commitments"), or a reviewer's decision.
    Links whose confidence means different things never share a basis."""
    method = link.evidence.method if link.evidence else ""
    if link.origin == "stated":
        return method or "the documents"
    if method == METHOD_TFIDF and source_kind == "theme":
        return "text similarity of a theme"
    if method == indicator_links.METHOD_TOPIC:
        return "measure and indicator wording, a topic shared"
    if method == indicator_links.METHOD_WORDING:
        return "measure and indicator wording"
    if method in _INFERRED:
        return _INFERRED[method]
    if method.startswith("tf-idf cosine, "):  # "tf-idf cosine, mutual best match sharing …"
        return "text similarity, " + method.removeprefix("tf-idf cosine, ")
    if method.startswith("tf-idf cosine"):
        return "text similarity"
    if method == "curated":
        return "added by a reviewer"
    return method or "added by a reviewer"


def confidence_means(link: Link, source_kind: str) -> str:
    """What the number in ``confidence`` means for this link (empty when it has none)."""
    if link.confidence is None:
        return ""
    method = link.evidence.method if link.evidence else ""
    if method == indicator_links.METHOD_TOPIC:
        return (f"tf-idf cosine of the measure's text and the indicator's name, 0-1; linked from "
                f"{indicator_links.TOPIC_THRESHOLD:.2f} when both name one topic (the best such indicator)")
    if method == indicator_links.METHOD_WORDING:
        return (f"tf-idf cosine of the measure's text and the indicator's name, 0-1; linked from "
                f"{indicator_links.THRESHOLD:.2f} when the measure names every word of the indicator's name")
    if method == METHOD_TFIDF:
        if source_kind == "theme":
            return (f"tf-idf cosine of the theme's text and the priority's text and actions, 0-1; "
                    f"linked from {THEME_THRESHOLD:.2f}")
        return f"tf-idf cosine of the two texts, 0-1; linked from {THRESHOLD:.2f}"
    if method in COMMITMENT_METHODS:
        how = COMMITMENT_METHODS[method].removeprefix("text similarity").strip().strip("()")
        return f"tf-idf cosine of the two texts, 0-1; {'linked ' if how.startswith('from ') else ''}{how}"
    if method.startswith("tf-idf cosine"):
        return "tf-idf cosine of the two texts, 0-1"
    if method == METHOD_SUPPORT:
        return "share of the 'from' priority's commitments that carry out actions of the 'to' priority, 0-1"
    if method == METHOD_SHARED:
        return "fixed at 0.90: both plans name the same delivery strategy or board"
    return "score kept from the link a reviewer accepted, 0-1"


def _lines(node: Node) -> str:
    return "; ".join(f"{s.document}:{s.line_start}-{s.line_end}" for s in node.sources)


def review_rows(graph: PlanGraph, include_curated: bool = True) -> list[dict[str, str]]:
    """Inferred (and, with ``include_curated``, curated) links as review CSV rows (``COLUMNS``), weakest
    first; plan -> plan links are left out. With a suspect link in the graph, every row has a ``suspect``
    cell too (``review_columns``)."""
    nodes = {n.id: n for n in graph.nodes}
    wanted = ("inferred", "curated") if include_curated else ("inferred",)
    # plan -> plan links are declared by profiles, not found in text: nothing to review
    links = [e for e in graph.edges if e.origin in wanted
             and not (nodes[e.source].kind == "plan" and nodes[e.target].kind == "plan")]
    links.sort(key=lambda e: (e.confidence if e.confidence is not None else 2.0, e.source, e.target))
    suspects = any(e.suspect for e in graph.edges)
    rows = []
    for e in links:
        s, t = nodes[e.source], nodes[e.target]
        rows.append({
            "decision": "", "source": e.source, "target": e.target, "kind": e.kind,
            "origin": e.origin, "confidence": "" if e.confidence is None else f"{e.confidence:.4f}",
            "basis": basis(e, s.kind), "confidence_means": confidence_means(e, s.kind),
            "method": e.evidence.method if e.evidence else "",
            "evidence": (e.evidence.note or "") if e.evidence else "",
            "source_label": s.label, "target_label": t.label, "source_text": s.text,
            "target_text": t.text, "source_lines": _lines(s), "target_lines": _lines(t), "note": "",
            **({SUSPECT_COLUMN: suspect_words(e)} if suspects else {}),
        })
    return rows
