"""The plan graph's data model: the contract of ``graph.json``.

Inputs: nothing; this module only defines types.
Outputs: pydantic models ``Source``, ``Evidence``, ``Node``, ``Link`` and
``PlanGraph``, and for builds with indicator data (``build --indicators``) the data behind
the indicators (``IndicatorSet``: areas, datasets, observations) and what it says of each
tracked measure (``Tracking``). ``PlanGraph.model_dump(mode="json")`` *is* the documented
``graph.json`` format (see README, "graph.json" and "Indicator data").

Kinds, statuses and link kinds are closed vocabularies: they mirror the
classes and properties of ``ontology/goldenthread.ttl``.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal, TypeGuard, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

NodeKind = Literal[
    "plan",  # a plan document set: Borough Plan, Council Plan, One Future
    "theme",  # pillar / ambition / big thing / cross-cutting ambition / delivery theme
    "priority",  # borough priority, council key priority
    "commitment",  # a numbered action or a "We will..." commitment
    "measure",  # success measure / impact measure
    "strategy",  # delivery strategy, plan or programme
    "board",  # board, partnership, committee, steering group
    "portfolio",  # cabinet portfolio holding an ambition to account
    "indicator",  # a series of published data (one indicator, statistic, unit and breakdown)
]
NODE_KINDS: tuple[str, ...] = get_args(NodeKind)

Status = Literal[
    "existing",
    "in development",
    "to be developed",
    "to be refreshed",
    "to be established",
]
STATUSES: tuple[str, ...] = get_args(Status)

Rag = Literal["red", "amber", "green"]  # a measure's RAG rating, as the document gives it
RAGS: tuple[str, ...] = get_args(Rag)

LinkKind = Literal[
    "part_of",  # child -> parent (commitment -> priority -> theme -> plan)
    "measured_by",  # theme|priority|commitment -> measure
    "delivered_through",  # theme|priority|commitment -> strategy
    "overseen_by",  # theme|priority|strategy -> board
    "accountable_to",  # theme|priority -> portfolio
    "aligns_with",  # lower/later plan -> higher/earlier plan
    "tracked_by",  # measure -> indicator whose data tracks it
]
LINK_KINDS: tuple[str, ...] = get_args(LinkKind)

EntityKind = Literal["strategy", "board", "portfolio"]  # the bodies a plan names, not its own items
EntityLinkKind = Literal["delivered_through", "overseen_by", "accountable_to"]  # a link to one of them

Origin = Literal["stated", "inferred", "curated"]

Way = Literal["up", "down"]  # which way a measure wants its indicator to go
WAYS: tuple[str, ...] = get_args(Way)
Travel = Literal["improving", "worsening", "no change", "unknown"]  # since the plan's start
TRAVELS: tuple[str, ...] = get_args(Travel)
Comparison = Literal["better", "worse", "same", "unknown"]  # the area against England
COMPARISONS: tuple[str, ...] = get_args(Comparison)
TrackingStatus = Literal["green", "amber", "red", "no direction", "no data"]  # the one rule: README
TRACKING_STATUSES: tuple[str, ...] = get_args(TrackingStatus)
Missing = Literal["suppressed", "not available", "not applicable", "blank"]  # why a value is missing
MISSING: tuple[str, ...] = get_args(Missing)


def is_status(value: str) -> TypeGuard[Status]:
    """Whether ``value`` (read from a file) is one of ``STATUSES``; narrows it to ``Status``."""
    return value in STATUSES


def is_link_kind(value: str) -> TypeGuard[LinkKind]:
    """Whether ``value`` (read from a file) is one of ``LINK_KINDS``; narrows it to ``LinkKind``."""
    return value in LINK_KINDS


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where a fact was read: 1-based inclusive line range and the exact text.

    For a plain-text document the lines are the file's own; for a PDF, Word or HTML
    document they are the lines of the text goldenthread read from it, written by
    ``build`` to ``OUT/text/<document>.txt``.
    """

    document: str = Field(description="file name of the document, relative to the corpus folder")
    line_start: int = Field(ge=1)
    line_end: int = Field(ge=1)
    quote: str = Field(min_length=1, description="exact source text found at those lines")
    page: int | None = Field(None, ge=1, exclude_if=lambda v: v is None,
                             description="1-based page of the original document (PDF), where it has pages")

    @model_validator(mode="after")
    def _ordered(self) -> Source:
        if self.line_end < self.line_start:
            raise ValueError("line_end is before line_start")
        if not self.quote.strip():
            raise ValueError("quote is blank")
        return self


class Evidence(_Frozen):
    """Why a link exists: how it was found and the text that supports it."""

    method: str = Field(description="how the link was made, e.g. 'document structure', 'delivery statement'")
    sources: list[Source] = Field(default_factory=list)
    note: str | None = None


class Blank(_Frozen):
    """A table cell the document left empty for this node (e.g. no oversight body named)."""

    table: str = Field(description="name of the table (the profile rule)")
    column: str = Field(description="what the empty cell should have named: commitment, strategy, board, portfolio")
    source: Source


class GenericMention(_Frozen):
    """Delivery or oversight the document mentions without naming a strategy or board
    ("individual organisation's plans"): kept with its source, never counted as one."""

    text: str = Field(min_length=1, description="the words the document uses")
    kind: EntityLinkKind = Field(
        description="the link it would have been, had it named a strategy, board or portfolio")
    source: Source


class Candidate(_Frozen):
    """A node of another plan that the alignment compared this one with, and did not link.

    Kept for nodes the alignment linked to nothing in a plan they are compared with (a
    commitment with no counterpart, a priority no later theme carries forward): the
    evidence that the absence is inferred, and what a reviewer should look at first."""

    node: str = Field(description="id of the nearest node in the other plan")
    score: float = Field(ge=0.0, le=1.0, description="its similarity score, as links are scored")
    threshold: float = Field(ge=0.0, le=1.0, description="the score from which a link is made")
    terms: list[str] = Field(default_factory=list, description="the words and names the two share")
    method: str = Field(description="how the score was computed")
    note: str | None = Field(None, exclude_if=lambda v: v is None,
                             description="why it was not linked although it scores enough (a rule that kept it "
                                         "apart), where one did")


class DesiredDirection(_Frozen):
    """Which way a measure wants its indicator to go, and the words (or data) that say so."""

    direction: Way | None = Field(description="up, down, or null when nothing says")
    evidence: str = Field(min_length=1, description="the words that decided ('Reduced'), or why none did")


class Node(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-/]*$")
    kind: NodeKind
    label: str = Field(min_length=1)
    text: str = Field(min_length=1)
    plan: str | None = Field(default=None, description="id of the plan node this node belongs to")
    status: Status | None = None
    aliases: list[str] = Field(default_factory=list, description="other names the documents use for it, sorted")
    blanks: list[Blank] = Field(default_factory=list, description="table cells left empty for it")
    generic_mentions: list[GenericMention] = Field(
        default_factory=list, exclude_if=lambda v: not v,
        description="delivery or oversight mentioned without a name (absent when there is none)")
    sources: list[Source] = Field(min_length=1)
    candidates: list[Candidate] = Field(
        default_factory=list, exclude_if=lambda v: not v,
        description="for a node linked to nothing in a plan it is compared with: the nearest "
                    "nodes there, best first (absent otherwise)")
    # measures only: what the document says of the measure, as written (absent when it says nothing)
    target: str | None = Field(None, exclude_if=lambda v: v is None, description="the target the document sets")
    baseline: str | None = Field(None, exclude_if=lambda v: v is None, description="the baseline it states")
    rag: Rag | None = Field(None, exclude_if=lambda v: v is None, description="its red/amber/green rating")
    # measures, in builds with indicator data: which way its wording wants things to go
    desired_direction: DesiredDirection | None = Field(
        None, exclude_if=lambda v: v is None,
        description="measures, in a build with indicator data: the direction its wording gives, or why none")
    # indicators only: what the series counts (absent for other nodes)
    statistic: str | None = Field(None, exclude_if=lambda v: v is None,
                                  description="indicators: the statistic ('Percentage', 'Count')")
    unit: str | None = Field(None, exclude_if=lambda v: v is None,
                             description="indicators: the unit ('Persons', 'Years')")
    breakdowns: dict[str, str] = Field(default_factory=dict, exclude_if=lambda v: not v,
                                       description="indicators: the breakdown of the series ({'sex': 'Female'})")
    # plans only: the edition their documents give, and the earlier edition of the same plan in the build
    edition: str | None = Field(None, exclude_if=lambda v: v is None,
                                description="plans: the edition the documents give ('2021-22'), where the profile "
                                            "reads one")
    revision_of: str | None = Field(None, exclude_if=lambda v: v is None,
                                    description="plans: id of the earlier edition of the same plan in this build")


class Suspect(_Frozen):
    """Why a curated link needs another look: one of its ends changed since the previous edition's
    build (``build --previous``; ``goldenthread.graph.editions``)."""

    end: str = Field(description="id of the end that changed")
    change: Literal["reworded", "moved", "split", "merged"] = Field(description="how it changed")
    score: float | None = Field(None, ge=0.0, le=1.0, description="the match score of old and new text, 0-1")


class Link(_Frozen):
    source: str
    target: str
    kind: LinkKind
    origin: Origin = "stated"
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    evidence: Evidence | None = None
    suspect: Suspect | None = Field(None, exclude_if=lambda v: v is None,
                                    description="curated links only: an end changed since the previous edition "
                                                "(build --previous), so the decision needs another look")

    @model_validator(mode="after")
    def _scored_if_inferred(self) -> Link:
        if self.origin == "inferred" and self.confidence is None:
            raise ValueError(f"inferred link {self.source} -{self.kind}-> {self.target} has no confidence")
        return self


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("goldenthread")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


VERSION: str = _version()
GRAPH_FORMAT: Final = 2  # graph.json's layout; a graph of another format must be rebuilt
INDICATOR_FORMAT: Final = 3  # the layout of a graph with indicator data (format 2 plus indicators and tracking)
GRAPH_FORMATS: Final = (GRAPH_FORMAT, INDICATOR_FORMAT)  # the layouts this version reads
ENGLAND: Final = "E92000001"  # the area code of England, what an area is compared with


class DocumentRecord(_Frozen):
    """A document the graph was built from: what was read, with which profile, and its digest."""

    name: str = Field(description="file name relative to the corpus folder")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes")
    profile: str = Field(description="the profile that read it")
    plan: str = Field(description="id of the plan node it belongs to")


class Area(_Frozen):
    """An area of the indicator data: its code and, where a file gives it, its name."""

    code: str = Field(min_length=1, description="the area code as the data writes it (E08000007)")
    name: str | None = Field(None, description="its name, as the first file naming it writes it")


class DatasetRecord(_Frozen):
    """An indicator file the graph was built from, with its digest."""

    name: str = Field(description="'indicators/<file name>', as sources and observations name it")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes")


class ComparatorGroup(_Frozen):
    """The areas the chosen area is ranked among (a comparator file such as CIPFA nearest neighbours)."""

    name: str = Field(min_length=1, description="the group's name (the file's, or its group column)")
    areas: list[str] = Field(description="area codes of the group, as the file lists them")


class ObservationRecord(_Frozen):
    """One value of an indicator for one area and period, traced to its file and row."""

    indicator: str = Field(description="id of the indicator node")
    area: str = Field(description="area code")
    period: str = Field(min_length=1, description="the period as the file writes it ('2021/22')")
    start: date = Field(description="its first day")
    end: date = Field(description="its last day (inclusive)")
    value: float | None = Field(description="the value, or null when the file gives a missing marker")
    missing: Missing | None = Field(None, description="why there is no value (null when there is one)")
    file: str = Field(description="the dataset ('indicators/<file name>')")
    row: int = Field(ge=1, description="its row, as a spreadsheet numbers it (the header is row 1)")

    @model_validator(mode="after")
    def _value_or_missing(self) -> ObservationRecord:
        if (self.value is None) == (self.missing is None):
            raise ValueError("an observation has either a value or the reason it is missing")
        if self.end < self.start:
            raise ValueError(f"period {self.period!r} ends before it starts")
        return self


class IndicatorSet(_Frozen):
    """The indicator data of a build: the chosen area, its comparators, the files read, and
    the observations the tracked indicators need (the area, England, the comparator group)."""

    area: Area = Field(description="the area the plans are about (--area, or the manifest's area)")
    comparators: ComparatorGroup | None = Field(None, description="the group it is ranked in, if any")
    areas: list[Area] = Field(default_factory=list, description="every area with observations here, by code")
    datasets: list[DatasetRecord] = Field(default_factory=list, description="the indicator files read, by name")
    observations: list[ObservationRecord] = Field(
        default_factory=list, description="the observations of tracked indicators, by indicator, area, period")


class TrackedValue(_Frozen):
    """One observation as a tracking summary shows it."""

    period: str = Field(description="the period as written")
    start: date
    end: date
    value: float
    unit: str | None = Field(None, description="the indicator's statistic and unit ('Percentage, Persons')")


class GroupPosition(_Frozen):
    """Where the area stands in its comparator group (the group's areas and itself) in one period."""

    group: str = Field(description="the comparator group's name")
    period: str = Field(description="the period compared: the area's latest")
    rank: int | None = Field(None, ge=1, description="1 = best in the desired direction; null without one")
    of: int = Field(ge=1, description="how many of the group (itself included) have a value then")
    min: float
    median: float
    max: float


class SeriesPoint(_Frozen):
    """One period of a tracked indicator, for charts: the area, England and the group's range."""

    period: str
    start: date
    end: date
    area: float | None = None
    england: float | None = None
    group_min: float | None = None
    group_max: float | None = None


class Tracking(_Frozen):
    """What the data says of one measure through one indicator, for the chosen area."""

    measure: str = Field(description="id of the measure node")
    indicator: str = Field(description="id of the indicator node tracking it")
    area: str = Field(description="the area code")
    desired_direction: DesiredDirection = Field(description="for this indicator: the measure's wording, or the "
                                                            "data's 'better' setting when the wording gives none")
    first: TrackedValue | None = None
    latest: TrackedValue | None = None
    baseline: TrackedValue | None = Field(None, description="what the change is counted from")
    baseline_basis: str = Field(description="why that value: the plan's start, or the first value and why")
    change: float | None = Field(None, description="latest minus baseline")
    travel: Travel = Field(description="improving, worsening or no change against the desired direction")
    england: TrackedValue | None = Field(None, description="England in the area's latest period (else its latest)")
    versus_england: Comparison = Field(description="the area's latest value against England's, same period")
    group: GroupPosition | None = None
    status: TrackingStatus
    status_reason: str = Field(min_length=1, description="the rule's reason, in words")
    series: list[SeriesPoint] = Field(default_factory=list, description="per period, oldest first, for charts")


class PlanGraph(_Frozen):
    """The whole graph, in canonical order (nodes by id, links by source/kind/target).

    ``format`` and ``generator`` say which layout and which goldenthread wrote it;
    ``documents`` lists what it was built from (sorted by name).
    """

    format: Literal[2, 3] = GRAPH_FORMAT
    generator: str = Field(default_factory=lambda: f"goldenthread {VERSION}")
    documents: list[DocumentRecord] = Field(default_factory=list)
    nodes: list[Node]
    edges: list[Link]
    indicators: IndicatorSet | None = Field(
        None, exclude_if=lambda v: v is None,
        description="the indicator data of a build with --indicators (absent otherwise)")
    tracking: list[Tracking] = Field(
        default_factory=list, exclude_if=lambda v: not v,
        description="per tracked measure and indicator, what the data says (absent when none)")
    retired: list[str] = Field(
        default_factory=list, exclude_if=lambda v: not v,
        description="ids of earlier editions' nodes that were dropped, never to be reused (build --previous; "
                    "absent when none)")

    def digest(self) -> str:
        """One SHA-256 over the documents' (and indicator files') names and digests: the same input,
        the same digest."""
        import hashlib

        files = [(d.name, d.sha256) for d in self.documents]
        files += [(d.name, d.sha256) for d in (self.indicators.datasets if self.indicators else [])]
        lines = "".join(f"{name}\0{sha256}\n" for name, sha256 in sorted(files))
        return hashlib.sha256(lines.encode("utf-8")).hexdigest()

    @model_validator(mode="before")
    @classmethod
    def _format_of_content(cls, data: object) -> object:
        """A graph made in code without ``format`` gets the layout its content needs."""
        if isinstance(data, dict) and "format" not in data and (data.get("indicators") or data.get("tracking")):
            return {**data, "format": INDICATOR_FORMAT}
        return data

    @model_validator(mode="after")
    def _indicator_format(self) -> PlanGraph:
        with_data = self.indicators is not None or bool(self.tracking)
        if with_data != (self.format == INDICATOR_FORMAT):
            raise ValueError(f"format {self.format} with{'' if with_data else 'out'} indicator data "
                             f"(format {INDICATOR_FORMAT} is the layout with indicator data)")
        return self

    @model_validator(mode="after")
    def _links_resolve(self) -> PlanGraph:
        ids = {n.id for n in self.nodes}
        if len(ids) != len(self.nodes):
            raise ValueError("duplicate node ids")
        plans = {n.id for n in self.nodes if n.kind == "plan"}
        for n in self.nodes:
            if n.plan is not None and n.plan not in plans:
                raise ValueError(f"node {n.id}: unknown plan {n.plan}")
            if (n.edition is not None or n.revision_of is not None) and n.kind != "plan":
                raise ValueError(f"node {n.id}: only a plan has an edition")
            if n.revision_of is not None and n.revision_of not in plans - {n.id}:
                raise ValueError(f"node {n.id}: revision of {n.revision_of}, which is not another plan")
        seen: set[tuple[str, str, str]] = set()
        for e in self.edges:
            for end in (e.source, e.target):
                if end not in ids:
                    raise ValueError(f"link {e.source} -{e.kind}-> {e.target}: unknown node {end}")
            key = (e.source, e.kind, e.target)
            if key in seen:
                raise ValueError(f"link {e.source} -{e.kind}-> {e.target} appears twice")
            seen.add(key)
        if ids & set(self.retired):
            raise ValueError(f"retired ids in use: {', '.join(sorted(ids & set(self.retired)))}")
        kinds = {n.id: n.kind for n in self.nodes}
        for t in self.tracking:
            if kinds.get(t.measure) != "measure" or kinds.get(t.indicator) != "indicator":
                raise ValueError(f"tracking {t.measure} -> {t.indicator}: not a measure and an indicator of the graph")
        for o in self.indicators.observations if self.indicators else []:
            if kinds.get(o.indicator) != "indicator":
                raise ValueError(f"observation {o.file}:{o.row}: unknown indicator {o.indicator}")
        return self

    def node(self, node_id: str) -> Node:
        """The node with id ``node_id``; ``KeyError`` when there is none."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)
