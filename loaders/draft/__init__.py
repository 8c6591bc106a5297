"""Drafting a profile for a document in a house style goldenthread does not know yet.

``draft_profile(doc)`` reads a document's lines (no council's phrases are
built in) and proposes a commented ``outline`` profile: heading shapes as
themes and priorities, lists of commitments and measures, delivery and
oversight statements, tables, page furniture, how to recognise the document.
``compare_extracts`` measures how much of a hand-written profile's reading a
drafted profile recovers (``benchmarks/draft.py``).
"""

from goldenthread.loaders.draft.compare import KindRecovery, compare_extracts, same_text
from goldenthread.loaders.draft.core import draft_profile
from goldenthread.loaders.draft.model import Draft, RuleSummary

__all__ = ["Draft", "KindRecovery", "RuleSummary", "compare_extracts", "draft_profile", "same_text"]
