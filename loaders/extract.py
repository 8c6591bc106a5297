"""What a loader returns: mentions of nodes and links in one document.

Inputs: nothing (types plus a small recorder used by loader plugins).
Outputs: ``DocumentExtract``, the boundary between loaders and the graph.
A mention is not yet a node: the same priority mentioned in three documents
gives three mentions, which ``goldenthread.graph.assemble`` merges into one
node with three sources. Loaders refer to mentions by a local ``ref`` and
never compute node ids.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.core.ids import match_key, slugify
from goldenthread.core.model import (
    Blank,
    EntityLinkKind,
    Evidence,
    GenericMention,
    LinkKind,
    NodeKind,
    Rag,
    Source,
    Status,
)
from goldenthread.loaders.diagnostics import Diagnostic

# identity: 'plan' (one per plan and key), 'parent' (one per parent and key),
# 'global' (one per key across plans), 'ordinal' (position under parent)
Scope = Literal["plan", "parent", "global", "ordinal"]


class Mention(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str
    kind: NodeKind
    match_key: str
    slug: str
    label: str
    label_rank: int = 1  # 0: reconstructed (e.g. re-cased); 1: as written
    text: str
    text_rank: int = 0  # 0: label only; 1: nearby text; 2: explicit statement
    status: Status | None = None
    sources: list[Source]
    blanks: list[Blank] = Field(default_factory=list)
    generic_mentions: list[GenericMention] = Field(default_factory=list)
    scope: Scope = "plan"  # identity (see ``Scope``)
    parent: str | None = None
    ordinal: int | None = None
    id_prefix: str | None = None
    # what a measure's document says of it, kept out of its label
    target: str | None = None
    baseline: str | None = None
    rag: Rag | None = None


class LinkMention(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    target: str
    kind: LinkKind
    evidence: Evidence


class DocumentExtract(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str
    profile: str
    plan_id: str
    plan_title: str
    plan_text: str | None = None
    authority: int = 0
    stopwords: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    links: list[LinkMention] = Field(default_factory=list)
    # profile rule ("sections.0", "lists.1.item") -> the lines it matched, for checks
    rule_hits: dict[str, list[int]] = Field(default_factory=dict)
    warnings: list[Diagnostic] = Field(default_factory=list)


class Recorder:
    """Collects mentions and links for one document; hands out local refs."""

    def __init__(self, extract: DocumentExtract, stopwords: list[str]):
        self.extract = extract
        self.stopwords = frozenset(stopwords)
        self._count = 0

    def node(self, kind: NodeKind, label: str, text: str, source: Source, *, scope: Scope = "plan",
             parent: str | None = None, ordinal: int | None = None, status: Status | None = None,
             label_rank: int = 1, text_rank: int = 0, id_prefix: str | None = None,
             key_text: str | None = None) -> str:
        """Record a mention of a node (see ``Mention``) and return its local ref; its key and slug come from
        ``key_text``, else ``label``."""
        self._count += 1
        ref = f"m{self._count}"
        key_src = key_text if key_text is not None else label
        self.extract.mentions.append(Mention(
            ref=ref, kind=kind, match_key=match_key(key_src, self.stopwords),
            slug=slugify(key_src, self.stopwords), label=label, label_rank=label_rank,
            text=text or label, text_rank=text_rank, status=status, sources=[source],
            scope=scope, parent=parent, ordinal=ordinal, id_prefix=id_prefix))
        return ref

    def mention(self, ref: str) -> Mention:
        """The mention with local ref ``ref``; ``KeyError`` when there is none."""
        for m in self.extract.mentions:
            if m.ref == ref:
                return m
        raise KeyError(ref)

    def set_text(self, ref: str, text: str, rank: int) -> None:
        """Set the text of mention ``ref``, unless it has text of a higher ``rank`` already."""
        m = self.mention(ref)
        if rank >= m.text_rank:
            m.text, m.text_rank = text, rank

    def extend(self, ref: str, text: str, source: Source) -> None:
        """Grow a mention (an item with wrapped lines or sub-items): new text, wider source."""
        m = self.mention(ref)
        m.text = f"{m.text} {text}".strip()
        m.sources[0] = source

    def add_generic(self, ref: str, text: str, kind: EntityLinkKind, source: Source) -> None:
        """A delivery or oversight ``ref``'s document mentions without naming it."""
        self.mention(ref).generic_mentions.append(GenericMention(text=text, kind=kind, source=source))

    def add_blank(self, ref: str, table: str, column: str, source: Source) -> None:
        """Record an empty cell of ``table`` (its ``column``) for mention ``ref``."""
        self.mention(ref).blanks.append(Blank(table=table, column=column, source=source))

    def add_source(self, ref: str, source: Source) -> None:
        """Add ``source`` to the sources of mention ``ref``, unless it is there."""
        m = self.mention(ref)
        if source not in m.sources:
            m.sources.append(source)

    def link(self, source: str, target: str, kind: LinkKind, method: str, sources: list[Source],
             note: str | None = None) -> None:
        """Record a ``kind`` link from ``source`` to ``target`` (local refs), with its method, sources and
        note."""
        self.extract.links.append(LinkMention(
            source=source, target=target, kind=kind,
            evidence=Evidence(method=method, sources=sources, note=note)))
