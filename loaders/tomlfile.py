"""Reading the TOML files users write (profiles, manifests, alias lists), with located errors.

Inputs: a path and what the file is ("profile", "manifest", "alias file").
Outputs: the file's text (for locating keys later) and its parsed data; a missing,
unreadable or invalid file is a ``LoadError`` naming the file (and line for bad TOML).
``line_of_key`` finds the line of a key in that text, so errors found after parsing
(pydantic validation, references between keys) name the line too.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from goldenthread.core.errors import LoadError


def read_toml(path: Path, what: str) -> tuple[str, dict[str, Any]]:
    """The text of TOML file ``path`` and its parsed data; ``LoadError`` (naming ``what`` and the line) when
    it cannot be read or parsed."""
    text = read_text(path, what)
    return text, parse_toml(text, path)


def read_text(path: Path, what: str) -> str:
    """The text of file ``path``; ``LoadError`` (naming ``what``) when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError(f"{what} not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read {what}: {exc}", path) from None


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The data of TOML ``text`` (read from ``path``); ``LoadError`` naming the line when it is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise LoadError(f"invalid TOML: {exc}", path, int(m.group(1)) if m else None) from None


_HEADER = re.compile(r"^\s*\[")


def line_of_key(toml_text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort 1-based line of the key at path ``loc`` in ``toml_text`` (tomllib keeps no positions).

    ``loc`` is a path as pydantic reports it: table and key names, and for an array of tables
    (``[[lists]]``) the index of the entry, e.g. ``("lists", 1, "fields")``; ``None`` when not found."""
    lines = toml_text.splitlines()
    start = 0
    table: list[str] = []
    for part in loc:
        if isinstance(part, int) and table:
            # the part-th [[table]] header
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(table)) + r"\s*\]\]")
            hits = [i for i, ln in enumerate(lines) if header.match(ln)]
            if part < len(hits):
                start = hits[part]
            continue
        if not isinstance(part, str):
            continue
        key = re.compile(r"^\s*\[{1,2}\s*" + re.escape(".".join(table + [part])) + r"\s*\]{1,2}"
                         r"|^\s*\"?" + re.escape(part) + r"\"?\s*=")
        # inside a table, look only at that table's own lines (up to the next header)
        for i in range(start + 1 if table else start, len(lines)):
            if key.match(lines[i]):
                start = i
                break
            if table and _HEADER.match(lines[i]):
                return start + 1
        else:
            return start + 1 if start else None
        table.append(part)
    return start + 1
