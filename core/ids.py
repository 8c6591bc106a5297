"""Stable identifiers and matching keys, derived from content.

Inputs: labels (free text) and stop-word lists.
Outputs: ``match_key`` (order-free, used to recognise the same priority named
"A healthy and happy Stockport" in one document and "Happy and Healthy" in
another) and ``slugify`` (order-kept, used inside node ids).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents folded, apostrophes dropped).

    Examples
    --------
    >>> words("Stockport's Café: 2030 plan")
    ['stockports', 'cafe', '2030', 'plan']
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"['’]", "", folded)
    return _WORD.findall(folded)


def match_key(text: str, stopwords: Iterable[str] = ()) -> str:
    """Sorted content words: equal keys mean 'the same name, reworded'.

    Examples
    --------
    >>> match_key("A healthy and happy Stockport", stopwords=["a", "and"])
    'happy healthy stockport'
    >>> match_key("Happy and Healthy Stockport", stopwords=["a", "and"])
    'happy healthy stockport'

    A name made only of stop words keeps them:

    >>> match_key("The", stopwords=["the"])
    'the'
    """
    stop = set(stopwords)
    kept = sorted({w for w in words(text) if w not in stop})
    return " ".join(kept) if kept else " ".join(sorted(set(words(text))))


def slugify(text: str, stopwords: Iterable[str] = (), max_words: int = 6) -> str:
    """Short readable id segment: the first content words, in order.

    Examples
    --------
    >>> slugify("A Caring and Growing Borough", stopwords=["a", "and"], max_words=2)
    'caring-growing'
    >>> slugify("")
    'x'
    """
    stop = set(stopwords)
    kept = [w for w in words(text) if w not in stop] or words(text) or ["x"]
    return "-".join(kept[:max_words])
