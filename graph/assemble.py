"""Merging the mentions of all documents into one graph with stable ids.

Inputs: ``DocumentExtract`` objects (one per document, from the loaders).
Outputs: a ``PlanGraph`` in canonical order.

Identity rules (why two mentions are the same node):
- a plan: its plan id;
- a theme or priority: same plan, kind and match key (order-free content
  words), so "A healthy and happy Stockport" and "Happy and Healthy" meet;
  where the profile scopes it to its parent (a council key priority repeated
  under each ambition), the parent is part of the identity too;
- a strategy, board or portfolio: same kind and match key, across plans;
  a body "to be established" is scoped to the priority it is meant for;
- a commitment or measure: its parent, list and position (never merged).

Ids are built from the same parts, e.g. ``borough-plan-2030/priority/caring-growing``
and ``…/caring-growing/action-3-develop-long-term-investment``. Label, text and
status come from the most authoritative mention (profile ``authority``, then
document order); sources are the union of all mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError
from goldenthread.core.ids import match_key, slugify
from goldenthread.core.model import EntityKind, Evidence, Link, LinkKind, Node, NodeKind, PlanGraph, Source
from goldenthread.loaders.aliases import AliasGroup
from goldenthread.loaders.diagnostics import Diagnostics
from goldenthread.loaders.extract import DocumentExtract, Mention

Identity = tuple
_ENTITY_KINDS = ("strategy", "board", "portfolio")
_LINK_TO: dict[str, LinkKind] = {"strategy": "delivered_through", "board": "overseen_by",
                                  "portfolio": "accountable_to"}
_EDITION = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?\b")
_PAREN = re.compile(r"\([^)]*\)")


def entity_key(name: str, stopwords: frozenset[str]) -> str:
    """Key of a strategy/board name: case, punctuation, stop words, brackets and
    edition years ("Strategy 2020-23") do not make a different body."""
    return match_key(_EDITION.sub(" ", _PAREN.sub(" ", name)), stopwords)


@dataclass(frozen=True)
class _Canonical:
    kind: EntityKind
    label: str
    slug: str


class EntityResolver:
    """Maps a strategy/board/portfolio name to its identity, applying curated aliases."""

    def __init__(self, groups: list[AliasGroup], stopwords: frozenset[str]):
        self.stopwords = stopwords
        self.groups: dict[str, tuple[str, AliasGroup]] = {}
        for group in groups:
            canon = "=" + entity_key(group.names[0], stopwords)
            for name in group.names:
                key = entity_key(name, stopwords)
                other = self.groups.get(key)
                if other is not None and other[0] != canon:
                    raise GoldenthreadError(
                        f"alias lists disagree: '{name}' is in the groups of "
                        f"'{other[1].names[0]}' and '{group.names[0]}'")
                self.groups[key] = (canon, group)

    def identity(self, m: Mention) -> tuple[Identity, _Canonical | None]:
        """The identity of strategy/board/portfolio mention ``m``, and its curated canonical name when an
        alias group holds it (else None)."""
        key = entity_key(m.label, self.stopwords)
        if key in self.groups:
            canon, group = self.groups[key]
            return (group.kind, canon), _Canonical(group.kind, group.names[0],
                                                   slugify(group.names[0], self.stopwords))
        return (m.kind, key), None


def _identity(m: Mention, plan_id: str, parent_identity: Identity | None) -> Identity:
    if m.kind == "plan":
        return ("plan", plan_id)
    if m.scope == "ordinal":
        return (m.kind, parent_identity, m.id_prefix or m.kind, m.ordinal)
    if m.scope == "parent":
        return (m.kind, parent_identity, m.match_key)
    if m.scope == "global":
        return (m.kind, m.match_key)
    return (m.kind, plan_id, m.match_key)


def _source_key(s: Source) -> tuple:
    return (s.document, s.line_start, s.line_end, s.quote)


def assemble(extracts: list[DocumentExtract],
             aliases: Sequence[AliasGroup] | Mapping[str, Sequence[AliasGroup]] = (),
             warnings: Diagnostics | None = None, root: Path | None = None,
             families: dict[str, str] | None = None) -> PlanGraph:
    """Merge document extracts into one ``PlanGraph`` (see module docstring).

    ``warnings`` collects what the merge had to guess: two items of one document that
    fell on the same position under the same parent (``items-merged``), and two different
    items whose ids clashed (``duplicate-id``); documents are named relative to ``root``.
    ``families`` maps each plan id to its plan family (the plans that carry each other out:
    one council's). With more than one family in a build (many councils), a strategy, board
    or portfolio is one node per family, not across councils: two councils' "Cultural
    Strategy" are two strategies, with ids under their family (``{family}/strategy/…``), and
    each family's names are read with its own profiles' stop words and alias lists
    (``aliases``: one list for every family, or family -> its list).
    """
    # most authoritative first; stable, so document order breaks ties
    ordered = sorted(enumerate(extracts), key=lambda p: (-p[1].authority, p[0]))
    identity_of: dict[tuple[int, str], Identity] = {}
    groups: dict[Identity, list[tuple[DocumentExtract, Mention]]] = defaultdict(list)
    canonical: dict[Identity, _Canonical] = {}
    # the plan family of each plan, when the build holds more than one family (many councils)
    family_of = families if families is not None and len(set(families.values())) > 1 else None
    resolvers = _resolvers(extracts, aliases, family_of)
    entity_family: dict[Identity, str] = {}
    for index, extract in ordered:
        for m in extract.mentions:
            parent_identity = identity_of.get((index, m.parent)) if m.parent else None
            if m.scope == "global" and m.kind in _ENTITY_KINDS:
                family = family_of.get(extract.plan_id, extract.plan_id) if family_of is not None else ""
                ident, canon = resolvers[family].identity(m)
                if family_of is not None:
                    ident = (*ident, family)
                    entity_family[ident] = family
                if canon is not None:
                    canonical[ident] = canon
            else:
                ident = _identity(m, extract.plan_id, parent_identity)
            identity_of[(index, m.ref)] = ident
            groups[ident].append((extract, m))

    if warnings is not None:
        _warn_merged(groups, warnings, root)
    ids = _assign_ids(groups, canonical, warnings, root, entity_family)
    nodes = [_merge_node(ids[ident], mentions, canonical.get(ident))
             for ident, mentions in groups.items()]
    kind_of = {n.id: n.kind for n in nodes}

    merged: dict[tuple[str, LinkKind, str], list[Evidence]] = defaultdict(list)
    for index, extract in ordered:
        for link in extract.links:
            src = ids[identity_of[(index, link.source)]]
            tgt = ids[identity_of[(index, link.target)]]
            kind = _LINK_TO[kind_of[tgt]] if link.kind in _LINK_TO.values() else link.kind
            if src != tgt:
                merged[(src, kind, tgt)].append(link.evidence)
    edges = [Link(source=s, kind=k, target=t, origin="stated", evidence=_merge_evidence(ev))
             for (s, k, t), ev in merged.items()]
    nodes.sort(key=lambda n: n.id)
    edges.sort(key=lambda e: (e.source, e.kind, e.target))
    return PlanGraph(nodes=nodes, edges=edges)


def _resolvers(extracts: list[DocumentExtract], aliases: Sequence[AliasGroup] | Mapping[str, Sequence[AliasGroup]],
               family_of: dict[str, str] | None) -> dict[str, EntityResolver]:
    """Family -> the resolver of its strategy, board and portfolio names: the stop words of its
    documents' profiles and its alias lists. One family (key "") with every profile's stop words
    and every list when ``family_of`` is None (a build of one family)."""
    words: dict[str, set[str]] = defaultdict(set)
    for e in extracts:
        words[family_of.get(e.plan_id, e.plan_id) if family_of is not None else ""].update(e.stopwords)

    def groups(family: str) -> list[AliasGroup]:
        if not isinstance(aliases, Mapping):
            return list(aliases)
        if family_of is None:
            return [g for key in aliases for g in aliases[key]]
        return list(aliases.get(family, ()))

    return {family: EntityResolver(groups(family), frozenset(stop)) for family, stop in words.items()}


def _where(source: Source, root: Path | None) -> tuple[str, int]:
    return str(root / source.document if root else source.document), source.line_start


def _warn_merged(groups: dict[Identity, list[tuple[DocumentExtract, Mention]]], warnings: Diagnostics,
                 root: Path | None) -> None:
    """Items merged only because they sit at the same position under the same parent.

    Two items of one document at one position are always two items; items of two
    documents at one position are the same item only when their words agree.
    """
    for mentions in groups.values():
        if mentions[0][1].scope != "ordinal":
            continue
        first_extract, first = mentions[0]
        for extract, later in mentions[1:]:
            same_document = extract.document == first_extract.document
            if not same_document and later.match_key == first.match_key:
                continue
            path, line = _where(later.sources[0], root)
            at = f"line {first.sources[0].line_start}" + ("" if same_document else f" of {first_extract.document}")
            warnings.warn(path, line, f"{later.kind} '{later.label}' has the same parent and position as "
                                      f"'{first.label}' ({at}), so the two were merged into one node",
                          "items-merged")


def _assign_ids(groups: dict[Identity, list[tuple[DocumentExtract, Mention]]],
                canonical: dict[Identity, _Canonical], warnings: Diagnostics | None = None,
                root: Path | None = None, entity_family: dict[Identity, str] | None = None) -> dict[Identity, str]:
    ids: dict[Identity, str] = {}
    taken: set[str] = set()  # ids given so far (kept, not rebuilt per node: a build of many councils has 10^5)

    def make(ident: Identity) -> str:
        if ident in ids:
            return ids[ident]
        extract, m = groups[ident][0]
        if m.kind == "plan":
            base = extract.plan_id
        elif m.scope == "ordinal":
            slug = "-".join(m.slug.split("-")[:4])
            base = f"{make(ident[1])}/{m.id_prefix or m.kind}-{m.ordinal}-{slug}"
        elif m.scope == "parent":
            base = f"{make(ident[1])}/{m.kind}/{m.slug}"
        elif ident in canonical:
            base = f"{canonical[ident].kind}/{canonical[ident].slug}"
        elif m.scope == "global":
            base = f"{m.kind}/{m.slug}"
        else:
            base = f"{extract.plan_id}/{m.kind}/{m.slug}"
        if entity_family and ident in entity_family:  # many councils: a body is its council's
            base = f"{entity_family[ident]}/{base}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        if candidate != base and warnings is not None:
            path, line = _where(m.sources[0], root)
            warnings.warn(path, line, f"{m.kind} '{m.label}' would have the id '{base}' of a different "
                                      f"node; it is '{candidate}' instead", "duplicate-id")
        ids[ident] = candidate
        taken.add(candidate)
        return candidate

    # parents are always made before children: make() recurses on the parent identity
    for ident in sorted(groups, key=repr):
        make(ident)
    return ids


def _merge_node(node_id: str, mentions: list[tuple[DocumentExtract, Mention]],
                canon: _Canonical | None) -> Node:
    first_extract, first = mentions[0]
    label = max(mentions, key=lambda p: p[1].label_rank)[1].label  # max() keeps the first of ties
    text = max(mentions, key=lambda p: p[1].text_rank)[1].text
    kind: NodeKind = first.kind
    if canon is not None:
        kind, label, text = canon.kind, canon.label, canon.label
    aliases = sorted({m.label for _, m in mentions if m.kind in _ENTITY_KINDS} - {label})
    status = next((m.status for _, m in mentions if m.status), None)
    sources = sorted({_source_key(s): s for _, m in mentions for s in m.sources}.values(),
                     key=_source_key)
    plan = first_extract.plan_id
    blanks = sorted({(b.table, b.column, _source_key(b.source)): b for _, m in mentions
                     for b in m.blanks}.values(), key=lambda b: (b.table, b.column, _source_key(b.source)))
    generic = sorted({(g.text, g.kind, _source_key(g.source)): g for _, m in mentions
                      for g in m.generic_mentions}.values(), key=lambda g: (_source_key(g.source), g.text))
    facts = {name: next((getattr(m, name) for _, m in mentions if getattr(m, name)), None)
             for name in ("target", "baseline", "rag")}  # most authoritative mention first
    return Node(id=node_id, kind=kind, label=label, text=text, plan=plan, status=status,
                aliases=aliases, blanks=blanks, generic_mentions=generic, sources=sources,
                target=facts["target"], baseline=facts["baseline"], rag=facts["rag"])


def _merge_evidence(evidence: list[Evidence]) -> Evidence:
    methods = sorted({e.method for e in evidence})
    sources = sorted({_source_key(s): s for e in evidence for s in e.sources}.values(),
                     key=_source_key)
    notes = sorted({e.note for e in evidence if e.note})
    return Evidence(method="; ".join(methods), sources=sources, note="; ".join(notes) or None)
