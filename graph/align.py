"""Inferred alignment between plans, each link explained by a score and evidence.

Inputs: a ``PlanGraph`` with stated links only, and the plan pairs to align
(lower/later plan -> higher/earlier plan, from the profiles' ``aligns_with``).
Outputs: ``aligns_with`` links with ``origin="inferred"``, a ``confidence`` and
``evidence`` (method, the two source passages, the score and matched terms), and,
for reading absences, ``candidates``: each commitment's nearest commitments in the
other plan, scored the same way, whatever the threshold.

Text similarity (one definition, ``PairScores``, used by every commitment method
and by ``candidates``): TF-IDF cosine over stemmed content words and adjacent word
pairs of the two commitments' full texts, with two kinds of terms that keep a name
whole:

- a *name*, a run of capitalised words ("Stockport Family", "Local Plan", "One Health
  and Care Plan"; a run joined by "and" also gives each side), is one more term, its
  words kept even where they are stop words. Plans name the services, plans and
  programmes they carry out; two passages naming the same one share a rare term, while
  the place name alone (a profile stop word) still matches nothing.
- an *acronym* spelled out in the same plans ("ICS" and "Integrated Care Systems": a
  run of capitalised words whose initials spell an all-capitals word that the texts
  use) is one term: a text that spells it out also gets the acronym. The expansion is
  read from the documents, never from a list, and an acronym spelled out in two ways is
  left alone.

Why TF-IDF: the plans restate many actions almost word for word and paraphrase others
with the same key nouns ("Food Network", "Youth Guarantee", "volunteering hub");
TF-IDF rewards those rare shared terms and discounts the words every commitment uses
("develop", "work", "support"). It needs no training data, no model download and no
GPU, runs in milliseconds, carries over to any council's plans, and its evidence (the
shared terms) can be read and checked by an officer. Embeddings would catch more
paraphrases but give no readable reason and need a model file; BM25 ranks well but its
scores are not comparable across queries, which a single threshold needs.

1. commitment -> commitment, in four passes, each with its own ``evidence.method``
   and with ``confidence`` = the TF-IDF cosine of the two texts:

   a. ``METHOD_TFIDF``: a commitment links to its best match when the score reaches
      ``THRESHOLD`` (calibrated on tests/data/alignment-gold.csv, see
      benchmarks/alignment.py), and to a second match scoring within
      ``SECOND_MATCH_RATIO`` of the best (a commitment that combines two actions).
   b. ``METHOD_ANCHOR`` (mutual best match sharing a distinctive term): a commitment
      left without a link links to a match scoring at least ``LOW_THRESHOLD`` when
      each is the other's best match (within ``SECOND_MATCH_RATIO``) and they share a
      term that no other commitment of the higher plan uses ("SEND Strategy", "ICS").
      Sound because the three conditions are independent corroborations: the texts are
      alike, no better restatement competes on either side, and the shared term points
      at this one commitment of the higher plan. A long commitment that restates a
      short one (or the reverse) scores low only because of its other words; these
      conditions catch it without lowering the threshold for everyone.
   c. ``METHOD_CONTEXT`` (best match under priorities already aligned): a commitment
      still without a link links to its best match when that scores at least
      ``LOW_THRESHOLD`` and at least ``CONTEXT_SUPPORT`` other commitments of its
      priority (or theme) already link to commitments of the match's priority. Sound
      because the plans are organised alike: a council priority that carries out a
      borough priority through several commitments is likely to carry out its other
      actions too, so a weaker best match inside that pair of priorities is
      corroborated by its neighbours. (Measured: one supporting link, or matches that
      are not the commitment's best, admit topic overlaps; two do not.)
   d. ``METHOD_RESTATED`` (restatement in another document of the higher plan): a plan
      made of several documents (a discussion draft, its report, its slides) restates its
      own actions, and a lower commitment links only to the version it matched best (pass
      a), so the restatement would read as "not carried out". A higher commitment that no
      commitment matched links from its best match(es) in the lower plan (score from
      ``THRESHOLD``, within ``SECOND_MATCH_RATIO`` of its best: rule a seen from its side)
      when that lower commitment already links to a commitment under the same priority in
      another document of the higher plan. Sound because one document does not list an
      action twice: two similar commitments under one priority of two documents of one plan
      are the same action. (Measured: without the other-document condition, "best match
      from the higher side" also adds a second, wrong target where a lower commitment
      mentions the partner of another action.)

   Measured on the labelled sample and not kept: blending in the parent priorities' text
   (adds topic overlaps: fewer right links before the first wrong one at every weight
   tried), a lower threshold for a best match far above the runner-up (no margin
   separates the labelled pairs from topic overlaps), containment of one text in the
   other (the same), blending in character 4-grams (slightly worse at every weight; the
   tokenizer already reads "Covid 19" and "Covid-19" alike), a longer stop-word list (no
   change).
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer

from goldenthread.core.model import Evidence, Link, Node, PlanGraph

THRESHOLD = 0.22
LOW_THRESHOLD = 0.12  # corroborated matches (passes b and c), never alone
SECOND_MATCH_RATIO = 0.85
CONTEXT_SUPPORT = 2  # other commitment links between the two priorities that pass c asks for
THEME_THRESHOLD = 0.12
METHOD_TFIDF = "tf-idf cosine of stemmed words and word pairs"
METHOD_ANCHOR = "tf-idf cosine, mutual best match sharing a distinctive term"
METHOD_CONTEXT = "tf-idf cosine, best match under priorities aligned by other commitments"
METHOD_RESTATED = "tf-idf cosine, restatement in another document of the higher plan"
METHOD_SUPPORT = "aligned commitments"
METHOD_SHARED = "shared delivery strategy or board"

#: every commitment -> commitment method: what it rests on, in a few words, and what the
#: link's confidence is (the TF-IDF cosine of the two texts for all of them)
COMMITMENT_METHODS: dict[str, str] = {
    METHOD_TFIDF: f"text similarity (best match, linked from {THRESHOLD:.2f})",
    METHOD_ANCHOR: (f"text similarity from {LOW_THRESHOLD:.2f}, each the other's best match, "
                    "sharing a term no other commitment of the higher plan uses"),
    METHOD_CONTEXT: (f"text similarity from {LOW_THRESHOLD:.2f}, best match under priorities that "
                     f"{CONTEXT_SUPPORT} or more other commitments already align"),
    METHOD_RESTATED: (f"text similarity from {THRESHOLD:.2f}: the higher plan restates, in another of its "
                      "documents and under the same priority, an action this commitment carries out"),
}

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z][a-z0-9]+")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|&")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NAME_GAP = re.compile(r"[\s,]*")  # what may stand between two words of one name
_CONNECTORS = frozenset({"and", "of", "for", "the", "to", "&"})  # may stand inside a name
_SPELLED_GAP = r"[\s,]+(?:(?:and|of|for|the|&|to)[\s,]+)*"
_NAME_MARK = "#"  # a name term: "#stockport famili"; word pairs are "a b", words have no space
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


@dataclass(frozen=True)
class Candidate:
    """One of a commitment's nearest commitments in the other plan of an aligned pair.

    ``commitment`` is the commitment the candidate is for; ``other`` a commitment of
    ``other_plan`` (the higher plan for a commitment of the lower plan, the lower plan for
    one of the higher plan); ``rank`` 1 is the best; ``score`` the TF-IDF cosine of the two
    full texts, 0-1, exactly as links are scored (``PairScores``), whether or not it reaches
    a threshold; ``terms`` the shared words and names, strongest first. Read the two
    passages from the nodes' ``sources``.
    """

    commitment: str
    other: str
    other_plan: str
    rank: int
    score: float
    terms: tuple[str, ...]


@functools.lru_cache(maxsize=1 << 14)
def _capitalised_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """Runs of capitalised words, connectors ("and", "of", "&") allowed inside, commas between."""
    runs: list[list[str]] = []
    run: list[str] = []
    last = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        if run and not _NAME_GAP.fullmatch(text, last, m.start()):
            runs.append(run)
            run = []
        last = m.end()
        if word[0].isupper() and not word.isupper():
            run.append(word)
        elif run and word.lower() in _CONNECTORS:
            run.append(word)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    out = []
    for run in runs:
        while run and run[-1].lower() in _CONNECTORS:
            run = run[:-1]
        if run:
            out.append(tuple(run))
    return tuple(out)


def _names(text: str) -> list[tuple[str, ...]]:
    """Each capitalised run, and each side of an "and" inside one ("Stockport Family and Education")."""
    out = []
    for run in _capitalised_runs(text):
        out.append(run)
        sides: list[tuple[str, ...]] = []
        side: list[str] = []
        for word in run:
            if word.lower() in ("and", "&"):
                sides.append(tuple(side))
                side = []
            else:
                side.append(word)
        if sides:
            out += [s for s in [*sides, tuple(side)] if s]
    return out


def acronyms(texts: Iterable[str]) -> dict[str, re.Pattern[str]]:
    """Acronym -> pattern of its spelled-out form, as these texts use both.

    An acronym is an all-capitals word of 2-6 letters in the texts; its spelled-out form a
    run of capitalised words (connectors and commas allowed between) whose initials spell
    it. An acronym spelled out in more than one way is left out.
    """
    texts = list(texts)
    used = {m.group() for t in texts for m in _ACRONYM.finditer(t)}
    if not used:
        return {}
    spelled: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for text in texts:
        for run in _capitalised_runs(text):
            words = [w for w in run if w.lower() not in _CONNECTORS]
            for i in range(len(words)):
                for j in range(i + 2, min(len(words), i + 6) + 1):
                    initials = "".join(w[0] for w in words[i:j]).upper()
                    if initials in used:
                        spelled[initials].add(tuple(words[i:j]))
    return {a: re.compile(r"\b" + _SPELLED_GAP.join(map(re.escape, next(iter(forms)))) + r"\b")
            for a, forms in sorted(spelled.items()) if len(forms) == 1}


def terms_of(text: str, extra_stopwords: frozenset[str] = frozenset(),
             spelled: dict[str, re.Pattern[str]] | None = None) -> tuple[list[str], dict[str, str]]:
    """The terms of ``text`` and term -> surface form: stemmed content words, adjacent word
    pairs, names (``_NAME_MARK`` + their stems) and the acronyms ``spelled`` out in it."""
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in STOPWORDS
             and w not in extra_stopwords]
    stems = [_stem(w) for w in words]
    surface = {s: w for s, w in zip(stems, words)}
    pairs = [f"{a} {b}" for a, b in zip(stems, stems[1:])]
    for a, b, pair in zip(stems, stems[1:], pairs):
        surface[pair] = f"{surface[a]} {surface[b]}"
    names = []
    for name in _names(text):
        kept = [w for w in name if w.lower() not in STOPWORDS and w.lower() not in _CONNECTORS]
        if len(kept) >= 2:
            term = _NAME_MARK + " ".join(_stem(w.lower()) for w in kept)
            names.append(term)
            surface.setdefault(term, " ".join(name))
    spelled_out = []
    for acronym, pattern in (spelled or {}).items():
        word = acronym.lower()
        if word in STOPWORDS or word in extra_stopwords or re.search(rf"\b{acronym}\b", text):
            continue
        if pattern.search(text):
            spelled_out.append(_stem(word))
            surface.setdefault(_stem(word), word)
    return stems + pairs + names + spelled_out, surface


def tfidf(texts: dict[str, str], extra_stopwords: frozenset[str] = frozenset()
          ) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """L2-normalised TF-IDF vectors (smoothed idf) for each text, and term -> surface word.

    Acronyms are read from the same texts (``acronyms``)."""
    spelled = acronyms(texts[k] for k in sorted(texts))
    bags: dict[str, Counter] = {}
    surface: dict[str, str] = {}
    for key in sorted(texts):
        terms, words = terms_of(texts[key], extra_stopwords, spelled)
        bags[key] = Counter(terms)
        for stem, word in words.items():
            surface.setdefault(stem, word)
    return weigh(bags), surface


def weigh(bags: dict[str, Counter]) -> dict[str, dict[str, float]]:
    """L2-normalised TF-IDF vectors of bags of terms: sublinear tf, smoothed idf over ``bags``.

    >>> from collections import Counter
    >>> v = weigh({"a": Counter(["school", "ready"]), "b": Counter(["school"])})
    >>> round(v["b"]["school"], 3), sorted(v["a"])
    (1.0, ['ready', 'school'])
    """
    n = len(bags)
    df = Counter(t for bag in bags.values() for t in bag)
    vectors = {}
    for key, bag in bags.items():
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {t: v / norm for t, v in vec.items()}
    return vectors


def _shown(term: str) -> bool:
    """Words, acronyms and names are shown as evidence; word pairs only repeat their words."""
    return term.startswith(_NAME_MARK) or " " not in term


def cosine(a: dict[str, float], b: dict[str, float], surface: dict[str, str], top: int = 6
           ) -> tuple[float, tuple[str, ...]]:
    """Cosine similarity of tf-idf vectors ``a`` and ``b``, and the ``top`` shared terms that weigh most (as
    ``surface`` spells them)."""
    shared = [(a[t] * b[t], t) for t in a.keys() & b.keys()]
    shared.sort(key=lambda p: (-p[0], p[1]))
    terms = tuple(surface.get(t, t) for _, t in shared if _shown(t))[:top]
    return sum(w for w, _ in shared), terms


#: the profiles' stop words: one set for every plan, or plan id -> the set of its plan family
#: (a corpus of several councils: a council's stop words, its own place name, apply to its own plans)
Stopwords = frozenset[str] | Mapping[str, frozenset[str]]


def stopwords_of(stopwords: Stopwords, plan: str) -> frozenset[str]:
    """The stop words that apply to the texts of ``plan``.

    >>> sorted(stopwords_of({"a-plan": frozenset({"westmouth"})}, "a-plan")), stopwords_of(frozenset({"x"}), "b")
    (['westmouth'], frozenset({'x'}))
    """
    return stopwords if isinstance(stopwords, frozenset) else stopwords.get(plan, frozenset())


class PlanIndex:
    """A graph's nodes by plan and links by source, found once.

    ``pair(lower, higher)`` is what aligning two plans reads, found in time that grows with those
    two plans, not with the graph. Why: a corpus of many councils holds a pair of plans per
    council, and scanning every node of every council for each pair made a build grow with the
    square of the councils.
    """

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self.plans = {n.id for n in graph.nodes if n.kind == "plan"}
        self._position = {n.id: i for i, n in enumerate(graph.nodes)}
        self._by_plan: dict[str | None, list[int]] = defaultdict(list)
        for i, n in enumerate(graph.nodes):
            self._by_plan[n.plan].append(i)
        self._by_source: dict[str, list[int]] = defaultdict(list)
        for j, e in enumerate(graph.edges):
            self._by_source[e.source].append(j)

    def pair(self, lower: str, higher: str) -> PlanGraph:
        """The nodes of ``lower`` and ``higher``, the links from them and the nodes those links reach
        (strategies, boards), in the graph's order: for this pair, every function of this module
        and of ``goldenthread.graph.candidates`` reads the same from it as from the whole graph."""
        graph = self.graph
        own = sorted({*self._by_plan.get(lower, ()), *self._by_plan.get(higher, ())})
        edges = sorted(j for i in own for j in self._by_source.get(graph.nodes[i].id, ()))
        reached = {self._position[graph.edges[j].target] for j in edges if graph.edges[j].target in self._position}
        nodes = sorted(reached.union(own))
        # not validated again: the nodes and links are the graph's own. Every field with a default
        # factory is given: pydantic's model_construct otherwise reads the factory's signature
        # (inspect.signature(list), ~0.1 ms each) on every call.
        return PlanGraph.model_construct(nodes=[graph.nodes[i] for i in nodes], edges=[graph.edges[j] for j in edges],
                                         generator=graph.generator, documents=[], tracking=[], retired=[])


def _commitments(graph: PlanGraph, plan: str) -> list[Node]:
    return [n for n in graph.nodes if n.kind == "commitment" and n.plan == plan]


def _top(row: list[tuple[float, str]], ratio: float = SECOND_MATCH_RATIO) -> list[str]:
    """The best of a ranked row and a close second (within ``ratio`` of the best)."""
    if not row:
        return []
    return [key for score, key in row[:2] if score >= ratio * row[0][0]]


#: the commitments a pair's scores read: (id, plan, text) of each, in the graph's order
Commitments = tuple[tuple[str, str | None, str], ...]


def pair_commitments(graph: PlanGraph, lower: str, higher: str) -> Commitments:
    """The commitments of ``lower`` and ``higher``, as ``PairScores`` reads them."""
    return tuple((n.id, n.plan, n.text) for n in graph.nodes if n.kind == "commitment" and n.plan in (lower, higher))


def pair_scores(graph: PlanGraph, lower: str, higher: str,
                extra_stopwords: frozenset[str] = frozenset()) -> PairScores:
    """``PairScores`` of the pair in ``graph``, made once for the same commitments and stop words.

    Why: a build reads the same scores twice, for the links (``align_commitments``) and for the
    nearest candidates (``candidates``), and making them is a third of aligning two plans. They are
    kept by what they are made from (each commitment's id, plan and text), so a graph whose
    commitments differ (another edition's ids) is scored afresh; the last 32 pairs are kept.
    The scores are shared by every caller: read them, never change them."""
    return _pair_scores(pair_commitments(graph, lower, higher), lower, higher, extra_stopwords)


class PairScores:
    """TF-IDF cosine of every commitment of ``lower`` with every commitment of ``higher``.

    The one definition of commitment similarity: links (``align_commitments``) and
    ``candidates`` both read it. Vectors are built over the commitments of both plans (so a
    word both plans use everywhere weighs little); pairs are found through an inverted index,
    so the cost grows with the pairs that share a term, not with every pair.
    ``forward[c]``: the higher plan's commitments sharing a term with ``c``, as
    ``(score, id)``, best first (ties by id); ``backward[h]``: the same from the higher
    plan's side. Scores are rounded to 4 decimals.
    """

    def __init__(self, commitments: Commitments, lower: str, higher: str,
                 extra_stopwords: frozenset[str] = frozenset()) -> None:
        self.lower, self.higher = lower, higher
        self.low = [c for c, plan, _ in commitments if plan == lower]
        self.high = [c for c, plan, _ in commitments if plan == higher]
        texts = {c: text for c, plan, text in commitments if plan in (lower, higher)}
        self.vectors, self.surface = tfidf(texts, extra_stopwords)
        postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for h in self.high:
            for term, weight in self.vectors[h].items():
                postings[term].append((h, weight))
        #: in how many of the higher plan's commitments each term occurs
        self.higher_df = Counter(term for h in self.high for term in self.vectors[h])
        self.forward: dict[str, list[tuple[float, str]]] = {}
        backward: dict[str, list[tuple[float, str]]] = {h: [] for h in self.high}
        for c in self.low:
            acc: dict[str, float] = defaultdict(float)
            for term, weight in self.vectors[c].items():
                for h, other in postings.get(term, ()):
                    acc[h] += weight * other
            row = sorted(((round(s, 4), h) for h, s in acc.items() if round(s, 4) > 0),
                         key=lambda p: (-p[0], p[1]))
            self.forward[c] = row
            for score, h in row:
                backward[h].append((score, c))
        for row in backward.values():
            row.sort(key=lambda p: (-p[0], p[1]))
        self.backward = backward

    def shared(self, a: str, b: str) -> list[str]:
        """Terms of both texts, strongest first."""
        va, vb = self.vectors[a], self.vectors[b]
        return [t for _, t in sorted((-va[t] * vb[t], t) for t in va.keys() & vb.keys())]

    def terms(self, a: str, b: str, top: int = 6) -> tuple[str, ...]:
        """The shared words, acronyms and names as written, strongest first."""
        return tuple(self.surface.get(t, t) for t in self.shared(a, b) if _shown(t))[:top]

    def distinctive(self, low: str, high: str) -> list[str]:
        """Shared terms that no other commitment of the higher plan uses, as written."""
        return [self.surface.get(t, t) for t in self.shared(low, high) if self.higher_df[t] == 1]


@functools.lru_cache(maxsize=32)
def _pair_scores(commitments: Commitments, lower: str, higher: str, extra_stopwords: frozenset[str]) -> PairScores:
    return PairScores(commitments, lower, higher, extra_stopwords)


def score_commitments(graph: PlanGraph, lower: str, higher: str,
                      extra_stopwords: frozenset[str] = frozenset()) -> dict[str, list[Scored]]:
    """For each commitment of ``lower``, every commitment of ``higher`` sharing a term with it,
    with its score and shared terms, best first."""
    scores = pair_scores(graph, lower, higher, extra_stopwords)
    return {c: [Scored(c, h, s, scores.terms(c, h)) for s, h in row] for c, row in scores.forward.items()}


def select(scored: list[Scored], threshold: float = THRESHOLD,
           ratio: float = SECOND_MATCH_RATIO) -> list[Scored]:
    """The best match if it reaches the threshold, plus a close second."""
    if not scored or scored[0].score < threshold:
        return []
    best = scored[0].score
    return [s for s in scored[:2] if s.score >= threshold and s.score >= ratio * best]


def _evidence(graph: PlanGraph, method: str, source: str, target: str, note: str,
              by_id: dict[str, Node] | None = None) -> Evidence:
    by_id = by_id if by_id is not None else {n.id: n for n in graph.nodes}
    return Evidence(method=method, sources=[by_id[source].sources[0], by_id[target].sources[0]], note=note)


def _documents(node: Node) -> set[str]:
    return {s.document for s in node.sources}


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)


def align_commitments(graph: PlanGraph, lower: str, higher: str, threshold: float = THRESHOLD,
                      extra_stopwords: frozenset[str] = frozenset(),
                      low_threshold: float = LOW_THRESHOLD) -> list[Link]:
    """Commitment -> commitment links of ``lower`` to ``higher``: passes a-d of the module doc."""
    scores = pair_scores(graph, lower, higher, extra_stopwords)
    by_id = {n.id: n for n in graph.nodes}
    parent = _parent(graph)
    low_t = min(low_threshold, threshold)
    chosen: dict[tuple[str, str], tuple[str, float, str]] = {}  # (source, target) -> (method, score, why)

    # a. best match (and a close second) from the threshold
    for c in sorted(scores.low):
        row = scores.forward[c]
        if row and row[0][0] >= threshold:
            for score, h in row[:2]:
                if score >= threshold and score >= SECOND_MATCH_RATIO * row[0][0]:
                    chosen[(c, h)] = (METHOD_TFIDF, score, "")
    linked = {c for c, _ in chosen}

    # b. weaker mutual best matches that share a term only this higher commitment uses
    for c in sorted(set(scores.low) - linked):
        score_of = dict((h, s) for s, h in scores.forward[c])
        for h in _top(scores.forward[c]):
            if score_of[h] < low_t or c not in _top(scores.backward[h]):
                continue
            anchors = scores.distinctive(c, h)
            if anchors:
                chosen[(c, h)] = (METHOD_ANCHOR, score_of[h], (
                    f"each is the other's best match, and no other commitment of {by_id[higher].label} "
                    f"uses {_quoted(anchors[:3])}"))
    linked = {c for c, _ in chosen}

    # c. a weaker best match under priorities already aligned by other commitments
    support: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c, h in chosen:
        if c in parent and h in parent:
            support[(parent[c], parent[h])].add(c)
    for c in sorted(set(scores.low) - linked):
        row = scores.forward[c]
        if not row or row[0][0] < low_t or c not in parent or row[0][1] not in parent:
            continue
        score, h = row[0]
        pc, ph = parent[c], parent[h]
        others = support.get((pc, ph), set()) - {c}
        if len(others) >= CONTEXT_SUPPORT:
            chosen[(c, h)] = (METHOD_CONTEXT, score, (
                f"its best match; {len(others)} other commitments of '{by_id[pc].label}' already align "
                f"with actions of '{by_id[ph].label}'"))

    # d. an action the higher plan restates in another of its documents, under the same priority
    matched = {h for _, h in chosen}
    targets: dict[str, set[str]] = defaultdict(set)
    for c, h in chosen:
        targets[c].add(h)
    for h in sorted(set(scores.high) - matched):
        row = scores.backward[h]
        if not row or row[0][0] < threshold:
            continue
        for score, c in row[:2]:
            if score < threshold or score < SECOND_MATCH_RATIO * row[0][0]:
                continue
            restated = sorted(t for t in targets[c] if parent.get(t) is not None and parent.get(t) == parent.get(h)
                              and not _documents(by_id[t]) & _documents(by_id[h]))
            if restated:
                chosen[(c, h)] = (METHOD_RESTATED, score, (
                    f"the best match of this commitment of {by_id[higher].label}, which restates "
                    f"'{by_id[restated[0]].label}' ({', '.join(sorted(_documents(by_id[restated[0]])))}) "
                    f"under the same priority"))

    links = []
    for (c, h), (method, score, why) in sorted(chosen.items()):
        below = f" (below {threshold:.2f}, corroborated)" if score < threshold else ""
        note = f"score {score:.2f}{below}; " + (f"{why}; " if why else "")
        note += f"shared terms: {', '.join(scores.terms(c, h))}"
        links.append(Link(source=c, target=h, kind="aligns_with", origin="inferred",
                          confidence=min(1.0, score),
                          evidence=_evidence(graph, method, c, h, note, by_id)))
    return links


def candidates(graph: PlanGraph, pairs: Iterable[tuple[str, str]], stopwords: Stopwords = frozenset(),
               k: int = 3) -> dict[str, tuple[Candidate, ...]]:
    """The ``k`` nearest commitments in the other plan for every commitment of each aligned pair.

    ``pairs`` are (lower, higher) plan ids as for ``infer_alignments``. A commitment of the
    lower plan gets the higher plan's commitments, one of the higher plan the lower plan's,
    scored by ``PairScores`` (the same scores as the links), whatever the threshold; only
    commitments sharing at least one term are candidates, so a list may be shorter than
    ``k`` or empty. Every commitment of every pair is a key; a commitment in several pairs
    has ``k`` candidates per pair, in pair order. Deterministic (ties by id) and linear in
    the pairs that share a term.
    """
    index = PlanIndex(graph)
    out: dict[str, list[Candidate]] = {}
    for lower, higher in sorted(set(pairs)):
        if lower not in index.plans or higher not in index.plans:
            continue
        scores = pair_scores(index.pair(lower, higher), lower, higher, stopwords_of(stopwords, lower))
        for side, rows, other_plan in ((scores.low, scores.forward, higher), (scores.high, scores.backward, lower)):
            for c in side:
                found = out.setdefault(c, [])
                for rank, (score, other) in enumerate(rows[c][:k], 1):
                    found.append(Candidate(commitment=c, other=other, other_plan=other_plan, rank=rank,
                                           score=score, terms=scores.terms(c, other)))
    return {c: tuple(found) for c, found in sorted(out.items())}


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
                     extra_stopwords: Stopwords = frozenset()) -> list[Link]:
    """All inferred links for the plan pairs (lower, higher), in canonical order.

    Each pair reads only its two plans (``PlanIndex.pair``): the TF-IDF weights of a pair are
    counted over its own two plans' texts, so plans outside the pair (another council's) change
    nothing, and the cost grows with the pairs, not with pairs x graph."""
    index = PlanIndex(graph)
    links: list[Link] = []
    for lower, higher in sorted(set(pairs)):
        if lower not in index.plans or higher not in index.plans:
            continue
        pair, stop = index.pair(lower, higher), stopwords_of(extra_stopwords, lower)
        commitment_links = align_commitments(pair, lower, higher, extra_stopwords=stop)
        links += commitment_links
        links += align_priorities(pair, commitment_links)
        links += align_by_shared_bodies(pair, lower, higher)
        if not _commitments(pair, lower):
            links += align_themes(pair, lower, higher, extra_stopwords=stop)
    seen: dict[tuple[str, str, str], Link] = {}
    for link in links:
        seen.setdefault((link.source, link.kind, link.target), link)
    return sorted(seen.values(), key=lambda e: (e.source, e.kind, e.target))
