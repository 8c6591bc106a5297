"""Readers: one per file format, each turning a document into numbered lines.

Inputs: a file path and its name relative to the corpus folder.
Outputs: a ``DocumentText`` (goldenthread.loaders.text): the numbered lines that
profiles match. Plain text (``.txt``, ``.md``) is read as written; other formats
are *rendered* to text with the layout cues profiles need (conventions in
``render.py``: ``#`` headings, list markers, ``**bold**``, tab-separated table
rows), and the build writes that text to ``OUT/text/<name>.txt`` so every quote
can be found at its stated lines.

A reader is a function ``(path, name) -> DocumentText``; it raises
``Unreadable`` for a file it cannot use (empty, encrypted, no text layer,
wrong encoding), which the build lists as skipped with the reason, and
``LoadError`` never for anything else. ``register_reader`` adds a format, in
the spirit of rdflib's parser plugins.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from goldenthread.core.errors import Unreadable
from goldenthread.loaders.text import DocumentText, read_document

__all__ = ["READERS", "Reader", "Unreadable", "read_any", "reader_for", "register_reader"]

Reader = Callable[[Path, str], DocumentText]

READERS: dict[str, Reader] = {}


def register_reader(suffixes: tuple[str, ...] | list[str], reader: Reader) -> None:
    """Read files ending in any of ``suffixes`` (".pdf", lower case) with ``reader``."""
    for suffix in suffixes:
        READERS[suffix.lower()] = reader


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s format (by suffix), or None."""
    return READERS.get(path.suffix.lower())


def read_any(path: Path, name: str | None = None) -> DocumentText:
    """Read ``path`` with the reader of its format; ``Unreadable`` when there is none."""
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise Unreadable(f"no reader for '{path.suffix or 'files without a suffix'}' files (read: {known})",
                         path)
    return reader(path, name or path.name)


def _on_first_use(module: str) -> Reader:
    """The ``read`` of ``goldenthread.loaders.readers.<module>``, imported with its format's
    library when the first file of that format is read: a corpus of text files never loads
    pdfplumber, python-docx or BeautifulSoup (~0.13 s of every build's start)."""
    def read(path: Path, name: str) -> DocumentText:
        reader: Reader = import_module(f"goldenthread.loaders.readers.{module}").read
        return reader(path, name)

    return read


def _register_builtins() -> None:
    register_reader((".txt", ".text"), read_document)
    register_reader((".md", ".markdown"), _on_first_use("markdown"))
    register_reader((".pdf",), _on_first_use("pdf"))
    register_reader((".docx",), _on_first_use("docx"))
    register_reader((".html", ".htm"), _on_first_use("html"))


_register_builtins()
