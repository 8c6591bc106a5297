"""The audit report's content: one typed model, section by section, that both renderings
(report.html and report.md, viz/report.py through viz/templates/report*.j2) are made from.

Inputs: a ``Workspace`` (see ``goldenthread.queries.library``).
Outputs: ``collect(ws)`` gives a ``Report``; each section comes from one small function
(``summary_section``, ``thread_section``, ``breaks_section``, ``matrix_section``,
``drift_section``, ``measures_section``, ``about_section``). ``measures_section`` only for a
build with indicator data (``build --indicators``): a report without it is unchanged.

Every figure comes from the query API (``coverage``, ``orphan_findings``, ``matrix``,
``drift``; with indicator data ``latest`` and the audit rules about measures), so the report
says exactly what the CLI says; the graph itself is read only for
labels, plans, where a node sits (its ``part_of`` parents) and source lines. What a finding
names (the plan a commitment was compared with, a blank cell's table and column) is read from
the query's structured columns, never from its English ``detail``. The model holds plain,
unescaped text: escaping is the templates' job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from goldenthread.core.model import Node, Source
from goldenthread.graph.editions import CHANGES, EditionDiff
from goldenthread.graph.review import suspect_reason
from goldenthread.queries.editions import HEADINGS, Shift, edition_changes, priority_shifts, said
from goldenthread.queries.library import (
    RAG_RULE,
    Workspace,
    candidates_of,
    coverage,
    drift,
    latest,
    matrix,
    orphan_findings,
)
from goldenthread.viz.tracking_view import TRACKING_STATUSES, TrackingView, tracking_views

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
#: reasons found by comparing the plans' commitments: their intro counts the items per plan
_COUNTERPART_REASONS = ("no_counterpart", "not_carried_out")

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

#: the thread statuses in the order the summary table shows them
STATUSES = ("green", "amber", "red")
# one rule for RAG, defined with the coverage query (queries/library.py), worded the same everywhere
STATUS_TEXT = {status: (status.capitalize(), RAG_RULE[status]) for status in STATUSES}

#: Key findings: per reason, the sentence that opens the list of items (one, many).
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
#: how many items a key finding names before "and N more"
FINDING_ITEMS = 8

#: per drift direction: the heading and intro of a group ({plan}: the plan whose items they
#: are, {other}: the plan compared with)
DRIFT_TEXT = {
    "dropped": (
        "Dropped: priorities of {plan} that {other} was not found to carry forward",
        "Inferred from wording: nothing in {other} was found to align with these priorities or their "
        "actions. Either the priority has been dropped, or the link is missing and should be recorded: "
        "check the nearest candidates."),
    "new": (
        "New: themes and priorities of {plan} with no counterpart found in {other}",
        "Inferred from wording: nothing in {other} was found to correspond to these. They may be new "
        "themes, responses to events since, or the council's own business; check the nearest "
        "candidates before reporting them as new."),
}
DRIFT_GLANCE = {"dropped": "Priorities dropped by a later plan",
                "new": "New themes and priorities with no counterpart in the plan before"}

#: The audit rules about measures (ontology/audit.ttl, by their ``sh:name``), in the order the
#: report lists their findings: (key, heading, intro, basis). A rule not listed here (a team's
#: own) still appears, after these, under its own name.
MEASURE_RULES: dict[str, tuple[str, str, str, str]] = {
    "no measure of a complete thread moves the wrong way": (
        "wrong-way", "Measures moving the wrong way although the rest of their thread is in place",
        "The indicator tracking each of these measures is worsening since the baseline, although a priority "
        "it measures has a delivery strategy in place and an established board: a question for scrutiny, "
        "not for the plan's structure.", "stated"),
    "every measure states a quantity, a baseline or a target": (
        "vague", "Measures too vague to track as written",
        "As written, these measures state no quantity (a number, a percentage, or a word such as rate, "
        "level, number or proportion), no baseline and no target, so progress against them cannot be "
        "measured without choosing an indicator for them.", "stated"),
    "every measure is tracked by indicator data": (
        "no-data", "Measures with no indicator data (no data)",
        "No indicator in the data tracks these measures, so the report cannot say how they are going. Found "
        "by comparing wording with the indicators' names: each lists its nearest indicators (score, and the "
        "score a link needs); a reviewer can add a missed link with goldenthread links (kind tracked_by).",
        "inferred"),
}
#: Key findings about measures: per rule key, the sentence that opens the list (one, many).
_MEASURE_FINDING = {
    "wrong-way": ("measure moves the wrong way although the rest of its thread is in place",
                  "measures move the wrong way although the rest of their thread is in place"),
    "vague": ("measure is too vague to track as written", "measures are too vague to track as written"),
    "no-data": ("measure has no indicator data", "measures have no indicator data"),
}

ABOUT = ("Produced by {generator} from the documents below. The same documents always give the "
         "same report{digest}. Line numbers refer to the plain-text copy of each document (for a PDF, "
         "Word or HTML document, the text goldenthread read from it, text/DOCUMENT.txt beside this "
         "report). Links between plans that the documents do not state are inferred from their "
         "wording and can be reviewed and corrected by an officer; statuses such as “to be "
         "established” are quoted from the documents.")

# -- the model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    """A source citation: per document, the lines (``[(document, "lines 3–4, 9")]``)."""

    parts: list[tuple[str, str]]

    def text(self) -> str:
        """``"doc.txt lines 3–4, 9; other.txt line 2"``."""
        return "; ".join(f"{doc} {lines}" for doc, lines in self.parts)


@dataclass(frozen=True, kw_only=True)
class Row:
    """One row of a findings table: an item, what it is, where it sits, what is wrong and its
    source; an inferred finding also lists its nearest candidates in the other plan."""

    id: str
    kind: str
    label: str
    full_text: str  # the node's full text when the label is a shortened form of it, else ""
    where: str  # "In <plan> › <theme> › …" or "First named in <plan>"
    detail: str
    cite: Cite
    reason: str = ""  # the orphan reason, or the drift direction
    basis: str = "stated"  # "inferred": an absence found by comparing wording, to review
    nearest: list[str] = field(default_factory=list)  # candidates, best first, as text
    blank: tuple[str, str] | None = None  # blank_in_table: the empty cell's (table, column)
    status: str = ""  # the node's status as the documents word it ("to be developed"), or ""


@dataclass(frozen=True, kw_only=True)
class PriorityRow:
    """One row of the thread table: a priority, its RAG status and what is missing."""

    id: str
    label: str
    theme: str  # the theme it sits under, or ""
    status: str  # green, amber or red
    present: int  # parts of the thread present …
    applicable: int  # … of those that apply
    missing: list[str]  # the missing parts, worded as findings
    also: list[str]  # details of its other breaks (those the missing parts do not say)
    cite: Cite

    @property
    def parts(self) -> str:
        """``"3 of 5"``: parts present of those that apply."""
        return f"{self.present} of {self.applicable}"


@dataclass(frozen=True)
class PlanThread:
    """The thread table's rows of one plan."""

    plan: str  # its title
    rows: list[PriorityRow]


@dataclass(frozen=True)
class Group:
    """A sub-section of findings (one orphan reason, or one direction of drift between two plans)."""

    key: str
    anchor: str  # the sub-section's id in the HTML page ("break-no_board")
    heading: str
    intro: str
    rows: list[Row]
    basis: str = "stated"  # "inferred": an absence found by comparing wording, to review
    nearest: str = "Nearest in the other plan"  # the heading of an inferred group's candidates


@dataclass(frozen=True)
class PlanFigures:
    """A plan's headline figures: its size and its priorities per thread status."""

    id: str
    title: str
    themes: int
    priorities: int
    green: int
    amber: int
    red: int
    commitments: int


@dataclass(frozen=True)
class Share:
    """How many commitments of ``plan`` have a counterpart in ``other`` (``verb`` says which way)."""

    plan: str
    verb: str  # "carry out a commitment of", "are carried out by a commitment of"
    other: str
    count: int
    total: int

    @property
    def pct(self) -> str:
        """The share as a whole percentage, "–" of nothing."""
        return f"{100 * self.count / self.total:.0f}%" if self.total else "–"


@dataclass(frozen=True)
class Glance:
    """One tile of "Breaks at a glance": what, how many, and the id of the section listing them."""

    what: str
    count: int
    anchor: str


@dataclass(frozen=True)
class KeyFinding:
    """A key finding: a bold lead, the rest of the sentence, and a link to the list or table."""

    lead: str
    rest: str
    anchor: str
    link: str


@dataclass(frozen=True)
class MeasureFigures:
    """The headline of the indicator data: tracked measures, indicator series, series per status."""

    tracked: int  # measures tracked by an indicator
    series: int  # measure and indicator pairs (a measure may be tracked by both sexes' series)
    counts: dict[str, int]  # series per status, every status of the rule (TRACKING_STATUSES)

    @property
    def headline(self) -> str:
        """"7 tracked measures (8 indicator series): 4 green, 1 amber, 2 red, 1 no direction", as
        ``goldenthread measures`` says it."""
        text = f"{self.tracked} tracked {'measure' if self.tracked == 1 else 'measures'}"
        if self.series != self.tracked:
            text += f" ({self.series} indicator series)"
        counts = ", ".join(f"{n} {s}" for s, n in self.counts.items() if n)
        return f"{text}: {counts}" if counts else text


@dataclass(frozen=True)
class Summary:
    """Section 1: key findings, breaks at a glance, figures per plan and counterpart shares (and,
    with indicator data, the tracked measures per status)."""

    findings: list[KeyFinding]
    glance: list[Glance]
    plans: list[PlanFigures]
    shares: list[Share]
    measures: MeasureFigures | None = None


@dataclass(frozen=True)
class TrackedRow:
    """One measure tracked by one indicator (``view``: the words and the chart), with the measure's
    full text when its label shortens it, its plan and its source lines."""

    view: TrackingView
    full_text: str
    plan: str
    cite: Cite


@dataclass(frozen=True)
class MeasureGroup:
    """The tracked measures of one priority or theme (what is measured by them), or of none."""

    id: str  # the priority's or theme's id; "" for measures attached to nothing
    anchor: str  # the sub-section's id ("measures-2")
    heading: str  # "Priority: …", "Theme: …", "Measures attached to nothing"
    where: str  # "In <plan> › <theme>"
    scope: str  # a theme's: the priorities that inherit its measures; else ""
    thread_status: str  # a priority's thread status (the thread table's), else ""
    rows: list[TrackedRow]
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (label, anchor) shown under another heading


@dataclass(frozen=True)
class Measures:
    """Section 6 (a build with indicator data): the tracked measures by priority, each with its chart,
    table and status, then the findings of the audit rules about measures."""

    area: str  # "Stockport (E08000007)"
    area_name: str  # "Stockport" (its code when the data names it nowhere)
    comparators: str  # the comparator group's name and size, or ""
    figures: MeasureFigures
    groups: list[MeasureGroup]
    findings: list[Group]


@dataclass(frozen=True)
class MatrixCell:
    count: int  # commitments of the row priority that carry out one of the column priority
    linked: bool  # the two priorities themselves are linked


@dataclass(frozen=True)
class MatrixRow:
    id: str
    label: str
    cells: list[MatrixCell]  # one per column
    total: int


@dataclass(frozen=True)
class MatrixGroup:
    """The matrix rows of one theme (or plan)."""

    plan: str
    theme: str
    heading: str  # the HTML row group's heading: the theme (with its plan when rows span plans)
    rows: list[MatrixRow]


@dataclass(frozen=True)
class Matrix:
    """Section 4: priorities of the carrying-out plan(s) against those of the plan(s) carried out."""

    row_plans: list[str]
    col_plans: list[str]
    columns: list[str]  # column priorities' labels
    groups: list[MatrixGroup]
    col_totals: list[int]
    total: int

    @property
    def rows_title(self) -> str:
        return " and ".join(self.row_plans)

    @property
    def cols_title(self) -> str:
        return " and ".join(self.col_plans)


@dataclass(frozen=True)
class Document:
    """A document read: its name, the titles of its plans and the SHA-256 of the file ("" unknown)."""

    name: str
    plans: str
    sha256: str


@dataclass(frozen=True)
class About:
    """The provenance section: which goldenthread, which documents, the digest over them."""

    generator: str  # "goldenthread 0.1.0"
    digest: str  # SHA-256 over the documents' names and digests ("" for a graph without them)
    text: str
    documents: list[Document]


@dataclass(frozen=True)
class PriorityShift:
    """A higher plan's priority (a Borough priority) whose serving commitments changed since the previous
    edition: each gained and lost commitment as text ("<label> (added)")."""

    id: str
    label: str
    where: str
    gained: list[str]
    lost: list[str]
    note: str = ""  # "new priority", "dropped priority", or ""


@dataclass(frozen=True)
class Changes:
    """What changed since the previous edition (``build --previous``): the counts per change, a findings
    group per change (unchanged nodes counted only) and, per higher-plan priority, the commitments of
    the plan that carries it out gained and lost."""

    since: str  # the previous edition's plans, by title ("Northmere Council Delivery Plan 2025/26")
    counts: list[tuple[str, int]]  # (change, how many), in CHANGES order, unchanged last
    groups: list[Group]
    priorities: list[PriorityShift]


@dataclass(frozen=True)
class Report:
    """Everything the report shows, in the order it shows it."""

    plans: list[tuple[str, str]]  # (id, title), by id
    summary: Summary
    thread: list[PlanThread]
    breaks: list[Group]
    matrix: Matrix
    drift: list[Group]
    about: About
    measures: Measures | None = None  # a build with indicator data only
    # curated links an end of which changed since the previous edition (build --previous): text lines
    suspect: list[str] = field(default_factory=list)
    changes: Changes | None = None  # what changed since the previous edition (build --previous) only

    @property
    def plan_titles(self) -> list[str]:
        return [title for _, title in self.plans]


@dataclass(frozen=True)
class FamilyRow:
    """A row of the many-councils index: one plan family's report and its figures."""

    name: str  # the report's file name, without folder or suffix (its first plan's id)
    plans: list[str]
    status: dict[str, int]  # priorities per thread status
    stated: int  # stated gaps
    inferred: int  # absences to review

    @classmethod
    def of(cls, name: str, rep: Report) -> FamilyRow:
        """The index row of the family report ``rep``, written as ``report/<name>.*``."""
        breaks = Counter({"stated": 0, "inferred": 0})
        for grp in rep.breaks:
            breaks[grp.basis] += len(grp.rows)
        status = {s: sum(getattr(p, s) for p in rep.summary.plans) for s in ("red", "amber", "green")}
        return cls(name, rep.plan_titles, status, breaks["stated"], breaks["inferred"])


# -- reading the graph ---------------------------------------------------------------


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

    def row(self, node_id: str, detail: str, reason: str, sources: Iterable[Source] | None = None,
            **more: Any) -> Row:
        """The findings-table row of a node (cited at ``sources``, by default its own)."""
        node = self.nodes[node_id]
        return Row(id=node.id, kind=node.kind, label=node.label, full_text=self.full_text(node),
                   where=self.where(node_id), detail=detail, reason=reason, status=node.status or "",
                   cite=cite(node.sources if sources is None else sources), **more)


def candidates_text(candidates: list[dict[str, Any]]) -> list[str]:
    """"A radically digital Stockport: score 0.07 (a link needs 0.12); shares digital, radical;
    borough-plan-2030-discussion-draft.txt line 805", one per candidate, best first."""
    return [f"{c['label']}: score {c['score']:.2f} (a link needs {c['threshold']:.2f})"
            + (f"; shares {', '.join(c['terms'][:5])}" if c["terms"] else "") + f"; {c['source']}"
            for c in candidates]


def _plans(ws: Workspace) -> list[tuple[str, str]]:
    return sorted((n.id, n.label) for n in ws.graph.nodes if n.kind == "plan")


# -- the sections ----------------------------------------------------------------------


@dataclass(frozen=True)
class Previous:
    """The previous edition's build and what changed since, computed once over the whole graph (a
    many-councils build shows each council's part in its own report: ``Changes`` per family)."""

    ws: Workspace
    diff: EditionDiff
    shifts: list[Shift]

    @classmethod
    def of(cls, before: Workspace, after: Workspace) -> Previous:
        """``before`` (the previous edition's build) against ``after`` (the build being reported)."""
        diff = edition_changes(before, after)
        return cls(before, diff, priority_shifts(before, after, diff))


def collect(ws: Workspace, previous: Previous | None = None) -> Report:
    """Run the library queries and gather everything the report shows, section by section; with
    ``previous``, also what changed since the previous edition."""
    g = _Graph(ws)
    cov = coverage(ws)
    orph = orphan_findings(ws)
    breaks = breaks_section(g, orph)
    drift_groups = drift_section(g, drift(ws))
    measures = measures_section(g, cov) if ws.graph.tracking else None
    return Report(plans=_plans(ws), summary=summary_section(g, cov, orph, breaks, drift_groups, measures),
                  thread=thread_section(g, cov, orph), breaks=breaks, matrix=matrix_section(g, matrix(ws)),
                  drift=drift_groups, about=about_section(ws), measures=measures, suspect=suspect_lines(ws),
                  changes=changes_section(g, previous) if previous is not None else None)


GAINED_WORDS = {"added": "new commitment", "split": "split from a commitment of the previous edition",
                "now aligned": "now aligned"}
LOST_WORDS = {"dropped": "dropped", "no longer aligned": "no longer aligned"}


def changes_section(g: _Graph, previous: Previous) -> Changes:
    """What changed since the previous edition, for the plans of ``g`` (one council's, in a
    many-councils build): counts, one findings group per change (rows cite both editions' lines, a
    dropped node says where it was), and the higher plan's priorities whose commitments changed."""
    was = _Graph(previous.ws)
    diff = previous.diff
    new_plan = dict(diff.pairs)
    mine = [c for c in diff.changes if _concerns(g, was, new_plan, c["new"], c["old"])]
    counts = Counter(c["change"] for c in mine)
    groups = []
    for change in CHANGES:
        rows = [_change_row(g, was, c) for c in mine if c["change"] == change]
        if change != "unchanged" and rows:
            key = change.replace(" ", "-")
            groups.append(Group(key=key, anchor=f"change-{key}", heading=HEADINGS[change], intro="",
                                rows=rows))
    shifts = [_priority_shift(g, was, s) for s in previous.shifts if _concerns(g, was, new_plan, s.new, s.old)]
    olds = sorted({was.plan_title(o) for o, n in diff.pairs if o != n and n in g.nodes})
    return Changes(since="; ".join(olds) or "the previous build",
                   counts=[(c, counts[c]) for c in CHANGES if counts[c]], groups=groups, priorities=shifts)


def _concerns(g: _Graph, was: _Graph, new_plan: dict[str, str], new: str | None, old: str | None) -> bool:
    """Whether a change (its new and old node ids) belongs to the plans ``g`` reports on."""
    if new is not None:
        return new in g.nodes
    node = was.nodes.get(old or "")
    return node is not None and new_plan.get(node.plan or "") in g.nodes


def _change_row(g: _Graph, was: _Graph, change: dict[str, Any]) -> Row:
    """A change as a findings row: the node (new, else old), where it sits now (or was), the change in
    words with its score, and the lines of both editions."""
    new, old = change["new"], change["old"]
    where = g.where(new) if new is not None else _was(was.where(old))
    score = _score_words(change)
    sources = [*(was.nodes[old].sources if old in was.nodes else []),
               *(g.nodes[new].sources if new in g.nodes else [])]
    node = g.nodes[new] if new in g.nodes else was.nodes.get(old or "")
    full_text = (g if new in g.nodes else was).full_text(node) if node is not None and node.kind != "plan" else ""
    return Row(id=new or old, kind=change["kind"], label=change["label"], full_text=full_text, where=where,
               detail=(said(change) or change["change"]) + score, reason=change["change"], cite=cite(sources))


def _score_words(change: dict[str, Any]) -> str:
    """" (score 0.90)" for a matched node, " (confidence 0.33)" for an inferred link, else "" (an added or
    dropped node's detail already gives its nearest counterpart's score)."""
    if change["score"] is None or change["change"] in ("added", "dropped"):
        return ""
    word = "confidence" if change["change"].startswith("link") else "score"
    return f" ({word} {change['score']:.2f})"


def _was(where: str) -> str:
    """"In <plan> › …" of the previous edition as "Was in <plan> › …"."""
    return f"Was {where[0].lower()}{where[1:]}" if where else ""


def _priority_shift(g: _Graph, was: _Graph, shift: Shift) -> PriorityShift:
    """A priority's commitments gained and lost, in words."""
    node = g.nodes[shift.new] if shift.new is not None else was.nodes[shift.old or ""]
    where = g.where(shift.new) if shift.new is not None else was.where(node.id)
    note = "new priority" if shift.old is None else "dropped priority" if shift.new is None else ""
    return PriorityShift(id=node.id, label=node.label, where=where, note=note,
                         gained=[f"{g.nodes[c].label} ({GAINED_WORDS[how]})" for c, how in shift.gained],
                         lost=[f"{was.nodes[c].label} ({LOST_WORDS[how]})" for c, how in shift.lost])


def suspect_lines(ws: Workspace) -> list[str]:
    """One line per suspect link (a curated link whose end changed since the previous edition):
    "<from> → <to>: <end label> reworded since the previous edition (match 0.75)"."""
    labels = {n.id: n.label for n in ws.graph.nodes}
    return [f"{labels[e.source]} → {labels[e.target]}: {suspect_reason(e, labels)}" for e in ws.graph.edges
            if e.suspect is not None and e.source in labels and e.target in labels]


def summary_section(g: _Graph, cov: list[dict[str, Any]], orph: list[dict[str, Any]], breaks: list[Group],
                    drift_groups: list[Group], measures: Measures | None = None) -> Summary:
    """Section 1. Takes the coverage and orphan_findings rows and the breaks, drift and (with
    indicator data) measures sections already made; returns the key findings, the breaks at a
    glance (per break group, then dropped and new priorities), each plan's figures, the
    counterpart shares and the tracked measures per status."""
    shares = counterpart_shares(g, orph)
    glance = [Glance(grp.heading, len(grp.rows), grp.anchor) for grp in breaks]
    for direction in ("dropped", "new"):
        count = sum(len(grp.rows) for grp in drift_groups if grp.key.startswith(f"{direction}-"))
        glance.append(Glance(DRIFT_GLANCE[direction], count, "drift"))
    findings = key_findings(breaks, shares, drift_groups)
    if measures is not None:
        findings += measure_findings(measures)
    return Summary(findings=findings, glance=glance, plans=plan_figures(g, cov), shares=shares,
                   measures=measures.figures if measures is not None else None)


def plan_figures(g: _Graph, cov: list[dict[str, Any]]) -> list[PlanFigures]:
    """Per plan (by id): its themes, priorities, commitments, and priorities per thread status
    (from the coverage rows ``cov``)."""
    per_plan_kind = Counter((n.plan, n.kind) for n in g.ws.graph.nodes)
    status_count = Counter((r["plan"], r["status"]) for r in cov)
    return [PlanFigures(pid, title, themes=per_plan_kind[(pid, "theme")],
                        priorities=per_plan_kind[(pid, "priority")], green=status_count[(pid, "green")],
                        amber=status_count[(pid, "amber")], red=status_count[(pid, "red")],
                        commitments=per_plan_kind[(pid, "commitment")])
            for pid, title in _plans(g.ws)]


def counterpart_shares(g: _Graph, orph: list[dict[str, Any]]) -> list[Share]:
    """Per pair of aligned plans (both with commitments): how many commitments of the lower plan
    carry out one of the higher, and how many of the higher's are carried out. Takes the
    orphan_findings rows: a no_counterpart or not_carried_out row is one commitment without a
    counterpart in its ``other_plan``."""
    commitments = Counter(n.plan for n in g.ws.graph.nodes if n.kind == "commitment")
    missing = Counter((o["reason"], g.nodes[o["id"]].plan, o["other_plan"]) for o in orph if o["other_plan"])
    plan_ids = {p for p, _ in _plans(g.ws)}
    pairs = sorted({(e.source, e.target) for e in g.ws.graph.edges
                    if e.kind == "aligns_with" and e.source in plan_ids and e.target in plan_ids})
    shares = []
    for lower, higher in pairs:
        n_low, n_high = commitments[lower], commitments[higher]
        if not (n_low and n_high):
            continue  # the orphans query only compares commitments when both plans have some
        low_t, high_t = g.plan_title(lower), g.plan_title(higher)
        shares.append(Share(low_t, "carry out a commitment of", high_t,
                            n_low - missing[("no_counterpart", lower, higher)], n_low))
        shares.append(Share(high_t, "are carried out by a commitment of", low_t,
                            n_high - missing[("not_carried_out", higher, lower)], n_high))
    return shares


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _listing(items: list[str], limit: int = FINDING_ITEMS) -> str:
    shown = items[:limit]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return "; ".join(shown) + more


def _finding_item(r: Row) -> str:
    """An item as a key finding names it: its label, with its status or blank cell."""
    if r.reason == "strategy_not_in_place" and r.status:
        return f"{r.label} ({r.status})"
    if r.blank is not None:
        table, column = r.blank
        return f"{r.label} ('{table}' table: no {column} named)"
    return r.label


def key_findings(breaks: list[Group], shares: list[Share], drift_groups: list[Group]) -> list[KeyFinding]:
    """Plain sentences naming what a careful reader would raise, most serious first: each stated
    break group with its items, each counterpart share, each drift group."""
    out = []
    for grp in breaks:
        if grp.key in _FINDING:
            one, many = _FINDING[grp.key]
            out.append(KeyFinding(f"{_n(len(grp.rows), one, many)}:",
                                  f"{_listing([_finding_item(r) for r in grp.rows])}.", grp.anchor, "see the list"))
    for s in shares:
        out.append(KeyFinding(f"{s.count} of {s.total} ({s.pct})", f"commitments of {s.plan} {s.verb} {s.other}.",
                              "summary-shares", "see the table"))
    for grp in drift_groups:
        labels = [r.label for r in grp.rows]
        if grp.key.startswith("dropped-"):
            out.append(KeyFinding(f"{grp.heading}:", f"{_listing(labels)}.", grp.anchor, "see the list"))
        else:
            what = grp.heading.split(": ", 1)[-1]
            out.append(KeyFinding("New:", f"{len(labels)} {what}.", grp.anchor, "see the list"))
    return out


def thread_section(g: _Graph, cov: list[dict[str, Any]], orph: list[dict[str, Any]]) -> list[PlanThread]:
    """Section 2. Takes the coverage and orphan_findings rows; returns, per plan (in coverage
    order), a row per priority with its status, parts present, the missing parts worded as
    findings and its other breaks ("Also: …")."""
    also: dict[str, list[str]] = {}
    for o in orph:
        if o["reason"] not in _IN_MISSING:
            also.setdefault(o["id"], []).append(o["detail"])
    threads: list[PlanThread] = []
    for r in cov:
        title = g.plan_title(r["plan"])
        if not threads or threads[-1].plan != title:
            threads.append(PlanThread(title, []))
        node = g.nodes[r["id"]]
        threads[-1].rows.append(PriorityRow(
            id=node.id, label=node.label, theme=g.theme(node.id), status=r["status"], present=r["present"],
            applicable=r["applicable"], missing=[MISSING_TEXT.get(m, m) for m in r["missing"]],
            also=also.get(node.id, []), cite=cite(node.sources)))
    return threads


def _blank_sources(node: Node, table: str, column: str) -> list[Source]:
    """The source of the node's blank cell in ``table`` and ``column`` (else the node's)."""
    hits = [b.source for b in node.blanks if b.table == table and b.column == column]
    return hits or list(node.sources)


def _finding(g: _Graph, o: dict[str, Any]) -> Row:
    """The findings-table row of an orphan_findings row (a blank cell cited at its own lines)."""
    node = g.nodes[o["id"]]
    blank = (o["table"], o["column"]) if o["reason"] == "blank_in_table" else None
    sources = _blank_sources(node, *blank) if blank is not None else None
    return g.row(o["id"], o["detail"], o["reason"], sources, basis=o["basis"],
                 nearest=candidates_text(o["candidates"]), blank=blank)


def _break_group(g: _Graph, reason: str, found: list[dict[str, Any]]) -> Group:
    """The group of one reason's orphan rows (``found``, not empty)."""
    rows = [_finding(g, o) for o in found]
    heading, intro = REASON_TEXT.get(reason, (reason.replace("_", " ").capitalize(), ""))
    if reason in _COUNTERPART_REASONS:
        by_plan = Counter(g.plan_title(g.nodes[r.id].plan) for r in rows)
        intro += " " + "; ".join(f"{n} in {p}" for p, n in sorted(by_plan.items())) + "."
    basis = "inferred" if any(r.basis == "inferred" for r in rows) else "stated"
    return Group(reason, f"break-{reason}", heading, intro, rows, basis)


def breaks_section(g: _Graph, orph: list[dict[str, Any]]) -> list[Group]:
    """Section 3. Takes the orphan_findings rows; returns a group per reason that has any, in
    ``REASON_TEXT`` order (others after, by name), stated gaps first, then those to review."""
    order = list(REASON_TEXT) + sorted({o["reason"] for o in orph} - set(REASON_TEXT))
    groups = []
    for reason in order:
        found = [o for o in orph if o["reason"] == reason]
        if found:
            groups.append(_break_group(g, reason, found))
    groups.sort(key=lambda grp: grp.basis == "inferred")  # stated gaps first, then what to review
    return groups


def matrix_section(g: _Graph, mat: dict[str, Any]) -> Matrix:
    """Section 4. Takes the matrix query's result; returns its rows grouped by plan and theme,
    each cell's count and whether the two priorities are linked, and the totals."""
    aligned = {(r, c) for r, c in mat["aligned"]}
    cells: dict[str, dict[str, int]] = mat["cells"]
    columns = mat["columns"]
    row_plans = sorted({g.plan_title(r["plan"]) for r in mat["rows"]})
    groups: list[MatrixGroup] = []
    for row in mat["rows"]:
        plan, theme = g.plan_title(row["plan"]), g.theme(row["id"])
        if not groups or (groups[-1].plan, groups[-1].theme) != (plan, theme):
            heading = (f"{plan} › {theme}" if len(row_plans) > 1 else theme) if theme else plan
            groups.append(MatrixGroup(plan, theme, heading, []))
        counts = cells.get(row["id"], {})
        groups[-1].rows.append(MatrixRow(row["id"], row["label"], [
            MatrixCell(counts.get(c["id"], 0), (row["id"], c["id"]) in aligned) for c in columns],
            sum(counts.values())))
    col_totals = [sum(cells.get(r["id"], {}).get(c["id"], 0) for r in mat["rows"]) for c in columns]
    return Matrix(row_plans=row_plans, col_plans=sorted({g.plan_title(c["plan"]) for c in columns}),
                  columns=[c["label"] for c in columns], groups=groups, col_totals=col_totals,
                  total=sum(col_totals))


def drift_section(g: _Graph, dri: list[dict[str, Any]]) -> list[Group]:
    """Section 5. Takes the drift query's rows; returns a group per direction (dropped, then
    new) and pair of plans, each row with its nearest candidates on the other side."""
    groups = []
    for direction in ("dropped", "new"):
        keys = sorted({(d["plan"], d["other_plan"]) for d in dri if d["direction"] == direction})
        for plan_id, other_id in keys:
            rows = [g.row(d["id"], d["detail"], direction, basis=d["basis"], nearest=candidates_text(d["candidates"]))
                    for d in dri if (d["direction"], d["plan"], d["other_plan"]) == (direction, plan_id, other_id)]
            words = {"plan": g.plan_title(plan_id), "other": g.plan_title(other_id)}
            heading, intro = (text.format(**words) for text in DRIFT_TEXT[direction])
            key = f"{direction}-{plan_id}-{other_id}"
            groups.append(Group(key, f"drift-{key}", heading, intro, rows, "inferred"))
    return groups


def measure_figures(rows: list[dict[str, Any]]) -> MeasureFigures:
    """The headline of the ``latest`` query's rows (one per measure and indicator): tracked measures,
    series, and series per status."""
    counts = Counter(r["status"] for r in rows)
    return MeasureFigures(tracked=len({r["measure"] for r in rows}), series=len(rows),
                          counts={s: counts[s] for s in TRACKING_STATUSES})


def _descendant_priorities(g: _Graph, node_id: str) -> list[Node]:
    """The priorities sitting in ``node_id`` (a theme's), in id order: they inherit its measures."""
    return sorted((n for n in g.nodes.values() if n.kind == "priority" and
                   any(a.id == node_id for a in g.ancestors(n.id))), key=lambda n: n.id)


def measure_groups(g: _Graph, cov: list[dict[str, Any]], views: list[TrackingView]) -> list[MeasureGroup]:
    """The tracked measures grouped by what they measure: the priority or theme measured by them
    (``measured_by`` followed back from the measure; a priority inherits its theme's measures, as
    in the thread table, so a theme's group names its priorities), in the thread table's order
    (plan, then id: a theme before its priorities); measures attached to nothing last. A measure
    measuring several is shown under the first and named under the others."""
    status = {r["id"]: r["status"] for r in cov}
    holders: dict[str, list[str]] = {}
    for e in g.ws.graph.edges:
        if e.kind == "measured_by":
            holders.setdefault(e.target, []).append(e.source)

    def order(node_id: str) -> tuple[str, str]:
        return (g.nodes[node_id].plan or "", node_id) if node_id else ("\uffff", "")

    by_holder: dict[str, list[TrackingView]] = {}
    first: dict[str, str] = {}  # measure -> the holder its entries are shown under
    for v in views:
        mine = sorted(holders.get(v.measure.id, []), key=order) or [""]
        first.setdefault(v.measure.id, mine[0])
        for h in mine:
            by_holder.setdefault(h, []).append(v)
    groups = []
    for k, h in enumerate(sorted(by_holder, key=order), start=1):
        shown = [v for v in by_holder[h] if first[v.measure.id] == h]
        elsewhere = sorted({(v.measure.label, v.anchor) for v in by_holder[h]
                            if first[v.measure.id] != h})
        rows = [TrackedRow(v, g.full_text(v.measure), g.plan_title(v.measure.plan), cite(v.measure.sources))
                for v in shown]
        if not h:
            groups.append(MeasureGroup("", f"measures-{k}", "Measures attached to nothing",
                                       "No priority, theme or commitment is measured by these.", "", "", rows,
                                       elsewhere))
            continue
        node = g.nodes[h]
        scope = ""
        if node.kind != "priority":
            inherit = _descendant_priorities(g, h)
            if inherit:
                scope = (f"Measures the {node.kind}, and so each of its {len(inherit)} priorities, which inherit "
                         f"its measures as in the thread table: {'; '.join(p.label for p in inherit)}.")
        groups.append(MeasureGroup(h, f"measures-{k}", f"{node.kind.capitalize()}: {node.label}", g.where(h), scope,
                                   status.get(h, ""), rows, elsewhere))
    return groups


def measure_rule_groups(g: _Graph, rows: list[dict[str, Any]]) -> list[Group]:
    """The findings of the audit rules about measures (``audit`` rows whose focus is a measure), a
    group per rule in ``MEASURE_RULES`` order (a team's own rules after, by name); a measure with no
    data lists its nearest indicators."""
    order = list(MEASURE_RULES) + sorted({r["rule"] for r in rows} - set(MEASURE_RULES))
    groups = []
    for rule in order:
        found = [r for r in rows if r["rule"] == rule]
        if not found:
            continue
        key, heading, intro, basis = MEASURE_RULES.get(rule, (rule.replace(" ", "-"), rule.capitalize(), "", "stated"))
        items = []
        for r in found:
            nearest = candidates_text(candidates_of(g.ws, g.nodes[r["id"]])) if basis == "inferred" else []
            detail = f"It {r['message']} (audit rule “{rule}”, {r['severity']})."
            items.append(g.row(r["id"], detail, key, basis=basis, nearest=nearest))
        groups.append(Group(key, f"measures-rule-{key}", heading, intro, items, basis, nearest="Nearest indicators"))
    return groups


def measure_findings(measures: Measures) -> list[KeyFinding]:
    """Key findings about measures: the headline (tracked measures per status), then each rule's
    measures (each measure named once)."""
    out = [KeyFinding(f"{measures.figures.headline}.", "Each with its chart, the latest value, the change since "
                      "the plan started and England's value.", "measures", "see the section")]
    for grp in measures.findings:
        labels = list(dict.fromkeys(r.label for r in grp.rows))
        ids = {r.id for r in grp.rows}
        one, many = _MEASURE_FINDING.get(grp.key, (grp.heading.lower(), grp.heading.lower()))
        listing = _listing(labels)
        out.append(KeyFinding(f"{_n(len(ids), one, many)}:", listing if listing.endswith("…") else f"{listing}.",
                              grp.anchor, "see the list"))
    return out


def measures_section(g: _Graph, cov: list[dict[str, Any]]) -> Measures:
    """Section 6 (a build with indicator data). Takes the coverage rows (a priority's thread status);
    runs the ``latest`` query (the headline) and the audit rules (findings about measures); returns
    the tracked measures by priority or theme, and the findings."""
    from goldenthread.queries.audit import audit

    ws = g.ws
    views = tracking_views(ws.graph)
    data = ws.graph.indicators
    area = f"{data.area.name} ({data.area.code})" if data is not None and data.area.name else \
        (data.area.code if data is not None else "")
    group = data.comparators if data is not None else None
    comparators = f"the comparator group {group.name} ({len(set(group.areas))} areas)" if group is not None else ""
    rules = [r for r in audit(ws) if r["kind"] == "measure"]
    name = (data.area.name or data.area.code) if data is not None else ""
    return Measures(area=area, area_name=name, comparators=comparators, figures=measure_figures(latest(ws)),
                    groups=measure_groups(g, cov, views), findings=measure_rule_groups(g, rules))


def about_section(ws: Workspace) -> About:
    """The provenance section: which goldenthread made the report, from which documents (each
    with its plans and the SHA-256 of the file) and the digest over them all."""
    plan_docs: dict[str, set[str]] = {}
    all_docs: set[str] = set()
    for n in ws.graph.nodes:
        for s in n.sources:
            all_docs.add(s.document)
            if n.kind == "plan":
                plan_docs.setdefault(s.document, set()).add(n.label)
    digests = {d.name: d.sha256 for d in ws.graph.documents}
    if ws.graph.indicators is not None:  # the indicator files read, named as indicators' sources name them
        digests.update({d.name: d.sha256 for d in ws.graph.indicators.datasets})
    all_docs |= set(digests)
    documents = [Document(d, "; ".join(sorted(plan_docs.get(d, ()))), digests.get(d, "")) for d in sorted(all_docs)]
    digest = ws.graph.digest() if ws.graph.documents else ""
    text = ABOUT.format(generator=ws.graph.generator, digest=f": their digest is SHA-256 {digest}" if digest else "")
    return About(ws.graph.generator, digest, text, documents)
