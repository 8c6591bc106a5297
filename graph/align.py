"""Inferred alignment between plans, each link explained by a score and evidence.

Inputs: a ``PlanGraph`` with stated links only, and the plan pairs to align
(lower/later plan -> higher/earlier plan, from the profiles' ``aligns_with``).
Outputs: ``aligns_with`` links with ``origin="inferred"``, a ``confidence`` and
``evidence`` (method, the two source passages, the score and matched terms):

1. commitment -> commitment: TF-IDF cosine over stemmed content words and
   adjacent word pairs. Why this method: the plans restate many actions almost
   word for word and paraphrase others with the same key nouns ("Food Network",
   "Youth Guarantee", "volunteering hub"); TF-IDF rewards those rare shared
   terms and discounts the words every commitment uses ("develop", "work",
   "support"). It needs no training data, no model download and no GPU, runs in
   milliseconds, carries over to any council's plans, and its evidence (the
   shared terms) can be read and checked by an officer. Embeddings would catch
   more paraphrases but give no readable reason and need a model file; BM25
   ranks well but its scores are not comparable across queries, which a single
   threshold needs. A commitment links to its best match when the score reaches
   ``THRESHOLD`` (calibrated on tests/data/alignment-gold.csv, see
   benchmarks/alignment.py), and to a second match scoring within
   ``SECOND_MATCH_RATIO`` of the best (a commitment that combines two actions).
2. priority -> priority: a lower-plan priority aligns with each higher-plan
   priority that holds actions its commitments align with; the support
   (how many of its commitments) is counted in the evidence.
3. theme or priority -> priority through a shared delivery strategy or board,
   where both plans name the same one.
4. theme -> priority (a later plan's themes): TF-IDF over the higher
   priority's label, ambition and actions; weak on short texts, so a curated
   decisions file completes it (those links are ``curated``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import snowballstemmer

from goldenthread.graph.model import Evidence, Link, Node, PlanGraph

THRESHOLD = 0.22
SECOND_MATCH_RATIO = 0.85
THEME_THRESHOLD = 0.12
METHOD_TFIDF = "tf-idf cosine of stemmed words and word pairs"
METHOD_SUPPORT = "aligned commitments"
METHOD_SHARED = "shared delivery strategy or board"

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z][a-z0-9]+")
# Function words, and words every plan commitment uses: they carry no match signal.
STOPWORDS = frozenset("""
a about across after all along also an and any are as at be been being both but by can could do
does each for from further has have how if in including into is it its make making more most new
not of on or other our ours over own such than that the their them these they this those through
to under up us was we were what when where which while who will with within would you your
ensure ensuring continue continuing deliver delivering delivery develop developing development
work working support supporting use using help helping take taking
""".split())


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    # the pure-Python stemmer was most of a build's time; plans reuse a small vocabulary
    return _STEMMER.stemWord(word)


@dataclass(frozen=True)
class Scored:
    source: str
    target: str
    score: float
    terms: tuple[str, ...]


def terms_of(text: str, extra_stopwords: frozenset[str] = frozenset()) -> tuple[list[str], dict[str, str]]:
    """Stemmed content words and adjacent word pairs of ``text``, and stem -> surface word."""
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in STOPWORDS
             and w not in extra_stopwords]
    stems = [_stem(w) for w in words]
    surface = {s: w for s, w in zip(stems, words)}
    pairs = [f"{a} {b}" for a, b in zip(stems, stems[1:])]
    for a, b, pair in zip(stems, stems[1:], pairs):
        surface[pair] = f"{surface[a]} {surface[b]}"
    return stems + pairs, surface


def tfidf(texts: dict[str, str], extra_stopwords: frozenset[str] = frozenset()
          ) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """L2-normalised TF-IDF vectors (smoothed idf) for each text, and stem -> word."""
    bags: dict[str, Counter] = {}
    surface: dict[str, str] = {}
    for key in sorted(texts):
        terms, words = terms_of(texts[key], extra_stopwords)
        bags[key] = Counter(terms)
        for stem, word in words.items():
            surface.setdefault(stem, word)
    n = len(bags)
    df = Counter(t for bag in bags.values() for t in bag)
    vectors = {}
    for key, bag in bags.items():
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {t: v / norm for t, v in vec.items()}
    return vectors, surface


def cosine(a: dict[str, float], b: dict[str, float], surface: dict[str, str], top: int = 6
           ) -> tuple[float, tuple[str, ...]]:
    shared = [(a[t] * b[t], t) for t in a.keys() & b.keys()]
    shared.sort(key=lambda p: (-p[0], p[1]))
    terms = tuple(surface.get(t, t) for _, t in shared if " " not in t)[:top]
    return sum(w for w, _ in shared), terms


def _commitments(graph: PlanGraph, plan: str) -> list[Node]:
    return [n for n in graph.nodes if n.kind == "commitment" and n.plan == plan]


def score_commitments(graph: PlanGraph, lower: str, higher: str,
                      extra_stopwords: frozenset[str] = frozenset()) -> dict[str, list[Scored]]:
    """For each commitment of ``lower``, every commitment of ``higher`` with its score, best first."""
    low, high = _commitments(graph, lower), _commitments(graph, higher)
    vectors, surface = tfidf({n.id: n.text for n in low + high}, extra_stopwords)
    out: dict[str, list[Scored]] = {}
    for c in low:
        scored = []
        for t in high:
            score, terms = cosine(vectors[c.id], vectors[t.id], surface)
            if score > 0:
                scored.append(Scored(c.id, t.id, round(score, 4), terms))
        scored.sort(key=lambda s: (-s.score, s.target))
        out[c.id] = scored
    return out


def select(scored: list[Scored], threshold: float = THRESHOLD,
           ratio: float = SECOND_MATCH_RATIO) -> list[Scored]:
    """The best match if it reaches the threshold, plus a close second."""
    if not scored or scored[0].score < threshold:
        return []
    best = scored[0].score
    return [s for s in scored[:2] if s.score >= threshold and s.score >= ratio * best]


def _evidence(graph: PlanGraph, method: str, source: str, target: str, note: str) -> Evidence:
    by_id = {n.id: n for n in graph.nodes}
    return Evidence(method=method, sources=[by_id[source].sources[0], by_id[target].sources[0]], note=note)


def align_commitments(graph: PlanGraph, lower: str, higher: str, threshold: float = THRESHOLD,
                      extra_stopwords: frozenset[str] = frozenset()) -> list[Link]:
    links = []
    for source, scored in sorted(score_commitments(graph, lower, higher, extra_stopwords).items()):
        for s in select(scored, threshold):
            note = f"score {s.score:.2f}; shared terms: {', '.join(s.terms)}"
            links.append(Link(source=s.source, target=s.target, kind="aligns_with", origin="inferred",
                              confidence=min(1.0, s.score),
                              evidence=_evidence(graph, METHOD_TFIDF, s.source, s.target, note)))
    return links


def _parent(graph: PlanGraph) -> dict[str, str]:
    return {e.source: e.target for e in graph.edges if e.kind == "part_of"}


def align_priorities(graph: PlanGraph, commitment_links: list[Link]) -> list[Link]:
    """Priority -> priority links supported by their commitments' alignments."""
    by_id = {n.id: n for n in graph.nodes}
    parent = _parent(graph)
    size = Counter(parent[n.id] for n in graph.nodes if n.kind == "commitment" and n.id in parent)
    support: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in commitment_links:
        src, tgt = parent.get(link.source), parent.get(link.target)
        if src and tgt and by_id[src].kind == "priority" and by_id[tgt].kind == "priority":
            support[(src, tgt)].append(link)
    out = []
    for (src, tgt), links in sorted(support.items()):
        commitments = sorted({link.source for link in links})
        note = (f"{len(commitments)} of {size[src]} commitments align with its actions: "
                + "; ".join(f"{by_id[link.source].label} ({link.confidence:.2f})" for link in links))
        out.append(Link(source=src, target=tgt, kind="aligns_with", origin="inferred",
                        confidence=round(len(commitments) / size[src], 4),
                        evidence=_evidence(graph, METHOD_SUPPORT, src, tgt, note)))
    return out


def align_by_shared_bodies(graph: PlanGraph, lower: str, higher: str) -> list[Link]:
    """Lower-plan themes/priorities -> higher-plan priorities naming the same strategy or board."""
    by_id = {n.id: n for n in graph.nodes}
    bodies: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        if e.kind in ("delivered_through", "overseen_by") and e.source in by_id:
            bodies[e.source].add(e.target)
    out = []
    for src in sorted(bodies):
        if by_id[src].plan != lower or by_id[src].kind not in ("theme", "priority"):
            continue
        for tgt in sorted(bodies):
            if by_id[tgt].plan != higher or by_id[tgt].kind != "priority":
                continue
            shared = sorted(bodies[src] & bodies[tgt])
            if shared:
                note = "both name " + ", ".join(by_id[s].label for s in shared)
                out.append(Link(source=src, target=tgt, kind="aligns_with", origin="inferred",
                                confidence=0.9, evidence=_evidence(graph, METHOD_SHARED, src, tgt, note)))
    return out


def align_themes(graph: PlanGraph, lower: str, higher: str, threshold: float = THEME_THRESHOLD,
                 extra_stopwords: frozenset[str] = frozenset()) -> list[Link]:
    """A later plan's themes -> the earlier plan's priorities, by text."""
    parent = _parent(graph)
    themes = [n for n in graph.nodes if n.kind == "theme" and n.plan == lower]
    prios = [n for n in graph.nodes if n.kind == "priority" and n.plan == higher]
    profile = {p.id: " ".join([p.label, p.text] + [n.text for n in graph.nodes
                                                    if n.kind == "commitment" and parent.get(n.id) == p.id])
               for p in prios}
    texts = {**{t.id: f"{t.label} {t.text}" for t in themes}, **profile}
    vectors, surface = tfidf(texts, extra_stopwords)
    out = []
    for t in themes:
        for p in prios:
            score, terms = cosine(vectors[t.id], vectors[p.id], surface)
            if score >= threshold:
                note = f"score {score:.2f}; shared terms: {', '.join(terms)}"
                out.append(Link(source=t.id, target=p.id, kind="aligns_with", origin="inferred",
                                confidence=round(min(1.0, score), 4),
                                evidence=_evidence(graph, METHOD_TFIDF, t.id, p.id, note)))
    return out


def infer_alignments(graph: PlanGraph, pairs: list[tuple[str, str]],
                     extra_stopwords: frozenset[str] = frozenset()) -> list[Link]:
    """All inferred links for the plan pairs (lower, higher), in canonical order."""
    plans = {n.id for n in graph.nodes if n.kind == "plan"}
    links: list[Link] = []
    for lower, higher in sorted(set(pairs)):
        if lower not in plans or higher not in plans:
            continue
        commitment_links = align_commitments(graph, lower, higher, extra_stopwords=extra_stopwords)
        links += commitment_links
        links += align_priorities(graph, commitment_links)
        links += align_by_shared_bodies(graph, lower, higher)
        if not _commitments(graph, lower):
            links += align_themes(graph, lower, higher, extra_stopwords=extra_stopwords)
    seen: dict[tuple[str, str, str], Link] = {}
    for link in links:
        seen.setdefault((link.source, link.kind, link.target), link)
    return sorted(seen.values(), key=lambda e: (e.source, e.kind, e.target))
