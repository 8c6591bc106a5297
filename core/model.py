"""The plan graph's data model: the contract of ``graph.json``.

Inputs: nothing; this module only defines types.
Outputs: pydantic models ``Source``, ``Evidence``, ``Node``, ``Link`` and
``PlanGraph``. ``PlanGraph.model_dump(mode="json")`` *is* the documented
``graph.json`` format (see README, "graph.json").

Kinds, statuses and link kinds are closed vocabularies: they mirror the
classes and properties of ``ontology/goldenthread.ttl``.
"""

from __future__ import annotations

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
]
LINK_KINDS: tuple[str, ...] = get_args(LinkKind)

EntityKind = Literal["strategy", "board", "portfolio"]  # the bodies a plan names, not its own items
EntityLinkKind = Literal["delivered_through", "overseen_by", "accountable_to"]  # a link to one of them

Origin = Literal["stated", "inferred", "curated"]


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


class Link(_Frozen):
    source: str
    target: str
    kind: LinkKind
    origin: Origin = "stated"
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    evidence: Evidence | None = None

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


class DocumentRecord(_Frozen):
    """A document the graph was built from: what was read, with which profile, and its digest."""

    name: str = Field(description="file name relative to the corpus folder")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes")
    profile: str = Field(description="the profile that read it")
    plan: str = Field(description="id of the plan node it belongs to")


class PlanGraph(_Frozen):
    """The whole graph, in canonical order (nodes by id, links by source/kind/target).

    ``format`` and ``generator`` say which layout and which goldenthread wrote it;
    ``documents`` lists what it was built from (sorted by name).
    """

    format: Literal[2] = GRAPH_FORMAT
    generator: str = Field(default_factory=lambda: f"goldenthread {VERSION}")
    documents: list[DocumentRecord] = Field(default_factory=list)
    nodes: list[Node]
    edges: list[Link]

    def digest(self) -> str:
        """One SHA-256 over the documents' names and digests: the same input, the same digest."""
        import hashlib

        lines = "".join(f"{d.name}\0{d.sha256}\n" for d in sorted(self.documents, key=lambda d: d.name))
        return hashlib.sha256(lines.encode("utf-8")).hexdigest()

    @model_validator(mode="after")
    def _links_resolve(self) -> PlanGraph:
        ids = {n.id for n in self.nodes}
        if len(ids) != len(self.nodes):
            raise ValueError("duplicate node ids")
        plans = {n.id for n in self.nodes if n.kind == "plan"}
        for n in self.nodes:
            if n.plan is not None and n.plan not in plans:
                raise ValueError(f"node {n.id}: unknown plan {n.plan}")
        seen: set[tuple[str, str, str]] = set()
        for e in self.edges:
            for end in (e.source, e.target):
                if end not in ids:
                    raise ValueError(f"link {e.source} -{e.kind}-> {e.target}: unknown node {end}")
            key = (e.source, e.kind, e.target)
            if key in seen:
                raise ValueError(f"link {e.source} -{e.kind}-> {e.target} appears twice")
            seen.add(key)
        return self

    def node(self, node_id: str) -> Node:
        """The node with id ``node_id``; ``KeyError`` when there is none."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)
