"""From a corpus folder to a ``PlanGraph``: the whole ``build`` pipeline.

Inputs: a corpus folder of plan documents (plain text, Markdown, PDF, Word, HTML;
sub-folders included), an optional manifest, optional extra profile folders and
decision files; optionally a folder of indicator data and the area the plans are about
(``--indicators``, ``--area``; see ``goldenthread.graph.indicator_build``).
Outputs: ``BuildResult``: the graph, which document was read with which profile,
which files were skipped and why, the text read from each non-text document (to be
written to ``OUT/text/<name>.txt``) and the warnings: rules that matched nothing,
guesses the tool had to make (see ``goldenthread.loaders.diagnostics``).

Data flows one way: documents -> readers -> loaders (per profile) -> extracts ->
``assemble`` -> graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.core.errors import GoldenthreadError, LoadError, Unreadable
from goldenthread.core.model import DocumentRecord, Evidence, Link, PlanGraph
from goldenthread.graph.align import infer_alignments
from goldenthread.graph.assemble import assemble
from goldenthread.graph.candidates import attach_candidates
from goldenthread.graph.decisions import DECISIONS_NAME, apply_decisions, read_decisions
from goldenthread.graph.editions import carry_forward, mark_suspect, with_editions
from goldenthread.graph.families import family_aliases, family_stopwords, plan_families_of
from goldenthread.graph.indicator_build import read_indicator_input, with_indicators, with_tracking
from goldenthread.loaders import LOADERS
from goldenthread.loaders.checks import profile_warnings, rule_warnings
from goldenthread.loaders.diagnostics import Diagnostic, Diagnostics
from goldenthread.loaders.manifest import MANIFEST_NAME, DocumentEntry, Manifest, load_manifest
from goldenthread.loaders.profile import (
    Profile,
    discover_profiles,
    for_edition,
    read_edition,
    recognises,
    require_edition,
)
from goldenthread.loaders.readers import read_any, reader_for
from goldenthread.loaders.text import DocumentText
from goldenthread.loaders.tomlfile import line_of_key

# files in a corpus that are configuration, not documents
_CONFIG_SUFFIXES = (".toml",)


@dataclass(frozen=True)
class DocumentRead:
    name: str
    profile: str
    plan: str


@dataclass(frozen=True)
class Skipped:
    name: str  # relative to the corpus folder
    reason: str


@dataclass
class BuildResult:
    graph: PlanGraph
    documents: list[DocumentRead] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    plan_pairs: list[tuple[str, str]] = field(default_factory=list)
    stopwords: frozenset[str] = frozenset()
    texts: dict[str, str] = field(default_factory=dict)  # document name -> text read (non-text formats)
    warnings: list[Diagnostic] = field(default_factory=list)


def _with_plan(profile: Profile, plan: str | None, title: str | None) -> Profile:
    if not plan and not title:
        return profile
    info = profile.plan.model_copy(update={k: v for k, v in (("id", plan), ("title", title)) if v})
    return profile.model_copy(update={"plan": info})


def build_graph(corpus: Path, manifest_path: Path | None = None,
                profile_dirs: tuple[Path, ...] | list[Path] = (),
                decision_files: tuple[Path, ...] | list[Path] = (),
                indicators: Path | None = None, area: str | None = None,
                previous: PlanGraph | None = None) -> BuildResult:
    """Read every recognised document under ``corpus`` and assemble the graph; with ``indicators`` (a
    folder of indicator CSV files) link measures to indicators and summarise them for ``area`` (or the
    manifest's ``area``). The plans' nodes and links are the same with indicator data or without. With
    ``previous`` (the build of the previous edition), each node matched to one of it keeps that node's id
    (``goldenthread.graph.editions.carry_ids``), and a curated link to a node that was reworded, moved,
    split or merged since is kept and marked ``suspect``, with a ``link-suspect`` warning."""
    corpus = Path(corpus)
    if not corpus.exists():
        raise LoadError("corpus folder not found", corpus)
    if not corpus.is_dir():
        raise LoadError("not a folder (expected a folder of plan documents)", corpus)
    if manifest_path is None and (corpus / MANIFEST_NAME).is_file():
        manifest_path = corpus / MANIFEST_NAME
    manifest = load_manifest(Path(manifest_path)) if manifest_path else Manifest()
    if area is not None and indicators is None:
        raise GoldenthreadError("--area needs --indicators: the area is whose indicator values are tracked")
    warnings = Diagnostics()
    extra_dirs = [*map(Path, profile_dirs), *(manifest.folder / p for p in manifest.profiles)]
    profiles = _profiles(manifest, extra_dirs, corpus, warnings)
    read = _read_corpus(corpus, manifest, profiles, extra_dirs, warnings)

    folders = sorted({p.path.parent for p in read.profiles if p.path})  # house styles in use
    # a council's plans are compared with its own plans only, read with its own profiles' stop words and
    # alias lists: another council in the corpus changes nothing in it (README "Linking the plans")
    families = plan_families_of(read.extracts, read.profiles)
    stated = assemble(read.extracts, family_aliases(read.extracts, read.profiles, families), warnings, corpus,
                      families=families)
    stated = with_editions(stated, read.editions)  # each plan's edition; a later edition revises the earlier
    plans = {e.plan_id for e in read.extracts}
    pairs = sorted({(e.plan_id, higher) for e, p in zip(read.extracts, read.profiles)
                    for higher in _aligned_plans(p, plans, warnings)})
    stopwords = frozenset(w for e in read.extracts for w in e.stopwords)
    own_stopwords = family_stopwords(read.extracts, families)
    inferred = infer_alignments(stated, pairs, own_stopwords) + _plan_links(stated, read.extracts, read.profiles)
    graph = PlanGraph(documents=sorted(read.records, key=lambda d: d.name), nodes=stated.nodes,
                      edges=sorted([*stated.edges, *inferred], key=lambda e: (e.source, e.kind, e.target)))
    changed: dict = {}  # node id -> how it changed since the previous edition (build --previous)
    if previous is not None:  # ids carried forward from the previous edition, before decisions name them
        graph, changed = carry_forward(graph, previous)
    data = read_indicator_input(Path(indicators), area or manifest.area, warnings) if indicators else None
    if data is not None:  # indicator nodes and inferred tracked_by links, before the decisions apply
        graph, scores = with_indicators(graph, data, stopwords)
    # shipped curated decisions first (beside the profiles), then the user's
    shipped = [f for folder in folders for f in sorted(folder.rglob(DECISIONS_NAME))]
    decisions = [d for f in [*shipped, *map(Path, decision_files)] for d in read_decisions(f)]
    # candidates after the decisions: a link a reviewer added is no absence
    graph = apply_decisions(graph, decisions, warnings)
    if changed:  # a curated link to a node that changed since the previous edition: kept, marked suspect
        where = {(d.source, d.kind, d.target): (d.file, d.line) for d in decisions}
        graph = mark_suspect(graph, changed, warnings, where, corpus)
    graph = attach_candidates(graph, pairs, own_stopwords)
    if data is not None:
        graph = with_tracking(graph, data, scores, warnings)
    return BuildResult(graph=graph, documents=read.documents,
                       skipped=read.skipped, plan_pairs=pairs, stopwords=stopwords, texts=read.texts,
                       warnings=list(warnings))


def _aligned_plans(profile: Profile, plans: set[str], warnings: Diagnostics) -> list[str]:
    """The plans ``profile`` carries out that are in this build; a warning for the others."""
    present = []
    for higher in profile.plan.aligns_with:
        if higher in plans:
            present.append(higher)
            continue
        path = profile.path or Path(profile.name)
        line = line_of_key(path.read_text(encoding="utf-8"), ("plan", "aligns_with")) if profile.path else None
        warnings.warn(path, line, f"plan '{profile.plan.id}' carries out '{higher}', which no document "
                                  f"of this build belongs to: no links to it are inferred", "plan-not-in-build")
    return present


def _profiles(manifest: Manifest, extra_dirs: list[Path], corpus: Path,
              warnings: Diagnostics) -> dict[str, Profile]:
    """Built-in and extra profiles by name, checked against the loaders and the manifest."""
    profiles = {p.name: p for p in discover_profiles(extra_dirs, warnings)}
    for p in profiles.values():
        if p.profile.loader not in LOADERS:
            raise LoadError(f"unknown loader '{p.profile.loader}' (known: {', '.join(sorted(LOADERS))})",
                            p.path or Path(p.name),
                            line_of_key(p.path.read_text(encoding="utf-8"), ("profile", "loader"))
                            if p.path else None)
    for i, entry in enumerate(manifest.documents):
        if entry.profile not in profiles:
            text = manifest.path.read_text(encoding="utf-8") if manifest.path else ""
            raise LoadError(f"unknown profile '{entry.profile}' (known: {', '.join(sorted(profiles))})",
                            manifest.path or corpus, line_of_key(text, ("documents", i, "profile")))
    return profiles


@dataclass
class _Read:
    extracts: list = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    documents: list[DocumentRead] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    records: list[DocumentRecord] = field(default_factory=list)
    editions: dict[str, tuple[str, str]] = field(default_factory=dict)  # plan id -> (profile's plan id, edition)


def corpus_files(corpus: Path, skip_folders: list[Path]) -> list[Path]:
    """Every file under ``corpus`` that may be a document, sub-folders included, sorted.

    Hidden files and folders, profile folders and configuration files are not documents.
    """
    skip = {f.resolve() for f in skip_folders}
    found = []
    for path in sorted(corpus.rglob("*")):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if any(parent.resolve() in skip for parent in path.parents):
            continue
        if path.suffix.lower() in _CONFIG_SUFFIXES:
            continue
        found.append(path)
    return found


def _read_corpus(corpus: Path, manifest: Manifest, profiles: dict[str, Profile],
                 profile_dirs: list[Path], warnings: Diagnostics) -> _Read:
    """Each file read with its reader and loaded with its profile; the others skipped, with why."""
    out = _Read()
    skip_names = {manifest.path.resolve()} if manifest.path else set()
    for path in corpus_files(corpus, profile_dirs):
        if path.resolve() in skip_names:
            continue
        name = path.relative_to(corpus).as_posix()
        entry = manifest.entry_for(name)
        if reader_for(path) is None and entry is None:
            out.skipped.append(Skipped(name, f"no reader for '{path.suffix or 'files without a suffix'}' files"))
            continue
        try:
            doc = read_any(path, name)
        except Unreadable as exc:
            if entry is not None:
                raise  # the manifest names it: the user means this file
            out.skipped.append(Skipped(name, exc.message))
            warnings.warn(path, exc.line, f"skipped: {exc.message}", "file-skipped")
            continue
        profile = _profile_for(doc, path, entry, profiles)
        if profile is None:
            out.skipped.append(Skipped(name, "no profile recognises it"))
            continue
        series, edition = profile.plan.id, read_edition(profile, doc.full_text)
        profile = for_edition(profile, edition)  # the plan's id and title for this edition
        extract = LOADERS[profile.profile.loader](doc, profile)
        require_edition(profile, path)  # after the loader's own checks (a document with no text)
        if edition:
            out.editions.setdefault(profile.plan.id, (series, edition))
        for found in [*profile_warnings(profile), *extract.warnings, *rule_warnings(profile, doc, extract)]:
            warnings.warn(found.path, found.line, found.message, found.code)
        out.extracts.append(extract)
        out.profiles.append(profile)
        out.documents.append(DocumentRead(doc.name, profile.name, profile.plan.id))
        out.records.append(DocumentRecord(name=doc.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                                          profile=profile.name, plan=profile.plan.id))
        if doc.rendered:
            out.texts[doc.name] = text_of(doc)
    if not out.extracts:
        listed = f" (skipped: {', '.join(s.name for s in out.skipped)})" if out.skipped else ""
        raise GoldenthreadError(f"{corpus}: no recognisable plan document{listed}")
    _warn_duplicates(corpus, out, warnings)
    return out


def _warn_duplicates(corpus: Path, read: _Read, warnings: Diagnostics) -> None:
    """Two copies of one document, or two versions of it, read into one plan: each merges
    into the other's nodes, so the user must choose."""
    by_digest: dict[str, str] = {}
    by_profile: dict[tuple[str, str], str] = {}  # two editions of one plan are two plans
    for record in read.records:
        if record.sha256 in by_digest:
            warnings.warn(corpus / record.name, None, f"the same file as {by_digest[record.sha256]} "
                          f"(identical bytes), read twice; remove one", "duplicate-document")
            continue
        by_digest[record.sha256] = record.name
        if (record.profile, record.plan) in by_profile:
            warnings.warn(corpus / record.name, None, f"read with profile '{record.profile}' like "
                          f"{by_profile[record.profile, record.plan]}: two versions of one document? Both went into "
                          f"plan '{record.plan}'; keep one, or name each in a manifest with its own plan",
                          "duplicate-document")
            continue
        by_profile[record.profile, record.plan] = record.name


def check_out_folder(corpus: Path, out_dir: Path) -> None:
    """Refuse an output folder inside the corpus (the next build would read it) or around it
    (replacing the output would replace the documents)."""
    corpus, out = Path(corpus).resolve(), Path(out_dir).resolve()
    if out == corpus or out.is_relative_to(corpus):
        raise LoadError("the output folder is inside the corpus folder; choose --out outside it", out_dir)
    if corpus.is_relative_to(out):
        raise LoadError("the output folder holds the corpus folder, which a build would replace; "
                        "choose --out beside it", out_dir)


def text_of(doc: DocumentText) -> str:
    """The text read from a non-text document, as written to ``OUT/text/<name>.txt``."""
    return "\n".join(doc.file_lines) + "\n"


def _profile_for(doc: DocumentText, path: Path, entry: DocumentEntry | None,
                 profiles: dict[str, Profile]) -> Profile | None:
    """The manifest's profile for ``doc``, or the one profile that recognises it."""
    if entry is not None:
        return _with_plan(profiles[entry.profile], entry.plan, entry.title)
    matching = [p for p in profiles.values() if recognises(p, doc.name, doc.full_text)]
    if len(matching) > 1:
        names = ", ".join(p.name for p in matching)
        raise LoadError(f"matches several profiles ({names}); name one in a manifest", path)
    return matching[0] if matching else None


def _plan_links(graph: PlanGraph, extracts: list, profiles: list[Profile]) -> list[Link]:
    """Plan -> plan ``aligns_with`` as the profiles declare it (curated by the profile author)."""
    plans = {n.id: n for n in graph.nodes if n.kind == "plan"}
    links: dict[tuple[str, str], Link] = {}
    for extract, profile in zip(extracts, profiles):
        for higher in profile.plan.aligns_with:
            if extract.plan_id in plans and higher in plans and (extract.plan_id, higher) not in links:
                links[(extract.plan_id, higher)] = Link(
                    source=extract.plan_id, target=higher, kind="aligns_with", origin="curated",
                    evidence=Evidence(method="declared in profile",
                                      note=f"[plan] aligns_with in profile {profile.name}",
                                      sources=[plans[extract.plan_id].sources[0], plans[higher].sources[0]]))
    return list(links.values())
