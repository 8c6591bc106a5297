"""The first bytes of a document file, which tell a reader whether the format is right.

Inputs: a path and how many bytes to read.
Outputs: those bytes; ``Unreadable("empty file")`` for an empty file, ``LoadError`` when the
file cannot be read at all. Shared by the readers of binary formats (PDF, Word).
"""

from __future__ import annotations

from pathlib import Path

from goldenthread.core.errors import LoadError, Unreadable


def file_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of ``path``; ``Unreadable`` for an empty file, ``LoadError`` when it cannot be
    read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    if not head:
        raise Unreadable("empty file", path)
    return head
