"""From a corpus folder to a ``PlanGraph``: the whole ``build`` pipeline.

Inputs: a corpus folder of plain-text documents, an optional manifest, and
optional extra profile folders.
Outputs: ``BuildResult``: the graph, which document was read with which
profile, and which files were skipped (no profile recognised them).

Data flows one way: documents -> loaders (per profile) -> extracts ->
``assemble`` -> graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.graph.align import infer_alignments
from goldenthread.graph.assemble import assemble
from goldenthread.graph.decisions import DECISIONS_NAME, apply_decisions, read_decisions
from goldenthread.graph.model import Evidence, Link, PlanGraph
from goldenthread.loaders import LOADERS
from goldenthread.loaders.aliases import discover_aliases
from goldenthread.loaders.errors import GoldenthreadError, LoadError
from goldenthread.loaders.manifest import MANIFEST_NAME, Manifest, load_manifest
from goldenthread.loaders.profile import Profile, _locate, discover_profiles, recognises
from goldenthread.loaders.text import read_document


@dataclass(frozen=True)
class DocumentRead:
    name: str
    profile: str
    plan: str


@dataclass
class BuildResult:
    graph: PlanGraph
    documents: list[DocumentRead] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    plan_pairs: list[tuple[str, str]] = field(default_factory=list)
    stopwords: frozenset[str] = frozenset()


def _with_plan(profile: Profile, plan: str | None, title: str | None) -> Profile:
    if not plan and not title:
        return profile
    info = profile.plan.model_copy(update={k: v for k, v in (("id", plan), ("title", title)) if v})
    return profile.model_copy(update={"plan": info})


def build_graph(corpus: Path, manifest_path: Path | None = None,
                profile_dirs: tuple[Path, ...] | list[Path] = (),
                decision_files: tuple[Path, ...] | list[Path] = ()) -> BuildResult:
    """Read every recognised document under ``corpus`` and assemble the graph."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise LoadError("corpus folder not found", corpus)
    if not corpus.is_dir():
        raise LoadError("not a folder (expected a folder of plan documents)", corpus)
    if manifest_path is None and (corpus / MANIFEST_NAME).is_file():
        manifest_path = corpus / MANIFEST_NAME
    manifest = load_manifest(Path(manifest_path)) if manifest_path else Manifest()
    profiles = _profiles(manifest, profile_dirs, corpus)
    extracts, used, result_docs, skipped = _read_corpus(corpus, manifest, profiles)

    folders = sorted({p.path.parent for p in used if p.path})  # house styles in use
    stated = assemble(extracts, discover_aliases(folders))
    pairs = sorted({(e.plan_id, higher) for e, p in zip(extracts, used) for higher in p.plan.aligns_with})
    stopwords = frozenset(w for e in extracts for w in e.stopwords)
    inferred = infer_alignments(stated, pairs, stopwords) + _plan_links(stated, extracts, used)
    graph = PlanGraph(nodes=stated.nodes, edges=sorted([*stated.edges, *inferred],
                                                       key=lambda e: (e.source, e.kind, e.target)))
    # shipped curated decisions first (beside the profiles), then the user's
    shipped = [f for folder in folders for f in sorted(folder.rglob(DECISIONS_NAME))]
    decisions = [d for f in [*shipped, *map(Path, decision_files)] for d in read_decisions(f)]
    return BuildResult(graph=apply_decisions(graph, decisions), documents=result_docs, skipped=skipped,
                       plan_pairs=pairs, stopwords=stopwords)


def _profiles(manifest: Manifest, profile_dirs, corpus: Path) -> dict[str, Profile]:
    """Built-in and extra profiles by name, checked against the loaders and the manifest."""
    extra_dirs = [*profile_dirs, *(manifest.folder / p for p in manifest.profiles)]
    profiles = {p.name: p for p in discover_profiles(extra_dirs)}
    for p in profiles.values():
        if p.profile.loader not in LOADERS:
            raise LoadError(f"unknown loader '{p.profile.loader}' (known: {', '.join(sorted(LOADERS))})",
                            p.path or Path(p.name),
                            _locate(p.path.read_text(encoding="utf-8"), ("profile", "loader"))
                            if p.path else None)
    for i, entry in enumerate(manifest.documents):
        if entry.profile not in profiles:
            text = manifest.path.read_text(encoding="utf-8") if manifest.path else ""
            raise LoadError(f"unknown profile '{entry.profile}' (known: {', '.join(sorted(profiles))})",
                            manifest.path or corpus, _locate(text, ("documents", i, "profile")))
    return profiles


def _read_corpus(corpus: Path, manifest: Manifest, profiles: dict[str, Profile]):
    """Each top-level file read with its profile: (extracts, their profiles, reads, skipped)."""
    extracts, used, reads, skipped = [], [], [], []
    skip_names = {MANIFEST_NAME} | ({manifest.path.name} if manifest.path else set())
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        if path.name.startswith(".") or path.name in skip_names or path.suffix == ".toml":
            continue
        entry = manifest.entry_for(path.name)
        doc = read_document(path)
        if entry is not None:
            profile = _with_plan(profiles[entry.profile], entry.plan, entry.title)
        else:
            matching = [p for p in profiles.values() if recognises(p, doc.name, doc.full_text)]
            if not matching:
                skipped.append(path.name)
                continue
            if len(matching) > 1:
                names = ", ".join(p.name for p in matching)
                raise LoadError(f"matches several profiles ({names}); name one in a manifest", path)
            profile = matching[0]
        extracts.append(LOADERS[profile.profile.loader](doc, profile))
        used.append(profile)
        reads.append(DocumentRead(doc.name, profile.name, profile.plan.id))
    if not extracts:
        listed = f" (skipped: {', '.join(skipped)})" if skipped else ""
        raise GoldenthreadError(f"{corpus}: no recognisable plan document{listed}")
    return extracts, used, reads, skipped


def _plan_links(graph: PlanGraph, extracts: list, profiles: list[Profile]) -> list[Link]:
    """Plan -> plan ``aligns_with`` as the profiles declare it (curated by the profile author)."""
    plans = {n.id: n for n in graph.nodes if n.kind == "plan"}
    links: dict[tuple[str, str], Link] = {}
    for extract, profile in zip(extracts, profiles):
        for higher in profile.plan.aligns_with:
            if extract.plan_id in plans and higher in plans and (extract.plan_id, higher) not in links:
                links[(extract.plan_id, higher)] = Link(
                    source=extract.plan_id, target=higher, kind="aligns_with", origin="curated",
                    evidence=Evidence(method="declared in profile", note=f"[plan] aligns_with in profile {profile.name}",
                                      sources=[plans[extract.plan_id].sources[0], plans[higher].sources[0]]))
    return list(links.values())
