"""Reading a document with a drafted profile, and scoring it against a hand-written one.

Inputs: a ``DocumentText``, its hand-written ``Profile`` and (optionally) a ``Draft``.
Outputs: the drafted ``Profile`` as ``load_profile`` reads it (the TOML is
written to a temporary file, so a draft is checked exactly as a user's file
would be), and per-kind ``KindRecovery`` rows. Used by ``benchmarks/draft.py``
and the tests alike, so both measure the same thing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from goldenthread.loaders.draft.compare import KINDS, KindRecovery, compare_extracts
from goldenthread.loaders.draft.core import draft_profile
from goldenthread.loaders.draft.model import Draft
from goldenthread.loaders.outline import load_outline
from goldenthread.loaders.profile import Profile, load_profile
from goldenthread.loaders.text import DocumentText


def load_draft(draft: Draft, name: str = "drafted.toml") -> Profile:
    """The drafted profile, validated by ``load_profile`` from a temporary file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(draft.toml, encoding="utf-8")
        return load_profile(path).model_copy(update={"path": None})


def recovery(doc: DocumentText, hand: Profile, draft: Draft | None = None,
             kinds: tuple[str, ...] = KINDS) -> list[KindRecovery]:
    """Read ``doc`` with ``hand`` and with the draft (made here if not given); compare per kind."""
    drafted = load_draft(draft or draft_profile(doc))
    return compare_extracts(load_outline(doc, hand), load_outline(doc, drafted), kinds)
