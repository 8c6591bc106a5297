"""How much of a hand-written profile's reading a drafted profile recovers.

Inputs: two ``DocumentExtract`` of the same document (goldenthread.loaders.extract),
one read with the hand-written profile, one with the drafted profile.
Outputs: per kind (priority, commitment, measure) a ``KindRecovery``: how many
mentions the hand-written reading has, how many the drafted one has, and how
many hand-written mentions a drafted mention of the same kind recovers.

Matching rule (``same_text``): two texts are the same when their content words
(lower-case ASCII words, common function words dropped) have a Jaccard
similarity of at least 0.8, or when one text's words are all contained in the
other's and make up at least half of them (an item read with or without its
wrapped last line or sub-items). Priorities are compared by label (their
heading), commitments and measures by full text. A drafted mention may recover
several hand-written ones: a plan that names a priority twice (an overview and
its own section) has two mentions of one priority, and the graph merges them.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.core.ids import words
from goldenthread.loaders.extract import DocumentExtract, Mention

KINDS = ("priority", "commitment", "measure")
JACCARD = 0.8
CONTAINED = 0.5
_FUNCTION_WORDS = frozenset(
    "a an and the of for to in on at by with our we will be is are as from this that it its their "
    "or".split())


def content_words(text: str) -> frozenset[str]:
    """Lower-case words of ``text`` without function words (markup and punctuation dropped)."""
    return frozenset(w for w in words(text) if w not in _FUNCTION_WORDS)


def same_text(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` say the same thing (see the module docstring for the rule)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return wa == wb and " ".join(words(a)) == " ".join(words(b))
    if len(wa & wb) / len(wa | wb) >= JACCARD:
        return True
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return small <= large and len(small) >= CONTAINED * len(large)


def _compared(m: Mention) -> str:
    """The text a mention is compared by: a priority's label, otherwise its full text."""
    return m.label if m.kind == "priority" else m.text


@dataclass(frozen=True)
class KindRecovery:
    """Recovery of one kind in one document; ``share`` is None when nothing was hand-written."""

    document: str
    kind: str
    hand: int
    drafted: int
    recovered: int

    @property
    def share(self) -> float | None:
        """Share of the hand-written mentions recovered; None when there are none."""
        return self.recovered / self.hand if self.hand else None


def compare_extracts(hand: DocumentExtract, drafted: DocumentExtract,
                     kinds: tuple[str, ...] = KINDS) -> list[KindRecovery]:
    """Per kind: hand-written mentions, drafted mentions, hand-written ones recovered."""
    out = []
    for kind in kinds:
        h = [_compared(m) for m in hand.mentions if m.kind == kind]
        d = [_compared(m) for m in drafted.mentions if m.kind == kind]
        recovered = sum(1 for text in h if any(same_text(text, other) for other in d))
        out.append(KindRecovery(hand.document, kind, len(h), len(d), recovered))
    return out
