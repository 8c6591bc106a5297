"""The one error type users see: a message naming the file (and line)."""

from __future__ import annotations

from pathlib import Path


class GoldenthreadError(Exception):
    """An error caused by the user's input; the CLI prints it as one line."""


class LoadError(GoldenthreadError):
    """Bad input file: carries the path and, where it applies, the 1-based line."""

    def __init__(self, message: str, path: Path | str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {message}")


class Unreadable(LoadError):
    """A file no reader can use (empty, binary, encrypted, no text layer, wrong encoding).

    The build lists such a file as skipped with this reason, unless the manifest names it.
    """
