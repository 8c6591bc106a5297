"""Reading the TOML files users write (profiles, manifests, alias lists), with located errors.

Inputs: a path and what the file is ("profile", "manifest", "alias file").
Outputs: the file's text (for locating keys later) and its parsed data; a missing,
unreadable or invalid file is a ``LoadError`` naming the file (and line for bad TOML).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from goldenthread.loaders.errors import LoadError


def read_toml(path: Path, what: str) -> tuple[str, dict[str, Any]]:
    """The text of TOML file ``path`` and its parsed data; ``LoadError`` (naming ``what`` and the line) when
    it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError(f"{what} not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read {what}: {exc}", path) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise LoadError(f"invalid TOML: {exc}", path, int(m.group(1)) if m else None) from None
