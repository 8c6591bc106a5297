"""Which indicator tracks which measure: ``tracked_by`` links inferred from wording, each explained.

Inputs: a ``PlanGraph`` holding measures and ``indicator`` nodes (an indicator node's text is
the indicator's name as its file writes it), and the profiles' stop words.
Outputs: ``IndicatorScores``: every measure scored against every indicator;
``.links()``, the inferred ``tracked_by`` links (``origin="inferred"``, ``confidence`` = the
score, ``evidence``: the method, the two passages compared, and a note with the score, the
topic or words shared, the rules applied and the nearest other indicator); ``.candidates(m)``,
a measure's nearest indicators with their scores, for a measure linked to none (the evidence
of "no data", as plan alignment keeps candidates for an absence); ``.matched_words(m, i)``,
the measure's words that matched the indicator (which clause of a measure with two aims is
about it).

Score: TF-IDF cosine of the measure's text and the indicator's name, over the terms plan
alignment uses (stemmed content words, adjacent word pairs, names, acronyms the texts spell
out: ``align.terms_of``), with one more term per *topic* a text names (``TOPICS``). Why
topics: indicator names are statistical ("Claimants as a proportion of residents aged
16-64") where plans say "Reduced unemployment": no word in common. A topic is a short list of
the phrases both sides use for one thing (claimants, unemployment; NEET, "not in education,
employment or training"), so the two share a term, and the evidence names it.

A measure is tracked by its best indicator (highest score, ties by id) among those that pass
one of two tests, and that no rule keeps apart:

- *topic*: they name one topic, and the score reaches ``TOPIC_THRESHOLD``;
- *wording*: the measure names every word of the indicator's name (statistical words such as
  "percentage", "number", "rate" aside, ``STAT_WORDS``), and the score reaches ``THRESHOLD``.
  ("Number of affordable homes started" does not name "completed": not tracked by
  "Affordable homes completed".)

Rules that keep a measure and an indicator apart, however alike their wording:

- *gap*: a measure about a gap or inequality ("Reduce the widening gap in healthy life
  expectancy between our communities") is not tracked by an indicator that is a level (healthy
  life expectancy): the level can rise while the gap widens;
- *subgroup*: an indicator about a subgroup (children with free school meals, care leavers)
  tracks only a measure that names it.

Then: a rate or proportion is preferred to a count of the same thing from the same file (a
rate compares across areas of different sizes; the note names the count passed over); and
the indicator's other breakdown series (the same name, statistic and unit: healthy life
expectancy of males and of females) are linked with it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from goldenthread.core.model import Candidate, Evidence, Link, Node, PlanGraph
from goldenthread.graph import align

THRESHOLD = 0.3  # wording alone (the measure naming every word of the indicator's name)
TOPIC_THRESHOLD = 0.05  # with a shared topic: the topic must weigh in both texts
METHOD_TOPIC = "tf-idf cosine of measure and indicator wording, sharing an indicator topic"
METHOD_WORDING = "tf-idf cosine of measure and indicator wording, the measure naming every word of the indicator"
METHOD_CANDIDATE = "tf-idf cosine of measure and indicator wording, with indicator topics"
METHODS = (METHOD_TOPIC, METHOD_WORDING)


@dataclass(frozen=True)
class Topic:
    """A thing indicators measure, and the phrases plans and statistics use for it."""

    name: str
    patterns: tuple[str, ...]
    note: str


#: What indicators measure, in the words both sides use (patterns are Python regular expressions,
#: ``(?i)`` for any letter case). Add a topic for an indicator whose name shares no word with the
#: measures it tracks; a phrase list, not a model.
TOPICS: tuple[Topic, ...] = (
    Topic("unemployment", (r"(?i)\bunemploy\w*", r"(?i)\bclaimants?\b", r"(?i)\bjobless(?:ness)?\b",
                           r"(?i)\bout[- ]of[- ]work\b"),
          "the claimant count is the usual local measure of unemployment"),
    Topic("NEET", (r"\bNEETs?\b", r"(?i)\bnot in (?:employment|education|training)(?:,? (?:or |and )?"
                                  r"(?:employment|education|(?:work[- ]based )?training)){1,2}"),
          "young people not in education, employment or training"),
    Topic("school readiness", (r"(?i)\bschool[- ]read(?:y|iness)\b", r"(?i)\bready for school\b",
                               r"(?i)\bgood level of development\b"),
          "children reaching a good level of development at the end of Reception are 'school ready'"),
    Topic("healthy life expectancy", (r"(?i)\bhealthy life expectancy\b",),
          "years lived in good health, not life expectancy"),
    Topic("child poverty", (r"(?i)\bchild poverty\b", r"(?i)\bchild(?:ren)?(?: \w+){0,2} in (?:relative |absolute )?"
                                                        r"(?:low[- ]income|poverty)\b",
                            r"(?i)\blow[- ]income famil(?:y|ies)\b"),
          "children in low-income families"),
)

#: Groups an indicator may be about; it then tracks only a measure naming the group. Acronyms
#: match in capitals only ("SEND", not "send").
SUBGROUPS: tuple[Topic, ...] = (
    Topic("free school meals", (r"(?i)\bfree school meals?\b", r"\bFSM\b"), "pupils eligible for free school meals"),
    Topic("special educational needs", (r"\bSEND?\b", r"(?i)\bspecial educational needs\b"),
          "pupils with SEN or SEND"),
    Topic("children in care", (r"(?i)\bcare leavers?\b", r"(?i)\blooked[- ]after\b", r"(?i)\bchildren in care\b"),
          "looked-after children and care leavers"),
    Topic("disadvantaged pupils", (r"(?i)\bdisadvantaged\b",), "pupils counted as disadvantaged"),
)

GAP = re.compile(r"\b(?:gaps?|inequalit(?:y|ies)|disparit(?:y|ies)|differences? between)\b", re.IGNORECASE)
#: words of an indicator's name that say what kind of number it is, not what it counts
STAT_WORDS = frozenset(align._stem(w) for w in (
    "percentage", "percent", "proportion", "number", "numbers", "count", "rate", "rates", "per", "share",
    "total", "value", "level", "levels", "figure", "average", "mean", "median"))
_COUNT_STATISTICS = frozenset({"count", "number", "numbers", "total"})
_RATE = re.compile(r"\b(?:percentage|percent|proportion|rate|ratio|per \d|share)\b|%", re.IGNORECASE)
_TOPIC_MARK = "@"


def found(topics: tuple[Topic, ...], text: str) -> dict[str, list[str]]:
    """Topic name -> the phrases of ``text`` that name it (as written), for each topic named."""
    out: dict[str, list[str]] = {}
    for topic in topics:
        spans = [m.group(0) for p in topic.patterns for m in re.finditer(p, text)]
        if spans:
            out[topic.name] = spans
    return out


def is_count(node: Node) -> bool:
    """Whether an indicator counts things (its statistic is a count, or its name says so) rather than
    giving a rate, percentage or proportion."""
    if node.statistic is not None:
        return node.statistic.strip().lower() in _COUNT_STATISTICS
    return bool(re.search(r"\b(?:count|number of)\b", node.text, re.IGNORECASE)) and not _RATE.search(node.text)


@dataclass(frozen=True)
class Pair:
    """A measure and an indicator compared: score, shared terms, topics, what passes and what blocks."""

    measure: str
    indicator: str
    score: float
    terms: tuple[str, ...]
    topics: tuple[str, ...]
    missing: tuple[str, ...]  # words of the indicator's name the measure does not name
    blocked: str | None  # the rule that keeps them apart, in words

    @property
    def method(self) -> str | None:
        """How the pair passes (``METHOD_TOPIC`` or ``METHOD_WORDING``), or None."""
        if self.blocked is not None:
            return None
        if self.topics and self.score >= TOPIC_THRESHOLD:
            return METHOD_TOPIC
        if not self.missing and self.score >= THRESHOLD:
            return METHOD_WORDING
        return None

    @property
    def threshold(self) -> float:
        """The score this pair needs: lower with a shared topic."""
        return TOPIC_THRESHOLD if self.topics else THRESHOLD


class IndicatorScores:
    """Every measure of ``graph`` scored against every indicator (module docstring).

    ``pairs[m]``: the measure's pairs sharing at least one term, best first (ties by id).
    """

    def __init__(self, graph: PlanGraph, stopwords: frozenset[str] = frozenset()) -> None:
        """Score every measure of ``graph`` against every indicator (``stopwords``: the profiles')."""
        self.nodes = {n.id: n for n in graph.nodes}
        self.measures = sorted(n.id for n in graph.nodes if n.kind == "measure")
        self.indicators = sorted(n.id for n in graph.nodes if n.kind == "indicator")
        texts = {i: self.nodes[i].text for i in [*self.measures, *self.indicators]}
        self.topics = {i: found(TOPICS, t) for i, t in texts.items()}
        self.subgroups = {i: found(SUBGROUPS, t) for i, t in texts.items()}
        self.vectors, self.surfaces, self.words = self._vectors(texts, stopwords)
        self.pairs = {m: self._pairs(m) for m in self.measures}

    def _vectors(self, texts: dict[str, str], stopwords: frozenset[str]
                 ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, str]], dict[str, set[str]]]:
        """TF-IDF vectors (terms of ``align.terms_of`` plus one per topic named), each text's term -> its
        words as written, and each text's single-word stems."""
        spelled = align.acronyms(texts[k] for k in sorted(texts))
        bags: dict[str, Counter[str]] = {}
        surfaces: dict[str, dict[str, str]] = {}
        words: dict[str, set[str]] = {}
        for key in sorted(texts):
            terms, shown = align.terms_of(texts[key], stopwords, spelled)
            words[key] = {t for t in terms if " " not in t and not t.startswith(align._NAME_MARK)}
            topics = [_TOPIC_MARK + t for t in sorted(self.topics[key])]
            bags[key] = Counter(terms + topics)
            surfaces[key] = {**shown, **{_TOPIC_MARK + t: f"topic '{t}'" for t in self.topics[key]}}
        return align.weigh(bags), surfaces, words

    def _blocked(self, m: str, i: str) -> str | None:
        """The rule that keeps measure ``m`` and indicator ``i`` apart, in words, or None."""
        measure, indicator = self.nodes[m].text, self.nodes[i].text
        gap = GAP.search(measure)
        if gap and not GAP.search(indicator):
            return (f"gap rule: the measure is about a gap ('{gap.group(0)}'), the indicator is a level, "
                    "which can rise while a gap widens")
        for group, spans in sorted(self.subgroups[i].items()):
            if group not in self.subgroups[m]:
                return f"subgroup rule: the indicator is about {group} ('{spans[0]}'), which the measure does not name"
        return None

    def _pairs(self, m: str) -> list[Pair]:
        """Measure ``m`` against each indicator sharing a term with it, best first (ties by id)."""
        out = []
        vm = self.vectors[m]
        for i in self.indicators:
            vi = self.vectors[i]
            shared = sorted(vm.keys() & vi.keys(), key=lambda t: (-vm[t] * vi[t], t))
            if not shared:
                continue
            score = round(min(1.0, sum(vm[t] * vi[t] for t in shared)), 4)
            said = {**self.surfaces[i], **self.surfaces[m]}  # the measure's words as it writes them
            terms = tuple(said.get(t, t) for t in shared if align._shown(t) or t.startswith(_TOPIC_MARK))[:6]
            missing = tuple(sorted(self.surfaces[i].get(w, w) for w in self.words[i] - self.words[m] - STAT_WORDS))
            out.append(Pair(m, i, score, terms, tuple(sorted(self.topics[m].keys() & self.topics[i].keys())),
                            missing, self._blocked(m, i)))
        return sorted(out, key=lambda p: (-p.score, p.indicator))

    def chosen(self, m: str) -> tuple[list[Pair], str]:
        """The pairs measure ``m`` is linked by (the best passing indicator and its breakdown siblings),
        and a note on a count passed over for a rate ("" when none)."""
        passing = [p for p in self.pairs[m] if p.method is not None]
        if not passing:
            return [], ""
        best, why = passing[0], ""
        if is_count(self.nodes[best.indicator]):
            rates = [p for p in passing if not is_count(self.nodes[p.indicator]) and p.topics == best.topics
                     and self._files(p.indicator) & self._files(best.indicator)]
            if rates:
                why = (f"preferred to '{self.nodes[best.indicator].label}' ({best.score:.2f}), a count: a rate or "
                       "proportion compares across areas of different sizes")
                best = rates[0]
        b = self.nodes[best.indicator]
        siblings = [p for p in passing if p.indicator != best.indicator and self.nodes[p.indicator].text == b.text
                    and (self.nodes[p.indicator].statistic, self.nodes[p.indicator].unit) == (b.statistic, b.unit)]
        return [best, *siblings], why

    def _files(self, i: str) -> set[str]:
        """The files indicator ``i`` is read from."""
        return {s.document for s in self.nodes[i].sources}

    def note(self, pair: Pair, why: str = "") -> str:
        """The evidence note of a link: score, topic and words shared, a count passed over, the nearest other."""
        parts = [f"score {pair.score:.2f}"]
        for t in pair.topics:
            parts.append(f"topic '{t}': '{self.topics[pair.measure][t][0]}' in the measure, "
                         f"'{self.topics[pair.indicator][t][0]}' in the indicator")
        words = [t for t in pair.terms if not t.startswith("topic ")]
        if words:
            parts.append(f"shared terms: {', '.join(words)}")
        if why:
            parts.append(why)
        linked_text = self.nodes[pair.indicator].text
        others = [p for p in self.pairs[pair.measure] if self.nodes[p.indicator].text != linked_text
                  and f"'{self.nodes[p.indicator].label}'" not in why]
        if others:
            parts.append(f"nearest other: '{self.nodes[others[0].indicator].label}' ({others[0].score:.2f})")
        return "; ".join(parts)

    def links(self) -> list[Link]:
        """The inferred ``tracked_by`` links, by measure and indicator."""
        out = []
        for m in self.measures:
            pairs, why = self.chosen(m)
            for p in pairs:
                method = p.method or METHOD_TOPIC
                out.append(Link(source=m, target=p.indicator, kind="tracked_by", origin="inferred",
                                confidence=p.score, evidence=Evidence(
                                    method=method, note=self.note(p, why if p is pairs[0] else ""),
                                    sources=[self.nodes[m].sources[0], self.nodes[p.indicator].sources[0]])))
        return out

    def candidates(self, m: str, k: int = 3) -> list[Candidate]:
        """The ``k`` nearest indicators of measure ``m``, best first, each with why it is not linked where
        it scores enough."""
        out = []
        for p in self.pairs.get(m, [])[:k]:
            note = p.blocked
            if note is None and p.score >= p.threshold and p.method is None:
                note = (f"no topic shared, and the measure does not name {', '.join(repr(w) for w in p.missing)} "
                        "of the indicator's name")
            out.append(Candidate(node=p.indicator, score=p.score, threshold=p.threshold, terms=list(p.terms),
                                 method=METHOD_CANDIDATE, note=note))
        return out

    def matched_words(self, m: str, i: str) -> list[str]:
        """The measure's words that matched indicator ``i``: the phrases naming a shared topic, and the
        words whose stems both texts use (lower case)."""
        text = self.nodes[m].text
        out = [w.lower() for t in sorted(self.topics[m].keys() & self.topics.get(i, {}).keys())
               for span in self.topics[m][t] for w in re.findall(r"[A-Za-z]+", span)]
        shared = self.words[m] & self.words.get(i, set())
        out += [w.lower() for w in re.findall(r"[A-Za-z]+", text) if align._stem(w.lower()) in shared]
        return sorted(set(out))
