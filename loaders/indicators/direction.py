"""Which way a plan's measure wants its indicator to go, read from the measure's wording.

Inputs: a measure's label or text, as a plan writes it ("Reduced unemployment",
"Increasing the number of children who are 'school ready'").
Outputs: ``Direction``: ``direction`` ``"up"``, ``"down"`` or ``None``; ``evidence``, the
words that decided ("Reduced"), or why none did; ``clauses``, one ``DirectionClause``
(direction, word as written, the words it governs) per direction word read, so a measure
with two aims ("Reduced waste and increased recycling") can be matched to each indicator
(``Direction.towards("Household waste recycled")``).

The rule, in order:

1. Direction words: verbs (reduce, decrease, cut, tackle, minimise, halve, narrow, eliminate,
   lessen… -> down; increase, improve, raise, grow, boost, expand, enhance, strengthen,
   maximise, extend… -> up, in their -s, -ed, -ing and noun forms: "reduction",
   "improvement", "growth") and comparatives (fewer, less, lower, smaller -> down; more,
   higher, greater, better, bigger -> up).
2. A direction word counts where a clause begins: first word, after punctuation (, ; : –
   and brackets), after "and", "or", "but", "while", or after a lead-in ("ensure", "to",
   "we will", "continue", "a"…): "Ensure more young people are 'work ready'" is up; in
   "Increase the number of people with lower incomes" "lower" is part of what is increased.
   Words inside the thing measured do not count: "Reduce the widening gap" is down.
3. When no direction word begins a clause, a past participle anywhere decides
   ("Carbon emissions reduced by half": down).
4. All clauses agree: that direction. They disagree ("More people stay independent and
   well, reducing demand…"): ``None``, the evidence says "mixed", and ``towards`` picks the
   clause about a given indicator. No direction word ("Numbers of children in care"):
   ``None``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

Way = Literal["up", "down"]

_VERB_STEMS: dict[str, Way] = {
    # stem -> direction; forms: stem, stem+s/es, +d/ed, +ing, and the nouns listed below
    "reduc": "down", "decreas": "down", "tackl": "down", "minimis": "down", "minimiz": "down",
    "halv": "down", "narrow": "down", "eliminat": "down", "eradicat": "down", "lessen": "down",
    "lower": "down", "declin": "down",
    "increas": "up", "improv": "up", "rais": "up", "boost": "up", "expand": "up", "enhanc": "up",
    "strengthen": "up", "maximis": "up", "maximiz": "up", "extend": "up", "accelerat": "up", "doubl": "up",
}
_VERB_WORDS: dict[str, Way] = {
    "cut": "down", "cuts": "down", "cutting": "down", "reduction": "down", "reductions": "down",
    "grow": "up", "grows": "up", "growing": "up", "grown": "up", "growth": "up",
    "improvement": "up", "improvements": "up", "expansion": "up", "rise": "up", "rising": "up",
}
_COMPARATIVES: dict[str, Way] = {
    "fewer": "down", "less": "down", "lower": "down", "smaller": "down",
    "more": "up", "higher": "up", "greater": "up", "better": "up", "bigger": "up",
}
_BOUNDARY_WORDS = frozenset({"and", "or", "but", "while", "whilst", "plus", "then"})
_LEAD_INS = frozenset({
    "ensure", "ensuring", "to", "will", "we", "continue", "continued", "continuing", "help", "helping", "support",
    "supporting", "deliver", "delivering", "achieve", "achieving", "see", "seeing", "aim", "aiming", "seek",
    "seeking", "enable", "enabling", "encourage", "encouraging", "promote", "promoting", "drive", "driving",
    "also", "further", "significant", "significantly", "sustained", "a", "an", "overall", "year-on-year"})
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'\u2019][A-Za-z]+)*|[,;:()\[\]\u2013\u2014\u2026]| - |\d[\d.,%]*")
_STOP = frozenset({"and", "or", "in", "of", "the", "a", "an", "to", "for", "with", "but", "our", "their", "its",
                   "on", "by", "at", "from", "across", "within", "number", "numbers", "levels", "level", "rate",
                   "rates", "proportion", "percentage", "people", "who", "are", "is", "all", "being"})
NO_DIRECTION = "no direction word (such as reduce, increase, improve, more, fewer)"


class DirectionClause(BaseModel):
    """One direction word of a measure and what it applies to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    direction: Way
    word: str  # as written: "Reduced"
    about: str  # the words after it, up to the next clause: "waste"


class Direction(BaseModel):
    """Which way a measure wants its indicator to go, with the words that say so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    direction: Way | None
    evidence: str  # "Reduced"; "mixed: …"; "no direction word …"
    clauses: tuple[DirectionClause, ...] = ()

    def towards(self, indicator: str) -> Way | None:
        """The direction for an indicator named ``indicator``: the measure's direction when its clauses
        agree; when they disagree, that of the clause sharing most words with ``indicator`` (``None`` on
        a tie or when none shares a word)."""
        if self.direction is not None or not self.clauses:
            return self.direction
        wanted = _stems(indicator)
        scores = sorted(((len(_stems(c.about) & wanted), c.direction) for c in self.clauses), reverse=True)
        best = scores[0]
        if best[0] == 0 or any(s == best[0] and d != best[1] for s, d in scores[1:]):
            return None
        return best[1]


def _stems(text: str) -> set[str]:
    """Content words of ``text``, cut to 5 letters ("recycling" and "recycled" meet)."""
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _STOP and len(w) > 2}


def _verb(word: str) -> Way | None:
    """The direction of a verb form ("Reduced", "improving", "growth"), or ``None``."""
    lower = word.lower()
    if lower in _VERB_WORDS:
        return _VERB_WORDS[lower]
    for stem, way in _VERB_STEMS.items():
        if lower.startswith(stem) and lower[len(stem):] in ("", "e", "es", "s", "ed", "d", "ing", "ement", "ements"):
            if stem == "lower" and lower == "lower":
                return None  # the comparative, read as one
            return way
    return None


def _participle(word: str) -> Way | None:
    lower = word.lower()
    if lower == "cut" or (lower.endswith("ed") and _verb(lower)):
        return _verb(lower)
    return None


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def desired_direction(measure: str) -> Direction:
    """Whether ``measure`` (a label or full text) wants its indicator to go up or down (rule: module docstring).

    Examples
    --------
    >>> desired_direction("Reduce the number of children in poverty").direction
    'down'
    >>> desired_direction("Percentage of residents satisfied").direction is None
    True
    >>> desired_direction("Increase recycling and reduce waste").evidence
    "mixed: 'Increase' (up: recycling), 'reduce' (down: waste)"
    """
    tokens = _TOKEN.findall(measure)
    hits: list[tuple[int, Way]] = []
    for i, token in enumerate(tokens):
        if not _is_word(token):
            continue
        way = _verb(token) or _COMPARATIVES.get(token.lower())
        if way is None or not _clause_start(tokens, i):
            continue
        hits.append((i, way))
    if not hits:
        hits = [(i, way) for i, t in enumerate(tokens) if _is_word(t) and (way := _participle(t)) is not None][:1]
    if not hits:
        return Direction(direction=None, evidence=NO_DIRECTION)
    clauses = []
    for n, (i, way) in enumerate(hits):
        end = hits[n + 1][0] if n + 1 < len(hits) else len(tokens)
        words = [t for t in tokens[i + 1:end] if _is_word(t) or t[0].isdigit()]
        while words and words[-1].lower() in _BOUNDARY_WORDS | _LEAD_INS:
            words.pop()
        clauses.append(DirectionClause(direction=way, word=tokens[i], about=" ".join(words)))
    ways = {c.direction for c in clauses}
    if len(ways) == 1:
        return Direction(direction=clauses[0].direction, evidence=", ".join(c.word for c in clauses),
                         clauses=tuple(clauses))
    said = ", ".join(f"{c.word!r} ({c.direction}: {c.about})" for c in clauses)
    return Direction(direction=None, evidence=f"mixed: {said}", clauses=tuple(clauses))


def _clause_start(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` begins a clause (rule 2 of the module docstring)."""
    if i == 0:
        return True
    before = tokens[i - 1]
    if before[0].isdigit():
        return _clause_start(tokens, i - 1)  # "a 50% reduction": numbers are transparent
    if not _is_word(before):
        return True
    lower = before.lower()
    if lower in _BOUNDARY_WORDS:
        # "higher and lower": two comparatives joined are one thing, not two clauses
        return not (i >= 2 and tokens[i - 2].lower() in _COMPARATIVES and tokens[i].lower() in _COMPARATIVES)
    if lower in _LEAD_INS:
        return _clause_start(tokens, i - 1)  # "we will reduce": a lead-in that itself begins a clause
    return False
