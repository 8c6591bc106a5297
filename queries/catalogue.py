"""The library's catalogue: the names, titles and texts of the ``.rq`` files in this folder.

Inputs: the ``queries/*.rq`` files (each opens with a comment line, its title).
Outputs: ``query_text(name)``, the text of one query; ``library()``, every query's name and
title. Kept apart from ``queries/library.py`` (the Python API, with rdflib and the model) so
that what only lists or shows the queries (the endpoint's front page) imports neither.
"""

from __future__ import annotations

from pathlib import Path

from goldenthread.core.errors import GoldenthreadError

QUERY_DIR = Path(__file__).parent


def query_text(name: str) -> str:
    """The text of library query ``name`` (``queries/<name>.rq``)."""
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise GoldenthreadError(f"no library query named '{name}'")
    return path.read_text(encoding="utf-8")


def library() -> dict[str, str]:
    """Every library query: name -> first comment line (its title)."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        out[path.stem] = first.lstrip("# ").strip()
    return out
