"""Drafted profiles against hand-written ones: how much of their reading is recovered.

Usage: python benchmarks/draft.py [STOCKPORT_CORPUS]

For each Northmere example document (hand-written profiles in
examples/northmere/profiles) and each Stockport document (the built-in profile
that recognises it), drafts a profile from the document alone, reads the
document with both profiles (goldenthread.loaders.outline.load_outline), and
prints per kind (priority, commitment, measure): the hand-written mentions,
the drafted mentions, how many hand-written mentions a drafted mention of the
same kind recovers, and the share. Kinds the hand-written profile does not
read in a document show "–".

Matching (goldenthread.loaders.draft.compare.same_text): content words with a
Jaccard similarity of at least 0.8, or one text's words all contained in the
other's and at least half of them. Priorities are compared by label,
commitments and measures by full text. The product owner's target is a share
of at least 0.90 for every document and kind with hand-written mentions.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from goldenthread.loaders.draft import draft_profile
from goldenthread.loaders.draft.compare import KindRecovery
from goldenthread.loaders.draft.evaluate import recovery
from goldenthread.loaders.manifest import load_manifest
from goldenthread.loaders.profile import Profile, discover_profiles, load_profile, recognises
from goldenthread.loaders.text import DocumentText, read_document

ROOT = Path(__file__).resolve().parent.parent
NORTHMERE = ROOT / "examples" / "northmere"
TARGET = 0.90


def northmere_pairs() -> list[tuple[DocumentText, Profile]]:
    """The example documents with the profiles their manifest names."""
    manifest = load_manifest(NORTHMERE / "goldenthread.toml")
    profiles = {p.name: p for p in (load_profile(f) for f in sorted((NORTHMERE / "profiles").glob("*.toml")))}
    return [(read_document(NORTHMERE / e.file), profiles[e.profile]) for e in manifest.documents]


def stockport_pairs(corpus: Path) -> list[tuple[DocumentText, Profile]]:
    """Each Stockport document with the one built-in profile that recognises it."""
    builtin = discover_profiles()
    pairs = []
    for path in sorted(corpus.glob("*.txt")):
        doc = read_document(path)
        matching = [p for p in builtin if recognises(p, doc.name, doc.full_text)]
        if len(matching) == 1:
            pairs.append((doc, matching[0]))
    return pairs


def rows_for(pairs: list[tuple[DocumentText, Profile]]) -> list[KindRecovery]:
    """Recovery rows for every document, in order."""
    return [row for doc, profile in pairs for row in recovery(doc, profile, draft_profile(doc))]


def table(rows: list[KindRecovery]) -> str:
    """The result as a Markdown table ("–" where nothing was hand-written)."""
    out = ["| document | kind | hand-written | drafted | recovered | share |", "|---|---|---|---|---|---|"]
    for r in rows:
        if r.hand == 0:
            out.append(f"| {r.document} | {r.kind} | – | {r.drafted} | – | – |")
        else:
            mark = "" if r.share >= TARGET else " ✗"
            out.append(f"| {r.document} | {r.kind} | {r.hand} | {r.drafted} | {r.recovered} | "
                       f"{r.share:.2f}{mark} |")
    return "\n".join(out)


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "stockport"
    pairs = northmere_pairs()
    if corpus.is_dir():
        pairs += stockport_pairs(corpus)
    else:
        print(f"(Stockport corpus not found at {corpus}: Northmere only)\n")
    start = time.perf_counter()
    rows = rows_for(pairs)
    print(table(rows))
    scored = [r for r in rows if r.hand]
    below = [r for r in scored if r.share < TARGET]
    print(f"\n{len(scored) - len(below)} of {len(scored)} (document, kind) pairs reach {TARGET:.2f}; "
          f"{len(pairs)} documents drafted and read twice in {time.perf_counter() - start:.1f} s")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
